//! Stage 1: raw text or HTML to clean paragraphs, metadata and an audit of removals.

mod author_bio;
mod blocks;
mod dedupe;
pub mod encoding;
mod html;
mod main_content;
mod memo;
mod mojibake;
mod region;
pub mod metadata;
mod normalize;
pub mod recurring;
mod rules;
mod sources;
mod words;

pub use html::looks_like_html;
pub use rules::{chrome_rule, UserRules};

use smallvec::SmallVec;
use crate::doc::{Document, Removal, Span, TextBuilder};

/// What the cleaner may remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanOptions {
    /// Remove page chrome (prompts, share lines, credits) by rule.
    pub drop_chrome: bool,
    /// Remove paragraphs that repeat an earlier one.
    pub drop_duplicates: bool,
    /// Keep only the main content: in HTML the article a readability-style extractor finds, in
    /// text scraped one block a line the run of prose around the article.
    pub main_content: bool,
    /// The user's own boilerplate patterns, removed as `user-pattern`.
    pub user_rules: Option<std::sync::Arc<UserRules>>,
    /// Lines that recur across the documents of a source (learned beforehand), removed as
    /// `recurring-line`.
    pub recurring: Option<std::sync::Arc<recurring::RecurringLines>>,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions { drop_chrome: true, drop_duplicates: true, main_content: true, user_rules: None, recurring: None }
    }
}

/// Blocks shorter than this (in words) are never duplicates: repeated short blocks are table
/// cells and list items (a score, a "Pos." header), and repeated short chrome goes by rule or
/// with the region around the article.
const MIN_DUPLICATE_WORDS: usize = 4;

/// Blocks with fewer kept blocks before them than this may be date stamps.
const DATE_LINE_WINDOW: usize = 12;

/// Compiles the text rules (chrome, dates and datelines, comment openers) now rather than
/// on the first page that needs them.
pub fn load() {
    rules::load();
    metadata::load();
    region::comment_opener();
}

/// Forgets the answers this thread remembers for the blocks it met (see `memo`): each worker
/// calls it at the start of a batch.
pub fn forget_remembered() {
    memo::forget();
}

/// Fills `clean`, `offsets`, `paragraphs`, `removed` and missing metadata from `raw`.
pub fn clean(doc: &mut Document, opts: &CleanOptions) {
    let cleaned = finish(read(&doc.raw, opts), &doc.meta, opts, None);
    cleaned.apply(doc);
}

/// A document's blocks, read and normalised: the first half of cleaning, which learning the
/// lines that recur across a batch shares (`Pipeline::process_learning`), so that a page is
/// split and normalised once.
pub struct Read<'a> {
    raw: &'a str,
    is_html: bool,
    blocks: Vec<blocks::Block>,
    /// Removals found while reading (HTML's scripts, styles and hidden elements; carriage
    /// returns written out as text).
    removed: Vec<Removal>,
    /// The page's `<title>` element as written (the extractor's title, which may have cut the
    /// site's name from it, is `article`'s).
    title_element: Option<String>,
    article: Option<main_content::Article>,
    /// The blocks with text left after normalising, by their index in `blocks`.
    texts: Vec<(usize, normalize::Normalized<'a>)>,
}

/// Splits `raw` (text or HTML) into blocks and normalises them.
pub fn read<'a>(raw: &'a str, opts: &CleanOptions) -> Read<'a> {
    let is_html = html::looks_like_html(raw);
    let html::HtmlBlocks { blocks, removed, title: title_element, depth } =
        if is_html {
            html::html_blocks(raw)
        } else {
            let (blocks, removed) = blocks::text_blocks(raw);
            html::HtmlBlocks { blocks, removed, title: None, depth: 0 }
        };
    let article = if is_html && opts.main_content && depth <= main_content::MAX_DEPTH { main_content::article(raw) } else { None };
    // At most a text a block: room for them at once, which a filtered collect does not make.
    let mut texts = Vec::with_capacity(blocks.len());
    texts.extend(
        blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                crate::budget::check();
                (i, normalize::normalize_block(raw, b))
            })
            .filter(|(_, t)| !t.is_empty()),
    );
    Read { raw, is_html, blocks, removed, title_element, article, texts }
}

impl Read<'_> {
    /// The chrome rule and line key of every block with text, and the lower-cased words the key
    /// is worked out from, for learning the lines that recur across a batch and then finishing
    /// the cleaning: each found once a block, and once a batch for the blocks that repeat.
    pub fn words(&self) -> BlockWords {
        /// Bytes of scratch a thread keeps between documents at most.
        const MAX_KEPT_SCRATCH: usize = 8 << 20;
        thread_local! {
            static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        SCRATCH.with_borrow_mut(|scratch| {
            // The words are written in a thread's scratch, with room for the most they can take
            // (`words::write_lower_words`), and kept in a list of their own size. A list of
            // that room per page, zeroed, wrote twice the page's bytes before any word and was
            // held while the corpus was learned from (the benchmark's corpus-mode pass peaked
            // at 9.5 MB with it, 8.8 without).
            let mut spans = Vec::with_capacity(self.texts.len());
            let mut keys = Vec::with_capacity(self.texts.len());
            let mut chrome = Vec::with_capacity(self.texts.len());
            let mut end = 0;
            for (_, t) in &self.texts {
                let text = t.as_str();
                let start = end;
                let ((rule, key), written) = memo::rule_and_key(text, || {
                    // Normalising may lengthen a block (a character NFC spells with two).
                    let room = end + 2 * text.len() + 1;
                    if room > scratch.len() {
                        scratch.resize(room.max(2 * scratch.len()), 0);
                    }
                    let n = words::write_lower_words(text, &mut scratch[end..]);
                    let key = recurring::words_key(&scratch[end..end + n]);
                    end += n;
                    (rules::chrome_rule(text), key)
                });
                keys.push(key);
                chrome.push(rule);
                spans.push(written.then_some((start, end)));
            }
            let bytes = scratch[..end].to_vec();
            if scratch.len() > MAX_KEPT_SCRATCH {
                *scratch = Vec::new();
            }
            BlockWords { bytes, spans, keys, chrome }
        })
    }
}

