//! Sentence boundaries over a paragraph's tokens.

use crate::doc::Token;

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "..." | "?!" | "!?") || t.chars().all(|c| matches!(c, '.' | '!' | '?')) && !t.is_empty()
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

/// Token ranges `(start, end)` of the sentences in `tokens[range]`: a sentence ends at
/// `.`, `!` or `?` (plus closing quotes) when the next token does not start in lower case.
/// Abbreviations and initials keep their stop inside the token, so they never end one.
pub fn split(text: &str, tokens: &[Token], range: (usize, usize), out: &mut Vec<(usize, usize)>) {
    let (mut start, end) = range;
    let mut i = start;
    while i < end {
        let t = tokens[i].span.slice(text);
        i += 1;
        if !is_terminal(t) {
            continue;
        }
        while i < end && is_closer(tokens[i].span.slice(text)) {
            i += 1;
        }
        let next_lower = i < end && tokens[i].span.slice(text).chars().next().is_some_and(char::is_lowercase);
        if i < end && !next_lower {
            out.push((start, i));
            start = i;
        }
    }
    if start < end {
        out.push((start, end));
    }
}
