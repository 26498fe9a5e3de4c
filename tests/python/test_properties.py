"""Properties over generated inputs (hypothesis): offsets in range and consistent, one row per
input, results independent of batch size and thread count."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import comention

PIECES = st.sampled_from(
    ["Wang Yi", "Jake Sullivan", "U.S.", "China's", "Acme Inc.", "Share this article", "<p>", "&amp;", ". ", "\n\n", " (IMF) "]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30).map(" ".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(st.one_of(TEXT, st.none()), max_size=8))
def test_offsets_and_rows(texts: list[str | None]) -> None:
    a = comention.analyze(texts, progress=False)
    assert a.documents["doc_id"].tolist() == [str(i) for i in range(len(texts))]
    clean = a.documents["text"].tolist()
    for r in a.mentions.itertuples():
        raw = texts[int(r.doc_id)]
        assert raw is not None
        assert 0 <= r.raw_start < r.raw_end <= len(raw)
        assert clean[int(r.doc_id)][r.start : r.end] == r.text


@SETTINGS
@given(st.lists(TEXT, min_size=1, max_size=10), st.integers(1, 4))
def test_batch_size_and_threads_do_not_matter(texts: list[str], batch: int) -> None:
    one = comention.analyze(texts, threads=1, batch_size=100, progress=False, context="window", window=3)
    other = comention.analyze(texts, threads=2, batch_size=batch, progress=False, context="window", window=3)
    pd.testing.assert_frame_equal(one.mentions, other.mentions, check_categorical=False)
    assert one.counts.to_bytes() == other.counts.to_bytes()


# What a scraped column holds besides str: bytes in UTF-8 or a legacy encoding, missing values,
# wire datelines and sign-offs, markup, control characters, lone surrogates, and lines that recur.
WIRE = st.sampled_from(["WASHINGTON (AP) — ", "LONDON, March 3 - ", "\nReuter\n", "REUTER^M", "\x00", "\x85", "\ud800", "Ã©", "<b>", "Thank you for registering"])
# Lines a site repeats on every page, for the corpus evidence to find.
FURNITURE = st.sampled_from(["\nWorld | Business | Markets\n", "\nOur journalism depends on readers like you\n"])
VALUE = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.tuples(st.lists(st.one_of(PIECES, WIRE, st.text(max_size=12)), max_size=20).map("".join), FURNITURE).map("".join),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    TEXT.map(lambda t: t.encode("cp1252", "ignore")),
)


@SETTINGS
@given(st.lists(st.tuples(VALUE, st.sampled_from(["a", "b", None])), min_size=1, max_size=12), st.integers(1, 4))
def test_mixed_values_keep_every_row_and_learning_does_not_depend_on_batches(rows: list[tuple[object, str | None]], batch: int) -> None:
    texts, sources = [v for v, _ in rows], [s for _, s in rows]
    one = comention.analyze(texts, sources=sources, corpus_boilerplate="learn", threads=1, batch_size=100, progress=False)
    other = comention.analyze(texts, sources=sources, corpus_boilerplate="learn", threads=2, batch_size=batch, progress=False)
    assert one.documents["doc_id"].tolist() == [str(i) for i in range(len(texts))]
    for name in ("documents", "mentions", "removals"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name), check_categorical=False, obj=name)
