//! The alias table: surface forms of common entities and their canonical names.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::doc::Label;
use crate::error::{Error, Result};

static BUILTIN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/aliases.tsv"));

/// Maps surface forms to canonical names.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    exact: HashMap<String, (String, Label)>,
    folded: HashMap<String, (String, Label)>,
    /// The forms as written, for matching them in text.
    written: Vec<(String, (String, Label))>,
    /// The first words of every form of several words ("General", "General Agreement", … of
    /// "General Agreement on Tariffs and Trade"), and every form, as their `folded_hash`.
    openings: HashSet<u64>,
    wholes: HashSet<u64>,
}

/// Matching key: full stops removed, whitespace folded, ASCII apostrophes. Borrowed when
/// the form is one already (as a normalised mention without full stops is), so that looking
/// up the forms a table does not know costs no string.
fn key(form: &str) -> Cow<'_, str> {
    let b = form.as_bytes();
    let plain = form.is_ascii()
        && !b.iter().any(|&c| c == b'.' || (c.is_ascii_whitespace() && c != b' '))
        && !form.contains("  ")
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ');
    if plain {
        Cow::Borrowed(form)
    } else {
        Cow::Owned(form.replace('.', "").replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// A hash of `form` as `key` folds it, in lower case, without writing the folded form out:
/// asked of every mention, a string each cost resolving a third more time.
fn folded_hash(form: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let (mut started, mut space) = (false, false);
    for c in form.chars().filter(|&c| c != '.') {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if std::mem::take(&mut space) {
            h.write_u32(u32::from(' '));
        }
        started = true;
        for l in if c == '’' { '\'' } else { c }.to_lowercase() {
            h.write_u32(u32::from(l));
        }
    }
    h.finish()
}

impl Aliases {
    /// Parses `canonical<TAB>TYPE<TAB>alias|alias…` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Result<Aliases> {
        let mut out = Aliases::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(canon), Some(ty)) = (cols.next(), cols.next()) else {
                return Err(Error::InvalidArgument(format!("alias line {}: expected canonical<TAB>type<TAB>aliases", n + 1)));
            };
            if canon.trim().is_empty() {
                return Err(Error::InvalidArgument(format!("alias line {}: the canonical name is empty", n + 1)));
            }
            let label = Label::parse(ty.trim())
                .ok_or_else(|| Error::InvalidArgument(format!("alias line {}: unknown type {ty:?} (use PER, ORG, LOC or MISC)", n + 1)))?;
            let aliases = cols.next().unwrap_or("");
            for form in std::iter::once(canon).chain(aliases.split('|')).filter(|f| !f.trim().is_empty()) {
                out.add(form, canon.trim(), label);
            }
        }
        Ok(out)
    }

    /// Adds one surface form of `canonical`.
    pub fn add(&mut self, form: &str, canonical: &str, label: Label) {
        let k = key(form);
        let v = (canonical.to_string(), label);
        self.written.push((form.trim().to_string(), v.clone()));
        if k.chars().count() > 4 {
            self.folded.insert(k.to_lowercase(), v.clone());
        }
        self.openings.extend(k.match_indices(' ').map(|(i, _)| folded_hash(&k[..i])));
        self.wholes.insert(folded_hash(&k));
        self.exact.insert(k.into_owned(), v);
    }

    /// Whether some form of several words opens with the words of `form` (any letter case).
    pub fn opens_a_form(&self, form: &str) -> bool {
        self.shape(form).0
    }

    /// Whether some form of several words opens with the words of `form`, and whether a form
    /// may be `form` (any letter case; [`Aliases::lookup`] tells), without a string written.
    pub fn shape(&self, form: &str) -> (bool, bool) {
        if self.openings.is_empty() {
            return (false, false);
        }
        let h = folded_hash(form);
        (self.openings.contains(&h), self.wholes.contains(&h))
    }

    /// Every surface form as written in the table, with its canonical name and type.
    pub fn forms(&self) -> impl Iterator<Item = (&str, &str, Label)> {
        self.written.iter().map(|(f, (c, l))| (f.as_str(), c.as_str(), *l))
    }

    /// This table with `other`'s entries added; where both know a form, `other` wins.
    pub fn overridden_by(&self, other: &Aliases) -> Aliases {
        let mut out = self.clone();
        for (form, canonical, label) in other.forms() {
            out.add(form, canonical, label);
        }
        out
    }

    /// The type the table gives `name` when `name` is one of its canonical names.
    pub fn canonical_label(&self, name: &str) -> Option<Label> {
        // A canonical name is a form of its own, as written: the exact forms hold it, and
        // asked of every entity of a table, the letter-case fold (a string each) is spared.
        self.exact.get(key(name).as_ref()).filter(|(c, _)| c == name).map(|&(_, l)| l)
    }

    /// The canonical name and type of a surface form, if the table knows it.
    pub fn lookup(&self, form: &str) -> Option<(&str, Label)> {
        let k = key(form);
        self.exact
            .get(k.as_ref())
            .or_else(|| (k.chars().count() > 4).then(|| self.folded.get(&k.to_lowercase())).flatten())
            .map(|(c, l)| (c.as_str(), *l))
    }
}


/// The place a demonym relates to ("Chinese" → "China"): related, not the same entity.
pub fn related_place(name: &str) -> Option<&'static str> {
    crate::lexicon::demonyms().get(name).copied()
}

