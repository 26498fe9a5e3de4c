//! Names typed by the common noun written before them: "the comedy Sideways", "regulator
//! Ofcom". The model reads a lone capitalised word it does not know by its shape, and types
//! a film's title or a firm's one-word name a person (BBC News: the film "Sideways" a person
//! in 42 mentions, the regulator Ofcom in 28); the noun in apposition says what the name is,
//! as its plural does of the names it lists ("films such as Heathers and Raging Bull"), and a
//! document calls the same thing by the same name throughout.

use super::gazetteer::default_gazetteer;
use crate::doc::{Label, Mention};

/// Nouns that say the name after them is a work's title (CoNLL-2003 types titles MISC).
/// Left out: nouns that are also verbs before a name ("show", "play", "book"; "film" is kept,
/// as news writes no name after the verb), and "single" (an adjective before "European").
const WORKS: &[&str] = &[
    "album", "ballet", "biopic", "blockbuster", "comedy", "documentary", "drama", "film", "movie", "musical", "novel", "opera",
    "programme", "sitcom", "song", "thriller",
];

/// Nouns that say the name after them is an organisation's. Left out: nouns that also come
/// before a person's name ("film maker Ken Loach", "publisher Rupert Murdoch", "broadcaster
/// David Frost", "the England side Jonny Wilkinson" ...), a ship's ("gas carrier Nyhammer")
/// or a place's ("the giant Yates Field", Reuters' barge quotes "on station Illinois River").
const ORGANISATIONS: &[&str] = &[
    "agency", "airline", "analysts", "band", "bank", "bankers", "brewer", "brokerage", "brokers", "chain", "channel", "company",
    "conglomerate", "consultancy", "consultants", "daily", "firm", "group", "insurer", "label", "magazine", "manufacturer", "network",
    "newspaper", "regulator", "retailer", "stockbrokers", "watchdog",
];

/// The plurals of [`WORKS`] and [`ORGANISATIONS`] before a list of names ("films such as
/// Heathers and Raging Bull", "firms including Dell"), and nouns only a plural says that
/// ("broadcasters", "carriers" of air and telephone: a list of ships is rare).
const WORKS_LISTED: &[&str] = &[
    "albums", "ballets", "biopics", "blockbusters", "comedies", "documentaries", "dramas", "films", "movies", "musicals", "novels", "operas",
    "programmes", "sitcoms", "songs", "thrillers",
];
const ORGANISATIONS_LISTED: &[&str] = &[
    "agencies", "airlines", "bands", "banks", "brewers", "brokerages", "broadcasters", "carriers", "chains", "channels", "companies",
    "conglomerates", "consultancies", "firms", "insurers", "labels", "magazines", "manufacturers", "networks", "newspapers", "regulators",
    "retailers", "watchdogs",
];

/// MISC for a noun among `works`, ORG for one among `organisations`.
fn type_in(noun: &str, works: &[&str], organisations: &[&str]) -> Option<Label> {
    if works.contains(&noun) {
        Some(Label::Misc)
    } else if organisations.contains(&noun) {
        Some(Label::Org)
    } else {
        None
    }
}

/// The type the noun `before` a name gives it, if it is one of the nouns above.
fn type_of_noun(before: &str) -> Option<Label> {
    type_in(before, WORKS, ORGANISATIONS)
}

/// The type a plural noun gives the names it lists, if it is one of the nouns above.
fn type_of_plural(noun: &str) -> Option<Label> {
    type_in(noun, WORKS_LISTED, ORGANISATIONS_LISTED)
}

/// The type of a list of names that opens right before token `start`: a plural noun above,
/// then "such as", "including" or "like" (a comma may come between: "firms, including").
fn type_of_list<'w>(word: &impl Fn(usize) -> Option<&'w str>, start: usize) -> Option<Label> {
    let at = |k: usize| start.checked_sub(k).and_then(word);
    let noun_at = match (at(1)?, at(2)) {
        ("as", Some("such")) => 3,
        ("including" | "like", _) => 2,
        _ => return None,
    };
    let noun = match at(noun_at)? {
        "," => at(noun_at + 1)?,
        w => w,
    };
    type_of_plural(noun)
}

