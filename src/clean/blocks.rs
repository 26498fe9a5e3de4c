//! Splits plain text into blocks (paragraphs), reflowing hard-wrapped lines.

use smallvec::SmallVec;

use crate::doc::{Removal, Span};

/// A run of input that becomes one paragraph candidate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    /// Most blocks are one piece (a line of a page, a paragraph), kept inline.
    pub pieces: SmallVec<[Piece; 1]>,
}

impl Block {
    /// The raw span from the first piece to the last.
    pub fn raw_span(&self) -> Span {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(a), Some(b)) => Span::new(a.raw.start, b.raw.end),
            _ => Span::default(),
        }
    }
}

/// A piece of a block: raw bytes kept as they are, or text that replaces them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub raw: Span,
    /// Replacement text (decoded entity, line break turned into a space); `None` keeps the raw bytes.
    pub text: Option<String>,
}

/// Lines longer than this are prose that was not hard-wrapped.
const WRAP_WIDTH: usize = 82;

/// Splits `raw` into blocks: blank lines always separate; when the text is hard-wrapped,
/// consecutive lines join into one paragraph and an indented line starts a new one;
/// otherwise every line is a block of its own (scraped text keeps one block a line). Also
/// the removals made on the way: carriage returns written out as text ("^M").
pub fn text_blocks(raw: &str) -> (Vec<Block>, Vec<Removal>) {
    let (lines, written) = lines(raw);
    let wrapped = is_hard_wrapped(raw, &lines);
    // Where the next "&" is, from where it was last looked for: most texts hold none at all,
    // and most lines of those that do hold none either, so that their lines are not searched
    // one by one.
    let mut amp = memchr::memchr(b'&', raw.as_bytes()).unwrap_or(raw.len());
    // At most a block a line (one a line on a scraped page): room for them from the start.
    let mut blocks = Vec::with_capacity(lines.len());
    let mut current: Option<Block> = None;
    let mut prev_end = 0;
    let mut before = "";
    for line in &lines {
        crate::budget::check();
        let text = line.slice(raw);
        let blank = trim(text).is_empty();
        let indented = is_indented(text);
        // A wire sign-off or "MORE" after a finished sentence is a line of its own, however
        // it is indented (" REUTER" had been read into the last paragraph, " MORE" made an
        // organisation in 11 Reuters stories); "reported by\nReuters." goes on.
        let marker = || before.trim_end().ends_with(['.', '!', '?', '"', '\'', ')']) && super::metadata::is_wire_marker(text);
        let continues = wrapped && !blank && !indented && current.is_some() && !marker();
        if !blank {
            before = text;
        }
        if !continues {
            if let Some(b) = current.take() {
                blocks.push(b);
            }
        }
        if blank {
            prev_end = line.end;
            continue;
        }
        let block = current.get_or_insert_with(Block::default);
        if !block.pieces.is_empty() {
            block.pieces.push(Piece { raw: Span::new(prev_end, line.start), text: Some(" ".into()) });
        }
        if amp < line.start {
            amp = memchr::memchr(b'&', &raw.as_bytes()[line.start..]).map_or(raw.len(), |a| line.start + a);
        }
        if amp < line.end {
            push_decoded(raw, *line, block);
        } else {
            block.pieces.push(Piece { raw: *line, text: None });
        }
        prev_end = line.end;
    }
    if let Some(b) = current {
        blocks.push(b);
    }
    let removed = written.into_iter().map(|raw| Removal { raw, rule: "carriage-return" }).collect();
    (blocks, removed)
}