/// The built-in table (`assets/aliases.tsv`).
pub fn builtin() -> &'static Aliases {
    static A: OnceLock<Aliases> = OnceLock::new();
    A.get_or_init(|| Aliases::parse(BUILTIN).expect("built-in alias table parses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_borrowed_as_its_key_is_one() {
        let slow = |f: &str| f.replace('.', "").replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" ");
        for f in ["Wang Yi", "U.S.", " US", "US ", "United  States", "a\tb", "a\u{a0}b", "O’Neil", "O'Neil", "", "x"] {
            assert_eq!(key(f), slow(f), "{f:?}");
        }
        assert!(matches!(key("Wang Yi"), Cow::Borrowed(_)));
    }

    #[test]
    fn forms_are_opened_by_their_first_words_in_any_case() {
        let a = builtin();
        for opening in ["General Agreement", "GENERAL  AGREEMENT on", "general", "U.S.", "U.S", "S and"] {
            assert!(a.opens_a_form(opening), "{opening}");
        }
        for other in ["General Agreement on Tariffs and Trade", "Agreement", "General Agreem", "", " "] {
            assert!(!a.opens_a_form(other), "{other}");
        }
    }

    #[test]
    fn country_forms_are_one() {
        let a = builtin();
        for f in ["U.S.", "US", "United States", "UNITED STATES", "U.S.A.", "the United States"] {
            assert_eq!(a.lookup(f).map(|x| x.0), Some("United States"), "{f}");
        }
        assert_eq!(a.lookup("us"), None);
        assert_eq!(a.lookup("North Atlantic Treaty Organization").map(|x| x.0), Some("NATO"));
        // A party's or a house's short and informal names are the party or house (on BBC News
        // each was an entity).
        for (form, party) in [("Tories", "Conservative Party"), ("Tory", "Conservative Party"), ("Lib Dems", "Liberal Democrats"), ("Labour", "Labour Party"), ("GOP", "Republican Party"), ("Commons", "House of Commons"), ("the Lords", "House of Lords")] {
            assert_eq!(a.lookup(form).map(|x| x.0), Some(party), "{form}");
        }
        // Agencies, programmes and units by the abbreviations wire copy uses for them (on
        // Reuters-21578 "USDA" 416 and "U.S. Agriculture Department" 253 mentions were two).
        for (form, name) in [("USDA", "U.S. Department of Agriculture"), ("U.S. Agriculture Department", "U.S. Department of Agriculture"), ("CCC", "Commodity Credit Corporation"), ("International Business Machines", "IBM"), ("Ecus", "European Currency Unit"), ("EEP", "Export Enhancement Program")] {
            assert_eq!(a.lookup(form).map(|x| x.0), Some(name), "{form}");
        }
        // A state or province by its abbreviation, with or without the full stop.
        for (form, place) in [("Calif.", "California"), ("Calif", "California"), ("N.J.", "New Jersey"), ("N.Y.", "New York"), ("Ont", "Ontario")] {
            assert_eq!(a.lookup(form).map(|x| x.0), Some(place), "{form}");
        }
        // The OECD by its acronym and each spelling of its name.
        for form in ["OECD", "Organization for Economic Cooperation and Development", "Organisation of Economic Cooperation and Development"] {
            assert_eq!(a.lookup(form).map(|x| x.0), Some("Organisation for Economic Co-operation and Development"), "{form}");
        }
        // An award by its short name is the award: a trophy, no person (BBC News: "Oscar" was
        // a person in 52 stories).
        for form in ["Oscar", "Oscars", "the Oscars", "Academy Award"] {
            assert_eq!(a.lookup(form), Some(("Academy Awards", Label::Misc)), "{form}");
        }
        assert_eq!(a.canonical_label("Academy Awards"), Some(Label::Misc));
        assert_eq!(a.canonical_label("Oscar"), None, "a form, not the canonical name");
        let awards: Vec<(String, String)> =
            crate::testing::mentions_of("Eastwood took his second Oscar for best director.").into_iter().map(|(t, e, _)| (t, e)).collect();
        assert!(awards.contains(&("Oscar".into(), "Academy Awards".into())), "{awards:?}");
        // A rate by its name: the model ends it at "Interbank" and types that a bank; the
        // table's name takes in the rest (Reuters: 55 mentions "London Interbank").
        let rate = crate::testing::mentions_of("The notes pay 50 basis points over the London Interbank Offered Rate, or LIBOR.");
        let rate: Vec<(&str, &str)> = rate.iter().map(|(t, e, _)| (t.as_str(), e.as_str())).collect();
        assert_eq!(rate, [("London Interbank Offered Rate", "London Interbank Offered Rate"), ("LIBOR", "London Interbank Offered Rate")]);
        assert!(Aliases::parse("X\tBAD\ty").is_err());
        // An empty name made every alias on its line the entity "".
        let empty = Aliases::parse("Acme\tORG\tAC\n \tORG\tWidgetco").unwrap_err().to_string();
        assert!(empty.contains("alias line 2: the canonical name is empty"), "{empty}");
        assert_eq!(related_place("Chinese"), Some("China"));
        assert_eq!(related_place("West German"), Some("West Germany"));
        assert_eq!(related_place("China"), None);
    }
}
