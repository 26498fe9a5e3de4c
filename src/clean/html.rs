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

/// Whether the element `name` (ASCII case aside) nests: elements without content or end tag,
/// and elements whose end tag may be left out (`<p>` inside `<p>` closes the first), are not
/// counted in [`HtmlBlocks::depth`]. Matched as lower-cased bytes: a list searched name by
/// name cost 1 % of reading a page.
fn nests(name: &str) -> bool {
    let mut lower = [0u8; 8];
    let Some(head) = lower.get_mut(..name.len()) else { return true };
    head.copy_from_slice(name.as_bytes());
    head.make_ascii_lowercase();
    !matches!(
        &*head,
        b"" | b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link" | b"meta" | b"param"
            | b"source" | b"track" | b"wbr" | b"p" | b"li" | b"dt" | b"dd" | b"tr" | b"td" | b"th" | b"thead" | b"tbody"
            | b"tfoot" | b"option" | b"optgroup" | b"colgroup" | b"caption" | b"rb" | b"rt" | b"rp" | b"html" | b"head"
            | b"body"
    )
}

/// What the tag scanner reads from a page.
pub struct HtmlBlocks {
    /// The blocks of text.
    pub blocks: Vec<Block>,
    /// What was skipped (scripts, styles, navigation ...).
    pub removed: Vec<Removal>,
    /// The first `<title>`, if any.
    pub title: Option<String>,
    /// How deep elements that need an end tag nest, at most.
    pub depth: usize,
}

/// The blocks of text in `raw` HTML, what was skipped, the `<title>` if any, and how deep
/// the elements nest.
pub fn html_blocks(raw: &str) -> HtmlBlocks {
    let bytes = raw.as_bytes();
    let mut blocks = Vec::new();
    let mut removed = Vec::new();
    let title = title(raw);
    let mut current = Block::default();
    let mut i = 0;
    let mut text_start = 0;
    let (mut depth, mut deepest) = (0usize, 0usize);
    // A line break after text, held until the text after it shows whether it breaks a sentence.
    let mut held: Option<Span> = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += memchr::memchr(b'<', &bytes[i..]).unwrap_or(bytes.len() - i);
            continue;
        }
        crate::budget::check();
        push_after_break(raw, Span::new(text_start, i), &mut current, &mut blocks, &mut held);
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
        let name = tag_name(inner);
        i = tag_end;
        if !closing {
            if let Some((_, rule)) = SKIPPED.iter().find(|(t, _)| t.eq_ignore_ascii_case(name)) {
                if !inner.ends_with('/') {
                    let close = format!("</{}", name.to_ascii_lowercase());
                    let end = find_ci(raw, i, &close).unwrap_or(bytes.len());
                    i = skip_tag(raw, end);
                }
                end_block(&mut current, &mut blocks);
                held = None;
                removed.push(Removal { raw: Span::new(tag_start, i), rule });
                text_start = i;
                continue;
            }
        }
        if name.eq_ignore_ascii_case("br") && held.is_none() && !current.pieces.is_empty() {
            held = Some(Span::new(tag_start, i));
        } else if is_block_tag(name) {
            end_block(&mut current, &mut blocks);
            held = None;
        }
        if !inner.ends_with('/') && nests(name) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        text_start = i;
    }
    push_after_break(raw, Span::new(text_start, bytes.len()), &mut current, &mut blocks, &mut held);
    end_block(&mut current, &mut blocks);
    HtmlBlocks { blocks, removed, title, depth: deepest }
}

/// Words a block needs before a line break for the break to be read as inside a sentence: a
/// label or heading broken from what follows ("Tags<br>election, budget", "Download:
/// http://…<br>iTunes: …", "About Acme<br>acme makes …") is no sentence going on.
const MIN_WORDS_BEFORE_JOIN: usize = 4;

