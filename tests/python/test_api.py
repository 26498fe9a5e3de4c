"""The pandas-first API: inputs, outputs, offsets, errors, determinism."""

from __future__ import annotations

import pandas as pd
import pytest

import comention

TEXTS = [
    "Wang Yi met Jake Sullivan in Malta on Sunday. Wang later flew to Moscow.",
    "China’s Wang Yi and U.S. officials met again. The US side said talks were candid.",
    "Shares of Halvard Systems rose in Oslo. Halvard said its profit doubled.",
]


def test_analyze_returns_aligned_frames() -> None:
    a = comention.analyze(pd.Series(TEXTS, index=["a", "b", "c"]))
    assert list(a.documents["doc_id"]) == ["a", "b", "c"]
    assert set(a.mentions["doc_id"]) == {"a", "b", "c"}
    for col in ("doc_id", "label", "entity"):
        assert isinstance(a.mentions[col].dtype, pd.CategoricalDtype), col
    assert {"source", "target", "n_ab", "n_a", "n_b", "n", "pmi", "npmi", "g2"} <= set(a.edges.columns)
    assert set(a.entities["label"]) <= {"PER", "ORG", "LOC", "MISC"}
    assert "Analysis(3 documents" in repr(a)


def test_raw_offsets_are_code_points_into_the_input() -> None:
    texts = ["Café owners in Paris met Wang Yi.\n\nShare this article", "  Ünïcode — Angela Merkel visited Berlin. "]
    a = comention.analyze(texts)
    for row in a.mentions.itertuples():
        raw = texts[int(row.doc_id)]
        clean = a.documents.loc[int(row.doc_id), "text"]
        assert raw[row.raw_start : row.raw_end] == row.text
        assert clean[row.start : row.end] == row.text


def test_a_repaired_word_keeps_exact_offsets_where_it_was_not_changed() -> None:
    # A word that needed NFC or lost an invisible character was mapped back whole: a mention
    # ending inside "Zu\u0308rich." took its full stop, one after a byte-order mark took the mark.
    texts = ["Angela Merkel met Jose\u0301 Garci\u0301a in Zu\u0308rich.", "\ufeffWang Yi met Jake Sullivan."]
    m = comention.mentions(texts)
    spans = {(row.text, texts[int(row.doc_id)][row.raw_start : row.raw_end]) for row in m.itertuples()}
    assert spans == {("Angela Merkel", "Angela Merkel"), ("José García", "Jose\u0301 Garci\u0301a"), ("Zürich", "Zu\u0308rich"),
                     ("Wang Yi", "Wang Yi"), ("Jake Sullivan", "Jake Sullivan")}


def test_entities_resolve_within_documents() -> None:
    m = comention.mentions(TEXTS)
    ent = dict(zip(m["text"], m["entity"]))
    assert ent["Wang"] == "Wang Yi"
    assert ent["U.S."] == ent["US"] == "United States"
    assert ent["China"] == "China"


def test_compounds_of_known_names_are_mentions_of_each_name() -> None:
    # The tagger takes "Iran-Iraq" whole (as CoNLL-2003 annotates it): an entity of its own,
    # linked to neither country, and no co-mention of the two.
    texts = ["The Iran-Iraq war ended.\n\nShares of the London-based miner Rio Tinto rose in Guinea-Bissau and at the Mexico-U.S. border."]
    a = comention.analyze(texts, context="sentence")
    m = a.mentions
    assert list(zip(m["text"], m["entity"])) == [("Iran", "Iran"), ("Iraq", "Iraq"), ("London", "London"), ("Rio Tinto", "Rio Tinto"),
                                                 ("Guinea-Bissau", "Guinea-Bissau"), ("Mexico", "Mexico"), ("U.S.", "United States")]
    for row in m.itertuples():
        assert texts[0][row.raw_start : row.raw_end] == row.text
    pairs = set(zip(a.edges["source"], a.edges["target"]))
    assert ("Iran", "Iraq") in pairs and ("Mexico", "United States") in pairs


def test_dataframe_columns_and_given_metadata() -> None:
    df = pd.DataFrame({"body": TEXTS, "key": [10, 11, 12], "when": ["2024-01-02", None, "March 3, 2024"], "outlet": ["X", "Y", None]})
    out = comention.clean(df, text="body", ids="key", dates="when", sources="outlet")
    assert list(out["doc_id"]) == ["10", "11", "12"]
    assert out["date"].dt.strftime("%Y-%m-%d").tolist()[0] == "2024-01-02"
    assert pd.isna(out["date"].iloc[1])
    assert out["date"].iloc[2] == pd.Timestamp("2024-03-03")
    assert list(out["source"].astype(object).fillna("-")) == ["X", "Y", "-"]


