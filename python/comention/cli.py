"""The ``comention`` command: ``demo`` on the bundled sample, ``analyze`` and ``clean`` on your own corpus."""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pandas as pd

from . import __version__
from ._api import Analysis, CountOptions, alias_frame, analyze, check_count_options, learn_boilerplate
from ._core import RecurringLines
from ._counts import Counts
from .io import FORMATS, read_chunks, write_table
from .sample import load_sample
from .stream import StreamResult, Summary, analyze_stream, clean_stream


def _rule(title: str) -> str:
    return f"\n{title}\n{'─' * len(title)}"


def _table(df: pd.DataFrame) -> str:
    return df.to_string(index=False, float_format=lambda x: f"{x:,.2f}")


def report(result: Analysis | StreamResult, *, seconds: float, top: int = 12, min_pair: int = 2, edges: pd.DataFrame | None = None) -> str:
    """A readable summary of an analysis: corpus, cleaning audit, top entities, strongest pairs."""
    if isinstance(result, Analysis):
        s = Summary.of_frames(result.documents, result.mentions, result.removals)
        edges = result.edges if edges is None else edges
    else:
        s = result.summary
        edges = result.edges() if edges is None else edges
    entities = result.entities
    lines = []
    lines.append(
        f"{s.documents:,} documents, {s.sentences:,} sentences, {s.tokens:,} tokens in {seconds:.2f} s"
        + (f"; {s.errors} could not be processed (see the 'error' column)" if s.errors else "")
    )
    if s.removals:
        parts = ", ".join(f"{rule} {n}" for rule, n in s.removals.most_common())
        lines.append(f"cleaning removed {s.removals.total():,} stretches of page chrome and repeats: {parts}")
    lines.append(
        f"{s.mentions.total():,} entity mentions of {len(entities):,} canonical entities ("
        + ", ".join(f"{k} {v:,}" for k, v in s.mentions.most_common())
        + ")"
    )

    lines.append(_rule("Most mentioned entities"))
    ent = entities.head(top).rename(columns={"n_mentions": "mentions", "n_documents": "documents"})
    lines.append(_table(ent[["entity", "label", "mentions", "documents"]]))

    unit = result.counts.context
    by = "g2" if "g2" in edges.columns else "n_ab"
    strong = edges[edges["n_ab"] >= min_pair].sort_values([by, "n_ab"], ascending=False).head(top)
    lines.append(_rule(f"Strongest co-mentions (same {unit}, at least {min_pair} {unit}s, by {'log-likelihood G²' if by == 'g2' else 'count'})"))
    if len(strong):
        t = strong.rename(columns={"source": "entity A", "target": "entity B", "n_ab": "together"})
        shown = ["entity A", "entity B", "together", *[c for c in ("pmi", "npmi", "g2") if c in t.columns]]
        lines.append(_table(t[shown]))
    else:
        lines.append("(no pair is co-mentioned that often)")
    if "burst" in edges.columns and "burst_start" in edges.columns:
        bursts = edges.dropna(subset=["burst"]).sort_values("burst", ascending=False).head(min(top, 5))
        if len(bursts):
            lines.append(_rule(f"Strongest bursts (Kleinberg, per {result.counts.period})"))
            b = bursts.rename(columns={"source": "entity A", "target": "entity B", "n_ab": "together"})
            b["from"] = b["burst_start"].dt.strftime("%Y-%m-%d")
            b["to"] = b["burst_end"].dt.strftime("%Y-%m-%d")
            lines.append(_table(b[["entity A", "entity B", "together", "burst", "from", "to"]]))
    return "\n".join(lines)


def _demo(args: argparse.Namespace) -> int:
    corpus = load_sample()
    print(f"comention {__version__} demo: {len(corpus)} sample news articles (original texts bundled with the package)\n")
    start = time.perf_counter()
    result = analyze(corpus, ids="id", dates="date", sources="source", context=args.context, threads=args.jobs, period="month", evidence=2)
    print(report(result, seconds=time.perf_counter() - start, top=args.top))
    best = result.edges[result.edges["n_ab"] >= 2].sort_values("g2", ascending=False).iloc[0]
    ev = result.evidence(best["source"], best["target"]).iloc[0]
    print(_rule(f"Evidence for {best['source']} – {best['target']}: {ev['doc_id']}, characters {ev['raw_start']}–{ev['raw_end']}"))
    print(ev["text"])
    first = result.documents.iloc[0]
    m = result.mentions[result.mentions["doc_id"] == first["doc_id"]].head(8)
    print(_rule(f"Mentions in {first['doc_id']} ({first['date']:%Y-%m-%d}, {first['source']}): offsets into the raw text"))
    print(_table(m[["text", "label", "entity", "raw_start", "raw_end"]]))
    return 0


class _Refused(Exception):
    """An input the command cannot read as asked: said on stderr, exit status 2."""


