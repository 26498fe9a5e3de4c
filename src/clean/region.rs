//! The main region of a page that arrives as text, one block a line: menus, teasers and
//! footers are runs of short lines without sentences, the article a run of prose. Every block
//! scores positive when it reads as prose (long, with sentence punctuation) and negative
//! otherwise, and the article is the run with the largest total score (a maximum-sum
//! subarray), so short headings and captions inside the article survive while the chrome
//! around it does not. A table's rows (runs of lines of figures) count neither way.

use std::sync::OnceLock;

use regex::Regex;

/// Pages with fewer blocks are kept whole: there is no page chrome to speak of.
const MIN_BLOCKS: usize = 12;
/// What a block that is not prose costs the run that includes it.
pub const NON_PROSE: f64 = -1.0;
/// Characters of prose worth one point: a 200-character paragraph scores 5.
const CHARS_PER_POINT: f64 = 40.0;
/// The fewest words (or, in scripts without spaces, characters / 2) of a prose block.
const MIN_PROSE_WORDS: usize = 10;

/// The fewest rows in a row that make a table.
const MIN_TABLE_ROWS: usize = 5;

/// Scores the rows of tables as neither prose nor chrome: a run of [`MIN_TABLE_ROWS`] or more
/// blocks that are neither furniture nor prose (`scores`, [`NON_PROSE`] for them) and each
/// read as a row of figures (a league's standings, a season's calendar, a company's
/// quarters). Counted against the article, a table cut it in two or left only what ran round
/// it; scored 0, it neither makes a region of its own nor splits one.
pub fn neutral_tables(texts: &[&str], furniture: &[bool], scores: &mut [f64]) {
    // Every run of MIN_TABLE_ROWS blocks holds one of every MIN_TABLE_ROWS-th block: only
    // those are asked first, and a run is sought around the ones that are rows (each block
    // asked once at most; most lines of a page are never asked).
    let mut known = vec![None; texts.len()];
    let mut row = |i: usize| *known[i].get_or_insert_with(|| !furniture[i] && scores[i] == NON_PROSE && is_table_row(texts[i]));
    let mut runs = Vec::new();
    let mut i = MIN_TABLE_ROWS - 1;
    while i < texts.len() {
        if !row(i) {
            i += MIN_TABLE_ROWS;
            continue;
        }
        let mut start = i;
        while start > 0 && row(start - 1) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < texts.len() && row(end) {
            end += 1;
        }
        if end - start >= MIN_TABLE_ROWS {
            runs.push(start..end);
        }
        i = end + 1;
    }
    for run in runs {
        scores[run].fill(0.0);
    }
}

/// A table's row: two to sixteen cells (words), at least two of them figures ("3 Kevin
/// Harvick 5033 4 6", "1a etapa: 10 de março – Interlagos", "Q3 net 1.5 mln vs 1.2 mln").
fn is_table_row(text: &str) -> bool {
    // Blocks are normalised (one space between words), and this is asked of many lines of a
    // page: cells and figures are counted at the spaces, in one pass over the bytes.
    let b = text.as_bytes();
    if b.is_empty() || b.len() > 160 {
        return false;
    }
    let (mut cells, mut figures) = (1, usize::from(b[0].is_ascii_digit()));
    for pair in b.windows(2) {
        let space = pair[0] == b' ';
        cells += usize::from(space);
        figures += usize::from(space & pair[1].is_ascii_digit());
    }
    (2..=16).contains(&cells) && figures >= 2
}

/// What a short complete sentence is worth ([`short_sentences`]): next to nothing, so that it
/// joins the article beside it but makes no region of its own.
const SHORT_SENTENCE: f64 = 0.1;

