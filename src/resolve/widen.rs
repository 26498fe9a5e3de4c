//! Mentions that the word before them completes to a name of the alias table: the tagger
//! takes "Democrat" alone out of "Liberal Democrat MP Jackie Ballard", and the alias table then
//! made it the US Democratic Party; with the word before it, it is the Liberal Democrats.

use crate::doc::{Document, Label, Mention, Span};
use crate::resolve::{normalize, Aliases};

/// The start of the word that ends one space before `end` in `text`, if one does.
fn word_before(text: &str, end: usize) -> Option<usize> {
    // The word is read off the clean text (a word between spaces is one token), so that the
    // CoNLL scoring, which has no token list, widens as the pipeline does.
    let head = text.get(..end)?.strip_suffix(' ')?;
    // ASCII white space, so that the byte after it starts a character (a word after any other
    // space holds it, and is no name's word below).
    Some(head.rfind(|c: char| c.is_ascii_whitespace()).map_or(0, |i| i + 1))
}

/// Widens each mention that the capitalised word just before it (one space apart, in no other
/// mention), or that word and an "and" ("Standard and" of "Standard and Poor's"), completes
/// to a name the alias table knows, to take those words in. Only the alias table decides: it
/// holds the names whose parts mean something else alone.
pub fn widen_to_aliases(doc: &mut Document, aliases: &Aliases) {
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let Some(last) = word_before(&doc.clean, m.clean.start) else { continue };
        // The first word taken in, where it ends, and how many words are taken in.
        let (start, end, words) = match &doc.clean[last..m.clean.start - 1] {
            "and" | "&" => match word_before(&doc.clean, last) {
                Some(first) => (first, last - 1, 2),
                None => continue,
            },
            _ => (last, m.clean.start - 1, 1),
        };
        let word = &doc.clean[start..end];
        // An article is no part of a name, though the alias table lists "the United States":
        // with a user's table that makes "U.S." something else, "The U.S." was widened to the
        // built-in United States.
        let article = ["The", "THE", "A", "An"].contains(&word);
        let capitalised = !article && word.chars().next().is_some_and(char::is_uppercase) && word.chars().all(char::is_alphabetic);
        let free = k == 0 || doc.mentions[k - 1].clean.end <= start;
        let Some(first_token) = m.tokens.0.checked_sub(words) else { continue };
        // Where sentences are known, the word must open no other one.
        let same_sentence = doc.sentences.get(m.sentence).is_none_or(|s| s.tokens.0 <= first_token);
        if !(capitalised && free && same_sentence) {
            continue;
        }
        let joined = format!("{} {}", &doc.clean[start..m.clean.start - 1], m.text);
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

/// Joins two mentions one "and" or "&" apart that are together a name the alias table knows
/// and neither is alone: the tagger splits "Standard and Poor's Corp" into "Standard" and
/// "Poor's Corp" (Reuters-21578: an organisation "Standard" of 109 mentions and one "Poor" of
/// 119, each a hub beside every company the agency rated). The joined mention takes the
/// table's type.
pub fn join_to_aliases(doc: &mut Document, aliases: &Aliases) {
    let canonical = |text: &str, label: Label| aliases.lookup(&normalize::name_and_legal_form(text, label == Label::Per).0);
    let known = |m: &Mention| canonical(&m.text, m.label).map(|(c, _)| c);
    // Into a new list, each mention joined to the one kept before it where they make one (a
    // removal from the list moved every mention after it: quadratic in a long document).
    let mut out: Vec<Mention> = Vec::with_capacity(doc.mentions.len());
    for b in std::mem::take(&mut doc.mentions) {
        let join = out.last().and_then(|a| {
            let between = doc.clean.get(a.clean.end..b.clean.start).map(str::trim);
            let joined = matches!(between, Some("and" | "&")) && a.sentence == b.sentence && a.tokens.1 + 1 == b.tokens.0;
            let (name, label) = joined.then(|| canonical(&doc.clean[a.clean.start..b.clean.end], b.label)).flatten()?;
            (known(a) != Some(name) && known(&b) != Some(name)).then_some((a.clean.start, a.tokens.0, label))
        });
        match join {
            Some((start, first, label)) => {
                out.pop();
                let clean = Span::new(start, b.clean.end);
                let (raw, text) = (doc.offsets.span_to_raw(clean), doc.clean[start..b.clean.end].to_string());
                out.push(Mention { clean, raw, text, tokens: (first, b.tokens.1), label, ..b });
            }
            None => out.push(b),
        }
    }
    doc.mentions = out;
}

#[cfg(test)]
mod tests {
    /// The (text, entity) of each mention `text` gets through the whole pipeline.
    fn mentions(text: &str) -> Vec<(String, String)> {
        crate::testing::mentions_of(text).into_iter().map(|(t, e, _)| (t, e)).collect()
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

    #[test]
    fn two_names_around_and_that_the_alias_table_knows_together_are_one() {
        for (text, name) in [
            ("The debt was downgraded by Standard and Poor's Corp on Friday.", "Standard and Poor's Corp"),
            ("The issue is rated a top-flight AAA by Standard and Poor's.", "Standard and Poor"),
            ("Standard and Poor's said its major downgrades last quarter were in banking.", "Standard and Poor"),
        ] {
            let found = mentions(text);
            assert_eq!(found.iter().filter(|(_, e)| e == "Standard & Poor's").count(), 1, "{found:?}");
            assert!(found.contains(&(name.into(), "Standard & Poor's".into())), "{found:?}");
        }
        // Two companies listed stay two.
        let found = mentions("Exxon and Mobil Corp raised prices on Friday.");
        assert!(found.iter().any(|(_, e)| e == "Exxon") && found.iter().any(|(_, e)| e == "Mobil"), "{found:?}");
    }
}