def _columns(args: argparse.Namespace) -> Callable[[str | None], str | None]:
    """Checks the input's first rows for the columns named, and returns what picks a column
    that is there (the default id, date and source columns may be missing)."""
    first = next(iter(read_chunks(args.input, rows=1)), pd.DataFrame())
    if first.empty and first.columns.empty:
        # An empty file has no columns either: say so, not that its text column is missing.
        raise _Refused(f"no documents in {args.input}")
    columns = first.columns
    if args.text not in columns:
        raise _Refused(f"no column {args.text!r} in {args.input} (columns: {', '.join(map(str, columns))}); use --text")
    for name, col in (("--id", args.id), ("--date", args.date), ("--source", args.source)):
        if col and col not in columns and col not in ("id", "date", "source"):
            raise _Refused(f"no column {col!r} for {name} in {args.input}")
    return lambda col: col if col and col in columns else None


def _learned(args: argparse.Namespace, pick: Callable[[str | None], str | None]) -> RecurringLines | None:
    """With --learn-boilerplate, the lines that recur across each source's documents, learned
    in a first read of the input."""
    if not args.learn_boilerplate:
        return None
    evidence = RecurringLines()
    for chunk in read_chunks(args.input, rows=args.batch_size):
        learn_boilerplate(chunk, sources=pick(args.source), text=args.text, into=evidence, threads=args.jobs)
    return evidence


def _clean(args: argparse.Namespace) -> int:
    pick = _columns(args)
    start = time.perf_counter()
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    result = clean_stream(
        args.input, output=out, format=args.format, text_files=args.text_files, text=args.text, ids=pick(args.id),
        dates=pick(args.date), sources=pick(args.source), threads=args.jobs, batch_size=args.batch_size,
        progress=not args.no_progress, time_limit=args.time_limit, boilerplate=args.boilerplate,
        corpus_boilerplate=_learned(args, pick), main_content=not args.no_main_content,
    )
    s = result.summary
    print(
        f"{s.documents:,} documents cleaned in {time.perf_counter() - start:.2f} s, {result.characters:,} characters of text kept"
        + (f"; {s.errors} could not be processed (see the 'error' column)" if s.errors else "")
    )
    if s.removals:
        parts = ", ".join(f"{rule} {n:,}" for rule, n in s.removals.most_common())
        print(f"removed {s.removals.total():,} stretches of page chrome and repeats: {parts}")
    print(_rule("Written"))
    for w in result.files.values():
        print(w)
    return 0


def _analyze(args: argparse.Namespace) -> int:
    pick = _columns(args)
    if args.period and not pick(args.date):
        print("note: --period counts by the documents' dates; none were given, so only dates found in the texts count", file=sys.stderr)
    # Every option is checked before the corpus is read: a misspelt --measures or --by was
    # reported after the whole analysis. An empty edge table checks them all, with the names
    # of its columns.
    count = CountOptions(context=args.context, window=args.window, labels=args.labels, period=args.period, evidence=args.evidence)
    empty = Counts._wrap(check_count_options(count, args.min_count))
    empty.edges(min_count=args.min_count, top_k=args.top_k, by=args.by, backbone=args.backbone, columns=args.measures)
    aliases = alias_frame(args.aliases) if args.aliases else None
    start = time.perf_counter()
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)  # a file in the way is said now, not after the analysis
    evidence = _learned(args, pick)
    result = analyze_stream(
        args.input, output=out, format=args.format, text=args.text, ids=pick(args.id), dates=pick(args.date),
        sources=pick(args.source), context=args.context, window=args.window, labels=args.labels, period=args.period,
        evidence=args.evidence, threads=args.jobs, batch_size=args.batch_size, progress=not args.no_progress,
        time_limit=args.time_limit, keep_memory=int(args.keep_memory * 2**20), boilerplate=args.boilerplate,
        corpus_boilerplate=evidence, aliases=aliases,
    )
    # Only the measures asked for are computed and kept (a corpus's table of every measure is
    # about 150 bytes an edge).
    edges = result.counts.edges(min_count=args.min_count, top_k=args.top_k, by=args.by, backbone=args.backbone, columns=args.measures)
    if args.measures:
        edges = edges[["source", "target", "n_ab", *[m for m in args.measures if m != "n_ab"]]]
    seconds = time.perf_counter() - start
    tables = {"entities": result.entities, "edges": edges, "links": result.links}
    if args.period:
        tables["timeline"] = result.counts.timeline()
        tables["pair_timeline"] = result.counts.timeline(pairs=True, min_count=args.min_count)
    if args.evidence:
        tables["evidence"] = result.counts.evidence()
    written = [*result.files.values(), *(write_table(t, out / name, args.format) for name, t in tables.items())]
    print(report(result, seconds=seconds, top=args.top, edges=edges))
    if result.passes == 2:
        print(f"(the input was processed twice: its documents exceed --keep-memory {args.keep_memory:g} MB)")
    print(_rule("Written"))
    for w in written:
        print(w)
    return 0