/// Adds a text node after a `held` line break: the break becomes a space where a sentence goes
/// on across it ("you agree to<br>our terms", as a wrapped line of plain text is joined), and
/// ends the block otherwise. Text of white space alone leaves the break held.
fn push_after_break(raw: &str, span: Span, current: &mut Block, blocks: &mut Vec<Block>, held: &mut Option<Span>) {
    if let Some(br) = *held {
        let after = span.slice(raw).trim_start();
        if after.is_empty() {
            return;
        }
        *held = None;
        let texts = || current.pieces.iter().rev().map(|p| p.text.as_deref().unwrap_or_else(|| p.raw.slice(raw)));
        let before = texts().find(|t| !t.trim().is_empty());
        let prose = || texts().flat_map(str::split_whitespace).nth(MIN_WORDS_BEFORE_JOIN - 1).is_some();
        if before.is_some_and(|b| super::blocks::sentence_goes_on(b, after)) && prose() {
            current.pieces.push(Piece { raw: br, text: Some(" ".into()) });
        } else {
            end_block(current, blocks);
        }
    }
    super::blocks::push_decoded(raw, span, current);
}

/// The element name of a tag's inside (`inner` of `<inner>`, "/p" for `</p>`), as written.
fn tag_name(inner: &str) -> &str {
    let name = inner.trim_start_matches('/');
    &name[..name.bytes().take_while(u8::is_ascii_alphanumeric).count()]
}

/// Whether the element `name` (ASCII case aside) is one of [`BLOCK_TAGS`].
fn is_block_tag(name: &str) -> bool {
    BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// Whether a tag (its inside, as [`tag_name`] takes it) ends a block of text: inline tags
/// (`<span>`, `<a>`, `<b>`) join the text on either side, as a browser shows it ("T" in a
/// drop-cap `<span>` and "he Davis Cup" are "The Davis Cup").
pub(super) fn ends_block(inner: &str) -> bool {
    is_block_tag(tag_name(inner))
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

/// `raw` as the main-content extractor needs it: its DOM has no source positions and only
/// votes on the tag scanner's blocks, so what it never reads is left out of its parse
/// (tokenizing it was most of the extractor's time): the text of scripts and style sheets
/// (half of a page's bytes) and the attributes it does not read (a quarter of the rest).
/// White space stays (the extractor measures a byline's length with it). JSON-LD scripts,
/// which it reads for metadata, and scripts that hold a comment opener (in which an HTML
/// parser may read a `</script>` as text) keep their text, as do comments and elements read
/// as raw text; anything this scan cannot place (an unterminated tag or element) leaves the
/// rest of the page as it is.
pub(super) fn extractor_markup(raw: &str) -> std::borrow::Cow<'_, str> {
    let bytes = raw.as_bytes();
    let mut lean = Cuts { raw, out: String::new(), copied: 0 };
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) {
        if bytes[at..].starts_with(b"<!--") {
            i = find(raw, at + 4, "-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        let raw_text = || RAW_TEXT.into_iter().find(|n| opens_element(bytes, at + 1, n));
        let Some(name) = bytes.get(at + 1).filter(|b| b"sStTxXiInN".contains(b)).and_then(|_| raw_text()) else {
            let Some(end) = start_tag_attributes(bytes, at, |start, stop| lean.cut(start, stop)) else { break };
            i = end;
            continue;
        };
        // Its open tag keeps its attributes.
        let Some(open_end) = start_tag_attributes(bytes, at, |_, _| {}) else { break };
        let Some(close) = end_tag(raw, open_end, name) else { break };
        let text = &raw[open_end..close];
        let script_or_style = matches!(name, "script" | "style");
        let keep = name == "script" && (find_ci(&raw[..open_end], at, "ld+json").is_some() || text.contains("<!--"));
        if script_or_style && !keep {
            lean.cut(open_end, close);
        }
        i = close + 2;
    }
    if lean.copied == 0 {
        return std::borrow::Cow::Borrowed(raw);
    }
    lean.out.push_str(&raw[lean.copied..]);
    std::borrow::Cow::Owned(lean.out)
}

/// A copy of `raw` with spans cut out, in order.
struct Cuts<'a> {
    raw: &'a str,
    out: String,
    copied: usize,
}

impl Cuts<'_> {
    fn cut(&mut self, start: usize, stop: usize) {
        if stop > start {
            self.out.push_str(&self.raw[self.copied..start]);
            self.copied = stop;
        }
    }
}

