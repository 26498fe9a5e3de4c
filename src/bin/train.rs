//! Trains the tagger from CoNLL-2003 and evaluates models on CoNLL files.
//!
//! `comention-train train [--train F] [--dev F] [--out F] [--epochs N] [--seed N] [--min-weight W]`
//! `comention-train eval FILE [--model F] [--resolved [--whole-compounds]]`: the tagger's scores,
//! or (`--resolved`) those of the types mentions carry after in-document resolution, as the
//! pipeline hands them on (with `--whole-compounds`, hyphenated compounds are left whole, as
//! CoNLL-2003 annotates them)
//! `comention-train clusters [--news DIR] [--train F] [--out F] [--classes A,B,C] [--passes N] [--min-count N]`

use std::process::ExitCode;

use comention::segment::tokens::tokenize;
use comention::tag::clusters::{table_text, LEVELS};
use comention::tag::conll::read_conll;
use comention::tag::exchange::{cluster, BigramCounts};
use comention::tag::train::{evaluate, train, TrainOptions};
use comention::tag::{default_model, Model};

const USAGE: &str = "usage:\n  comention-train train [--train F] [--dev F] [--out F] [--epochs N] [--seed N] [--min-weight W]\n  comention-train eval FILE [--model F] [--resolved [--whole-compounds]]\n  comention-train clusters [--news DIR] [--train F] [--out F] [--classes A,B,C] [--passes N] [--min-count N]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn option(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn run(args: Vec<String>) -> Result<(), String> {
    let num = |name: &str, default: f64| -> Result<f64, String> {
        option(&args, name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("{name} takes a number, not {v:?}")))
    };
    match args.first().map(String::as_str) {
        Some("train") => {
            let train_path = option(&args, "--train").unwrap_or("../shared/data/conll2003/train.txt".into());
            let dev_path = option(&args, "--dev").unwrap_or("../shared/data/conll2003/dev.txt".into());
            let out = option(&args, "--out").unwrap_or("assets/ner.bin".into());
            let defaults = TrainOptions::default();
            let opts = TrainOptions {
                epochs: num("--epochs", defaults.epochs as f64)? as usize,
                seed: num("--seed", defaults.seed as f64)? as u64,
                min_weight: num("--min-weight", defaults.min_weight as f64)? as f32,
            };
            let tr = read_conll(&read(&train_path)?);
            let dev = read_conll(&read(&dev_path)?);
            eprintln!("training on {} sentences, selecting on {} dev sentences", tr.len(), dev.len());
            let t = train(&tr, &dev, &opts, |m| eprintln!("{m}"));
            let bytes = t.model.to_bytes();
            std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
            eprintln!("kept epoch {} ({} features, {:.1} MB) in {out}", t.epoch, t.model.n_features(), bytes.len() as f64 / 1e6);
            print!("{}", t.dev);
            Ok(())
        }
        Some("eval") => {
            let path = args.get(1).ok_or("eval needs a CoNLL file")?;
            let owned;
            let model = match option(&args, "--model") {
                Some(p) => {
                    let bytes = std::fs::read(&p).map_err(|e| format!("cannot read {p}: {e}"))?;
                    owned = Model::from_bytes(&bytes).map_err(|e| e.to_string())?;
                    &owned
                }
                None => default_model(),
            };
            let sentences = read_conll(&read(path)?);
            if args.iter().any(|a| a == "--resolved") {
                let split = !args.iter().any(|a| a == "--whole-compounds");
                print!("{}", comention::resolve::evaluate_resolved(model, &sentences, comention::resolve::aliases::builtin(), split));
            } else {
                print!("{}", evaluate(model, &sentences));
            }
            Ok(())
        }
        Some("clusters") => learn_clusters(&args),
        _ => Err("expected a command: train, eval or clusters".into()),
    }
}

/// Texts of every `*.jsonl.gz` news file in `dir` (title and body of each article).
fn news_texts(dir: &str) -> Result<Vec<String>, String> {
    use std::io::{BufRead, BufReader};
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {dir}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let file = std::fs::File::open(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
            let line = line.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{}: {e}", path.display()))?;
            for field in ["title", "text"] {
                if let Some(t) = v.get(field).and_then(|t| t.as_str()) {
                    out.push(t.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// Learns word clusters at several granularities from the news corpora and CoNLL train text.
fn learn_clusters(args: &[String]) -> Result<(), String> {
    let news = option(args, "--news").unwrap_or("../shared/data/news".into());
    let train_path = option(args, "--train").unwrap_or("../shared/data/conll2003/train.txt".into());
    let out = option(args, "--out").unwrap_or("assets/clusters.tsv".into());
    let classes: Vec<usize> = option(args, "--classes")
        .unwrap_or("64,256,1024".into())
        .split(',')
        .map(|c| c.parse().map_err(|_| format!("--classes takes {LEVELS} numbers, not {c:?}")))
        .collect::<Result<_, _>>()?;
    if classes.len() != LEVELS {
        return Err(format!("--classes takes {LEVELS} numbers"));
    }
    let passes: usize = option(args, "--passes").map_or(Ok(10), |v| v.parse().map_err(|_| "--passes takes a number".to_string()))?;
    let min_count: u64 = option(args, "--min-count").map_or(Ok(3), |v| v.parse().map_err(|_| "--min-count takes a number".to_string()))?;
    let texts = news_texts(&news)?;
    let mut tokens = Vec::new();
    let docs: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| {
            tokens.clear();
            tokenize(t, 0, &mut tokens);
            tokens.iter().map(|tok| tok.span.slice(t)).collect()
        })
        .collect();
    let conll = read_conll(&read(&train_path)?);
    let sentences = || docs.iter().cloned().chain(conll.iter().map(|s| s.words.iter().map(String::as_str).collect()));
    let n_tokens: usize = sentences().map(|s| s.len()).sum();
    let counts = BigramCounts::new(sentences, min_count);
    eprintln!("{} texts and {} CoNLL sentences, {n_tokens} tokens, {} words seen {min_count}+ times", texts.len(), conll.len(), counts.len() - 2);
    let runs: Vec<Vec<u32>> = classes.iter().map(|&c| cluster(&counts, c, passes, |m| eprintln!("{m}"))).collect();
    let rows = (2..counts.len()).map(|w| {
        let mut ids = [0u16; LEVELS];
        for (id, run) in ids.iter_mut().zip(&runs) {
            *id = run[w] as u16;
        }
        (counts.words[w].clone(), ids)
    });
    let header = format!(
        "Word clusters learned by `comention-train clusters` (predictive exchange, {classes:?} classes,\n\
         {passes} passes, words seen {min_count}+ times) from {n_tokens} tokens of ../shared/data/news and CoNLL-2003 train.\n\
         word<TAB>class at each granularity, coarse to fine"
    );
    let text = table_text(rows, &header);
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {out}: {e}"))?;
    eprintln!("wrote {} words to {out}", text.lines().filter(|l| !l.starts_with('#')).count());
    Ok(())
}
