//! Character-level normalisation of one block: mojibake repair, NFC, whitespace folding,
//! invisible characters.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::blocks::Block;
use super::mojibake;
use crate::doc::{Span, TextBuilder};

/// A block's normalised text: the raw bytes themselves when nothing changes (most lines of
/// most pages, which then cost no copy and no allocation), else built piece by piece.
pub enum Normalized<'a> {
    Raw { text: &'a str, span: Span },
    Built(TextBuilder),
}

impl Normalized<'_> {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        match self {
            Normalized::Raw { text, .. } => text,
            Normalized::Built(b) => b.as_str(),
        }
    }

    /// True when no text is left.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }

    /// The text as a builder, with offsets into `raw`.
    pub fn into_builder(self, raw: &str) -> TextBuilder {
        match self {
            Normalized::Raw { span, .. } => {
                let mut b = TextBuilder::new();
                b.push_copy(raw, span);
                b
            }
            Normalized::Built(b) => b,
        }
    }

    /// Appends the text to `out`, offsets and all.
    pub fn append_to(self, out: &mut TextBuilder, raw: &str) {
        match self {
            Normalized::Raw { span, .. } => out.push_copy(raw, span),
            Normalized::Built(b) => out.append(b),
        }
    }
}

/// Folds whitespace to single spaces, drops invisible characters and applies NFC, keeping
/// unchanged words as exact copies so their offsets map one to one.
pub fn normalize_block<'a>(raw: &'a str, block: &Block) -> Normalized<'a> {
    if let [piece] = block.pieces.as_slice() {
        let text = piece.raw.slice(raw);
        if piece.text.is_none() && is_folded(text) && drop_cap_space(text).is_none() {
            return Normalized::Raw { text, span: piece.raw };
        }
    }
    Normalized::Built(build(raw, block))
}

/// [`normalize_block`] piece by piece.
fn build(raw: &str, block: &Block) -> TextBuilder {
    build_with(raw, block, true)
}

/// [`build`]; `copy_folded`: copy text already in normal form whole (the result is the same
/// as word by word, which tests compare it with).
fn build_with(raw: &str, block: &Block, copy_folded: bool) -> TextBuilder {
    let mut out = Folder { b: TextBuilder::with_capacity(block.raw_span().len(), block.pieces.len()), pending: None, raw };
    let several = block.pieces.len() > 1;
    // The raw offset of the space after a drop cap that joins its word, if the block opens so.
    let join_at = block.pieces.first().filter(|p| p.text.is_none()).and_then(|p| Some(p.raw.start + drop_cap_space(p.raw.slice(raw))?));
    for piece in &block.pieces {
        match &piece.text {
            None => {
                // Text in normal form, perhaps with white space around it (an indented line of
                // wire copy): one copy, where word by word it would be read a character at a
                // time. A lone piece got here by failing the folded test already: not asked
                // twice.
                let (before, inner, after) = ascii_trimmed(raw, piece.raw);
                let asked = !several && inner == piece.raw;
                let drop_cap = join_at.is_some_and(|at| inner.start <= at && at < inner.end);
                if copy_folded && !asked && !drop_cap && !inner.is_empty() && is_folded(inner.slice(raw)) {
                    if !before.is_empty() {
                        out.space(before);
                    }
                    out.flush_space();
                    out.b.push_copy(raw, inner);
                    if !after.is_empty() {
                        out.space(after);
                    }
                    continue;
                }
                let text = piece.raw.slice(raw);
                let mut i = 0;
                for (start, end, is_space) in runs(text) {
                    let span = Span::new(piece.raw.start + start, piece.raw.start + end);
                    if is_space && Some(span.start) == join_at && span.len() == 1 {
                        // The space after a paragraph's ornamental capital is no space in the text.
                    } else if is_space {
                        out.space(span);
                    } else {
                        out.word_raw(span);
                    }
                    i = end;
                }
                debug_assert_eq!(i, text.len());
            }
            Some(text) => {
                for (start, end, is_space) in runs(text) {
                    if is_space {
                        out.space(piece.raw);
                    } else {
                        out.word_replaced(&text[start..end], piece.raw);
                    }
                }
            }
        }
    }
    out.b
}

