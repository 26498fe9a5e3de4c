//! Hyphenated compounds of known names: "the Iran-Iraq war", "a London-based fund". The tagger
//! takes such a word whole, as CoNLL-2003 annotates it (one MISC token), so "Iran-Iraq" became
//! an entity of its own, linked to neither country, and the co-mention of the two was lost.
//! Here a compound whose parts are all known names becomes a mention of each part, and a name
//! with a lower-case word joined to it ("-based", "-led", "pro-") a mention of the name alone.
//! The tagger also takes names joined by "and" whole now and then ("UK and US", "Conservatives
//! and Lib Dems"), an entity linked to neither: those are split too (BBC News: 28 mentions more).

use rustc_hash::FxHashMap;

use crate::doc::{Document, Label, Mention, Span};
use crate::resolve::Aliases;
use crate::tag::gazetteer::{default_gazetteer, List};

/// Splits the document's mentions that are hyphenated compounds of known names, or known
/// names joined by "and" ([`named_conjuncts`]), into a mention of each name, and narrows a
/// known name with a lower-case word joined to it to the name.
///
/// A name is known from the alias table, the gazetteers (countries, cities, regions,
/// organisations), or, for a compound with one part known so, from a mention of that part
/// alone elsewhere in the document ("Hamas" for "Israel-Hamas"). A compound that is itself a
/// known name ("Guinea-Bissau") and people's names ("Kilroy-Silk") are left whole.
pub fn split_compounds(doc: &mut Document, aliases: &Aliases) {
    if !doc.mentions.iter().any(|m| m.text.contains('-') || m.text.contains(" and ") || m.text.contains(" & ")) {
        return;
    }
    let splits: Vec<Option<Vec<(Span, Label)>>> = {
        // The other mentions' names and types (the first mention's), for parts the lexicons do
        // not know: a map, as a long document may hold many compounds and many names.
        let mut alone: FxHashMap<&str, Label> = FxHashMap::default();
        for m in doc.mentions.iter().filter(|m| !m.text.contains('-')) {
            alone.entry(m.text.as_str()).or_insert(m.label);
        }
        let known_here = |part: &str| alone.get(part).copied();
        doc.mentions.iter().map(|m| named_parts(m, &doc.clean, aliases, &known_here).or_else(|| named_conjuncts(m, &doc.clean, aliases))).collect()
    };
    if splits.iter().all(Option::is_none) {
        return;
    }
    let added: usize = splits.iter().flatten().map(|parts| parts.len().saturating_sub(1)).sum();
    let mut out = Vec::with_capacity(doc.mentions.len() + added);
    for (m, parts) in std::mem::take(&mut doc.mentions).into_iter().zip(splits) {
        let Some(parts) = parts else {
            out.push(m);
            continue;
        };
        for (at, label) in parts {
            let clean = Span::new(m.clean.start + at.start, m.clean.start + at.end);
            let tokens = part_tokens(&doc.tokens, &m, at);
            out.push(Mention { clean, raw: doc.offsets.span_to_raw(clean), text: at.slice(&m.text).to_string(), label, tokens, entity: String::new(), ..m.clone() });
        }
    }
    // Parts follow one another where their compound stood: the order by position holds.
    doc.mentions = out;
}

