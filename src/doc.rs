//! The one data model every stage reads and extends. Nothing else defines offsets.
//!
//! All spans inside the core are UTF-8 byte offsets; `table` converts them to code points
//! for Python, where `str` slicing counts characters.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers in `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// One stretch of cleaned text and the raw bytes it came from.
///
/// `exact` stretches are byte-for-byte copies, so offsets inside them map one to one;
/// the others (reflowed line breaks, decoded entities, normalised characters) map as a
/// whole to the raw stretch they replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Segment {
    clean: Span,
    raw: Span,
    exact: bool,
}

/// Maps offsets in the cleaned text back to offsets in the raw input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

impl OffsetMap {
    /// Gives back the capacity the segments do not use.
    pub fn shrink_to_fit(&mut self) {
        self.segments.shrink_to_fit();
    }

    /// Bytes held by the segments.
    pub fn heap_size(&self) -> usize {
        self.segments.capacity() * std::mem::size_of::<Segment>()
    }

    /// The raw offset where the cleaned character at `clean` starts.
    pub fn start_to_raw(&self, clean: usize) -> usize {
        let i = self.segments.partition_point(|s| s.clean.end <= clean);
        match self.segments.get(i) {
            Some(s) if s.exact => s.raw.start + (clean.max(s.clean.start) - s.clean.start),
            Some(s) => s.raw.start,
            None => self.segments.last().map_or(0, |s| s.raw.end),
        }
    }

    /// The raw offset where cleaned text ending at `clean` ends.
    pub fn end_to_raw(&self, clean: usize) -> usize {
        let i = self.segments.partition_point(|s| s.clean.end < clean);
        match self.segments.get(i) {
            Some(s) if s.exact => s.raw.start + (clean.max(s.clean.start) - s.clean.start),
            Some(s) => s.raw.end,
            None => self.segments.last().map_or(0, |s| s.raw.end),
        }
    }

    /// The raw span a cleaned span came from.
    pub fn span_to_raw(&self, clean: Span) -> Span {
        if clean.is_empty() {
            let p = self.start_to_raw(clean.start);
            return Span::new(p, p);
        }
        Span::new(self.start_to_raw(clean.start), self.end_to_raw(clean.end))
    }
}

/// Builds cleaned text piece by piece while recording where each piece came from.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
}

impl TextBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty builder with room for `bytes` of text and `pieces` pushed pieces (a cleaned
    /// text's length is about its raw length: growing to it by doubling copied the text over
    /// and over).
    pub fn with_capacity(bytes: usize, pieces: usize) -> Self {
        TextBuilder { text: String::with_capacity(bytes), map: OffsetMap { segments: Vec::with_capacity(pieces) } }
    }

    /// Current length of the cleaned text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when nothing has been pushed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The cleaned text so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Appends `raw[span]` unchanged.
    pub fn push_copy(&mut self, raw: &str, span: Span) {
        if span.is_empty() {
            return;
        }
        let clean = Span::new(self.text.len(), self.text.len() + span.len());
        self.text.push_str(span.slice(raw));
        if let Some(last) = self.map.segments.last_mut() {
            if last.exact && last.clean.end == clean.start && last.raw.end == span.start {
                last.clean.end = clean.end;
                last.raw.end = span.end;
                return;
            }
        }
        self.map.segments.push(Segment { clean, raw: span, exact: true });
    }

    /// Appends `text` standing for the raw bytes `span`.
    pub fn push_replacement(&mut self, text: &str, span: Span) {
        if text.is_empty() {
            return;
        }
        let clean = Span::new(self.text.len(), self.text.len() + text.len());
        self.text.push_str(text);
        self.map.segments.push(Segment { clean, raw: span, exact: false });
    }

    /// Appends another builder's text and map after this one's.
    pub fn append(&mut self, other: TextBuilder) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        for mut seg in other.map.segments {
            seg.clean.start += shift;
            seg.clean.end += shift;
            self.map.segments.push(seg);
        }
    }

    /// Drops the first `at` bytes of text and returns the raw bytes they came from, when `at`
    /// falls on a piece boundary or inside an exact copy (a replacement cannot be split).
    pub fn drop_front(&mut self, at: usize) -> Option<Span> {
        if at == 0 || at > self.text.len() || !self.text.is_char_boundary(at) {
            return None;
        }
        let i = self.map.segments.iter().position(|s| s.clean.end > at).unwrap_or(self.map.segments.len());
        let cut_raw = match self.map.segments.get(i) {
            Some(s) if s.clean.start < at && !s.exact => return None,
            Some(s) => s.raw.start + (at - s.clean.start.min(at)),
            None => self.map.segments.last()?.raw.end,
        };
        let raw = Span::new(self.map.segments.first()?.raw.start, cut_raw);
        self.map.segments.drain(..i);
        if let Some(s) = self.map.segments.first_mut() {
            if s.clean.start < at {
                s.raw.start += at - s.clean.start;
                s.clean.start = at;
            }
        }
        for s in &mut self.map.segments {
            s.clean.start -= at;
            s.clean.end -= at;
        }
        self.text.drain(..at);
        Some(raw)
    }

    /// Removes a trailing replacement separator (e.g. a paragraph break nothing follows).
    pub fn trim_end_replacement(&mut self) {
        while let Some(last) = self.map.segments.last() {
            let piece = &self.text[last.clean.start..last.clean.end];
            if !last.exact && piece.trim().is_empty() {
                self.text.truncate(last.clean.start);
                self.map.segments.pop();
            } else {
                break;
            }
        }
    }

    /// The finished text and its offset map.
    pub fn finish(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }
}

