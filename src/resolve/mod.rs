//! Stage 4: a canonical entity for every mention.

pub mod aliases;
mod compounds;
mod evaluate;
mod kinds;
mod national;
pub(crate) mod normalize;
pub mod registry;
mod widen;

pub use aliases::Aliases;
pub use compounds::split_compounds;
pub use evaluate::evaluate_resolved;
pub use normalize::normalize;
pub use registry::{DocumentLinks, Links, Registry};
pub use widen::{join_to_aliases, widen_to_aliases, widen_to_aliases_after};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::doc::{Document, Label};

/// Widens mentions to the alias-table names the words before them complete
/// ([`widen_to_aliases`]), joins two mentions around "and" that make one ([`join_to_aliases`]),
/// splits hyphenated compounds and "and" joins of known names ([`split_compounds`]), fills
/// `entity` on every mention ([`link_names`]), then gives institutions every country has the
/// country the story means ("Finance Ministry (Japan)").
pub fn resolve(doc: &mut Document, aliases: &Aliases) {
    widen_to_aliases(doc, aliases);
    widen_to_aliases_after(doc, aliases);
    join_to_aliases(doc, aliases);
    split_compounds(doc, aliases);
    link_names(doc, aliases);
    national::qualify_by_country(doc, aliases);
}

/// Fills `entity` on every mention: the alias table's canonical name if it knows the form;
/// otherwise the normalised form, with headline capitals matched to a body spelling and a
/// short name linked to the one full name in the document it abbreviates, whose type it
/// takes as well.
pub fn link_names(doc: &mut Document, aliases: &Aliases) {
    // Each mention's name, and whether it was written with a company's legal form ("Sullivan Inc").
    let (mut forms, is_company): (Vec<String>, Vec<bool>) =
        doc.mentions.iter().map(|m| normalize::name_and_legal_form(&m.text, m.label == Label::Per)).unzip();
    keep_legal_forms_of_places(doc, &mut forms, &is_company, aliases);
    // A form the alias table lists as written comes first: a name whose possessive is its own
    // ("McDonald's", "Moody's") loses it when normalised, and the bare "McDonald" may be anyone.
    // Not for a person: "Trevor McDonald's" is his.
    let as_written = |m: &crate::doc::Mention| (m.label != Label::Per).then(|| aliases.lookup(m.text.trim_end_matches([',', ';', ':']))).flatten();
    let mut canon: Vec<Option<String>> =
        doc.mentions.iter().zip(&forms).map(|(m, f)| as_written(m).or_else(|| aliases.lookup(f)).map(|(c, _)| c.to_string())).collect();
    table_types_over_person(doc, &forms, &mut canon, aliases);
    // The type of the full name each short name was linked to: the tagger errs on a bare
    // surname or first word ("Morimoto" as MISC, "Nyerere" as ORG) and is surer of the full
    // name (on the CoNLL-2003 dev set, 13 of the 14 types this changed were right). Other
    // links keep the tagger's type: acronyms (the full form is often the one mistyped: half
    // of a sample of changed Reuters acronyms, "IBM" as MISC among them), capitals matched to a
    // body spelling (the all-caps form, often a dateline, was the surer: 1 of 5 right on dev),
    // alias-table names (the table cannot see context).
    let mut linked_label: Vec<Option<Label>> = vec![None; forms.len()];
    // Each name written with a company's legal form, and its first such mention (a map: a long
    // document has hundreds of thousands of mentions, and each asks).
    let mut companies: FxHashMap<&str, usize> = FxHashMap::default();
    for (k, f) in forms.iter().enumerate().filter(|&(k, _)| is_company[k]) {
        companies.entry(f.as_str()).or_insert(k);
    }
    // The words each such name opens with, short of the whole ("Dean Witter" of "Dean Witter
    // Reynolds"), unless what follows names an institution after a person: a set, asked once a
    // mention, where scanning the names for each mention grew with their product.
    let company_openings: FxHashSet<&str> = companies
        .keys()
        .flat_map(|c| c.match_indices(' ').map(move |(at, _)| (&c[..at], &c[at + 1..])))
        .filter(|&(_, rest)| !rest.split_whitespace().any(crate::lexicon::names_after_a_person))
        .map(|(opening, _)| opening)
        .collect();

    // Longer names (two or more words) of people and organisations, in order of appearance.
    let mut full_names: Vec<(&str, Label)> = Vec::new();
    for (m, f) in doc.mentions.iter().zip(&forms) {
        let long = f.split_whitespace().count() > 1;
        if long && matches!(m.label, Label::Per | Label::Org) && !full_names.iter().any(|(n, _)| *n == f.as_str()) {
            full_names.push((f, m.label));
        }
    }

    // Each full name's words, split once rather than for every mention held against it.
    let full_words: Vec<Vec<&str>> = full_names.iter().map(|(n, _)| n.split_whitespace().collect()).collect();
    link_acronyms(doc, &forms, &mut canon);
    // Titles a noun before them types ("Foxx's biopic Ray", `tag::apposition`) are sure of
    // their type, and are linked to a name of that type only: the film is not Ray Charles.
    // Not names an organisation's noun types: a person's surname after one is more often a
    // clause's subject ("a company Cross is forming", Reuters), and the link mends its type.
    let titles = crate::tag::apposition::noun_typed(|i| doc.tokens.get(i).map(|t| t.span.slice(&doc.clean)), &doc.mentions);
    // An institution called by its kind ("the Bank") takes the name it stands for once every
    // name is settled, below.
    let by_kind = kinds::named_by_kind(doc, &forms);
    for i in 0..forms.len() {
        if canon[i].is_some() || by_kind[i].is_some() {
            continue;
        }
        // A kind no name of this document is headed by is still the kind ("The Bank" is "Bank").
        let f: &str = kinds::bare_kind(&forms[i]).unwrap_or(&forms[i]);
        // Headline capitals: "STANDARD OIL" takes the body's "Standard Oil".
        if is_all_caps(f) {
            if let Some(other) = forms.iter().find(|o| *o != f && o.eq_ignore_ascii_case(f) && !is_all_caps(o)) {
                canon[i] = Some(other.clone());
                continue;
            }
        }
        let words: Vec<&str> = f.split_whitespace().collect();
        let label = doc.mentions[i].label;
        // A full name typed a person that the document also writes with a company's legal
        // form is that company ("Aca Joe Inc said ... Aca Joe reported a profit"), as is one
        // the document's "... Group Inc" or "... Bank Ltd" opens with ("E.F. Hutton Group
        // Inc"): initials and first names read as a person's to the tagger ("W.W. Grainger",
        // "Dayton Hudson"; Reuters: 95 and 6 mentions, all firms in the sample, "Charles
        // Schwab announced" too). Not a foundation or a party named after a person. A bare
        // surname has the rule below, which minds the people named.
        if label == Label::Per && words.len() > 1 && !is_company[i] && !companies.is_empty() {
            let company = [String::new(), " Group".into(), " Bank".into()]
                .into_iter()
                .map(|kind| format!("{f}{kind}"))
                .find_map(|name| companies.get_key_value(name.as_str()).filter(|&(_, &k)| doc.mentions[k].label != Label::Per));
            if let Some((&name, &k)) = company {
                canon[i] = Some(name.to_string());
                linked_label[i] = Some(doc.mentions[k].label);
                continue;
            }
            // One that opens another company's name so written is a firm's name too ("Dean
            // Witter" beside "Dean Witter Reynolds Inc", "Mark IV" beside "Mark IV Industries
            // Inc"), but not that company, which may be a subsidiary ("Diamond Shamrock
            // Refining and Marketing Co"): the mention keeps its name and is typed ORG.
            if company_openings.contains(f) {
                canon[i] = Some(f.to_string());
                linked_label[i] = Some(Label::Org);
                continue;
            }
        }
        // A name written with a company's legal form ("Sullivan Inc") is that company's own name.
        if !is_company[i] && !full_names.iter().any(|(n, _)| *n == f) {
            let candidates = |fits: &dyn Fn(&str, Label, &[&str]) -> bool| -> Vec<(&str, Label)> {
                full_names.iter().copied().zip(&full_words).filter(|&((n, l), full)| fits(n, l, full)).map(|(n, _)| n).collect()
            };
            let mut matches = candidates(&|_, l, full| abbreviates(&words, label, full, l));
            // A firm named after a person only when no name the mention begins or ends fits:
            // "Labatt" beside John Labatt Ltd and Labatt Breweries Ltd is the breweries, as before.
            if matches.is_empty() {
                matches = candidates(&|n, _, full| companies.contains_key(n) && is_firm_surname(&words, label, full));
            }
            let sure = titles.iter().any(|(t, l, _)| *l == Label::Misc && *t == doc.mentions[i].text);
            if sure {
                matches.retain(|&(_, l)| l == label);
            }
            // The bare name ("Sullivan") is that company, as typed there: it is the same name,
            // where "Sullivan Chemical" would only begin with it. Unless the bare name was
            // typed a person and a person it abbreviates is named ("Daniel Sullivan").
            if let Some(&k) = companies.get(f).filter(|&&k| !sure || doc.mentions[k].label == label) {
                if !(label == Label::Per && matches.iter().any(|&(_, l)| l == Label::Per)) {
                    canon[i] = Some(f.to_string());
                    linked_label[i] = Some(doc.mentions[k].label);
                    continue;
                }
                matches.retain(|&(_, l)| l == Label::Per);
            }
            // One candidate, or one of the mention's own type: otherwise it stays as written.
            let same: Vec<&(&str, Label)> = matches.iter().filter(|(_, l)| *l == label).collect();
            let chosen = match (matches.as_slice(), same.as_slice()) {
                ([only], _) => Some(*only),
                (_, [only]) => Some(**only),
                _ => None,
            };
            if let Some((name, kind)) = chosen {
                canon[i] = Some(name.to_string());
                linked_label[i] = Some(kind);
                continue;
            }
        }
        canon[i] = Some(f.to_string());
    }
    for (i, j) in by_kind.iter().enumerate().filter_map(|(i, j)| Some((i, (*j)?))) {
        canon[i] = canon[j].clone();
        linked_label[i] = Some(linked_label[j].unwrap_or(doc.mentions[j].label));
    }
    for ((m, c), l) in doc.mentions.iter_mut().zip(canon).zip(linked_label) {
        m.entity = c.unwrap_or_default();
        m.label = l.unwrap_or(m.label);
    }
}

