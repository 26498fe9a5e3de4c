//! Surface-form normalisation: the name a mention gives, without titles, possessives,
//! leading articles or typographic variants.

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
    let w = word.trim_end_matches('.').replace('.', "").to_lowercase();
    LEGAL_SUFFIXES.contains(&w.as_str())
}

/// The name a surface form gives: whitespace folded, ’ as ', possessive, leading "the" and
/// trailing legal forms ("Inc.", "plc") removed; for people, leading titles too
/// ("Foreign Minister Wang Yi" → "Wang Yi").
pub fn normalize(surface: &str, is_person: bool) -> String {
    let mut words: Vec<String> = surface.split_whitespace().map(|w| w.replace('’', "'")).collect();
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
    // Legal forms do not tell companies apart: "Texaco Inc" is "Texaco" (a person never ends so).
    while words.len() > 1 && is_legal_suffix(&words[words.len() - 1]) {
        words.pop();
        if let Some(last) = words.last_mut() {
            let trimmed = last.trim_end_matches([',', '&']).to_string();
            *last = trimmed;
        }
        words.retain(|w| !w.is_empty());
    }
    if is_person {
        let mut k = 0;
        while k + 1 < words.len() && (is_title_word(&words[k]) || (k > 0 && words[k] == "of" && is_title_word(&words[k - 1]))) {
            k += 1;
        }
        words.drain(..k);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_titles_possessives_articles() {
        assert_eq!(normalize("Foreign Minister Wang Yi", true), "Wang Yi");
        assert_eq!(normalize("President Joe Biden’s", true), "Joe Biden");
        assert_eq!(normalize("Secretary of State Antony Blinken", true), "Antony Blinken");
        assert_eq!(normalize("the European Union", false), "European Union");
        assert_eq!(normalize("General Motors", false), "General Motors");
        assert_eq!(normalize("President", true), "President");
        assert_eq!(normalize("Texaco Inc", false), "Texaco");
        assert_eq!(normalize("Standard Oil Co.", false), "Standard Oil");
        assert_eq!(normalize("Bank of America Corp's", false), "Bank of America");
        assert_eq!(normalize("Inc", false), "Inc");
    }
}