/// Entity types the tagger predicts (CoNLL-2003's four).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
}

impl Label {
    /// All labels in a fixed order.
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// The CoNLL name: PER, ORG, LOC or MISC.
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    /// Parses a CoNLL name.
    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Loc),
            "MISC" => Some(Label::Misc),
            _ => None,
        }
    }
}

/// Why a stretch of the input was left out of the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    /// The raw span removed.
    pub raw: Span,
    /// The rule that removed it (e.g. `prompt-refresh`, `duplicate-paragraph`).
    pub rule: &'static str,
}

/// Metadata pulled out of the document or given with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// Publication date as ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Agency or outlet, e.g. `AP`, `Reuters`.
    pub source: Option<String>,
    /// Place named in a wire dateline, e.g. `WASHINGTON`.
    pub place: Option<String>,
    /// Byline of an HTML page.
    pub author: Option<String>,
}

/// A token of the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
}

/// A sentence: its span in the cleaned text and its range of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: (usize, usize),
    /// Index of the paragraph holding the sentence.
    pub paragraph: usize,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Span in the cleaned text.
    pub clean: Span,
    /// Span in the raw input.
    pub raw: Span,
    /// Surface text as it appears in the cleaned text.
    pub text: String,
    pub label: Label,
    /// Model confidence in [0, 1].
    pub score: f32,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
    /// The document's tokens `[start, end)` the mention covers.
    pub tokens: (usize, usize),
    /// Canonical entity name, filled in by `resolve`.
    pub entity: String,
}

/// One input document as the caller hands it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub id: String,
    /// The raw text or HTML; `None` for a missing value.
    pub text: Option<String>,
    /// A date given with the document; wins over one found in the text.
    pub date: Option<String>,
    /// A source given with the document; wins over one found in the text.
    pub source: Option<String>,
}

/// A document with every layer the pipeline has added so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub id: String,
    pub raw: String,
    pub clean: String,
    pub offsets: OffsetMap,
    pub meta: Metadata,
    pub removed: Vec<Removal>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    /// Why this document could not be processed, if it could not.
    pub error: Option<String>,
}

impl Document {
    /// A document holding only its raw text.
    pub fn new(id: impl Into<String>, raw: impl Into<String>) -> Self {
        Document { id: id.into(), raw: raw.into(), ..Default::default() }
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        self.tokens[i].span.slice(&self.clean)
    }

    /// Gives back the capacity its text and tables do not use: processed documents are kept
    /// for the second pass, where slack left by growing them would be a third of their memory.
    pub fn shrink_to_fit(&mut self) {
        self.clean.shrink_to_fit();
        self.offsets.shrink_to_fit();
        self.tokens.shrink_to_fit();
        self.sentences.shrink_to_fit();
        self.paragraphs.shrink_to_fit();
        self.mentions.shrink_to_fit();
        self.removed.shrink_to_fit();
    }

    /// Bytes this document holds in memory, its own size included (an estimate: strings by
    /// capacity, vectors by capacity times their element size).
    pub fn heap_size(&self) -> usize {
        fn vec<T>(v: &[T], capacity: usize) -> usize {
            capacity.max(v.len()) * std::mem::size_of::<T>()
        }
        let strings = [Some(&self.id), Some(&self.raw), Some(&self.clean), self.meta.title.as_ref(), self.meta.date.as_ref(), self.meta.source.as_ref(), self.meta.place.as_ref(), self.meta.author.as_ref(), self.error.as_ref()];
        std::mem::size_of::<Self>()
            + strings.iter().flatten().map(|s| s.capacity()).sum::<usize>()
            + self.offsets.heap_size()
            + vec(&self.removed, self.removed.capacity())
            + vec(&self.paragraphs, self.paragraphs.capacity())
            + vec(&self.sentences, self.sentences.capacity())
            + vec(&self.tokens, self.tokens.capacity())
            + vec(&self.mentions, self.mentions.capacity())
            + self.mentions.iter().map(|m| m.text.capacity() + m.entity.capacity()).sum::<usize>()
    }
}

