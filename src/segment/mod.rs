//! Stage 2: sentences and tokens with offsets into the cleaned text.

mod sentences;
pub mod tokens;

use crate::doc::{Document, Sentence, Span};

/// Fills `tokens` and `sentences` from the cleaned paragraphs; sentences never cross paragraphs.
pub fn segment(doc: &mut Document) {
    // News averages over five bytes a token: room for a byte in four, so that the list is
    // not grown (and copied) by doubling through the document; trimmed once at the end.
    let mut tokens = Vec::with_capacity(doc.clean.len() / 4 + 1);
    let mut ranges = Vec::new();
    let mut paragraph_of = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        crate::budget::check();
        let first = tokens.len();
        tokens::tokenize(p.slice(&doc.clean), p.start, &mut tokens);
        sentences::split(&doc.clean, &tokens, (first, tokens.len()), &mut ranges);
        paragraph_of.resize(ranges.len(), pi);
    }
    doc.sentences = ranges
        .into_iter()
        .zip(paragraph_of)
        .map(|((a, b), paragraph)| Sentence { span: Span::new(tokens[a].span.start, tokens[b - 1].span.end), tokens: (a, b), paragraph })
        .collect();
    tokens.shrink_to_fit();
    doc.tokens = tokens;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{clean, CleanOptions};

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let mut doc = Document::new("d", "The U.S. and Gen. J. Smith met Acme Inc. officials. They talked! Then \"it ended.\" Later, in 5.5 hours, nothing.");
        clean(&mut doc, &CleanOptions::default());
        segment(&mut doc);
        let s: Vec<&str> = doc.sentences.iter().map(|s| s.span.slice(&doc.clean)).collect();
        assert_eq!(s, ["The U.S. and Gen. J. Smith met Acme Inc. officials.", "They talked!", "Then \"it ended.\"", "Later, in 5.5 hours, nothing."]);
        // Nor does a given name abbreviated in a firm's name: the firm is one mention.
        let found = crate::testing::mentions_of("The trust is managed by Alex. Brown and Sons Inc and was formed in 1986.");
        assert_eq!(found.iter().map(|f| (f.0.as_str(), f.2)).collect::<Vec<_>>(), [("Alex. Brown and Sons Inc", crate::Label::Org)], "{found:?}");
    }
}
