//! The whole pipeline on the real news corpora: one document out per document in, no
//! errors, and results that do not depend on threads or partitioning.

mod common;

use std::io::Read;

use comention::stats::{Context, CountOptions, Cooccurrence, Period};
use comention::{Input, Options, Pipeline};

fn reuters(limit: usize) -> Option<Vec<Input>> {
    let path = common::shared("data/news/reuters21578.jsonl.gz")?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut text).unwrap();
    let docs = text
        .lines()
        .take(limit)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            Input { id: s("id").unwrap(), text: s("text"), date: s("date"), source: None }
        })
        .collect();
    Some(docs)
}

#[test]
fn reuters_end_to_end_is_complete_and_deterministic() {
    let Some(inputs) = reuters(3000) else { return };
    let one = Pipeline::new(Options { threads: 1, ..Default::default() }).unwrap();
    let two = Pipeline::new(Options { threads: 2, ..Default::default() }).unwrap();
    let a = one.process(inputs.clone());
    let b = two.process(inputs.clone());
    assert_eq!(a.len(), inputs.len());
    assert!(a.iter().zip(&inputs).all(|(d, i)| d.id == i.id), "one document per input, in order");
    assert!(a.iter().all(|d| d.error.is_none()));
    assert_eq!(a, b, "documents identical for 1 and 2 threads");

    // Dates come from the caller; wire text is reflowed (no hard line breaks inside paragraphs).
    assert!(a.iter().all(|d| d.meta.date.as_deref().is_some_and(|x| x.starts_with("1987-"))));
    assert!(a.iter().all(|d| d.paragraphs.iter().all(|p| !p.slice(&d.clean).contains('\n'))));
    let mentions: usize = a.iter().map(|d| d.mentions.len()).sum();
    assert!(mentions > 10 * a.len() / 2, "{mentions} mentions in {} documents", a.len());
    for d in &a {
        comention::doc::check_offsets(d).unwrap_or_else(|e| panic!("{}: {e}", d.id));
        for m in &d.mentions {
            assert_eq!(m.clean.slice(&d.clean), m.text);
            // Raw spans cover the same words, perhaps across a reflowed line break (and the
            // "^M" a conversion wrote before it, which ends a line as "\r" does).
            let raw = m.raw.slice(&d.raw).replace("^M\n", "\n");
            let raw: Vec<&str> = raw.split_whitespace().collect();
            let clean: Vec<&str> = m.text.split_whitespace().collect();
            assert_eq!(raw, clean, "in {}", d.id);
        }
    }

    // Counting: one pass, two threads, and merged partitions of uneven sizes all agree.
    for ctx in [Context::Document, Context::Paragraph, Context::Sentence, Context::Window(10)] {
        let opts = CountOptions { context: ctx, period: Some(Period::Week), evidence: 2, ..CountOptions::new(ctx) };
        let whole = one.count(&a, opts).to_bytes();
        assert!(two.count(&a, opts).to_bytes() == whole, "{ctx:?}: counts differ between 1 and 2 threads");
        let mut by_one = Cooccurrence::new(opts);
        two.count_into_by(&mut by_one, &a, None, 1);
        assert!(by_one.to_bytes() == whole, "{ctx:?}: counts differ when one of two threads counts");
        let mut parts = Cooccurrence::new(opts);
        for chunk in [&a[..7], &a[7..1500], &a[1500..]] {
            let mut c = Cooccurrence::new(opts);
            for d in chunk.iter().rev() {
                c.add_document(d);
            }
            let c = Cooccurrence::from_bytes(&c.to_bytes()).unwrap();
            parts.merge(c).unwrap();
        }
        assert!(parts.to_bytes() == whole, "{ctx:?}: merged partitions differ from the whole");
    }
}

#[test]
fn cleaning_is_idempotent_on_wire_copy() {
    let Some(inputs) = reuters(300) else { return };
    let p = Pipeline::new(Options::default()).unwrap();
    let once = p.process(inputs.clone());
    let again = p.process(
        once.iter().map(|d| Input { id: d.id.clone(), text: Some(d.clean.clone()), ..Default::default() }).collect(),
    );
    for (a, b) in once.iter().zip(&again) {
        assert_eq!(a.clean, b.clean, "cleaning {} twice changes it", a.id);
    }
}