/// Every block with text of a document (`Read::words`): its line key (the hash of its words
/// that recurring lines are counted by), its chrome rule, and its lower-cased words, unless
/// the block repeats one met before in the batch.
pub struct BlockWords {
    bytes: Vec<u8>,
    /// Where each block's words are in `bytes`; none where they were not written.
    spans: Vec<Option<(usize, usize)>>,
    keys: Vec<Option<u64>>,
    chrome: Vec<Option<&'static str>>,
}

impl BlockWords {
    /// Each block's line key, in order.
    pub fn keys(&self) -> &[Option<u64>] {
        &self.keys
    }

    /// The words of block `k`, if they were written.
    fn of(&self, k: usize) -> Option<&[u8]> {
        self.spans[k].map(|(start, end)| &self.bytes[start..end])
    }
}

/// What cleaning made of a document, to be written into it.
pub struct Cleaned {
    clean: String,
    offsets: crate::doc::OffsetMap,
    paragraphs: Vec<Span>,
    removed: Vec<Removal>,
    meta: crate::doc::Metadata,
}

impl Cleaned {
    /// Writes the clean text, offsets, paragraphs, removals and metadata into `doc`.
    pub fn apply(self, doc: &mut Document) {
        let Cleaned { clean, offsets, paragraphs, removed, meta } = self;
        (doc.clean, doc.offsets, doc.paragraphs, doc.removed, doc.meta) = (clean, offsets, paragraphs, removed, meta);
    }
}

/// Decides which blocks of a read document stay and builds its clean text; fills in the
/// metadata `meta` lacks. `words`: the blocks' words, when they were written already (for
/// learning), else a block's are written when it is asked about.
pub fn finish(read: Read<'_>, meta: &crate::doc::Metadata, opts: &CleanOptions, words: Option<&BlockWords>) -> Cleaned {
    let Read { raw, is_html, blocks, mut removed, title_element, article, texts } = read;
    let recurring = opts.recurring.as_ref().map(|r| r.of_source(meta.source.as_deref()));
    let recurring = |k: usize, text: &str| {
        recurring.as_ref().is_some_and(|r| match words {
            Some(words) => r.holds_key(words.keys[k]),
            None => r.holds(text),
        })
    };
    let mut found = Carried::default();
    let last = blocks.len().saturating_sub(1);
    // Text scraped one block a line gets a main-content cut by prose density; HTML has its
    // article, and paragraphs separated by blank lines (clean text among them) have no chrome
    // run to cut, which also keeps cleaning idempotent.
    let cut_region = opts.main_content && !is_html && blocks::one_block_a_line(raw, &blocks);
    // Blocks kept so far: a page's menus, removed by rule or as outside the article, do not
    // push the article's date stamp out of the top blocks. A block that repeats one of them
    // does not either: dropped as a duplicate below, it would be missing when the cleaned text
    // is cleaned again, which would then take a date line the first pass kept.
    let mut kept = 0;
    let mut top: SmallVec<[usize; DATE_LINE_WINDOW]> = SmallVec::new();
    // The first date stamp among the top blocks: the article's, when no region is cut.
    let mut top_stamp = None;
    let mut rules: Vec<Option<&'static str>> = texts
        .iter()
        .enumerate()
        .map(|(k, (i, t))| {
            let chrome = words.map(|w| w.chrome[k]);
            let rule = classify(t.as_str(), chrome, Position { index: *i, kept, last }, opts, &mut found)
                .or_else(|| recurring(k, t.as_str()).then_some("recurring-line"))
                .or_else(|| article.as_ref().is_some_and(|a| !a.contains(t.as_str())).then_some("outside-main-content"));
            if rule.is_none() && kept < DATE_LINE_WINDOW && !top.iter().any(|&j| texts[j].1.as_str() == t.as_str()) {
                top.push(k);
                kept += 1;
            }
            if top_stamp.is_none() && kept < DATE_LINE_WINDOW && matches!(rule, Some("date-stamp" | "date-line")) {
                top_stamp = Some(k);
            }
            rule
        })
        .collect();
    let strs: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
    if let Some(a) = &article {
        let posts = html::embedded_posts(raw);
        if !posts.is_empty() {
            let spans: Vec<Span> = texts.iter().map(|(i, _)| blocks[*i].raw_span()).collect();
            main_content::keep_embedded_posts(&posts, a, &spans, &strs, &mut rules);
        }
    }
    if opts.drop_chrome {
        drop_link_lists(&strs, &mut rules);
        drop_source_lists(&strs, &mut rules);
        let byline = meta.author.as_deref().or(article.as_ref().and_then(|a| a.byline.as_deref())).or(found.author.as_deref());
        drop_author_bio(&strs, &mut rules, &byline.map(author_bio::author_names).unwrap_or_default());
    }
    let settled = settle(&strs, words, &mut rules, opts.drop_duplicates, cut_region);
    // A page scraped to text opens with its `<title>` element ("Headline | Site"), apart from
    // the article: metadata, as the title is in HTML, not a paragraph of the article (which
    // shows its headline again). A table's first row, one line among others, is not apart.
    // The title without the site's name: where the article repeats the title's headline
    // ("Storm hits coast" under "Storm hits coast - The Daily Post"), the headline as written
    // there; otherwise the title less the parts the page names elsewhere. What the title went
    // on with names the site, the source where nothing else gives one ("Storm hits coast |
    // Opinion | The Daily Post": The Daily Post).
    let headline_and_site = |title: &str, headline: Option<usize>, written: &str| {
        let head = match headline.filter(|&h| region::is_title_headline(strs[h], title)) {
            Some(h) => strs[h].to_string(),
            None => metadata::title_without_site(title, &strs).to_string(),
        };
        // The headline is as long as the part of the title as written that it stands for.
        let opens = written.get(..head.len()).is_some_and(|w| w.eq_ignore_ascii_case(&head));
        let site = opens.then(|| metadata::site_after(&written[head.len()..])).flatten();
        (head, site)
    };
    let page_title = settled.title_outside.then(|| {
        rules[0] = Some("page-title");
        headline_and_site(strs[0], settled.headline, strs[0])
    });
    // The extractor's title, or the element's.
    let html_title = article.as_ref().and_then(|a| a.title.as_deref()).or(title_element.as_deref()).map(|t| {
        let headline = strs.iter().position(|b| region::is_title_headline(b, t));
        headline_and_site(t, headline, title_element.as_deref().unwrap_or(t))
    });
    let ((html_title, html_site), (page_title, page_site)) = (html_title.unzip(), page_title.unzip());
    let title_site = html_site.flatten().or(page_site.flatten());
    if cut_region {
        take_article_stamps(&strs, settled.headline, &mut rules, &mut found, opts.drop_chrome);
    } else if let Some(stamp) = top_stamp {
        take_byline_beside(stamp, &strs, settled.headline, &mut rules, &mut found, opts.drop_chrome);
    }

    // A kept block is a separator and its text, most often one piece: room for both, so
    // that the offset map does not grow by doubling either.
    let mut out = TextBuilder::with_capacity(raw.len(), 2 * texts.len());
    // Room for every removal and paragraph at once (and for a dateline's cut): a scraped page
    // removes most of its hundreds of blocks, and growing the lists block by block reallocated
    // each of them several times a page.
    let dropped = rules.iter().filter(|r| r.is_some()).count();
    removed.reserve(dropped + 1);
    let mut paragraphs = Vec::with_capacity(texts.len() - dropped);
    let mut prev_end = 0;
    let mut dateline = None;
    for ((i, mut text), rule) in texts.into_iter().zip(rules) {
        let mut span = blocks[i].raw_span();
        if let Some(rule) = rule {
            removed.push(Removal { raw: span, rule });
            continue;
        }
        // A wire dateline opening the body ("WASHINGTON (AP) —") is metadata, not text: its
        // place would otherwise be co-mentioned with everything in the first sentence.
        if paragraphs.len() < 2 && dateline.is_none() {
            if let Some((place, agency, len)) = metadata::dateline(text.as_str()) {
                dateline = Some((place, agency));
                let mut built = text.into_builder(raw);
                if let Some(cut) = built.drop_front(len) {
                    removed.push(Removal { raw: cut, rule: "dateline" });
                    span.start = cut.end;
                }
                if built.is_empty() {
                    continue;
                }
                text = normalize::Normalized::Built(built);
            }
        }
        if !out.is_empty() {
            out.push_replacement("\n\n", Span::new(prev_end, span.start));
        }
        let start = out.len();
        text.append_to(&mut out, raw);
        paragraphs.push(Span::new(start, out.len()));
        prev_end = span.end;
    }
    let (clean, offsets) = out.finish();
    removed.sort_by_key(|r| (r.raw.start, r.raw.end));

    let mut meta = meta.clone();
    if meta.title.is_none() {
        meta.title = html_title.or(page_title).or_else(|| {
            let first = paragraphs.first()?.slice(&clean);
            (paragraphs.len() > 1 && metadata::looks_like_title(first)).then(|| first.to_string())
        });
    }
    let Carried { date, mut source, author } = found;
    if let Some((place, agency)) = dateline {
        meta.place = Some(place);
        source = source.or(agency);
    }
    let published = article.as_ref().and_then(|a| a.published.as_deref()).and_then(metadata::normalize_date);
    meta.date = meta.date.as_deref().and_then(metadata::normalize_date).or(published).or(date);
    if meta.source.is_none() {
        meta.source = source.or_else(|| article.as_ref().and_then(|a| a.site.clone())).or(title_site);
    }
    if meta.author.is_none() {
        meta.author = article.and_then(|a| a.byline).or(author).as_deref().and_then(metadata::author_of);
    }
    Cleaned { clean, offsets, paragraphs, removed, meta }
}