/// Scores [`SHORT_SENTENCE`] each block that is not prose (`scores`, [`NON_PROSE`]) but a short
/// complete sentence: three words or more, a capital first, a full stop or "!" last. An
/// article's last line is often one ("We rate the statement Mostly True."), and as chrome it
/// was cut off the article's end.
pub fn short_sentences(texts: &[&str], furniture: &[bool], scores: &mut [f64]) {
    for ((t, &f), s) in texts.iter().zip(furniture).zip(scores.iter_mut()) {
        if f || *s != NON_PROSE {
            continue;
        }
        let t = t.trim_end();
        if t.ends_with(['.', '!']) && !is_cut_short(t) && t.starts_with(char::is_uppercase) && t.split_whitespace().nth(2).is_some() {
            *s = SHORT_SENTENCE;
        }
    }
}

/// Whether some block reads as prose: a page without any is kept whole (its short sentences
/// alone make no article: a price table under one line of heading).
fn has_prose(scores: &[f64]) -> bool {
    scores.iter().any(|&s| s > SHORT_SENTENCE)
}

/// The half-open range of blocks that holds the article, given each block's [`score`], when
/// the page has chrome.
pub fn main_region(scores: &[f64]) -> Option<(usize, usize)> {
    if scores.len() < MIN_BLOCKS || !has_prose(scores) {
        return None;
    }
    best_run(scores)
}

/// The half-open range with the largest positive total, if any.
fn best_run(scores: &[f64]) -> Option<(usize, usize)> {
    let (mut best, mut best_range) = (0.0, None);
    let (mut sum, mut start) = (0.0, 0);
    for (i, s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_range = Some((start, i + 1));
        }
    }
    best_range
}

/// Blocks (bylines, dates, share bars, a picture's caption) that may stand between a
/// headline and its article's first paragraph.
const MAX_HEADLINE_GAP: usize = 10;
/// What standing under a headline that repeats the page's title is worth, in points: the
/// evidence of a 400-character paragraph that the article is there.
const UNDER_HEADLINE: f64 = 10.0;

/// [`main_region`] for a page whose headline, block `headline`, repeats its title: the article
/// is under its headline (what comes before it is the page's top: menus, tickers, notices),
/// and the first paragraph under the headline counts [`UNDER_HEADLINE`] points more, so that
/// the article wins over a longer run of prose further down (a customer-service notice, an
/// author's profile).
pub fn main_region_under(scores: &[f64], headline: usize) -> Option<(usize, usize)> {
    if scores.len() < MIN_BLOCKS || !has_prose(scores) {
        return None;
    }
    let mut below = scores[headline + 1..].to_vec();
    if let Some(first) = below.iter().take(MAX_HEADLINE_GAP).position(|&s| s > SHORT_SENTENCE) {
        below[first] += UNDER_HEADLINE;
    }
    match best_run(&below) {
        Some((from, to)) => Some((headline + 1 + from, headline + 1 + to)),
        None => best_run(scores),
    }
}

/// True when `block` is the headline part of a page title: the title opens with it and goes on
/// with a separator before the site's name ("Storm hits coast - The Daily Post").
pub fn is_headline_of(block: &str, title: &str) -> bool {
    // Cheapest tests first: this runs on every block of a scraped page.
    let Some(head) = title.get(..block.len()) else { return false };
    let rest = title[block.len()..].trim_start();
    head.eq_ignore_ascii_case(block) && rest.starts_with(['|', '-', '–', '—', ':', '·', '«', '»']) && block.split_whitespace().nth(2).is_some()
}

/// True when `block` is the headline of a page title that goes on with the site's name, so that
/// the headline alone is the document's title: as [`is_headline_of`], but not before a colon,
/// which in a title as often ends a headline's first part ("Storm hits coast: what we know").
pub fn is_title_headline(block: &str, title: &str) -> bool {
    is_headline_of(block, title) && !title[block.len()..].trim_start().starts_with(':')
}

/// Prose, in points, that must come before a comment-section opener for it to end the
/// article: an opener above the story (a share bar's "View comments") ends nothing.
const PROSE_BEFORE_COMMENTS: f64 = 10.0;