def test_missing_and_odd_values_keep_one_row_each() -> None:
    a = comention.analyze(["Wang Yi spoke.", None, float("nan"), pd.NA, "", b"Angela Merkel spoke.", 42])
    docs = a.documents
    assert len(docs) == 7
    assert docs["error"].notna().tolist() == [False, True, True, True, False, False, False]
    assert "missing text" in docs["error"].iloc[1]
    assert "Angela Merkel" in set(a.mentions["entity"])


def test_argument_errors_are_clear() -> None:
    with pytest.raises(ValueError, match="ids has 2 values"):
        comention.analyze(TEXTS, ids=["a", "b"])
    with pytest.raises(KeyError, match="no text column"):
        comention.analyze(pd.DataFrame({"x": TEXTS}))
    with pytest.raises(comention.InvalidInputError, match="unknown context"):
        comention.analyze(TEXTS, context="page")  # type: ignore[arg-type]
    assert issubclass(comention.InvalidInputError, ValueError)


def test_results_do_not_depend_on_threads_or_batches() -> None:
    corpus = comention.load_sample()
    one = comention.analyze(corpus, ids="id", threads=1, batch_size=1000)
    two = comention.analyze(corpus, ids="id", threads=2, batch_size=7)
    pd.testing.assert_frame_equal(one.mentions, two.mentions, check_categorical=False)
    pd.testing.assert_frame_equal(one.edges, two.edges, check_categorical=False)
    pd.testing.assert_frame_equal(one.entities, two.entities, check_categorical=False)
    assert one.counts.to_bytes() == two.counts.to_bytes()


def test_categorical_columns_have_distinct_categories() -> None:
    # The tables' categories are taken from the core's dictionaries without pandas' own
    # check that they are distinct; batches of 7 documents make the mention table's
    # dictionaries unified across batches too.
    corpus = comention.load_sample()
    a = comention.analyze(corpus, ids="id", threads=2, batch_size=7)
    frames = {"mentions": a.mentions, "entities": a.entities, "edges": a.edges, "removals": a.removals, "documents": a.documents}
    checked = 0
    for name, frame in frames.items():
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                categories = frame[column].cat.categories
                assert categories.is_unique, (name, column)
                assert set(frame[column].dropna()) <= set(categories), (name, column)
                checked += 1
    assert checked >= 6  # mentions: doc_id, label, entity; entities: label; edges: source, target


def test_counts_merge_and_serialise() -> None:
    corpus = comention.load_sample()
    # Separate analyses link names only within themselves; without linking, their counts
    # merge into exactly the whole's.
    whole = comention.analyze(corpus, ids="id", link_names=False).counts
    a = comention.analyze(corpus.iloc[:20], ids="id", link_names=False).counts
    b = comention.analyze(corpus.iloc[20:], ids="id", link_names=False).counts
    merged = comention.Counts.from_bytes(b.to_bytes())
    merged.merge(a)
    assert merged.to_bytes() == whole.to_bytes()
    assert merged.n_documents == len(corpus)
    with pytest.raises(comention.StateError):
        comention.Counts.from_bytes(b"not counts")
    with pytest.raises(comention.InvalidInputError):
        comention.Counts("document").merge(comention.Counts("sentence"))


def test_measures_match_their_definitions() -> None:
    import math

    e = comention.analyze(comention.load_sample(), ids="id", context="document").edges
    row = e.iloc[0]
    n_ab, n_a, n_b, n = (float(row[k]) for k in ("n_ab", "n_a", "n_b", "n"))
    pmi = math.log2(n_ab * n / (n_a * n_b))
    assert row["pmi"] == pytest.approx(pmi, abs=1e-12)
    assert row["npmi"] == pytest.approx(pmi / -math.log2(n_ab / n), abs=1e-12)
    obs = [n_ab, n_a - n_ab, n_b - n_ab, n - n_a - n_b + n_ab]
    exp = [n_a * n_b / n, n_a * (n - n_b) / n, (n - n_a) * n_b / n, (n - n_a) * (n - n_b) / n]
    g2 = 2 * sum(o * math.log(o / x) for o, x in zip(obs, exp) if o > 0)
    assert row["g2"] == pytest.approx(g2, abs=1e-9)


