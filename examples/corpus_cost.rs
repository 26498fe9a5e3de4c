//! What learning the corpus evidence in the cleaning call costs, step by step: the text pages
//! of the article-extraction benchmark cleaned five ways, taking turns, best of 80 passes each
//! (or `PASSES`):
//!
//!     cargo run --release --example corpus_cost ../shared/data/clean/article-benchmark-dev.jsonl.gz
//!
//! 1. per page: each page read and finished at once (a block's words written only when it is
//!    compared for duplicates);
//! 2. with every block's words: as 1, each page's words written after reading it;
//! 3. every page read first: as 2, but every page read (with its words) before any is
//!    finished, as learning needs;
//! 4. as corpus: as 3, with the recurring lines learned between and applied when finishing
//!    (`Pipeline::process_learning`), its reading, learning and finishing also timed apart;
//! 5. with the evidence, per page: as 2, with 4's evidence given beforehand.
//!
//! 2 less 1 is the words, 3 less 2 reading every page before finishing any, 4 less 3 learning
//! and the lines the evidence removes.

use std::io::Read as _;
use std::time::Instant;

use comention::clean::{self, recurring::RecurringLines, CleanOptions, Read};
use comention::doc::Metadata;

fn main() {
    let path = std::env::args().nth(1).expect("the path of article-benchmark-dev.jsonl.gz");
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut s).unwrap();
    let texts: Vec<String> = s.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string()).collect();
    clean::load();
    let passes: usize = std::env::var("PASSES").ok().and_then(|p| p.parse().ok()).unwrap_or(80);
    let plain = CleanOptions::default();
    let meta = Metadata::default();
    let finish = |read: Read<'_>, opts: &CleanOptions, words: Option<&clean::BlockWords>| {
        let mut d = comention::Document::new("x", "");
        clean::finish(read, &meta, opts, words).apply(&mut d);
    };
    // Each page read, its words written and its cleaning finished before the next.
    let each_with_words = |opts: &CleanOptions| {
        for x in &texts {
            let read = clean::read(x, opts);
            let words = read.words();
            finish(read, opts, Some(&words));
        }
    };
    let read_all = || -> Vec<(Read<'_>, clean::BlockWords)> {
        texts
            .iter()
            .map(|x| {
                let read = clean::read(x, &plain);
                let words = read.words();
                (read, words)
            })
            .collect()
    };
    // Best times in ms: per page, with words, read first, as corpus (all, reading, learning,
    // finishing), with the evidence per page.
    let mut best = [f64::MAX; 8];
    let mut timed = |k: usize, since: Instant| best[k] = best[k].min(since.elapsed().as_secs_f64() * 1e3);
    // Each way starts as a batch does, remembering no line's answers (a page met before
    // would otherwise find its every line answered).
    let start = || {
        clean::forget_remembered();
        Instant::now()
    };
    for _ in 0..passes {
        let t = start();
        for x in &texts {
            finish(clean::read(x, &plain), &plain, None);
        }
        timed(0, t);
        let t = start();
        each_with_words(&plain);
        timed(1, t);
        let t = start();
        for (read, words) in read_all() {
            finish(read, &plain, Some(&words));
        }
        timed(2, t);
        let t = start();
        let reads = read_all();
        timed(4, t);
        let learning = Instant::now();
        let keyed: Vec<(&[Option<u64>], Option<&str>)> = reads.iter().map(|(_, w)| (w.keys(), None)).collect();
        let mut lines = RecurringLines::new();
        lines.add_all_keys(&keyed);
        drop(keyed);
        let evidence = CleanOptions { recurring: Some(std::sync::Arc::new(lines)), ..plain.clone() };
        timed(5, learning);
        let finishing = Instant::now();
        for (read, words) in reads {
            finish(read, &evidence, Some(&words));
        }
        timed(6, finishing);
        timed(3, t);
        let t = start();
        each_with_words(&evidence);
        timed(7, t);
    }
    println!(
        "best of {passes} passes, ms: per page {:.2}; with every block's words {:.2}; every page read first {:.2}; \
         as corpus {:.2} (reading {:.2}, learning {:.2}, finishing {:.2}); with the evidence, per page {:.2}",
        best[0], best[1], best[2], best[3], best[4], best[5], best[6], best[7]
    );
}
