"""The bad-input battery: every input yields a row (a result or an error record), in order."""

from __future__ import annotations

import random
import time

import pandas as pd
import pytest

import comention

NASTY = {
    "none": None,
    "nan": float("nan"),
    "na": pd.NA,
    "int": 7,
    "float": 2.5,
    "bytes_ok": "Angela Merkel visited Paris.".encode(),
    "bytes_bad": b"\xff\xfe Angela \xc3\x28 Merkel \x80",
    "empty": "",
    "spaces": " \n\t \r\n ",
    "controls": "Wang\x00 Yi\x07 met\x1b[31m Jake\x7f Sullivan\x85.",
    "surrogate": "Wang Yi \ud800 met \udfff Sullivan.",
    "junk": bytes(random.Random(1).randrange(256) for _ in range(5000)).decode("latin-1"),
    "html_nested": "<div>" * 5000 + "Wang Yi met Sullivan." + "</div>" * 5000,
    "html_broken": "<p>Wang <b>Yi</i> met <<a href='x>Sullivan</p></div><!-- unclosed",
    "html_entities": "<p>&amp;&lt;&#x1F600;&#999999999;&bogus;&#;&</p>",
    "long_line": "Wang Yi met Sullivan " * 20000,
    "long_token": "W" + "a" * 200_000 + " Yi",
    "rtl": "التقى وانغ يي مع جيك سوليفان في مالطا.",
    "cjk": "王毅在马耳他会见了沙利文。",
    "emoji": "Wang Yi 😀👍🏽 met Jake Sullivan 🇺🇸 in Malta.",
    "combining": "Cafe\u0301 owners in Zu\u0308rich met Wang Yi.",
    "crlf": "Title\r\n\r\nWang Yi met Sullivan.\r\nShare this article\r\n",
}


def test_every_nasty_input_keeps_its_row_in_order() -> None:
    ids = list(NASTY)
    a = comention.analyze(list(NASTY.values()), ids=ids, context="window", window=5, evidence=1, period="day")
    docs = a.documents
    assert docs["doc_id"].tolist() == ids
    errors = dict(zip(docs["doc_id"], docs["error"]))
    assert all(pd.isna(errors[k]) for k in ids if k not in ("none", "nan", "na"))
    assert all("missing text" in errors[k] for k in ("none", "nan", "na"))
    m = a.mentions
    assert set(m["doc_id"]) <= set(ids)
    texts = {k: v for k, v in NASTY.items() if isinstance(v, str)}
    for r in m.itertuples():
        if r.doc_id in texts and r.doc_id != "surrogate":
            assert texts[r.doc_id][r.raw_start : r.raw_end].replace("\x00", "") or r.text


def test_identical_output_for_one_and_two_threads() -> None:
    data = list(NASTY.values()) * 3
    one = comention.analyze(data, threads=1, batch_size=5, evidence=1)
    two = comention.analyze(data, threads=2, batch_size=11, evidence=1)
    pd.testing.assert_frame_equal(one.documents, two.documents)
    pd.testing.assert_frame_equal(one.mentions, two.mentions, check_categorical=False)
    assert one.counts.to_bytes() == two.counts.to_bytes()


def test_a_large_single_document() -> None:
    parts, size, i = [], 0, 0
    while size < 50_000_000:  # about 50 MB of distinct paragraphs
        p = f"Company number {i} said revenue rose {i % 97} percent in Oslo, Priya Raman told reporters on day {i}.\n\n"
        parts.append(p)
        size += len(p)
        i += 1
    text = "".join(parts)
    start = time.process_time()
    a = comention.analyze([text], context="sentence", progress=False)
    doc = a.documents.iloc[0]
    assert pd.isna(doc["error"]) and doc["n_sentences"] == len(parts)
    last = a.mentions.iloc[-1]
    assert text[last["raw_start"] : last["raw_end"]] == last["text"]
    assert time.process_time() - start < 600  # a guard against quadratic behaviour, not a benchmark