def test_tag_tokens_on_gold_tokenisation() -> None:
    tags = comention.tag_tokens([["Wang", "Yi", "visited", "Moscow", "."], [], ["EU", "rejects", "German", "call"]])
    assert tags[0] == ["B-PER", "I-PER", "O", "B-LOC", "O"]
    assert tags[1] == []
    assert len(tags[2]) == 4 and tags[2][0] == "B-ORG"


def test_cleaning_audit_records_removals_with_raw_offsets() -> None:
    raw = "Markets rally\n\nShares rose on Monday.\n\nShare this article\n\nThank you for registering"
    a = comention.analyze([raw])
    assert a.documents.loc[0, "text"] == "Markets rally\n\nShares rose on Monday."
    rem = a.removals
    assert list(rem["rule"]) == ["share", "prompt-registration"]
    for r in rem.itertuples():
        assert raw[r.raw_start : r.raw_end] == r.text


def test_lone_surrogates_do_not_lose_the_batch() -> None:
    # A lone surrogate, and a pair of them (two code points in a str, never joined into one).
    texts = ["Angela Merkel met \udc80 Wang Yi in Berlin.", "Wang Yi spoke.", "Angela Merkel met \ud83d\ude00 Wang Yi in Berlin."]
    a = comention.analyze(texts)
    assert a.documents["error"].isna().all()
    assert {"Angela Merkel", "Berlin"} <= set(a.mentions["entity"])
    for r in a.mentions.itertuples():
        # The surrogate stands as U+FFFD in results, one for one, so offsets still index the input.
        assert texts[int(r.doc_id)][r.raw_start : r.raw_end].replace("\udc80", "\ufffd") == r.text
    assert a.documents["text"][2] == "Angela Merkel met \ufffd\ufffd Wang Yi in Berlin."
    assert a.mentions[a.mentions["doc_id"] == "2"]["raw_start"].tolist() == [0, 21, 32]


def test_html_input_is_stripped_with_offsets_into_the_markup() -> None:
    html = (
        "<html><head><title>Talks in Malta</title></head><body><script>var x = 1;</script>"
        "<nav>Home | World</nav><p>Wang Yi met Jake&nbsp;Sullivan in <b>Malta</b> &amp; Rome.</p>"
        "<p>Share this article</p></body></html>"
    )
    a = comention.analyze([html])
    doc = a.documents.iloc[0]
    assert doc["title"] == "Talks in Malta"
    assert doc["text"] == "Wang Yi met Jake Sullivan in Malta & Rome."
    rules = set(a.removals["rule"])
    assert {"html-nav", "html-script", "share"} <= rules
    for r in a.mentions.itertuples():
        if r.text == "Malta":
            assert html[r.raw_start : r.raw_end] == "Malta"
        if r.text == "Jake Sullivan":
            assert html[r.raw_start : r.raw_end] == "Jake&nbsp;Sullivan"


def test_a_scraped_pages_title_line_gives_the_headline_and_the_site() -> None:
    article = [
        "The council approved the budget on Tuesday after a long debate about schools and housing.",
        "Work on the new library starts in May, the mayor said, and should take two years to finish.",
    ]
    lines = ["Council passes the city budget | Local News | The Harbour Gazette", "Home", "Local News", "Sport", "Weather"]
    lines += ["Council passes the city budget", "Share", *article, "About us", "Contact", "© 2024 The Harbour Gazette"]
    doc = comention.clean("\n".join(lines)).iloc[0]
    assert doc["title"] == "Council passes the city budget"
    assert doc["source"] == "The Harbour Gazette"
    # A source given with the documents wins over the one the title names.
    given = comention.clean(pd.DataFrame({"text": ["\n".join(lines)], "site": ["gazette.example"]}), sources="site").iloc[0]
    assert given["source"] == "gazette.example"