/// A span split into its leading ASCII white space, the rest, and its trailing ASCII white
/// space (all of it leading when it is all white space).
fn ascii_trimmed(raw: &str, span: Span) -> (Span, Span, Span) {
    // Vertical tab is white space to `char::is_whitespace` but not to `u8::is_ascii_whitespace`.
    let text = |b: &u8| !b.is_ascii_whitespace() && *b != 0x0b;
    let bytes = span.slice(raw).as_bytes();
    let start = span.start + bytes.iter().position(text).unwrap_or(bytes.len());
    let end = span.start + bytes.iter().rposition(text).map_or(bytes.len(), |i| i + 1);
    let inner = Span::new(start, end.max(start));
    (Span::new(span.start, inner.start), inner, Span::new(inner.end, span.end))
}

struct Folder<'a> {
    b: TextBuilder,
    /// Raw whitespace seen since the last word; emitted as one space before the next word.
    pending: Option<Span>,
    raw: &'a str,
}

impl Folder<'_> {
    fn space(&mut self, span: Span) {
        self.pending = Some(match self.pending {
            Some(p) => Span::new(p.start, span.end.max(p.end)),
            None => span,
        });
    }

    fn flush_space(&mut self) {
        if let Some(p) = self.pending.take() {
            if self.b.is_empty() {
                return;
            }
            if p.slice(self.raw) == " " {
                self.b.push_copy(self.raw, p);
            } else {
                self.b.push_replacement(" ", p);
            }
        }
    }

    fn word_raw(&mut self, span: Span) {
        let word = span.slice(self.raw);
        if !word.is_ascii() && self.repaired(word, span) {
            return;
        }
        if is_plain(word) {
            self.flush_space();
            self.b.push_copy(self.raw, span);
        } else {
            let fixed = fix_word(word);
            if !fixed.is_empty() {
                self.flush_space();
                self.push_fixed(&fixed, span);
            }
        }
    }

    /// Appends `fixed`, the repaired form of the raw word at `span`: what it shares with the
    /// raw word at either end as exact copies, so that offsets there map one to one, and the
    /// rest as a replacement (replaced whole, "Zu\u{308}rich." gave a mention of Zürich the
    /// raw end of the word, its full stop included, and one after a byte-order mark began at
    /// the mark).
    fn push_fixed(&mut self, fixed: &str, span: Span) {
        let word = span.slice(self.raw);
        let head = shared_bytes(word.chars(), fixed.chars());
        let tail = shared_bytes(word[head..].chars().rev(), fixed[head..].chars().rev());
        let (word_mid, fixed_mid) = (word.len() - tail, fixed.len() - tail);
        self.b.push_copy(self.raw, Span::new(span.start, span.start + head));
        self.b.push_replacement(&fixed[head..fixed_mid], Span::new(span.start + head, span.start + word_mid));
        self.b.push_copy(self.raw, Span::new(span.start + word_mid, span.end));
    }

    /// Replaces a mojibake word by its repair; false when the word was not mojibake.
    fn repaired(&mut self, word: &str, span: Span) -> bool {
        let Some(fixed) = mojibake::repair(word) else { return false };
        // A repaired no-break space ("Â\u{a0}") is a space, and may sit inside the word.
        let fixed: String = fix_word(&fixed).chars().map(|c| if is_space(c) { ' ' } else { c }).collect();
        match fixed.trim() {
            "" => self.space(span),
            text => {
                self.flush_space();
                self.push_fixed(text, span);
            }
        }
        true
    }

    fn word_replaced(&mut self, word: &str, span: Span) {
        if !word.is_ascii() && self.repaired(word, span) {
            return;
        }
        let fixed = fix_word(word);
        if !fixed.is_empty() {
            self.flush_space();
            self.b.push_replacement(&fixed, span);
        }
    }
}

/// Where in `text` the space after a drop cap is, when the block opens with a paragraph's
/// first letter set apart as a drop cap and scraped with a space after it ("T he", "H ong
/// Kong"), and the letter joins its word ([`is_drop_cap`]).
fn drop_cap_space(text: &str) -> Option<usize> {
    // Most blocks open with a word of two letters or more and are out at their second byte.
    let lead = match text.as_bytes() {
        [c, ..] if c.is_ascii_whitespace() => text.len() - text.trim_start_matches(|c: char| c.is_ascii_whitespace()).len(),
        [_, b' ', ..] => 0,
        _ => return None,
    };
    let rest = &text[lead..];
    // A capital, one space, a small letter: most blocks are out at their first bytes.
    let [capital, b' ', l, ..] = rest.as_bytes() else { return None };
    if !(capital.is_ascii_uppercase() && l.is_ascii_lowercase()) {
        return None;
    }
    is_drop_cap(*capital, &rest[2..]).then_some(lead + 1)
}

