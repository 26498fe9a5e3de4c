//! Word lists written for comention (`assets/gazetteers/`, `assets/demonyms.tsv`), shared by
//! the tagger's features and the resolver.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

static ORG_SUFFIXES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/org_suffixes.txt"));
static PERSON_TITLES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/person_titles.txt"));
static PRODUCTS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/gazetteers/products.txt"));
static DEMONYMS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demonyms.tsv"));

/// The entries of a word-list file: trimmed lines, without blank lines and `#` comments.
pub fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn parse(text: &str) -> FxHashSet<String> {
    entries(text).map(str::to_lowercase).collect()
}

/// Demonyms and the place each relates to ("Chinese" → "China").
pub fn demonyms() -> &'static FxHashMap<&'static str, &'static str> {
    // Looked up for every entity of an entity table: a fast hash, not a DoS-resistant one.
    static TABLE: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| entries(DEMONYMS).filter_map(|l| l.split_once('\t')).map(|(d, p)| (d.trim(), p.trim())).collect())
}

/// The people's adjective a place is written with, the first the list gives for it
/// ("Switzerland" → "Swiss").
pub fn demonym_of(place: &str) -> Option<&'static str> {
    static TABLE: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut first = FxHashMap::default();
        for (demonym, place) in entries(DEMONYMS).filter_map(|l| l.split_once('\t')) {
            first.entry(place.trim()).or_insert(demonym.trim());
        }
        first
    });
    table.get(place).copied()
}

/// A word in lower case as the word lists and gazetteers hold it (character by character),
/// borrowed when it has no upper-case letter.
pub fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        word.into()
    } else {
        word.chars().flat_map(char::to_lowercase).collect::<String>().into()
    }
}

fn contains(set: &'static OnceLock<FxHashSet<String>>, text: &str, lower: &str) -> bool {
    set.get_or_init(|| parse(text)).contains(lower.trim_end_matches('.'))
}

static ORG_SUFFIX_SET: OnceLock<FxHashSet<String>> = OnceLock::new();
static PERSON_TITLE_SET: OnceLock<FxHashSet<String>> = OnceLock::new();
/// The products' names as written, and their first words: a span is joined into one string
/// only when its first word opens a product's name.
static PRODUCT_NAMES: OnceLock<(FxHashSet<&'static str>, FxHashSet<&'static str>)> = OnceLock::new();

fn product_names() -> &'static (FxHashSet<&'static str>, FxHashSet<&'static str>) {
    PRODUCT_NAMES.get_or_init(|| (entries(PRODUCTS).collect(), entries(PRODUCTS).filter_map(|p| p.split(' ').next()).collect()))
}

/// Whether `form` is a word of the news the project's word clusters were learned from (as
/// written, or in lower case for a capitalised form).
pub fn is_news_word(form: &str) -> bool {
    crate::tag::clusters::default_clusters().get(form).is_some()
}

/// Whether `word` is a given name the gazetteers list ("Ann", "Chris").
pub fn is_first_name(word: &str) -> bool {
    crate::tag::gazetteer::default_gazetteer().lists_of(word).is_some_and(|m| m.is_in(crate::tag::gazetteer::List::FirstName))
}

/// Reads the word lists now rather than on first use.
pub fn load() {
    demonyms();
    ORG_SUFFIX_SET.get_or_init(|| parse(ORG_SUFFIXES));
    PERSON_TITLE_SET.get_or_init(|| parse(PERSON_TITLES));
    product_names();
}

/// True for a word that ends organisation names ("Systems", "Bank", "Inc.").
pub fn is_org_suffix(word: &str) -> bool {
    is_org_suffix_lower(&lower(word))
}

/// [`is_org_suffix`] for a word already in lower case.
pub fn is_org_suffix_lower(lower: &str) -> bool {
    contains(&ORG_SUFFIX_SET, ORG_SUFFIXES, lower)
}

/// True for a title or role that comes before a person's name ("President", "Dr.").
pub fn is_person_title(word: &str) -> bool {
    is_person_title_lower(&lower(word))
}

/// [`is_person_title`] for a word already in lower case.
pub fn is_person_title_lower(lower: &str) -> bool {
    contains(&PERSON_TITLE_SET, PERSON_TITLES, lower)
}

/// True for a word that ends the name of an institution or a place named after a person
/// ("Conrad Hilton Foundation", "Henry Ford Hospital", "Lady Margaret Hall", "Sir Alf Ramsey
/// Way"), so that the person's name in it is no person's mention or firm's.
pub fn names_after_a_person(word: &str) -> bool {
    const AFTER: &[&str] = &[
        "Avenue", "Award", "Awards", "Bridge", "Center", "Centre", "College", "Foundation", "Foundations", "Fund", "Hall", "Hospital",
        "Institute", "Library", "Memorial", "Museum", "Park", "Party", "Prize", "Road", "School", "Society", "Square", "Stadium", "Street",
        "Trust", "University", "Way",
    ];
    AFTER.contains(&word)
}

/// True for the words of a product's, service's or game's name in the list, as it is written
/// ("Xbox", "Internet Explorer").
pub fn is_product(words: &[&str]) -> bool {
    let (names, first_words) = product_names();
    match words {
        [] => false,
        [w] => names.contains(w),
        [first, ..] => first_words.contains(first) && names.contains(words.join(" ").as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_match_in_any_case() {
        assert!(is_org_suffix("Systems") && is_org_suffix("INC.") && !is_org_suffix("Wang"));
        assert!(is_person_title("President") && is_person_title("Dr.") && !is_person_title("Malta"));
        assert_eq!((demonym_of("Switzerland"), demonym_of("Atlantis")), (Some("Swiss"), None));
        assert!(is_product(&["Internet", "Explorer"]) && is_product(&["iPod"]) && !is_product(&["Microsoft"]) && !is_product(&["Internet"]));
    }
}
