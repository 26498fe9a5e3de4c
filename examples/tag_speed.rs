//! Tokens per second of the per-document stages on one thread, stage by stage, for raw news.
//! (File reading and JSON parsing are outside the timings.)
//!
//! `cargo run --release --example tag_speed ../shared/data/news/reuters21578.jsonl.gz [N] [--warm]`
//!
//! `--warm` runs the documents through once before timing, so the per-thread word caches
//! hold their words: the steady state of a long run rather than a fresh process.

use std::io::Read;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a .jsonl.gz news file");
    let n: usize = std::env::args().nth(2).filter(|a| a != "--warm").map_or(5000, |v| v.parse().expect("a number of documents"));
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut s).unwrap();
    let texts: Vec<String> =
        s.lines().take(n).map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string()).collect();
    // The model, tables and rules are loaded before timing, as spaCy's model is by `spacy.load`.
    comention::load();
    let model = comention::tag::default_model();
    let opts = comention::clean::CleanOptions::default();
    let aliases = comention::resolve::aliases::builtin();
    let warm = std::env::args().any(|a| a == "--warm");
    for text in texts.iter().filter(|_| warm) {
        let mut d = comention::Document::new("x", text.as_str());
        comention::clean::clean(&mut d, &opts);
        comention::segment::segment(&mut d);
        comention::tag::tag(&mut d, model);
    }
    let (mut t_clean, mut t_segment, mut t_tag, mut t_resolve, mut tokens) = (0.0, 0.0, 0.0, 0.0, 0usize);
    for text in &texts {
        let mut d = comention::Document::new("x", text.as_str());
        let t0 = Instant::now();
        comention::clean::clean(&mut d, &opts);
        let t1 = Instant::now();
        comention::segment::segment(&mut d);
        let t2 = Instant::now();
        comention::tag::tag(&mut d, model);
        let t3 = Instant::now();
        comention::resolve::resolve(&mut d, aliases);
        t_resolve += t3.elapsed().as_secs_f64();
        t_clean += (t1 - t0).as_secs_f64();
        t_segment += (t2 - t1).as_secs_f64();
        t_tag += (t3 - t2).as_secs_f64();
        tokens += d.tokens.len();
    }
    println!("{} documents, {tokens} tokens", texts.len());
    let all = t_clean + t_segment + t_tag + t_resolve;
    for (stage, t) in [("clean", t_clean), ("segment", t_segment), ("tag", t_tag), ("resolve", t_resolve), ("all four", all)] {
        println!("{stage:<10} {t:>7.3} s {:>12.0} tokens/s", tokens as f64 / t);
    }
}