/// Words a paragraph opens with whose letters after the first are a word as well ("T he",
/// "W hen", "T here"): joined although the letters alone would stand.
const OPENING_WORDS: &[&str] = &[
    "the", "this", "that", "these", "those", "there", "then", "they", "when", "where", "what", "who", "while", "we", "he", "she",
    "it", "in", "on", "at", "as", "an", "and", "of", "for", "but", "by", "if", "one", "our", "his", "her", "their", "its", "all",
];

/// Whether the drop cap `capital` joins `word`, the text after it: the capital and
/// the word's letters make a word of the news vocabulary, and the letters alone are none
/// ("H ong" → "Hong", "B ut" → "But") or the word is a common opening ("T he" → "The"). Two
/// words stay apart ("S and P", "A man", "T cells").
fn is_drop_cap(capital: u8, word: &str) -> bool {
    let letters = &word[..word.bytes().take_while(u8::is_ascii_lowercase).count()];
    if letters.is_empty() {
        return false;
    }
    let joined = format!("{}{letters}", char::from(capital));
    let opening = OPENING_WORDS.iter().any(|w| w.eq_ignore_ascii_case(&joined));
    crate::lexicon::is_news_word(&joined) && (opening || !crate::lexicon::is_news_word(letters))
}

/// The bytes of the characters two sequences share before they first differ.
fn shared_bytes(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum()
}

