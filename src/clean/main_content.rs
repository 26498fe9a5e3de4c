//! The main content of an HTML page: a readability-style extractor (dom_smoothie, after
//! Mozilla's readability.js) decides which text is the article, and the tag scanner's blocks,
//! which keep raw offsets, are kept when their words appear in that text.
//!
//! The DOM the extractor builds has no source positions, so it only votes; every kept block
//! still maps back to the raw bytes exactly.

use dom_smoothie::{Config, Readability};

use crate::doc::Span;

/// What the extractor found: the article's words, and its metadata.
pub struct Article {
    /// Lower-cased words of the article, each followed by one space, with a leading space.
    words: Vec<u8>,
    /// Where each word of `words` starts, by a hash of the word, sorted.
    starts: Vec<(u64, u32)>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
}

/// Articles shorter than this (in words) are not trusted to be the page's content.
const MIN_ARTICLE_WORDS: usize = 40;

/// Pages whose elements nest deeper than this are not given to the extractor, whose time
/// grows with the square of the depth (a 1 MB page nested 50,000 deep took 27 s; 2,000 deep,
/// 0.44 s): they are cleaned by their blocks alone, as a page without an article is. Browsers'
/// parsers stop nesting at 512 as well (Chromium's); news pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 512;

/// The article of an HTML page, or `None` when the extractor finds none worth trusting.
pub fn article(raw: &str) -> Option<Article> {
    let config = Config { max_elements_to_parse: 50_000, ..Config::default() };
    let mut reader = Readability::new(&*super::html::extractor_markup(raw), None, Some(config)).ok()?;
    let found = reader.parse().ok()?;
    // The markup, not `text_content`: that joins blocks without a space ("RATEDEAR").
    let words = word_key(&markup_text(&found.content));
    if memchr::memchr_iter(b' ', &words).count() <= MIN_ARTICLE_WORDS {
        return None;
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(Article {
        starts: word_starts(&words),
        words,
        // A comment form's name field is marked as the author's ("Name *", WordPress's
        // `comment-form-author`): the asterisk of a required field is in no one's name.
        byline: nonempty(found.byline).filter(|b| !b.ends_with('*')),
        published: nonempty(found.published_time),
        site: nonempty(found.site_name),
        title: nonempty(Some(found.title)),
    })
}

impl Article {
    /// True when the block's words occur, in order and contiguously, in the article.
    pub fn contains(&self, block_text: &str) -> bool {
        let key = word_key(block_text);
        // A block without words (a dash, a bullet) has nothing to vote on; keep it with its neighbours.
        let Some(first) = key.get(1..).and_then(|k| k.split(|&b| b == b' ').next()).filter(|w| !w.is_empty()) else { return true };
        // Only where the block's first word starts a word of the article: a substring search
        // built a searcher for every block, a third of this test.
        let h = xxhash_rust::xxh3::xxh3_64(first);
        let from = self.starts.partition_point(|&(x, _)| x < h);
        self.starts[from..].iter().take_while(|&&(x, _)| x == h).any(|&(_, at)| self.words[at as usize..].starts_with(&key[1..]))
    }
}

/// Keeps the social-media posts a page embeds (`posts`, `html::embedded_posts`) between two
/// blocks of its article (`texts`, with their raw `spans`, ascending, and the `rules` that
/// removed them): the extractor drops them
/// with their wrappers (classed "social-media-embed" and the like), where the article quotes
/// them as it quotes a speaker. Posts before the article's first block or after its last stay
/// out, as do blocks inside a post that another rule removed.
pub fn keep_embedded_posts(posts: &[Span], article: &Article, spans: &[Span], texts: &[&str], rules: &mut [Option<&'static str>]) {
    let mut in_post = vec![false; spans.len()];
    for post in posts {
        let first = spans.partition_point(|s| s.start < post.start);
        for (k, span) in spans.iter().enumerate().skip(first).take_while(|(_, s)| s.end <= post.end) {
            in_post[k] = span.start >= post.start;
        }
    }
    let mut k = 0;
    while k < spans.len() {
        if !in_post[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < spans.len() && in_post[k] {
            k += 1;
        }
        if start > 0 && k < spans.len() && article.contains(texts[start - 1]) && article.contains(texts[k]) {
            for rule in rules[start..k].iter_mut().filter(|r| **r == Some("outside-main-content")) {
                *rule = None;
            }
        }
    }
}

/// Each word's start in `words` (" w1 w2 … "), keyed by a hash of the word, sorted.
fn word_starts(words: &[u8]) -> Vec<(u64, u32)> {
    let mut starts = Vec::new();
    let mut at = 1;
    while let Some(len) = words.get(at..).and_then(|rest| memchr::memchr(b' ', rest)) {
        starts.push((xxhash_rust::xxh3::xxh3_64(&words[at..at + len]), at as u32));
        at += len + 1;
    }
    starts.sort_unstable();
    starts
}

/// The text of an HTML fragment with entities decoded, each tag that ends a block turned
/// into a space and inline tags into nothing, as the tag scanner reads the page: a word split
/// by an inline tag (a drop cap, "<span>T</span>he") is one word in both.
fn markup_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map(|c| open + c);
        if super::html::ends_block(&rest[open + 1..close.unwrap_or(rest.len())]) {
            text.push(' ');
        }
        rest = close.map_or("", |close| &rest[close + 1..]);
    }
    text.push_str(rest);
    html_escape::decode_html_entities(&text).into_owned()
}

/// Words (alphanumeric runs, lower-cased) as " w1 w2 … wn ": comparing keys ignores the
/// spacing and punctuation differences between the extractor's text and the scanner's.
fn word_key(text: &str) -> Vec<u8> {
    // The words as duplicates and recurring lines are compared by: lower-casing a character
    // at a time through the Unicode tables was a twentieth of cleaning a page.
    let mut key = vec![b' '];
    super::words::push_lower_words(text, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_embedded_in_the_article_is_kept_and_one_beside_it_is_not() {
        const TOPICS: [&str; 8] = ["transport", "schools", "housing", "parks", "libraries", "policing", "bridges", "museums"];
        let para = |i: usize| format!("<p>Spending on {} takes a larger share of the new budget, which councillors debated for {} hours on Tuesday.</p>", TOPICS[i], i + 2);
        let post = |text: &str| {
            format!("<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p lang=\"en\">{text}</p>&mdash; Ann Lee (@annlee) <a href=\"https://x.test/s/1\">May 5, 2020</a></blockquote><script async src=\"https://x.test/widgets.js\"></script></div>")
        };
        let body: String = (0..4).map(para).collect::<String>() + &post("The vote was closer than anyone expected tonight") + &(4..8).map(para).collect::<String>();
        let html = format!(
            "<html><head><title>Budget</title></head><body><article><h1>Council passes budget</h1>{body}</article>\
             <div class=\"sidebar\">{}</div></body></html>",
            post("Our newsroom is hiring reporters this spring")
        );
        let mut doc = crate::doc::Document::new("d", html.as_str());
        super::super::clean(&mut doc, &super::super::CleanOptions::default());
        assert!(doc.clean.contains("The vote was closer than anyone expected tonight"), "{}", doc.clean);
        assert!(doc.clean.contains("Ann Lee (@annlee) May 5, 2020"), "{}", doc.clean);
        assert!(!doc.clean.contains("Our newsroom is hiring"), "{}", doc.clean);
        assert!(doc.clean.contains("Spending on museums"), "{}", doc.clean);
    }

    #[test]
    fn embedded_posts_are_found_by_their_class() {
        let find = |html: &str| super::super::html::embedded_posts(html).iter().map(|s| s.slice(html).to_string()).collect::<Vec<_>>();
        let page = "<p>a</p><BLOCKQUOTE Class='Instagram-Media x'>post</BLOCKQUOTE><blockquote>quote</blockquote><blockquote class=\"big twitter-tweet\">b</blockquote>";
        assert_eq!(find(page), ["<BLOCKQUOTE Class='Instagram-Media x'>post</BLOCKQUOTE>", "<blockquote class=\"big twitter-tweet\">b</blockquote>"]);
        assert_eq!(find("<blockquote class=\"twitter-tweet-x\">no</blockquote><blockquote class=tiktok-embed>open"), ["<blockquote class=tiktok-embed>open"]);
        assert!(find("<p>no posts</p>").is_empty());
    }

    #[test]
    fn a_comment_forms_name_field_is_no_byline() {
        let para = "The council approved the new budget on Tuesday after a long debate about transport, schools and housing in the city centre.";
        let body: String = (0..6).map(|i| format!("<p>{para} Paragraph {i} adds detail.</p>")).collect();
        let page = |byline: &str| {
            format!(
                "<html><body><article><h1>Council passes budget</h1>{byline}{body}</article><form id=\"commentform\" class=\"comment-form\">\
                 <p class=\"comment-form-author\"><label for=\"author\">Name <span class=\"required\">*</span></label><input id=\"author\" name=\"author\"></p></form></body></html>"
            )
        };
        assert_eq!(article(&page("")).expect("an article").byline, None);
        let signed = article(&page("<p class=\"byline\">By Ann Lee</p>")).expect("an article");
        assert_eq!(signed.byline.as_deref(), Some("By Ann Lee"));
    }

    #[test]
    fn keeps_article_paragraphs_and_not_the_menu() {
        let para = "The council approved the new budget on Tuesday after a long debate about transport, schools and housing in the city centre.";
        let body: String = (0..6).map(|i| format!("<p>{para} Paragraph {i} adds detail.</p>")).collect();
        let html = format!(
            "<html><head><title>Budget</title></head><body><ul class=\"menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/s\">Sport</a></li></ul>\
             <article><h1>Council passes budget</h1>{body}</article><div class=\"footer\"><a href=\"/p\">Privacy policy</a></div></body></html>"
        );
        let a = article(&html).expect("an article");
        assert!(a.contains(&format!("{para} Paragraph 3 adds detail.")));
        assert!(!a.contains("Privacy policy"));
        assert!(!a.contains("Sport"));
        assert!(article("<html><body><p>Too short.</p></body></html>").is_none());
        // As a search for the block's words anywhere in the article's, on generated texts.
        let mut rng = crate::testing::Lcg::new(11);
        let vocab = ["the", "The", "council", "counc", "il", "budget", "Ünïcode", "a", "—", "2024", ",", "  "];
        let text = |rng: &mut crate::testing::Lcg, n: u64| (0..rng.below(n)).map(|_| vocab[rng.below(vocab.len() as u64) as usize]).collect::<Vec<_>>().join(" ");
        for _ in 0..300 {
            let words = word_key(&text(&mut rng, 60));
            let a = Article { starts: word_starts(&words), words, byline: None, published: None, site: None, title: None };
            for _ in 0..20 {
                let block = text(&mut rng, 5);
                let key = word_key(&block);
                let found = key.len() <= 1 || memchr::memmem::find(&a.words, &key).is_some();
                assert_eq!(a.contains(&block), found, "{block:?} in {:?}", String::from_utf8_lossy(&a.words));
            }
        }
        assert_eq!(word_key(&markup_text("<p>Second rate</p><p>DEAR&nbsp;Abby&amp;co</p>")), b" second rate dear abby co ");
        assert_eq!(word_key(&markup_text("<p><span class=\"drop-cap\">T</span>he <a href=\"/x\">Davis</a> Cup<br>Final</p>")), b" the davis cup final ");
    }
}
