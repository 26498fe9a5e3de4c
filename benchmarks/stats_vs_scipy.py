"""Co-mention statistics: comention vs the scipy sparse X.T @ X pipeline, same entity lists.

From comention's mentions of Reuters-21578 (../shared/data/news), both systems build the
document-level table of entity pairs with names and the same measures (n_ab, n_a, n_b, N, PMI,
NPMI, G² and its p-value, χ², Dice, logDice, Jaccard, t-score, P(b|a), P(a|b), lift) as a
pandas DataFrame. Each run is its own subprocess on one thread, so CPU-seconds and peak RSS
are its own; the input table is loaded before measuring. Scales 1×, 4× and 16× use perturbed
copies of the corpus (new document ids, 10% of mentions dropped, 10% of entities renamed).
Each run is repeated (`--repeats`, the systems taking turns) and the least CPU time of each
counts, with the largest peak RSS: noise on a shared machine only ever adds time. Beside them,
the floor any such pipeline stands on: pandas factorising the input's two string columns and
the table's 18 columns written once, with nothing counted.

    python benchmarks/stats_vs_scipy.py [--scales 1 4 16] [--repeats N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

from _measure import cpu_seconds as cpu
from _measure import least_of_turns, worker
from _measure import peak_rss_mb as rss_mb

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news" / "reuters21578.jsonl.gz"
# The measure columns both tables hold, beside the names and counts.
MEASURES = ("pmi", "npmi", "g2", "p_value", "chi2", "dice", "log_dice", "jaccard", "t_score", "p_b_given_a", "p_a_given_b", "lift")


def make_input(path: Path, scales: list[int]) -> None:
    import numpy as np
    import pandas as pd

    import comention

    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        docs = pd.DataFrame([json.loads(line) for line in f])
    m = comention.mentions(docs, ids="id")[["doc_id", "entity"]]
    m["doc_id"] = m["doc_id"].astype(str)
    m["entity"] = m["entity"].astype(str)
    rng = np.random.default_rng(7)
    for scale in scales:
        parts = []
        for copy in range(scale):
            c = m if copy == 0 else m[rng.random(len(m)) > 0.1].copy()
            if copy:
                c["doc_id"] = c["doc_id"] + f"#{copy}"
                names = c["entity"].unique()
                renamed = {n: f"{n}~{copy}" for n in names[rng.random(len(names)) < 0.1]}
                c["entity"] = c["entity"].map(lambda n: renamed.get(n, n))
            parts.append(c)
        pd.concat(parts, ignore_index=True).to_parquet(path / f"mentions-{scale}.parquet")


def run_comention(path: str) -> dict:
    import pandas as pd

    import comention

    from comention._counts import to_pandas

    m = pd.read_parquet(path)
    c0, t0 = cpu(), time.perf_counter()
    counts = comention.count_mentions(m, context="document", threads=1)
    c_counted = cpu()
    # The measures the scipy pipeline computes: comention's mention-pair weight, significance
    # flag and disparity filter are columns of their own that it leaves out.
    table = counts._core.edges(threads=1, columns=list(MEASURES))
    c1, w1 = cpu(), time.perf_counter()
    edges = to_pandas([table])
    c2, w2 = cpu(), time.perf_counter()
    stages = {"counting (mention table and pairs)": c_counted - c0, "edge table": c1 - c_counted, "pandas": c2 - c1}
    return {"cpu": c2 - c0, "wall": w2 - t0, "rss": rss_mb(), "edges": len(edges), "docs": counts.n_documents, "columns": sorted(edges.columns),
            "to_pandas_cpu": c2 - c1, "to_pandas_wall": w2 - w1, "stages": stages}


def run_load(path: str) -> dict:
    import pandas as pd

    import comention  # noqa: F401  (the same imports as the measured runs)

    pd.read_parquet(path)
    return {"rss": rss_mb()}


def run_floor(path: str, rows: str) -> dict:
    """What any pipeline ending in this table pays: the input's two string columns factorised (by
    pandas) and the table's columns (two of entity codes, four of counts, twelve of measures)
    written once in fresh memory. Nothing counted or computed."""
    import numpy as np
    import pandas as pd

    m = pd.read_parquet(path)
    n = int(rows)
    c0 = cpu()
    pd.factorize(m["doc_id"])
    pd.factorize(m["entity"])
    columns = [np.full(n, 1, dtype=np.int32) for _ in range(2)] + [np.full(n, 1, dtype=np.int64) for _ in range(4)]
    columns += [np.full(n, 1.5) for _ in MEASURES]
    return {"cpu": cpu() - c0, "rss": rss_mb(), "columns": len(columns)}


def run_scipy(path: str) -> dict:
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp
    from scipy.stats import chi2 as chi2_dist

    m = pd.read_parquet(path)
    c0, t0 = cpu(), time.perf_counter()
    d_codes, d_names = pd.factorize(m["doc_id"])
    e_codes, e_names = pd.factorize(m["entity"])
    c_factorized = cpu()
    x = sp.coo_matrix((np.ones(len(m), dtype=np.int64), (d_codes, e_codes)), shape=(len(d_names), len(e_names))).tocsr()
    x.data[:] = 1  # once per document
    x.sum_duplicates()
    x.data[:] = 1
    c = (x.T @ x).tocoo()
    c_product = cpu()
    n_a_all = np.asarray(x.sum(axis=0)).ravel()
    keep = c.row < c.col
    i, j, n_ab = c.row[keep], c.col[keep], c.data[keep].astype(float)
    n = float(len(d_names))
    a, b = n_a_all[i].astype(float), n_a_all[j].astype(float)
    o = [n_ab, a - n_ab, b - n_ab, n - a - b + n_ab]
    e = [a * b / n, a * (n - b) / n, (n - a) * b / n, (n - a) * (n - b) / n]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(np.where(oo > 0, oo * np.log(oo / ee), 0.0) for oo, ee in zip(o, e))
        pmi = np.log2(n_ab / e[0])
        p_ab = n_ab / n
        dice = 2 * n_ab / (a + b)
        df = pd.DataFrame({
            "source": pd.Categorical.from_codes(i, categories=e_names),
            "target": pd.Categorical.from_codes(j, categories=e_names),
            "n_ab": n_ab.astype(np.int64), "n_a": a.astype(np.int64), "n_b": b.astype(np.int64), "n": int(n),
            "pmi": pmi, "npmi": np.where(p_ab >= 1, 1.0, pmi / -np.log2(p_ab)), "g2": g2,
            "p_value": chi2_dist.sf(g2, 1),
            "chi2": n * (o[0] * o[3] - o[1] * o[2]) ** 2 / (a * (n - a) * b * (n - b)),
            "dice": dice, "log_dice": 14 + np.log2(dice), "jaccard": n_ab / (a + b - n_ab),
            "t_score": (n_ab - e[0]) / np.sqrt(n_ab), "p_b_given_a": n_ab / a, "p_a_given_b": n_ab / b, "lift": n_ab / e[0],
        })
    df = df.sort_values("n_ab", ascending=False, kind="stable")
    c_end = cpu()
    stages = {"factorising": c_factorized - c0, "X.T @ X": c_product - c_factorized, "measures and frame": c_end - c_product}
    return {"cpu": c_end - c0, "wall": time.perf_counter() - t0, "rss": rss_mb(), "edges": len(df), "docs": int(n), "stages": stages,
            "columns": sorted(df.columns)}


def child(kind: str, path: Path, *more: str) -> dict:
    return worker(__file__, ["--worker", kind, str(path), *more])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    p.add_argument("--repeats", type=int, default=3, help="runs of each system at each scale, taking turns (default 3); the least CPU time counts")
    p.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        kind, *rest = args.worker
        run = {"comention": run_comention, "scipy": run_scipy, "load": run_load, "floor": run_floor}[kind]
        print(json.dumps(run(*rest)))
        return
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: the benchmark needs ../shared")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        make_input(tmp, args.scales)
        print("Peak RSS is shown as the whole process and, in brackets, above a run that only loads the input.")
        print(f"{'scale':>5} {'docs':>8} {'edges':>10} | {'comention CPU s':>15} {'peak RSS MB':>16} | {'scipy CPU s':>11} {'peak RSS MB':>16} | {'scipy/comention CPU':>19} {'memory':>7}")
        first = None
        for scale in args.scales:
            path = tmp / f"mentions-{scale}.parquet"
            ours, theirs = least_of_turns(["comention", "scipy"], lambda kind: child(kind, path), args.repeats, by=lambda _: "cpu", rss="rss")
            load = child("load", path)
            grow = lambda r: max(r["rss"] - load["rss"], 0.0)  # noqa: E731
            print(
                f"{scale:>4}x {ours['docs']:>8,} {ours['edges']:>10,} | {ours['cpu']:>15.3f} {ours['rss']:>8.0f} (+{grow(ours):>4.0f}) | "
                f"{theirs['cpu']:>11.3f} {theirs['rss']:>8.0f} (+{grow(theirs):>4.0f}) | {theirs['cpu'] / ours['cpu']:>18.2f}x "
                f"{grow(theirs) / max(grow(ours), 1):>6.1f}x"
            )
            if ours["edges"] != theirs["edges"]:
                print(f"      edge counts differ: {ours['edges']} vs {theirs['edges']}")
            if ours["columns"] != theirs["columns"]:
                print(f"      columns differ: {ours['columns']} vs {theirs['columns']}")
            first = first or ours
            split = lambda r: ", ".join(f"{k} {v:.3f}" for k, v in r["stages"].items())  # noqa: E731
            print(f"      CPU s by stage (the runs above): comention {split(ours)}; scipy {split(theirs)}")
            shared = theirs["stages"]["factorising"] + theirs["stages"]["X.T @ X"]
            print(f"      5x less CPU than scipy is {theirs['cpu'] / 5:.3f} s; scipy's factorising and product alone took {shared:.3f}, "
                  f"comention's counting, which does both, {ours['stages']['counting (mention table and pairs)']:.3f}")
            (floor,) = least_of_turns(["floor"], lambda kind: child(kind, path, str(ours["edges"])), args.repeats, by=lambda _: "cpu", rss="rss")
            print(f"      the floor, with nothing counted: pandas factorising the two input columns and the table's {floor['columns']} columns "
                  f"of {ours['edges']:,} rows written once took {floor['cpu']:.3f} CPU-s, {floor['cpu'] / (theirs['cpu'] / 5):.0%} of the 5x budget")
            print(f"      comention: {ours['cpu'] / first['cpu']:.1f}x the 1x CPU for {scale}x the documents; "
                  f"{ours['edges']:,} edges handed to pandas in {ours['to_pandas_wall']:.3f} s "
                  f"({ours['edges'] / max(ours['to_pandas_wall'], 1e-9) / 1e6:.1f} M rows/s)")


if __name__ == "__main__":
    main()