/// Elements whose content an HTML parser reads as text, not markup (scripts and styles first).
const RAW_TEXT: [&str; 9] = ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Whether the main-content extractor reads the attribute `name` (dom_smoothie: class and id
/// weights, visibility, roles, authors, links, images, tables, metadata).
fn read_by_extractor(name: &[u8]) -> bool {
    let mut lower = [0u8; 11];
    let Some(lower) = lower.get_mut(..name.len()) else { return false };
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"class" | b"id" | b"style" | b"hidden" | b"aria-hidden" | b"aria-modal" | b"role" | b"itemprop" | b"rel" | b"href"
            | b"src" | b"srcset" | b"sizes" | b"data-src" | b"data-srcset" | b"loading" | b"type" | b"name" | b"property"
            | b"content" | b"lang" | b"dir" | b"summary" | b"colspan" | b"rowspan" | b"datatable" | b"datetime" | b"charset"
            | b"http-equiv"
    )
}

/// The offset past the start tag at `at` (None when it has no end), calling `drop` with the
/// span, white space before it included, of each attribute the extractor does not read.
fn start_tag_attributes(bytes: &[u8], at: usize, mut drop: impl FnMut(usize, usize)) -> Option<usize> {
    let past = |i: usize, stop: fn(u8) -> bool| bytes[i..].iter().position(|&b| stop(b)).map_or(bytes.len(), |p| i + p);
    let mut i = past(at + 1, |b| b.is_ascii_whitespace() || b == b'/' || b == b'>');
    // Images and embeds keep every attribute: the extractor looks through all of their values
    // for image and video addresses, and what it keeps or drops of them changes its counts.
    let name = &bytes[at + 1..i];
    let media = ["img", "picture", "source", "object", "embed", "video", "audio"].iter().any(|m| m.as_bytes().eq_ignore_ascii_case(name));
    loop {
        let gap = i;
        i = past(i, |b| !(b.is_ascii_whitespace() || b == b'/'));
        match bytes.get(i) {
            None => return None,
            Some(b'>') => return Some(i + 1),
            Some(_) => {}
        }
        let name_at = i;
        i = past(i + 1, |b| b.is_ascii_whitespace() || matches!(b, b'/' | b'=' | b'>'));
        let name_end = i;
        let j = past(i, |b| !b.is_ascii_whitespace());
        if bytes.get(j) == Some(&b'=') {
            let v = past(j + 1, |b| !b.is_ascii_whitespace());
            i = match bytes.get(v) {
                // A quoted value may hold '>' and white space: found by a vector search.
                Some(&q @ (b'"' | b'\'')) => v + 1 + memchr::memchr(q, bytes.get(v + 1..)?)? + 1,
                _ => past(v, |b| b.is_ascii_whitespace() || b == b'>'),
            };
        }
        if !media && !read_by_extractor(&bytes[name_at..name_end]) {
            // With the white space just before it; a slash before it stays.
            let spaces = bytes[gap..name_at].iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
            drop(name_at - spaces, i);
        }
    }
}