/// Gives a name the tagger typed a person the alias table's type when the table lists it for
/// something else ("a Reuter survey", "the Grammys", "20th Century Fox", "Prince Edward
/// Island"), unless the document says it names a person.
fn table_types_over_person(doc: &mut Document, forms: &[String], canon: &mut [Option<String>], aliases: &Aliases) {
    // The tagger has seldom seen these forms and reads a capitalised word before a noun as a
    // surname; in CoNLL-2003 train, 10 of the 1,910 gold names written as such a form are
    // people. What marks those is a title before the name ("Mr Washington") or the person's
    // full name in the same document ("George Washington ... Washington"): then the name is
    // the person's and is linked as a person's, not to the table's entity.
    let mut surnames: Option<FxHashSet<&str>> = None;
    for k in 0..doc.mentions.len() {
        if doc.mentions[k].label != Label::Per {
            continue;
        }
        if canon[k].is_none() {
            // A place's name may open with a person's title, which naming a person takes off:
            // Reuters' "Prince Edward Island", tagged a man, was an entity "Edward Island". A
            // name the table lists whole, for no person, is that name, and of its type.
            let m = &mut doc.mentions[k];
            let text = m.text.trim_end_matches([',', ';', ':']);
            if text.split_whitespace().next().is_some_and(normalize::is_title_word) {
                if let Some((name, label)) = aliases.lookup(text).filter(|&(_, l)| l != Label::Per) {
                    (canon[k], m.label) = (Some(name.to_string()), label);
                }
            }
            continue;
        }
        let Some((_, label)) = aliases.lookup(&forms[k]).filter(|&(_, l)| l != Label::Per) else { continue };
        let surnames = surnames.get_or_insert_with(|| {
            doc.mentions
                .iter()
                .zip(forms)
                .filter(|(m, _)| m.label == Label::Per)
                .filter_map(|(_, f)| f.rsplit_once(' ').map(|(_, last)| last))
                .collect()
        });
        // The title may be the mention's own first word ("President Washington").
        let m = &doc.mentions[k];
        let before = m.tokens.0.checked_sub(1).and_then(|t| doc.tokens.get(t)).map(|t| t.span.slice(&doc.clean));
        let titled = before.into_iter().chain(m.text.split_whitespace().next()).any(normalize::is_title_word);
        if titled || surnames.contains(forms[k].as_str()) {
            canon[k] = None;
        } else {
            doc.mentions[k].label = label;
        }
    }
}

