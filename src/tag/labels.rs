//! The BILOU tag set: tags, allowed transitions, and conversion to and from spans.

use crate::doc::Label;

/// A BILOU tag: `O`, or a position (Begin, Inside, Last, Unit) with an entity label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(Label),
    I(Label),
    L(Label),
    U(Label),
}

/// Number of distinct tags: O plus four positions for each of four labels.
pub const N_TAGS: usize = 17;

impl Tag {
    /// Dense index in `0..N_TAGS`.
    pub fn index(self) -> usize {
        let l = |x: Label| Label::ALL.iter().position(|&y| y == x).unwrap();
        match self {
            Tag::O => 0,
            Tag::B(x) => 1 + l(x),
            Tag::I(x) => 5 + l(x),
            Tag::L(x) => 9 + l(x),
            Tag::U(x) => 13 + l(x),
        }
    }

    /// The tag at a dense index.
    pub fn from_index(i: usize) -> Tag {
        let l = Label::ALL[(i + 3) % 4];
        match i {
            0 => Tag::O,
            1..=4 => Tag::B(l),
            5..=8 => Tag::I(l),
            9..=12 => Tag::L(l),
            _ => Tag::U(l),
        }
    }

    /// True when `next` may follow `self` in a well-formed sequence.
    pub fn allows(self, next: Tag) -> bool {
        match self {
            Tag::B(x) | Tag::I(x) => matches!(next, Tag::I(y) | Tag::L(y) if y == x),
            _ => matches!(next, Tag::O | Tag::B(_) | Tag::U(_)),
        }
    }

    /// The label, if not `O`.
    pub fn label(self) -> Option<Label> {
        match self {
            Tag::O => None,
            Tag::B(x) | Tag::I(x) | Tag::L(x) | Tag::U(x) => Some(x),
        }
    }
}

/// Entity spans `(start, end, label)` in token indices from a BILOU sequence; a span
/// left open at the end of the sentence or by a broken transition is closed where it stops.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!(t, Tag::I(x) | Tag::L(x) if open.is_some_and(|(_, y)| y == x));
        if !continues {
            if let Some((s, y)) = open.take() {
                out.push((s, i, y));
            }
            open = t.label().map(|x| (i, x));
        }
        if matches!(t, Tag::L(_) | Tag::U(_)) {
            if let Some((s, y)) = open.take() {
                out.push((s, i + 1, y));
            }
        }
    }
    if let Some((s, y)) = open {
        out.push((s, tags.len(), y));
    }
    out
}

/// BILOU tags for entity spans over `n` tokens.
pub fn from_spans(n: usize, spans: &[(usize, usize, Label)]) -> Vec<Tag> {
    let mut tags = vec![Tag::O; n];
    for &(s, e, x) in spans {
        if e - s == 1 {
            tags[s] = Tag::U(x);
        } else {
            tags[s] = Tag::B(x);
            for t in &mut tags[s + 1..e - 1] {
                *t = Tag::I(x);
            }
            tags[e - 1] = Tag::L(x);
        }
    }
    tags
}

/// Entity spans from IOB1 or IOB2 strings such as `B-PER`, `I-ORG`, `O`.
pub fn spans_from_iob(tags: &[&str]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (pos, label) = match t.split_once('-') {
            Some((p, l)) => (p, Label::parse(l)),
            None => ("O", None),
        };
        let continues = pos == "I" && label.is_some() && open.is_some_and(|(_, y)| Some(y) == label);
        if !continues {
            if let Some((s, y)) = open.take() {
                out.push((s, i, y));
            }
            if let Some(x) = label {
                open = Some((i, x));
            }
        }
    }
    if let Some((s, y)) = open {
        out.push((s, tags.len(), y));
    }
    out
}

/// IOB2 strings (`B-PER`, `I-PER`, `O`) for entity spans over `n` tokens.
pub fn to_iob2(n: usize, spans: &[(usize, usize, Label)]) -> Vec<String> {
    let mut out = vec!["O".to_string(); n];
    for &(s, e, x) in spans {
        out[s] = format!("B-{}", x.as_str());
        for t in &mut out[s + 1..e] {
            *t = format!("I-{}", x.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trip() {
        for i in 0..N_TAGS {
            assert_eq!(Tag::from_index(i).index(), i);
        }
    }

    #[test]
    fn spans_round_trip_through_bilou_and_iob() {
        let spans_in = vec![(0, 2, Label::Per), (3, 4, Label::Loc), (4, 7, Label::Org)];
        let tags = from_spans(8, &spans_in);
        assert_eq!(spans(&tags), spans_in);
        let iob = to_iob2(8, &spans_in);
        let iob: Vec<&str> = iob.iter().map(String::as_str).collect();
        assert_eq!(spans_from_iob(&iob), spans_in);
        // IOB1: I- starts a span; a B- separates adjacent spans of one type.
        assert_eq!(spans_from_iob(&["I-PER", "I-PER", "B-PER", "O"]), vec![(0, 2, Label::Per), (2, 3, Label::Per)]);
    }
}