/// Whether the tokens from `end` to `start` join two names of a list: ",", "and", "or",
/// ", and", ", or", or none (a name right after its owner's "'s").
fn joins_a_list<'w>(word: &impl Fn(usize) -> Option<&'w str>, end: usize, start: usize) -> bool {
    match start.checked_sub(end) {
        Some(0) => true,
        Some(1) => matches!(word(end), Some("," | "and" | "or")),
        Some(2) => word(end) == Some(",") && matches!(word(end + 1), Some("and" | "or")),
        _ => false,
    }
}

/// Whether a mention is a person's full name, which after a typing noun is more often the
/// subject of a clause ("the company Tony Blair visited") than a title, wherever it is in the
/// document.
fn is_full_person(m: &Mention) -> bool {
    m.label == Label::Per && m.tokens.1 - m.tokens.0 > 1
}

/// A name a noun types: its text, the type, and whether a mention of the text that is a
/// person's full name takes the type too (one a list names does: "movies, including School
/// Daze", which the model read as a person's name).
pub(crate) type Typed = (String, Label, bool);

/// The texts of the mentions written right after a typing noun (or after "the noun The":
/// "movie The Aviator"), or listed after its plural ("films such as Heathers, Raging Bull and
/// The Aviator"), each with the type its noun gives, in order of first appearance; `word(i)`
/// is the document's token `i`. Left out: a person's full name after a noun
/// ([`is_full_person`]), a name with "'s" after it in a list (its owner: "firms such as
/// Richard Branson's Virgin"), and a listed place or demonym, which "firm" as an adjective
/// comes before ("firm Chicago wheat futures", Reuters) and a list's firm may carry ("firms
/// such as Germany's TUI").
pub(crate) fn noun_typed<'w>(word: impl Fn(usize) -> Option<&'w str>, mentions: &[Mention]) -> Vec<Typed> {
    // The first token of a name with a leading "The" left out.
    let opening = |m: &Mention| match m.tokens.0.checked_sub(1).and_then(&word) {
        Some("The") => m.tokens.0 - 1,
        _ => m.tokens.0,
    };
    let mut typed: Vec<Typed> = Vec::new();
    // The type of the list being read and the end of its last name.
    let mut list: Option<(Label, usize)> = None;
    for m in mentions {
        let start = opening(m);
        let by_noun = start.checked_sub(1).and_then(&word).and_then(type_of_noun);
        let by_list = list.filter(|&(_, end)| joins_a_list(&word, end, start)).map(|(label, _)| label).or_else(|| type_of_list(&word, start));
        let (label, in_list) = match (by_noun, by_list) {
            (Some(label), _) => (label, false),
            (None, Some(label)) => (label, true),
            (None, None) => {
                list = None;
                continue;
            }
        };
        // An owner's name is followed by the listed one it owns.
        let owner = in_list && matches!(word(m.tokens.1), Some("'s" | "\u{2019}s"));
        list = by_list.map(|label| (label, m.tokens.1 + owner as usize));
        let listed = default_gazetteer().is_place_or_demonym(&m.text);
        if (in_list || !is_full_person(m)) && !owner && !listed && !typed.iter().any(|(t, _, _)| *t == m.text) {
            typed.push((m.text.clone(), label, in_list));
        }
    }
    typed
}