/// A company named after a place or a people keeps its legal form ("Chicago Corp", "Alberta
/// Corp", "Swiss Corp"): without it the name is the place's or the demonym's, and the firm's
/// mentions became the city's, the province's or the country's, co-mentioned with everything
/// the firm was (Reuters: 30 mentions, "Canada Ltd" and "U.K. Corporation" among them).
fn keep_legal_forms_of_places(doc: &Document, forms: &mut [String], is_company: &[bool], aliases: &Aliases) {
    let gazetteer = crate::tag::gazetteer::default_gazetteer();
    for (k, m) in doc.mentions.iter().enumerate().filter(|&(k, _)| is_company[k]) {
        let place = aliases.lookup(&forms[k]).is_some_and(|(_, label)| label != Label::Org)
            || gazetteer.is_place_or_demonym(&forms[k]);
        if let Some(legal) = normalize::legal_form(&m.text).filter(|_| place) {
            forms[k] = format!("{} {legal}", forms[k]);
        }
    }
}

/// Links acronyms to the name they abbreviate in this document: one defined in parentheses
/// right after the name ("International Monetary Fund (IMF)"), or one whose letters are the
/// initials of an earlier name ("Securities and Exchange Commission … SEC").
fn link_acronyms(doc: &Document, forms: &[String], canon: &mut [Option<String>]) {
    let is_acronym = |f: &str| (2..=7).contains(&f.len()) && f.chars().all(|c| c.is_ascii_uppercase());
    let mut defined: Vec<(String, String)> = Vec::new();
    for i in 0..forms.len() {
        if !is_acronym(&forms[i]) || canon[i].is_some() {
            continue;
        }
        let parenthesised = i > 0 && {
            let between = &doc.clean.get(doc.mentions[i - 1].clean.end..doc.mentions[i].clean.start).unwrap_or("");
            between.trim() == "(" && doc.clean.get(doc.mentions[i].clean.end..).is_some_and(|r| r.starts_with(')'))
        };
        let full = if parenthesised && initials(&forms[i - 1]).is_some_and(|x| x == forms[i]) {
            Some(canon[i - 1].clone().unwrap_or_else(|| forms[i - 1].clone()))
        } else {
            defined.iter().find(|(a, _)| *a == forms[i]).map(|(_, f)| f.clone()).or_else(|| {
                (0..i).rev().find(|&j| initials(&forms[j]).is_some_and(|x| x == forms[i])).map(|j| canon[j].clone().unwrap_or_else(|| forms[j].clone()))
            })
        };
        if let Some(full) = full {
            defined.push((forms[i].clone(), full.clone()));
            canon[i] = Some(full);
        }
    }
}