/// Metadata found in the blocks that carry it (the first of each kind wins).
#[derive(Default)]
struct Carried {
    date: Option<String>,
    source: Option<String>,
    author: Option<String>,
}

/// Where a block stands: its index among the page's blocks, how many different ones before it
/// were kept (counted up to [`DATE_LINE_WINDOW`]), and
/// the last block's index.
struct Position {
    index: usize,
    kept: usize,
    last: usize,
}

/// The rule that removes this block, if any; records metadata the block carries. `chrome`:
/// the block's chrome rule, when it was asked already (`Read::words`).
fn classify(text: &str, chrome: Option<Option<&'static str>>, at: Position, opts: &CleanOptions, found: &mut Carried) -> Option<&'static str> {
    if opts.user_rules.as_ref().is_some_and(|u| u.matches(text)) {
        return Some("user-pattern");
    }
    if let Some(rule) = chrome.unwrap_or_else(|| memo::chrome(text, rules::chrome_rule)) {
        let Carried { date, source, author } = found;
        match rule {
            "wire-credit" => *source = source.take().or_else(|| metadata::wire_credit_source(text)),
            "byline" => *author = author.take().or_else(|| metadata::byline_author(text)),
            _ => {}
        }
        if matches!(rule, "byline" | "date-stamp") && date.is_none() {
            *date = metadata::stamp_date(text).map(|(d, _)| d);
        }
        return opts.drop_chrome.then_some(rule);
    }
    // A date that ends a story is the end of its last sentence, hard-wrapped ("...the merger
    // completed" / "Feb 11, 1987."), not a stamp.
    if at.kept < DATE_LINE_WINDOW && at.index != at.last {
        if let Some(rule) = stamp(text, found) {
            return (rule != "byline" || opts.drop_chrome).then_some(rule);
        }
        if let Some(rule) = handle_byline(text, found) {
            return opts.drop_chrome.then_some(rule);
        }
    }
    if at.index == at.last && metadata::is_sign_off(text) {
        found.source.get_or_insert_with(|| "Reuters".into());
        return Some("sign-off");
    }
    None
}

/// The rule for a date stamp, "date-line" or "byline" (a stamp that names its writers);
/// records its date, and its writers or agency.
fn stamp(text: &str, found: &mut Carried) -> Option<&'static str> {
    let (d, sides) = metadata::date_stamp(text)?;
    // A stamp with a time of day may carry one more word: its section ("Nissan November 20,
    // 2019 13:42"); any stamp, its agency ("Reuters November 18, 2019"). A word beside a bare
    // date is as likely a table's label ("Record March 31, 1987").
    let label = match &sides {
        [word, none] | [none, word] if none.is_empty() => {
            word.is_empty()
                || (!word.contains(' ') && (metadata::is_agency(word) || (metadata::has_clock_time(text) && word.chars().next().is_some_and(char::is_uppercase))))
        }
        _ => false,
    };
    if label {
        found.date.get_or_insert(d);
        if let Some(agency) = sides.iter().find(|w| metadata::is_agency(w)) {
            found.source.get_or_insert_with(|| metadata::agency_name(agency));
        }
        return Some("date-line");
    }
    // A blog's meta line around the date ("October 12, 2018 / 0 Comments / in News / by
    // admin") is the post's stamp too, naming its writer or not.
    let names = match metadata::stamp_names(text, &sides) {
        Some(names) => Some(names),
        None => metadata::post_meta(text)?,
    };
    found.date.get_or_insert(d);
    let Some(names) = names else { return Some("date-line") };
    found.author.get_or_insert_with(|| names.to_string());
    Some("byline")
}

