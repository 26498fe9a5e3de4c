//! Institutions every country has, named without their country: "the Finance Ministry", "the
//! Central Bank", "the Treasury".
//!
//! A story about one country names its ministries and central bank bare. As one entity each,
//! Japan's, Brazil's and West Germany's finance ministries were one "Finance Ministry" (309
//! Reuters-21578 mentions in 197 stories), a hub that joined every country whose ministry a
//! story quoted. Such a name now carries its country: the place written right before it
//! ("Japan's Finance Ministry", "the Dutch Central Bank"), else the country the story names
//! most, strictly more often than any other, of those that have such an institution; with
//! neither it stays bare. A name the alias table gives stays as it is.

use rustc_hash::FxHashMap;

use super::Aliases;
use crate::doc::{Document, Label};
use crate::tag::gazetteer::{default_gazetteer, List};

/// Institutions of every country known by a name of their own kind. Not "Congress" or
/// "Senate": English news means the United States' by them unless it says otherwise, and a
/// story about trade with Japan would give Japan a Congress.
const INSTITUTIONS: &[&str] = &["Cabinet", "Central Bank", "Constitutional Court", "National Assembly", "Parliament", "Reserve Bank", "Supreme Court", "Treasury"];

/// Institutions only a bare name is: "the National Bank" of a Swiss story is the Swiss
/// National Bank (Reuters-21578: 61 mentions in 36 stories, most Swiss, a few Belgian or
/// Yugoslav), named as stories name it in full, but "Philippine National Bank" or "National
/// Bank of Greece" is a commercial bank, no country's National Bank.
const BARE_INSTITUTIONS: &[&str] = &["National Bank"];

/// Whether `country` has an institution called `institution`: the United States has
/// departments, not ministries, and no central bank, parliament or constitutional court by
/// those names (a story about Japan's trade with it names it more often than Japan at times);
/// Japan and Germany have ministries, not departments, and no treasury by that name (a yen
/// story's "Treasury Secretary James Baker" is the United States').
fn can_have(country: &str, institution: &str) -> bool {
    match country {
        "United States" => {
            !(institution.ends_with(" Ministry")
                || ["Central Bank", "Reserve Bank", "National Bank", "Parliament", "National Assembly", "Constitutional Court"].contains(&institution))
        }
        "Japan" | "West Germany" | "Germany" => !(institution.ends_with(" Department") || institution == "Treasury"),
        _ => true,
    }
}

