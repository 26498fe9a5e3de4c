"""Reading corpora from files: JSONL, JSON, CSV, Parquet (plain or compressed), web archives
(WARC), or a folder of .txt, .html and .json files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pandas as pd

_SUFFIXES = (".gz", ".bz2", ".xz", ".zst", ".zip")
#: Bytes read from the start of a text file to tell its encoding.
_SNIFF = 1 << 20
#: Files a folder's documents are read from: text, and pages saved as HTML (cleaned as HTML).
_DOCUMENT_FILES = (".txt", ".html", ".htm")
#: Files in a folder that hold records: a JSON object or list of them, or a record a line.
_RECORD_FILES = (".json", ".jsonl")
#: The columns of a web archive's pages.
_WARC_COLUMNS = ["id", "text", "source", "crawled"]


def _text_file(p: Path) -> str:
    """A text, page or JSON file's text: a byte-order mark, else UTF-8 when valid, else the encoding
    a page declares, else the legacy encoding the core detects (as bytes given to `analyze`
    are read). Read as UTF-8 with replacement, a Windows-1252 file lost every accented letter
    to U+FFFD."""
    from . import _core

    return _core.decode_bytes(p.read_bytes())[0]


def _opener(p: Path) -> Callable[..., IO[Any]] | None:
    """What opens the file `p` through its compression codec (`open` for none), as `open`
    does; `None` for .zst and .zip, which only pandas reads."""
    import bz2
    import gzip
    import lzma

    suffix = p.suffix.lower()
    if suffix in (".zst", ".zip"):
        return None
    return {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}.get(suffix, open)  # type: ignore[return-value]


def _encoding(p: Path) -> str:
    """The encoding of a CSV or JSON(L) file, from its first MiB: UTF-8 when that reads as
    UTF-8, else the legacy encoding the core detects (news exports are often Windows-1252),
    else UTF-8. Compressed files are read through their codec; .zst and .zip count as UTF-8."""
    import codecs

    from . import _core

    opener = _opener(p)
    if opener is None:
        return "utf-8"
    with opener(p, "rb") as f:
        head = f.read(_SNIFF)
    try:
        # Not final: the first MiB may end inside a character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    name = _core.decode_bytes(head)[1]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"


def _folder_files(folder: Path) -> list[Path]:
    """The document files below a folder (any case of their suffix), in path order; a page's
    resources, saved by a browser in ``<page>_files/`` beside ``<page>.html``, are not
    documents (their ad and embed frames are .html files too)."""
    files = [f for f in folder.rglob("*") if f.suffix.lower() in _DOCUMENT_FILES + _RECORD_FILES and f.is_file()]
    resources = {str(f.with_suffix("")).lower() + "_files" for f in files if f.suffix.lower() in (".html", ".htm")}
    return sorted(f for f in files if not any(str(d).lower() in resources for d in f.parents))


def _warc_pages(p: Path) -> Iterator[dict[str, Any]]:
    """The HTML pages a web archive holds, in file order: the URL as id, the page's text (read
    in the charset its HTTP header names, if it is not UTF-8), the URL's host as source and
    the time it was crawled. Only pages: response records of status 200 and resource records
    whose content is HTML; requests, redirects, errors, revisits and other content are skipped."""
    from urllib.parse import urlsplit

    from . import _core

    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise ImportError(f"reading {p.name} needs warcio: pip install 'comention[warc]'") from None
    opener = _opener(p)
    if opener is None:
        raise ValueError(f"cannot read {p.name}: a web archive is read plain or compressed with gzip, bz2 or xz")
    # A file that is no web archive gave no page and warcio's complaints on stderr.
    try:
        with opener(p, "rb") as f:
            start = f.read(5)
    except (OSError, EOFError) as e:
        raise ValueError(f"cannot read {p.name} as a web archive: {e}") from e
    if start != b"WARC/":
        raise ValueError(f"cannot read {p.name} as a web archive: it does not begin with a WARC record")
    # warcio reads gzip members itself, record by record; bz2 and xz are opened here.
    with (open(p, "rb") if p.suffix.lower() == ".gz" else opener(p, "rb")) as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response":
                http = record.http_headers
                if http is None or http.get_statuscode() != "200":
                    continue
                media = http.get_header("Content-Type") or ""
            elif record.rec_type == "resource":
                media = record.rec_headers.get_header("Content-Type") or ""
            else:
                continue
            body = record.content_stream().read()
            if not _is_html(media, body):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("WARC-Record-ID")
            charset = _media_charset(media)
            yield {
                "id": url,
                "text": _core.decode_bytes(body, charset)[0],
                "source": urlsplit(url).hostname or "",
                "crawled": record.rec_headers.get_header("WARC-Date"),
            }


def _is_html(media: str, body: bytes) -> bool:
    """True for HTML content: by its media type, or, when none is given, by its first bytes."""
    kind = media.split(";")[0].strip().lower()
    if kind:
        return kind in ("text/html", "application/xhtml+xml")
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<!doctype html") or b"<html" in head


def _media_charset(media: str) -> str | None:
    """The charset a Content-Type header names ("text/html; charset=ISO-8859-1"), if any."""
    from email.message import Message

    header = Message()
    header["Content-Type"] = media
    return header.get_content_charset()


def _folder_frame(folder: Path, files: list[Path]) -> pd.DataFrame:
    """The documents of some of a folder's files: a text or page file is a row of its relative
    path (``id``) and ``text``; a JSON file its record or records with their own fields (as
    scrapers such as news-please write an article a file), the path as ``id`` where a record
    has none (with ``#k`` for the k-th of a list or line)."""
    rows: list[dict[str, Any]] = []
    for f in files:
        rel = str(f.relative_to(folder))
        if f.suffix.lower() in _RECORD_FILES:
            rows.extend(_records(f, rel))
        else:
            rows.append({"id": rel, "text": _text_file(f)})
    return pd.DataFrame(rows) if rows else pd.DataFrame(columns=["id", "text"])


def _records(f: Path, rel: str) -> list[dict[str, Any]]:
    """The records of a JSON or JSON lines file, each with an ``id`` (its own, else the path)."""
    import json

    text = _text_file(f)
    try:
        if f.suffix.lower() == ".jsonl":
            values = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            value = json.loads(text)
            values = value if isinstance(value, list) else [value]
    except ValueError as e:
        raise ValueError(f"cannot read {f} as JSON: {e}") from e
    bad = next((v for v in values if not isinstance(v, dict)), None)
    if bad is not None:
        raise ValueError(f"cannot read {f}: expected JSON objects (a record each), found {type(bad).__name__} {str(bad)[:40]!r}")
    single = len(values) == 1 and f.suffix.lower() == ".json"
    return [{"id": rel if single else f"{rel}#{k}", **v} for k, v in enumerate(values)]


def _kind(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in _SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def read_corpus(path: str | Path) -> pd.DataFrame:
    """A DataFrame of documents from a file or a folder.

    A folder yields one row per ``.txt``, ``.html`` or ``.htm`` file below it (columns ``id``,
    the relative path, and ``text``; a page's HTML is cleaned as HTML) and one per record of its
    ``.json`` and ``.jsonl`` files (their own fields; ``id`` the path where they have none); a
    web archive (``.warc``, ``.warc.gz``; needs warcio) one row per HTML page (``id`` the URL,
    ``text``, ``source`` the URL's host, ``crawled`` the WARC date); other files keep their own
    columns. Example:

        >>> import comention.io, tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("Hello")
        >>> comention.io.read_corpus(d).values.tolist()
        [['a.txt', 'Hello']]
    """
    p = Path(path)
    if p.is_dir():
        return _folder_frame(p, _folder_files(p))
    if not p.exists():
        raise FileNotFoundError(f"no such file or folder: {p}")
    kind = _kind(p)
    try:
        if kind in (".jsonl", ".ndjson", ".json"):
            return pd.read_json(p, lines=kind != ".json", dtype=False, encoding=_encoding(p), encoding_errors="replace")
        if kind in (".csv", ".tsv"):
            return pd.read_csv(p, sep="\t" if kind == ".tsv" else ",", encoding=_encoding(p), encoding_errors="replace")
    except (ValueError, TypeError) as e:  # JSON, CSV and decoding errors (a line `[1, 2]`: TypeError)
        raise _unreadable(p, kind, e) from e
    if kind == ".parquet":
        return pd.read_parquet(p)
    if kind in _DOCUMENT_FILES:
        return pd.DataFrame({"id": [p.name], "text": [_text_file(p)]})
    if kind == ".warc":
        return pd.DataFrame(list(_warc_pages(p)), columns=_WARC_COLUMNS)
    raise ValueError(f"cannot read {p.name}: expected .jsonl, .json, .csv, .tsv, .parquet, .warc, .txt, .html or a folder")


def read_chunks(path: str | Path, *, rows: int = 2000) -> Iterator[pd.DataFrame]:
    """The documents of a file or folder, `rows` at a time, without reading the whole input.

    JSONL, CSV/TSV (plain or compressed), Parquet and web archives stream; a folder streams its
    files (``.txt``, ``.html``, ``.json``); a single JSON array, ``.txt`` or ``.html`` file is
    read whole. Each chunk's index continues the previous one's, so positions are ids as in
    `read_corpus`.

        >>> import comention.io, tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
        >>> _ = f.write_text('{"text": "a"}\\n{"text": "b"}\\n{"text": "c"}\\n')
        >>> [c.index.tolist() for c in comention.io.read_chunks(f, rows=2)]
        [[0, 1], [2]]
    """
    if rows < 1:
        raise ValueError(f"rows must be at least 1, not {rows}")
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"no such file or folder: {p}")
    kind = "" if p.is_dir() else _kind(p)
    offset = 0
    chunks = _raw_chunks(p, kind, rows)
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        except (ValueError, TypeError) as e:  # as in read_corpus
            raise _unreadable(p, kind, e, rows_from=offset) from e
        chunk.index = pd.RangeIndex(offset, offset + len(chunk))
        offset += len(chunk)
        yield chunk


def _unreadable(p: Path, kind: str, error: Exception, *, rows_from: int | None = None) -> ValueError:
    """The error for a file its reader failed on, saying where: the chunk's first row, and the
    first line of a JSONL file that is not a JSON object."""
    where = [] if rows_from is None else [f"rows from {rows_from} on"]
    bad = _first_bad_line(p) if kind in (".jsonl", ".ndjson") else None
    if bad:
        where.append(f"line {bad[0]} is not a JSON object: {bad[1]!r}")
    at = f" ({'; '.join(where)})" if where else ""
    return ValueError(f"cannot read {p} as {kind[1:].upper() or 'a folder'}{at}: {error}")


def _first_bad_line(p: Path) -> tuple[int, str] | None:
    """The first line of a JSONL file (from 1) that is not a JSON object, and its start: the
    reader's own error names a position in a chunk, not the line to mend. `None` for .zst and
    .zip, which only pandas reads (opened plain, their bytes made a line 1 of noise)."""
    import json

    opener = _opener(p)
    if opener is None:
        return None
    with opener(p, "rt", encoding=_encoding(p), errors="replace") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                ok = isinstance(json.loads(line), dict)
            except ValueError:
                ok = False
            if not ok:
                return number, line.strip()[:80]
    return None


def _raw_chunks(p: Path, kind: str, rows: int) -> Iterator[pd.DataFrame]:
    if p.is_dir():
        files = _folder_files(p)
        for i in range(0, len(files), rows):
            yield _folder_frame(p, files[i : i + rows])
    elif kind in (".jsonl", ".ndjson"):
        with pd.read_json(p, lines=True, dtype=False, chunksize=rows, encoding=_encoding(p), encoding_errors="replace") as reader:
            yield from reader
    elif kind in (".csv", ".tsv"):
        with pd.read_csv(p, sep="\t" if kind == ".tsv" else ",", chunksize=rows, encoding=_encoding(p), encoding_errors="replace") as reader:
            yield from reader
    elif kind == ".warc":
        pages = _warc_pages(p)
        while records := list(islice(pages, rows)):
            yield pd.DataFrame(records, columns=_WARC_COLUMNS)
    elif kind == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(p).iter_batches(batch_size=rows):
            yield batch.to_pandas()
    else:
        whole = read_corpus(p)
        for i in range(0, max(len(whole), 1), rows):
            yield whole.iloc[i : i + rows]


#: The formats result tables are written in.
FORMATS = ("parquet", "csv", "jsonl")


def check_format(fmt: str) -> None:
    """Refuses a table format other than `FORMATS`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use {', '.join(map(repr, FORMATS))}")


def write_table(df: pd.DataFrame, path: Path, fmt: str, *, append: bool = False) -> Path:
    """Writes one result table as Parquet, CSV or JSON lines (a record a line, dates in ISO
    form; lists as arrays) and returns the file written; CSV and JSON lines may be appended to."""
    check_format(fmt)
    out = path.with_suffix("." + fmt)
    if fmt == "parquet":
        df.to_parquet(out, index=False)
    elif fmt == "csv":
        df.to_csv(out, index=False, mode="a" if append else "w", header=not append)
    elif df.empty:
        # pandas writes an empty table as one blank line, which readers of JSON lines refuse.
        with out.open("a" if append else "w", encoding="utf-8"):
            pass
    else:
        df.to_json(out, orient="records", lines=True, date_format="iso", force_ascii=False, mode="a" if append else "w")
    return out
