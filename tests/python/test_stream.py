"""Streaming analysis: chunked files, two passes, results equal to the in-memory analysis."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import comention
from comention.io import read_chunks, read_corpus

COLUMNS = {"ids": "id", "dates": "date", "sources": "source"}


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    # The sample twice under other ids, so names recur across chunks and links matter.
    s = comention.load_sample()
    s["date"] = pd.to_datetime(s["date"]).dt.strftime("%Y-%m-%d")  # files carry dates as text
    twice = pd.concat([s, s.assign(id=s["id"] + "-b")], ignore_index=True)
    return twice


@pytest.fixture(scope="module")
def whole(sample: pd.DataFrame) -> comention.Analysis:
    return comention.analyze(sample, **COLUMNS, evidence=2, period="month", progress=False)


def _check_equal(result: comention.StreamResult, whole: comention.Analysis) -> None:
    pd.testing.assert_frame_equal(result.edges().reset_index(drop=True), whole.edges.reset_index(drop=True))
    pd.testing.assert_frame_equal(result.entities, whole.entities)
    pd.testing.assert_frame_equal(result.counts.evidence(), whole.evidence())
    pd.testing.assert_frame_equal(result.links, whole.links)


@pytest.mark.parametrize("keep_memory", [0, 1 << 30])
def test_stream_equals_analyze_whether_or_not_documents_are_kept(
    sample: pd.DataFrame, whole: comention.Analysis, tmp_path: Path, keep_memory: int
) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    sample.to_json(path, orient="records", lines=True)
    r = comention.analyze_stream(
        path, output=tmp_path / "out", **COLUMNS, evidence=2, period="month", batch_size=7, keep_memory=keep_memory, progress=False
    )
    assert r.passes == (2 if keep_memory == 0 else 1)
    assert len(whole.links) > 0, "the corpus should exercise cross-document links"
    _check_equal(r, whole)
    mentions = pd.read_parquet(r.files["mentions"])
    assert mentions["doc_id"].tolist() == whole.mentions["doc_id"].astype(str).tolist()
    assert mentions["entity"].astype(str).tolist() == whole.mentions["entity"].astype(str).tolist()
    docs = pd.read_parquet(r.files["documents"])
    assert docs["doc_id"].tolist() == whole.documents["doc_id"].tolist()
    assert docs["date"].tolist() == whole.documents["date"].tolist()
    assert r.summary.documents == len(sample) and r.summary.mentions.total() == len(whole.mentions)


@pytest.mark.parametrize("kind", ["csv", "parquet", "tsv.gz"])
def test_every_streamable_format_gives_the_same_counts(
    sample: pd.DataFrame, whole: comention.Analysis, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"corpus.{kind}"
    if kind == "parquet":
        sample.to_parquet(path)
    else:
        sample.to_csv(path, sep="\t" if kind.startswith("tsv") else ",", index=False)
    r = comention.analyze_stream(path, **COLUMNS, evidence=2, period="month", batch_size=10, progress=False)
    assert r.files == {}
    _check_equal(r, whole)


def test_chunks_continue_the_index_so_positions_are_ids(sample: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    sample[["text"]].to_json(path, orient="records", lines=True)
    chunks = list(read_chunks(path, rows=25))
    n = len(sample)
    assert [len(c) for c in chunks] == [25] * (n // 25) + ([n % 25] if n % 25 else [])
    assert pd.concat(chunks).index.tolist() == list(range(len(sample)))
    r = comention.analyze_stream(path, output=tmp_path / "o", format="csv", batch_size=25, progress=False)
    docs = pd.read_csv(r.files["documents"])
    assert docs["doc_id"].tolist() == list(range(len(sample)))


def test_without_name_links_one_pass_suffices(sample: pd.DataFrame) -> None:
    chunks = lambda: (sample.iloc[i : i + 20] for i in range(0, len(sample), 20))  # noqa: E731
    r = comention.analyze_stream(chunks, **COLUMNS, link_names=False, progress=False)
    a = comention.analyze(sample, **COLUMNS, link_names=False, progress=False)
    assert r.passes == 1 and r.links.empty
    pd.testing.assert_frame_equal(r.edges().reset_index(drop=True), a.edges.reset_index(drop=True))


def test_bad_streaming_arguments_are_explained(sample: pd.DataFrame, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="must name a column"):
        comention.analyze_stream(lambda: [sample], ids=list(sample["id"]), progress=False)
    with pytest.raises(TypeError, match="must be a DataFrame"):
        comention.analyze_stream(lambda: [["not", "a", "frame"]], progress=False)
    with pytest.raises(ValueError, match="unknown tables"):
        comention.analyze_stream(lambda: [sample], tables=["edges"], progress=False)
    with pytest.raises(FileNotFoundError):
        comention.analyze_stream(tmp_path / "missing.jsonl", progress=False)


def test_a_source_read_twice_must_give_its_chunks_twice(sample: pd.DataFrame) -> None:
    # A function handing out one generator gave nothing to the second pass: the counts were
    # of no document, without a word. A list of chunks can be read twice; a generator cannot.
    parts = [sample.iloc[:20], sample.iloc[20:]]
    r = comention.analyze_stream(parts, **COLUMNS, keep_memory=0, progress=False)
    a = comention.analyze(sample, **COLUMNS, progress=False)
    assert r.passes == 2 and r.summary.documents == len(sample)
    pd.testing.assert_frame_equal(r.edges().reset_index(drop=True), a.edges.reset_index(drop=True))
    once = iter(parts)
    with pytest.raises(ValueError, match="in the first pass and 0 in the second"):
        comention.analyze_stream(lambda: once, **COLUMNS, keep_memory=0, progress=False)
    with pytest.raises(TypeError, match="can be read once"):
        comention.analyze_stream(iter(parts), progress=False)
    with pytest.raises(TypeError, match="not int"):
        comention.analyze_stream(3, progress=False)  # type: ignore[arg-type]


def test_legacy_encoded_files_read_as_their_encoding(tmp_path: Path) -> None:
    # News exports are often Windows-1252: read as UTF-8 they failed at the first "é".
    import gzip

    texts = ["Café owners in Zürich met the mayor – again.", "Straße, naïve, “quoted”."]
    frame = pd.DataFrame({"id": [1, 2], "text": texts})
    frame.to_csv(tmp_path / "w.csv", index=False, encoding="cp1252")
    with gzip.open(tmp_path / "w.jsonl.gz", "wb") as f:
        f.write(frame.to_json(orient="records", lines=True, force_ascii=False).encode("cp1252"))
    for name in ("w.csv", "w.jsonl.gz"):
        assert read_corpus(tmp_path / name)["text"].tolist() == texts, name
        assert pd.concat(read_chunks(tmp_path / name, rows=1))["text"].tolist() == texts, name
    # A folder of .txt files, one of them Windows-1252, is read as bytes given to analyze are.
    (tmp_path / "txt").mkdir()
    (tmp_path / "txt" / "a.txt").write_bytes(texts[0].encode("cp1252"))
    (tmp_path / "txt" / "b.txt").write_text(texts[1], encoding="utf-8")
    assert read_corpus(tmp_path / "txt")["text"].tolist() == texts
    assert pd.concat(read_chunks(tmp_path / "txt", rows=1))["text"].tolist() == texts
    # UTF-8 stays UTF-8, even with a character cut at the end of the part sniffed.
    long = "x" + "é" * 600_000  # the first MiB ends inside an "é"
    pd.DataFrame({"id": [1], "text": [long]}).to_csv(tmp_path / "u.csv", index=False)
    assert (tmp_path / "u.csv").read_bytes()[: 1 << 20][-1] == 0xC3
    assert read_corpus(tmp_path / "u.csv")["text"].tolist() == [long]


def test_a_malformed_file_is_named_with_the_rows_it_failed_at(tmp_path: Path) -> None:
    good = '{"text": "Wang Yi met Sullivan."}\n'
    (tmp_path / "bad.jsonl").write_text(good * 3 + "\n" + "not json\n" + good)
    with pytest.raises(ValueError, match=r"cannot read .*bad\.jsonl as JSONL \(rows from \d+ on; line 5 is not a JSON object: 'not json'\)"):
        list(read_chunks(tmp_path / "bad.jsonl", rows=2))
    # Compressed alike; a JSON value that is no object is named too.
    import gzip

    with gzip.open(tmp_path / "bad.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(good + "[1, 2]\n" + good)
    with pytest.raises(ValueError, match=r"line 2 is not a JSON object: '\[1, 2\]'"):
        list(read_chunks(tmp_path / "bad.jsonl.gz", rows=10))
    with pytest.raises(ValueError, match=r"cannot read .*bad\.jsonl\.gz as JSONL \(line 2 is not a JSON object"):
        read_corpus(tmp_path / "bad.jsonl.gz")
    # A .zip only pandas reads: no line is named (its bytes read plain are no lines of it).
    import zipfile

    with zipfile.ZipFile(tmp_path / "bad.jsonl.zip", "w") as z:
        z.writestr("bad.jsonl", good + "not json\n")
    with pytest.raises(ValueError, match=r"cannot read .*bad\.jsonl\.zip as JSONL: ") as e:
        read_corpus(tmp_path / "bad.jsonl.zip")
    assert "line" not in str(e.value).split(": ")[0]


def test_chunks_whose_default_index_restarts_are_numbered_on(tmp_path: Path) -> None:
    # Each chunk's first document was another "0", and the tables joined them.
    chunks = lambda: [pd.DataFrame({"text": ["Angela Merkel met Emmanuel Macron.", "x"]}), pd.DataFrame({"text": ["Macron met Merkel."]})]  # noqa: E731
    r = comention.analyze_stream(chunks, output=tmp_path / "a", progress=False)
    assert pd.read_parquet(r.files["documents"])["doc_id"].tolist() == ["0", "1", "2"]
    assert set(pd.read_parquet(r.files["mentions"])["doc_id"]) == {"0", "2"}
    # An index of the user's own is kept.
    kept = lambda: [pd.DataFrame({"text": ["a"]}, index=[7]), pd.DataFrame({"text": ["b"]}, index=[0])]  # noqa: E731
    out = comention.analyze_stream(kept, output=tmp_path / "b", progress=False)
    assert pd.read_parquet(out.files["documents"])["doc_id"].tolist() == ["7", "0"]


def test_clean_stream_writes_what_clean_gives_chunk_by_chunk(sample: pd.DataFrame, tmp_path: Path) -> None:
    # The cleaning stage alone, streamed: its tables are those of clean() and analyze() on the
    # whole frame, whatever the chunk size and number of threads.
    whole = comention.clean(sample, **COLUMNS, progress=False)
    removals = comention.analyze(sample, **COLUMNS, progress=False).removals
    path = tmp_path / "in.jsonl"
    sample.to_json(path, orient="records", lines=True)
    for rows, threads in ((7, 2), (10_000, 1)):
        out = tmp_path / f"out-{rows}"
        r = comention.clean_stream(path, output=out, **COLUMNS, batch_size=rows, threads=threads, progress=False)
        docs = pd.read_parquet(out / "documents.parquet")
        pd.testing.assert_frame_equal(docs[["doc_id", "title", "text"]], whole[["doc_id", "title", "text"]])
        assert docs["date"].dt.strftime("%Y-%m-%d").tolist() == whole["date"].dt.strftime("%Y-%m-%d").tolist()
        got = pd.read_parquet(out / "removals.parquet")
        pd.testing.assert_frame_equal(got.astype(str), removals.astype(str))
        assert r.summary.documents == len(sample) and r.summary.removals.total() == len(removals)
        assert r.characters == whole["text"].str.len().sum()
        assert set(r.files) == {"documents", "removals"}
    # Each document's text in a file of its own, named by its id.
    r = comention.clean_stream([sample.iloc[:3]], output=tmp_path / "t", text_files=True, ids="id", progress=False)
    written = sorted(p.relative_to(r.files["text"]).as_posix() for p in r.files["text"].rglob("*.txt"))
    assert written == sorted(f"{i}.txt" for i in sample["id"].iloc[:3])
    assert (r.files["text"] / f"{sample['id'].iloc[0]}.txt").read_text(encoding="utf-8") == whole["text"].iloc[0]


def test_clean_streams_text_files_stay_in_their_folder(tmp_path: Path) -> None:
    # Ids come from the data: "../x" wrote outside the folder; ids that clash on one name
    # (also by case, for case-blind file systems) overwrote each other.
    ids = ["../../escape", "a/b.html", "a/b.htm", "A/B.txt", "x?y", "", "./.", "c\\d.txt", "https://site.com/news/a?id=7", "q" * 300]
    chunk = pd.DataFrame({"id": ids, "text": [f"Text {i}." for i in range(len(ids))]})
    r = comention.clean_stream([chunk], output=tmp_path / "out", text_files=True, ids="id", progress=False)
    folder = r.files["text"]
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.txt"))
    assert names == sorted(["escape.txt", "a/b.txt", "a/b~2.txt", "A/B~3.txt", "x_y.txt", "_.txt", "_~2.txt", "c/d.txt",
                            "site.com/news/a_id_7.txt", "q" * 120 + ".txt"])
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path.parent / "escape.txt").exists()
    assert (folder / "a" / "b~2.txt").read_text(encoding="utf-8") == "Text 2."
    with pytest.raises(ValueError, match="text_files=True writes into the output folder"):
        comention.clean_stream([chunk], text_files=True, progress=False)
    with pytest.raises(TypeError, match="unknown option 'contxt'"):
        comention.clean_stream([chunk], contxt="document")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="cannot learn"):
        comention.clean_stream([chunk], corpus_boilerplate="learn")


def _warc(path: Path, records: list[tuple[str, str, bytes, list[tuple[str, str]]]]) -> None:
    """A gzipped web archive of response records (url, HTTP status line, body, headers), and
    a request record before each, as crawlers write them."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, status, body, headers in records:
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http))