/// The blocks in which the article can lie: up to the first block that opens a comment
/// section ("12 comments", "Leave a Reply", "Comments are closed", a commenter's "… on
/// <date> said:", the comment form's "Your email address will not be published") after some
/// prose, since
/// readers' comments are prose too and would otherwise join the article's run.
pub fn before_comments(texts: &[&str], scores: &[f64]) -> usize {
    let mut prose = 0.0;
    for (i, (t, &s)) in texts.iter().zip(scores).enumerate() {
        if prose >= PROSE_BEFORE_COMMENTS && opens_comments(t) {
            return i;
        }
        prose += s.max(0.0);
    }
    texts.len()
}

/// A block that opens readers' comments. A bare "Comment" is also a share button's label, so
/// it does not count.
fn opens_comments(text: &str) -> bool {
    let CommentOpener { whole, after_bar, openings } = comment_opener();
    let text = super::blocks::trim(text);
    // A count may follow a bar ("Posted in Research | 10 Comments"): the part after each bar is
    // asked on its own. As one pattern opening with `(?:.*\|\s*)?`, the automaton read every
    // short block to its end, where now most are told no at their first byte. The first bytes
    // are looked up before the search is set up: a search's set-up cost more than its answer
    // on most blocks, and the article's every paragraph is asked.
    text.len() < 200
        && ((openings.may_open(text.as_bytes()) && whole.is_match(text))
            || memchr::memchr_iter(b'|', text.as_bytes()).any(|bar| !text[..bar].contains('\n') && after_bar.is_match(&text[bar + 1..]))
            || is_comment_byline(text))
}

/// The patterns of [`opens_comments`]: a whole block, what may follow a bar, and the first
/// bytes a whole block's match may open with.
pub(super) struct CommentOpener {
    whole: Regex,
    after_bar: Regex,
    openings: super::rules::Openings,
}

/// [`CommentOpener`], compiled once per process.
pub(super) fn comment_opener() -> &'static CommentOpener {
    static OPENER: OnceLock<CommentOpener> = OnceLock::new();
    OPENER.get_or_init(|| {
        // No bounded repetitions: each would multiply the lazy DFA's states, and this runs on
        // every short block of every page.
        let counted = r"\d[\d,.]*\s+(?:comments?|responses?|replies|reactions|thoughts\s+on\s.*)";
        let whole = Regex::new(&format!(
            r"(?xi)^(?:
                {counted}
              | leave\s+a\s+(?:reply|comment)
              | (?:post|add|write)\s+(?:a|your)\s+comment
              | join\s+the\s+(?:discussion|conversation)
              | (?:show|view|load|see|read)\s+(?:all\s+)?(?:\d+\s+)?comments
              | comments?\s+(?:are\s+)?closed\.?
              | comment\s+on\s+this\s+(?:article|story|post)
              | reader\s+comments
              | (?:top|most)\s+(?:rated|recent|popular|liked|recommended)\s+comments
              | \[\s*\d[\d,.]*\s+comments?\s*\]
              | comments?\s*\(\d[\d,.]*\)
              | your\s+email\s+(?:address\s+)?will\s+not\s+be\s+published.*
            )$"
        ));
        let after_bar = Regex::new(&format!(r"(?xi)^\s*{counted}$")).expect("a valid pattern");
        let whole = whole.expect("a valid pattern");
        let openings = super::rules::openings(&[whole.as_str().to_string()]);
        CommentOpener { whole, after_bar, openings }
    })
}

/// A commenter's byline, "Ann Lee on September 12, 2018 at 4:47 pm said:".
fn is_comment_byline(text: &str) -> bool {
    let Some(head) = ["said:", "says:", "wrote:"].iter().find_map(|w| text.strip_suffix(w)) else { return false };
    let year = head.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
    year && (head.contains(" on ") || head.contains(" at "))
}

