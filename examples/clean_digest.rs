//! A digest of the cleaning output (clean text, metadata, audit, paragraphs) over the dev pages
//! of `../shared/data/clean` (as text and as HTML) and news from `../shared/data/news`, to check that a change meant
//! for speed leaves every output as it was: run it before and after, compare the digests.
//!
//! `cargo run --release --example clean_digest [--each] [--corpus]` (`--each`: one digest per
//! document; `--corpus`: each of the four sets cleaned as one corpus, learning the lines that
//! recur across it in the same call, as `clean(..., corpus_boilerplate="learn")` does, with
//! the evidence learned in the digest too)

use std::hash::{Hash, Hasher};
use std::io::Read;

/// The `text` field of the first `n` JSON lines of a gzipped file.
fn texts(path: &str, n: usize) -> Vec<String> {
    field(path, "text", n)
}

/// One field of the first `n` JSON lines of a gzipped file.
fn field(path: &str, name: &str, n: usize) -> Vec<String> {
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut s).unwrap();
    s.lines().take(n).map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()[name].as_str().unwrap().to_string()).collect()
}

fn main() {
    let each = std::env::args().any(|a| a == "--each");
    let corpus = std::env::args().any(|a| a == "--corpus");
    let sets = [
        texts("../shared/data/clean/article-benchmark-dev.jsonl.gz", usize::MAX),
        texts("../shared/data/news/reuters21578.jsonl.gz", 5000),
        texts("../shared/data/news/bbc.jsonl.gz", usize::MAX),
        // The same pages as HTML: the chrome rules and the rest see the blocks the parser finds.
        field("../shared/data/clean/article-benchmark-dev.jsonl.gz", "html", usize::MAX),
    ];
    let opts = comention::clean::CleanOptions::default();
    let pipeline = comention::pipeline::Pipeline::new(comention::pipeline::Options { threads: 1, clean_only: true, ..Default::default() }).unwrap();
    // DefaultHasher::new() is fixed-keyed: digests compare across builds and runs.
    let mut all = std::collections::hash_map::DefaultHasher::new();
    let mut i = 0;
    for set in &sets {
        let docs = if corpus {
            let inputs = set.iter().map(|raw| comention::doc::Input { id: "x".into(), text: Some(raw.clone()), date: None, source: None }).collect();
            let (docs, learned) = pipeline.process_learning(inputs);
            learned.to_bytes().hash(&mut all);
            docs
        } else {
            set.iter()
                .map(|raw| {
                    let mut d = comention::Document::new("x", raw.as_str());
                    comention::clean::clean(&mut d, &opts);
                    d
                })
                .collect()
        };
        for d in docs {
            let out = format!("{:?}|{:?}|{:?}|{:?}", d.clean, d.meta, d.removed, d.paragraphs);
            if each {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                out.hash(&mut h);
                println!("{i} {:x}", h.finish());
            }
            out.hash(&mut all);
            i += 1;
        }
    }
    println!("{i} documents, digest {:x}", all.finish());
}