def test_web_archives_are_read_page_by_page(tmp_path: Path) -> None:
    # Common Crawl's news crawl and most web archiving write WARC files: pages were unreadable.
    import gzip as gz

    page = "<html><head><title>{0}</title></head><body><article><p>{1}</p></article></body></html>"
    story = "Priya Raman of Halvard Systems said on Friday that the company would open an office in Munich."
    french = page.format("Prix", "Le prix est de 5 € pour l'œuvre, a dit Hélène Dupont à Paris.")
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("https://www.example.com/a", "200 OK", page.format("Halvard opens", story).encode(), [("Content-Type", "text/html; charset=utf-8")]),
        ("https://example.com/moved", "301 Moved Permanently", b"", [("Location", "https://example.com/b")]),
        ("https://example.com/logo.png", "200 OK", b"\x89PNG\r\n", [("Content-Type", "image/png")]),
        # ISO-8859-15, named only in the header: guessed, its euro sign read as "¤".
        ("https://news.example.fr/prix", "200 OK", french.encode("iso-8859-15"), [("Content-Type", "text/html; charset=ISO-8859-15")]),
        ("https://example.org/gz", "200 OK", gz.compress(page.format("Zipped", story).encode()), [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]),
        ("https://example.org/none", "200 OK", page.format("No type", story).encode(), []),
    ])
    frame = read_corpus(path)
    assert frame["id"].tolist() == ["https://www.example.com/a", "https://news.example.fr/prix", "https://example.org/gz", "https://example.org/none"]
    assert frame["source"].tolist() == ["www.example.com", "news.example.fr", "example.org", "example.org"]
    assert frame["crawled"].str.match(r"\d{4}-\d\d-\d\dT").all()
    assert "5 € pour l'œuvre" in frame["text"].iloc[1] and "<title>Zipped</title>" in frame["text"].iloc[2]
    chunks = list(read_chunks(path, rows=3))
    assert [len(c) for c in chunks] == [3, 1] and chunks[1].index.tolist() == [3]
    pd.testing.assert_frame_equal(pd.concat(chunks), frame)
    # Cleaned and analysed as pages, the host as the source its boilerplate is learned by.
    r = comention.clean_stream(path, ids="id", sources="source", progress=False, output=tmp_path / "out")
    docs = pd.read_parquet(r.files["documents"])
    assert docs["title"].tolist() == ["Halvard opens", "Prix", "Zipped", "No type"]
    assert docs["text"].iloc[1] == "Le prix est de 5 € pour l'œuvre, a dit Hélène Dupont à Paris."
    result = comention.analyze_stream(path, ids="id", sources="source", progress=False)
    assert "Halvard Systems" in set(result.entities["entity"])
    # Plain, bz2 and xz archives are read as well; other compressions are refused with a reason.
    import bz2
    import lzma

    raw = gz.decompress(path.read_bytes())
    for name, data in (("c.warc", raw), ("c.warc.bz2", bz2.compress(raw)), ("c.warc.xz", lzma.compress(raw))):
        (tmp_path / name).write_bytes(data)
        pd.testing.assert_frame_equal(read_corpus(tmp_path / name), frame)
    (tmp_path / "c.warc.zst").write_bytes(b"")
    with pytest.raises(ValueError, match="a web archive is read plain or compressed with gzip, bz2 or xz"):
        read_corpus(tmp_path / "c.warc.zst")
    # A file that is no web archive is said to be one, not read as none.
    (tmp_path / "not.warc").write_text("<html>a page saved under the wrong name</html>")
    (tmp_path / "not.warc.gz").write_bytes(b"plain bytes")
    for name, reason in (("not.warc", "it does not begin with a WARC record"), ("not.warc.gz", "Not a gzipped file")):
        with pytest.raises(ValueError, match=f"cannot read {name} as a web archive: .*{reason}"):
            read_corpus(tmp_path / name)