/// Adds the text at `span` to `block`, each HTML entity in it ("&amp;", "&#227;") a piece
/// that replaces it with what it stands for: HTML's text nodes, and text that was HTML once
/// (BBC News: "S&#227;o Paulo" in 23 stories).
pub(super) fn push_decoded(raw: &str, span: Span, block: &mut Block) {
    let text = span.slice(raw);
    if text.is_empty() {
        return;
    }
    let mut pos = 0;
    while let Some(amp) = memchr::memchr(b'&', &text.as_bytes()[pos..]).map(|a| pos + a) {
        if let Some(semi) = text[amp..].find(';').filter(|&s| s <= 12).map(|s| amp + s) {
            let decoded = html_escape::decode_html_entities(&text[amp..=semi]);
            if decoded != text[amp..=semi] {
                push_copy(block, span.start + pos, span.start + amp);
                block.pieces.push(Piece { raw: Span::new(span.start + amp, span.start + semi + 1), text: Some(decoded.into_owned()) });
                pos = semi + 1;
                continue;
            }
        }
        // No entity here: the "&" stays as written.
        push_copy(block, span.start + pos, span.start + amp + 1);
        pos = amp + 1;
    }
    push_copy(block, span.start + pos, span.end);
}

fn push_copy(block: &mut Block, start: usize, end: usize) {
    if end > start {
        block.pieces.push(Piece { raw: Span::new(start, end), text: None });
    }
}

/// `text` without leading and trailing white space, as `str::trim` gives it: most lines start
/// and end with a printable ASCII character, told from one byte at each end without
/// decoding (trimming was about a fifth of splitting a page into lines).
pub fn trim(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !(b as char).is_whitespace());
    let b = text.as_bytes();
    if printable(b.first()) && printable(b.last()) { text } else { text.trim() }
}

/// An indented line: in wire copy, the start of a paragraph.
fn is_indented(line: &str) -> bool {
    line.starts_with("  ") || line.starts_with('\t')
}

/// True when most blocks are single lines with no blank line between them: a page scraped to
/// text, one block a line, rather than prose in paragraphs (which is what cleaning outputs).
/// A block on an indented line opens a paragraph of wire copy (a table's row, a one-line
/// paragraph), which is no line of a page.
pub fn one_block_a_line(raw: &str, blocks: &[Block]) -> bool {
    let (mut single, mut all) = (0, 0);
    for w in blocks.windows(2) {
        let (gap, next) = (Span::new(w[0].raw_span().end, w[1].raw_span().start).slice(raw), w[1].raw_span().slice(raw));
        all += 1;
        // Line breaks: `\n`, `\r\n` or `\r`, read byte by byte: a gap is a byte or two, and
        // a search paid its set-up twice a gap (1.2 % of a corpus pass's instructions).
        let g = gap.as_bytes();
        let breaks = g.iter().enumerate().filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || g[i - 1] != b'\r'))).count();
        single += usize::from(breaks == 1 && !is_indented(next));
    }
    all > 0 && single * 2 > all
}

/// Line spans without their terminators (`\n`, `\r\n` or `\r`), nor a carriage return that a
/// conversion wrote out as text before one ("REUTER^M": Reuters-21578 has 35 stories with such
/// lines, whose last word then read "year.^M" and whose sign-off was not seen); and the spans
/// of those written-out carriage returns, which are text the cleaning removes.
fn lines(raw: &str) -> (Vec<Span>, Vec<Span>) {
    let bytes = raw.as_bytes();
    let mut written = Vec::new();
    let mut line = |start: usize, end: usize| {
        if bytes[start..end].ends_with(b"^M") {
            written.push(Span::new(end - 2, end));
            Span::new(start, end - 2)
        } else {
            Span::new(start, end)
        }
    };
    // Room for a line every 32 bytes, about what a scraped page has: its hundreds of lines
    // reallocated the list several times a page.
    let mut out = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // The `\n` of a `\r\n`, already ended with its `\r`.
        if i < start {
            continue;
        }
        out.push(line(start, i));
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
    }
    if start < bytes.len() {
        out.push(line(start, bytes.len()));
    }
    (out, written)
}

