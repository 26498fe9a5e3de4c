//! Institutions called by their kind: "the Bank" after "Bank of England", "the Commission"
//! after "European Community Commission", "United" after "Newcastle United".
//!
//! A story names an institution once in full and then, as English does, by the noun its name
//! is headed by. Linked to no name, each such mention was an entity of its own ("Bank",
//! "Commission", "Community" on Reuters-21578) and a hub beside every institution of its kind.

use crate::doc::{Document, Label};

/// Nouns an institution's name is headed by and that a story calls it by for short. Written
/// for comention; only nouns that are no name by themselves ("Senate", "Congress" are).
const KINDS: &[&str] = &[
    "Administration", "Agency", "Assembly", "Association", "Authority", "Bank", "Board", "Bureau", "Cabinet", "Club", "College", "Commission",
    "Committee", "Community", "Company", "Corporation", "Council", "Court", "Department", "Exchange", "Federation", "Foundation", "Fund",
    "Government", "Group", "Institute", "League", "Ministry", "Organisation", "Organization", "Parliament", "Party", "Reserve",
    "Rovers", "Society", "Treasury", "Tribunal", "Trust", "Union", "United", "University", "Wanderers",
];

/// Whether `word` is a noun institutions are called by ("Bank", "Administration").
pub(super) fn is_kind(word: &str) -> bool {
    KINDS.contains(&word)
}

/// The kind a name written as a kind alone names ("Bank", "The Bank" → "Bank").
pub(super) fn bare_kind(form: &str) -> Option<&str> {
    let word = form.strip_prefix("The ").unwrap_or(form);
    is_kind(word).then_some(word)
}

/// The noun a name of two or more words is headed by: the word before its first "of" or
/// "for" ("Bank of England", "Ministry of Finance"), else its last ("World Bank").
fn head(form: &str) -> Option<&str> {
    let words: Vec<&str> = form.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    match words.iter().position(|w| matches!(*w, "of" | "for")) {
        Some(0) => None,
        Some(k) => Some(words[k - 1]),
        None => words.last().copied(),
    }
}

/// For each mention of an organisation by its kind (`forms`: the mentions' names), the
/// mention of the organisation of that kind it stands for: the nearest named before it in the
/// document, else the first named after it (a headline's "Bank cuts rates" before the story's
/// "Bank of England"); none when the document names no organisation of that kind.
pub(super) fn named_by_kind(doc: &Document, forms: &[String]) -> Vec<Option<usize>> {
    // A kind written with its article ("The Bank") names no institution.
    let heads: Vec<Option<&str>> =
        doc.mentions.iter().zip(forms).map(|(m, f)| (m.label == Label::Org && bare_kind(f).is_none()).then(|| head(f)).flatten()).collect();
    doc.mentions
        .iter()
        .zip(forms)
        .enumerate()
        .map(|(i, (m, f))| {
            let kind = bare_kind(f).filter(|_| matches!(m.label, Label::Org | Label::Misc))?;
            let named = |&j: &usize| heads[j] == Some(kind);
            (0..i).rev().find(named).or_else(|| (i + 1..forms.len()).find(named))
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
    }
}
