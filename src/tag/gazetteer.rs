//! Gazetteers written for comention (`assets/gazetteers/`, `assets/demonyms.tsv`), compiled
//! into one Aho-Corasick automaton over a sentence's lower-cased words.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

use crate::lexicon::lower;
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

const LISTS: [(List, &str); 6] = [
    (List::Country, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/countries.txt"))),
    (List::City, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/cities.txt"))),
    (List::Region, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/regions.txt"))),
    (List::Organisation, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/organisations.txt"))),
    (List::Organisation, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/companies.txt"))),
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

    /// True when the phrase is a listed country, city or region.
    pub fn is_place(&self) -> bool {
        [List::Country, List::City, List::Region].iter().any(|&list| self.is_in(list))
    }
}

/// The id of a word that no listed phrase contains.
pub const UNLISTED: u16 = (1 << 14) - 1;

/// The compiled gazetteers: an Aho-Corasick automaton over words rather than characters.
/// Each word becomes two bytes (the first with its high bit set, the second without), so
/// every match starts and ends on whole words and a sentence is two bytes a word; the
/// character automaton this replaced also found, and discarded, matches inside words.
pub struct Gazetteer {
    /// Lower-cased phrase word → word id.
    words: FxHashMap<Box<str>, u16>,
    matcher: AhoCorasick,
    /// The lists holding each pattern.
    lists: Vec<u8>,
}

/// Appends the two bytes that stand for word `id`.
fn push_word(id: u16, out: &mut Vec<u8>) {
    out.extend([0x80 | (id >> 7) as u8, (id & 0x7F) as u8]);
}

impl Gazetteer {
    /// Compiles `(list, phrase)` entries; phrases are split into words by the tokenizer.
    pub fn new<'a>(entries: impl IntoIterator<Item = (List, &'a str)>) -> Gazetteer {
        // Sorted, so that word ids and patterns do not depend on the input's order.
        let mut phrases: BTreeMap<Vec<String>, u8> = BTreeMap::new();
        let mut tokens = Vec::new();
        for (list, phrase) in entries {
            tokens.clear();
            tokenize(phrase, 0, &mut tokens);
            let key: Vec<String> = tokens.iter().map(|t| lower(t.span.slice(phrase)).into_owned()).collect();
            if !key.is_empty() {
                *phrases.entry(key).or_default() |= 1 << list as u8;
            }
        }
        let mut words: FxHashMap<Box<str>, u16> = FxHashMap::default();
        let mut patterns = Vec::with_capacity(phrases.len());
        let mut lists = Vec::with_capacity(phrases.len());
        for (phrase, in_lists) in phrases {
            let mut pattern = Vec::with_capacity(2 * phrase.len());
            for word in phrase {
                let next = words.len() as u16;
                push_word(*words.entry(word.into_boxed_str()).or_insert(next), &mut pattern);
            }
            patterns.push(pattern);
            lists.push(in_lists);
        }
        assert!(words.len() < UNLISTED as usize, "gazetteer vocabulary exceeds 14-bit word ids");
        let matcher = AhoCorasick::new(&patterns).expect("gazetteer phrases compile");
        Gazetteer { words, matcher, lists }
    }

    /// The id of a word (any case) in the phrases, or [`UNLISTED`].
    pub fn word_id(&self, word: &str) -> u16 {
        self.lower_word_id(&lower(word))
    }

    /// [`Gazetteer::word_id`] of a word already in lower case.
    pub fn lower_word_id(&self, lower: &str) -> u16 {
        self.words.get(lower).copied().unwrap_or(UNLISTED)
    }

    /// Calls `found` with every listed phrase of a sentence, given as word ids, that starts
    /// at a word for which `may_start` holds; overlapping phrases included.
    /// `text` is working space.
    pub fn find_ids(&self, ids: impl IntoIterator<Item = u16>, text: &mut Vec<u8>, may_start: impl Fn(usize) -> bool, mut found: impl FnMut(Match)) {
        text.clear();
        for id in ids {
            push_word(id, text);
        }
        for m in self.matcher.find_overlapping_iter(&*text) {
            let start = m.start() / 2;
            if may_start(start) {
                found(Match { start, end: m.end() / 2, lists: self.lists[m.pattern().as_usize()] });
            }
        }
    }

    /// Whether `phrase` as a whole is a listed country, city or region, or a demonym: a name
    /// of where or whence, which a typing noun or a legal form after it does not make a firm's.
    pub fn is_place_or_demonym(&self, phrase: &str) -> bool {
        self.lists_of(phrase).is_some_and(|found| found.is_place() || found.is_in(List::Demonym))
    }

    /// The lists that hold `phrase` as a whole, if any do and it starts with a capital letter
    /// (as [`Gazetteer::find`] takes phrases).
    pub fn lists_of(&self, phrase: &str) -> Option<Match> {
        if !phrase.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let mut tokens = Vec::new();
        tokenize(phrase, 0, &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(phrase)).collect();
        let mut whole = None;
        self.find_ids(words.iter().map(|w| self.word_id(w)), &mut Vec::new(), |i| i == 0, |m| {
            if m.end == words.len() {
                whole = Some(m);
            }
        });
        whole
    }

    /// Every listed phrase among `words` that starts with a capital letter and covers whole
    /// words, overlapping ones included.
    pub fn find(&self, words: &[&str]) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_ids(words.iter().map(|w| self.word_id(w)), &mut Vec::new(), |i| words[i].chars().next().is_some_and(char::is_uppercase), |m| out.push(m));
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
        assert!(g.lists_of("New York").is_some_and(|m| m.is_in(List::City)));
        assert!(g.lists_of("Guinea-bissau").is_some_and(|m| m.is_in(List::Country)));
        assert_eq!(g.lists_of("new york"), None);
        assert_eq!(g.lists_of("New"), None);
        assert_eq!(g.lists_of("New York Times"), None);
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

    #[test]
    fn no_organisation_is_listed_as_a_place() {
        // A firm listed as a region too was a place in every context: BBC's 26 mentions of
        // Amazon (the retailer) were all LOC. Its context tells the tagger the river.
        let g = default_gazetteer();
        let organisations = LISTS.iter().filter(|(l, _)| *l == List::Organisation).flat_map(|(_, text)| crate::lexicon::entries(text));
        let mut checked = 0;
        // (A name that opens in lower case, "eBay", is matched by the tagger's own rules.)
        for (name, lists) in organisations.filter_map(|name| Some((name, g.lists_of(name)?))) {
            assert!(![List::Country, List::City, List::Region].iter().any(|&l| lists.is_in(l)), "{name} is listed as a place");
            checked += 1;
        }
        assert!(checked > 200, "{checked} organisations checked");
    }
}