/// The initials of a name of two or more capitalised words, skipping small words
/// ("Securities and Exchange Commission" → "SEC").
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().filter(|w| !matches!(*w, "of" | "and" | "the" | "for" | "&" | "de" | "on")).collect();
    if words.len() < 2 || !words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    Some(words.iter().filter_map(|w| w.chars().next()).collect())
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase) && s.chars().filter(|c| c.is_alphabetic()).count() > 4
}

/// True when the mention `short` (tagged `label`) names in short the longer name of words
/// `full`, of type `kind`: a person's first or last words ("Wang" of "Wang Yi", "Biden" of
/// "Joe Biden"), accepted from any lone word since the tagger often mislabels a bare surname;
/// an organisation's first words ("Halvard" of "Halvard Systems") from a PER or ORG mention,
/// the last of them perhaps written with the possessive the name has ("Moody's" of "Moody's
/// Investors Service": the mention's own possessive came off when it was normalised).
fn abbreviates(short: &[&str], label: Label, full: &[&str], kind: Label) -> bool {
    if short.is_empty() || short.len() >= full.len() {
        return false;
    }
    match kind {
        Label::Per => (label == Label::Per || short.len() == 1) && (full.ends_with(short) || full.starts_with(short)),
        _ => {
            let (last, rest) = short.split_last().expect("not empty");
            let named = full[short.len() - 1];
            let same_last = named == *last || ["'s", "’s"].iter().any(|s| named.strip_suffix(s) == Some(*last));
            // "BBC" is not short for "BBC News" or "BBC World Service", nor "Google" for "Google
            // Video": a division or outlet named after its owner is a name of its own, and the
            // owner another. So are an owner's branch in a country ("Nintendo Europe", "UKIP
            // Scotland"), its product ("Sony PlayStation") and a chamber's committee ("House
            // Ways and Means Committee").
            // Asked last: every name of a story is held against every shorter one.
            let outlet = || {
                let after = &full[short.len()..];
                OUTLET_WORDS.iter().chain(BRANCH_WORDS).any(|w| w.eq_ignore_ascii_case(after[0]))
                    || (short.len() == 1 && after.last().is_some_and(|w| matches!(*w, "Committee" | "Committees" | "Subcommittee")))
                    || crate::lexicon::is_product(after)
            };
            matches!(label, Label::Per | Label::Org) && full.starts_with(rest) && same_last && !outlet()
        }
    }
}