/// True when most substantial lines stop short of a fixed width and follow one another
/// without blank lines, as wire copy wrapped at ~70 columns does; or, for an item too short
/// for those counts (a wire brief of two or three lines), when no line passes the width and
/// one breaks mid-sentence, before a lower-case word. Read one block a line, such a brief
/// had its sentences split, and the names in them ("L.K.\nEvans"), in 1,009 of Reuters'
/// 19,779 articles. (Two lines within the width were not enough: a short page scraped to
/// text, one block a line, has as many.)
fn is_hard_wrapped(raw: &str, lines: &[Span]) -> bool {
    let mut long = 0usize;
    let mut within = 0usize;
    let mut joined = 0usize;
    let mut wide = false;
    let mut prev_blank = true;
    for l in lines {
        let t = l.slice(raw).trim_end();
        // Characters, where bytes leave the comparisons below open (a character is one to
        // four bytes): most lines of a scraped page are short menu lines, whose characters
        // need no counting, and most others are ASCII, which a vectorised test tells sooner
        // than the count.
        let n = if t.len() < 40 || t.len() > 4 * WRAP_WIDTH || t.is_ascii() { t.len() } else { t.chars().count() };
        let blank = trim(t).is_empty();
        if n >= 40 {
            long += 1;
            if n <= WRAP_WIDTH {
                within += 1;
            }
        }
        wide |= n > WRAP_WIDTH;
        if !blank && !prev_blank {
            joined += 1;
        }
        prev_blank = blank;
    }
    // Asked last, and of few texts: a page scraped to text has lines past the width.
    (long >= 3 && within * 10 >= long * 9 && joined * 2 >= long) || (!wide && breaks_mid_sentence(raw, lines))
}

/// True when a line that does not end a sentence is followed by one that opens with a
/// lower-case letter.
fn breaks_mid_sentence(raw: &str, lines: &[Span]) -> bool {
    lines.windows(2).any(|w| sentence_goes_on(w[0].slice(raw), w[1].slice(raw)))
}