/// Splits text into alternating runs of whitespace and non-whitespace: `(start, end, is_space)`.
fn runs(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, c) = iter.next()?;
        let space = is_space(c);
        let mut end = start + c.len_utf8();
        let mut last = c;
        while let Some(&(i, c)) = iter.peek() {
            // A no-break space after "Ã" or "Â" may be the second byte of mojibake ("Ã\u{a0}" is "à").
            let joins = !space && c == '\u{a0}' && mojibake::joins_next_space(last);
            if is_space(c) != space && !joins {
                break;
            }
            end = i + c.len_utf8();
            last = c;
            iter.next();
        }
        Some((start, end, space))
    })
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Words that need no change separated by single spaces (most lines of most news text): word
/// by word, every word would be copied as it is.
fn is_folded(text: &str) -> bool {
    let b = text.as_bytes();
    let edges = b.first().is_some_and(|&c| c != b' ') && b.last().is_some_and(|&c| c != b' ');
    let ByteTests { double, control, ascii } = byte_tests(b);
    if !edges || double || control {
        return false;
    }
    if ascii {
        return true;
    }
    // Curly quotes, dashes and accents: what `word_raw` would copy unchanged — no other
    // space, no invisible character, no mojibake, and NFC already. A character mojibake starts
    // with ("ç", "ã") is mojibake only before one that may continue it: "ação" and "São",
    // whose bytes are no UTF-8, are left as they are, and need no reading word by word (a
    // Portuguese page's every line did). Runs of ASCII (most bytes, even here) are stepped
    // over eight bytes at a time; a character is decoded where one starts.
    let plain = |c: char| !is_space(c) && !is_invisible(c) && !mojibake::is_c1(c);
    let (mut nfc, mut after_lead) = (true, false);
    let mut i = 0;
    while i < b.len() {
        if let Some(eight) = b.get(i..i + 8).filter(|e| u64::from_le_bytes((*e).try_into().expect("eight bytes")) & HIGH == 0) {
            i += eight.len();
            after_lead = false;
        } else if b[i] < 0x80 {
            i += 1;
            after_lead = false;
        } else {
            let c = text[i..].chars().next().expect("characters start outside ASCII runs");
            if !plain(c) || (after_lead && mojibake::may_continue_mojibake(c)) {
                return false;
            }
            after_lead = mojibake::is_lead(c);
            nfc &= is_nfc_alone(c);
            i += c.len_utf8();
        }
    }
    // Only characters that are NFC in any company: no need for the normalisation tables.
    nfc || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// What [`byte_tests`] finds in a block.
struct ByteTests {
    /// Two spaces in a row.
    double: bool,
    /// A control character or DEL.
    control: bool,
    /// ASCII only.
    ascii: bool,
}

/// The high bit of each of eight bytes.
pub(super) const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of `x` that is zero, exactly (no carry crosses a byte).
pub(super) fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// `b` in each of eight bytes.
pub(super) const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// For eight ASCII bytes (high bits clear): the high bit of each byte from `first` to `last`.
/// Adding `0x80 - c` to a byte below 0x80 sets its high bit exactly when it is `c` or more,
/// and cannot carry into the next byte.
#[inline]
pub(super) fn bytes_within(x: u64, first: u8, last: u8) -> u64 {
    let at_least = |c: u8| x.wrapping_add(splat(0x80 - c)) & HIGH;
    at_least(first) & !at_least(last + 1)
}

/// Reads a block eight bytes at a time with word-wide bit tests (blocks are short: a
/// searcher's set-up and a loop a byte at a time cost more).
fn byte_tests(b: &[u8]) -> ByteTests {
    let (mut high, mut control, mut double, mut space_before) = (0u64, 0u64, 0u64, 0u64);
    let mut step = |x: u64| {
        high |= x;
        // Some byte below 0x20 (exact about whether any is, though borrows may mark others),
        // or DEL.
        control |= (x.wrapping_sub(splat(0x20)) & !x) | zero_bytes(x ^ splat(0x7f));
        let space = zero_bytes(x ^ splat(b' '));
        // A space after a space: the byte before within the eight, or the last eight's last.
        double |= space & (space << 8 | space_before >> 56);
        space_before = space;
    };
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        step(u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    // The tail, padded with a letter.
    let mut tail = [b'a'; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    step(u64::from_le_bytes(tail));
    ByteTests { double: double != 0, control: control & HIGH != 0, ascii: high & HIGH == 0 }
}

/// Characters that are in NFC and never combine, whatever surrounds them (quick check "yes"
/// and combining class 0, which a test checks): everything before the combining marks
/// (U+0300), general punctuation's dashes, quotes and ellipsis, and the letters of Cyrillic,
/// kana, CJK ideographs, Hangul syllables and CJK and full-width punctuation, so that news in
/// those scripts is not read a second time through the normalisation tables.
fn is_nfc_alone(c: char) -> bool {
    c < '\u{300}'
        || matches!(c,
            '\u{2010}'..='\u{2027}' | '\u{400}'..='\u{482}' | '\u{48a}'..='\u{52f}' | '\u{3000}'..='\u{3029}' | '\u{3041}'..='\u{3096}'
            | '\u{30a1}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' | '\u{ff01}'..='\u{ff60}')
}

/// Characters that carry no text: zero-width marks, soft hyphens, byte-order marks, controls.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}')
        || (c.is_control() && !c.is_whitespace())
}

/// True when the word needs no change (the common, fast case).
fn is_plain(word: &str) -> bool {
    if word.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return true;
    }
    !word.chars().any(is_invisible) && is_nfc_quick(word.chars()) == IsNormalized::Yes
}

/// The NFC form of a word without its invisible characters.
fn fix_word(word: &str) -> String {
    word.chars().filter(|&c| !is_invisible(c)).nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::blocks::Piece;

    #[test]
    fn word_wide_byte_tests_agree_with_bytewise_ones() {
        let mut rng = crate::testing::Lcg::new(17);
        let alphabet = [b' ', b' ', b' ', b'a', b'Z', b'~', b'!', 0x7f, 0x1f, b'\t', 0x80, 0xe2, 0xff, 0x00];
        for _ in 0..20_000 {
            let len = rng.below(40) as usize;
            let b: Vec<u8> = (0..len).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
            let got = byte_tests(&b);
            assert_eq!(got.double, b.windows(2).any(|w| w == b"  "), "{b:?}");
            assert_eq!(got.control, b.iter().any(|&c| c < 0x20 || c == 0x7f), "{b:?}");
            assert_eq!(got.ascii, b.is_ascii(), "{b:?}");
        }
    }

    #[test]
    fn characters_alone_in_nfc_are_quick_check_yes_and_never_combine() {
        let alone: Vec<char> = (char::MIN..=char::MAX).filter(|&c| is_nfc_alone(c)).collect();
        assert!(alone.len() > 20_000);
        for c in alone {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{c:?}");
        }
    }

    fn norm(raw: &str) -> (String, crate::doc::OffsetMap) {
        let block = Block { pieces: smallvec::smallvec![Piece { raw: Span::new(0, raw.len()), text: None }] };
        normalize_block(raw, &block).into_builder(raw).finish()
    }

    #[test]
    fn a_drop_cap_scraped_apart_joins_its_word() {
        for (raw, want) in [
            ("H ong Kong is burning.", "Hong Kong is burning."),
            ("T he final began on Monday.", "The final began on Monday."),
            ("A nd then  it rained.", "And then it rained."),
            // Words alone, or letters that make no word with the capital, stay apart.
            ("A man said so.", "A man said so."),
            ("I think so.", "I think so."),
            ("T cells attack the virus.", "T cells attack the virus."),
            ("E coli spread fast.", "E coli spread fast."),
            ("S and P cut the rating.", "S and P cut the rating."),
            ("B ut the vote went ahead.", "But the vote went ahead."),
        ] {
            assert_eq!(norm(raw).0, want, "{raw}");
        }
        // Offsets still lead to the raw words: "Kong" is where it was.
        let (text, map) = norm("H ong Kong");
        let kong = text.find("Kong").unwrap();
        assert_eq!(map.span_to_raw(Span::new(kong, kong + 4)), Span::new(6, 10));
        // So does a block of several pieces whose first is copied whole.
        let raw = "M uch was said &amp; done";
        let block = Block {
            pieces: smallvec::smallvec![
                Piece { raw: Span::new(0, 15), text: None },
                Piece { raw: Span::new(15, 20), text: Some("&".into()) },
                Piece { raw: Span::new(20, raw.len()), text: None },
            ],
        };
        assert_eq!(normalize_block(raw, &block).as_str(), "Much was said & done");
    }

    #[test]
    fn repairs_mojibake_with_offsets_to_the_broken_bytes() {
        let raw = "Itâ€™s a cafÃ©\u{a0}crÃ¨me, voilÃ\u{a0}Â\u{a0}done";
        let (text, map) = norm(raw);
        assert_eq!(text, "It’s a café crème, voilà done");
        let s = text.find("crème").unwrap();
        assert_eq!(map.span_to_raw(Span::new(s, s + "crème,".len())).slice(raw), "crÃ¨me,");
    }

    #[test]
    fn folded_text_is_copied_whole_as_word_by_word() {
        for raw in ["The council met on Tuesday.", "A  double space", " leading", "trailing ", "tab\there", "x", "It’s “done” — now"] {
            let (text, map) = norm(raw);
            assert_eq!(text, raw.split_whitespace().collect::<Vec<_>>().join(" "), "{raw:?}");
            let s = text.find(text.split(' ').next_back().unwrap()).unwrap();
            assert_eq!(map.span_to_raw(Span::new(s, text.len())).slice(raw), text.split(' ').next_back().unwrap());
        }
        assert!(is_folded("The council met.") && !is_folded("A  b") && !is_folded(" a"));
        // Accents mojibake could start with, before nothing that could continue it, are
        // correct text; before a character that may, the word is read and repaired.
        assert!(is_folded("caf\u{e9}") && is_folded("Notícias de São Paulo: ação") && is_folded("Â 5"));
        assert!(!is_folded("cafÃ©") && !is_folded("Â£5") && !is_folded("Ã\u{a0}") && !is_folded("ç€"));
        // A folded line is its raw bytes, borrowed; any other is built.
        let block = |raw: &str| Block { pieces: smallvec::smallvec![Piece { raw: Span::new(0, raw.len()), text: None }] };
        assert!(matches!(normalize_block("It’s done.", &block("It’s done.")), Normalized::Raw { text: "It’s done.", .. }));
        assert!(matches!(normalize_block("A  b", &block("A  b")), Normalized::Built(_)));
        assert!(is_folded("It’s — “done”") && !is_folded("It’s\u{a0}done") && !is_folded("donâ€™t") && !is_folded("e\u{301}"));
    }

    #[test]
    fn folded_text_with_space_around_is_copied_as_word_by_word() {
        // Lines of wire copy and scraped pages: indents, trailing blanks, text in normal form
        // or not (double spaces, no-break spaces, mojibake, combining marks, invisibles).
        let edges = ["", "", " ", "    ", "\t", " \u{b}", "\u{a0}", "\u{3000} ", "\r"];
        let words = [
            "The", "council", "met,", "on", "Tuesday.", "It’s", "“done”", "—", "café", "1,2", "e\u{301}", "Ã©", "Ã", "a\u{200b}b", "x\u{a0}y", "ação", "São", "Â£5",
            "ç€", "voilÃ", "donâ€™t", "señor",
        ];
        let gaps = [" ", " ", " ", " ", " ", "  ", "\u{a0}", "\t"];
        let mut rng = crate::testing::Lcg::new(23);
        let mut pick = |options: &[&'static str]| options[rng.below(options.len() as u64) as usize];
        let (mut shortcut, mut compared) = (0, 0);
        for _ in 0..5_000 {
            let mut raw = String::new();
            let mut pieces = smallvec::SmallVec::new();
            let n_lines = 1 + pick(&["", "", "x", "xx"]).len();
            for line in 0..n_lines {
                if line > 0 {
                    let start = raw.len();
                    raw.push('\n');
                    pieces.push(Piece { raw: Span::new(start, raw.len()), text: Some(" ".into()) });
                }
                let start = raw.len();
                raw.push_str(pick(&edges));
                for w in 0..1 + pick(&["", "x", "xx", "xxxxx"]).len() {
                    if w > 0 {
                        raw.push_str(pick(&gaps));
                    }
                    raw.push_str(pick(&words));
                }
                raw.push_str(pick(&edges));
                pieces.push(Piece { raw: Span::new(start, raw.len()), text: None });
            }
            let block = Block { pieces };
            let (_, inner, _) = ascii_trimmed(&raw, block.pieces[0].raw);
            shortcut += usize::from(is_folded(inner.slice(&raw)) && inner != block.pieces[0].raw);
            assert_eq!(build_with(&raw, &block, true).finish(), build_with(&raw, &block, false).finish(), "{raw:?}");
            compared += 1;
        }
        // Both ways through are common, so the comparison tests the shortcut.
        assert!(shortcut > compared / 10 && shortcut < compared * 9 / 10, "{shortcut} of {compared}");
    }

    #[test]
    fn ascii_trimmed_splits_off_ascii_white_space_only() {
        fn split(raw: &str) -> (&str, &str, &str) {
            let (a, b, c) = ascii_trimmed(raw, Span::new(0, raw.len()));
            (a.slice(raw), b.slice(raw), c.slice(raw))
        }
        assert_eq!(split("    The bank said. "), ("    ", "The bank said.", " "));
        assert_eq!(split("\u{b}\tx\r"), ("\u{b}\t", "x", "\r"));
        assert_eq!(split("\u{a0}x"), ("", "\u{a0}x", ""));
        assert_eq!(split("   "), ("   ", "", ""));
        assert_eq!(split(""), ("", "", ""));
    }

    #[test]
    fn characters_nfc_alone_are_nfc_and_do_not_combine() {
        for c in ('\u{0}'..'\u{300}').chain('\u{2010}'..='\u{2027}') {
            assert!(is_nfc_alone(c));
            // After a letter and before a combining mark: no composition, no reordering.
            let text: String = ['a', c, 'b'].iter().collect();
            assert_eq!(is_nfc_quick(text.chars()), IsNormalized::Yes, "{c:?}");
            assert_eq!(text.nfc().collect::<String>(), text, "{c:?}");
        }
        assert!(!is_nfc_alone('\u{301}') && !is_nfc_alone('\u{2126}'));
    }

    #[test]
    fn folds_spaces_and_nfc() {
        let raw = "  Cafe\u{301}\u{a0}\u{a0}au  lait\u{200b}s ";
        let (text, map) = norm(raw);
        assert_eq!(text, "Café au laits");
        let s = text.find("au").unwrap();
        assert_eq!(map.span_to_raw(Span::new(s, s + 2)).slice(raw), "au");
        assert_eq!(map.span_to_raw(Span::new(0, 5)).slice(raw), "Cafe\u{301}");
    }

    #[test]
    fn a_repaired_word_maps_what_it_kept_one_to_one() {
        // Each: raw text, a stretch of the clean text, the raw text it must map to.
        for (raw, clean, from) in [
            ("In Zu\u{308}rich.", "Zürich", "Zu\u{308}rich"),
            ("In Zu\u{308}rich.", "rich.", "rich."),
            ("\u{feff}BOM then", "BOM", "BOM"),
            ("Wa\u{200b}ng Yi", "Wang", "Wa\u{200b}ng"),
            ("Wa\u{200b}ng Yi", "Wa", "Wa"),
            ("Jose\u{301}.", "José", "Jose\u{301}"),
            ("â€œWang Yi", "Wang", "Wang"),
        ] {
            let (text, map) = norm(raw);
            let s = text.find(clean).unwrap_or_else(|| panic!("{clean:?} in {text:?}"));
            assert_eq!(map.span_to_raw(Span::new(s, s + clean.len())).slice(raw), from, "{raw:?}");
        }
    }
}
