//! CoNLL-2003 files and strict span-level evaluation.

use std::collections::BTreeMap;
use std::fmt;

use super::labels::spans_from_iob;
use crate::doc::Label;

/// One sentence of a CoNLL file: its words and their gold IOB tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllSentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
    /// Index of the document (`-DOCSTART-` section) the sentence belongs to.
    pub document: usize,
}

impl ConllSentence {
    /// Gold entity spans in token indices.
    pub fn spans(&self) -> Vec<(usize, usize, Label)> {
        let tags: Vec<&str> = self.tags.iter().map(String::as_str).collect();
        spans_from_iob(&tags)
    }
}

/// Sentences grouped by document, in file order.
pub fn documents(sentences: &[ConllSentence]) -> Vec<&[ConllSentence]> {
    sentences.chunk_by(|a, b| a.document == b.document).collect()
}

/// Parses `word POS chunk NER` lines; blank lines end sentences, `-DOCSTART-` lines start documents.
pub fn read_conll(text: &str) -> Vec<ConllSentence> {
    let mut out = Vec::new();
    let mut document = 0;
    let empty = |document| ConllSentence { words: Vec::new(), tags: Vec::new(), document };
    let mut cur = empty(document);
    let mut started = false;
    for line in text.lines() {
        let mut cols = line.split_whitespace();
        let Some(word) = cols.next() else {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(&mut cur, empty(document)));
            }
            continue;
        };
        if word == "-DOCSTART-" {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(&mut cur, empty(document)));
            }
            // The first marker opens document 0; a file without markers is one document.
            if started || !out.is_empty() {
                document += 1;
            }
            started = true;
            cur.document = document;
            continue;
        }
        let tag = cols.last().unwrap_or("O");
        cur.words.push(word.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

/// True/false positive and false negative span counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Precision, recall and F1 in [0, 1].
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp > 0 { self.tp as f64 / (self.tp + self.fp) as f64 } else { 0.0 };
        let r = if self.tp + self.fn_ > 0 { self.tp as f64 / (self.tp + self.fn_) as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

/// Strict span scores of predicted IOB2 tags against gold ones, sentence by sentence. Two
/// lists of different lengths, or a tag other than `O`, `B-T` and `I-T` for T one of PER, ORG,
/// LOC and MISC, is an error naming the sentence (such a tag was read as `O`, and a short
/// list scored as if its missing tags were `O`, silently).
pub fn score(gold: &[Vec<String>], predicted: &[Vec<String>]) -> crate::error::Result<Evaluation> {
    let bad = |m: String| Err(crate::error::Error::InvalidArgument(m));
    if gold.len() != predicted.len() {
        return bad(format!("{} gold sentences but {} predicted", gold.len(), predicted.len()));
    }
    let mut e = Evaluation::default();
    for (i, (g, p)) in gold.iter().zip(predicted).enumerate() {
        if g.len() != p.len() {
            return bad(format!("sentence {i}: {} gold tags but {} predicted", g.len(), p.len()));
        }
        check_tags(i, g)?;
        check_tags(i, p)?;
        let (g, p): (Vec<&str>, Vec<&str>) = (g.iter().map(String::as_str).collect(), p.iter().map(String::as_str).collect());
        e.add(&spans_from_iob(&g), &spans_from_iob(&p));
    }
    Ok(e)
}

/// An error naming sentence `i` when one of its tags is not an IOB2 tag of a known type.
fn check_tags(i: usize, tags: &[String]) -> crate::error::Result<()> {
    match tags.iter().find(|t| *t != "O" && t.strip_prefix("B-").or_else(|| t.strip_prefix("I-")).and_then(Label::parse).is_none()) {
        Some(t) => Err(crate::error::Error::InvalidArgument(format!(
            "sentence {i}: {t:?} is not an IOB2 tag (O, or B- or I- before PER, ORG, LOC or MISC)"
        ))),
        None => Ok(()),
    }
}

/// Strict span scores overall and per label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    pub overall: Counts,
    pub per_label: BTreeMap<Label, Counts>,
}

impl Evaluation {
    /// Adds one sentence's gold and predicted spans.
    pub fn add(&mut self, gold: &[(usize, usize, Label)], pred: &[(usize, usize, Label)]) {
        for g in gold {
            let c = self.per_label.entry(g.2).or_default();
            if pred.contains(g) {
                c.tp += 1;
                self.overall.tp += 1;
            } else {
                c.fn_ += 1;
                self.overall.fn_ += 1;
            }
        }
        for p in pred.iter().filter(|p| !gold.contains(p)) {
            self.per_label.entry(p.2).or_default().fp += 1;
            self.overall.fp += 1;
        }
    }

    /// Overall F1 in [0, 1].
    pub fn f1(&self) -> f64 {
        self.overall.prf().2
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<8} {:>8} {:>8} {:>8} {:>7}", "type", "prec", "recall", "F1", "gold")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            let (p, r, f1) = c.prf();
            writeln!(f, "{:<8} {:>8.2} {:>8.2} {:>8.2} {:>7}", name, 100.0 * p, 100.0 * r, 100.0 * f1, c.tp + c.fn_)
        };
        for (l, c) in &self.per_label {
            row(f, l.as_str(), c)?;
        }
        row(f, "overall", &self.overall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_refuses_lists_of_two_lengths_and_unknown_tags_by_sentence() {
        let v = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let gold = vec![v(&["B-PER", "I-PER", "O"]), v(&["B-LOC"])];
        let e = score(&gold, &[v(&["B-PER", "I-PER", "O"]), v(&["O"])]).unwrap();
        assert_eq!((e.overall.tp, e.overall.fp, e.overall.fn_), (1, 0, 1));
        let err = |p: Vec<Vec<String>>| score(&gold, &p).unwrap_err().to_string();
        assert!(err(vec![v(&["B-PER", "I-PER", "O"])]).contains("2 gold sentences but 1 predicted"));
        assert!(err(vec![v(&["B-PER", "I-PER", "O"]), v(&[])]).contains("sentence 1: 1 gold tags but 0 predicted"));
        for tag in ["B-FOO", "X-PER", "B-", "", "o", "B"] {
            assert!(err(vec![v(&["B-PER", "I-PER", "O"]), v(&[tag])]).contains("sentence 1"), "{tag:?}");
        }
    }

    #[test]
    fn reads_and_scores() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
        let s = read_conll(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].spans(), vec![(0, 2, Label::Per)]);
        let two = read_conll(&format!("{text}\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\n"));
        assert_eq!(two.iter().map(|s| s.document).collect::<Vec<_>>(), vec![0, 0, 1]);
        assert_eq!(documents(&two).len(), 2);
        let mut e = Evaluation::default();
        e.add(&s[0].spans(), &[(0, 1, Label::Org), (2, 3, Label::Loc)]);
        assert_eq!(e.overall, Counts { tp: 1, fp: 1, fn_: 1 });
        assert!((e.f1() - 0.5).abs() < 1e-12);
    }
}