def test_names_link_across_documents_only_when_unambiguous() -> None:
    docs = [
        "Ronald Reagan met reporters in Washington on Monday.",
        "Ronald Reagan spoke again on Tuesday.",
        "Reagan said the talks in Washington would go on.",
        "John Smith and Jane Smith ran the company. John Smith left.",
        "Jane Smith stayed on. Smith said profits rose.",
        "Analysts said Mr. Smith declined to comment.",
        "Reagan scored twice for Hereford on Saturday.",
    ]
    a = comention.analyze(docs)
    ent = a.mentions.groupby("doc_id", observed=True)["entity"].apply(list).to_dict()
    assert "Ronald Reagan" in ent["2"]  # the story shares Washington with his
    assert "Reagan" in ent["6"]  # no story shows "Reagan" for him, and this one shares nothing
    assert "Smith" in ent["5"]  # two Smiths in the corpus: left alone
    links = a.links
    assert ("Reagan", "Ronald Reagan", True) in set(zip(links["alias"], links["entity"], links["in_context"]))
    assert links["label"].isna().all()  # no name here is typed by the nouns before it
    refused = links[links["entity"].isna()]
    assert list(refused["alias"]) == ["Smith"] and sorted(refused["candidates"].iloc[0]) == ["Jane Smith", "John Smith"]
    off = comention.analyze(docs, link_names=False).mentions
    assert "Reagan" in set(off.loc[off["doc_id"] == "2", "entity"])
    ents = a.entities.set_index("entity")
    assert list(ents.loc["Ronald Reagan", "aliases"]) == ["Ronald Reagan", "Reagan"]


def test_a_name_nouns_type_in_two_stories_has_that_type_in_every_story() -> None:
    docs = [
        "The comedy Sideways won the prize on Sunday.",
        "Critics praised the film Sideways at the festival.",
        "Takings for Sideways rose by a third in Los Angeles, Paramount said.",
    ]
    a = comention.analyze(docs)
    m = a.mentions[a.mentions["text"] == "Sideways"]
    assert list(m["doc_id"]) == ["0", "1", "2"] and set(m["label"]) == {"MISC"}
    assert a.entities.set_index("entity").loc["Sideways", "label"] == "MISC"
    # The links table says why: the name, typed across the corpus, is its own alias there.
    typed = a.links[a.links["label"].notna()]
    assert typed[["alias", "entity", "label"]].values.tolist() == [["Sideways", "Sideways", "MISC"]]
    # Without the corpus's links each story keeps what its own words say.
    off = comention.analyze(docs, link_names=False).mentions
    assert off.loc[(off["text"] == "Sideways") & (off["doc_id"] == "2"), "label"].tolist() != ["MISC"]


