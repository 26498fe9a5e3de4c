//! Gazetteers written for comention (`assets/gazetteers/`, `assets/demonyms.tsv`), compiled
//! into one Aho-Corasick automaton over a sentence's lower-cased words.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::segment::tokens::tokenize;

/// The lists a phrase can belong to; a phrase may be in several ("Georgia", "Luxembourg").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Country = 0,
    City = 1,
    Region = 2,
    Organisation = 3,
    Demonym = 4,
    FirstName = 5,
}

const LISTS: [(List, &str); 5] = [
    (List::Country, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/countries.txt"))),
    (List::City, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/cities.txt"))),
    (List::Region, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/regions.txt"))),
    (List::Organisation, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/organisations.txt"))),
    (List::FirstName, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/first_names.txt"))),
];

/// A phrase found in a sentence: words `start..end` and the lists holding it (one bit each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub lists: u8,
}

impl Match {
    /// True when the phrase is in `list`.
    pub fn is_in(&self, list: List) -> bool {
        self.lists & (1 << list as u8) != 0
    }
}

/// The compiled gazetteers.
pub struct Gazetteer {
    matcher: AhoCorasick,
    lists: Vec<u8>,
}

/// Words of a phrase as the tokenizer splits them, lower-cased and joined by single spaces.
fn key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Gazetteer {
    /// Compiles `(list, phrase)` entries.
    pub fn new<'a>(entries: impl IntoIterator<Item = (List, &'a str)>) -> Gazetteer {
        let mut phrases: BTreeMap<String, u8> = BTreeMap::new();
        let mut tokens = Vec::new();
        for (list, phrase) in entries {
            tokens.clear();
            tokenize(phrase, 0, &mut tokens);
            let k = key(tokens.iter().map(|t| t.span.slice(phrase)));
            if !k.is_empty() {
                *phrases.entry(k).or_default() |= 1 << list as u8;
            }
        }
        let matcher = AhoCorasick::new(phrases.keys()).expect("gazetteer phrases compile");
        Gazetteer { matcher, lists: phrases.into_values().collect() }
    }

    /// Every listed phrase among `words` that starts with a capital letter and covers whole
    /// words, overlapping ones included.
    pub fn find(&self, words: &[&str]) -> Vec<Match> {
        let text = key(words.iter().copied());
        // Byte offset of each word in `text`, and the word at each offset.
        let mut starts = Vec::with_capacity(words.len() + 1);
        let mut at = 0;
        for w in words {
            starts.push(at);
            at += w.chars().flat_map(char::to_lowercase).map(char::len_utf8).sum::<usize>() + 1;
        }
        starts.push(at);
        let word_at = |offset: usize| starts.binary_search(&offset).ok();
        let mut out = Vec::new();
        for m in self.matcher.find_overlapping_iter(&text) {
            let (Some(start), Some(end)) = (word_at(m.start()), word_at(m.end() + 1)) else { continue };
            if words[start].chars().next().is_some_and(char::is_uppercase) {
                out.push(Match { start, end, lists: self.lists[m.pattern().as_usize()] });
            }
        }
        out
    }
}

/// The shipped gazetteers, compiled once per process.
pub fn default_gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let demonyms = crate::lexicon::demonyms().keys().map(|&d| (List::Demonym, d));
        Gazetteer::new(LISTS.iter().flat_map(|&(list, text)| crate::lexicon::entries(text).map(move |l| (list, l))).chain(demonyms))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_capitalised_phrases() {
        let g = default_gazetteer();
        let words = ["The", "U.S.", "envoy", "flew", "from", "New", "York", "to", "GEORGIA", "and", "met", "Chinese", "officials", "."];
        let found = g.find(&words);
        let has = |s: usize, e: usize, l: List| found.iter().any(|m| m.start == s && m.end == e && m.is_in(l));
        assert!(has(1, 2, List::Country));
        assert!(has(5, 7, List::City));
        assert!(has(8, 9, List::Country) && has(8, 9, List::Region), "Georgia is both");
        assert!(has(11, 12, List::Demonym));
        // Lower-case words and parts of words never match.
        assert!(g.find(&["turkey", "and", "Turkeys"]).is_empty());
    }
}