/// True when text broken after `before` and going on with `after` breaks a sentence: `before`
/// ends without closing punctuation and `after` opens with a lower-case letter.
pub(super) fn sentence_goes_on(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    !before.is_empty() && after.as_bytes().first().is_some_and(u8::is_ascii_lowercase) && !before.ends_with(['.', '!', '?', ':', ';', '"', '\''])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        for t in ["", " ", "a", " a ", "\u{b}a\u{b}", "a\u{a0}", "\u{a0}a", "\u{2003}Grüße\t", "x\u{85}", "é", "a b", "\r\n", "~"] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    fn texts(raw: &str) -> Vec<String> {
        text_blocks(raw)
            .0
            .iter()
            .map(|b| {
                b.pieces
                    .iter()
                    .map(|p| p.text.clone().unwrap_or_else(|| p.raw.slice(raw).to_string()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_sign_off_is_a_line_of_its_own() {
        let raw = "    Shares rose in early trading as the\ncompany reported higher profits.\n REUTER...\n";
        assert_eq!(texts(raw), ["    Shares rose in early trading as the company reported higher profits.", " REUTER..."]);
        // The agency named at the end of a sentence that goes on from the line before is text.
        // A sign-off with its carriage return written out is read without it.
        assert_eq!(texts("    Shares rose.\nREUTER^M\n"), ["    Shares rose.", "REUTER"]);
        let raw = "    The figures, which showed a rise in the\nnumber of exporters, were first reported by\nReuters.\n";
        assert_eq!(texts(raw), ["    The figures, which showed a rise in the number of exporters, were first reported by Reuters."]);
        // So is the "MORE" of a story continued in a later take.
        let raw = "    The mark rose against the\ndollar on Friday.\n MORE\n    Dealers said the rise would go on.\n";
        assert_eq!(texts(raw), ["    The mark rose against the dollar on Friday.", " MORE", "    Dealers said the rise would go on."]);
    }

    #[test]
    fn wire_copy_is_reflowed_and_indents_start_paragraphs() {
        let raw = "Showers continued throughout the week in the\nBahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming crop.\n    The dry period means the harvest will be late this year\nand the trade expects smaller arrivals in the weeks to come.\n";
        let t = texts(raw);
        assert_eq!(t.len(), 2);
        assert!(t[0].starts_with("Showers continued throughout the week in the Bahia cocoa"));
        assert!(t[1].starts_with("    The dry period") || t[1].starts_with("The dry"));
    }

    #[test]
    fn a_short_wrapped_item_is_reflowed() {
        // Two or three lines of a wire brief: too few for the width statistics.
        for raw in [
            "Arvin Industries Inc said L.K.\nEvans has been elected president, succeeding James Baker who\nremains chairman.  Evans had been executive vice president.",
            "Acme Widgets Corp\nsaid its stock was included in the March 17 expansion of the\nmarket system.",
            "The company said it\nexpects a loss in the first quarter.",
        ] {
            assert_eq!(texts(raw).len(), 1, "{raw:?}");
        }
        // Lines that end their sentences, or a line past the width: left as they are.
        assert_eq!(texts("Home\nWorld news\nSport").len(), 3);
        assert_eq!(texts("The Harbour Ledger, your port and your paper\nMenu 2\nStory 2: the ferry to Porto Verde resumed service.").len(), 3);
        assert_eq!(texts("Markets rallied on Monday.\nShares rose.").len(), 2);
        let page = format!("Menu\n{}\nand more", "A paragraph of prose on one line, as a page scraped to text keeps it, well past the width.");
        assert_eq!(texts(&page).len(), 3);
    }

    #[test]
    fn scraped_lines_stay_separate() {
        let raw = "Home\nWorld\nA long paragraph of prose that goes on well past the width at which wire services wrap their copy, as web pages do.\nShare this";
        assert_eq!(texts(raw).len(), 4);
        assert!(one_block_a_line(raw, &text_blocks(raw).0));
        // A line break is "\n", "\r\n" or "\r"; a blank line between blocks makes two.
        for (raw, one) in [("Home\r\nWorld\r\nNews\rSport", true), ("Home\n\nWorld\r\n\r\nNews\r\rSport", false), ("Home\n\rWorld\n\rNews", false)] {
            assert_eq!(one_block_a_line(raw, &text_blocks(raw).0), one, "{raw:?}");
        }
    }

    #[test]
    fn wire_copy_in_indented_rows_is_no_scraped_page() {
        // A wire table: every row its own indented paragraph, one line each.
        let rows: Vec<String> = (1..=14).map(|q| format!("    Quarter {q} net {q}1.5 mln vs {q}0.2 mln")).collect();
        let raw = format!("Shr 27 cts vs 29 cts\n{}", rows.join("\n"));
        let (blocks, _) = text_blocks(&raw);
        assert_eq!(blocks.len(), 15);
        assert!(!one_block_a_line(&raw, &blocks));
    }

    #[test]
    fn crlf_lines() {
        assert_eq!(lines("a\r\nb\rc\n").0, vec![Span::new(0, 1), Span::new(3, 4), Span::new(5, 6)]);
        assert_eq!(lines("a\n\r\nb").0, vec![Span::new(0, 1), Span::new(2, 2), Span::new(4, 5)]);
        assert_eq!(lines("\r\r").0, vec![Span::new(0, 0), Span::new(1, 1)]);
        // A carriage return written out as "^M" ends the line too, at the end of the text as
        // well, and is removed text the audit shows.
        assert_eq!(lines("a year.^M\nREUTER^M"), (vec![Span::new(0, 7), Span::new(10, 16)], vec![Span::new(7, 9), Span::new(16, 18)]));
        assert_eq!(lines("x ^ M\n^M"), (vec![Span::new(0, 5), Span::new(6, 6)], vec![Span::new(6, 8)]));
        let (_, removed) = text_blocks("    Shares rose.\nREUTER^M\n");
        assert_eq!(removed, [Removal { raw: Span::new(23, 25), rule: "carriage-return" }]);
    }
}
