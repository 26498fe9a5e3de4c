//! Names typed by the common noun written before them: "the comedy Sideways", "regulator
//! Ofcom". The model reads a lone capitalised word it does not know by its shape, and types
//! a film's title or a firm's one-word name a person (BBC News: the film "Sideways" a person
//! in 42 mentions, the regulator Ofcom in 28); the noun in apposition says what the name is,
//! and a document calls the same thing by the same name throughout.

use super::gazetteer::{default_gazetteer, List};
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

/// The type the noun `before` a name gives it, if it is one of the nouns above.
fn type_of_noun(before: &str) -> Option<Label> {
    if WORKS.contains(&before) {
        Some(Label::Misc)
    } else if ORGANISATIONS.contains(&before) {
        Some(Label::Org)
    } else {
        None
    }
}

/// Whether a mention is a person's full name, which after a typing noun is more often the
/// subject of a clause ("the company Tony Blair visited") than a title, wherever it is in the
/// document.
fn is_full_person(m: &Mention) -> bool {
    m.label == Label::Per && m.tokens.1 - m.tokens.0 > 1
}

/// The texts of the mentions written right after a typing noun (or after "the noun The":
/// "movie The Aviator"), each with the type its noun gives, in order of first appearance;
/// `word(i)` is the document's token `i`. Left out: a person's full name ([`is_full_person`])
/// and a listed place or demonym, which "firm" as an adjective comes before ("firm Chicago
/// wheat futures", Reuters).
pub(crate) fn noun_typed<'w>(word: impl Fn(usize) -> Option<&'w str>, mentions: &[Mention]) -> Vec<(String, Label)> {
    let noun_type = |m: &Mention| {
        if is_full_person(m) {
            return None;
        }
        let start = m.tokens.0;
        let before = match start.checked_sub(1).and_then(&word) {
            Some("The") => start.checked_sub(2).and_then(&word),
            w => w,
        };
        let label = before.and_then(type_of_noun)?;
        let listed = default_gazetteer().lists_of(&m.text).is_some_and(|found| found.is_place() || found.is_in(List::Demonym));
        (!listed).then_some(label)
    };
    let mut typed: Vec<(String, Label)> = Vec::new();
    for m in mentions {
        if let Some(label) = noun_type(m) {
            if !typed.iter().any(|(t, _)| *t == m.text) {
                typed.push((m.text.clone(), label));
            }
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
    // A person's full name keeps its type wherever it is: a story may name the man and,
    // after "firm", the firm named after him.
    for m in mentions.iter_mut().filter(|m| !is_full_person(m)) {
        if let Some(&(_, label)) = typed.iter().find(|(t, _)| *t == m.text) {
            m.label = label;
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