/// The name of the institution `name` is, written as this module names it ("Ministry of
/// Finance" → "Finance Ministry"), when it is one every country has; None otherwise.
fn institution(name: &str) -> Option<String> {
    if INSTITUTIONS.contains(&name) {
        return Some(name.to_string());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let (field, kind) = match words.as_slice() {
        [field, kind @ ("Ministry" | "Department")] => (*field, *kind),
        [kind @ ("Ministry" | "Department"), "of", field] => (*field, *kind),
        _ => return None,
    };
    // "Justice Department", not "Japan Ministry" (a country's ministry is named below).
    // Nor a people's or region's ("European Department").
    let capitalised = field.chars().next().is_some_and(char::is_uppercase) && field.chars().skip(1).all(char::is_lowercase);
    let place = super::aliases::related_place(field).is_some() || default_gazetteer().lists_of(field).is_some();
    (capitalised && !place).then(|| format!("{field} {kind}"))
}

/// The country a place or demonym names, by its canonical name ("Japan", "U.S." →
/// "United States", "Dutch" → "Netherlands"), if it is one.
fn country_of_name<'a>(name: &'a str, aliases: &'a Aliases) -> Option<&'a str> {
    let is_country = |n: &str| default_gazetteer().lists_of(n).is_some_and(|m| m.is_in(List::Country));
    let place = super::aliases::related_place(name).or_else(|| aliases.lookup(name).filter(|(_, l)| *l == Label::Loc).map(|(c, _)| c)).unwrap_or(name);
    is_country(place).then_some(place)
}

/// The country a mention names: a place that is a country, or a people's adjective.
fn country_of<'a>(label: Label, entity: &'a str, aliases: &'a Aliases) -> Option<&'a str> {
    matches!(label, Label::Loc | Label::Misc).then(|| country_of_name(entity, aliases)).flatten()
}

/// An institution's name with its country: the alias table's if it knows "{country}
/// {institution}" ("United States Treasury" is the U.S. Treasury); a bare-only institution's
/// as its country's people write it, the name stories give it in full ("Swiss National
/// Bank"); else "Finance Ministry (Japan)".
fn qualified(institution: &str, country: &str, aliases: &Aliases) -> String {
    if let Some((canonical, _)) = aliases.lookup(&format!("{country} {institution}")) {
        return canonical.to_string();
    }
    match crate::lexicon::demonym_of(country).filter(|_| BARE_INSTITUTIONS.contains(&institution)) {
        Some(people) => format!("{people} {institution}"),
        None => format!("{institution} ({country})"),
    }
}

/// Gives each organisation every country has, named in `doc` without its country, the
/// country the story means (module doc); a name that holds its country ("Dutch Central Bank")
/// is written the same way.
pub(super) fn qualify_by_country(doc: &mut Document, aliases: &Aliases) {
    // A name the alias table gives is the table's ("U.S. Department of Agriculture"); asked
    // last, of institutions only.
    let table_name = |m: &crate::doc::Mention| aliases.lookup(&m.entity).is_some_and(|(c, _)| c == m.entity);
    let own: Vec<Option<(String, Option<String>)>> = doc
        .mentions
        .iter()
        .map(|m| matches!(m.label, Label::Org | Label::Misc).then(|| own_country(&m.entity, aliases)).flatten().filter(|_| !table_name(m)))
        .collect();
    // Most documents name no such institution: their places are not looked up.
    if own.iter().all(Option::is_none) {
        return;
    }
    let countries: Vec<Option<&str>> = doc.mentions.iter().map(|m| country_of(m.label, &m.entity, aliases)).collect();
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for c in countries.iter().flatten() {
        *counts.entry(c).or_insert(0) += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // The country named most among those that have the institution, if strictly most.
    let most = |institution: &str| {
        let mut able = ranked.iter().filter(|(c, _)| can_have(c, institution));
        match (able.next(), able.next()) {
            (Some((c, n)), second) if second.is_none_or(|(_, m)| n > m) => Some(*c),
            _ => None,
        }
    };
    let mut names: Vec<Option<String>> = vec![None; own.len()];
    for (i, found) in own.iter().enumerate() {
        let Some((institution, written)) = found else { continue };
        // The place right before the name: "Japan's" or "Dutch" (at most "'s " between).
        let before = i.checked_sub(1).filter(|&j| doc.mentions[i].clean.start.saturating_sub(doc.mentions[j].clean.end) <= 3).and_then(|j| countries[j]);
        let before = before.filter(|c| can_have(c, institution));
        if let Some(country) = written.as_deref().or(before).or_else(|| most(institution)) {
            names[i] = Some(qualified(institution, country, aliases));
        }
    }
    for (m, name) in doc.mentions.iter_mut().zip(names) {
        if let Some(name) = name {
            m.entity = name;
        }
    }
}

/// The institution an entity names and the country its name holds, if any: "Finance
/// Ministry" → ("Finance Ministry", None), "Dutch Central Bank" → ("Central Bank",
/// Some("Netherlands")).
fn own_country(entity: &str, aliases: &Aliases) -> Option<(String, Option<String>)> {
    // Asked of every organisation: most end in no noun institutions are called by (the kinds'
    // list holds every last word of an institution here) and are let go at once.
    let last = entity.rsplit(' ').next().unwrap_or(entity);
    if !super::kinds::is_kind(last) && !entity.contains("Ministry of ") && !entity.contains("Department of ") {
        return None;
    }
    if let Some(name) = institution(entity).or_else(|| BARE_INSTITUTIONS.contains(&entity).then(|| entity.to_string())) {
        return Some((name, None));
    }
    // A country or people of one or two words first ("West German Finance Ministry").
    let words: Vec<&str> = entity.split_whitespace().collect();
    // The institution first: a string test, where the place is a gazetteer lookup, and most
    // names that get here ("Deutsche Bank", "Lloyds Group") are no institution.
    (1..=2.min(words.len().saturating_sub(1))).find_map(|n| {
        let name = institution(&words[n..].join(" "))?;
        Some((name, Some(country_of_name(&words[..n].join(" "), aliases)?.to_string())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::mentions_of;

    #[test]
    fn institutions_every_country_has_are_named_by_their_kind() {
        assert_eq!(institution("Ministry of Finance").as_deref(), Some("Finance Ministry"));
        assert_eq!(institution("Justice Department").as_deref(), Some("Justice Department"));
        assert_eq!(institution("Central Bank").as_deref(), Some("Central Bank"));
        // Each ends in a kind, which lets it past `own_country`'s first test.
        assert!(INSTITUTIONS.iter().chain(&["Finance Ministry", "State Department"]).all(|i| super::super::kinds::is_kind(i.rsplit(' ').next().unwrap())));
        for other in ["Japan Ministry", "European Department", "Home Office", "World Bank", "Congress", "Ministry", "Department of Motor Vehicles", "the Ministry"] {
            assert_eq!(institution(other), None, "{other}");
        }
        let a = super::super::aliases::builtin();
        let own = |name: &str, country: &str| Some((name.to_string(), Some(country.to_string())));
        assert_eq!(own_country("Dutch Central Bank", a), own("Central Bank", "Netherlands"));
        assert_eq!(own_country("West German Finance Ministry", a), own("Finance Ministry", "West Germany"));
        assert_eq!(own_country("U.S. Department of Justice", a), own("Justice Department", "United States"));
        assert_eq!(own_country("Dutch Shell", a), None);
        assert_eq!(own_country("Philippine National Bank", a), None, "a commercial bank");
        // An alias-table name stays the table's.
        let found = mentions_of("The U.S. Department of Agriculture said Brazil bought wheat.");
        assert_eq!(found[0].1, "U.S. Department of Agriculture", "{found:?}");
    }

    #[test]
    fn a_ministry_named_bare_is_the_one_of_the_country_a_story_is_about() {
        let entities = |text: &str| -> Vec<String> { mentions_of(text).into_iter().map(|(_, e, _)| e).collect() };
        // The country the story names most.
        let found = entities("Japan's trade surplus narrowed, the Finance Ministry said. Japan had expected it, officials in Tokyo said.");
        assert!(found.contains(&"Finance Ministry (Japan)".to_string()), "{found:?}");
        // The place written right before it, whatever the story names most; the alias table's
        // name when it has one.
        let found = entities("Brazil and Brazil's creditors met in Brazil. The Dutch Central Bank and the U.S. Treasury said Brazil would pay.");
        assert!(found.contains(&"Central Bank (Netherlands)".to_string()) && found.contains(&"U.S. Treasury".to_string()), "{found:?}");
        // Two countries named as often: the ministry stays bare.
        let found = entities("Talks between France and Italy ended, the Foreign Ministry said.");
        assert!(found.contains(&"Foreign Ministry".to_string()), "{found:?}");
        // Nor is a ministry the United States', however often the story names it.
        let found = entities("U.S. officials said the U.S. would press Japan on trade with the U.S., the Finance Ministry said.");
        assert!(found.contains(&"Finance Ministry (Japan)".to_string()), "{found:?}");
        // A bare department the alias table knows for the country is the table's name.
        let found = entities("U.S. farmers and U.S. exporters gained, the Agriculture Department said.");
        assert!(found.contains(&"U.S. Department of Agriculture".to_string()), "{found:?}");
        // A bare National Bank is the country's; one named with its country is a bank's own name.
        let found = entities("Swiss sight deposits rose, the National Bank said. Philippine National Bank lent to Switzerland.");
        assert_eq!(found[1], "Swiss National Bank", "{found:?}");
        assert!(found.contains(&"Philippine National Bank".to_string()), "{found:?}");
        // Nor is a treasury Japan's.
        let found = entities("Japan and Japan's exporters fear the yen's rise, which the Treasury in the U.S. welcomed.");
        assert!(found.contains(&"U.S. Treasury".to_string()), "{found:?}");
    }
}