def test_user_alias_table_takes_precedence_and_watches(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = ["Lumen said LG would expand.", "The U.S. and the U.K. agreed."]
    table = pd.DataFrame({"canonical": ["Lumen Grid", "USA"], "type": ["ORG", "LOC"], "aliases": ["Lumen|LG", ["U.S."]]})
    m = comention.mentions(texts, aliases=table)
    found = dict(zip(m["text"], m["entity"]))
    assert found["LG"] == "Lumen Grid" and found["Lumen"] == "Lumen Grid"
    assert found["U.S."] == "USA"  # the user's table wins over the built-in one
    assert found["U.K."] == "United Kingdom"  # the built-in one still serves the rest
    path = tmp_path / "aliases.tsv"
    path.write_text("canonical\ttype\taliases\nLumen Grid\tORG\tLumen|LG\n")
    assert "Lumen Grid" in set(comention.mentions(texts, aliases=str(path))["entity"])
    with pytest.raises(KeyError, match="canonical"):
        comention.mentions(texts, aliases=pd.DataFrame({"name": ["x"]}))


def test_merge_and_split_recount_without_retagging() -> None:
    docs = ["Jake Sullivan met Wang Yi in Malta.", "Sullivan met Wang Yi in Vienna.", "Wang Yi flew to Malta."]
    a = comention.analyze(docs, context="document")
    merged = a.merge_entities({"Sullivan": "Jake Sullivan"})
    e = merged.edges.set_index(["source", "target"])
    assert e.loc[("Jake Sullivan", "Wang Yi"), "n_ab"] == 2
    split = merged.split_entity("Wang Yi", "Wang Yi (2)", merged.mentions["doc_id"] == "2")
    ents = set(split.entities["entity"])
    assert {"Wang Yi", "Wang Yi (2)"} <= ents
    assert split.edges.set_index(["source", "target"]).loc[("Malta", "Wang Yi (2)"), "n_ab"] == 1
    # One boolean per mention, in order, selects as the Series does.
    by_position = merged.split_entity("Wang Yi", "Wang Yi (2)", (merged.mentions["doc_id"] == "2").tolist())
    pd.testing.assert_frame_equal(by_position.edges, split.edges)
    # A misspelt name split nothing without a word, and a list or a short mask failed inside pandas.
    with pytest.raises(KeyError, match="no entity 'Wang Y'"):
        merged.split_entity("Wang Y", "x", merged.mentions["doc_id"] == "2")
    with pytest.raises(ValueError, match="where has 1 values but there are"):
        merged.split_entity("Wang Yi", "x", [True])
    with pytest.raises(TypeError, match="merge_entities takes a mapping"):
        a.merge_entities([("Sullivan", "Jake Sullivan")])  # type: ignore[arg-type]


def test_demonyms_are_related_not_merged() -> None:
    e = comention.analyze(["Spanish officials met Japanese envoys in Spain and Japan."]).entities.set_index("entity")
    assert {"Spanish", "Spain", "Japanese", "Japan"} <= set(e.index)
    assert e.loc["Spanish", "related"] == "Spain" and e.loc["Japanese", "related"] == "Japan"
    assert pd.isna(e.loc["Spain", "related"])


def test_mojibake_is_repaired_and_offsets_point_at_the_broken_bytes() -> None:
    raw = "BrasÃ­lia Ã© a capital. Itâ€™s where Luiz InÃ¡cio Lula da Silva works."
    docs = comention.clean([raw])
    assert docs["text"][0] == "Brasília é a capital. It’s where Luiz Inácio Lula da Silva works."
    m = comention.mentions([raw])
    lula = m[m["text"].str.contains("Lula")].iloc[0]
    assert lula.text.startswith("Luiz Inácio Lula")
    assert raw[lula.raw_start : lula.raw_end] == lula.text.replace("á", "Ã¡")


def test_user_boilerplate_patterns_are_removed_and_audited() -> None:
    raw = "Listen to this article\n\nMaria Keller met Acme Corp. executives in Berlin.\n\nThis story was SPONSORED BY Lumen."
    a = comention.analyze([raw], boilerplate=[r"^listen to this article$", "sponsored by"])
    assert a.documents["text"][0] == "Maria Keller met Acme Corp. executives in Berlin."
    assert a.removals["rule"].tolist() == ["user-pattern", "user-pattern"]
    with pytest.raises(comention.InvalidInputError, match="does not compile"):
        comention.clean([raw], boilerplate=["(unclosed"])


def test_bytes_of_unknown_encoding_are_decoded() -> None:
    latin1 = "Le gouvernement français a annoncé des réformes pour l'été prochain à Paris.".encode("latin-1")
    cyrillic = "Правительство объявило о новых реформах в Москве в среду.".encode("cp1251")
    utf16 = "Angela Merkel visited Paris.".encode("utf-16")  # with its byte-order mark
    docs = comention.clean([latin1, cyrillic, utf16])
    assert docs["text"].tolist() == [
        "Le gouvernement français a annoncé des réformes pour l'été prochain à Paris.",
        "Правительство объявило о новых реформах в Москве в среду.",
        "Angela Merkel visited Paris.",
    ]
    assert comention._core.decode_bytes("Grüße".encode()) == ("Grüße", "UTF-8")


def test_corpus_boilerplate_is_learned_per_source_merges_and_pickles() -> None:
    import pickle

    pages = [f"The Harbour Ledger, your port and your paper\nStory {i}: the ferry to Porto Verde resumed service." for i in range(6)]
    sources = ["Ledger"] * 6
    half = comention.learn_boilerplate(pages[:3], sources=sources[:3])
    whole = comention.learn_boilerplate(pages[3:], sources=sources[3:])
    whole.merge(pickle.loads(pickle.dumps(half)))
    assert whole.n_documents == 6 and whole.to_bytes() == comention.learn_boilerplate(pages, sources=sources).to_bytes()
    a = comention.analyze(pages, sources=sources, corpus_boilerplate=whole)
    assert set(a.removals["rule"]) == {"recurring-line"} and len(a.removals) == 6
    other = comention.clean(pages, sources=["Other"] * 6, corpus_boilerplate=whole)
    assert other["text"][0].startswith("The Harbour Ledger"), "evidence is per source"


def test_corpus_boilerplate_is_the_same_learned_on_any_number_of_threads() -> None:
    pages = [f"The Harbour Ledger, your port and your paper\nMenu {i % 5}\nStory {i}: the ferry resumed service." for i in range(3000)]
    sources = [["Ledger", "Gazette", None][i % 3] for i in range(3000)]
    learned = [comention.learn_boilerplate(pages, sources=sources, threads=t).to_bytes() for t in (1, 2, 3)]
    assert learned[0] == learned[1] == learned[2]
    assert comention.learn_boilerplate(pages, sources=sources, threads=2).n_documents == 3000


def test_corpus_boilerplate_learned_in_the_call_equals_learning_first() -> None:
    pages = [
        f"The Harbour Ledger, your port and your paper\nMenu {i % 4}\nStory {i}: the ferry to Porto Verde resumed service on day {i}."
        for i in range(40)
    ]
    pages[7] = None  # a missing text teaches nothing
    sources = [["Ledger", "Gazette", None][i % 3] for i in range(40)]
    frame = pd.DataFrame({"text": pages, "source": sources})
    first = comention.learn_boilerplate(frame, sources="source")
    expected = comention.analyze(frame, sources="source", corpus_boilerplate=first)
    assert set(expected.removals["rule"]) == {"recurring-line"}
    for threads in (1, 2):
        for batch_size in (2000, 7):  # one call into the core, or learned before the batches
            options = {"threads": threads, "batch_size": batch_size}
            learned = comention.analyze(frame, sources="source", corpus_boilerplate="learn", **options)
            for name in ("documents", "removals", "mentions", "edges"):
                pd.testing.assert_frame_equal(getattr(learned, name), getattr(expected, name), obj=f"{name}, {options}")
            cleaned = comention.clean(frame, sources="source", corpus_boilerplate="learn", **options)
            pd.testing.assert_frame_equal(cleaned, comention.clean(frame, sources="source", corpus_boilerplate=first))


def test_corpus_boilerplate_learn_is_refused_where_documents_come_in_parts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pages.jsonl"
    pd.DataFrame({"text": ["Story one.", "Story two."]}).to_json(path, orient="records", lines=True)
    with pytest.raises(ValueError, match="learn_boilerplate"):
        comention.analyze_stream(path, corpus_boilerplate="learn")
    with pytest.raises(ValueError, match="not 'learned'"):
        comention.clean(["Story one."], corpus_boilerplate="learned")  # type: ignore[typeddict-item]


def _clean_in_child(text: str) -> str:
    return str(comention.clean([text], threads=2, progress=False).loc[0, "text"])


def test_a_forked_child_cleans_after_its_parent_started_worker_threads() -> None:
    # Worker pools are shared within a process; a child forked after the parent made one must
    # make its own rather than wait on threads that were not forked with it.
    import multiprocessing

    assert comention.clean(["Shares rose on Monday."], threads=2, progress=False).loc[0, "text"] == "Shares rose on Monday."
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply_async(_clean_in_child, ("Shares fell on Tuesday.",)).get(timeout=120) == "Shares fell on Tuesday."


def test_loading_ahead_changes_no_result() -> None:
    # Fresh processes, so that the first one really loads at first use and the second
    # ahead of it; a page with chrome, a dateline and names exercises every loaded table.
    import json
    import subprocess
    import sys

    page = "Subscribe to our newsletter\nLONDON (Reuters) - Wang Yi met Jake Sullivan in Malta.\nPlease refresh the page."
    child = (
        "import json, sys, comention\n"
        "if sys.argv[1] == 'ahead': comention.load()\n"
        "a = comention.analyze([sys.argv[2]], progress=False)\n"
        "print(json.dumps([a.mentions[['start', 'end', 'entity', 'score']].values.tolist(), a.removals['rule'].tolist()]))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", child, mode, page], check=True, capture_output=True, text=True) for mode in ("lazy", "ahead")]
    lazy, ahead = (json.loads(r.stdout) for r in runs)
    assert lazy == ahead
    assert lazy[0] and "newsletter" in lazy[1]


def test_progress_bars_show_when_asked_and_only_then(capsys: pytest.CaptureFixture[str]) -> None:
    texts = ["Wang Yi met Jake Sullivan in Malta.", "Shares rose in Tokyo."]
    mentions = pd.DataFrame({"doc_id": [1, 1, 2], "entity": ["A", "B", "A"]})
    comention.analyze(texts, progress=False)
    comention.count_mentions(mentions, progress=False)
    assert capsys.readouterr().err == ""
    comention.analyze(texts, progress=True)
    comention.count_mentions(mentions, progress=True)
    err = capsys.readouterr().err
    assert "comention: 100%" in err and "counting: 100%" in err
