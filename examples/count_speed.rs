//! CPU-seconds of the co-mention stages on one thread for a news corpus's mention table: counting
//! document co-mentions from columns, then the edge table with every measure, then its Arrow
//! batch, each the least of REPEATS runs. (Tagging the corpus to get the mentions is outside the
//! timings.)
//!
//! `cargo run --release --example count_speed ../shared/data/news/reuters21578.jsonl.gz [REPEATS]`
//!
//! Or from a mention table written elsewhere (`doc_id<TAB>entity` lines grouped by document;
//! for instance the scaled tables of `benchmarks/stats_vs_scipy.py`, written with pandas'
//! `to_csv(sep="\t", header=False, index=False)`), factorising its two string columns as
//! `count_mentions` does and timing that too:
//! `cargo run --release --example count_speed mentions.tsv [REPEATS]`

use std::io::Read;

use comention::stats::{Context, CountOptions, EdgeOptions, MentionColumns};

fn main() {
    let path = std::env::args().nth(1).expect("a .jsonl.gz news file");
    let repeats: usize = std::env::args().nth(2).map_or(5, |v| v.parse().expect("a number of repeats"));
    if path.ends_with(".tsv") {
        return from_table(&path, repeats);
    }
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut s).unwrap();
    let inputs: Vec<comention::Input> = s
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            comention::Input { id: i.to_string(), text: v["text"].as_str().map(str::to_string), date: None, source: None }
        })
        .collect();
    let pipeline = comention::Pipeline::new(comention::Options::default()).unwrap();
    let docs = pipeline.process(inputs);
    // The mention table as a user would hand it over: document and entity codes.
    let doc_ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let mut names: Vec<String> = Vec::new();
    let mut code: std::collections::HashMap<String, u32> = Default::default();
    let (mut doc, mut entity) = (Vec::new(), Vec::new());
    for (d, document) in docs.iter().enumerate() {
        for m in document.mentions.iter().filter(|m| !m.entity.is_empty()) {
            let next = names.len() as u32;
            let c = *code.entry(m.entity.clone()).or_insert_with(|| {
                names.push(m.entity.clone());
                next
            });
            doc.push(d as u32);
            entity.push(c);
        }
    }
    drop(docs);
    let columns = MentionColumns { doc_ids: &doc_ids, names: &names, doc: &doc, entity: &entity, ..Default::default() };
    println!("{} documents, {} mentions, {} entities", doc_ids.len(), doc.len(), names.len());
    time_stages(&columns, repeats);
}

/// Factorising a mention table's two string columns (as Arrow arrays), then its stages.
fn from_table(path: &str, repeats: usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let (ids, entities): (Vec<&str>, Vec<&str>) = text.lines().filter_map(|l| l.split_once('\t')).unzip();
    let (ids, entities) = (arrow_array::StringArray::from(ids), arrow_array::StringArray::from(entities));
    let mut best = f64::MAX;
    let mut factorised = None;
    for _ in 0..repeats {
        let t0 = cpu();
        let (d, doc_ids) = comention::stats::factorize(ids.iter()).unwrap();
        let (e, names) = comention::stats::factorize(entities.iter()).unwrap();
        best = best.min(cpu() - t0);
        factorised = Some((d, doc_ids, e, names));
    }
    let (d, doc_ids, e, names) = factorised.unwrap();
    let (doc, entity): (Vec<u32>, Vec<u32>) = (d.iter().map(|&x| x as u32).collect(), e.iter().map(|&x| x as u32).collect());
    println!("{} documents, {} mentions, {} entities; least factorising {best:.3} s", doc_ids.len(), doc.len(), names.len());
    let columns = MentionColumns { doc_ids: &doc_ids, names: &names, doc: &doc, entity: &entity, ..Default::default() };
    time_stages(&columns, repeats);
}

/// The least CPU-seconds of counting and of the edge table over `repeats` runs.
fn time_stages(columns: &MentionColumns<'_>, repeats: usize) {
    let one = comention::Pipeline::new(comention::Options { threads: 1, ..Default::default() }).unwrap();
    // One pool for every run, so that its thread's CPU time is there to read.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let (mut best_count, mut best_edges) = (f64::MAX, f64::MAX);
    for _ in 0..repeats {
        let t0 = cpu();
        let counts = one.count_columns(columns, CountOptions::new(Context::Document)).unwrap();
        let t1 = cpu();
        let batch = pool.install(|| comention::table::edges(&counts, &EdgeOptions::default()).unwrap());
        let t2 = cpu();
        println!("count {:.3} s  edges+arrow {:.3} s  ({} pairs)", t1 - t0, t2 - t1, batch.num_rows());
        (best_count, best_edges) = (best_count.min(t1 - t0), best_edges.min(t2 - t1));
    }
    // The least is the run the machine's other work disturbed least.
    println!("least: count {best_count:.3} s  edges+arrow {best_edges:.3} s");
}

/// CPU-seconds the process's threads have run, to the nanosecond (the machines are shared:
/// wall-clock time says little, and the stages run on pool threads).
fn cpu() -> f64 {
    let tasks = std::fs::read_dir("/proc/self/task").expect("Linux's per-thread statistics");
    let ns: u64 = tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    ns as f64 / 1e9
}
