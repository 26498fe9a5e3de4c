//! Mentions that the words around them complete to a name of the alias table: the tagger
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

/// Widens each mention that the capitalised word or ordinal just before it (one space apart, in
/// no other mention), or that word and an "and" ("Standard and" of "Standard and Poor's"), completes
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
        // An ordinal opens a name too ("20th" of "20th Century Fox", where the model starts
        // the studio after it and types it a person).
        let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| word.strip_suffix(s).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())));
        let capitalised = !article && (ordinal || word.chars().next().is_some_and(char::is_uppercase) && word.chars().all(char::is_alphabetic));
        let free = k == 0 || doc.mentions[k - 1].clean.end <= start;
        let Some(first_token) = m.tokens.0.checked_sub(words) else { continue };
        // Where sentences are known, the word must open no other one.
        let same_sentence = doc.sentences.get(m.sentence).is_none_or(|s| s.tokens.0 <= first_token);
        if !(capitalised && free && same_sentence) {
            continue;
        }
        let joined = format!("{} {}", &doc.clean[start..m.clean.start - 1], m.text);
        let per = m.label == Label::Per;
        let canonical = |text: &str, per: bool| aliases.lookup(&normalize::name_and_legal_form(text, per).0).map(|(c, l)| (c.to_string(), l));
        // Widened only where the word changes what the name is: "The U.S." is the United
        // States as "U.S." is, and CoNLL-2003 leaves the article out of the name.
        // A person's title is no part of a name, but a place's may open with one: the tagger
        // takes "Edward Island" out of "Prince Edward Island" for a man (`link_names` then
        // gives such a name the table's type).
        let whole = canonical(&joined, per).or_else(|| canonical(&joined, false).filter(|&(_, label)| per && label != Label::Per));
        let Some((name, _)) = whole else { continue };
        if canonical(&m.text, per).is_some_and(|(c, _)| c == name) {
            continue;
        }
        let clean = Span::new(start, m.clean.end);
        let raw = doc.offsets.span_to_raw(clean);
        let m = &mut doc.mentions[k];
        (m.clean, m.raw, m.text, m.tokens.0) = (clean, raw, joined, first_token);
    }
}

/// Words after a mention taken in at most ("on Tariffs and Trade" are four).
const MAX_WORDS_AFTER: usize = 6;

