"""The analyst's package: Corpus, accessors, interrupts, display, plots, saving, stubs."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
import pytest

import comention
import comention._api
from comention import _core

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return comention.load_sample()


def test_corpus_grows_to_the_same_result_as_one_call(sample: pd.DataFrame) -> None:
    whole = comention.analyze(sample, ids="id", dates="date", period="week")
    corpus = comention.Corpus(period="week", batch_size=5)
    corpus.add(sample.iloc[:30], ids="id", dates="date").add(sample.iloc[30:], ids="id", dates="date")
    assert len(corpus) == len(sample)
    assert corpus.counts.to_bytes() == whole.counts.to_bytes()
    pd.testing.assert_frame_equal(corpus.mentions, whole.mentions, check_categorical=False)
    pd.testing.assert_frame_equal(corpus.edges(), whole.edges, check_categorical=False)
    assert "Corpus(45 documents" in repr(corpus)


def test_an_empty_corpus_answers() -> None:
    c = comention.Corpus(context="document")
    assert len(c) == 0 and c.counts.n_documents == 0 and len(c.links) == 0 and len(c.edges()) == 0


def test_interrupted_add_leaves_the_corpus_as_it_was(sample: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = comention.Corpus(batch_size=10).add(sample.iloc[:10], ids="id")
    before = (corpus.counts.to_bytes(), len(corpus.documents), len(corpus.mentions))

    class Interrupting:
        def __init__(self) -> None:
            self.inner, self.calls = _core.Pipeline(), 0

        @property
        def threads(self) -> int:
            return self.inner.threads

        def process(self, *args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == 2:
                raise KeyboardInterrupt
            return self.inner.process(*args, **kwargs)

        def count(self, *args: Any, **kwargs: Any) -> Any:
            return self.inner.count(*args, **kwargs)

    monkeypatch.setattr(comention._api, "_pipeline", lambda options, **_: Interrupting())
    with pytest.raises(KeyboardInterrupt):
        corpus.add(sample.iloc[10:40], ids="id")
    assert (corpus.counts.to_bytes(), len(corpus.documents), len(corpus.mentions)) == before
    monkeypatch.undo()
    corpus.add(sample.iloc[10:], ids="id")  # still usable
    assert len(corpus) == len(sample)


def test_corpus_save_load_and_pickle(sample: pd.DataFrame, tmp_path: Path) -> None:
    corpus = comention.Corpus(context="document", evidence=1).add(sample, ids="id", dates="date")
    loaded = comention.Corpus.load(corpus.save(tmp_path / "c"))
    assert loaded.counts.to_bytes() == corpus.counts.to_bytes()
    pd.testing.assert_frame_equal(loaded.documents, corpus.documents, check_categorical=False, check_dtype=False)
    # Saved straight after `add`, before anything linked the names: the mentions were not written.
    pd.testing.assert_frame_equal(loaded.mentions, corpus.mentions, check_categorical=False, check_dtype=False)
    loaded.add(["Priya Raman spoke in Oslo."])  # keeps its options and grows
    assert loaded.counts.context == "document" and len(loaded) == len(sample) + 1
    again = pickle.loads(pickle.dumps(corpus))
    assert again.counts.to_bytes() == corpus.counts.to_bytes() and len(again.mentions) == len(corpus.mentions)
    # Saved over by a corpus without mentions: the mentions saved there before are not its own.
    comention.Corpus().add(["Plain words."]).save(tmp_path / "c")
    assert len(comention.Corpus.load(tmp_path / "c").mentions) == 0


def test_a_corpus_keeps_its_cleaning_options_and_aliases_and_names_a_damaged_file(tmp_path: Path) -> None:
    aliases = pd.DataFrame({"canonical": ["Acme Widgets", "North America"], "type": ["ORG", "LOC"], "aliases": [["AC"], "NA"]})
    evidence = comention.learn_boilerplate(["Share this now\nA is here.", "Share this now\nB is there."])
    corpus = comention.Corpus(aliases=aliases, corpus_boilerplate=evidence, boilerplate=["^weather:"], context="document")
    text = "Share this now\nAC hired Bob Jones in NA.\nWeather: sunny"
    corpus.add([text])
    assert corpus.documents["text"].tolist() == ["AC hired Bob Jones in NA."]
    assert corpus.mentions["entity"].tolist() == ["Acme Widgets", "Bob Jones", "North America"]
    loaded = comention.Corpus.load(corpus.save(tmp_path / "c"))
    loaded.add([text], ids=["again"])
    rows = loaded.mentions[loaded.mentions["doc_id"] == "again"]
    assert rows["entity"].tolist() == ["Acme Widgets", "Bob Jones", "North America"]
    assert loaded.documents["text"].tolist() == ["AC hired Bob Jones in NA."] * 2
    # Saved over: nothing of the corpus saved there before is read back with this one.
    comention.Corpus().add(["Plain words."]).save(tmp_path / "c")
    assert comention.Corpus.load(tmp_path / "c").options["aliases"] is None
    with pytest.raises(TypeError, match="aliases is a table with columns canonical, type"):
        comention.Corpus(aliases={"AC": "Acme Widgets"})
    with pytest.raises(ValueError, match="cannot learn"):
        comention.Corpus(corpus_boilerplate="learn")
    counts = tmp_path / "c" / "counts.bin"
    counts.write_bytes(counts.read_bytes()[: len(counts.read_bytes()) // 2])
    with pytest.raises(comention.StateError, match=r"counts\.bin is not as Corpus\.save wrote it"):
        comention.Corpus.load(tmp_path / "c")
    with pytest.raises(comention.StateError, match="holds no saved corpus"):
        comention.Corpus.load(tmp_path / "nothing")


def test_accessors(sample: pd.DataFrame) -> None:
    s = sample.set_index("id")["text"]
    m = s.comention.mentions()
    assert set(m["doc_id"]) <= set(s.index)
    a = sample.comention.analyze(ids="id", dates="date", context="document")
    assert a.counts.context == "document" and len(a.documents) == len(sample)
    assert len(sample.comention.cooccurrences(ids="id", min_count=3)) > 0


def test_html_display(sample: pd.DataFrame) -> None:
    a = comention.analyze(sample, ids="id", dates="date", sources="source")
    view = a.show("sample-001")
    html = view._repr_html_()
    assert html.count("<mark") == int((a.mentions["doc_id"] == "sample-001").sum())
    assert 'title="Elena Vasquez (PER)"' in html
    assert "<table" in a._repr_html_() and "<table" in a.counts._repr_html_()
    with pytest.raises(KeyError):
        a.show("no-such-document")


def test_plots(sample: pd.DataFrame) -> None:
    a = comention.analyze(sample, ids="id", dates="date", period="month")
    ax = a.counts.plot_network(backbone=0.5)
    assert len(ax.collections) >= 2  # edges and nodes
    ax = a.counts.plot_timeline([("Elena Vasquez", "Kenji Morimoto"), ("Japan", "Spain")])
    assert len(ax.lines) == 2
    ax = a.counts.plot_heatmap(top=10)
    assert ax.images and ax.images[0].get_array().shape == (10, 10)


def test_analysis_save(sample: pd.DataFrame, tmp_path: Path) -> None:
    written = comention.analyze(sample.iloc[:5], ids="id").save(tmp_path / "out", format="csv")
    assert sorted(p.name for p in written) == sorted(f"{n}.csv" for n in ("documents", "mentions", "entities", "edges", "removals"))


def test_stubs_match_the_compiled_module() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "comention._core"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_package_type_checks() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy", "-p", "comention", "--ignore-missing-imports"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_analysis_pickles(sample: pd.DataFrame) -> None:
    a = comention.analyze(sample.iloc[:5], ids="id")
    b = pickle.loads(pickle.dumps(a))
    pd.testing.assert_frame_equal(a.edges, b.edges)
    assert b.counts.to_bytes() == a.counts.to_bytes()