def test_repeated_paragraphs_in_a_large_document() -> None:
    paragraph = "Wang Yi met Jake Sullivan in Malta on Sunday, officials said. Qin Gang was not there.\n\n"
    text = paragraph * (20_000_000 // len(paragraph))
    a = comention.analyze([text])
    assert a.documents.iloc[0]["n_sentences"] == 2
    assert len(a.removals) == text.count(paragraph) - 1


def test_many_tiny_documents() -> None:
    n = 200_000
    texts = ["Wang Yi spoke.", "", "Paris.", None] * (n // 4)
    a = comention.analyze(texts, context="document", progress=False)
    assert len(a.documents) == n
    assert a.documents["error"].notna().sum() == n // 4
    assert a.counts.n_documents == n


def test_non_text_containers() -> None:
    with pytest.raises(TypeError):
        comention.analyze(42)  # type: ignore[arg-type]
    assert len(comention.clean(pd.Series([], dtype=object))) == 0
    assert len(comention.analyze([]).documents) == 0


def test_a_list_or_dict_in_a_row_is_a_type_error_naming_the_row() -> None:
    # Printed, they read as text ("['Merkel']") and would be analysed, wrongly and silently.
    for value in (["Angela Merkel"], {"text": "Angela Merkel"}, ("a", "b"), {"a"}, pd.Series(["x"])):
        with pytest.raises(TypeError, match=rf"document 2: a {type(value).__name__} is not a text"):
            comention.clean(["Wang Yi met Sullivan.", None, value, "x"])  # type: ignore[list-item]
    # Across batches too: the row is counted from the start of the input.
    with pytest.raises(TypeError, match="document 5: a list"):
        comention.analyze(["x"] * 5 + [["y"]], batch_size=2)  # type: ignore[list-item]
    # Scalars read as their text, as pandas' astype(str) gives it.
    assert comention.clean([7, 2.5])["text"].tolist() == ["7", "2.5"]


def test_a_mapping_is_texts_by_id() -> None:
    docs = comention.clean({"a": "Wang Yi met Sullivan.", 7: None, "c": "Share this article"})
    assert docs["doc_id"].tolist() == ["a", "7", "c"]
    assert docs["text"].tolist()[0] == "Wang Yi met Sullivan."
    assert "missing text" in docs["error"].tolist()[1]
    m = comention.mentions({"x": "Angela Merkel visited Paris."})
    assert set(m["doc_id"]) == {"x"}


def test_a_misspelt_option_is_a_type_error_that_suggests_the_name() -> None:
    # Ignored as it was, the call ran with the default and said nothing.
    with pytest.raises(TypeError, match="unknown option 'contxt'"):
        comention.cooccurrences(["Wang Yi met Sullivan."], contxt="document")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="did you mean 'drop_chrome'"):
        comention.clean(["x"], drop_crome=False)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unknown option"):
        comention.analyze_stream(lambda: [pd.DataFrame({"text": ["x"]})], bogus=1)  # type: ignore[call-arg]
    # The call's own arguments are suggested too: these were asked about main_content and text.
    for call, wrong, meant in [(comention.analyze, "min_cont", "min_count"), (comention.analyze, "contxt", "context"),
                               (comention.cooccurrences, "windw", "window"), (comention.analyze_stream, "keep_mem", "keep_memory")]:
        with pytest.raises(TypeError, match=f"unknown option '{wrong}'; did you mean '{meant}'"):
            call([pd.DataFrame({"text": ["x"]})] if call is comention.analyze_stream else ["x"], **{wrong: 1})


def test_counting_options_are_refused_before_any_document_is_processed(monkeypatch: pytest.MonkeyPatch) -> None:
    # They were found when counting began, after the whole corpus was cleaned and tagged.
    def no_processing(*args: object, **kwargs: object) -> None:
        raise AssertionError("documents processed before the options were checked")

    monkeypatch.setattr(comention._api, "_process", no_processing)
    for call, options, error in [(comention.analyze, {"period": "fortnight"}, "unknown period"),
                                 (comention.analyze, {"min_count": -1}, "min_count must be 0 or more"),
                                 (comention.cooccurrences, {"context": "window"}, "a window context needs a size"),
                                 (comention.analyze, {"labels": ["XYZ"]}, "unknown entity type")]:
        with pytest.raises(ValueError, match=error):
            call(["Wang Yi met Jake Sullivan."], **options)


def test_count_arguments_out_of_range_are_refused_by_name() -> None:
    counts = comention.analyze(["Angela Merkel met Emmanuel Macron in Paris.", "Macron met Merkel."]).counts
    for kwargs, error, message in [
        ({"min_count": -1}, ValueError, "min_count must be 0 or more"),
        ({"top_k": -2}, ValueError, "top_k must be 0 or more"),
        ({"min_count": 1.5}, TypeError, "min_count must be a whole number"),
        ({"alpha": 2.0}, ValueError, "alpha is a probability"),
        ({"alpha": float("nan")}, ValueError, "alpha is a probability"),
        ({"backbone": -1.0}, ValueError, "backbone is a probability"),
        ({"smoothing": float("inf")}, ValueError, "smoothing is a pseudo-count"),
    ]:
        with pytest.raises(error, match=message):
            counts.edges(**kwargs)
    with pytest.raises(ValueError, match="threads must be 0 or more"):
        comention.analyze(["x"], threads=-1)
    # Refused at once, where a pool of ten thousand workers took minutes to start.
    with pytest.raises(comention.InvalidInputError, match=r"threads must be 0 \(one per core\) to 1024, not 10000"):
        comention.clean(["x"], threads=10_000)
    with pytest.raises(ValueError, match=r"threads must be below 2\*\*64"):
        comention.clean(["x"], threads=10**30)
    with pytest.raises(ValueError, match=r"min_count must be below 2\*\*64"):
        comention.cooccurrences(["x"], min_count=2**64)
    with pytest.raises(ValueError, match=r"window must be below 2\*\*32"):
        comention.cooccurrences(["x"], context="window", window=2**40)
    with pytest.raises(ValueError, match="window must be 0 or more"):
        comention.cooccurrences(["x"], context="window", window=-3)
    with pytest.raises(ValueError, match="evidence must be 0 or more"):
        comention.analyze(["x"], evidence=-1)
    with pytest.raises(ValueError, match="window must be 0 or more"):
        comention.Counts("window", window=-1)
    assert comention.Counts("document", labels="PER").to_bytes() == comention.Counts("document", labels=["PER"]).to_bytes()
    # One entity type named alone is that type, not its letters.
    only = comention.cooccurrences(["Angela Merkel met Emmanuel Macron in Paris."], context="document", labels="PER")
    assert set(only["source"]) | set(only["target"]) <= {"Angela Merkel", "Emmanuel Macron"}


def test_merging_into_itself_doubles_and_a_wrong_type_is_a_type_error() -> None:
    # One object borrowed twice: pyo3 refused it with "Already mutably borrowed".
    texts = ["Angela Merkel met Emmanuel Macron in Paris.", "Macron met Merkel."]
    counts = comention.analyze(texts).counts
    twice = comention.analyze(texts + texts).counts
    counts.merge(counts)
    assert counts.n_documents == 4
    pd.testing.assert_frame_equal(counts.edges(), twice.edges())
    lines = comention.learn_boilerplate(["Sign up\nStory one", "Sign up\nStory two"])
    lines.merge(lines)
    assert lines.n_documents == 4
    with pytest.raises(TypeError, match="merge takes Counts"):
        counts.merge(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="into takes RecurringLines"):
        comention.learn_boilerplate(["x"], into=5)  # type: ignore[arg-type]


def test_one_boilerplate_pattern_given_alone_is_that_pattern() -> None:
    # Listed as a str, "^share" was the patterns "^", "s", "h", "a", "r", "e": every block
    # with an "s" went.
    page = "Share this\n\nThe council approved the budget on Tuesday.\n\nSchools come first."
    alone = comention.clean([page], boilerplate="^share")
    listed = comention.clean([page], boilerplate=["^share"])
    assert alone["text"].tolist() == listed["text"].tolist()
    assert alone["text"][0] == "The council approved the budget on Tuesday.\n\nSchools come first."
    with pytest.raises(ValueError, match="min_count must be 0 or more"):
        comention.analyze(["x"]).counts.timeline(pairs=True, min_count=-1)


def test_a_corpus_numbers_documents_on_across_adds_and_checks_its_options_when_made() -> None:
    # Positions restarted at each add: the second list's first document was a second "0",
    # and its mentions joined to both.
    c = comention.Corpus(context="document")
    c.add(["Angela Merkel met Emmanuel Macron.", "x"]).add(["Macron met Merkel."]).add("Merkel spoke.")
    assert c.documents["doc_id"].tolist() == ["0", "1", "2", "3"]
    assert c.documents["doc_id"].is_unique
    # Given ids and a frame's index are kept as they are.
    c.add(pd.Series(["Paris."], index=["p"])).add(["Rome."], ids=["r"])
    assert c.documents["doc_id"].tolist()[-2:] == ["p", "r"]
    # Checked when the corpus is made, not at the first table after a corpus's worth of adds.
    with pytest.raises(ValueError, match="window must be 0 or more"):
        comention.Corpus(context="window", window=-1)
    with pytest.raises(ValueError, match="unknown entity type"):
        comention.Corpus(labels=["PERSON"])


def test_scoring_and_tagging_refuse_what_they_would_have_misread() -> None:
    # A short predicted list was scored as if its missing tags were O, an unknown tag read as
    # O, and a sentence given as one str was read as its characters.
    with pytest.raises(comention.InvalidInputError, match="sentence 0: 2 gold tags but 1 predicted"):
        comention.evaluate([["B-PER", "O"]], [["B-PER"]])
    with pytest.raises(comention.InvalidInputError, match='sentence 1: "B-FOO" is not an IOB2 tag'):
        comention.evaluate([["O"], ["B-PER"]], [["O"], ["B-FOO"]])
    with pytest.raises(TypeError, match="sentence 0 is a str"):
        comention.evaluate(["B-PER"], ["B-PER"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="sentence 0 is a str"):
        comention.tag_tokens(["Wang Yi met Sullivan"])  # type: ignore[list-item]
    for missing in (None, float("nan"), pd.NA):
        with pytest.raises(TypeError, match="sentence 1 has a missing value"):
            comention.tag_tokens([["Wang"], ["Wang", missing]])  # type: ignore[list-item]
    # The words "None" and "nan" are words.
    assert len(comention.tag_tokens([["None", "nan", 2024]])[0]) == 3  # type: ignore[list-item]


def test_repeated_ids_are_kept_with_a_warning_at_the_callers_line() -> None:
    # A Series concatenated without ignore_index repeats its index: every row is kept, but a
    # mention's doc_id then names two documents, which went unsaid.
    s = pd.concat([pd.Series(["Angela Merkel met Emmanuel Macron."]), pd.Series(["Paris."])])
    with pytest.warns(UserWarning, match=r"1 document ids repeat \(such as \[0\]\)") as caught:
        docs = comention.clean(s)
    assert docs["doc_id"].tolist() == ["0", "0"]
    assert caught[0].filename == __file__
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        comention.clean(["a", "b"])
        comention.clean(pd.Series(["a", "b"], index=["x", "y"]))


def test_an_alias_table_row_without_its_name_is_refused() -> None:
    # A missing name was printed as the entity "None", an empty one made the entity "".
    text = ["Widgetco hired Bob Jones."]
    for canonical, error, message in [(None, ValueError, "alias table row 1: the canonical name and the type"),
                                      ("", comention.InvalidInputError, "alias line 2: the canonical name is empty")]:
        table = pd.DataFrame({"canonical": ["Acme", canonical], "type": ["ORG", "ORG"], "aliases": ["AC", "Widgetco"]})
        with pytest.raises(error, match=message):
            comention.mentions(text, aliases=table)


def test_dates_that_cannot_be_read_are_warned_of_once_per_call() -> None:
    # Unix times, words and day-first numbers became NaT without a word; a zoned timestamp in
    # count_mentions' documents table raised pandas' "Cannot subtract tz-naive and tz-aware".
    import warnings

    df = pd.DataFrame({"text": ["Wang Yi met Jake Sullivan."] * 4, "date": [1580515200, "yesterday", "2020-01-02T23:00:00-05:00", None]})
    with pytest.warns(comention.UnreadableDateWarning, match=r"^2 given dates could not be read, such as 1580515200 \(document '0'\), 'yesterday'") as caught:
        docs = comention.clean(df, dates="date", threads=2, batch_size=1)
    assert len(caught) == 1 and caught[0].filename == __file__
    # A zoned time keeps the date it was written with, as before.
    assert docs["date"].tolist() == [pd.NaT, pd.NaT, pd.Timestamp("2020-01-02"), pd.NaT]
    # A stream reading its input twice warns once, of the first pass.
    with pytest.warns(comention.UnreadableDateWarning, match="^2 given dates") as caught:
        comention.analyze_stream(lambda: [df.iloc[:2], df.iloc[2:]], dates="date", keep_memory=0, progress=False)
    assert len(caught) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        comention.clean(df.iloc[2:], dates="date")

    mentions = pd.DataFrame({"doc_id": [1, 1, 2, 2], "entity": ["A", "B", "A", "B"]})
    zoned = pd.DataFrame({"doc_id": [1, 2], "date": pd.to_datetime(["2020-01-31 23:00", "2020-02-01 00:30"]).tz_localize("America/New_York")})
    timeline = comention.count_mentions(mentions, documents=zoned, period="month").timeline(pairs=True)
    assert timeline["period"].astype(str).tolist() == ["2020-01-01", "2020-02-01"]
    with pytest.warns(comention.UnreadableDateWarning, match=r"^1 given date could not be read, such as 'nope' \(document '2'\): it counts"):
        counts = comention.count_mentions(mentions, documents=pd.DataFrame({"doc_id": [1, 2], "date": ["2020-01-05", "nope"]}), period="day")
    assert counts.timeline()["period"].astype(str).unique().tolist() == ["2020-01-05"]


def test_placeholder_dates_are_missing_and_the_warning_says_why() -> None:
    # Databases write 9999-12-31 or 0001-01-01 for "no date": ISO text, yet no publication
    # date; the warning had told the user to pass ISO strings, which they had.
    df = pd.DataFrame({"text": ["Wang Yi met Jake Sullivan."] * 3, "date": ["9999-12-31", "0001-01-01", "2999-12-31"]})
    with pytest.warns(comention.UnreadableDateWarning, match=r"^2 given dates could not be read.*of the years 1000 to 2999 \(placeholders such as 9999-12-31"):
        docs = comention.clean(df, dates="date")
    assert docs["date"].tolist() == [pd.NaT, pd.NaT, pd.Timestamp("2999-12-31")]


def test_dates_given_as_digits_are_read() -> None:
    # GDELT's exports date events as the integer 20240305 and articles as 20240305141500; an
    # integer column with a gap is held as floats. They were unreadable, with a warning.
    import warnings

    dates = pd.Series([20240305, None, 20240306141500, "2024/3/7"], dtype=object)
    floats = pd.Series([20240305.0, float("nan"), 20240306141500.0])
    df = pd.DataFrame({"text": ["Wang Yi met Jake Sullivan."] * 3})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for given in (dates[:3], floats):
            docs = comention.clean(df.assign(date=given.to_numpy()), dates="date")
            assert docs["date"].tolist() == [pd.Timestamp("2024-03-05"), pd.NaT, pd.Timestamp("2024-03-06")]
        docs = comention.clean(["a", "b"], dates=dates[2:].tolist())
    assert docs["date"].tolist() == [pd.Timestamp("2024-03-06"), pd.Timestamp("2024-03-07")]
    # A Unix time is ten digits, not a date in digits: still warned of.
    with pytest.warns(comention.UnreadableDateWarning, match=r"1709640000\.0 .*digits \(20230918, 2023/09/18\)"):
        comention.clean(["a"], dates=[1709640000.0])


def test_a_mention_tables_labels_are_read_in_any_case_and_a_missing_one_is_named() -> None:
    table = pd.DataFrame({"doc_id": [1, 1, 1], "entity": ["A", "B", "C"], "label": ["per", "ORG", "Per"]})
    entities = comention.count_mentions(table, labels=["PER"]).entities()
    assert sorted(entities["entity"]) == ["A", "C"]
    # A missing label read as the label "nan" and was refused as unknown without saying why.
    with pytest.raises(ValueError, match="column 'label' has missing values"):
        comention.count_mentions(table.assign(label=["PER", None, "ORG"]))


def test_a_mention_table_counted_finer_than_it_is_placed_is_refused() -> None:
    # Without sentence numbers every mention sat in its document's first sentence: a sentence
    # context that counted as the document does; without dates every timeline was empty.
    table = pd.DataFrame({"doc_id": ["a", "a"], "entity": ["X", "Y"]})
    for context, column in [("sentence", "sentence"), ("paragraph", "paragraph"), ("window", "token_start")]:
        with pytest.raises(comention.InvalidInputError, match=f"a {context} context needs the mention table's \"{column}\" column"):
            comention.count_mentions(table, context=context, window=3 if context == "window" else None)
    assert comention.count_mentions(table.assign(sentence=[0, 1]), context="sentence").edges().empty
    with pytest.raises(ValueError, match=r"period='month' needs the documents' dates"):
        comention.count_mentions(table, period="month")


def test_mentions_without_an_entity_are_warned_of_and_their_documents_still_count() -> None:
    table = pd.DataFrame({"doc_id": ["a", "a", "b"], "entity": ["X", "Y", None]})
    with pytest.warns(comention.MissingEntityWarning, match=r"^1 mention has no 'entity' and so no entity to count") as caught:
        counts = comention.count_mentions(table)
    assert caught[0].filename == __file__
    assert counts.edges()[["source", "target", "n_ab", "n"]].values.tolist() == [["X", "Y", 1, 2]]


def test_a_column_of_periods_is_dated_by_their_first_days() -> None:
    import warnings

    df = pd.DataFrame({"text": ["Wang Yi met Jake Sullivan."] * 2, "date": pd.period_range("2020-01", periods=2, freq="M")})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        docs = comention.clean(df, dates="date")
    assert docs["date"].tolist() == [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-02-01")]


def test_evidence_of_counts_that_keep_none_is_refused() -> None:
    # An empty table read as "never together"; timelines already said they had not been asked.
    counts = comention.count_mentions(pd.DataFrame({"doc_id": ["a", "a"], "entity": ["X", "Y"]}))
    with pytest.raises(ValueError, match=r"these counts keep no evidence: count with evidence=K"):
        counts.evidence("X", "Y")
    kept = comention.analyze(["Wang Yi met Jake Sullivan in Vienna."], evidence=1, progress=False)
    assert (counts.evidence_per_pair, kept.counts.evidence_per_pair) == (0, 1)
    assert kept.evidence("Jake Sullivan", "Wang Yi")["text"].tolist() == ["Wang Yi met Jake Sullivan in Vienna."]