/// Converts byte offsets into `text` to code-point offsets (one pass, any order).
pub fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    if text.is_ascii() {
        return bytes.to_vec();
    }
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    for i in order {
        let b = bytes[i].min(text.len());
        if b > at_byte {
            at_char += text[at_byte..b].chars().count();
            at_byte = b;
        }
        out[i] = at_char;
    }
    out
}

/// Checks that every span of a document is in range, on character boundaries, and
/// consistent with the text it claims to cover; the first violation is described.
pub fn check_offsets(doc: &Document) -> std::result::Result<(), String> {
    let fits = |text: &str, s: Span, what: &str| -> std::result::Result<(), String> {
        if s.start > s.end || s.end > text.len() || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            Err(format!("{what} {s:?} is not a valid span of a {}-byte text", text.len()))
        } else {
            Ok(())
        }
    };
    for (i, p) in doc.paragraphs.iter().enumerate() {
        fits(&doc.clean, *p, &format!("paragraph {i}"))?;
        fits(&doc.raw, doc.offsets.span_to_raw(*p), &format!("raw span of paragraph {i}"))?;
    }
    for r in &doc.removed {
        fits(&doc.raw, r.raw, &format!("removal by {}", r.rule))?;
    }
    let mut last = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        fits(&doc.clean, t.span, &format!("token {i}"))?;
        if t.span.start < last || t.span.is_empty() {
            return Err(format!("token {i} {:?} overlaps the one before or is empty", t.span));
        }
        last = t.span.end;
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        if s.tokens.0 >= s.tokens.1 || s.tokens.1 > doc.tokens.len() || s.paragraph >= doc.paragraphs.len().max(1) {
            return Err(format!("sentence {i} has tokens {:?} of {} or paragraph {}", s.tokens, doc.tokens.len(), s.paragraph));
        }
        fits(&doc.clean, s.span, &format!("sentence {i}"))?;
    }
    for (i, m) in doc.mentions.iter().enumerate() {
        fits(&doc.clean, m.clean, &format!("mention {i}"))?;
        fits(&doc.raw, m.raw, &format!("raw span of mention {i}"))?;
        if m.clean.slice(&doc.clean) != m.text {
            return Err(format!("mention {i} says {:?} but its span covers {:?}", m.text, m.clean.slice(&doc.clean)));
        }
        if m.tokens.0 >= m.tokens.1 || m.tokens.1 > doc.tokens.len() || m.sentence >= doc.sentences.len() {
            return Err(format!("mention {i} has tokens {:?} or sentence {} out of range", m.tokens, m.sentence));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_replaced_segments_map_back() {
        let raw = "ab\n  cd&amp;e";
        let mut b = TextBuilder::new();
        b.push_copy(raw, Span::new(0, 2));
        b.push_replacement(" ", Span::new(2, 5));
        b.push_copy(raw, Span::new(5, 7));
        b.push_replacement("&", Span::new(7, 12));
        b.push_copy(raw, Span::new(12, 13));
        let (text, map) = b.finish();
        assert_eq!(text, "ab cd&e");
        assert_eq!(map.span_to_raw(Span::new(3, 5)), Span::new(5, 7));
        assert_eq!(map.span_to_raw(Span::new(3, 7)), Span::new(5, 13));
        assert_eq!(map.span_to_raw(Span::new(0, 7)), Span::new(0, 13));
        assert_eq!(map.span_to_raw(Span::new(5, 6)), Span::new(7, 12));
    }

    #[test]
    fn char_offsets_count_code_points() {
        let t = "Café ’s Wang";
        let b = t.find("Wang").unwrap();
        assert_eq!(char_offsets(t, &[b, 0, t.len()]), vec![8, 0, 12]);
    }

    #[test]
    fn drop_front_keeps_the_rest_mapped() {
        let raw = "LONDON, March 3 -  Shares rose.";
        let mut b = TextBuilder::new();
        b.push_copy(raw, Span::new(0, 17));
        b.push_replacement(" ", Span::new(17, 19));
        b.push_copy(raw, Span::new(19, raw.len()));
        assert_eq!(b.drop_front(3), Some(Span::new(0, 3)));
        let at = b.as_str().find("Shares").unwrap();
        assert_eq!(b.drop_front(at).map(|s| s.slice(raw)), Some("DON, March 3 -  "));
        let (text, map) = b.finish();
        assert_eq!(text, "Shares rose.");
        assert_eq!(map.span_to_raw(Span::new(0, 6)).slice(raw), "Shares");
        let mut r = TextBuilder::new();
        r.push_replacement("ab", Span::new(0, 5));
        assert_eq!(r.drop_front(1), None, "a replacement cannot be split");
    }

    #[test]
    fn adjacent_copies_merge() {
        let raw = "abcdef";
        let mut b = TextBuilder::new();
        b.push_copy(raw, Span::new(0, 3));
        b.push_copy(raw, Span::new(3, 6));
        let (_, map) = b.finish();
        assert_eq!(map.segments.len(), 1);
    }
}