/// Types each mention [`noun_typed`] finds by its noun, then every mention of the same text in
/// the document alike; `words` are the document's tokens.
pub(crate) fn type_by_apposition(words: &[&str], mentions: &mut [Mention]) {
    let typed = noun_typed(|i| words.get(i).copied(), mentions);
    if typed.is_empty() {
        return;
    }
    // A person's full name keeps its type wherever it is, but for a name a list types: a
    // story may name the man and, after "firm", the firm named after him.
    for m in mentions.iter_mut() {
        if let Some(&(_, label, people_too)) = typed.iter().find(|(t, _, _)| *t == m.text) {
            if people_too || !is_full_person(m) {
                m.label = label;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::mentions_of;
    use crate::Label;

    fn label_of(text: &str, name: &str) -> Vec<Label> {
        mentions_of(text).into_iter().filter(|(t, _, _)| t == name).map(|(_, _, l)| l).collect()
    }

    #[test]
    fn a_noun_before_a_name_types_it_and_its_other_mentions() {
        let text = "The comedy Sideways won the prize on Sunday. Sideways was made for a small sum, and Sideways beat the favourites.";
        assert_eq!(label_of(text, "Sideways"), vec![Label::Misc; 3]);
        let text = "The communications regulator Ofcom said the review would end in May. Ofcom wants more channels.";
        assert_eq!(label_of(text, "Ofcom"), vec![Label::Org; 2]);
        let text = "Sales rose 26%, according to research from technology analysts Gartner. Gartner expects more.";
        assert_eq!(label_of(text, "Gartner"), vec![Label::Org; 2]);
        let text = "Sarrazin told the business daily Handelsblatt that rates would fall. Handelsblatt said so too.";
        assert_eq!(label_of(text, "Handelsblatt"), vec![Label::Org; 2], "{:?}", mentions_of(text));
        let text = "Fans of the pop band Busted queued all night, and Busted played on.";
        assert_eq!(label_of(text, "Busted"), vec![Label::Org; 2], "{:?}", mentions_of(text));
        let text = "Martin Scorsese's movie The Aviator leads the field, and The Aviator may win again.";
        assert!(label_of(text, "Aviator").iter().all(|&l| l == Label::Misc), "{:?}", mentions_of(text));
    }

    #[test]
    fn names_listed_after_a_plural_noun_take_its_type() {
        let text = "He also appeared in Spike Lee movies, including School Daze, Jungle Fever and Malcolm X in the 1990s. School Daze was a hit.";
        assert_eq!(label_of(text, "School Daze"), vec![Label::Misc; 2], "{:?}", mentions_of(text));
        assert_eq!(label_of(text, "Jungle Fever"), vec![Label::Misc], "{:?}", mentions_of(text));
        let text = "The festival will feature bands such as Kasabian and Fightstar on its second stage.";
        assert_eq!(label_of(text, "Kasabian"), vec![Label::Org], "{:?}", mentions_of(text));
        assert_eq!(label_of(text, "Fightstar"), vec![Label::Org], "{:?}", mentions_of(text));
        // A place in a list of firms stays a place; a name after the list is not in it.
        let text = "Travel firms such as Germany's TUI gained. Prices rose in Paris and Kasabian played.";
        assert_eq!(label_of(text, "Germany"), vec![Label::Loc], "{:?}", mentions_of(text));
        assert_eq!(label_of(text, "TUI"), vec![Label::Org], "the firm after its owner: {:?}", mentions_of(text));
        assert_eq!(label_of(text, "Paris"), vec![Label::Loc], "{:?}", mentions_of(text));
        let text = "Big airlines such as Richard Branson's Virgin Atlantic cut fares. Richard Branson said so.";
        assert_eq!(label_of(text, "Richard Branson"), vec![Label::Per; 2], "the owner of a listed firm: {:?}", mentions_of(text));
        assert_eq!(label_of(text, "Virgin Atlantic"), vec![Label::Org], "{:?}", mentions_of(text));
    }

    #[test]
    fn a_name_after_another_word_keeps_the_model_s_type() {
        // A person after a noun that also comes before people, and a film never called one.
        let text = "The film maker Ken Loach said the film would open in Paris. Loach was pleased.";
        assert_eq!(label_of(text, "Ken Loach"), vec![Label::Per]);
        assert_eq!(label_of(text, "Paris"), vec![Label::Loc]);
        // A person's full name after the noun is a clause's subject, not a title.
        let text = "The company Tony Blair visited makes engines. Tony Blair said it would grow.";
        assert_eq!(label_of(text, "Tony Blair"), vec![Label::Per; 2]);
        let d = crate::testing::processed("Mario Gabelli runs the fund.");
        let mut mentions = d.mentions.clone();
        let words: Vec<&str> = (0..d.tokens.len()).map(|i| d.token_text(i)).collect();
        // The same name typed ORG after "firm" elsewhere in the document leaves the person's.
        let mut firm = mentions[0].clone();
        firm.label = Label::Org;
        firm.tokens = (words.len() + 1, words.len() + 3);
        mentions.push(firm);
        let words: Vec<&str> = words.iter().copied().chain(["firm", "Mario", "Gabelli"]).collect();
        super::type_by_apposition(&words, &mut mentions);
        assert_eq!(mentions.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Per, Label::Org]);
        // "firm" as an adjective before a place.
        let text = "Wheat closed higher as firm Chicago futures lifted prices in Paris.";
        assert_eq!(label_of(text, "Chicago"), vec![Label::Loc]);
    }
}
