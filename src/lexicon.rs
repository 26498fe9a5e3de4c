//! Word lists written for comention (`assets/gazetteers/`), shared by the tagger's
//! features and the resolver.

use std::collections::HashSet;
use std::sync::OnceLock;

static ORG_SUFFIXES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/org_suffixes.txt"));
static PERSON_TITLES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/person_titles.txt"));

fn parse(text: &str) -> HashSet<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_lowercase).collect()
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
