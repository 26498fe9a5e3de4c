//! From the spans the model decoded to the spans that become mentions: organisations joined
//! across the brackets and initials the model split them at, punctuation around names left
//! out, and spans that are never names dropped.

use crate::doc::Label;

/// A span of a sentence's words `[start, end)` with its type and confidence.
type Scored = (usize, usize, Label, f32);

/// Joins an organisation to the span that goes on from its bracket: the model ends "Nikko
/// Securities Co" at the "(" of "Nikko Securities Co (Europe) Ltd" and tags "Europe) Ltd" as a
/// second organisation, which named a company after the place (Reuters: 80 mentions began
/// inside a bracket, "Europe) Ltd" 26 times; 40 now join the name before them). The model
/// may also start the name again after the ")" ("Ltd"), with the bracket's words tagged apart
/// or not at all: those are joined too (Reuters, with the model trained on the list of
/// companies: 52 mentions "Ltd" alone). `words` are the sentence's; spans are in order and do
/// not overlap.
fn join_bracketed(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    use Label::Org;
    let mut out: Vec<Scored> = Vec::with_capacity(spans.len());
    // Spans joined into one organisation, with the mean confidence of their words (brackets have none).
    let join = |parts: &[Scored]| {
        let words_in: usize = parts.iter().map(|p| p.1 - p.0).sum();
        let total: f32 = parts.iter().map(|p| p.3 * (p.1 - p.0) as f32).sum();
        (parts[0].0, parts[parts.len() - 1].1, Org, total / words_in as f32)
    };
    for span in spans {
        let (s, e, label, _) = span;
        let n = out.len();
        // The span goes on from the bracket that the organisation before it opened.
        if let Some(&last) = out.last() {
            if last.2 == Org && last.1 + 1 == s && words[last.1] == "(" && words[s..e].contains(&")") {
                out[n - 1] = join(&[last, span]);
                continue;
            }
        }
        // The span starts the name again after the bracket: "Co", "(", ["Europe"], ")", "Ltd".
        let open = (label == Org && s > 0 && words[s - 1] == ")")
            .then(|| (s.saturating_sub(2 + MAX_BRACKETED)..s - 1).rev().find(|&p| words[p] == "("))
            .flatten()
            .filter(|&p| !words[p + 1..s - 1].iter().any(|w| *w == "(" || *w == ")"));
        if let Some(p) = open {
            let inside = out.last().filter(|l| l.0 > p && l.1 < s).copied();
            let before = n.checked_sub(1 + usize::from(inside.is_some())).map(|i| out[i]);
            if let Some(first) = before.filter(|b| b.2 == Org && b.1 == p) {
                out.truncate(n - 1 - usize::from(inside.is_some()));
                out.push(join(&[Some(first), inside, Some(span)].into_iter().flatten().collect::<Vec<_>>()));
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// Words a company's bracket holds at most ("(U.K.)", "(Hong Kong)").
const MAX_BRACKETED: usize = 3;

/// Abbreviations of wire services' results tables ("Shr 34 cts vs 1.19 dlrs", "Revs 25.2 mln
/// vs 19.5 mln"): never names, but the model, meeting "Shr" capitalised at a line's start, took
/// it for an organisation (Reuters-21578: 1,479 mentions in 947 stories, so that every company
/// of a results story was co-mentioned with it).
const TABLE_WORDS: &[&str] = &["Shr", "Shrs", "Qtr", "Qtly", "Revs", "Mths", "Dlrs", "Cts", "Mln", "Vs"];

/// Punctuation that separates a name from what follows or precedes it, never part of it: the
/// model now and then runs a name on over the comma or colon after it ("told the BBC:", BBC
/// News: 6 of 64,280 mentions), which made "BBC:" an alias of its own. (CoNLL-2003's names
/// end in "." or ")" at times, never in these.)
const CLOSING: &[&str] = &[",", ";", ":", "'", "\"", "\u{2019}", "\u{201D}"];
const OPENING: &[&str] = &[",", ";", ":", "'", "\"", "\u{2018}", "\u{201C}"];

/// The spans of a sentence (`words`) that become mentions: organisations joined through their
/// brackets ([`join_bracketed`]), separating punctuation at either end left out, and spans of
/// results-table abbreviations alone left out.
pub(crate) fn mention_spans(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let mut spans = join_bracketed(spans, words);
    for (s, e, _, _) in &mut spans {
        while *e - *s > 1 && CLOSING.contains(&words[*e - 1]) {
            *e -= 1;
        }
        while *e - *s > 1 && OPENING.contains(&words[*s]) {
            *s += 1;
        }
    }
    spans.retain(|&(s, e, _, _)| !(e - s == 1 && (CLOSING.contains(&words[s]) || OPENING.contains(&words[s]))));
    spans.retain(|&(s, e, _, _)| !words[s..e].iter().all(|w| TABLE_WORDS.contains(w)));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_goes_on_through_its_bracket() {
        let words = ["manager", "Nikko", "Securities", "Co", "(", "Europe", ")", "Ltd", "said", "in", "Paris", "(", "France", ")"];
        let joined = join_bracketed(vec![(1, 4, Label::Org, 0.9), (5, 8, Label::Org, 0.6)], &words);
        assert_eq!(joined.len(), 1);
        assert_eq!((joined[0].0, joined[0].1, joined[0].2), (1, 8, Label::Org));
        assert!((joined[0].3 - 0.75).abs() < 1e-6);
        // A place before a bracket, a span that does not close it, or one not right after it stay apart.
        let apart = vec![(10, 11, Label::Loc, 0.9), (12, 14, Label::Loc, 0.9)];
        assert_eq!(join_bracketed(apart.clone(), &words), apart);
        let open = vec![(1, 4, Label::Org, 0.9), (5, 6, Label::Loc, 0.9)];
        assert_eq!(join_bracketed(open.clone(), &words), open);
        let gap = vec![(1, 3, Label::Org, 0.9), (5, 8, Label::Org, 0.9)];
        assert_eq!(join_bracketed(gap.clone(), &words), gap);
        // The bracket's place and the legal form after it tagged apart: one company still.
        let three = join_bracketed(vec![(1, 4, Label::Org, 0.9), (5, 6, Label::Loc, 0.6), (7, 8, Label::Org, 0.3)], &words);
        assert_eq!(three.len(), 1);
        assert_eq!((three[0].0, three[0].1, three[0].2), (1, 8, Label::Org));
        assert!((three[0].3 - 0.72).abs() < 1e-6, "the mean of the five words: {}", three[0].3);
        // Or with the bracket's words left untagged.
        let untagged = join_bracketed(vec![(1, 4, Label::Org, 0.9), (7, 8, Label::Org, 0.3)], &words);
        assert_eq!((untagged.len(), untagged[0].0, untagged[0].1, untagged[0].2), (1, 1, 8, Label::Org));
        assert!((untagged[0].3 - 0.75).abs() < 1e-6, "the mean of the four words: {}", untagged[0].3);
        // But not a place in brackets after a company with no name going on after it, nor a
        // name after a bracket that no organisation opened.
        let place = vec![(1, 4, Label::Org, 0.9), (5, 6, Label::Loc, 0.6), (8, 9, Label::Org, 0.3)];
        assert_eq!(join_bracketed(place.clone(), &words), place);
        let unopened = vec![(1, 3, Label::Org, 0.9), (5, 6, Label::Loc, 0.6), (7, 8, Label::Org, 0.3)];
        assert_eq!(join_bracketed(unopened.clone(), &words), unopened);
        let person = vec![(1, 4, Label::Per, 0.9), (7, 8, Label::Org, 0.3)];
        assert_eq!(join_bracketed(person.clone(), &words), person);
        // Through the model: one company, named with its bracket.
        let text = "The bond was priced at par, lead manager Nikko Securities Co (Europe) Ltd said.";
        let input = crate::Input { id: "d".into(), text: Some(text.into()), ..Default::default() };
        let doc = crate::pipeline::Pipeline::new(Default::default()).unwrap().process_one(input);
        let texts: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
        assert!(texts.contains(&"Nikko Securities Co (Europe) Ltd"), "{texts:?}");
    }

    #[test]
    fn results_table_abbreviations_are_no_mentions() {
        let text = "ACME CORP 1ST QTR NET\n    Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,100,000\n    Revs 25.2 mln vs 19.5 mln";
        let input = crate::Input { id: "d".into(), text: Some(text.into()), ..Default::default() };
        let doc = crate::pipeline::Pipeline::new(Default::default()).unwrap().process_one(input);
        let texts: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
        assert!(texts.contains(&"ACME CORP") && !texts.contains(&"Shr"), "{texts:?}");
        // Only a span of such words alone: a name holding one stays.
        let words = ["Shr", "Vs", "and", "Shr", "Holdings", "said"];
        let spans = vec![(0, 2, Label::Org, 0.9), (3, 5, Label::Org, 0.9)];
        assert_eq!(mention_spans(spans, &words), vec![(3, 5, Label::Org, 0.9)]);
    }

    #[test]
    fn a_name_ends_before_the_comma_or_colon_after_it() {
        let words = ["told", "the", "BBC", ":", "\"", "Fine", "\"", ",", "'", "Ray", "'", ",", "Corp", ".", "(", "Europe", ")"];
        let spans = vec![(2, 5, Label::Org, 0.9), (7, 11, Label::Per, 0.8), (11, 12, Label::Misc, 0.5), (12, 14, Label::Org, 0.9), (14, 17, Label::Loc, 0.9)];
        let kept = vec![(2, 3, Label::Org, 0.9), (9, 10, Label::Per, 0.8), (12, 14, Label::Org, 0.9), (14, 17, Label::Loc, 0.9)];
        assert_eq!(mention_spans(spans, &words), kept, "a name's own full stop and brackets stay; a lone comma is no name");
        // Through the pipeline, where the model ran "BBC" on over its comma.
        let text = "The controversial opera shown by the BBC, has said he would not have written it.";
        let input = crate::Input { id: "d".into(), text: Some(text.into()), ..Default::default() };
        let doc = crate::pipeline::Pipeline::new(Default::default()).unwrap().process_one(input);
        let texts: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["BBC"]);
    }
}