/// Widens each mention that the words just after it (one space apart, within its sentence)
/// complete to a name the alias table knows, to the longest such name, taking in mentions
/// those words hold; the widened mention takes the table's type. The tagger ends "the General
/// Agreement on Tariffs and Trade" at "Agreement" (Reuters-21578: 60 mentions of a "General
/// Agreement" beside GATT's own). Only names the table opens with the mention's words are sought.
pub fn widen_to_aliases_after(doc: &mut Document, aliases: &Aliases) {
    let mut absorbed = vec![false; doc.mentions.len()];
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        // As written: a name that goes on is rarely one with an article, a possessive or a
        // legal form that normalising takes off.
        if absorbed[k] || !aliases.opens_a_form(&m.text) {
            continue;
        }
        let per = m.label == Label::Per;
        let limit = doc.sentences.get(m.sentence).map_or(doc.clean.len(), |s| s.span.end);
        let (mut end, mut best) = (m.clean.end, None);
        for words in 1..=MAX_WORDS_AFTER {
            let Some(rest) = doc.clean.get(end..limit.max(end)).and_then(|r| r.strip_prefix(' ')) else { break };
            let word = rest.split(char::is_whitespace).next().unwrap_or_default();
            // Punctuation after a word ends the name there ("... and Trade, GATT said").
            let bare = word.trim_end_matches([',', '.', ';', ':', ')', '"']);
            if bare.is_empty() || !bare.chars().all(|c| c.is_alphanumeric() || c == '&' || c == '-') {
                break;
            }
            end += 1 + bare.len();
            let (opens, whole) = aliases.shape(&doc.clean[m.clean.start..end]);
            // A later mention the words reach into must end within them.
            let splits = || doc.mentions[k + 1..].iter().take_while(|n| n.clean.start < end).any(|n| n.clean.end > end);
            if whole && !splits() {
                if let Some((name, label)) = aliases.lookup(&normalize::name_and_legal_form(&doc.clean[m.clean.start..end], per).0) {
                    best = Some((end, words, name, label));
                }
            }
            if !opens || bare.len() < word.len() {
                break;
            }
        }
        let Some((end, words, name, label)) = best else { continue };
        if aliases.lookup(&normalize::name_and_legal_form(&m.text, per).0).is_some_and(|(c, _)| c == name) {
            continue; // the words after change nothing
        }
        for j in k + 1..doc.mentions.len() {
            if doc.mentions[j].clean.start >= end {
                break;
            }
            absorbed[j] = true;
        }
        // Tokens where the document has them; else (CoNLL scoring) one a word.
        let last = if doc.tokens.is_empty() { m.tokens.1 + words } else { m.tokens.1 + doc.tokens[m.tokens.1..].iter().take_while(|t| t.span.end <= end).count() };
        let clean = Span::new(m.clean.start, end);
        let raw = doc.offsets.span_to_raw(clean);
        let text = doc.clean[clean.start..end].to_string();
        let m = &mut doc.mentions[k];
        (m.clean, m.raw, m.text, m.tokens.1, m.label) = (clean, raw, text, last, label);
    }
    if absorbed.contains(&true) {
        let mut keep = absorbed.iter().map(|&a| !a);
        doc.mentions.retain(|_| keep.next().unwrap_or(true));
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
    use super::*;

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

    /// A text of words without a token list (as CoNLL scoring has it) and mentions of the
    /// given words, their tokens counted in words.
    fn words_with_mentions(text: &str, mentions: &[(&str, Label)]) -> Document {
        let mut doc = Document::new("d", text);
        doc.clean = text.to_string();
        for &(name, label) in mentions {
            let start = text.find(name).expect("the mention is in the text");
            let first = text[..start].split_whitespace().count();
            let clean = Span::new(start, start + name.len());
            let tokens = (first, first + name.split_whitespace().count());
            doc.mentions.push(Mention { clean, raw: clean, text: name.into(), label, score: 1.0, sentence: 0, tokens, entity: String::new() });
        }
        doc
    }

    #[test]
    fn an_ordinal_before_completes_a_studio_s_name() {
        let found = mentions("The film was made by 20th Century Fox in 2004, and 21st Century Fox is no name.");
        assert!(found.contains(&("20th Century Fox".into(), "20th Century Fox".into())), "{found:?}");
        assert!(!found.iter().any(|(t, _)| t.starts_with("21st")), "{found:?}");
    }

    #[test]
    fn the_words_after_complete_a_name_the_table_knows() {
        // A wire story's line wrapped after "Agreement": the whole name, once, with its type.
        let found = crate::testing::mentions_of("Japan filed a complaint with the General Agreement\non Tariffs and Trade last year.");
        assert!(found.iter().any(|(t, e, l)| t == "General Agreement on Tariffs and Trade" && e == t && *l == Label::Org), "{found:?}");
        assert!(!found.iter().any(|(_, e, _)| e == "General Agreement"), "{found:?}");
        // Words the table does not go on with are left out.
        let mut doc = words_with_mentions("the World Bank economists met", &[("World", Label::Org)]);
        widen_to_aliases_after(&mut doc, crate::resolve::aliases::builtin());
        assert_eq!((doc.mentions[0].text.as_str(), doc.mentions[0].tokens), ("World Bank", (1, 3)));
        let mut doc = words_with_mentions("the World Cup final", &[("World", Label::Misc)]);
        widen_to_aliases_after(&mut doc, crate::resolve::aliases::builtin());
        assert_eq!((doc.mentions[0].text.as_str(), doc.mentions[0].label), ("World", Label::Misc));
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
