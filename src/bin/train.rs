//! Trains the tagger from CoNLL-2003 and evaluates models on CoNLL files.
//!
//! `comention-train train [--train F] [--dev F] [--out F] [--epochs N] [--seed N] [--min-weight W]`
//! `comention-train eval FILE [--model F]`

use std::process::ExitCode;

use comention::tag::conll::read_conll;
use comention::tag::train::{evaluate, train, TrainOptions};
use comention::tag::{default_model, Model};

const USAGE: &str = "usage:\n  comention-train train [--train F] [--dev F] [--out F] [--epochs N] [--seed N] [--min-weight W]\n  comention-train eval FILE [--model F]";

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
            print!("{}", evaluate(model, &read_conll(&read(path)?)));
            Ok(())
        }
        _ => Err("expected a command: train or eval".into()),
    }
}