/// The rule for a byline that gives the writer's handle where others write "By" ("Ann Lee
/// @annlee / 2 days"), asked only where a stamp is, above the article: a tweet the story quotes
/// names its writer and handle too. Records the writers.
fn handle_byline(text: &str, found: &mut Carried) -> Option<&'static str> {
    let names = metadata::handle_byline(text)?;
    found.author.get_or_insert_with(|| names.to_string());
    Some("byline")
}

/// Blocks before an article's headline (or its first block) asked whether they are its date
/// stamp: pages put the stamp beside the headline and byline, which the region cut may
/// leave outside, and a box of related stories may stand between them and the article.
const STAMP_REACH: usize = 20;

/// Takes the date stamps of a page's article out of `rules`' kept blocks, and out of those
/// cut around it or taken with a list of tags or stories, under a rule of their own: from [`STAMP_REACH`] blocks before the article's
/// `headline` or first block, whichever is earlier, to its last block (a comment's stamp is
/// not the article's). Their date is the page's, before any date line among the page's top
/// blocks (a menu's "today").
fn take_article_stamps(texts: &[&str], headline: Option<usize>, rules: &mut [Option<&'static str>], found: &mut Carried, drop_chrome: bool) {
    let (Some(first), Some(last)) = (rules.iter().position(Option::is_none), rules.iter().rposition(Option::is_none)) else {
        return;
    };
    let first = headline.map_or(first, |h| h.min(first));
    let top_date = found.date.take();
    let reach = first.saturating_sub(STAMP_REACH)..=last;
    // Where the article's text starts: its first kept block after the headline.
    let body = (first + 1..=last).find(|&k| rules[k].is_none()).unwrap_or(last);
    for k in reach.clone() {
        // A list of tags or related stories runs on through the short lines after it, the
        // stamp among them.
        if matches!(rules[k], None | Some("outside-main-content" | "tag-list" | "read-more")) {
            let rule = match stamp(texts[k], found) {
                None if k <= body => handle_byline(texts[k], found),
                rule => rule,
            };
            if let Some(rule) = rule {
                if rule != "byline" || drop_chrome {
                    rules[k] = Some(rule);
                }
            }
        }
    }
    found.date = found.date.take().or(top_date);
    if let Some(stamp) = reach.into_iter().find(|&k| matches!(rules[k], Some("date-stamp" | "date-line"))) {
        take_byline_beside(stamp, texts, headline, rules, found, drop_chrome);
    }
}

/// Takes the writers' names from the line just before the article's date stamp `at`, or just
/// after it, where pages print their byline without "By" ("Ann Lee", "Ann Lee Associated
/// Press"; `metadata::byline_beside_stamp`), unless a byline named them already. Only beside
/// the stamp: a line of names alone elsewhere is as likely a caption's or a list's.
fn take_byline_beside(at: usize, texts: &[&str], headline: Option<usize>, rules: &mut [Option<&'static str>], found: &mut Carried, drop_chrome: bool) {
    if found.author.is_some() {
        return;
    }
    let beside = [at.checked_sub(1), Some(at + 1)].into_iter().flatten().filter(|&k| k < texts.len() && Some(k) != headline);
    for k in beside {
        if !matches!(rules[k], None | Some("outside-main-content")) {
            continue;
        }
        if let Some(names) = metadata::byline_beside_stamp(texts[k]) {
            found.author = Some(names.to_string());
            if drop_chrome {
                rules[k] = Some("byline");
            }
            return;
        }
    }
}

/// Removes the list under a "Related stories" / "Read more" header or a bare "Tags" heading:
/// the blocks that follow it up to the next paragraph of prose (headlines, teaser fragments,
/// tag words). The article goes on after such a box more often than not, so only the list
/// goes, not what follows it.
fn drop_link_lists(texts: &[&str], rules: &mut [Option<&'static str>]) {
    let mut i = 0;
    while i < texts.len() {
        let header = rules[i];
        i += 1;
        if !matches!(header, Some("read-more" | "tag-list")) {
            continue;
        }
        while i < texts.len() && (rules[i].is_some() || region::score(texts[i]) == region::NON_PROSE || is_headline(texts[i])) {
            rules[i] = rules[i].or(header);
            i += 1;
        }
    }
}

/// The most words of a headline in a list of them.
const HEADLINE_WORDS: usize = 25;

/// Whether a block reads as a headline in a list rather than the prose after it: short, and
/// ending without a sentence's close or with a question ("Paid political ads are not the
/// problem. Our perceptions are", "Could an astronaut lost in space use gravity to get
/// around?"). Prose ends on a full stop, a quote or a bracket.
fn is_headline(text: &str) -> bool {
    let t = text.trim_end();
    let open = t.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '?');
    open && t.split_whitespace().nth(HEADLINE_WORDS).is_none()
}

/// Removes a list of sources: its heading and the citations under it, when there are two or
/// more (blocks removed already may stand among them). A fact-check closes with one; each
/// citation alone is a short line that ends with a date, as a caption may.
fn drop_source_lists(texts: &[&str], rules: &mut [Option<&'static str>]) {
    let mut i = 0;
    while i < texts.len() {
        if rules[i].is_some() || !sources::is_heading(texts[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let mut citations = 0;
        while end < texts.len() && (rules[end].is_some() || sources::is_citation(texts[end])) {
            citations += usize::from(rules[end].is_none());
            end += 1;
        }
        if citations >= 2 {
            for rule in &mut rules[i..end] {
                *rule = rule.or(Some("source-list"));
            }
        }
        i = end;
    }
}

/// Removes the author's box: their name alone, and a biography opening with it (with the
/// first name alone only past the first half of the blocks still kept); on a page that does
/// not name its author, the one name line followed by a biography opening with that name.
fn drop_author_bio(texts: &[&str], rules: &mut [Option<&'static str>], authors: &[String]) {
    if authors.is_empty() {
        // Unnamed, the author's box shows itself: a name line and a biography opening with it.
        let kept = indices_where(texts.len(), |i| rules[i].is_none());
        let kept_texts: Vec<&str> = kept.iter().map(|&i| texts[i]).collect();
        if let Some((name, bio)) = author_bio::unnamed_author_box(&kept_texts) {
            rules[kept[name]] = Some("author-bio");
            rules[kept[bio]] = Some("author-bio");
        }
        // Or a biography that gives the writer's handle, in the second half of the page.
        for &i in &kept[kept.len() / 2..] {
            if author_bio::is_contact_bio(texts[i]) {
                rules[i] = Some("author-bio");
            }
        }
        return;
    }
    let kept = rules.iter().filter(|r| r.is_none()).count();
    let mut k = 0;
    for (text, rule) in texts.iter().zip(rules.iter_mut()) {
        if rule.is_none() {
            if author_bio::is_author_bio(text, authors, 2 * k >= kept) {
                *rule = Some("author-bio");
            }
            k += 1;
        }
    }
}

/// Cuts the blocks still kept to the main region and drops repeated paragraphs, again until
/// nothing changes: a fixed point, so that cleaning clean text changes nothing. (Dropping a
/// repeat can move the region's best edges, and the region decides which copy comes first.)
/// Also says whether the first block reads as a title and stands outside the article, as a
/// scraped page's `<title>` line does (it is kept, for the caller to take as the page's
/// title), and which block repeats that title's headline.
fn settle(texts: &[&str], words: Option<&BlockWords>, rules: &mut [Option<&'static str>], drop_duplicates: bool, cut_region: bool) -> Settled {
    // Blocks already removed by rule (chrome, recurring lines, your patterns) still count in the
    // layout, as furniture: taking them out would join the prose on either side of a menu.
    let furniture: Vec<bool> = rules.iter().map(Option::is_some).collect();
    let scores = if cut_region {
        let mut scores: Vec<f64> = texts.iter().zip(&furniture).map(|(t, &f)| if f { region::NON_PROSE } else { region::score(t) }).collect();
        region::neutral_tables(texts, &furniture, &mut scores);
        region::short_sentences(texts, &furniture, &mut scores);
        scores
    } else {
        Vec::new()
    };
    // Fingerprints are taken when a block first reaches the dedupe step: the blocks a page's
    // region cut removes never need one.
    let mut prints: Vec<Option<Option<dedupe::Fingerprint>>> = texts.iter().map(|_| None).collect();
    // Each step is idempotent on its own, so a step reruns only after the other changed something.
    let (mut region_due, mut dedupe_due) = (cut_region, drop_duplicates);
    let mut settled = Settled::default();
    while region_due || dedupe_due {
        if std::mem::take(&mut region_due) {
            settled = Settled::default();
            let layout = indices_where(texts.len(), |i| rules[i].is_none() || furniture[i]);
            let first_live = layout.iter().position(|&i| rules[i].is_none());
            let layout_scores: Vec<f64> = layout.iter().map(|&i| scores[i]).collect();
            let layout_texts: Vec<&str> = layout.iter().map(|&i| texts[i]).collect();
            let end = region::before_comments(&layout_texts, &layout_scores);
            // The first block still kept, if it reads as a title, is the page's; a later block
            // that repeats the page title's headline heads the article.
            let title_at = first_live.filter(|&k| metadata::looks_like_title(texts[layout[k]]));
            let page_title = title_at.map(|k| layout[k]).filter(|&i| i == 0).map(|i| texts[i]);
            let headline = page_title.and_then(|t| layout.iter().position(|&i| i > 0 && region::is_headline_of(texts[i], t)));
            settled.headline = headline.map(|k| layout[k]);
            let region = match headline {
                Some(k) if k < end => region::main_region_under(&layout_scores[..end], k),
                _ => region::main_region(&layout_scores[..end]),
            };
            if let Some((from, to)) = region.or((end < layout.len()).then_some((0, end))) {
                for (k, &i) in layout.iter().enumerate() {
                    // The page's title is not cut with the chrome around it: it is the
                    // page's metadata, taken out as such once the article is settled.
                    let title = Some(k) == title_at;
                    settled.title_outside |= title && i == 0 && (k < from || k >= to);
                    if (k < from || k >= to) && !title && rules[i].is_none() {
                        rules[i] = Some("outside-main-content");
                        dedupe_due = drop_duplicates;
                    }
                }
            }
        }
        if std::mem::take(&mut dedupe_due) {
            for i in (0..texts.len()).filter(|&i| rules[i].is_none()) {
                prints[i].get_or_insert_with(|| match words.and_then(|w| w.of(i)) {
                    Some(lower) => dedupe::fingerprint_of_words(lower, MIN_DUPLICATE_WORDS),
                    None => dedupe::fingerprint(texts[i], MIN_DUPLICATE_WORDS),
                });
            }
            let mut dedupe = dedupe::Deduper::with_capacity(prints.iter().filter(|p| matches!(p, Some(Some(_)))).count());
            for i in 0..texts.len() {
                if rules[i].is_none() && prints[i].as_ref().and_then(Option::as_ref).is_some_and(|p| dedupe.is_duplicate(p)) {
                    rules[i] = Some("duplicate-paragraph");
                    region_due = cut_region;
                }
            }
        }
    }
    settled
}

/// The indices below `n` that `keep` holds for, in a list with room for all `n` from the start
/// (collected from a filter, the list grew by doubling, several times a page).
fn indices_where(n: usize, keep: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut kept = Vec::with_capacity(n);
    kept.extend((0..n).filter(|&i| keep(i)));
    kept
}

/// What settling a page found besides the blocks it removed.
#[derive(Default)]
struct Settled {
    /// The page's title (its first block) is outside the article.
    title_outside: bool,
    /// The block that repeats the page title's headline, heading the article.
    headline: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `raw` cleaned with the default options.
    fn cleaned(raw: &str) -> Document {
        let mut doc = Document::new("d", raw);
        clean(&mut doc, &CleanOptions::default());
        doc
    }

    #[test]
    fn pages_nested_past_the_extractors_bound_are_cleaned_by_their_blocks() {
        let story = "<p>Angela Merkel met Joe Biden in Berlin on Monday to discuss trade and the war.</p>".repeat(20);
        let page = |depth: usize| format!("<html><body>{}<p>Sign up for our newsletter</p>{story}{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let opts = CleanOptions::default();
        for (depth, extracted) in [(3, true), (main_content::MAX_DEPTH, true), (main_content::MAX_DEPTH + 1, false), (50_000, false)] {
            let raw = page(depth);
            assert_eq!(read(&raw, &opts).article.is_some(), extracted, "{depth}");
            let mut doc = Document::new("d", raw);
            clean(&mut doc, &opts);
            assert_eq!(doc.clean.matches("Angela Merkel met Joe Biden").count(), 1, "{depth}: duplicates dropped");
            assert!(!doc.clean.contains("newsletter"), "{depth}: the rules still apply");
        }
        // Elements that need no end tag do not nest; what is closed is counted off.
        let html = |raw: &str| html::html_blocks(raw).depth;
        assert_eq!(html(&"<p>a<br><img src=x><li>b".repeat(1000)), 0);
        assert_eq!(html(&"<div><span>a</span></div>".repeat(1000)), 2);
        assert_eq!(html(&"<DIV><b/>".repeat(700)), 700);
    }

    #[test]
    fn entities_in_text_are_decoded_with_their_raw_spans() {
        // Text that was HTML once keeps its entities; a bare "&" and what only looks like an
        // entity stay as written.
        let raw = "Rain in S&#227;o Paulo &amp; Rio. AT&T and Q&A; stay.";
        let doc = cleaned(raw);
        assert_eq!(doc.clean, "Rain in São Paulo & Rio. AT&T and Q&A; stay.");
        let s = doc.clean.find("São").unwrap();
        assert_eq!(doc.offsets.span_to_raw(Span::new(s, s + "São Paulo".len())).slice(raw), "S&#227;o Paulo");
        // Cleaned again, the text is what it was.
        let again = cleaned(&doc.clean);
        assert_eq!(again.clean, doc.clean);
    }

    #[test]
    fn datelines_become_metadata() {
        let raw = "Senate passes the budget\n\nWASHINGTON (AP) — The Senate voted on Tuesday.\n\nNEW YORK, March 3 - Stocks rose.";
        let doc = cleaned(raw);
        assert_eq!(doc.clean, "Senate passes the budget\n\nThe Senate voted on Tuesday.\n\nNEW YORK, March 3 - Stocks rose.");
        assert_eq!((doc.meta.place.as_deref(), doc.meta.source.as_deref()), (Some("WASHINGTON"), Some("AP")));
        let cut = doc.removed.iter().find(|r| r.rule == "dateline").unwrap();
        assert_eq!(cut.raw.slice(raw), "WASHINGTON (AP) — ");
        let s = doc.clean.find("Senate voted").unwrap();
        assert_eq!(doc.offsets.span_to_raw(Span::new(s, s + 6)).slice(raw), "Senate");
    }

    #[test]
    fn the_list_under_a_related_header_goes_and_the_article_after_it_stays() {
        let prose = "The council approved the budget on Tuesday after a long debate about schools and housing.";
        // Headlines may hold a full stop or end on a question; the prose after them ends on a
        // full stop.
        let list = "Related stories\n\nMayor opens new bridge\n\nParking in the city centre is not the problem for its shops. Traffic is\n\nCould the new bridge over the river open early in the spring this year?";
        let raw = format!("{prose}\n\n{list}\n\nFive things to do this weekend\n\n{prose} Work starts in May.\n\nA subheading");
        let doc = cleaned(&raw);
        assert_eq!(doc.clean, format!("{prose}\n\n{prose} Work starts in May.\n\nA subheading"));
        let rules: Vec<_> = doc.removed.iter().map(|r| r.rule).collect();
        assert_eq!(rules, ["read-more"; 5]);
    }

    #[test]
    fn a_fact_check_s_list_of_sources_goes_with_its_heading() {
        let prose = "The council approved the budget on Tuesday after a long debate about schools and housing.";
        let sources = "Sources:\n\nHarbour Gazette, \" Council passes budget,\" Oct. 13, 2019\n\nExample Policy Group, \" Housing demand,\" 2017 update\n\nEmail interview with Ann Lee, economist, Nov. 5, 2019";
        let doc = cleaned(&format!("{prose}\n\n{sources}"));
        assert_eq!(doc.clean, prose);
        let rules: Vec<_> = doc.removed.iter().map(|r| r.rule).collect();
        assert_eq!(rules, ["source-list"; 4]);
        // One line that ends with a year under such a heading is no list: a subheading and a
        // paragraph may read so.
        let raw = format!("{prose}\n\nSources\n\nOfficials said the plan would be finished, they hoped, by 2021\n\n{prose} Work starts in May.");
        assert_eq!(cleaned(&raw).clean, raw);
    }

    /// A page scraped to text, one block a line: its title, menus, the article under its
    /// headline, teasers, then a long notice in prose.
    fn scraped_page(article: &[&str]) -> String {
        let mut lines = vec!["Council passes the city budget - The Harbour Gazette", "Home", "News", "Sport", "Weather"];
        lines.extend(["Council passes the city budget", "By Ann Lee", "Share", "Tweet"]);
        lines.extend(article);
        let teasers = ["Mayor opens new bridge", "Five things to do", "Rain on the way", "School wins prize", "Road closed", "Market reopens"];
        lines.extend(teasers.iter().flat_map(|t| [*t, "2 hours ago"]));
        let notice = "Our customer service centre answers questions about subscriptions, deliveries and billing by telephone and e-mail on weekdays between eight and six, and on Saturdays between nine and one; for advertising, reprints and syndication please write to the addresses listed on our contact page, which also gives the postal address of our newsroom.";
        lines.extend([notice, "About us", "Contact"]);
        lines.join("\n")
    }

    #[test]
    fn an_article_s_short_last_sentence_stays_and_a_page_of_one_is_kept_whole() {
        let article = ["The council approved the budget on Tuesday after a long debate about schools and housing.", "The vote was close."];
        assert_eq!(cleaned(&scraped_page(&article)).clean, article.join("\n\n"));
        // A teaser cut short is no sentence ("... the plague,...").
        let teaser = "Two people were taken to hospital after the crash,...";
        let raw = scraped_page(&[article[0], teaser]);
        assert_eq!(cleaned(&raw).clean, article[0]);
        // Without prose, short sentences make no article: a price table under its heading stays.
        let table: Vec<String> = std::iter::once("Prices for Apr 6 in cents per lb.".to_string()).chain((0..14).map(|k| format!("Grade {k} 98.{k}"))).collect();
        let raw = table.join("\n");
        assert_eq!(cleaned(&raw).clean, table.join("\n\n"));
    }

    #[test]
    fn a_scraped_page_opens_with_its_title_and_its_article_is_under_its_headline() {
        let article = ["The council approved the budget on Tuesday after a long debate about schools and housing.", "Work on the new library starts in May, the mayor said, and should take two years to finish."];
        let raw = scraped_page(&article);
        let doc = cleaned(&raw);
        assert_eq!(doc.clean, article.join("\n\n"));
        // The title is the headline, which the article repeats without the site's name.
        assert_eq!(doc.meta.title.as_deref(), Some("Council passes the city budget"));
        assert_eq!(doc.removed[0].rule, "page-title");
        assert_eq!(doc.removed[0].raw.slice(&raw), "Council passes the city budget - The Harbour Gazette");
        // A table of figures, one row a line, is no page: its first row stays.
        let rows: Vec<String> = (1..=14).map(|q| format!("Quarter {q} net {q}1.5 mln vs {q}0.2 mln")).collect();
        let table = rows.join("\n");
        let doc = cleaned(&table);
        assert!(doc.clean.starts_with("Quarter 1 net 11.5 mln vs 10.2 mln"), "{}", doc.clean);
        assert!(doc.removed.iter().all(|r| r.rule != "page-title"));
        // Paragraphs separated by blank lines keep their headline: it heads the text, and its
        // names are mentions.
        let doc = cleaned("Council passes the city budget\n\nThe council approved the budget on Tuesday.");
        assert!(doc.clean.starts_with("Council passes the city budget\n\n"));
    }

    #[test]
    fn an_html_title_is_its_headline_without_the_site() {
        let para = "The council approved the new budget on Tuesday after a long debate about transport, schools and housing in the city centre.";
        let body: String = (0..6).map(|i| format!("<p>{para} Paragraph {i} adds detail.</p>")).collect();
        let page = |title: &str| format!("<html><head><title>{title}</title></head><body><article><h1>Council passes the city budget</h1>{body}</article></body></html>");
        let doc = cleaned(&page("Council passes the city budget | The Harbour Gazette"));
        assert_eq!(doc.meta.title.as_deref(), Some("Council passes the city budget"));
        // The site's name after it is the source, where the page's metadata gives none.
        assert_eq!(doc.meta.source.as_deref(), Some("The Harbour Gazette"));
        // A colon more often ends a headline's first part than it starts a site's name: a text
        // page's title line keeps what follows it.
        let article = ["The council approved the budget on Tuesday after a long debate about schools and housing.", "Work on the new library starts in May."];
        let colon = "Council passes the city budget: what it means for schools";
        let raw = scraped_page(&article).replacen("Council passes the city budget - The Harbour Gazette", colon, 1);
        let doc = cleaned(&raw);
        assert_eq!((doc.meta.title.as_deref(), doc.removed[0].rule), (Some(colon), "page-title"));
    }

    #[test]
    fn a_byline_names_the_author() {
        let raw = "Budget passes after long debate\n\nBy Ann Lee | May 3, 2024\n\nThe council approved the budget on Tuesday.";
        let doc = cleaned(raw);
        assert_eq!(doc.meta.author.as_deref(), Some("Ann Lee"));
        assert!(!doc.clean.contains("Ann Lee"));
    }

    /// A page scraped to text one block a line: title, a menu longer than the top blocks a
    /// date line is looked for among, the headline, `stamp`, the article, and comments.
    fn page_with_stamp(stamp: &str) -> String {
        let menu = ["Home", "World", "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport", "Culture", "Travel", "Opinion", "Video"];
        format!(
            "Budget passes after long debate - Example News\n{}\nBudget passes after long debate\n{stamp}\n{}\nComments\nMay 9, 2024 at 4:47 pm\nGreat news for the city.",
            menu.join("\n"),
            [
                "The city council approved the annual budget on Tuesday after a debate that ran late into the night, members said.",
                "Council members argued for hours over spending on roads, schools and the city's parks before the final vote was taken.",
                "The mayor welcomed the vote and said the budget would keep taxes flat for a third year, as she had promised.",
            ]
            .join("\n")
        )
    }

    #[test]
    fn an_articles_stamp_dates_a_page_below_its_menus() {
        let doc = cleaned(&page_with_stamp("Ann Lee - May 3, 2024, 10:31 am EST"));
        assert_eq!((doc.meta.date.as_deref(), doc.meta.author.as_deref()), (Some("2024-05-03"), Some("Ann Lee")));
        assert!(doc.clean.starts_with("The city council") && !doc.clean.contains("Ann Lee") && !doc.clean.contains("Comments"), "{}", doc.clean);
        assert!(doc.removed.iter().any(|r| r.rule == "byline"));
        let doc = cleaned(&page_with_stamp("Reuters May 3, 2024 11:03 PM"));
        assert_eq!((doc.meta.date.as_deref(), doc.meta.source.as_deref()), (Some("2024-05-03"), Some("Reuters")));
        assert!(doc.removed.iter().any(|r| r.rule == "date-line"));
        // A list of tags above the article runs on through the stamp: it is still the stamp.
        let doc = cleaned(&page_with_stamp("Tags\nCouncil\nMay 3, 2024"));
        assert_eq!(doc.meta.date.as_deref(), Some("2024-05-03"));
        // A blog's meta line, and stamps in other languages.
        for (stamp, date) in [
            ("May 3, 2024 / 0 Comments / in Local News / by admin", "2024-05-03"),
            ("sexta-feira, 3 de maio de 2024 às 20:13", "2024-05-03"),
            ("기사입력 :[ 2024-05-03 15:24 ]", "2024-05-03"),
        ] {
            let doc = cleaned(&page_with_stamp(stamp));
            assert_eq!(doc.meta.date.as_deref(), Some(date), "{stamp}");
            assert!(doc.removed.iter().any(|r| r.rule == "date-line"), "{stamp}");
        }
        // A meta line that names its writer is a byline, as any stamp naming one is.
        let doc = cleaned(&page_with_stamp("May 3, 2024 / 2 Comments / in Local News / by Ann Lee"));
        assert_eq!((doc.meta.date.as_deref(), doc.meta.author.as_deref()), (Some("2024-05-03"), Some("Ann Lee")));
        assert!(doc.removed.iter().any(|r| r.rule == "byline"));
        // No stamp under the headline: a comment's is not the article's date.
        let doc = cleaned(&page_with_stamp("Council news"));
        assert_eq!(doc.meta.date, None);
    }

    #[test]
    fn the_line_beside_the_stamp_names_the_writers() {
        for (stamp, author) in [
            ("Ann Lee\nPublished 10:02 AM EST May 3, 2024", "Ann Lee"),
            ("Ann Lee and Bo Chandler Lakeside Argus Leader\nPublished 10:02 AM EST May 3, 2024", "Ann Lee and Bo Chandler"),
            ("Published 10:02 AM EST May 3, 2024\nAnn Lee Associated Press", "Ann Lee"),
        ] {
            let doc = cleaned(&page_with_stamp(stamp));
            assert_eq!((doc.meta.date.as_deref(), doc.meta.author.as_deref()), (Some("2024-05-03"), Some(author)), "{stamp}");
            assert!(doc.clean.starts_with("The city council") && !doc.clean.contains("Ann Lee"), "{}", doc.clean);
            assert!(doc.removed.iter().any(|r| r.rule == "byline" && doc.raw[r.raw.start..r.raw.end].starts_with("Ann Lee")), "{stamp}");
        }
        // A page in paragraphs, where no region is cut: the stamp among its top blocks.
        let doc = cleaned("Budget passes after long debate\n\nAnn Lee\n\nPublished May 3, 2024\n\nThe city council approved the annual budget on Tuesday.");
        assert_eq!((doc.meta.date.as_deref(), doc.meta.author.as_deref()), (Some("2024-05-03"), Some("Ann Lee")));
        assert!(!doc.clean.contains("Ann Lee"), "{}", doc.clean);
        // Names away from the stamp, or words that read as a headline's, name no writer.
        for page in [
            page_with_stamp("Ann Lee\nCouncil news\nPublished 10:02 AM EST May 3, 2024"),
            page_with_stamp("Council Budget Approved\nPublished 10:02 AM EST May 3, 2024"),
        ] {
            let doc = cleaned(&page);
            assert_eq!((doc.meta.date.as_deref(), doc.meta.author.as_deref()), (Some("2024-05-03"), None), "{page}");
        }
    }

    #[test]
    fn a_handle_under_the_headline_marks_a_byline() {
        let doc = cleaned(&page_with_stamp("Ann Lee @annlee / 2 days"));
        assert_eq!(doc.meta.author.as_deref(), Some("Ann Lee"));
        assert!(doc.clean.starts_with("The city council") && !doc.clean.contains("@annlee"), "{}", doc.clean);
        // In the story, it is a tweet's writer.
        let doc = cleaned(&page_with_stamp("Published May 3, 2024").replace("\nCouncil members", "\nAnn Lee @annlee\nCouncil members"));
        assert_eq!(doc.meta.author, None);
    }

    #[test]
    fn a_date_that_ends_a_story_or_labels_a_row_stays() {
        // Wire copy hard-wrapped: the last line finishes a sentence, it is no stamp.
        let doc = cleaned("Shr 47 cts vs 56 cts\n\nNOTE: figures reflect the merger completed\n\nFeb 11, 1987.");
        assert!(doc.clean.ends_with("Feb 11, 1987."), "{}", doc.clean);
        assert_eq!(doc.meta.date, None);
        // A word beside a bare date is a table's label, not a stamp's section.
        let doc = cleaned("Qtrly div 40 cts vs 40 cts prior\n\nRecord March 31, 1987\n\nPay April 15, 1987");
        assert!(doc.clean.contains("Record March 31, 1987"), "{}", doc.clean);
    }

    #[test]
    fn removes_chrome_and_keeps_offsets() {
        let raw = "A headline about talks\n\nVia AP news wire\nMonday 18 September 2023 06:31 BST\n\nWang Yi met   Jake Sullivan.\n\nThank you for registering\n";
        let doc = cleaned(raw);
        assert_eq!(doc.clean, "A headline about talks\n\nWang Yi met Jake Sullivan.");
        assert_eq!(doc.meta.title.as_deref(), Some("A headline about talks"));
        assert_eq!(doc.meta.date.as_deref(), Some("2023-09-18"));
        assert_eq!(doc.meta.source.as_deref(), Some("AP"));
        let rules: Vec<_> = doc.removed.iter().map(|r| r.rule).collect();
        assert_eq!(rules, ["wire-credit", "date-line", "prompt-registration"]);
        let s = doc.clean.find("Jake").unwrap();
        let raw_span = doc.offsets.span_to_raw(Span::new(s, s + "Jake Sullivan".len()));
        assert_eq!(raw_span.slice(raw), "Jake Sullivan");
    }

    #[test]
    fn a_pages_words_are_each_blocks_words_and_key() {
        // U+0958 is three bytes raw and six in NFC: a block's text may be longer than the page
        // it came from.
        let long = "\u{958}".repeat(40);
        // A batch: the page's second "Sign up now", and every short block of the page's
        // second reading, repeat a block met before, and have no words written out.
        forget_remembered();
        let page = "Sign up now\n\nThe council met, on Tuesday.\n\n“Grüße” — İSTANBUL\n\nSign up now";
        let mut met = std::collections::HashSet::new();
        for raw in [page, long.as_str(), &format!("{long}\n\nx\n\n{long}"), "", page] {
            let read = read(raw, &CleanOptions::default());
            let words = read.words();
            if raw == long {
                assert!(read.texts[0].1.as_str().len() > raw.len(), "NFC lengthens the text");
            }
            assert_eq!(words.keys().len(), read.texts.len(), "{raw:?}");
            for (k, (_, t)) in read.texts.iter().enumerate() {
                let again = !met.insert(t.as_str().to_string()) && t.as_str().len() <= memo::MAX_LEN;
                assert_eq!(words.of(k).is_none(), again, "{raw:?} {k}");
                if let Some(lower) = words.of(k) {
                    words::with_lower_words(t.as_str(), |expected| assert_eq!(lower, expected, "{raw:?}"));
                }
                assert_eq!(words.keys()[k], recurring::line_key(t.as_str()), "{raw:?}");
                assert_eq!(words.chrome[k], rules::chrome_rule(t.as_str()), "{raw:?}");
            }
        }
    }
}