/// How much a block reads like article prose.
pub fn score(text: &str) -> f64 {
    let b = text.as_bytes();
    let ascii = text.is_ascii();
    // Most chrome has no sentence stop: it is settled before anything is counted.
    let sentence = memchr::memchr3_iter(b'.', b'!', b'?', b).any(|i| !is_decimal_point(b, i)) || (!ascii && has_non_ascii_stop(b));
    if !sentence || is_cut_short(text) {
        return NON_PROSE;
    }
    // Words only up to the threshold: a paragraph is prose after its first ten.
    if first_words(text) >= MIN_PROSE_WORDS {
        let chars = if ascii { b.len() } else { text.chars().count() };
        chars as f64 / CHARS_PER_POINT
    } else {
        NON_PROSE
    }
}

/// The words `text` opens with, counted until there are [`MIN_PROSE_WORDS`] (or a few more):
/// runs of characters other than white space, or two characters of a script written without
/// spaces (Chinese, Japanese) a word. Runs of eight ASCII bytes are read at once (the
/// words of most paragraphs, curly quotes and all): a byte at a time, the count was most of
/// a block's score.
fn first_words(text: &str) -> usize {
    use super::normalize::{bytes_within, splat, zero_bytes, HIGH};
    let b = text.as_bytes();
    let (mut words, mut unspaced, mut in_word, mut i) = (0, 0, false, 0);
    while i < b.len() && words.max(unspaced / 2) < MIN_PROSE_WORDS {
        if let Some(eight) = b.get(i..i + 8).map(|e| u64::from_le_bytes(e.try_into().expect("eight bytes"))).filter(|x| x & HIGH == 0) {
            // The high bit of each space, tab or line break (`char::is_whitespace` in ASCII:
            // 0x09 to 0x0D and 0x20).
            let space = bytes_within(eight, 0x09, 0x0D) | zero_bytes(eight ^ splat(b' '));
            let word = !space & HIGH;
            // A word starts at a byte after a space, or after whatever came before the eight.
            let before = space << 8 | if in_word { 0 } else { 0x80 };
            words += (word & before).count_ones() as usize;
            in_word = word >> 63 == 1;
            i += 8;
            continue;
        }
        let (space, len) = if b[i] < 0x80 {
            (matches!(b[i], b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = text[i..].chars().next().expect("a character starts at a byte of 0x80 and up");
            unspaced += usize::from(is_unspaced_script(c));
            (c.is_whitespace(), c.len_utf8())
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words.max(unspaced / 2)
}

/// Whether the '.' or other stop at `b[i]` stands between two digits ("$234.99", "2.5%"): a
/// number, not the end of a sentence (a teaser's price made it read as prose).
fn is_decimal_point(b: &[u8], i: usize) -> bool {
    b[i] == b'.' && i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// A teaser cut off at its length ("Apple recently launched the new AirPods Pro for $250,
/// but..."): what a page lists after the article, not prose of it.
fn is_cut_short(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// Sentence stops outside ASCII: the ideographic full stop, full-width ! and ?, the danda and
/// the Arabic question mark.
const NON_ASCII_STOPS: [&str; 5] = ["。", "！", "？", "।", "؟"];

/// Whether `b` (UTF-8) holds one of [`NON_ASCII_STOPS`]: looked for where a byte that one of
/// them opens with stands, not by decoding every character.
fn has_non_ascii_stop(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xE3, 0xEF, 0xE0, b)
        .chain(memchr::memchr_iter(0xD8, b))
        .any(|i| NON_ASCII_STOPS.iter().any(|s| b[i..].starts_with(s.as_bytes())))
}

/// Han, kana and Hangul, whose words are not separated by spaces.
fn is_unspaced_script(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_run_wins_over_menus_and_footers() {
        let prose = "The council approved the budget on Tuesday after a long debate about schools and housing.";
        let mut page: Vec<&str> = vec!["Home", "News", "Sport", "Weather", "Budget passes after long debate"];
        page.extend([prose, "A short subheading", prose, prose]);
        page.extend(["Related stories", "Ten things to do this weekend", "Contact us", "Privacy", "Cookies", "Follow us"]);
        let scores: Vec<f64> = page.iter().map(|b| score(b)).collect();
        assert_eq!(main_region(&scores), Some((5, 9)));
        assert_eq!(main_region(&scores[..6]), None, "short pages are kept whole");
        // Under a headline that repeats the title, the article is the run under it even when
        // a longer run of prose comes after a list of teasers.
        let mut page = vec![-1.0, -1.0, -1.0, 4.0, 3.0];
        page.extend([-1.0; 20]);
        page.extend([12.0, -1.0]);
        assert_eq!(main_region(&page), Some((25, 26)));
        assert_eq!(main_region_under(&page, 1), Some((3, 5)));
        assert_eq!(main_region_under(&page, 26), Some((25, 26)), "no prose under the headline: as before");
        // A short paragraph under the headline carries the run on to the article after it.
        let mut page = vec![-1.0, -1.0, 1.0, -1.0, -1.0, 6.0, 5.0];
        page.extend([-1.0; 12]);
        page.push(7.0);
        assert_eq!(main_region(&page), Some((5, 7)));
        assert_eq!(main_region_under(&page, 1), Some((2, 7)));
        // Prose above the headline is the page's top, not the article's.
        page[0] = 9.0;
        assert_eq!(main_region_under(&page, 1), Some((2, 7)));
        assert!(is_headline_of("Storm hits the coast", "Storm hits the coast - The Daily Post"));
        assert!(is_headline_of("Storm Hits The Coast", "Storm hits the coast | Daily Post | News"));
        assert!(!is_headline_of("Storm hits", "Storm hits the coast - The Daily Post"), "a part of the headline");
        assert!(!is_headline_of("Storm hits the coast", "Storm hits the coast"), "the title itself");
        assert!(!is_headline_of("Storm hits the", "Storm hits the coast"));
        assert!(is_title_headline("Storm hits the coast", "Storm hits the coast | The Daily Post"));
        assert!(is_headline_of("Storm hits the coast", "Storm hits the coast: what we know"));
        assert!(!is_title_headline("Storm hits the coast", "Storm hits the coast: what we know"), "a headline's first part");
        let cjk = "東京で開かれた会議で、政府は新しい予算案を承認したと発表しました。";
        assert!(score(cjk) > 0.0 && score("ホーム") < 0.0);
    }

    #[test]
    fn a_table_neither_splits_an_article_nor_makes_one() {
        let prose = "The league table after the last race of the season, with points, wins and poles for every driver.";
        let mut page: Vec<String> = ["Home", "News", "Results", "Standings", "Calendar", "Teams"].map(String::from).to_vec();
        page.extend([prose.to_string(), "Pos. Driver Points Wins Poles Top 5 Top 10".to_string()]);
        page.extend((1..=20).map(|p| format!("{p} Driver Number{p} {} {} 1 7 12", 5000 - 10 * p, p % 4)));
        page.extend([format!("{prose} The top twelve contest the title."), "Contact".to_string(), "Privacy".to_string()]);
        for tail in ["About us", "Jobs", "Advertise", "Terms"] {
            page.push(tail.to_string());
        }
        let texts: Vec<&str> = page.iter().map(String::as_str).collect();
        let mut scores: Vec<f64> = texts.iter().map(|t| score(t)).collect();
        assert_eq!(main_region(&scores), Some((28, 29)), "rows against the article split it");
        neutral_tables(&texts, &vec![false; texts.len()], &mut scores);
        // The table is found wherever it starts and ends, and furniture (a rule's) is none of it.
        for (from, to) in [(0, 35), (7, 28), (8, 13), (9, 13), (10, 15)] {
            let mut scores: Vec<f64> = texts.iter().map(|t| score(t)).collect();
            let mut furniture = vec![true; texts.len()];
            furniture[from..to].fill(false);
            neutral_tables(&texts, &furniture, &mut scores);
            let zero: Vec<usize> = (0..texts.len()).filter(|&i| scores[i] == 0.0).collect();
            let want: Vec<usize> = if to.min(28) - from.max(7) >= MIN_TABLE_ROWS { (from.max(7)..to.min(28)).collect() } else { Vec::new() };
            assert_eq!(zero, want, "{from}..{to}");
        }
        assert_eq!(main_region(&scores), Some((6, 29)));
        // A menu, a teaser list with dates, and rows too few for a table stay chrome.
        let chrome = ["Home", "News", "Mayor opens bridge", "Nov 18, 2019 10:30", "Rain due", "Nov 18, 2019 9:15", "Photos", "1 of 6", "2 of 6", "3 of 6", "4 of 6"];
        let mut scores: Vec<f64> = chrome.iter().map(|t| score(t)).collect();
        neutral_tables(&chrome, &[false; 11], &mut scores);
        assert!(scores.iter().all(|&s| s == NON_PROSE), "{scores:?}");
    }

    #[test]
    fn teasers_cut_short_end_the_article() {
        let prose = "The council approved the budget on Tuesday after a long debate about schools and housing.";
        let lead_in = "Asked what comes next, the mayor gave the answer she has given all week, which is …";
        let teaser = |t: &'static str| [t, "The city council of the neighbouring town approved a budget of its own on Monday, but the vote was..."];
        let mut page: Vec<&str> = vec!["Home", "News", "Sport", "Weather", "Budget passes after long debate"];
        page.extend([prose, lead_in, prose, prose]);
        page.extend(teaser("Neighbours pass budget").into_iter().chain(teaser("Schools win funds")).chain(teaser("Mayor opens bridge")));
        page.extend(["Contact us", "Privacy"]);
        let scores: Vec<f64> = page.iter().map(|b| score(b)).collect();
        assert_eq!(scores[10], NON_PROSE, "a summary cut off at its length");
        assert_eq!(score("Read the whole story here…"), NON_PROSE);
        // A price is no sentence stop; a stop after it still is.
        assert_eq!(score("Apple AirPods Pro already discounted, grab a pair for only $234.99"), NON_PROSE);
        assert!(score("Apple AirPods Pro already discounted, grab a pair for only $234.99.") > 0.0);
        // A paragraph that leads into the next with an ellipsis stays inside the article's run.
        assert_eq!(main_region(&scores), Some((5, 9)));
    }

    #[test]
    fn one_pass_counts_are_the_word_and_character_counts() {
        let prose = "The council approved the budget on Tuesday after a long debate about schools.";
        let cjk = "東京で開かれた会議で、政府は新しい予算案を承認したと発表しました。";
        for text in [prose, " \tThe council approved the budget on Tuesday after a long debate\u{a0}about schools.  ", "a b c d e f g h i j.", "a b c d e f g h i.", "“A” b c d e f g h i j!", "", " ", cjk, "短い文です。", "a\u{a0}b\u{3000}c d e f g h i j?"] {
            let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
            let words = text.split_whitespace().count().max(unspaced / 2);
            let sentence = text.contains(['.', '!', '?', '。', '！', '？', '।', '؟']);
            let expected = if words >= MIN_PROSE_WORDS && sentence { text.chars().count() as f64 / CHARS_PER_POINT } else { NON_PROSE };
            assert_eq!(score(text), expected, "{text:?}");
        }
        // And on generated blocks that mix scripts and spaces, with one stop of any kind or none.
        let pieces = ["word", " ", "\u{a0}", "\u{3000}", "\u{b}", "\t", "é", "Ünï", "東京", "かな", "한국", "—", "“", "x"];
        let stops = ["", "。", "！", "？", "।", "؟", ".", "!"];
        let mut rng = crate::testing::Lcg::new(3);
        for _ in 0..5000 {
            let mut text: String = (0..rng.below(30)).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            let at = (0..=rng.below(text.len() as u64 + 1) as usize).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text.insert_str(at, stops[rng.below(stops.len() as u64) as usize]);
            let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
            let words = text.split_whitespace().count().max(unspaced / 2);
            let sentence = text.contains(['.', '!', '?', '。', '！', '？', '।', '؟']);
            let expected = if words >= MIN_PROSE_WORDS && sentence { text.chars().count() as f64 / CHARS_PER_POINT } else { NON_PROSE };
            assert_eq!(score(&text), expected, "{text:?}");
            assert_eq!(first_words(&text).min(MIN_PROSE_WORDS), words.min(MIN_PROSE_WORDS), "{text:?}");
        }
        // Words in ASCII, read eight bytes at a time, between every kind of white space.
        let pieces = ["word", "x", "ab", "1.5", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1f}", "-", "é"];
        for _ in 0..5000 {
            let text: String = (0..rng.below(40)).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            assert_eq!(first_words(&text).min(MIN_PROSE_WORDS), text.split_whitespace().count().min(MIN_PROSE_WORDS), "{text:?}");
        }
    }

    #[test]
    fn a_comment_section_ends_the_article_only_after_prose() {
        let prose = "The council approved the budget on Tuesday after a long debate about schools and housing.";
        let page = ["View Comments", prose, prose, prose, prose, prose, "12 Comments", prose, "Leave a Reply", "Comment"];
        let scores: Vec<f64> = page.iter().map(|b| score(b)).collect();
        assert_eq!(before_comments(&page, &scores), 6, "the opener above the story ends nothing");
        assert_eq!(before_comments(&page[..6], &scores[..6]), 6);
        assert!(!opens_comments("Comment") && !opens_comments("Comments and analysis from our reporters."));
        for opener in ["Top Rated Comments", "[ 167 comments ]", "Comments (12)", "Most recent comments"] {
            assert!(opens_comments(opener), "{opener}");
        }
        assert!(!opens_comments("Top rated restaurants in comments from readers are listed below."));
        assert!(opens_comments("10 thoughts on “Business Focus”") && opens_comments("Comments are closed."));
        assert!(opens_comments("Posted in Research | Permalink | 10 Comments"));
        assert!(opens_comments("Ann Lee on September 12, 2018 at 4:47 pm said:"));
        assert!(opens_comments("Your email address will not be published. Required fields are marked *"));
    }

    #[test]
    fn counts_after_a_bar_open_comments_as_one_pattern_found_them() {
        // The pattern's first branch as it was: a count after anything up to a bar.
        let one = Regex::new(r"(?i)^(?:(?:.*\|\s*)?\d[\d,.]*\s+(?:comments?|responses?|replies|reactions|thoughts\s+on\s.*))$").unwrap();
        let CommentOpener { whole, openings, .. } = comment_opener();
        // Every opener the pattern takes is let through by the first-bytes test.
        let openers = [
            "12 Comments", "1,204 replies", "3 thoughts on “A Story”", "Leave a Reply", "leave a comment", "Post a comment", "Write your comment",
            "Join the discussion", "View all 12 comments", "See comments", "Comments are closed.", "Comment closed", "Comment on this story",
            "Reader comments", "Most popular comments", "Top rated comments", "[ 4 comments ]", "Comments (12)", "Your email will not be published.",
        ];
        for text in openers {
            assert!(whole.is_match(text) && openings.may_open(text.as_bytes()), "{text:?}");
        }
        // And prose is told no by it (the tables were read off the pattern, not all set).
        for text in ["The council approved the budget.", "Shares rose 3 % on Monday.", "“We will,” she said."] {
            assert!(!openings.may_open(text.as_bytes()), "{text:?}");
        }
        let pieces = ["Posted in Research", " | ", "|", "10 Comments", "3 thoughts on A | B", "x", " ", "1,204 replies", "Share", "12", "comments"];
        let mut rng = crate::testing::Lcg::new(11);
        for _ in 0..3000 {
            let text: String = (0..rng.below(6)).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            let text = text.trim();
            let expected = one.is_match(text) || whole.is_match(text) || is_comment_byline(text);
            assert_eq!(opens_comments(text), expected && text.len() < 200, "{text:?}");
            assert!(!whole.is_match(text) || openings.may_open(text.as_bytes()), "{text:?}");
        }
    }
}