/// The known names a compound mention is made of (their spans in its text, and types), or
/// None to keep it whole.
fn named_parts(m: &Mention, clean: &str, aliases: &Aliases, known_here: &impl Fn(&str) -> Option<Label>) -> Option<Vec<(Span, Label)>> {
    // Spans are worked out in the mention's own text: it must be what the clean text holds.
    if m.label == Label::Per || clean.get(m.clean.start..m.clean.end) != Some(m.text.as_str()) {
        return None;
    }
    let text = m.text.as_str();
    let hyphens = joining_hyphens(text);
    if hyphens.is_empty() || known(text, aliases).is_some() {
        return None;
    }
    let mut parts = Vec::with_capacity(hyphens.len() + 1);
    let mut start = 0;
    for &h in &hyphens {
        parts.push(Span::new(start, h));
        start = h + 1;
    }
    parts.push(Span::new(start, text.len()));
    // A name and one lower-case word after or before it: "London-based", "Kremlin-backed",
    // "pro-Moscow", "ex-Yukos".
    if let [first, last] = parts[..] {
        let lower = |p: Span| p.slice(text).chars().all(char::is_lowercase);
        let name = match (lower(first), lower(last)) {
            (false, true) => Some(first),
            (true, false) if first.len() > 1 => Some(last),
            _ => None,
        };
        if let Some(name) = name {
            let label = known(name.slice(text), aliases).or_else(|| known_here(name.slice(text)))?;
            return Some(vec![(name, label)]);
        }
    }
    // Names joined: each starts with a capital, one at least is in the lexicons.
    if !parts.iter().all(|p| p.slice(text).chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let lexicon: Vec<Option<Label>> = parts.iter().map(|p| known(p.slice(text), aliases)).collect();
    if lexicon.iter().all(Option::is_none) {
        return None;
    }
    parts.iter().zip(lexicon).map(|(p, l)| l.or_else(|| known_here(p.slice(text))).map(|l| (*p, l))).collect()
}

/// The names a mention joins with "and" or "&" ("UK and US"), when the alias table or the
/// gazetteers know each of them and not the whole ("Marks & Spencer", "Trade and Industry" and
/// "Securities and Exchange Commission" stay whole); None to keep it whole.
fn named_conjuncts(m: &Mention, clean: &str, aliases: &Aliases) -> Option<Vec<(Span, Label)>> {
    let text = m.text.as_str();
    if m.label == Label::Per || clean.get(m.clean.start..m.clean.end) != Some(text) || known(text, aliases).is_some() {
        return None;
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, joint) in text.match_indices(" and ").chain(text.match_indices(" & ")).collect::<std::collections::BTreeMap<_, _>>() {
        parts.push(Span::new(start, at));
        start = at + joint.len();
    }
    parts.push(Span::new(start, text.len()));
    if parts.len() < 2 {
        return None;
    }
    parts.into_iter().map(|p| Some((p, known(p.slice(text), aliases)?))).collect()
}

/// The tokens that hold the part `at` of mention `m` (an offset range in its text; the names
/// of a hyphenated compound share its one token): found among the document's tokens, or,
/// where it lists none (a CoNLL sentence scored, its words one space apart), counted by the
/// spaces before the part.
fn part_tokens(tokens: &[crate::doc::Token], m: &Mention, at: Span) -> (usize, usize) {
    if tokens.is_empty() {
        let spaces = |x: usize| m.text[..x].matches(' ').count();
        return (m.tokens.0 + spaces(at.start), m.tokens.0 + spaces(at.end) + 1);
    }
    let (start, end) = (m.clean.start + at.start, m.clean.start + at.end);
    (tokens.partition_point(|t| t.span.start <= start).saturating_sub(1), tokens.partition_point(|t| t.span.start < end))
}

/// Byte offsets of the hyphens that join two words in `text` ("Iran-Iraq", not "Iran -").
fn joining_hyphens(text: &str) -> Vec<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '.');
    text.char_indices()
        .filter(|&(i, c)| c == '-' && word(text[..i].chars().next_back()) && word(text[i + 1..].chars().next()))
        .map(|(i, _)| i)
        .collect()
}