def _at_least(low: float) -> Callable[[str], float]:
    """An argument type: a finite number (whole, if `low` is) of at least `low`."""
    kind = int if isinstance(low, int) else float

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a{' whole' if kind is int else ''} number") from None
        if not math.isfinite(value) or value < low:
            raise argparse.ArgumentTypeError(f"{text} is not a finite number of at least {low}")
        return value

    return parse


def _warning(message: Warning | str, category: type[Warning], filename: str, lineno: int, file: TextIO | None = None, line: str | None = None) -> None:
    """Warnings as the command's own lines ("warning: ..."), without a Python file and line."""
    print(f"warning: {message}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(prog="comention", description="News text to clean documents, entity mentions and co-mention networks.")
    p.add_argument("--version", action="version", version=f"comention {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--context", choices=["sentence", "paragraph", "document", "window"], default="sentence", help="co-mention unit (default: sentence)")
        sp.add_argument("--jobs", type=int, default=0, help="worker threads (default: one per core)")
        sp.add_argument("--top", type=_at_least(0), default=12, help="rows in the printed tables")

    def reading(sp: argparse.ArgumentParser) -> None:
        """The input, the output folder and how documents are read and cleaned."""
        sp.add_argument("input", help="a .jsonl/.json/.csv/.tsv/.parquet file (optionally compressed), a web archive (.warc, .warc.gz), "
                        "or a folder of .txt, .html and .json files")
        sp.add_argument("-o", "--output", default="comention-out", help="folder for the result tables (default: comention-out)")
        sp.add_argument("--format", choices=list(FORMATS), default="parquet", help="table format (default: parquet)")
        sp.add_argument("--text", default="text", help="text column (default: text)")
        sp.add_argument("--id", default="id", help="id column (default: id, if present)")
        sp.add_argument("--date", default="date", help="date column (default: date, if present)")
        sp.add_argument("--source", default="source", help="source column (default: source, if present)")
        sp.add_argument("--batch-size", type=int, default=2000, help="documents per batch")
        sp.add_argument("--no-progress", action="store_true", help="no progress bar")
        sp.add_argument("--boilerplate", nargs="+", metavar="REGEX", help="your own boilerplate patterns (case-insensitive, searched in each block)")
        sp.add_argument("--learn-boilerplate", action="store_true",
                        help="first read the input to find lines that recur across each source's documents, and remove them")
        sp.add_argument("--time-limit", type=float, metavar="SECONDS", help="give up on a document after this long (an error record stays)")

    d = sub.add_parser("demo", help="analyse the bundled sample corpus and print the results")
    common(d)
    d.set_defaults(run=_demo)

    a = sub.add_parser("analyze", help="analyse a corpus file or folder and write the result tables")
    reading(a)
    a.add_argument("--window", type=int, help="with --context window: the largest token distance between two mentions")
    a.add_argument("--labels", nargs="+", metavar="TYPE", help="keep entities of these types, e.g. PER ORG (default: all)")
    a.add_argument("--period", choices=["day", "week", "month"], help="also write timelines and bursts per period")
    a.add_argument("--evidence", type=int, default=0, metavar="K", help="keep K evidence passages per pair and write them")
    a.add_argument("--min-count", type=int, default=1, help="keep pairs co-mentioned at least this often")
    a.add_argument("--measures", nargs="+", metavar="COLUMN", help="edge columns to write besides source, target, n_ab (default: all)")
    a.add_argument("--top-k", type=int, metavar="K", help="keep each entity's K strongest edges (by --by)")
    a.add_argument("--by", default="g2", help="measure for --top-k: n_ab, weight, pmi, npmi, g2, chi2, dice, log_dice, jaccard, t_score, lift")
    a.add_argument("--backbone", type=float, metavar="ALPHA", help="keep the disparity-filter backbone at this significance level")
    a.add_argument("--keep-memory", type=_at_least(0.0), default=256, metavar="MB",
                   help="processed documents kept between the two passes; larger inputs are read twice (default: 256)")
    a.add_argument("--aliases", metavar="FILE",
                   help="your alias table / watchlist: a CSV or TSV file with columns canonical, type (PER, ORG, LOC, MISC) "
                        "and aliases (names separated by |)")
    common(a)
    a.set_defaults(run=_analyze)

    c = sub.add_parser("clean", help="clean a corpus file or folder (pages as HTML) and write the clean texts and the audit")
    reading(c)
    c.add_argument("--text-files", action="store_true", help="also write each document's clean text to OUTPUT/text/, a .txt file each named by its id")
    c.add_argument("--no-main-content", action="store_true",
                   help="in HTML, keep the blocks outside the article that the extractor finds (navigation, header and footer still go)")
    c.add_argument("--jobs", type=int, default=0, help="worker threads (default: one per core)")
    c.set_defaults(run=_clean)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _warning
            return int(args.run(args))
    except (OSError, ValueError, KeyError, TypeError, _Refused) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
