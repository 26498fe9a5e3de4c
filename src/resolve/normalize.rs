//! Surface-form normalisation: the name a mention gives, without titles, possessives,
//! leading articles or typographic variants.

use std::borrow::Cow;

/// True when a word is a title or role word.
pub fn is_title_word(word: &str) -> bool {
    crate::lexicon::is_person_title(word)
}

/// Legal forms of companies, lowercased without full stops.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc", "corp", "corporation", "co", "ltd", "limited", "plc", "llc", "lp", "llp", "ag", "sa", "nv", "bv", "gmbh", "spa",
    "oy", "ab", "as", "asa", "kk", "pty", "pte", "bhd",
];

/// True for a legal form such as "Inc." or "plc".
pub fn is_legal_suffix(word: &str) -> bool {
    // Asked of the last word of every span and mention: the word's letters without full stops,
    // in lower case, are written on the stack and compared as bytes, where comparing each
    // form character by character took 1,800 instructions a word (3 % of the per-document
    // stages on 1,000 Reuters stories).
    const LONGEST: usize = 11; // "corporation"
    if !word.is_ascii() {
        // No legal form has a letter outside ASCII, but a few such letters lower-case into
        // one (the Kelvin sign into "k").
        let lowered = || word.trim_end_matches('.').chars().filter(|&c| c != '.').flat_map(char::to_lowercase);
        return LEGAL_SUFFIXES.iter().any(|s| lowered().eq(s.chars()));
    }
    let mut letters = [0u8; LONGEST];
    let mut n = 0;
    for b in word.trim_end_matches('.').bytes().filter(|&b| b != b'.') {
        if n == LONGEST {
            return false;
        }
        letters[n] = b.to_ascii_lowercase();
        n += 1;
    }
    LEGAL_SUFFIXES.iter().any(|s| s.as_bytes() == &letters[..n])
}

/// The name a surface form gives: whitespace folded, ’ as ', possessive, leading "the" and
/// trailing legal forms ("Inc.", "plc") removed; for people, leading titles too
/// ("Foreign Minister Wang Yi" → "Wang Yi").
pub fn normalize(surface: &str, is_person: bool) -> String {
    name_and_legal_form(surface, is_person).0
}

/// The name a surface form gives, as [`normalize`], and whether it was written with a
/// company's legal form ("Texaco Inc's" → "Texaco", true).
pub(super) fn name_and_legal_form(surface: &str, is_person: bool) -> (String, bool) {
    // Words borrowed from the surface (only one with a ’ is copied, as '): with a string per
    // word, normalising was over a quarter of resolving.
    let mut words: Vec<Cow<'_, str>> = surface.split_whitespace().map(|w| if w.contains('’') { Cow::Owned(w.replace('’', "'")) } else { Cow::Borrowed(w) }).collect();
    if is_interpolated(surface) {
        for w in words.iter_mut().filter(|w| w.contains(['(', ')'])) {
            *w = Cow::Owned(w.replace(['(', ')'], ""));
        }
    }
    if let Some(last) = words.last_mut() {
        let stem = last.strip_suffix("'s").or_else(|| last.strip_suffix("'")).unwrap_or(last);
        let len = stem.trim_end_matches([',', ';', ':']).len();
        truncate(last, len);
    }
    words.retain(|w| !w.is_empty());
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    // Legal forms do not tell companies apart: "Texaco Inc" is "Texaco" (a person never ends so).
    let legal_form = words.len() > 1 && is_legal_suffix(&words[words.len() - 1]);
    while words.len() > 1 && is_legal_suffix(&words[words.len() - 1]) {
        words.pop();
        if let Some(last) = words.last_mut() {
            let len = last.trim_end_matches([',', '&']).len();
            truncate(last, len);
        }
        words.retain(|w| !w.is_empty());
        // "Goldman, Sachs and Co" is the firm "Goldman, Sachs", not "Goldman, Sachs and".
        if words.len() > 1 && words[words.len() - 1] == "and" {
            words.pop();
        }
    }
    // The commas of a company's name written with its legal form are its style, not the
    // name's: "Goldman, Sachs and Co" is the "Goldman Sachs" of other stories (Reuters: 105
    // mentions "Goldman, Sachs and", 34 "Goldman Sachs").
    if legal_form {
        for w in words.iter_mut().filter(|w| w.ends_with(',')) {
            let len = w.trim_end_matches(',').len();
            truncate(w, len);
        }
        words.retain(|w| !w.is_empty());
    }
    if is_person {
        let mut k = 0;
        while k + 1 < words.len() && (is_title_word(&words[k]) || (k > 0 && words[k] == "of" && is_title_word(&words[k - 1]))) {
            k += 1;
        }
        // A monarch or pope is named by title and given name: "Prince Charles" without its
        // title is a bare "Charles", which the resolver then linked to Ray Charles or Charles
        // Kennedy (BBC News: 9 mentions of the prince, all given to one or the other).
        if k > 0 && k + 1 == words.len() && is_regnal_title(&words[k - 1]) {
            k -= 1;
        }
        words.drain(..k);
    }
    (words.join(" "), legal_form)
}

