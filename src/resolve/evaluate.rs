//! Strict span scores of the types mentions carry once resolved, on CoNLL data: what the
//! pipeline hands on, where `tag::train::evaluate` scores what the tagger decoded.

use crate::doc::{Document, Label, Mention, Sentence, Span};
use crate::tag::conll::{documents, ConllSentence, Evaluation};
use crate::tag::mention_spans;
use crate::tag::labels::spans;
use crate::tag::Model;

use super::{link_names, resolve, Aliases};

/// Token spans `[start, end)` with their types, one list per sentence.
type SentenceSpans = Vec<Vec<(usize, usize, Label)>>;

/// Tags each CoNLL document with `model`, joins organisations to the span that goes on from
/// their bracket as the pipeline does, resolves the mentions and scores their spans and types;
/// hyphenated compounds are split as the pipeline splits them when `split_compounds` holds
/// (CoNLL-2003 annotates "New York-based" as one MISC span, the pipeline hands on New York).
pub fn evaluate_resolved(model: &Model, sentences: &[ConllSentence], aliases: &Aliases, split_compounds: bool) -> Evaluation {
    let mut e = Evaluation::default();
    for sents in documents(sentences) {
        let words: Vec<&[String]> = sents.iter().map(|s| s.words.as_slice()).collect();
        let tagged: SentenceSpans = model
            .decode_document(&words)
            .iter()
            .zip(&words)
            .map(|(d, w)| {
                let found = spans(&d.iter().map(|x| x.tag).collect::<Vec<_>>()).into_iter().map(|(a, b, l)| (a, b, l, 0.0)).collect();
                let w: Vec<&str> = w.iter().map(String::as_str).collect();
                mention_spans(found, &w).into_iter().map(|(a, b, l, _)| (a, b, l)).collect()
            })
            .collect();
        score(&mut e, sents, &tagged, aliases, split_compounds);
    }
    e
}

/// Adds one document's scores: its sentences' gold spans against the `tagged` spans once resolved.
fn score(e: &mut Evaluation, sentences: &[ConllSentence], tagged: &SentenceSpans, aliases: &Aliases, split_compounds: bool) {
    let mut doc = Document::new("conll", "");
    for (sentence, (s, found)) in sentences.iter().zip(tagged).enumerate() {
        let mut starts = Vec::with_capacity(s.words.len());
        for w in &s.words {
            if !doc.clean.is_empty() {
                doc.clean.push(' ');
            }
            starts.push(doc.clean.len());
            doc.clean.push_str(w);
        }
        // The sentence's span, so that no rule reads past its end; its tokens numbered from
        // 0, as CoNLL spans are.
        let span = Span::new(starts.first().copied().unwrap_or(doc.clean.len()), doc.clean.len());
        doc.sentences.push(Sentence { span, tokens: (0, s.words.len()), paragraph: 0 });
        for &(a, b, label) in found {
            let text = s.words[a..b].join(" ");
            let span = Span::new(starts[a], starts[a] + text.len());
            // Token ranges per sentence here, as CoNLL spans are.
            doc.mentions.push(Mention { clean: span, raw: span, text, label, score: 1.0, sentence, tokens: (a, b), entity: String::new() });
        }
    }
    if split_compounds {
        resolve(&mut doc, aliases);
    } else {
        link_names(&mut doc, aliases);
    }
    let mut resolved: SentenceSpans = vec![Vec::new(); sentences.len()];
    for m in &doc.mentions {
        resolved[m.sentence].push((m.tokens.0, m.tokens.1, m.label));
    }
    for (s, found) in sentences.iter().zip(&resolved) {
        e.add(&s.spans(), found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::conll::read_conll;

    #[test]
    fn a_linked_surname_is_scored_with_the_full_names_type() {
        let text = "-DOCSTART- -X- -X- O\n\nKenji NNP B-NP B-PER\nMorimoto NNP I-NP I-PER\nspoke VBD B-VP O\n\n\
                    Morimoto NNP B-NP B-PER\nleft VBD B-VP O\nGeneva NNP B-NP B-LOC\n\n";
        let sentences = read_conll(text);
        let tagged = vec![vec![(0, 2, Label::Per)], vec![(0, 1, Label::Misc), (2, 3, Label::Per)]];
        let mut e = Evaluation::default();
        score(&mut e, &sentences, &tagged, crate::resolve::aliases::builtin(), true);
        // The surname takes PER from the full name; the mistyped place is not linked and stays wrong.
        assert_eq!((e.overall.tp, e.overall.fp, e.overall.fn_), (2, 1, 1));
        assert_eq!(e.per_label[&Label::Per].tp, 2);
    }

    #[test]
    fn without_links_the_tagger_scores_stand() {
        // One name per document: nothing to link, so resolution changes no type.
        let text = "-DOCSTART- -X- -X- O\n\nKenji NNP B-NP B-PER\nMorimoto NNP I-NP I-PER\nspoke VBD B-VP O\n. . O O\n\n\
                    -DOCSTART- -X- -X- O\n\nShares NNS B-NP O\nfell VBD B-VP O\nin IN B-PP O\nTokyo NNP B-NP B-LOC\n. . O O\n\n";
        let (model, sentences) = (crate::tag::default_model(), read_conll(text));
        let e = evaluate_resolved(model, &sentences, crate::resolve::aliases::builtin(), true);
        assert_eq!(e, crate::tag::train::evaluate(model, &sentences));
        assert_eq!(e.overall.tp + e.overall.fn_, 2, "two gold spans");
    }
}