/// True when `short`, typed a person, is the surname alone of the two-word name `full` of a
/// firm named after a person ("Capel" of the brokers James Capel and Co: "Capel's Murtha
/// said", Reuters). Asked only of a name the document writes with a legal form: a person's
/// name the model typed ORG ("Keanu Reeves", "Marion Jones" in BBC News) is no firm's.
fn is_firm_surname(short: &[&str], label: Label, full: &[&str]) -> bool {
    label == Label::Per && short.len() == 1 && full.len() == 2 && full[1] == short[0]
}

/// Words that follow an owner's name in the name of its outlet or division ("BBC Radio", "Sky
/// News", "BBC World Service", "Google Video").
const OUTLET_WORDS: &[&str] = &[
    "News", "Radio", "Television", "TV", "Online", "Video", "Music", "Sport", "Sports", "World", "One", "Two", "Three", "Four", "Records",
    "Pictures", "Studios", "Books", "Channel",
];

/// Words after an owner's name that name its branch in a country or region.
const BRANCH_WORDS: &[&str] = &["Europe", "UK", "Scotland", "Wales", "England", "Ireland", "America", "USA", "Asia", "Japan", "Australia", "Canada"];

/// A document holding only mentions (text = entity = the given name), for tests.
#[cfg(test)]
pub(crate) fn test_doc(mentions: &[(&str, Label)]) -> Document {
    use crate::doc::{Mention, Span};
    let mut d = Document::new("d", "");
    d.mentions = mentions
        .iter()
        .map(|&(t, l)| Mention { clean: Span::default(), raw: Span::default(), text: t.into(), label: l, score: 1.0, sentence: 0, tokens: (0, 1), entity: t.into() })
        .collect();
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Mention, Span};

    /// A document of these mentions, resolved with the built-in alias table.
    fn resolved(mentions: &[(&str, Label)]) -> Document {
        let mut d = test_doc(mentions);
        resolve(&mut d, aliases::builtin());
        d
    }

    fn entities(d: &Document) -> Vec<&str> {
        d.mentions.iter().map(|m| m.entity.as_str()).collect()
    }

    fn labels(d: &Document) -> Vec<Label> {
        d.mentions.iter().map(|m| m.label).collect()
    }

    #[test]
    fn a_company_named_with_a_possessive_is_its_full_name() {
        // "Moody's" loses its possessive as a name ("Moody"), but it is the first word of the
        // full name, as Reuters writes the agency in one story: one entity, not "Moody" beside
        // "Moody's Investors Service" (168 and 154 Reuters stories before).
        let d = resolved(&[("Moody's Investors Service Inc", Label::Org), ("Moody's", Label::Org), ("McDonald's", Label::Org)]);
        assert_eq!(entities(&d), ["Moody's Investors Service", "Moody's Investors Service", "McDonald's"]);
        // The alias table's forms as written: the agency alone, the chain, but a person McDonald stays one.
        let d = resolved(&[("Moody's", Label::Org), ("Trevor McDonald", Label::Per), ("McDonald", Label::Per), ("McDonald's", Label::Per)]);
        assert_eq!(entities(&d), ["Moody's Investors Service", "Trevor McDonald", "Trevor McDonald", "Trevor McDonald"]);
        // A possessive that is only the mention's still comes off as before.
        let d = resolved(&[("Halvard Systems", Label::Org), ("Halvard's", Label::Org)]);
        assert_eq!(entities(&d), ["Halvard Systems", "Halvard Systems"]);
    }

    #[test]
    fn a_company_named_after_a_place_or_a_people_keeps_its_legal_form() {
        let d = resolved(&[("Chicago Corp", Label::Org), ("Chicago", Label::Loc), ("Swiss Corp.", Label::Org), ("U.K. Corporation's", Label::Org)]);
        assert_eq!(entities(&d), ["Chicago Corp", "Chicago", "Swiss Corp", "U.K. Corporation"]);
        // Other firms lose theirs, as before.
        let d = resolved(&[("Texaco Inc", Label::Org), ("Texaco", Label::Org), ("Western Co Inc", Label::Org)]);
        assert_eq!(entities(&d), ["Texaco", "Texaco", "Western"]);
        assert_eq!(normalize::legal_form("Western Co Inc's"), Some("Co"));
        assert_eq!(normalize::legal_form("Chicago Corp."), Some("Corp"));
        assert_eq!(normalize::legal_form("Inc"), None);
        assert_eq!(normalize::legal_form("Chicago"), None);
    }

    #[test]
    fn a_name_the_table_lists_for_no_person_takes_its_type_unless_the_story_names_a_person() {
        // "a Reuter survey", "the Grammys", "20th Century Fox" as the tagger typed them.
        let d = resolved(&[("Reuter", Label::Per), ("Grammys", Label::Per), ("20th Century Fox", Label::Per)]);
        assert_eq!(labels(&d), [Label::Org, Label::Misc, Label::Org]);
        assert_eq!(entities(&d), ["Reuters", "Grammy Awards", "20th Century Fox"]);
        // A title in the mention ("Mr Reuter", "President Washington") is a person's.
        let d = resolved(&[("Mr Reuter", Label::Per), ("President Washington", Label::Per)]);
        assert_eq!(labels(&d), [Label::Per; 2]);
        // A story that names the person in full: his surname is his.
        let d = resolved(&[("Paul Reuter", Label::Per), ("Reuter", Label::Per)]);
        assert_eq!((labels(&d), entities(&d)), (vec![Label::Per; 2], vec!["Paul Reuter"; 2]));
        // A title before the name ("Mr Reuter said").
        let mut d = test_doc(&[("Reuter", Label::Per)]);
        d.clean = "Mr Reuter said".into();
        d.tokens = [(0, 2), (3, 9), (10, 14)].map(|(a, b)| crate::doc::Token { span: Span::new(a, b) }).to_vec();
        d.mentions[0].tokens = (1, 2);
        resolve(&mut d, aliases::builtin());
        assert_eq!((labels(&d), entities(&d)), (vec![Label::Per], vec!["Reuter"]));
    }

    #[test]
    fn a_place_named_with_a_title_keeps_it() {
        // Naming a person takes the title off: Reuters' "Prince Edward Island", tagged a man,
        // had been an entity "Edward Island"; a prince of the same words keeps his own.
        let d = resolved(&[("Prince Edward Island", Label::Per), ("Prince Edward", Label::Per), ("Mr Stewart", Label::Per)]);
        assert_eq!(entities(&d), ["Prince Edward Island", "Prince Edward", "Stewart"]);
        assert_eq!(labels(&d), [Label::Loc, Label::Per, Label::Per]);
        // Where the tagger leaves the title out, the word before widens the mention to the place.
        let found = crate::testing::mentions_of("The premier of Prince Edward Island said taxes would fall.");
        assert_eq!(found, [("Prince Edward Island".to_string(), "Prince Edward Island".to_string(), Label::Loc)]);
    }

    #[test]
    fn short_forms_titles_and_aliases() {
        let d = resolved(&[
            ("Foreign Minister Wang Yi", Label::Per),
            ("U.S.", Label::Loc),
            ("Wang", Label::Per),
            ("US", Label::Loc),
            ("China's", Label::Loc),
            ("President Biden", Label::Per),
            ("Joe Biden", Label::Per),
        ]);
        assert_eq!(entities(&d), ["Wang Yi", "United States", "Wang Yi", "United States", "China", "Joe Biden", "Joe Biden"]);
    }

    #[test]
    fn a_surname_alone_is_the_firm_named_after_the_person() {
        let d = resolved(&[("James Capel and Co", Label::Org), ("Capel", Label::Per), ("Thomas Murtha", Label::Per)]);
        assert_eq!(entities(&d), ["James Capel", "James Capel", "Thomas Murtha"]);
        assert_eq!(labels(&d), [Label::Org, Label::Org, Label::Per]);
        // A person of that surname named in the story is the one meant; a place stays itself;
        // a person's name the model typed ORG is no firm without a legal form.
        let d = resolved(&[("James Capel and Co", Label::Org), ("John Capel", Label::Per), ("Capel", Label::Per), ("Chase Manhattan", Label::Org), ("Manhattan", Label::Loc)]);
        assert_eq!(entities(&d), ["James Capel", "John Capel", "John Capel", "Chase Manhattan", "Manhattan"]);
        let d = resolved(&[("Keanu Reeves", Label::Org), ("Reeves", Label::Per)]);
        assert_eq!(entities(&d), ["Keanu Reeves", "Reeves"]);
        // A firm the surname begins is the one meant.
        let d = resolved(&[("John Labatt Ltd", Label::Org), ("Labatt Breweries Ltd", Label::Org), ("Labatt", Label::Per)]);
        assert_eq!(entities(&d), ["John Labatt", "Labatt Breweries", "Labatt Breweries"]);
    }

    #[test]
    fn a_title_a_noun_types_is_not_the_person_it_is_named_after() {
        let text = "Jamie Foxx played Ray Charles in the biopic Ray. Ray has been nominated six times.";
        let found = crate::testing::mentions_of(text);
        let film: Vec<_> = found.iter().filter(|(t, _, _)| t == "Ray").map(|(_, e, l)| (e.as_str(), *l)).collect();
        assert_eq!(film, [("Ray", Label::Misc); 2], "{found:?}");
        assert!(found.iter().any(|(t, e, l)| t == "Ray Charles" && e == "Ray Charles" && *l == Label::Per), "{found:?}");
        // A surname after an organisation's noun is the person's still: a clause's subject.
        let text = "Theodore Cross proposed the takeover. It would merge into a company Cross is forming, Cross said.";
        let found = crate::testing::mentions_of(text);
        assert!(found.iter().filter(|(t, _, _)| t == "Cross").all(|(_, e, l)| e == "Theodore Cross" && *l == Label::Per), "{found:?}");
    }

    #[test]
    fn ambiguous_surnames_stay_unresolved() {
        let d = resolved(&[("John Smith", Label::Per), ("Jane Smith", Label::Per), ("Smith", Label::Per)]);
        assert_eq!(entities(&d), ["John Smith", "Jane Smith", "Smith"]);
    }

    #[test]
    fn acronyms_by_definition_or_initials() {
        let raw = "The Asian Infrastructure Investment Bank (AIIB) lent more. Later the AIIB said so, and the National Rifle Association and NRA agreed.";
        let mut d = Document::new("d", raw);
        d.clean = raw.to_string();
        let at = |s: &str| {
            let i = raw.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let later = raw.rfind("AIIB").unwrap();
        d.mentions = [
            ("Asian Infrastructure Investment Bank", at("Asian Infrastructure Investment Bank")),
            ("AIIB", at("AIIB")),
            ("AIIB", Span::new(later, later + 4)),
            ("National Rifle Association", at("National Rifle Association")),
            ("NRA", at("NRA")),
        ]
        .into_iter()
        .map(|(t, sp)| Mention { clean: sp, raw: sp, text: t.into(), label: Label::Org, score: 1.0, sentence: 0, tokens: (0, 1), entity: String::new() })
        .collect();
        resolve(&mut d, aliases::builtin());
        assert_eq!(
            entities(&d),
            ["Asian Infrastructure Investment Bank", "Asian Infrastructure Investment Bank", "Asian Infrastructure Investment Bank", "National Rifle Association", "National Rifle Association"]
        );
    }

    #[test]
    fn linked_short_forms_take_the_full_names_type() {
        // A surname before its full name, tagged MISC; a surname tagged ORG after it.
        let d = resolved(&[("Morimoto", Label::Misc), ("Kenji Morimoto", Label::Per), ("Morimoto", Label::Org)]);
        assert_eq!(entities(&d), ["Kenji Morimoto"; 3]);
        assert_eq!(labels(&d), [Label::Per; 3]);
        // Acronyms, headline capitals and alias-table names are linked but keep their own type.
        let d = resolved(&[
            ("General Electric", Label::Misc),
            ("GE", Label::Org),
            ("MILAN", Label::Loc),
            ("Milan", Label::Org),
            ("U.S.", Label::Org),
        ]);
        assert_eq!(entities(&d), ["General Electric", "General Electric", "Milan", "Milan", "United States"]);
        assert_eq!(labels(&d), [Label::Misc, Label::Org, Label::Loc, Label::Org, Label::Org]);
        // A company written with its legal form is no person's short form, and its bare name is
        // that company (not a longer name beginning with it), unless typed a person with a
        // person to abbreviate.
        let d = resolved(&[
            ("Daniel Sullivan", Label::Per),
            ("Sullivan Inc", Label::Org),
            ("Sullivan", Label::Per),
            ("Sullivan", Label::Loc),
            ("Reed Tool", Label::Org),
            ("Reed plc", Label::Org),
            ("Reed", Label::Per),
            ("Reed", Label::Org),
        ]);
        assert_eq!(entities(&d), ["Daniel Sullivan", "Sullivan", "Daniel Sullivan", "Sullivan", "Reed Tool", "Reed", "Reed", "Reed"]);
        assert_eq!(labels(&d), [Label::Per, Label::Org, Label::Per, Label::Org, Label::Org, Label::Org, Label::Org, Label::Org]);
        // A full name typed a person is the company the document writes with its legal form;
        // a person's name that is no company's stays a person.
        let d = resolved(&[("Aca Joe Inc", Label::Org), ("Aca Joe", Label::Per), ("Joe Smith", Label::Per), ("Acme Corp", Label::Org)]);
        assert_eq!(entities(&d), ["Aca Joe", "Aca Joe", "Joe Smith", "Acme"]);
        assert_eq!(labels(&d), [Label::Org, Label::Org, Label::Per, Label::Org]);
        // So is a full name a company's "Group" or "Bank" opens with, but not its foundation.
        let d = resolved(&[("E.F. Hutton Group Inc", Label::Org), ("E.F. Hutton", Label::Per), ("Conrad Hilton Foundation Inc", Label::Org), ("Conrad Hilton", Label::Per)]);
        assert_eq!(entities(&d), ["E.F. Hutton Group", "E.F. Hutton Group", "Conrad Hilton Foundation", "Conrad Hilton"]);
        assert_eq!(labels(&d), [Label::Org, Label::Org, Label::Org, Label::Per]);
        // A full name opening another company's name is a firm's, keeping its own name: the
        // company may be a subsidiary.
        let d = resolved(&[("Diamond Shamrock Refining and Marketing Co", Label::Org), ("Diamond Shamrock", Label::Per), ("Henry Ford Hospital Inc", Label::Org), ("Henry Ford", Label::Per)]);
        assert_eq!(entities(&d), ["Diamond Shamrock Refining and Marketing", "Diamond Shamrock", "Henry Ford Hospital", "Henry Ford"]);
        assert_eq!(labels(&d), [Label::Org, Label::Org, Label::Org, Label::Per]);
        // Two full names it may abbreviate: the short form stays as written, and as tagged.
        let d = resolved(&[("Ann Jordan", Label::Per), ("Neil Jordan", Label::Per), ("Jordan", Label::Loc)]);
        assert_eq!((d.mentions[2].entity.as_str(), d.mentions[2].label), ("Jordan", Label::Loc));
    }

    #[test]
    fn institutions_called_by_their_kind_are_the_nearest_named() {
        // The nearest named before, else the first after; the kind's own type gives way to the name's.
        let d = resolved(&[
            ("Bank", Label::Misc),
            ("Bank of England", Label::Org),
            ("World Bank", Label::Org),
            ("The Bank", Label::Org),
            ("European Community Commission", Label::Org),
            ("Commission", Label::Org),
            ("Bank", Label::Org),
        ]);
        // (The commission's alias-table name is the one the kind takes.)
        assert_eq!(entities(&d), ["Bank of England", "Bank of England", "World Bank", "World Bank", "European Commission", "European Commission", "World Bank"]);
        assert_eq!(labels(&d), [Label::Org; 7]);
        // No name of its kind: the kind without its article; no name takes a place's or a
        // person's mention, nor is a modifier its head ("Exchange" of a commission).
        let d = resolved(&[("Soviet Union", Label::Loc), ("Union", Label::Org), ("Securities and Exchange Commission", Label::Org), ("The Exchange", Label::Org), ("Fund", Label::Per)]);
        assert_eq!(entities(&d), ["Soviet Union", "Union", "Securities and Exchange Commission", "Exchange", "Fund"]);
    }

    #[test]
    fn organisations_by_their_first_words() {
        let d = resolved(&[("Halvard Systems", Label::Org), ("Halvard", Label::Per), ("Systems", Label::Org), ("Halvard", Label::Org)]);
        assert_eq!(entities(&d), ["Halvard Systems", "Halvard Systems", "Systems", "Halvard Systems"]);
        // But an outlet named after its owner does not take the owner's mentions.
        let d = resolved(&[("BBC World Service", Label::Org), ("BBC radio", Label::Org), ("BBC", Label::Org), ("Google Video", Label::Org), ("Google", Label::Org)]);
        assert_eq!(entities(&d), ["BBC World Service", "BBC radio", "BBC", "Google Video", "Google"]);
        // Nor a branch in a country, a product or a chamber's committee.
        let d = resolved(&[("Nintendo Europe", Label::Org), ("Nintendo", Label::Org), ("Sony PlayStation", Label::Org), ("Sony", Label::Org)]);
        assert_eq!(entities(&d), ["Nintendo Europe", "Nintendo", "Sony PlayStation", "Sony"]);
        let d = resolved(&[("House Ways and Means Committee", Label::Org), ("House", Label::Org), ("Senate Finance Committee", Label::Org), ("Senate", Label::Org)]);
        assert_eq!(entities(&d), ["House Ways and Means Committee", "House", "Senate Finance Committee", "Senate"]);
    }
}