/// Whether the tag name at `at` is `name` (ASCII case aside) and ends there.
fn opens_element(bytes: &[u8], at: usize, name: &str) -> bool {
    bytes.get(at..at + name.len()).is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
        && bytes.get(at + name.len()).is_some_and(|&b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
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

/// The classes that mark a social-media post embedded in a page (`<blockquote
/// class="twitter-tweet">`, as the networks' embed code writes it).
const EMBEDDED_POST_CLASSES: &[&str] = &["twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "bluesky-embed"];

/// The raw spans of the social-media posts a page embeds: each such `<blockquote>` from its
/// start tag to the end of its end tag (a post without an end tag runs to the page's end).
pub(super) fn embedded_posts(raw: &str) -> Vec<Span> {
    let mut posts = Vec::new();
    let mut from = 0;
    while let Some(at) = find_ci(raw, from, "<blockquote") {
        let open_end = skip_tag(raw, at);
        from = open_end;
        let tag = &raw[at..open_end];
        let class = find_ci(tag, 0, "class=").map(|c| &tag[c + 6..]);
        let embedded = class.is_some_and(|c| {
            let value = c.trim_start_matches(['"', '\'']);
            let value = &value[..value.find(['"', '\'', '>']).unwrap_or(value.len())];
            value.split_ascii_whitespace().any(|name| EMBEDDED_POST_CLASSES.iter().any(|e| name.eq_ignore_ascii_case(e)))
        });
        if embedded {
            let end = find_ci(raw, open_end, "</blockquote").map_or(raw.len(), |e| skip_tag(raw, e));
            posts.push(Span::new(at, end));
            from = end;
        }
    }
    posts
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
        let HtmlBlocks { blocks, removed, title, depth } = html_blocks(raw);
        assert_eq!(title.as_deref(), Some("Talks & trade"));
        // figure; not html, head, body, p or img, nor what was skipped.
        assert_eq!(depth, 1);
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
        assert_markup(&cases, "<p>no scripts</p>");
    }

    /// Each case's raw page gives its markup for the extractor; `untouched` is borrowed as it is.
    fn assert_markup(cases: &[(&str, &str)], untouched: &str) {
        for &(raw, lean) in cases {
            assert_eq!(extractor_markup(raw), lean, "{raw:?}");
        }
        assert!(matches!(extractor_markup(untouched), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_the_extractor_does_not_read_are_left_out() {
        let cases = [
            ("<div class=\"story\" data-track=\"x\" onclick='go()'>a</div>", "<div class=\"story\">a</div>"),
            // Unquoted values, values holding '>' or white space, names in capitals, bare names.
            ("<A HREF=/x DATA-ID=7 TARGET=_blank>b</A>", "<A HREF=/x>b</A>"),
            ("<p title=\"a > b\" id='c d' hidden tabindex = 1>c</p>", "<p id='c d' hidden>c</p>"),
            // A slash stays where it was, self-closing or not.
            ("<path d=\"M0 0\"/><br/data-x=1><span/ data-y=2 class=k>", "<path/><br/><span/ class=k>"),
            // Images and embeds keep all of theirs, as do elements read as raw text.
            ("<img data-lazy=\"a.jpg\" alt=x><embed data-v=\"youtube\">", "<img data-lazy=\"a.jpg\" alt=x><embed data-v=\"youtube\">"),
            ("<title data-x=1><b data-y=2>t</b></title><p data-z=3>", "<title data-x=1><b data-y=2>t</b></title><p>"),
            ("<meta property=\"og:title\" content=\"T\" data-rh=\"true\"><time datetime=2024 data-a=1>", "<meta property=\"og:title\" content=\"T\"><time datetime=2024>"),
            // What the scan cannot place stays as it was.
            ("<p data-x=\"never closed>", "<p data-x=\"never closed>"),
            ("a < b and <3 <!-- <p data-c=1> -->", "a < b and <3 <!-- <p data-c=1> -->"),
        ];
        assert_markup(&cases, "<p class=a id=b>read</p>");
    }

    #[test]
    fn a_line_break_inside_a_sentence_joins_its_lines() {
        let text = |b: &Block, raw: &str| -> String { b.pieces.iter().map(|p| p.text.clone().unwrap_or_else(|| p.raw.slice(raw).to_string())).collect() };
        let raw = "<p>By using the site you agree to<br/> <b>our</b> terms.<br>Read on<br><br>now, or if you wish\n<BR>later<br>Jake <br>\nSullivan said so.</p><p>a<br></p><p>Tags<br>election<br>Download: http://x.y/z<br>iTunes</p>";
        let HtmlBlocks { blocks, .. } = html_blocks(raw);
        let texts: Vec<String> = blocks.iter().map(|b| text(b, raw)).collect();
        // Joined: lower case after a break in a sentence. Not joined: after a full stop, at a
        // blank line (two breaks), before a capital, after a label of few words.
        assert_eq!(texts, ["By using the site you agree to our terms.", "Read on", "now, or if you wish\n later", "Jake ", "\nSullivan said so.", "a", "Tags", "election", "Download: http://x.y/z", "iTunes"]);
        // The break's space stands for the tag in the raw text.
        let joined = blocks[0].pieces.iter().find(|p| p.text.as_deref() == Some(" ")).unwrap();
        assert_eq!(joined.raw.slice(raw), "<br/>");
    }

    #[test]
    fn unterminated_tag_before_multibyte_text() {
        // Found by fuzzing: the tag has no '>' and the input ends inside a multi-byte character.
        let raw = "<!doctype html>\u{b}<p>Reut\u{ab}a <b caf\u{e9}";
        assert!(!html_blocks(raw).blocks.is_empty());
    }
}
