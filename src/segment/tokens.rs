//! Word tokens with byte offsets, in the CoNLL/Penn style the tagger was trained on:
//! punctuation split off, clitics ('s, n't) separate, abbreviations and numbers kept whole.

use crate::doc::{Span, Token};

/// Abbreviations that keep their full stop (lowercased, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "cpl", "pvt", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "st", "mt", "ft", "jr", "sr",
    "inc", "corp", "co", "ltd", "bros", "plc", "dept", "univ", "assn", "ave", "blvd", "rd",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "approx",
    "est", "no", "nos", "vol", "fig", "mln", "bln", "pct", "e.g", "i.e",
    // Given names as firms' names keep them ("Alex. Brown and Sons": split there, Reuters-21578
    // had a person "Alex" and a person "Brown" in 27 stories).
    "alex", "chas", "wm", "jas", "thos", "geo",
];

/// Clitics split from the word before them (after the apostrophe).
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// True when `word` (without its final stop) is an abbreviation that keeps the stop.
pub fn is_abbreviation(word: &str) -> bool {
    // Compared without a lower-cased copy (asked at every sentence's last word). Only ASCII
    // words can match: the one other letter that lower-cases to ASCII, the Kelvin sign, gives
    // a "k", which no abbreviation holds.
    word.is_ascii() && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

/// A text's characters by index, with each one's byte offset.
trait Chars {
    /// Character `k`, or None past the end.
    fn at(&self, k: usize) -> Option<char>;
    /// Byte offset of character `k` (the text's length past the end).
    fn pos(&self, k: usize) -> usize;
}

/// An ASCII text (most news): its bytes are its characters and their offsets.
struct Ascii<'a>(&'a [u8]);

impl Chars for Ascii<'_> {
    fn at(&self, k: usize) -> Option<char> {
        self.0.get(k).map(|&b| char::from(b))
    }
    fn pos(&self, k: usize) -> usize {
        k.min(self.0.len())
    }
}

/// Any other text, decoded once.
struct Decoded {
    chars: Vec<(usize, char)>,
    len: usize,
}

impl Chars for Decoded {
    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }
    fn pos(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.len, |&(i, _)| i)
    }
}

/// Appends the tokens of `text` (whose first byte is at `base` in the document) to `out`.
pub fn tokenize(text: &str, base: usize, out: &mut Vec<Token>) {
    // ASCII text is read byte by byte: decoding every character into a list first was a
    // third of tokenizing. Both read the same characters, so the tokens are the same.
    if text.is_ascii() {
        tokenize_chars(&Ascii(text.as_bytes()), text, base, out);
    } else {
        tokenize_chars(&Decoded { chars: text.char_indices().collect(), len: text.len() }, text, base, out);
    }
}

fn tokenize_chars(chars: &impl Chars, text: &str, base: usize, out: &mut Vec<Token>) {
    let at = |k: usize| chars.at(k);
    let pos = |k: usize| chars.pos(k);
    let mut k = 0;
    while let Some(c) = at(k) {
        let start = k;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if let Some(n) = clitic_len(chars, k) {
            k += n;
        } else if let Some(n) = dotted_len(chars, k) {
            k += n;
        } else if is_word_char(c) {
            k = word_end(chars, k);
            // A full stop that belongs to the word: an abbreviation or an initial.
            if at(k) == Some('.') {
                let word = &text[pos(start)..pos(k)];
                let initial = word.chars().count() == 1 && c.is_uppercase();
                if initial || is_abbreviation(word) {
                    k += 1;
                }
            }
        } else {
            // Runs of the same punctuation ("...", "--") stay one token.
            k += 1;
            if matches!(c, '.' | '-' | '=' | '*' | '_') {
                while at(k) == Some(c) {
                    k += 1;
                }
            }
        }
        out.push(Token { span: Span::new(base + pos(start), base + pos(k)) });
    }
}

