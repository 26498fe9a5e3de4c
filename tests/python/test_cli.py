"""The command line: demo and analyze on every input kind."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from comention.cli import main


def test_demo_prints_readable_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert "Most mentioned entities" in out and "Strongest co-mentions" in out
    assert "Halvard Systems" in out


ARTICLES = [
    {"id": "x1", "date": "2024-05-01", "text": "Priya Raman of Halvard Systems met Tobias Brandt in Munich."},
    {"id": "x2", "date": "2024-05-02", "text": "Tobias Brandt said Halvard Systems would hire in Munich."},
]


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet", "folder", "jsonl.gz"])
def test_analyze_reads_and_writes(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    df = pd.DataFrame(ARTICLES)
    if kind == "folder":
        src = tmp_path / "in"
        src.mkdir()
        for a in ARTICLES:
            (src / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    else:
        src = tmp_path / f"in.{kind}"
        if kind.startswith("jsonl"):
            df.to_json(src, orient="records", lines=True)
        elif kind == "csv":
            df.to_csv(src, index=False)
        else:
            df.to_parquet(src)
    out = tmp_path / "out"
    fmt = "csv" if kind == "csv" else "parquet"
    assert main(["analyze", str(src), "-o", str(out), "--format", fmt, "--no-progress", "--context", "document"]) == 0
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    docs = read(out / f"documents.{fmt}")
    assert [str(i).removesuffix(".txt") for i in docs["doc_id"]] == ["x1", "x2"]
    mentions = read(out / f"mentions.{fmt}")
    assert (mentions["entity"] == "Munich").sum() == 2
    edges = read(out / f"edges.{fmt}")
    pair = edges[(edges["source"] == "Halvard Systems") & (edges["target"] == "Munich")]
    assert int(pair["n_ab"].iloc[0]) == 2
    assert "Written" in capsys.readouterr().out


def test_a_folder_of_saved_pages_is_cleaned_as_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Scraped pages are saved as .html: a folder read only its .txt files, and a lone page was
    # refused. One page declares ISO-8859-15, whose euro sign detection read as "¤".
    page = (
        "<html><head><meta charset='iso-8859-15'><title>Halvard Systems opens in Munich</title>"
        "<meta property='article:published_time' content='2024-05-03T09:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a></nav>"
        "<article><h1>Halvard Systems opens in Munich</h1>"
        "<p>Priya Raman of Halvard Systems said on Friday that the company would open an office in Munich, "
        "where Tobias Brandt will lead a team of forty engineers.</p>"
        "<p>The office will cost 5 € million a year to run, the company said in a statement.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    src = tmp_path / "pages"
    (src / "2024").mkdir(parents=True)
    (src / "2024" / "halvard.HTML").write_bytes(page.encode("iso-8859-15"))
    (src / "notes.txt").write_text(ARTICLES[1]["text"], encoding="utf-8")
    (src / "image.png").write_bytes(b"\x89PNG")
    # A browser's "web page, complete" keeps the page's frames beside it: not documents. A
    # folder named so without its page is read.
    (src / "2024" / "halvard_files").mkdir()
    (src / "2024" / "halvard_files" / "ad-frame.html").write_text("<p>Buy now from Acme Corp in Paris!</p>")
    (src / "other_files").mkdir()
    (src / "other_files" / "kept.txt").write_text(ARTICLES[0]["text"])
    out = tmp_path / "out"
    assert main(["analyze", str(src), "-o", str(out), "--no-progress", "--context", "document"]) == 0
    docs = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert docs.index.tolist() == ["2024/halvard.HTML", "notes.txt", "other_files/kept.txt"]
    html = docs.loc["2024/halvard.HTML"]
    assert html["title"] == "Halvard Systems opens in Munich"
    assert str(html["date"])[:10] == "2024-05-03"
    assert "5 € million" in html["text"] and "<p>" not in html["text"]
    assert "Subscribe" not in html["text"] and "World" not in html["text"]
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert {"Priya Raman", "Tobias Brandt", "Munich"} <= set(mentions[mentions["doc_id"] == "2024/halvard.HTML"]["entity"])
    # A page on its own is read too.
    from comention.io import read_corpus

    assert read_corpus(src / "2024" / "halvard.HTML")["text"].str.contains("5 €").all()
    capsys.readouterr()


def test_a_folder_of_scraped_json_records_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Scrapers such as news-please write an article a JSON file, a folder per site; they
    # were not read at all.
    def article(site: str, n: int, text: str) -> dict:
        return {"title": f"Story {n}", "maintext": text, "date_publish": f"2024-05-0{n} 09:30:00", "authors": ["Ann Lee"],
                "url": f"https://{site}/story-{n}", "source_domain": site, "language": "en"}

    src = tmp_path / "scraped"
    for n, (site, a) in enumerate(zip(["news.example.com", "news.example.com", "daily.example.org"], ARTICLES * 2), 1):
        (src / site).mkdir(parents=True, exist_ok=True)
        (src / site / f"story-{n}.json").write_text(json.dumps(article(site, n, a["text"])), encoding="utf-8")
    out = tmp_path / "out"
    args = ["--text", "maintext", "--id", "url", "--date", "date_publish", "--source", "source_domain"]
    assert main(["analyze", str(src), "-o", str(out), "--no-progress", "--context", "document", *args]) == 0
    docs = pd.read_parquet(out / "documents.parquet")
    assert docs["doc_id"].tolist() == ["https://daily.example.org/story-3", "https://news.example.com/story-1", "https://news.example.com/story-2"]
    assert docs["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-03", "2024-05-01", "2024-05-02"]
    assert docs["source"].astype(str).tolist() == ["daily.example.org", "news.example.com", "news.example.com"]
    edges = pd.read_parquet(out / "edges.parquet")
    assert int(edges[(edges["source"] == "Halvard Systems") & (edges["target"] == "Munich")]["n_ab"].iloc[0]) == 3
    capsys.readouterr()
    # Beside text files, JSON lists and JSON lines: a record each, the path as id where it has none.
    from comention.io import read_chunks, read_corpus

    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.txt").write_text("Plain text.", encoding="utf-8")
    (mixed / "b.json").write_text(json.dumps([{"text": "First."}, {"id": "own-id", "text": "Second."}]), encoding="utf-8")
    (mixed / "c.jsonl").write_text('{"text": "Line one."}\n\n{"text": "Line two.", "extra": 1}\n', encoding="utf-8")
    frame = read_corpus(mixed)
    assert frame[["id", "text"]].values.tolist() == [
        ["a.txt", "Plain text."], ["b.json#0", "First."], ["own-id", "Second."], ["c.jsonl#0", "Line one."], ["c.jsonl#1", "Line two."]
    ]
    assert frame["extra"].isna().sum() == 4
    assert pd.concat(read_chunks(mixed, rows=1))[["id", "text"]].values.tolist() == frame[["id", "text"]].values.tolist()
    # A file that is no JSON record is named.
    (mixed / "d.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cannot read .*d\.json: expected JSON objects \(a record each\), found int"):
        read_corpus(mixed)
    (mixed / "d.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cannot read .*d\.json as JSON"):
        list(read_chunks(mixed, rows=2))


def test_clean_writes_clean_texts_and_the_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Pages to clean text, as trafilatura's command line does, with the audit beside it.
    src = tmp_path / "pages"
    src.mkdir()
    page = "<html><head><title>Harbour reopens</title></head><body><nav><a href='/'>Home</a> <a href='/a'>World</a></nav><article><p>{}</p></article></body></html>"
    (src / "one.html").write_text(page.format("The harbour reopened on Monday after the storm, the port authority said."), encoding="utf-8")
    (src / "two.txt").write_text("Harbour news\n\nShips returned on Tuesday.\n\nShare this article\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--text-files", "--no-progress", "--format", "csv"]) == 0
    printed = capsys.readouterr().out
    assert "2 documents cleaned" in printed and "share 1" in printed
    docs = pd.read_csv(out / "documents.csv")
    assert docs["doc_id"].tolist() == ["one.html", "two.txt"]
    assert (out / "text" / "one.txt").read_text(encoding="utf-8") == "The harbour reopened on Monday after the storm, the port authority said."
    assert (out / "text" / "two.txt").read_text(encoding="utf-8") == "Harbour news\n\nShips returned on Tuesday."
    removals = pd.read_csv(out / "removals.csv")
    assert removals.groupby("doc_id")["rule"].apply(list).to_dict() == {"one.html": ["html-head", "html-nav"], "two.txt": ["share"]}
    # --no-main-content keeps the blocks beside the article (a list of other stories).
    body = " ".join(["The harbour reopened on Monday after the storm, the port authority said, and the first ships came in before noon."] * 3)
    side = "".join(f"<li><a href='/s{i}'>Story {i} about the council budget</a></li>" for i in range(8))
    (src / "one.html").write_text(
        f"<html><head><title>Harbour reopens</title></head><body><div class='side'><ul>{side}</ul></div>"
        f"<div class='story'><p>{body}</p><p>{body}</p></div></body></html>", encoding="utf-8"
    )
    for flags, beside in (([], False), (["--no-main-content"], True)):
        assert main(["clean", str(src), "-o", str(tmp_path / "side"), "--no-progress", "--jobs", "1", *flags]) == 0
        text = pd.read_parquet(tmp_path / "side" / "documents.parquet")["text"].iloc[0]
        assert ("Story 3 about the council budget" in text) is beside and "harbour reopened" in text
    # Bad input is said, as for analyze.
    assert main(["clean", str(tmp_path / "missing")]) == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "x.csv").write_text("body\nsome text\n")
    assert main(["clean", str(tmp_path / "x.csv"), "-o", str(out)]) == 2
    assert "no column 'text'" in capsys.readouterr().err
    assert main(["clean", str(tmp_path / "x.csv"), "-o", str(tmp_path / "b"), "--text", "body", "--no-progress"]) == 0


def test_tables_are_written_as_json_lines_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # JSON lines, a record a line, for pipelines that read text records (and append to them).
    import json as js

    src = tmp_path / "in.jsonl"
    pd.DataFrame(ARTICLES).to_json(src, orient="records", lines=True)
    runs = {}
    for fmt in ("parquet", "jsonl"):
        out = tmp_path / fmt
        assert main(["analyze", str(src), "-o", str(out), "--format", fmt, "--batch-size", "1", "--no-progress", "--context", "document"]) == 0
        runs[fmt] = out
    names = sorted(p.stem for p in runs["jsonl"].iterdir())
    assert names == sorted(p.stem for p in runs["parquet"].iterdir()) and "documents" in names and "entities" in names
    for name in names:
        # Every Parquet table reads back with pandas: the entity table's list columns failed.
        lines = (runs["jsonl"] / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        records = [js.loads(line) for line in lines]
        expected = pd.read_parquet(runs["parquet"] / f"{name}.parquet")
        assert len(records) == len(expected), name
        if records:
            assert list(records[0]) == list(expected.columns), name
    docs = [js.loads(line) for line in (runs["jsonl"] / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in docs] == ["x1", "x2"] and docs[0]["date"].startswith("2024-05-01")
    entities = [js.loads(line) for line in (runs["jsonl"] / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(isinstance(e.get("aliases"), list) for e in entities)
    assert main(["clean", str(src), "-o", str(tmp_path / "c"), "--format", "jsonl", "--no-progress"]) == 0
    assert len((tmp_path / "c" / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    capsys.readouterr()
    import comention

    analysis = comention.analyze(pd.DataFrame(ARTICLES), ids="id")
    written = analysis.save(tmp_path / "saved", format="jsonl")
    assert sorted(p.name for p in written) == sorted(f"{n}.jsonl" for n in ("documents", "mentions", "entities", "edges", "removals"))
    analysis.save(tmp_path / "saved", format="parquet")
    back = pd.read_parquet(tmp_path / "saved" / "entities.parquet")
    assert back["aliases"].map(list).tolist() == analysis.entities["aliases"].map(list).tolist()
    assert back["label"].dtype == "category" and back["entity"].tolist() == analysis.entities["entity"].tolist()
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        comention.analyze_stream([pd.DataFrame(ARTICLES)], output=tmp_path / "x", format="xml", progress=False)


def test_analyze_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"body": "Hello"}) + "\n")
    assert main(["analyze", str(p), "-o", str(tmp_path / "o")]) == 2
    assert "no column 'text'" in capsys.readouterr().err
    (tmp_path / "empty.jsonl").write_text("")
    assert main(["analyze", str(tmp_path / "empty.jsonl"), "-o", str(tmp_path / "o")]) == 2
    assert f"no documents in {tmp_path / 'empty.jsonl'}" in capsys.readouterr().err
    # An empty CSV already says so in its reader's words.
    (tmp_path / "empty.csv").write_text("")
    assert main(["analyze", str(tmp_path / "empty.csv"), "-o", str(tmp_path / "o")]) == 2
    assert "No columns to parse" in capsys.readouterr().err
    (tmp_path / "d").mkdir()
    assert main(["analyze", str(tmp_path / "d"), "-o", str(tmp_path / "o")]) == 2
    assert "no documents in" in capsys.readouterr().err


def test_analyze_checks_its_options_before_reading_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": "Trade in NA grew, Acme said.", "date": 1580515200}) + "\n")
    # Each was reported after the whole analysis, its output folder written.
    for bad, said in [(["--measures", "npmi", "nonsense"], 'unknown edge column "nonsense"'), (["--by", "nope", "--top-k", "2"], 'unknown measure "nope"'),
                      (["--backbone", "2"], "backbone is a probability"), (["--context", "window"], "a window context needs a size"),
                      (["--aliases", str(tmp_path / "none.csv")], "No such file")]:
        assert main(["analyze", str(src), "-o", str(tmp_path / "o"), *bad]) == 2, bad
        assert said in capsys.readouterr().err
        assert not (tmp_path / "o").exists()
    (tmp_path / "file").write_text("")
    assert main(["analyze", str(src), "-o", str(tmp_path / "file"), "--no-progress"]) == 2
    assert "File exists" in capsys.readouterr().err
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("canonical,type,aliases\nNorth America,LOC,NA\nAcme Widgets,ORG,Acme\n")
    assert main(["analyze", str(src), "-o", str(tmp_path / "o"), "--no-progress", "--aliases", str(aliases)]) == 0
    out, err = capsys.readouterr()
    assert "North America" in out and "Acme Widgets" in out
    # A warning is the command's own line, not a Python file's.
    assert err.startswith("warning: 1 given date could not be read, such as 1580515200")


def test_analyze_with_network_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    rows = [dict(a, date=f"2024-05-{i + 1:02d}") for i, a in enumerate(ARTICLES * 3)]
    for i, r in enumerate(rows):
        r["id"] = f"x{i}"
    pd.DataFrame(rows).to_json(src, orient="records", lines=True)
    out = tmp_path / "out"
    args = ["analyze", str(src), "-o", str(out), "--no-progress", "--context", "window", "--window", "8",
            "--labels", "PER", "ORG", "LOC", "--period", "week", "--evidence", "2", "--top-k", "3", "--by", "npmi"]
    assert main(args) == 0
    for name in ("timeline", "pair_timeline", "evidence", "edges"):
        assert (out / f"{name}.parquet").exists(), name
    assert main([*args, "-o", str(tmp_path / "few"), "--measures", "npmi", "g2"]) == 0
    assert list(pd.read_parquet(tmp_path / "few" / "edges.parquet").columns) == ["source", "target", "n_ab", "npmi", "g2"]
    assert main([*args, "--measures", "nonsense"]) == 2
    ev = pd.read_parquet(out / "evidence.parquet")
    assert len(ev) and set(ev["rank"]) <= {1, 2}
    assert "window:8" not in capsys.readouterr().err


def test_analyze_learns_recurring_lines_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {"id": f"d{i}", "source": "Ledger", "text": f"The Harbour Ledger, your port and your paper\n\nStory {i}: the ferry to Porto Verde resumed."}
        for i in range(8)
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert main(["analyze", str(path), "-o", str(tmp_path / "out"), "--learn-boilerplate", "--no-progress"]) == 0
    assert "recurring-line 8" in capsys.readouterr().out
    assert set(pd.read_parquet(tmp_path / "out" / "removals.parquet")["rule"]) == {"recurring-line"}
