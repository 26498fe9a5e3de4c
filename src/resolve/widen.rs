//! Mentions that the word before them completes to a name of the alias table: the tagger
//! takes "Democrat" alone out of "Liberal Democrat MP Jackie Ballard", and the alias table then
//! made it the US Democratic Party; with the word before it, it is the Liberal Democrats.

use crate::doc::{Document, Label, Span};
use crate::resolve::{normalize, Aliases};

/// Widens each mention that the capitalised word just before it (one space apart, in no other
/// mention) completes to a name the alias table knows, to take that word
/// in. Only the alias table decides: it holds the names whose parts mean something else alone.
pub fn widen_to_aliases(doc: &mut Document, aliases: &Aliases) {
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        // The word is read off the clean text (a word between spaces is one token), so that
        // the CoNLL scoring, which has no token list, widens as the pipeline does.
        let Some(head) = doc.clean.get(..m.clean.start).and_then(|h| h.strip_suffix(' ')) else { continue };
        // ASCII white space, so that the byte after it starts a character (a word after any
        // other space holds it, and is no name's word below).
        let start = head.rfind(|c: char| c.is_ascii_whitespace()).map_or(0, |i| i + 1);
        let word = &head[start..];
        // An article is no part of a name, though the alias table lists "the United States":
        // with a user's table that makes "U.S." something else, "The U.S." was widened to the
        // built-in United States.
        let article = ["The", "THE", "A", "An"].contains(&word);
        let capitalised = !article && word.chars().next().is_some_and(char::is_uppercase) && word.chars().all(char::is_alphabetic);
        let free = k == 0 || doc.mentions[k - 1].clean.end <= start;
        let Some(first_token) = m.tokens.0.checked_sub(1) else { continue };
        // Where sentences are known, the word must open no other one.
        let same_sentence = doc.sentences.get(m.sentence).is_none_or(|s| s.tokens.0 <= first_token);
        if !(capitalised && free && same_sentence) {
            continue;
        }
        let joined = format!("{word} {}", m.text);
        let per = m.label == Label::Per;
        let canonical = |text: &str| aliases.lookup(&normalize::name_and_legal_form(text, per).0).map(|(c, _)| c.to_string());
        // Widened only where the word changes what the name is: "The U.S." is the United
        // States as "U.S." is, and CoNLL-2003 leaves the article out of the name.
        let whole = canonical(&joined);
        if whole.is_none() || whole == canonical(&m.text) {
            continue;
        }
        let clean = Span::new(start, m.clean.end);
        let raw = doc.offsets.span_to_raw(clean);
        let m = &mut doc.mentions[k];
        (m.clean, m.raw, m.text, m.tokens.0) = (clean, raw, joined, first_token);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Input, Options, Pipeline};

    fn mentions(text: &str) -> Vec<(String, String)> {
        let pipeline = Pipeline::new(Options::default()).unwrap();
        let doc = pipeline.process(vec![Input { id: "a".into(), text: Some(text.into()), ..Default::default() }]).remove(0);
        doc.mentions.iter().map(|m| (m.text.clone(), m.entity.clone())).collect()
    }

    #[test]
    fn the_word_before_completes_a_party_name() {
        let found = mentions("Former Liberal Democrat MP Jackie Ballard recalled the meeting.");
        assert!(found.contains(&("Liberal Democrat".into(), "Liberal Democrats".into())), "{found:?}");
        assert!(!found.iter().any(|(_, e)| e == "Democratic Party"), "{found:?}");
        // An article is never taken in, whatever the tables say of the name with it.
        let found = mentions("The U.S. and the U.K. agreed.");
        assert!(found.contains(&("U.S.".into(), "United States".into())), "{found:?}");
        // A US Democrat stays one.
        let found = mentions("The Democrat senator said the bill would pass.");
        assert!(found.contains(&("Democrat".into(), "Democratic Party".into())), "{found:?}");
    }
}
