"""Notebook display: documents with highlighted entities, and summaries of results."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

#: Background colour of each entity type in highlighted text.
LABEL_COLOURS = {"PER": "#fde68a", "ORG": "#bfdbfe", "LOC": "#bbf7d0", "MISC": "#e9d5ff"}


def highlight(text: str, mentions: pd.DataFrame, *, start: str = "start", end: str = "end") -> str:
    """HTML of `text` with each mention marked in its type's colour and its entity as a tooltip.

    Example:
        >>> import pandas as pd
        >>> m = pd.DataFrame({"start": [0], "end": [7], "label": ["PER"], "entity": ["Wang Yi"]})
        >>> highlight("Wang Yi spoke.", m).startswith('<mark style="background:#fde68a')
        True
    """
    out, pos = [], 0
    rows = mentions.sort_values([start, end]) if len(mentions) else mentions
    for r in rows.itertuples(index=False):
        s, e = int(getattr(r, start)), int(getattr(r, end))
        if s < pos:
            continue  # overlapping spans: keep the first
        label = str(getattr(r, "label", "MISC"))
        entity = str(getattr(r, "entity", ""))
        out.append(html.escape(text[pos:s]))
        out.append(
            f'<mark style="background:{LABEL_COLOURS.get(label, "#e5e7eb")};padding:0 2px;border-radius:3px" '
            f'title="{html.escape(entity)} ({label})">{html.escape(text[s:e])}'
            f'<sub style="font-size:0.6em;margin-left:2px">{label}</sub></mark>'
        )
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n\n", "<br><br>")


class DocumentView:
    """One processed document for display: metadata, highlighted cleaned text, removals."""

    def __init__(self, document: pd.Series, mentions: pd.DataFrame, removals: pd.DataFrame | None = None) -> None:
        self.document = document
        self.mentions = mentions
        self.removals = removals if removals is not None else pd.DataFrame()

    def __repr__(self) -> str:
        d = self.document
        return f"<document {d['doc_id']}: {len(self.mentions)} mentions, {len(str(d['text']))} characters>"

    def _repr_html_(self) -> str:
        d = self.document
        meta = " · ".join(
            html.escape(str(v)) for v in (d.get("date"), d.get("source"), d.get("place")) if v is not None and not pd.isna(v)
        )
        title = d.get("title")
        parts = [f"<div style='max-width:52em;line-height:1.5'><div style='color:#6b7280'>{html.escape(str(d['doc_id']))} {meta}</div>"]
        if isinstance(title, str):
            parts.append(f"<h4 style='margin:0.3em 0'>{html.escape(title)}</h4>")
        parts.append(f"<div>{highlight(str(d['text']), self.mentions)}</div>")
        if len(self.removals):
            rules = ", ".join(f"{k} ({v})" for k, v in self.removals["rule"].value_counts().items() if v)
            parts.append(f"<div style='color:#6b7280;margin-top:0.5em'>removed: {html.escape(rules)}</div>")
        return "".join(parts) + "</div>"


def frame_html(title: str, df: pd.DataFrame, rows: int = 8) -> str:
    """A titled HTML table of the first rows of a DataFrame."""
    return f"<h4 style='margin:0.6em 0 0.2em'>{html.escape(title)}</h4>" + df.head(rows).to_html(index=False, float_format=lambda x: f"{x:.3f}")


def summary_html(kind: str, facts: dict[str, Any], tables: list[tuple[str, pd.DataFrame]]) -> str:
    """A summary block: a line of facts and a few small tables."""
    line = ", ".join(f"{v:,} {k}" if isinstance(v, int) else f"{k} {v}" for k, v in facts.items())
    return f"<div><b>{html.escape(kind)}</b>: {html.escape(line)}" + "".join(frame_html(t, df) for t, df in tables) + "</div>"
