//! Institutions called by their kind: "the Bank" after "Bank of England", "the Commission"
//! after "European Community Commission", "United" after "Newcastle United", "City" after
//! "Manchester City".
//!
//! A story names an institution once in full and then, as English does, by the noun its name
//! is headed by. Linked to no name, each such mention was an entity of its own ("Bank",
//! "Commission", "Community" on Reuters-21578) and a hub beside every institution of its kind.

use rustc_hash::FxHashMap;

use crate::doc::{Document, Label};

/// Nouns an institution's name is headed by and that a story calls it by for short (sorted, for
/// a binary search per mention). Written for comention; only nouns that are no name by
/// themselves ("Senate", "Congress" are).
const KINDS: &[&str] = &[
    "Administration", "Agency", "Assembly", "Association", "Athletic", "Authority", "Bank", "Board", "Bureau", "Cabinet", "City", "Club", "College",
    "Commission", "Committee", "Community", "Company", "Corporation", "Council", "County", "Court", "Department", "Exchange", "Federation",
    "Foundation", "Fund", "Government", "Group", "Institute", "League", "Ministry", "Organisation", "Organization", "Parliament", "Party",
    "Reserve", "Rovers", "Society", "Town", "Treasury", "Tribunal", "Trust", "Union", "United", "University", "Wanderers",
];

/// Whether `word` is a noun institutions are called by ("Bank", "Administration").
pub(super) fn is_kind(word: &str) -> bool {
    KINDS.binary_search(&word).is_ok()
}

/// The kind a name written as a kind alone names ("Bank", "The Bank" → "Bank").
pub(super) fn bare_kind(form: &str) -> Option<&str> {
    let word = form.strip_prefix("The ").unwrap_or(form);
    is_kind(word).then_some(word)
}

/// The noun a name of two or more words is headed by: the word before its first "of" or
/// "for" ("Bank of England", "Ministry of Finance"), else its last ("World Bank").
fn head(form: &str) -> Option<&str> {
    let is_of = |w: &str| matches!(w, "of" | "for");
    let mut words = form.split_whitespace();
    // (A name opening with "of" is headed by nothing.)
    let mut before = words.next().filter(|w| !is_of(w))?;
    let mut two = false;
    for w in words {
        if is_of(w) {
            return Some(before);
        }
        (before, two) = (w, true);
    }
    two.then_some(before)
}

/// For each mention of an organisation by its kind (`forms`: the mentions' names), the
/// mention of the organisation of that kind it stands for: the nearest named before it in the
/// document, else the first named after it (a headline's "Bank cuts rates" before the story's
/// "Bank of England"); none when the document names no organisation of that kind.
pub(super) fn named_by_kind(doc: &Document, forms: &[String]) -> Vec<Option<usize>> {
    let kinds: Vec<Option<&str>> =
        doc.mentions.iter().zip(forms).map(|(m, f)| bare_kind(f).filter(|_| matches!(m.label, Label::Org | Label::Misc))).collect();
    if kinds.iter().all(Option::is_none) {
        return vec![None; forms.len()];
    }
    // Each head's organisations in order (a kind written with its article, "The Bank", names
    // none), so that the nearest is a binary search: a long document has hundreds of
    // thousands of mentions.
    let mut named: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, (m, f)) in doc.mentions.iter().zip(forms).enumerate() {
        if let Some(h) = (m.label == Label::Org && bare_kind(f).is_none()).then(|| head(f)).flatten() {
            named.entry(h).or_default().push(j);
        }
    }
    kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let of_kind = named.get((*kind)?)?;
            let after = of_kind.partition_point(|&j| j < i);
            after.checked_sub(1).map(|k| of_kind[k]).or_else(|| of_kind.get(after).copied())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_headed_by_the_noun_before_of_or_its_last() {
        assert_eq!(head("Bank of England"), Some("Bank"));
        assert_eq!(head("New Jersey Board of Public Utilities"), Some("Board"));
        assert_eq!(head("International Bank for Reconstruction and Development"), Some("Bank"));
        assert_eq!(head("Securities and Exchange Commission"), Some("Commission"));
        assert_eq!(head("World Bank"), Some("Bank"));
        assert_eq!(head("Bank"), None);
        assert_eq!(bare_kind("The Bank"), Some("Bank"));
        assert_eq!((bare_kind("The Times"), bare_kind("Banks"), bare_kind("bank")), (None, None, None));
        assert_eq!((head("of Bank"), head("Bank of")), (None, Some("Bank")));
        assert!(KINDS.windows(2).all(|w| w[0] < w[1]), "sorted for the binary search");
    }
}
