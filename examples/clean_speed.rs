//! Throughput of the cleaning stage alone, in the Rust core, on the text pages of the
//! article-extraction benchmark (25 passes over the 80 pages, or `PASSES`; the mean and the
//! best pass):
//!
//!     cargo run --release --example clean_speed ../shared/data/clean/article-benchmark-dev.jsonl.gz [CHROME DUPES MAIN]
//!
//! The three optional 0/1 flags switch the chrome rules, duplicate removal and the main-content
//! cut, to see what each costs. `FIELD=html` cleans the pages' HTML instead of their text;
//! `CORPUS=1` learns the lines recurring across the pages in each pass and cleans with that
//! evidence, reading each page once for both (the benchmark's "file as corpus" mode; the time
//! to the evidence is printed too); `CORPUS=2` learns in a pass of its own first.

use std::io::Read;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut s).unwrap();
    let field = std::env::var("FIELD").unwrap_or_else(|_| "text".into());
    let texts: Vec<String> = s.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()[&field].as_str().unwrap().to_string()).collect();
    // Compiled before timing: the benchmark measures warm passes, and a profile of the passes
    // should not hold the rules' compilation.
    comention::clean::load();
    let flags: Vec<bool> = std::env::args().skip(2).map(|a| a == "1").collect();
    let mut opts = comention::clean::CleanOptions::default();
    if flags.len() == 3 { opts.drop_chrome = flags[0]; opts.drop_duplicates = flags[1]; opts.main_content = flags[2]; }
    let size: usize = texts.iter().map(|t| t.len()).sum::<usize>();
    let corpus = std::env::var("CORPUS").ok().filter(|c| !c.is_empty() && c != "0");
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    // The host's noise moves whole passes; the best pass is the steadiest figure.
    let (mut total, mut best, mut best_learn) = (0.0, f64::MAX, f64::MAX);
    let passes: usize = std::env::var("PASSES").ok().and_then(|p| p.parse().ok()).unwrap_or(25);
    for _ in 0..passes {
        let t = std::time::Instant::now();
        // Each pass a batch of its own, as the pipeline's: nothing remembered from the last.
        comention::clean::forget_remembered();
        match corpus.as_deref() {
            Some("1") => {
                // As `Pipeline::process_learning` does: each page read once, its lines' keys
                // counted, then the cleaning finished with the evidence of every page.
                // A page's words are written right after it is read, while it is in the cache.
                let (reads, words): (Vec<comention::clean::Read<'_>>, Vec<comention::clean::BlockWords>) = texts
                    .iter()
                    .map(|x| {
                        let read = comention::clean::read(x, &opts);
                        let words = read.words();
                        (read, words)
                    })
                    .unzip();
                let keyed: Vec<(&[Option<u64>], Option<&str>)> = words.iter().map(|w| (w.keys(), None)).collect();
                let mut lines = comention::clean::recurring::RecurringLines::new();
                one.install(|| lines.add_all_keys(&keyed));
                best_learn = best_learn.min(t.elapsed().as_secs_f64());
                opts.recurring = Some(std::sync::Arc::new(lines));
                let meta = comention::doc::Metadata::default();
                for (read, words) in reads.into_iter().zip(&words) {
                    let mut d = comention::Document::new("x", "");
                    comention::clean::finish(read, &meta, &opts, Some(words)).apply(&mut d);
                }
            }
            Some("2") => {
                // Learned in a pass of its own, as `learn_boilerplate` does, then cleaned.
                let mut lines = comention::clean::recurring::RecurringLines::new();
                for x in &texts {
                    lines.add(x, None);
                }
                best_learn = best_learn.min(t.elapsed().as_secs_f64());
                opts.recurring = Some(std::sync::Arc::new(lines));
                clean_all(&texts, &opts);
            }
            _ => clean_all(&texts, &opts),
        }
        let e = t.elapsed().as_secs_f64();
        total += e;
        best = best.min(e);
    }
    let mb = size as f64 / 1e6;
    println!(
        "{:.1} MB in {total:.2} s = {:.1} MB/s; best pass {:.1} MB/s, {:.0} pages/s",
        passes as f64 * mb,
        passes as f64 * mb / total,
        mb / best,
        texts.len() as f64 / best
    );
    if corpus.is_some() {
        println!("learning: best pass {:.1} MB/s ({:.2} ms)", mb / best_learn, best_learn * 1e3);
    }
}

fn clean_all(texts: &[String], opts: &comention::clean::CleanOptions) {
    for x in texts {
        let mut d = comention::Document::new("x", x.as_str());
        comention::clean::clean(&mut d, opts);
    }
}
