"""Canonical entities on Reuters-21578: the 30 most frequent people and organisations with their
alias sets, the cross-document links made and refused, and a check that no canonical person
has two different full names among its aliases.

    python benchmarks/entities_reuters.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import pandas as pd

import comention

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news" / "reuters21578.jsonl.gz"


def spelling(name: str) -> list[str]:
    """A name's words in lower case with runs of initials joined, as the registry compares them."""
    out, initials = [], ""
    for w in re.findall(r"[^\W_]+", name.lower()):
        if len(w) == 1:
            initials += w
            continue
        if initials:
            out.append(initials)
            initials = ""
        out.append(w)
    return out + ([initials] if initials else [])


def without_middle_initials(name: str) -> str:
    """The name without initials between its first and last words: "Carl C. Icahn" and "Carl
    Icahn" are one full name, which the registry joins where the corpus shows it."""
    words = name.split()
    if len(words) < 3 or "." in words[0] or len(words[0]) == 1:
        return name  # initials that open a name are its given names ("E. F. Hutton")
    middle = [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)]
    return " ".join(words[:1] + middle + words[-1:])


def full_names(aliases: list[str]) -> set[str]:
    """Distinct full names (two or more words) among the aliases, as the resolver normalises
    them (titles and possessives off) and compared as spellings, middle initials aside."""
    names = (comention._core.normalize_name(a) for a in aliases)
    return {" ".join(spelling(without_middle_initials(n))) for n in names if len(n.split()) > 1}


def main() -> int:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: the script needs ../shared")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        stories = pd.DataFrame(json.loads(line) for line in f)
    a = comention.analyze(stories, ids="id", dates="date", context="document", progress=True)
    e = a.entities
    for label, title in (("PER", "people"), ("ORG", "organisations")):
        top = e[e["label"] == label].head(30)
        print(f"\n30 most mentioned {title}")
        for r in top.itertuples():
            forms = ", ".join(f"{s} ({n})" for s, n in zip(r.aliases, r.alias_counts))
            print(f"  {r.entity:<32} {r.n_mentions:>5}  {forms[:110]}")
    linked = a.links.dropna(subset=["entity"])
    refused = a.links[a.links["entity"].isna()]
    print(f"\ncross-document links: {len(linked)} made, {len(refused)} refused as ambiguous")
    print("  e.g.", "; ".join(f"{r.alias} → {r.entity}" for r in linked.head(8).itertuples()))
    print("  refused e.g.", "; ".join(f"{r.alias} ({' / '.join(r.candidates[:3])})" for r in refused.head(5).itertuples()))
    people = e[e["label"] == "PER"]
    bad = [(r.entity, sorted(full_names(list(r.aliases)))) for r in people.itertuples() if len(full_names(list(r.aliases))) > 1]
    print(f"\ncanonical people whose aliases hold two different full names: {len(bad)}")
    for name, forms in bad[:20]:
        print(f"  {name}: {forms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