/// Length of a clitic token ('s, n't, 're …) starting at `k`, if one starts there.
fn clitic_len(chars: &impl Chars, k: usize) -> Option<usize> {
    let at = |i: usize| chars.at(i);
    let boundary = |i: usize| at(i).is_none_or(|c| !is_word_char(c));
    let prev_word = k > 0 && at(k - 1).is_some_and(is_word_char);
    if !prev_word {
        return None;
    }
    if at(k).is_some_and(is_apostrophe) {
        for cl in CLITICS {
            let n = cl.len();
            let matches = cl.chars().enumerate().all(|(j, x)| at(k + 1 + j).map(|c| c.to_ascii_lowercase()) == Some(x));
            if matches && boundary(k + 1 + n) {
                return Some(1 + n);
            }
        }
    }
    let lower = |i| at(i).map(|c: char| c.to_ascii_lowercase());
    if lower(k) == Some('n') && at(k + 1).is_some_and(is_apostrophe) && lower(k + 2) == Some('t') && boundary(k + 3) {
        return Some(3);
    }
    None
}

/// End of the word starting at `k`: letters and digits, with the joiners that stay inside
/// a word (hyphens, decimal points, thousands separators, times, apostrophes in names).
fn word_end(chars: &impl Chars, mut k: usize) -> usize {
    let at = |i: usize| chars.at(i);
    let start = k;
    loop {
        while let Some(c) = at(k).filter(|&c| is_word_char(c)) {
            // "n't" is its own token: stop before the n. (The only clitic that starts at a
            // letter; asked at every other letter, the test was a fiftieth of the pipeline.)
            if k > start && matches!(c, 'n' | 'N') && at(k + 1).is_some_and(is_apostrophe) && clitic_len(chars, k).is_some() {
                return k;
            }
            k += 1;
        }
        let (Some(j), Some(next), Some(prev)) = (at(k), at(k + 1), k.checked_sub(1).and_then(at)) else { return k };
        let joins = match j {
            // Not before a dotted abbreviation ("Mexico-U.S."): the word would end inside it.
            '-' => is_word_char(next) && dotted_len(chars, k + 1).is_none(),
            '.' => (prev.is_ascii_digit() && next.is_ascii_digit()) || is_exchange_suffix(chars, start, k),
            ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
            ',' => {
                prev.is_ascii_digit()
                    && (1..=3).all(|d| at(k + d).is_some_and(|c| c.is_ascii_digit()))
                    && at(k + 4).is_none_or(|c| !c.is_ascii_digit())
            }
            '&' => prev.is_uppercase() && next.is_uppercase(),
            c if is_apostrophe(c) => is_word_char(next) && clitic_len(chars, k).is_none(),
            _ => false,
        };
        if !joins {
            return k;
        }
        k += 1;
    }
}

/// Whether the full stop at `k` puts an exchange's code on a bracketed stock symbol that
/// starts at `start` ("<BAYG.F>", "(IBM.N)"): split there, "F" read as a name of its own
/// (Reuters-21578: an organisation "F" in 95 stories, beside every German company quoted).
fn is_exchange_suffix(chars: &impl Chars, start: usize, k: usize) -> bool {
    let at = |i: usize| chars.at(i);
    let close = match start.checked_sub(1).and_then(at) {
        Some('<') => '>',
        Some('(') => ')',
        _ => return false,
    };
    let code = (k + 1..k + 3).take_while(|&i| at(i).is_some_and(|c| c.is_ascii_uppercase())).count();
    (start..k).all(|i| at(i).is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())) && code > 0 && at(k + 1 + code) == Some(close)
}

