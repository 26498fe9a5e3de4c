//! Word lists written for comention (`assets/gazetteers/`, `assets/demonyms.tsv`), shared by
//! the tagger's features and the resolver.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

static ORG_SUFFIXES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/org_suffixes.txt"));
static PERSON_TITLES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/person_titles.txt"));
static DEMONYMS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demonyms.tsv"));

/// The entries of a word-list file: trimmed lines, without blank lines and `#` comments.
pub fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn parse(text: &str) -> HashSet<String> {
    entries(text).map(str::to_lowercase).collect()
}

/// Demonyms and the place each relates to ("Chinese" → "China").
pub fn demonyms() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| entries(DEMONYMS).filter_map(|l| l.split_once('\t')).map(|(d, p)| (d.trim(), p.trim())).collect())
}

fn key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// True for a word that ends organisation names ("Systems", "Bank", "Inc.").
pub fn is_org_suffix(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| parse(ORG_SUFFIXES)).contains(&key(word))
}

/// True for a title or role that comes before a person's name ("President", "Dr.").
pub fn is_person_title(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| parse(PERSON_TITLES)).contains(&key(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_match_in_any_case() {
        assert!(is_org_suffix("Systems") && is_org_suffix("INC.") && !is_org_suffix("Wang"));
        assert!(is_person_title("President") && is_person_title("Dr.") && !is_person_title("Malta"));
    }
}