/// The type of a name the alias table or the gazetteers know as a place or organisation.
fn known(name: &str, aliases: &Aliases) -> Option<Label> {
    if let Some((_, label)) = aliases.lookup(name) {
        return Some(label);
    }
    let whole = default_gazetteer().lists_of(name)?;
    if whole.is_place() {
        Some(Label::Loc)
    } else {
        whole.is_in(List::Organisation).then_some(Label::Org)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::aliases;

    /// The mentions (text, type) of `text` once its given names are split or narrowed.
    fn split(text: &str, names: &[(&str, Label)]) -> Vec<(String, Label, String)> {
        let mut d = Document::new("d", text);
        d.clean = text.to_string();
        d.offsets = {
            let mut b = crate::doc::TextBuilder::new();
            b.push_copy(text, Span::new(0, text.len()));
            b.finish().1
        };
        let mut from = 0;
        for &(name, label) in names {
            let at = from + text[from..].find(name).unwrap();
            from = at + name.len();
            let clean = Span::new(at, at + name.len());
            d.mentions.push(Mention { clean, raw: clean, text: name.into(), label, score: 1.0, sentence: 0, tokens: (0, 1), entity: String::new() });
        }
        split_compounds(&mut d, aliases::builtin());
        for m in &d.mentions {
            assert_eq!((m.clean.slice(text), m.raw.slice(text)), (m.text.as_str(), m.text.as_str()));
        }
        d.mentions.iter().map(|m| (m.text.clone(), m.label, m.raw.slice(text).to_string())).collect()
    }

    fn texts(found: &[(String, Label, String)]) -> Vec<&str> {
        found.iter().map(|(t, _, _)| t.as_str()).collect()
    }

    #[test]
    fn compounds_of_known_names_are_split() {
        let found = split("The Iran-Iraq war and US-EU talks.", &[("Iran-Iraq", Label::Misc), ("US-EU", Label::Misc)]);
        assert_eq!(found, [
            ("Iran".to_string(), Label::Loc, "Iran".to_string()),
            ("Iraq".into(), Label::Loc, "Iraq".into()),
            ("US".into(), Label::Loc, "US".into()),
            ("EU".into(), Label::Org, "EU".into()),
        ]);
        // Known from the document: Hamas alone, beside a part the gazetteers know.
        let found = split("The Israel-Hamas war; Hamas said.", &[("Israel-Hamas", Label::Misc), ("Hamas", Label::Org)]);
        assert_eq!(texts(&found), ["Israel", "Hamas", "Hamas"]);
        let found = split("Acme-Zenith talks; Acme and Zenith said.", &[("Acme-Zenith", Label::Org), ("Acme", Label::Org), ("Zenith", Label::Org)]);
        assert_eq!(texts(&found), ["Acme-Zenith", "Acme", "Zenith"], "no part in the lexicons");
    }

    #[test]
    fn a_known_name_with_a_lower_case_word_is_narrowed() {
        let found = split("A New York-based fund and a Gazprom-owned bank; Gazprom said.", &[("New York-based", Label::Misc), ("Gazprom-owned", Label::Misc), ("Gazprom", Label::Org)]);
        assert_eq!(found[0], ("New York".to_string(), Label::Loc, "New York".to_string()));
        assert_eq!(texts(&found), ["New York", "Gazprom", "Gazprom"]);
        assert_eq!(texts(&split("pro-Moscow rebels and an ex-Yukos manager of Yukos", &[("pro-Moscow", Label::Misc), ("ex-Yukos", Label::Misc), ("Yukos", Label::Org)])), ["Moscow", "Yukos", "Yukos"]);
        let whole = [("Blu-ray", Label::Misc), ("Linux-based", Label::Misc), ("e-Boston", Label::Misc), ("anti-Semitic", Label::Misc)];
        assert_eq!(texts(&split("A Blu-ray disc from a Linux-based box, e-Boston, anti-Semitic", &whole)), whole.map(|(n, _)| n));
    }

    #[test]
    fn names_that_are_compounds_stay_whole() {
        let names = [("Guinea-Bissau", Label::Loc), ("Kilroy-Silk", Label::Per), ("Coca-Cola", Label::Org), ("Neath-Swansea Ospreys", Label::Org), ("Asia-Pacific", Label::Loc)];
        let text = "Guinea-Bissau, Kilroy-Silk, Coca-Cola, Neath-Swansea Ospreys, Asia-Pacific";
        assert_eq!(texts(&split(text, &names)), names.map(|(n, _)| n));
    }

    #[test]
    fn names_joined_by_and_that_are_each_known_are_split() {
        let text = "UK and US troops; Conservatives and Lib Dems; Marks & Spencer; Trade and Industry; Acme and Zenith";
        let names = [("UK and US", Label::Loc), ("Conservatives and Lib Dems", Label::Org), ("Marks & Spencer", Label::Org), ("Trade and Industry", Label::Org), ("Acme and Zenith", Label::Org)];
        let found = split(text, &names);
        assert_eq!(texts(&found), ["UK", "US", "Conservatives", "Lib Dems", "Marks & Spencer", "Trade and Industry", "Acme and Zenith"]);
        assert_eq!((found[2].1, found[3].1), (Label::Org, Label::Org));
        // Each part's tokens, counted by its words where the document lists none.
        let mut d = Document::new("d", "the EU and US said");
        d.clean = d.raw.clone();
        let clean = Span::new(4, 13);
        d.mentions.push(Mention { clean, raw: clean, text: "EU and US".into(), label: Label::Loc, score: 1.0, sentence: 0, tokens: (1, 4), entity: String::new() });
        split_compounds(&mut d, aliases::builtin());
        assert_eq!(d.mentions.iter().map(|m| m.tokens).collect::<Vec<_>>(), [(1, 2), (3, 4)]);
        // Through the pipeline, its tokens listed: a compound's names share its token.
        let doc = crate::testing::processed("Troops of the UK and US were not in the Iran-Iraq war.");
        let found: Vec<(&str, &str)> = doc.mentions.iter().map(|m| (m.text.as_str(), doc.tokens[m.tokens.0].span.slice(&doc.clean))).collect();
        assert_eq!(found, [("UK", "UK"), ("US", "US"), ("Iran", "Iran-Iraq"), ("Iraq", "Iran-Iraq")]);
    }

    #[test]
    fn joining_hyphens_are_between_words() {
        assert_eq!(joining_hyphens("Iran-Iraq"), [4]);
        assert_eq!(joining_hyphens("U.S.-China"), [4]);
        assert_eq!(joining_hyphens("Iran - Iraq -x"), Vec::<usize>::new());
        assert_eq!(joining_hyphens("Zürich-Genève-Basel"), [7, 15]);
    }
}
