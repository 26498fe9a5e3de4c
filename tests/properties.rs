//! Properties over generated text: offsets always valid, cleaning idempotent, counts
//! independent of how documents are split, merged partials equal to the whole, evidence
//! learned while cleaning equal to evidence learned first.

use std::sync::Arc;

use comention::clean::recurring::RecurringLines;
use comention::clean::{clean, CleanOptions};
use comention::stats::{Context, CountOptions, Cooccurrence, Period};
use comention::{Document, Input, Options, Pipeline};
use proptest::prelude::*;

/// Text made of news-like pieces, markup, whitespace and odd characters, so that generated
/// inputs reach the cleaner's and tagger's interesting paths.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Wang Yi".to_string()),
        Just("Jake Sullivan".to_string()),
        Just("U.S.".to_string()),
        Just("China's".to_string()),
        Just("Mr. J. Smith of Acme Inc.".to_string()),
        Just("Share this article".to_string()),
        Just("Monday 18 September 2023".to_string()),
        Just("<p>".to_string()),
        Just("</b>".to_string()),
        // Markup the main-content extractor is handed without script and style text.
        Just("<!doctype html><html><body>".to_string()),
        Just("<script data-x=\"a>b\">var s = '<p>';</script>".to_string()),
        Just("<script type=\"application/ld+json\">{\"datePublished\": \"2023-09-18\"}</script>".to_string()),
        Just("<style>p { color: red }</style>".to_string()),
        Just("<!-- <script> -->".to_string()),
        Just("&amp;".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("\n    ".to_string()),
        Just(" (IMF) ".to_string()),
        "[a-zA-Z]{1,8}",
        "[ \t\r\n]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

/// A page scraped to text, one block a line: prose, menu items, repeats, now and then markup,
/// so that generated pages reach the main-region cut and the duplicate rule together.
fn scraped_page() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("Officials said on Tuesday that the council approved the new budget after a long debate.".to_string()),
        Just("Wang Yi met Jake Sullivan in Malta, and the two men talked for twelve hours over two days.".to_string()),
        Just("Home".to_string()),
        Just("Sport".to_string()),
        Just("Share this article".to_string()),
        Just("Related stories".to_string()),
        Just("<p>Prices rose by five percent in March, the statistics office said in a statement.</p>".to_string()),
        Just("".to_string()),
        "[A-Z][a-z]{2,9}( [a-z]{2,9}){0,14}[.]?",
    ];
    prop::collection::vec(line, 0..40).prop_map(|v| v.join("\n"))
}

/// The clean text of `text`, and the clean text of that.
fn clean_twice(text: String) -> (String, String) {
    let mut once = Document::new("x", text);
    clean(&mut once, &CleanOptions::default());
    let mut twice = Document::new("x", once.clean.clone());
    clean(&mut twice, &CleanOptions::default());
    (once.clean, twice.clean)
}

fn inputs(texts: &[String]) -> Vec<Input> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Input { id: format!("d{i}"), text: Some(t.clone()), date: Some(format!("2024-01-{:02}", i % 28 + 1)), source: None })
        .collect()
}

/// Pages of three sites, each page a few of the site's menu lines around its own story, now
/// and then as HTML; now and then a page without text.
fn site_pages() -> impl Strategy<Value = Vec<(Option<String>, Option<String>)>> {
    let page = (0usize..3, scraped_page(), prop::collection::vec(0usize..4, 0..4), any::<bool>(), 0u8..12, 0u8..8);
    prop::collection::vec(page, 0..30).prop_map(|pages| {
        pages
            .into_iter()
            .map(|(site, story, menu, menu_first, missing, html)| {
                let mut lines: Vec<String> = menu.into_iter().map(|m| format!("Site {site} menu item {m}: Subscribe today")).collect();
                let at = if menu_first { lines.len() } else { 0 };
                lines.insert(at, story);
                let page = if html == 0 {
                    let body: String = lines.join("\n").lines().map(|l| format!("<p>{l}</p>\n")).collect();
                    format!("<!doctype html><html><head><title>Site {site}</title></head><body>{body}</body></html>")
                } else {
                    lines.join("\n")
                };
                ((missing != 0).then_some(page), (site > 0).then(|| format!("site{site}")))
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn learning_while_cleaning_equals_learning_first(pages in site_pages(), threads in 1usize..4, full in any::<bool>()) {
        let inputs: Vec<Input> = pages
            .iter()
            .enumerate()
            .map(|(i, (text, source))| Input { id: format!("p{i}"), text: text.clone(), date: None, source: source.clone() })
            .collect();
        let first = {
            let mut evidence = RecurringLines::new();
            let texts: Vec<(&str, Option<&str>)> = pages.iter().filter_map(|(t, s)| Some((t.as_deref()?, s.as_deref()))).collect();
            evidence.add_all(&texts);
            evidence
        };
        let options = |recurring: Option<Arc<RecurringLines>>| Options {
            threads,
            clean_only: !full,
            clean: CleanOptions { recurring, ..Default::default() },
            ..Default::default()
        };
        let expected = Pipeline::new(options(Some(Arc::new(first.clone())))).unwrap().process(inputs.clone());
        let (docs, learned) = Pipeline::new(options(None)).unwrap().process_learning(inputs.clone());
        prop_assert_eq!(learned.to_bytes(), first.to_bytes());
        prop_assert_eq!(format!("{docs:?}"), format!("{expected:?}"));
        // Evidence given beforehand is added to what the batch teaches.
        let (again, relearned) = Pipeline::new(options(Some(Arc::new(first.clone())))).unwrap().process_learning(inputs.clone());
        let mut twice = first.clone();
        twice.merge(&first);
        let expected = Pipeline::new(options(Some(Arc::new(twice)))).unwrap().process(inputs);
        prop_assert_eq!(relearned.to_bytes(), first.to_bytes());
        prop_assert_eq!(format!("{again:?}"), format!("{expected:?}"));
    }

    #[test]
    fn offsets_are_valid_and_map_back(text in newsish()) {
        let p = Pipeline::new(Options { threads: 1, ..Default::default() }).unwrap();
        let d = p.process_one(Input { id: "x".into(), text: Some(text), ..Default::default() });
        prop_assert_eq!(&d.error, &None);
        prop_assert!(comention::doc::check_offsets(&d).is_ok(), "{:?}", comention::doc::check_offsets(&d));
    }

    #[test]
    fn cleaning_is_idempotent(text in newsish()) {
        // A second pass may still find a title or date line in what the first left; the text
        // it keeps is the same.
        let (once, twice) = clean_twice(text);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn cleaning_scraped_pages_is_idempotent(text in scraped_page()) {
        let (once, twice) = clean_twice(text);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn counts_do_not_depend_on_splitting(texts in prop::collection::vec(newsish(), 1..12), cut in 0usize..12) {
        let p = Pipeline::new(Options { threads: 2, ..Default::default() }).unwrap();
        let docs = p.process(inputs(&texts));
        for ctx in [Context::Document, Context::Sentence, Context::Window(4)] {
            let opts = CountOptions { period: Some(Period::Week), evidence: 2, ..CountOptions::new(ctx) };
            let whole = p.count(&docs, opts).to_bytes();
            let cut = cut.min(docs.len());
            let mut right = p.count(&docs[cut..], opts);
            right.merge(p.count(&docs[..cut], opts)).unwrap();
            prop_assert!(right.to_bytes() == whole);
            let mut serial = Cooccurrence::new(opts);
            for d in docs.iter().rev() {
                serial.add_document(d);
            }
            prop_assert!(serial.to_bytes() == whole);
        }
    }
}