/// The first of the legal forms a company's surface form ends with, without its full stop or
/// possessive ("Chicago Corp." → "Corp", "Western Co Inc's" → "Co").
pub(super) fn legal_form(surface: &str) -> Option<&str> {
    fn bare(w: &str) -> &str {
        w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w).trim_end_matches([',', ';', ':'])
    }
    let words: Vec<&str> = surface.split_whitespace().collect();
    let n = words.len();
    let word = |k: usize| if k + 1 == n { bare(words[k]) } else { words[k] };
    let first = (1..n).rev().take_while(|&k| is_legal_suffix(word(k))).last()?;
    Some(word(first).trim_end_matches('.'))
}

/// Whether a surface form holds brackets a writer put into a quote rather than brackets of the
/// name: they open it, or do not pair up within it. Reuters quotes "(World) Bank", "(the
/// International Monetary) Fund" and "(Prime Minister Yasuhiro) Nakasone", of which a mention
/// holds "Yasuhiro) Nakasone"; their names are without the brackets. A bracket within a name
/// that closes ("Cheung Kong (Holdings)") is the name's.
fn is_interpolated(surface: &str) -> bool {
    surface.starts_with('(') || surface.matches('(').count() != surface.matches(')').count()
}

/// Titles (of the person titles) of monarchs, their families, popes and sheikhs, which come
/// before a given name, not a surname.
fn is_regnal_title(word: &str) -> bool {
    ["king", "queen", "prince", "princess", "pope", "sheikh"].iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// Shortens a word to its first `len` bytes.
fn truncate(word: &mut Cow<'_, str>, len: usize) {
    match word {
        Cow::Borrowed(w) => *w = &w[..len],
        Cow::Owned(w) => w.truncate(len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_are_found_as_the_character_by_character_reading_finds_them() {
        let plain = |word: &str| {
            let lowered = || word.trim_end_matches('.').chars().filter(|&c| c != '.').flat_map(char::to_lowercase);
            LEGAL_SUFFIXES.iter().any(|s| lowered().eq(s.chars()))
        };
        let mut words: Vec<String> = ["Inc.", "INC", "Corp.", "Co", "co.", "P.L.C.", "L.L.C", "GmbH", "S.p.A.", "Corporation", "CORPORATIONS", "Incorporated", "", ".", "..", "A.G..", "\u{212a}K", "Ltd.,", "Bhd", "Wang"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        // Every form with its letters in either case and full stops between and after them.
        for s in LEGAL_SUFFIXES {
            let upper = s.to_uppercase();
            let dotted: String = upper.chars().flat_map(|c| [c, '.']).collect();
            words.extend([upper, dotted, format!("{s}."), format!("{s}x"), format!("x{s}"), s[1..].to_string()]);
        }
        for w in &words {
            assert_eq!(is_legal_suffix(w), plain(w), "{w:?}");
        }
        assert!(is_legal_suffix("P.L.C.") && is_legal_suffix("\u{212a}K") && !is_legal_suffix("Incorporated"));
    }

    #[test]
    fn strips_titles_possessives_articles() {
        assert_eq!(normalize("Foreign Minister Wang Yi", true), "Wang Yi");
        assert_eq!(normalize("President Joe Biden’s", true), "Joe Biden");
        assert_eq!(normalize("Secretary of State Antony Blinken", true), "Antony Blinken");
        assert_eq!(normalize("the European Union", false), "European Union");
        assert_eq!(normalize("General Motors", false), "General Motors");
        assert_eq!(normalize("President", true), "President");
        // A monarch keeps the title before a given name; a peer's title before a surname goes.
        assert_eq!(normalize("Prince Charles's", true), "Prince Charles");
        assert_eq!(normalize("former King Constantine", true), "King Constantine");
        assert_eq!(normalize("Pope John Paul", true), "John Paul");
        assert_eq!(normalize("Lord Coe", true), "Coe");
        assert_eq!(normalize("Sir Alex Ferguson", true), "Alex Ferguson");
        assert_eq!(normalize("Texaco Inc", false), "Texaco");
        assert_eq!(normalize("Standard Oil Co.", false), "Standard Oil");
        assert_eq!(normalize("Bank of America Corp's", false), "Bank of America");
        assert_eq!(normalize("Inc", false), "Inc");
        assert_eq!(name_and_legal_form("Bank of America Corp's", false), ("Bank of America".to_string(), true));
        assert_eq!(name_and_legal_form("Inc", false), ("Inc".to_string(), false));
        assert_eq!(name_and_legal_form("Texaco", false), ("Texaco".to_string(), false));
        // Brackets put into a quote are no part of the name; a company's own bracket is.
        assert_eq!(normalize("(World) Bank", false), "World Bank");
        assert_eq!(normalize("International Monetary) Fund", false), "International Monetary Fund");
        assert_eq!(normalize("Yasuhiro) Nakasone's", true), "Yasuhiro Nakasone");
        assert_eq!(normalize("Bank (of England", false), "Bank of England");
        assert_eq!(normalize("Nikko Securities Co (Europe) Ltd", false), "Nikko Securities Co (Europe)");
        // A company's name written with its legal form, without its style's "and" and commas.
        assert_eq!(normalize("Goldman, Sachs and Co", false), "Goldman Sachs");
        assert_eq!(normalize("Smith, Barney, Harris Upham and Co Inc", false), "Smith Barney Harris Upham");
        assert_eq!(normalize("Goldman, Sachs", false), "Goldman, Sachs");
    }

    /// The first implementation, a string per word: what the borrowing one must equal.
    fn reference(surface: &str, is_person: bool) -> String {
        let legal = |word: &str| {
            let w = word.trim_end_matches('.').replace('.', "").to_lowercase();
            LEGAL_SUFFIXES.contains(&w.as_str())
        };
        let mut words: Vec<String> = surface.split_whitespace().map(|w| w.replace('’', "'")).collect();
        if is_interpolated(surface) {
            words = words.iter().map(|w| w.replace(['(', ')'], "")).collect();
        }
        if let Some(last) = words.last_mut() {
            if let Some(stem) = last.strip_suffix("'s").or_else(|| last.strip_suffix("'")) {
                *last = stem.to_string();
            }
            let trimmed = last.trim_end_matches([',', ';', ':']).to_string();
            *last = trimmed;
        }
        words.retain(|w| !w.is_empty());
        if words.len() > 1 && words[0] == "the" {
            words.remove(0);
        }
        let legal_form = words.len() > 1 && legal(&words[words.len() - 1]);
        while words.len() > 1 && legal(&words[words.len() - 1]) {
            words.pop();
            if let Some(last) = words.last_mut() {
                let trimmed = last.trim_end_matches([',', '&']).to_string();
                *last = trimmed;
            }
            words.retain(|w| !w.is_empty());
            if words.len() > 1 && words[words.len() - 1] == "and" {
                words.pop();
            }
        }
        if legal_form {
            words = words.iter().map(|w| w.trim_end_matches(',').to_string()).filter(|w| !w.is_empty()).collect();
        }
        if is_person {
            let mut k = 0;
            while k + 1 < words.len() && (is_title_word(&words[k]) || (k > 0 && words[k] == "of" && is_title_word(&words[k - 1]))) {
                k += 1;
            }
            if k > 0 && k + 1 == words.len() && is_regnal_title(&words[k - 1]) {
                k -= 1;
            }
            words.drain(..k);
        }
        words.join(" ")
    }

    proptest::proptest! {
        #[test]
        fn borrowing_equals_the_reference(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "the", "The", "Inc.", "INC", "Co", "co.", "C.o.", "\u{212a}K", "plc", "Corp,", "&", ",", "’s", "'s", "'", "’",
                "of", "Minister", "President", "Dr.", "Prince", "queen", "Wang", "Yi’s", "Biden's", "O’Neil", "Oil", ":", ";", "A.G.", "É", "(", ")", "(Europe)", "Bank)", "and", "Sachs,",
            ]), 0..7),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "", "  ", "\t", "\u{a0}"]), 7),
            person: bool,
        ) {
            let surface: String = parts.iter().zip(&seps).map(|(p, s)| format!("{p}{s}")).collect();
            proptest::prop_assert_eq!(normalize(&surface, person), reference(&surface, person));
        }
    }
}
