//! Stage 4: a canonical entity for every mention.

pub mod aliases;
mod normalize;
pub mod registry;

pub use aliases::Aliases;
pub use normalize::normalize;
pub use registry::{Links, Registry};

use crate::doc::{Document, Label};

/// Fills `entity` on every mention: the alias table's canonical name if it knows the form;
/// otherwise the normalised form, with headline capitals matched to a body spelling and a
/// short person name linked to the one full name in the document it abbreviates.
pub fn resolve(doc: &mut Document, aliases: &Aliases) {
    let forms: Vec<String> = doc.mentions.iter().map(|m| normalize(&m.text, m.label == Label::Per)).collect();
    let mut canon: Vec<Option<String>> = forms.iter().map(|f| aliases.lookup(f).map(|(c, _)| c.to_string())).collect();

    // Longer names (two or more words) of people and organisations, in order of appearance.
    let mut full_names: Vec<(&str, Label)> = Vec::new();
    for (m, f) in doc.mentions.iter().zip(&forms) {
        let long = f.split_whitespace().count() > 1;
        if long && matches!(m.label, Label::Per | Label::Org) && !full_names.iter().any(|(n, _)| *n == f.as_str()) {
            full_names.push((f, m.label));
        }
    }

    for i in 0..forms.len() {
        if canon[i].is_some() {
            continue;
        }
        let f = &forms[i];
        // Headline capitals: "STANDARD OIL" takes the body's "Standard Oil".
        if is_all_caps(f) {
            if let Some(other) = forms.iter().find(|o| *o != f && o.eq_ignore_ascii_case(f) && !is_all_caps(o)) {
                canon[i] = Some(other.clone());
                continue;
            }
        }
        let words: Vec<&str> = f.split_whitespace().collect();
        let label = doc.mentions[i].label;
        if !full_names.iter().any(|(n, _)| *n == f.as_str()) {
            let matches: Vec<(&str, Label)> =
                full_names.iter().copied().filter(|&(n, l)| abbreviates(&words, label, n, l)).collect();
            // One candidate, or one of the mention's own type: otherwise it stays as written.
            let same: Vec<&(&str, Label)> = matches.iter().filter(|(_, l)| *l == label).collect();
            let chosen = match (matches.as_slice(), same.as_slice()) {
                ([only], _) => Some(only.0),
                (_, [only]) => Some(only.0),
                _ => None,
            };
            if let Some(name) = chosen {
                canon[i] = Some(name.to_string());
                continue;
            }
        }
        canon[i] = Some(f.clone());
    }
    for (m, c) in doc.mentions.iter_mut().zip(canon) {
        m.entity = c.unwrap_or_default();
    }
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase) && s.chars().filter(|c| c.is_alphabetic()).count() > 4
}

/// True when the mention `short` (tagged `label`) names the longer `name` of type `kind`
/// in short: a person's first or last words ("Wang" of "Wang Yi", "Biden" of "Joe Biden"),
/// accepted from any lone word since the tagger often mislabels a bare surname; an
/// organisation's first words ("Halvard" of "Halvard Systems") from a PER or ORG mention.
fn abbreviates(short: &[&str], label: Label, name: &str, kind: Label) -> bool {
    let full: Vec<&str> = name.split_whitespace().collect();
    if short.is_empty() || short.len() >= full.len() {
        return false;
    }
    match kind {
        Label::Per => (label == Label::Per || short.len() == 1) && (full.ends_with(short) || full.starts_with(short)),
        _ => matches!(label, Label::Per | Label::Org) && full.starts_with(short),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Mention, Span};

    fn doc_with(mentions: &[(&str, Label)]) -> Document {
        let mut d = Document::new("d", "");
        d.mentions = mentions
            .iter()
            .map(|&(t, l)| Mention { clean: Span::default(), raw: Span::default(), text: t.into(), label: l, score: 1.0, sentence: 0, tokens: (0, 1), entity: String::new() })
            .collect();
        d
    }

    fn entities(d: &Document) -> Vec<&str> {
        d.mentions.iter().map(|m| m.entity.as_str()).collect()
    }

    #[test]
    fn short_forms_titles_and_aliases() {
        let mut d = doc_with(&[
            ("Foreign Minister Wang Yi", Label::Per),
            ("U.S.", Label::Loc),
            ("Wang", Label::Per),
            ("US", Label::Loc),
            ("China's", Label::Loc),
            ("President Biden", Label::Per),
            ("Joe Biden", Label::Per),
        ]);
        resolve(&mut d, aliases::builtin());
        assert_eq!(entities(&d), ["Wang Yi", "United States", "Wang Yi", "United States", "China", "Joe Biden", "Joe Biden"]);
    }

    #[test]
    fn ambiguous_surnames_stay_unresolved() {
        let mut d = doc_with(&[("John Smith", Label::Per), ("Jane Smith", Label::Per), ("Smith", Label::Per)]);
        resolve(&mut d, aliases::builtin());
        assert_eq!(entities(&d), ["John Smith", "Jane Smith", "Smith"]);
    }

    #[test]
    fn organisations_by_their_first_words() {
        let mut d = doc_with(&[("Halvard Systems", Label::Org), ("Halvard", Label::Per), ("Systems", Label::Org), ("Halvard", Label::Org)]);
        resolve(&mut d, aliases::builtin());
        assert_eq!(entities(&d), ["Halvard Systems", "Halvard Systems", "Systems", "Halvard Systems"]);
    }
}
