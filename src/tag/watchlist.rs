//! A watchlist: names the user gives (an alias table) found wherever they occur in the text,
//! even where the model saw no entity.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::doc::{Document, Label, Mention, Span};
use crate::resolve::Aliases;

/// Confidence given to mentions found by the watchlist (the user named them).
const WATCHLIST_SCORE: f32 = 1.0;

/// A compiled watchlist.
#[derive(Debug, Clone)]
pub struct Watchlist {
    matcher: AhoCorasick,
    labels: Vec<Label>,
}

impl Watchlist {
    /// A watchlist of every form in an alias table (matched as written, longest first).
    pub fn new(aliases: &Aliases) -> Option<Watchlist> {
        let (forms, labels): (Vec<&str>, Vec<Label>) = aliases.forms().filter(|(f, _, _)| !f.is_empty()).map(|(f, _, l)| (f, l)).unzip();
        if forms.is_empty() {
            return None;
        }
        let matcher = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&forms).ok()?;
        Some(Watchlist { matcher, labels })
    }

    /// Adds a mention for every watched name that covers whole tokens and overlaps no mention
    /// the model found (the model's spans win; the resolver then gives them their canonical name).
    pub fn find(&self, doc: &mut Document) {
        let starts: std::collections::HashMap<usize, usize> = doc.tokens.iter().enumerate().map(|(i, t)| (t.span.start, i)).collect();
        let ends: std::collections::HashMap<usize, usize> = doc.tokens.iter().enumerate().map(|(i, t)| (t.span.end, i)).collect();
        let mut taken = vec![false; doc.tokens.len()];
        for m in &doc.mentions {
            taken[m.tokens.0..m.tokens.1].iter_mut().for_each(|t| *t = true);
        }
        let sentence_of = |tok: usize| doc.sentences.partition_point(|s| s.tokens.1 <= tok);
        let mut added = Vec::new();
        for hit in self.matcher.find_iter(&doc.clean) {
            let (Some(&a), Some(&b)) = (starts.get(&hit.start()), ends.get(&hit.end())) else { continue };
            if taken[a..=b].iter().any(|&t| t) || sentence_of(a) != sentence_of(b) {
                continue;
            }
            taken[a..=b].iter_mut().for_each(|t| *t = true);
            let clean = Span::new(hit.start(), hit.end());
            added.push(Mention {
                clean,
                raw: doc.offsets.span_to_raw(clean),
                text: clean.slice(&doc.clean).to_string(),
                label: self.labels[hit.pattern().as_usize()],
                score: WATCHLIST_SCORE,
                sentence: sentence_of(a),
                tokens: (a, b + 1),
                entity: String::new(),
            });
        }
        if !added.is_empty() {
            doc.mentions.extend(added);
            doc.mentions.sort_by_key(|m| (m.clean.start, m.clean.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{clean, CleanOptions};

    #[test]
    fn finds_watched_names_on_token_boundaries_only() {
        let aliases = Aliases::parse("Lumen Grid\tORG\tLumen|LG\nacme\tORG\t").unwrap();
        let w = Watchlist::new(&aliases).unwrap();
        let mut doc = Document::new("d", "the lumen grid and Lumen Grid, LG and LGBT, acme.");
        clean(&mut doc, &CleanOptions::default());
        crate::segment::segment(&mut doc);
        w.find(&mut doc);
        let found: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(found, ["Lumen Grid", "LG", "acme"]);
        crate::doc::check_offsets(&doc).unwrap();
    }
}
