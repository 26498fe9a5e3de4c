//! The product's specification example, end to end.

mod common;

use comention::stats::{Context, CountOptions, EdgeOptions};
use comention::{Input, Label, Options, Pipeline};

#[test]
fn seed_article_end_to_end() {
    let Some(path) = common::shared("examples/seed-article.txt") else { return };
    let raw = std::fs::read_to_string(path).unwrap();
    let p = Pipeline::new(Options::default()).unwrap();
    let docs = p.process(vec![Input { id: "seed".into(), text: Some(raw.clone()), ..Default::default() }]);
    let d = &docs[0];
    eprintln!("{}\n---", d.clean);
    for m in &d.mentions {
        eprintln!("{:?} {} -> {} ({})", m.label, m.text, m.entity, m.sentence);
    }
    assert_eq!(d.error, None);
    assert_eq!(
        d.meta.title.as_deref(),
        Some("China's foreign minister Wang Yi heads to Moscow after meeting US national security adviser")
    );
    assert_eq!(d.meta.date.as_deref(), Some("2023-09-18"));
    assert_eq!(d.meta.source.as_deref(), Some("AP"));
    for gone in ["Thank you for registering", "Please refresh", "More of AP", "Via AP news wire"] {
        assert!(!d.clean.contains(gone), "{gone:?} should be removed");
    }
    let standfirst = "top foreign policy official is heading to Russia for security talks";
    assert_eq!(d.clean.matches(standfirst).count(), 1, "the standfirst is kept once");

    let people: Vec<&str> = d.mentions.iter().filter(|m| m.label == Label::Per).map(|m| m.entity.as_str()).collect();
    for name in ["Wang Yi", "Jake Sullivan", "Joe Biden", "Qin Gang", "Li Shangfu"] {
        assert!(people.contains(&name), "{name} should be a PER mention: {people:?}");
    }
    let wang = d.mentions.iter().filter(|m| m.text == "Wang").collect::<Vec<_>>();
    assert!(!wang.is_empty() && wang.iter().all(|m| m.entity == "Wang Yi"));
    let us: Vec<&str> = d.mentions.iter().filter(|m| m.text == "U.S." || m.text == "US").map(|m| m.entity.as_str()).collect();
    assert!(us.iter().any(|_| true) && us.iter().all(|&e| e == "United States"), "{us:?}");
    assert!(d.mentions.iter().any(|m| m.text == "US"), "the headline's US is a mention");
    assert!(d.mentions.iter().any(|m| m.text == "U.S."));

    // Every mention's raw span is the same text in the input.
    for m in &d.mentions {
        assert_eq!(m.raw.slice(&raw).replace('’', "'"), m.text.replace('’', "'"));
    }

    let counts = p.count(&docs, CountOptions::new(Context::Sentence));
    let edges = counts.edges(&EdgeOptions::default()).unwrap();
    assert!(
        (0..edges.len()).any(|i| (counts.name(edges.a[i]), counts.name(edges.b[i])) == ("Jake Sullivan", "Wang Yi")),
        "Wang Yi and Jake Sullivan share a sentence"
    );
}
