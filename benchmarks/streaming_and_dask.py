"""A corpus larger than the in-memory path can hold, streamed locally and run on Dask.

Builds a JSONL file of the requested size from the Reuters corpus in ../shared/data/news
(copies with perturbed ids and dates), then in one run:

1. ``comention analyze FILE -o DIR`` (the CLI: streams, writes every table), in a subprocess;
2. ``comention.analyze_stream(FILE)`` with 2 threads, statistics only, in a subprocess;
3. ``comention.dask.analyze`` on a LocalCluster of 2 single-threaded worker processes,
   statistics only (the same work as 2), reading the file with ``dask.dataframe.read_json``.

It prints wall time, CPU-seconds, peak RSS and MB per CPU-second for each, checks that Dask's
edges equal the local ones, and reports the size of the state that crossed the cluster.

    python benchmarks/streaming_and_dask.py [--gigabytes 1.0] [--keep FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "reuters21578.jsonl.gz"


def build(path: Path, gigabytes: float) -> int:
    """Writes copies of Reuters (ids suffixed, dates shifted a week per copy) until the size."""
    rows = [json.loads(line) for line in gzip.open(SHARED, "rt", encoding="utf-8")]
    target, written, n, copy = int(gigabytes * 1e9), 0, 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target:
            for r in rows:
                d = r.get("date")
                shifted = (date.fromisoformat(d[:10]) + timedelta(weeks=copy)).isoformat() if d else None
                line = json.dumps({"id": f"{r['id']}-{copy}", "date": shifted, "source": r.get("source"), "text": r["text"]}) + "\n"
                written += len(line.encode("utf-8"))
                f.write(line)
                n += 1
                if written >= target:
                    break
            copy += 1
    return n


def measured(code: str) -> tuple[dict[str, float], str]:
    """Runs Python code in a child; its wall time, CPU-seconds and peak RSS (MB), and stderr."""
    wrapper = textwrap.dedent(
        """
        import json, sys, time
        sys.path.insert(0, sys.argv[2])
        from _measure import cpu_seconds, peak_rss_mb
        start = time.perf_counter()
        exec(compile(sys.argv[1], "<bench>", "exec"))
        print(json.dumps({"wall": time.perf_counter() - start, "cpu": cpu_seconds(), "rss": peak_rss_mb()}))
        """
    )
    done = subprocess.run([sys.executable, "-c", wrapper, code, str(Path(__file__).parent)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gigabytes", type=float, default=1.0)
    p.add_argument("--keep", type=Path, help="build (or reuse) the input here instead of a temporary file")
    args = p.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} not found")
    tmp = Path(tempfile.mkdtemp())
    path = args.keep or tmp / "corpus.jsonl"
    if not path.exists():
        n = build(path, args.gigabytes)
    else:
        n = sum(1 for _ in open(path, "rb"))
    mb = path.stat().st_size / 1e6
    print(f"input: {path} ({mb:,.0f} MB, {n:,} documents)")

    cli, _ = measured(f"from comention.cli import main; assert main(['analyze', {str(path)!r}, '-o', {str(tmp / 'out')!r}, '--no-progress', '--jobs', '2']) == 0")
    stream, _ = measured(
        "import comention, pickle\n"
        f"r = comention.analyze_stream({str(path)!r}, ids='id', dates='date', sources='source', threads=2, progress=False)\n"
        f"r.edges().to_parquet({str(tmp / 'local_edges.parquet')!r})\n"
        "print('passes', r.passes, file=sys.stderr)"
    )
    dask_code = textwrap.dedent(
        f"""
        import resource
        import dask.dataframe as dd, pandas as pd
        from distributed import Client, LocalCluster
        import comention.dask
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
            ddf = dd.read_json({str(path)!r}, lines=True, blocksize=16_000_000, dtype=False)
            a = comention.dask.analyze(ddf, ids="id", dates="date", sources="source", tables=())
            usage = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF))
            workers = [(u.ru_utime + u.ru_stime, u.ru_maxrss / 1024) for u in usage.values()]
            local = pd.read_parquet({str(tmp / 'local_edges.parquet')!r})
            same = a.edges.reset_index(drop=True).equals(local.reset_index(drop=True))
            print(json.dumps({{"workers": workers, "state": a.state_bytes, "partitions": ddf.npartitions, "same": bool(same)}}), file=sys.stderr)
        """
    )
    client_side, err = measured(dask_code)
    info = json.loads([line for line in err.splitlines() if line.startswith("{")][-1])
    dask = {
        "wall": client_side["wall"],
        "cpu": client_side["cpu"] + sum(c for c, _ in info["workers"]),
        "rss": max(r for _, r in info["workers"]),
    }

    print(f"\n{'run':52s} {'wall s':>8s} {'CPU s':>8s} {'MB/CPU-s':>9s} {'peak RSS MB':>12s}")
    for name, r in [
        ("comention analyze (CLI, 2 threads, writes tables)", cli),
        ("analyze_stream (2 threads, statistics only)", stream),
        ("comention.dask, LocalCluster 2 workers x 1 thread", dask),
    ]:
        print(f"{name:52s} {r['wall']:8.1f} {r['cpu']:8.1f} {mb / r['cpu']:9.2f} {r['rss']:12.0f}")
    print(f"\nDask: {info['partitions']} partitions; peak RSS is the larger worker's (client {client_side['rss']:.0f} MB)")
    print(f"Dask wall time / local streaming wall time: {dask['wall'] / stream['wall']:.2f}")
    print(f"Dask edges equal the local edges: {info['same']}")
    print(f"state merged across the cluster: registry {info['state']['registry'] / 1e6:.2f} MB, counts {info['state']['counts'] / 1e6:.2f} MB")
    if os.environ.get("KEEP_OUTPUT") is None:
        for f in sorted(tmp.rglob("*"), reverse=True):
            if args.keep is None or f != path:
                f.unlink() if f.is_file() else f.rmdir()


if __name__ == "__main__":
    main()
