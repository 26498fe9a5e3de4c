//! HTML to blocks: tags become block breaks, entities are decoded, scripts, styles and
//! navigation are dropped with a record of what went.

use super::blocks::{Block, Piece};
use crate::doc::{Removal, Span};

/// Tags whose whole content is never article text; the audit names them.
const SKIPPED: &[(&str, &str)] = &[
    ("script", "html-script"),
    ("style", "html-style"),
    ("noscript", "html-script"),
    ("template", "html-script"),
    ("svg", "html-graphics"),
    ("head", "html-head"),
    ("title", "html-title"),
    ("nav", "html-nav"),
    ("footer", "html-footer"),
    ("aside", "html-aside"),
    ("form", "html-form"),
    ("button", "html-form"),
    ("select", "html-form"),
    ("iframe", "html-embed"),
    ("figcaption", "html-caption"),
];

/// Tags that end a block.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
    "table", "article", "section", "header", "main", "blockquote", "pre", "hr", "figure",
    "figcaption", "dd", "dt", "dl", "body", "html", "title",
];

/// True when the input is markup rather than plain text.
pub fn looks_like_html(raw: &str) -> bool {
    let head = &raw[..floor_char_boundary(raw, 4096)];
    // Every sign of markup holds a '<': plain text, the common input, is told by one vector
    // search rather than a lower-cased copy and six substring searches.
    if memchr::memchr(b'<', head.as_bytes()).is_none() {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    let start = lower.trim_start();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || ["<body", "<p>", "<p ", "<div", "<br", "<article"].iter().any(|t| lower.contains(t))
            && lower.contains("</")
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The blocks of text in `raw` HTML, what was skipped, and the `<title>` if any.
pub fn html_blocks(raw: &str) -> (Vec<Block>, Vec<Removal>, Option<String>) {
    let bytes = raw.as_bytes();
    let mut blocks = Vec::new();
    let mut removed = Vec::new();
    let title = title(raw);
    let mut current = Block::default();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += memchr::memchr(b'<', &bytes[i..]).unwrap_or(bytes.len() - i);
            continue;
        }
        crate::budget::check();
        push_text(raw, Span::new(text_start, i), &mut current);
        let tag_start = i;
        if raw[i..].starts_with("<!--") {
            i = find(raw, i + 4, "-->").map_or(bytes.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        // An unterminated tag runs to the end of the input.
        let close = memchr::memchr(b'>', &bytes[i..]).map(|e| i + e);
        let tag_end = close.map_or(bytes.len(), |c| c + 1);
        let inner = &raw[i + 1..close.unwrap_or(bytes.len())];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        i = tag_end;
        if !closing {
            if let Some((_, rule)) = SKIPPED.iter().find(|(t, _)| *t == name) {
                if !inner.ends_with('/') {
                    let close = format!("</{name}");
                    let end = find_ci(raw, i, &close).unwrap_or(bytes.len());
                    i = skip_tag(raw, end);
                }
                end_block(&mut current, &mut blocks);
                removed.push(Removal { raw: Span::new(tag_start, i), rule });
                text_start = i;
                continue;
            }
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            end_block(&mut current, &mut blocks);
        }
        text_start = i;
    }
    push_text(raw, Span::new(text_start, bytes.len()), &mut current);
    end_block(&mut current, &mut blocks);
    (blocks, removed, title)
}

/// The text of the first `<title>` element.
fn title(raw: &str) -> Option<String> {
    let open = find_ci(raw, 0, "<title")?;
    let start = skip_tag(raw, open);
    let end = find_ci(raw, start, "</title").unwrap_or(raw.len());
    let t = html_escape::decode_html_entities(&raw[start..end]);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn end_block(current: &mut Block, blocks: &mut Vec<Block>) {
    if !current.pieces.is_empty() {
        blocks.push(std::mem::take(current));
    }
}

/// Adds a text node, decoding entities into replacement pieces.
fn push_text(raw: &str, span: Span, block: &mut Block) {
    let text = span.slice(raw);
    if text.is_empty() {
        return;
    }
    let mut pos = 0;
    while let Some(amp) = memchr::memchr(b'&', &text.as_bytes()[pos..]).map(|a| pos + a) {
        let semi = text[amp..].find(';').filter(|&s| s <= 12).map(|s| amp + s);
        match semi {
            Some(semi) => {
                let decoded = html_escape::decode_html_entities(&text[amp..=semi]);
                if decoded != text[amp..=semi] {
                    push_copy(block, span.start + pos, span.start + amp);
                    block.pieces.push(Piece {
                        raw: Span::new(span.start + amp, span.start + semi + 1),
                        text: Some(decoded.into_owned()),
                    });
                    pos = semi + 1;
                    continue;
                }
                push_copy(block, span.start + pos, span.start + amp + 1);
                pos = amp + 1;
            }
            None => {
                push_copy(block, span.start + pos, span.start + amp + 1);
                pos = amp + 1;
            }
        }
    }
    push_copy(block, span.start + pos, span.end);
}

fn push_copy(block: &mut Block, start: usize, end: usize) {
    if end > start {
        block.pieces.push(Piece { raw: Span::new(start, end), text: None });
    }
}

/// `raw` with the text of its scripts and style sheets left out, tags kept: what the main-content
/// extractor parses, which drops both (tokenizing them, half of a page's bytes, was most of its
/// parse). JSON-LD scripts, which it reads for metadata, and scripts that hold a comment opener
/// (in which an HTML parser may read a `</script>` as text) keep their text; anything this scan
/// cannot place (an unterminated tag or element) leaves the rest of the page as it is.
pub(super) fn without_script_text(raw: &str) -> std::borrow::Cow<'_, str> {
    let bytes = raw.as_bytes();
    let (mut out, mut copied, mut i) = (String::new(), 0, 0);
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) {
        if bytes[at..].starts_with(b"<!--") {
            i = find(raw, at + 4, "-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let Some(name) = ["script", "style"].into_iter().find(|n| opens_element(bytes, at + 1, n)) else {
            i = at + 1;
            continue;
        };
        let Some(open_end) = tag_end(bytes, at) else { break };
        let Some(close) = end_tag(raw, open_end, name) else { break };
        let text = &raw[open_end..close];
        let keep = name == "script" && (find_ci(&raw[..open_end], at, "ld+json").is_some() || text.contains("<!--"));
        if !keep && !text.is_empty() {
            out.push_str(&raw[copied..open_end]);
            copied = close;
        }
        i = close + 2;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(raw);
    }
    out.push_str(&raw[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Whether the tag name at `at` is `name` (ASCII case aside) and ends there.
fn opens_element(bytes: &[u8], at: usize, name: &str) -> bool {
    bytes.get(at..at + name.len()).is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
        && bytes.get(at + name.len()).is_some_and(|&b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
}

/// The offset past the `>` of the tag opening at `at`, quoted attribute values read as such
/// (a `>` in one does not end the tag).
fn tag_end(bytes: &[u8], at: usize) -> Option<usize> {
    let (mut quote, mut after_equals) = (None, false);
    for (k, &b) in bytes.iter().enumerate().skip(at + 1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Some(k + 1),
            None if after_equals && (b == b'"' || b == b'\'') => quote = Some(b),
            None => {}
        }
        if quote.is_none() && !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    None
}

/// Where the end tag of the raw-text element `name` starts, searching from `from`: `</name`
/// followed by a space, `/` or `>`, as an HTML tokenizer ends it.
fn end_tag(raw: &str, mut from: usize, name: &str) -> Option<usize> {
    loop {
        let at = find_ci(raw, from, "</")?;
        if opens_element(raw.as_bytes(), at + 2, name) {
            return Some(at);
        }
        from = at + 1;
    }
}

fn find(raw: &str, from: usize, needle: &str) -> Option<usize> {
    raw.get(from..)?.find(needle).map(|p| from + p)
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(raw: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = raw.as_bytes().get(from..)?;
    let (&first, rest) = needle.as_bytes().split_first()?;
    // Candidates by a vector search for the first byte (a '<', rare inside the script or
    // style this skips over, which is most of a modern page), each then compared whole:
    // comparing a window at every byte was a ninth of cleaning a page.
    let mut at = 0;
    while let Some(p) = memchr::memchr2(first.to_ascii_lowercase(), first.to_ascii_uppercase(), &hay[at..]) {
        let start = at + p;
        let tail = hay.get(start + 1..start + 1 + rest.len())?;
        if tail.eq_ignore_ascii_case(rest) {
            return Some(from + start);
        }
        at = start + 1;
    }
    None
}

/// The offset just past the tag starting at `at`.
fn skip_tag(raw: &str, at: usize) -> usize {
    memchr::memchr(b'>', &raw.as_bytes()[at.min(raw.len())..]).map_or(raw.len(), |e| at + e + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_blocks_title_and_entities() {
        let raw = "<html><head><title>Talks &amp; trade</title><style>p{}</style></head><body><nav>Home | World</nav><p>Wang met <b>Sullivan</b> in Malta&nbsp;on Sunday.</p><figure><img src=x><figcaption>Wang in Malta. Photo: AP</figcaption></figure><p>Second.</p></body></html>";
        let (blocks, removed, title) = html_blocks(raw);
        assert_eq!(title.as_deref(), Some("Talks & trade"));
        assert_eq!(blocks.len(), 2);
        assert!(removed.iter().any(|r| r.rule == "html-nav"));
        assert!(removed.iter().any(|r| r.rule == "html-caption" && r.raw.slice(raw).contains("Wang in Malta")));
        assert!(looks_like_html(raw));
        assert!(!looks_like_html("Plain text with a < sign"));
    }

    #[test]
    fn case_blind_search_finds_the_first_match_as_a_window_scan_does() {
        let windows = |raw: &str, from: usize, needle: &str| {
            let hay = raw.as_bytes().get(from..)?;
            hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes())).map(|p| from + p)
        };
        let mut rng = crate::testing::Lcg::new(5);
        let pieces = ["<", "</", "/", "s", "S", "script", "SCRIPT", "</scr", "x", "é", "<\\/script", " "];
        for _ in 0..20_000 {
            let raw: String = (0..rng.below(12)).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            let from = rng.below(raw.len() as u64 + 2) as usize;
            for needle in ["</script", "<title", "</title", "s"] {
                assert_eq!(find_ci(&raw, from, needle), windows(&raw, from, needle), "{raw:?} from {from} for {needle:?}");
            }
        }
    }

    #[test]
    fn script_and_style_text_is_left_out_where_a_parser_would_read_it_as_such() {
        let cases = [
            ("<p>a</p><script>var x = '<p>';</script><p>b</p>", "<p>a</p><script></script><p>b</p>"),
            ("<STYLE type=x>p { color: red }</Style ><p>b", "<STYLE type=x></Style ><p>b"),
            // A '>' inside a quoted attribute value does not end the tag.
            ("<script data-x=\"a>b\" src='c>d'>code()</script>", "<script data-x=\"a>b\" src='c>d'></script>"),
            // `</scripts` does not end a script; `</script/` does.
            ("<script>a</scripts>b</script/>c", "<script></script/>c"),
            // Metadata the extractor reads, and a comment opener, keep their text.
            ("<script type=\"application/LD+JSON\">{\"datePublished\": \"2024\"}</script>", "<script type=\"application/LD+JSON\">{\"datePublished\": \"2024\"}</script>"),
            ("<script><!-- document.write('<script></script>') --></script>", "<script><!-- document.write('<script></script>') --></script>"),
            // A commented-out script is a comment; a name that only starts alike is another tag.
            ("<!-- <script> --><p>kept</p><scripted>x</scripted><script>y</script>", "<!-- <script> --><p>kept</p><scripted>x</scripted><script></script>"),
            // What the scan cannot place stays as it was.
            ("<p>a<script>never closed", "<p>a<script>never closed"),
            ("<p>a<script src=\"x>", "<p>a<script src=\"x>"),
            ("<script>a</script><style>b", "<script></script><style>b"),
        ];
        for (raw, lean) in cases {
            assert_eq!(without_script_text(raw), lean, "{raw:?}");
        }
        assert!(matches!(without_script_text("<p>no scripts</p>"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn unterminated_tag_before_multibyte_text() {
        // Found by fuzzing: the tag has no '>' and the input ends inside a multi-byte character.
        let raw = "<!doctype html>\u{b}<p>Reut\u{ab}a <b caf\u{e9}";
        let (blocks, _, _) = html_blocks(raw);
        assert!(!blocks.is_empty());
    }
}