/// Length of a dotted abbreviation ("U.S.", "e.g.") starting at `k`: two or more single
/// letters each followed by a full stop, or the last without one ("U.S plants", as wire copy
/// writes it at times: split as "U." and "S", Reuters-21578 had 31 mentions of an entity "U.").
fn dotted_len(chars: &impl Chars, k: usize) -> Option<usize> {
    let at = |i: usize| chars.at(i);
    if k > 0 && at(k - 1).is_some_and(is_word_char) {
        return None;
    }
    let mut n = 0;
    while at(k + n).is_some_and(char::is_alphabetic) && at(k + n + 1) == Some('.') {
        n += 2;
    }
    if n >= 2 && at(k + n).is_some_and(char::is_alphabetic) && at(k + n + 1).is_none_or(|c| !is_word_char(c) && c != '.') {
        n += 1;
    }
    (n >= 3 && at(k + n).is_none_or(|c| !is_word_char(c))).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0, &mut out);
        out.iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn ascii_text_read_as_bytes_gives_the_decoded_tokens() {
        // Random ASCII made of the pieces the rules look at (clitics, dotted abbreviations,
        // numbers with separators, runs of punctuation), tokenized both ways.
        let pieces = ["Mr", "U", "S", "e", "g", "n't", "'s", "'re", "don", "t", "AT", "&", "T", "155", ",", "221", "5", ".", "93", ":", "/", "-", "--", "...", " ", " ", "  ", "\t", "O'Brien", "'", "x", "Inc", "J", "n", "N"];
        let mut rng = crate::testing::Lcg::new(3);
        for _ in 0..20_000 {
            let text: String = (0..1 + rng.below(12)).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            let (mut bytes, mut decoded) = (Vec::new(), Vec::new());
            tokenize_chars(&Ascii(text.as_bytes()), &text, 7, &mut bytes);
            tokenize_chars(&Decoded { chars: text.char_indices().collect(), len: text.len() }, &text, 7, &mut decoded);
            assert_eq!(bytes, decoded, "{text:?}");
        }
    }

    #[test]
    fn abbreviations_are_found_in_any_case_and_only_whole() {
        // The rule as it was written first: Unicode lower-casing, then a lookup.
        let reference = |w: &str| ABBREVIATIONS.contains(&w.to_lowercase().as_str());
        let words = ["Mr", "MR", "mR", "mrs", "Inc", "INC", "e.g", "E.G", "i.e", "Sept", "mrx", "m", "", "Mr\u{212a}", "\u{212a}", "İnc", "co", "Co", "CO", "cO", "Corp", "corps"];
        for w in words {
            assert_eq!(is_abbreviation(w), reference(w), "{w:?}");
        }
        for a in ABBREVIATIONS {
            assert!(is_abbreviation(a) && is_abbreviation(&a.to_uppercase()) && reference(a));
        }
        // Every letter of the Unicode range whose lower case is ASCII, in an abbreviation's place.
        for c in (char::MIN..=char::MAX).filter(|c| !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii())) {
            for a in ABBREVIATIONS {
                for i in 0..a.len() {
                    let w: String = a.chars().enumerate().map(|(j, x)| if j == i { c } else { x }).collect();
                    assert_eq!(is_abbreviation(&w), reference(&w), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn news_tokens() {
        assert_eq!(toks("China's top official, Wang Yi, didn't go."), ["China", "'s", "top", "official", ",", "Wang", "Yi", ",", "did", "n't", "go", "."]);
        assert_eq!(toks("Biden’s aide"), ["Biden", "’s", "aide"]);
        assert_eq!(toks("155,221 bags at 5.93 mln at 06:31"), ["155,221", "bags", "at", "5.93", "mln", "at", "06:31"]);
        assert_eq!(toks("Mr. O'Brien of AT&T Inc. met Gen. J. Smith"), ["Mr.", "O'Brien", "of", "AT&T", "Inc.", "met", "Gen.", "J.", "Smith"]);
        assert_eq!(toks("China-Russia talks... end"), ["China-Russia", "talks", "...", "end"]);
        assert_eq!(toks("the U.S.-led order, e.g. U.S."), ["the", "U.S.", "-", "led", "order", ",", "e.g.", "U.S."]);
        // A hyphen before a dotted abbreviation: "Mexico-U" and ".S." were tokens of their own.
        assert_eq!(toks("the Mexico-U.S. border, Mexico-US trade"), ["the", "Mexico", "-", "U.S.", "border", ",", "Mexico-US", "trade"]);
        assert_eq!(toks("U.S plants, U.S. ones, the U.S"), ["U.S", "plants", ",", "U.S.", "ones", ",", "the", "U.S"]);
        assert_eq!(toks("J. Smith, A.B.C and T.V.-maker"), ["J.", "Smith", ",", "A.B.C", "and", "T.V.", "-", "maker"]);
        // A stock symbol keeps its exchange's code inside its brackets only.
        assert_eq!(toks("Bayer AG <BAYG.F> and IBM (IBM.N)"), ["Bayer", "AG", "<", "BAYG.F", ">", "and", "IBM", "(", "IBM.N", ")"]);
        assert_eq!(toks("<BAYG.Fx> (ABC.) in the USA.It <Ab.F>"), ["<", "BAYG", ".", "Fx", ">", "(", "ABC", ".", ")", "in", "the", "USA", ".", "It", "<", "Ab", ".", "F", ">"]);
    }
}
