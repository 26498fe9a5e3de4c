//! Page-chrome rules: prompts, share and newsletter lines, credits that are not article text.
//!
//! Each rule has a name that the audit reports. Rules match a whole block (after
//! whitespace folding), so prose that merely mentions "newsletter" is not touched.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use regex::RegexSet;
use smallvec::SmallVec;
use std::sync::OnceLock;

/// Blocks longer than this are article prose whatever they contain.
const MAX_CHROME_CHARS: usize = 320;

/// (rule name, pattern, words one of which every match holds). Patterns are case-insensitive
/// and see one block. A pattern anchored at the block's start needs no words: its automaton
/// gives up within a few bytes of most blocks. One that may match anywhere is searched only in
/// blocks that hold one of its words (all found in one pass, see [`Scan`]): scanning every
/// block with it cost more than all the other rules together. A "word" of one byte is one
/// the block must end with, for a pattern anchored at the block's end: prose holds a "(" in
/// every few paragraphs, and each sent the whole paragraph through the set.
const RULES: &[(&str, &str, &[&str])] = &[
    ("prompt-registration", r"^thanks?( you)? for (registering|signing up|subscribing|your registration)\b", &[]),
    ("prompt-refresh", r"\bplease refresh (the|this|your) (page|browser)\b|\bto be (automatically )?logged in\b", &["refresh", "logged in"]),
    ("prompt-login", r"^(log ?in|sign ?in|register|create (an|a free) account)\b.*$", &[]),
    ("prompt-javascript", r"\b(enable|turn on) javascript\b|\byour browser (is not|isn't) supported\b", &["javascript", "browser"]),
    ("wire-credit", r"^via (the )?[\w&. ]+? news ?wire\.?$", &[]),
    ("more-coverage", r"^more (of|from) [\w’'. -]+ coverage\b.*$", &[]),
    ("share", r"^(share|tweet|pin|email|e-mail|print|copy link|whatsapp|facebook|twitter|linkedin)( (this|the) (article|story|page))?( (on|via|by) [\w ]+)?[.:!]?$", &[]),
    ("share", r"^share (this|on|via)\b.*$", &[]),
    ("newsletter", r"\b(sign up|subscribe|register) (for|to) (our|the|a|my)\b.*\bnewsletters?\b", &["newsletter"]),
    ("newsletter", r"^newsletter\b.*$", &[]),
    ("newsletter", r"^(subscribe|sign up)( now| today| here)?[.!]?$|^get (our|the) [\w .&'’-]+ (newsletter|briefing|alerts?)\b", &[]),
    ("cookies", r"\bwe use cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b", &["cookie"]),
    ("advertisement", r"^(advertisement|advert|sponsored( content)?|ad|skip advertisement|story continues below( advertisement)?)$", &[]),
    ("read-more", r"^(read more|read (these|this) next|related( articles| stories| coverage| links| content)?|recommended( for you)?|most read|most popular|more stories|top stories|you may also like|you might also like|trending( now)?|explore further|what to read next|previous (article|post|story)|next (article|post|story))([.:!]?|:.*| ?[»›>|].*)$", &[]),
    ("read-more", r"^(more|top|latest) (stories|news|articles|posts)( (in|from|on|by) [a-z0-9 &'’-]+)?:?$|^more (from|in|on) [a-z0-9&'’-]+( [a-z0-9&'’-]+)?:?$", &[]),
    ("gallery", r"^(image|photo|picture|slide) \d+ (of|/)\b.*$|^(caption|close|expand|enlarge|next|previous|prev)$", &[]),
    ("citation", r"^citation: .*\bretrieved\b.*$", &[]),
    ("link-line", r"^[a-z]+( [a-z]+)?: https?://[^ ]+$", &[": http"]),
    // Wire copy marks a story continued in a later take with "MORE" alone (AP: "(MORE)").
    ("wire-continuation", r"^(more|\(more\)|-+ ?more ?-+)$", &[]),
    ("continue-reading", r"^(continue reading( below| the main story)?|(story|article) continues below|loading(\.{1,3}|…)?|featured videos?|watch( the)? video|like this (article|story)\?)[.:!]?$", &[]),
    ("newsletter", r"^no spam\b|^get the latest [\w ]+ (in|to|right in) your inbox\b", &[]),
    ("newsletter", r"\bunsubscribe (at any time|anytime)\b", &["unsubscribe"]),
    ("date-stamp", r"^(first published|published|updated|posted|last (modified|updated))( on| at)?:? ((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? )?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? )?\d[^!?]*$", &[]),
    ("follow", r"^follow (us|@\w+|[\w ]+ on (twitter|x|facebook|instagram))\b.*$", &[]),
    ("copyright", r"^(©|copyright\b|\(c\) )", &[]),
    ("copyright", r"\ball rights reserved\b", &["rights reserved"]),
    ("photo-credit", r"^\(?(photo|image|picture|illustration|graphic)s?( credits?)?( by|:) [^.!?]+\)?$|^(submitted|file|contributed|courtesy) (photo|image)$", &[]),
    ("byline", r"^((written|reporting|edited|researched|compiled|additional reporting|text|words|analysis|opinion|commentary) )?by:? (?-i:[A-Z])[^.!?]*$|^by (?-i:[A-Z])[\w.'’-]*( (?-i:[A-Z])[\w.'’-]*)*,? (on|\|) .*$|^by (?-i:[A-Z])[\w.'’-]*( (?-i:[A-Z])[\w.'’-]*)*((,| and) (?-i:[A-Z])[\w.'’-]*( (?-i:[A-Z])[\w.'’-]*)*)+,? on ((mon|tue|wed|thu|fri|sat|sun)|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[a-z]*\b.*$", &[]),
    ("photo-caption", r"\((\w+ )?((photo|image|picture)s?( credit)?|credits?)(:| by|/)[^()]*\)$|\((ap|afp|reuters|getty images|epa|ap photo|file photo)\)$", &[")"]),
    ("tags", r"^(tags?|topics|categories|filed under|posted in): .*$|^(filed under|posted in) [^.!?]*$", &[]),
    ("tag-list", r"^(tags?|topics|categories|related topics|more on)$", &[]),
    ("author-bio", r"^about the authors?:?$", &[]),
    ("comments", r"^((\d+|no|one) )?comments?( \(\d+\))?$|^comments (are )?(off|closed)\b|^(leave|post|add) a (comment|reply)\b|^show comments\b", &[]),
    ("affiliate", r"\b(may|might|could|will) (earn|receive|get|make) (an? )?(small )?(affiliate )?commission\b.*\b(links?|you (buy|purchase|click|shop))\b", &["commission"]),
    ("contact", r"^(have a (news )?tip\?|(reach|contact|email) the (reporters?|writers?|authors?)\b).*$", &[]),
];

/// The rules compiled in two groups: those anchored at a block's start, and the others; each
/// with the index in [`RULES`] of its patterns.
struct RuleSets {
    /// The rules anchored at a block's start, as one leftmost-first regex: every match starts
    /// at the block's start, so the match it reports is the first such rule's in [`RULES`]
    /// order, found in one search (a set's yes/no search and then its search for every rule
    /// that matches read a matched block twice).
    anchored: (regex_automata::meta::Regex, Vec<usize>),
    /// Which first bytes of a block an anchored rule may go on from.
    openings: Openings,
    unanchored: (RegexSet, Vec<usize>),
}

impl RuleSets {
    /// The first rule (in [`RULES`] order) that matches `block`; the unanchored rules only
    /// when `unanchored` (the block holds one of their words).
    fn first_match(&self, block: &str, unanchored: bool) -> Option<usize> {
        let a = if self.may_open(block) {
            let (regex, rule) = &self.anchored;
            regex.search(&regex_automata::Input::new(block).anchored(regex_automata::Anchored::Yes)).map(|m| rule[m.pattern().as_usize()])
        } else {
            None
        };
        // Most blocks match no rule: a yes/no search stops sooner than finding which rules match.
        let (set, rule) = &self.unanchored;
        let u = if unanchored && set.is_match(block) { set.matches(block).iter().next().map(|i| rule[i]) } else { None };
        a.into_iter().chain(u).min()
    }

    /// Whether an anchored rule may match a block that opens with its first bytes: a block no
    /// rule survives the opening of is told no by a bit or two, where the set's search cost
    /// hundreds of instructions even when its automaton gave up at the second byte.
    fn may_open(&self, block: &str) -> bool {
        self.openings.may_open(block.as_bytes())
    }
}

/// The first bytes after which the automaton of the anchored rules is not dead: each pair of
/// first two bytes (one bit each), and the first three bytes, each set of three by a bit its
/// hash picks (a bit shared by two sets may let a block through that a rule cannot match,
/// never the other way). Two bytes let half a page's blocks through to the search, most of
/// them prose that no rule survives the third byte of ("The", "Whe", "Pol"); sampled, the
/// automaton's walks take a larger share of the time than of the instructions.
pub(super) struct Openings {
    pairs: Vec<u64>,
    triples: Vec<u64>,
}

/// Words of 64 bits in each [`Openings`] table: 2^16 bits, a pair of bytes or a set of three's
/// hash each.
const OPENING_WORDS: usize = 1 << 10;

impl Openings {
    /// Every opening, when the tables cannot be read off exactly.
    fn all() -> Openings {
        Openings { pairs: vec![u64::MAX; OPENING_WORDS], triples: vec![u64::MAX; OPENING_WORDS] }
    }

    /// Whether a match may start with the first bytes of `b`.
    pub(super) fn may_open(&self, b: &[u8]) -> bool {
        let bit = |table: &[u64], k: usize| table[k / 64] >> (k % 64) & 1 == 1;
        match *b {
            [b0, b1, b2, ..] => bit(&self.pairs, pair_index(b0, b1)) && bit(&self.triples, triple_index(b0, b1, b2)),
            [b0, b1] => bit(&self.pairs, pair_index(b0, b1)),
            _ => true,
        }
    }
}

fn pair_index(b0: u8, b1: u8) -> usize {
    usize::from(b0) << 8 | usize::from(b1)
}

/// The bit, of 2^16, of a block's first three bytes.
fn triple_index(b0: u8, b1: u8, b2: u8) -> usize {
    (u32::from_le_bytes([b0, b1, b2, 0]).wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// [`Openings`] of `patterns`, anchored at the start, all matches. A state that holds a match
/// (a rule matched by fewer bytes) counts as open, dead or not after it.
pub(super) fn openings(patterns: &[String]) -> Openings {
    use regex_automata::hybrid::dfa::{Cache, DFA};
    use regex_automata::{Anchored, MatchKind};
    let tables = || -> Option<Openings> {
        let dfa = DFA::builder().configure(DFA::config().match_kind(MatchKind::All).cache_capacity(64 << 20)).build_many(patterns).ok()?;
        let mut cache = Cache::new(&dfa);
        let start = dfa.start_state_forward(&mut cache, &regex_automata::Input::new("").anchored(Anchored::Yes)).ok()?;
        let mut open = Openings { pairs: vec![0; OPENING_WORDS], triples: vec![0; OPENING_WORDS] };
        let set = |table: &mut [u64], k: usize| table[k / 64] |= 1 << (k % 64);
        for b0 in 0..=255u8 {
            let first = dfa.next_state(&mut cache, start, b0).ok()?;
            if first.is_dead() {
                continue;
            }
            for b1 in 0..=255u8 {
                let second = dfa.next_state(&mut cache, first, b1).ok()?;
                if second.is_dead() {
                    continue;
                }
                set(&mut open.pairs, pair_index(b0, b1));
                for b2 in 0..=255u8 {
                    let third = dfa.next_state(&mut cache, second, b2).ok()?;
                    // A match state is never dead; one before the third byte stands whatever follows.
                    if !third.is_dead() || second.is_match() || first.is_match() {
                        set(&mut open.triples, triple_index(b0, b1, b2));
                    }
                }
            }
        }
        // A cache cleared on the way would have made the states read before it meaningless.
        (cache.clear_count() == 0).then_some(open)
    };
    tables().unwrap_or_else(Openings::all)
}

/// The patterns of the rules anchored at a block's start, or of the others, each with its
/// index in [`RULES`].
fn patterns(anchored: bool) -> (Vec<String>, Vec<usize>) {
    RULES
        .iter()
        .enumerate()
        .filter(|(_, (_, _, needs))| needs.is_empty() == anchored)
        // ASCII word boundaries: the phrases are English, and Unicode `\b` would keep the
        // set off its DFA (a backtracking-free but much slower NFA simulation).
        .map(|(i, (_, p, _))| (format!("(?i){}", p.replace(r"\b", r"(?-u:\b)")), i))
        .unzip()
}

fn rules() -> &'static RuleSets {
    static SETS: OnceLock<RuleSets> = OnceLock::new();
    SETS.get_or_init(|| {
        let (anchored, a) = patterns(true);
        let (unanchored, u) = patterns(false);
        RuleSets {
            openings: openings(&anchored),
            anchored: (regex_automata::meta::Regex::new_many(&anchored).expect("chrome rules compile"), a),
            unanchored: (RegexSet::new(&unanchored).expect("chrome rules compile"), u),
        }
    })
}

/// What one pass over a block's lower-cased bytes finds: whether it holds a word an unanchored
/// rule needs, where a caption's credit starts, and whether it asks to click. (ASCII case
/// only: a rule's word spelt with a Kelvin sign or a long s, which the rules' Unicode case
/// folding would match, does not open the unanchored rules.)
struct Scan {
    unanchored: bool,
    credit: Option<usize>,
    click: bool,
}

/// The phrases of a call to action ("Get the app by clicking here").
const CLICKS: &[&str] = &["click here", "clicking here", "tap here", "tapping here"];

/// What a literal of [`Scan`]'s matcher marks.
#[derive(Clone, Copy)]
enum Literal {
    Needed,
    Credit,
    Click,
}

/// The literals [`Scan`] looks for, with what each marks, and the needed bytes looked for on
/// their own.
struct ScanLiterals {
    /// The vectorised matcher, for blocks of [`SHORT_BLOCK`] bytes and more.
    words: AhoCorasick,
    /// A plain automaton without prefilter for shorter blocks, most of a page's: on a few
    /// dozen bytes the vectorised matcher's set-up costs more than reading them one by one
    /// (the literal scan of the 80 dev pages' lines: 0.54 ms against 0.71).
    short: AhoCorasick,
    kinds: Vec<Literal>,
    needed_bytes: Vec<u8>,
}

/// Blocks shorter than this are scanned by [`ScanLiterals::short`].
const SHORT_BLOCK: usize = 32;

/// [`ScanLiterals`], built once per process.
fn scan_literals() -> &'static ScanLiterals {
    static WORDS: OnceLock<ScanLiterals> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut needed: Vec<&str> = RULES.iter().flat_map(|(_, _, needs)| needs.iter().copied()).collect();
        needed.sort_unstable();
        needed.dedup();
        // A needed byte (")") is the block's last: as a literal of the matcher below it would
        // make every byte that starts a word a candidate.
        let (bytes, needed): (Vec<&str>, Vec<&str>) = needed.into_iter().partition(|w| w.len() == 1);
        let literals: Vec<(&str, Literal)> = needed
            .into_iter()
            .map(|w| (w, Literal::Needed))
            .chain([("redit: ", Literal::Credit)])
            .chain(CLICKS.iter().map(|&c| (c, Literal::Click)))
            .collect();
        // Case-sensitive over lower-cased bytes, so that the vectorised matcher serves: a
        // case-blind one runs its automaton byte by byte.
        let build = |kind: Option<AhoCorasickKind>| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .kind(kind)
                .prefilter(kind.is_none())
                .build(literals.iter().map(|(w, _)| w))
                .expect("literal words compile")
        };
        ScanLiterals {
            words: build(None),
            short: build(Some(AhoCorasickKind::DFA)),
            kinds: literals.into_iter().map(|(_, k)| k).collect(),
            needed_bytes: bytes.iter().map(|b| b.as_bytes()[0]).collect(),
        }
    })
}

/// Compiles the rules and the literal scanner now rather than on the first block.
pub(super) fn load() {
    rules();
    scan_literals();
}

impl Scan {
    /// What `block` holds of the literals.
    fn of(block: &str) -> Scan {
        let ScanLiterals { words, short, kinds, needed_bytes } = scan_literals();
        let bytes = block.as_bytes();
        let words = if bytes.len() < SHORT_BLOCK { short } else { words };
        let mut scan = Scan { unanchored: bytes.last().is_some_and(|b| needed_bytes.contains(b)), credit: None, click: false };
        let mut lower: SmallVec<[u8; 256]> = SmallVec::from_slice(bytes);
        lower.as_mut_slice().make_ascii_lowercase();
        // Every occurrence, overlapping ones too, so that no literal hides another: the search
        // restarts a byte after each match. No literal is a prefix of another, so none can
        // start where another matched.
        let mut from = 0;
        while let Some(m) = words.find(Input::new(&*lower).span(from..lower.len())) {
            from = m.start() + 1;
            match kinds[m.pattern().as_usize()] {
                Literal::Needed => scan.unanchored = true,
                // The credit as written ("Credit: ", not "CREDIT: "); the last one counts.
                Literal::Credit => scan.credit = (&bytes[m.start()..m.end()] == b"redit: ").then_some(m.start()).or(scan.credit),
                Literal::Click => {
                    let word_edge = |i: Option<&u8>| !i.is_some_and(u8::is_ascii_alphanumeric);
                    scan.click |= word_edge(m.start().checked_sub(1).and_then(|i| bytes.get(i))) && word_edge(bytes.get(m.end()));
                }
            }
        }
        scan
    }
}

/// The name of the chrome rule that matches `block`, if any.
pub fn chrome_rule(block: &str) -> Option<&'static str> {
    // Past the limit in characters; counted only when the bytes leave it open (in ASCII they
    // are the characters).
    if block.len() > MAX_CHROME_CHARS && (block.len() > 4 * MAX_CHROME_CHARS || block.is_ascii() || block.chars().count() > MAX_CHROME_CHARS) {
        return None;
    }
    let scan = Scan::of(block);
    rules()
        .first_match(block, scan.unanchored)
        .map(|i| RULES[i].0)
        .or_else(|| phrase_rule(block))
        .or_else(|| scan.credit.is_some_and(|at| is_credited_caption(block, at)).then_some("photo-caption"))
        .or_else(|| (scan.click && is_call_to_action(block)).then_some("call-to-action"))
        .or_else(|| is_markup_only(block).then_some("markup"))
}

/// A block of tags and nothing else ("<!doctype html><html><body>", "</b> <p>"), or one that
/// opens an HTML document ("<!doctype html>…", "<html …"): markup left
/// in text, which is no article text, and which, kept at the head of the output, would make
/// the cleaned text read as HTML when it is cleaned again. Only HTML's own element names
/// count: angle brackets also set off titles in prose ("<The Palace: Jang Noksu>").
fn is_markup_only(block: &str) -> bool {
    // A block that opens an HTML document is page source pasted into text, whatever follows it.
    let head = block.get(..14).unwrap_or(block);
    if head.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("<html")) || head.eq_ignore_ascii_case("<!doctype html") {
        return true;
    }
    if !(block.starts_with('<') && block.ends_with('>')) {
        return false;
    }
    let mut rest = block;
    loop {
        rest = rest.trim_start();
        let Some(tag) = rest.strip_prefix('<') else { return rest.is_empty() };
        let name = tag.strip_prefix('/').unwrap_or(tag);
        let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let ends_name = matches!(name[len..].chars().next(), None | Some(' ' | '/' | '>'));
        let element = ends_name && HTML_ELEMENTS.iter().any(|e| name[..len].eq_ignore_ascii_case(e));
        if !(tag.starts_with('!') || element) {
            return false;
        }
        match tag.find('>') {
            Some(end) => rest = &tag[end + 1..],
            None => return false,
        }
    }
}

/// Names of HTML elements that page text keeps as stray markup.
const HTML_ELEMENTS: &[&str] = &[
    "a", "article", "aside", "b", "blockquote", "body", "br", "div", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hr", "html", "i", "iframe", "img", "li", "link", "main", "meta", "nav", "noscript", "ol", "p", "script", "section",
    "small", "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "th", "thead", "title", "tr", "u", "ul",
];

/// Section headers that are whole blocks, and notices known by how they start: compared as
/// plain strings. (The rule set is at the size where each further pattern makes its
/// automaton markedly slower: a header added there cost a third of the cleaning speed.)
const PHRASES: &[(&str, &str)] = &[
    ("other news", "read-more"),
    ("more news", "read-more"),
    ("latest news", "read-more"),
    ("partner news", "read-more"),
    ("most viewed", "read-more"),
    ("most shared", "read-more"),
    ("most commented", "read-more"),
    ("most popular in the section", "read-more"),
    ("most read in the section", "read-more"),
    ("other news in this section", "read-more"),
    ("more news in this section", "read-more"),
    ("enlarge image", "gallery"),
    ("enlarge photo", "gallery"),
    ("view author archive", "author-bio"),
    ("follow on twitter", "follow"),
    ("back to gallery", "gallery"),
    ("back to photo gallery", "gallery"),
    ("view gallery", "gallery"),
    ("view the gallery", "gallery"),
    ("see the gallery", "gallery"),
    ("open gallery", "gallery"),
    ("read later", "share"),
    ("save for later", "share"),
    ("save article", "share"),
    ("save story", "share"),
    ("add to reading list", "share"),
];

/// Openings of standard notices that are never article text.
const NOTICE_OPENINGS: &[(&str, &str)] = &[
    ("this material may not be published", "copyright"),
    ("this material may not be reproduced", "copyright"),
    ("this document is subject to copyright", "copyright"),
    ("this article is subject to copyright", "copyright"),
    ("subscribe to ", "newsletter"),
];

/// The rule of a block that is one of [`PHRASES`] (case aside, with or without a colon), opens
/// with one of [`NOTICE_OPENINGS`], or has the shape of a list's header, a picture's credit, a
/// slideshow's counter or a bracketed related link: plain tests, each out at a byte or two for
/// most blocks, where a pattern in the rule sets would slow every block's search.
fn phrase_rule(block: &str) -> Option<&'static str> {
    let bytes = block.as_bytes();
    let opens_ci = |needle: &str| bytes.len() >= needle.len() && bytes[..needle.len()].eq_ignore_ascii_case(needle.as_bytes());
    if let Some((_, rule)) = NOTICE_OPENINGS.iter().find(|(opening, _)| opens_ci(opening)) {
        return Some(rule);
    }
    let whole = block.trim_end_matches(':');
    PHRASES
        .iter()
        .find(|(phrase, _)| whole.eq_ignore_ascii_case(phrase))
        .map(|(_, rule)| *rule)
        .or_else(|| is_list_header(whole).then_some("read-more"))
        .or_else(|| is_name_credit(block).then_some("photo-credit"))
        .or_else(|| is_counter(block).then_some("gallery"))
        .or_else(|| is_related_link(block).then_some("read-more"))
        .or_else(|| is_credit_line(block).then_some("credit-line"))
        .or_else(|| is_agency_byline(block).then_some("byline"))
        .or_else(|| is_addressed_byline(block).then_some("byline"))
        .or_else(|| is_caption_toggle(block).then_some("photo-caption"))
}

/// A byline that goes on to the writer's address ("By Ann Lee ann@example.org (555)
/// 010-0199"), which the byline pattern (no full stop after the names) leaves.
fn is_addressed_byline(block: &str) -> bool {
    let b = block.as_bytes();
    b.len() <= 120
        && b.len() > 3
        && b[..3].eq_ignore_ascii_case(b"by ")
        && memchr::memchr(b'@', b).is_some()
        && super::metadata::byline_author(block).is_some_and(|names| super::author_bio::are_names(&names))
}

/// What a wire story's closing credit in brackets opens with: "(Reporting by Jane Doe;
/// Editing by Tom Roe)".
const CREDIT_OPENINGS: &[&str] = &["(reporting by ", "(additional reporting by ", "(writing by ", "(editing by ", "(compiled by ", "(research by "];

/// A wire story's closing credit: one pair of brackets around the people who wrote and edited it.
fn is_credit_line(block: &str) -> bool {
    let b = block.as_bytes();
    b.first() == Some(&b'(')
        && b.last() == Some(&b')')
        && CREDIT_OPENINGS.iter().any(|o| b.len() > o.len() && b[..o.len()].eq_ignore_ascii_case(o.as_bytes()))
        && memchr::memchr2(b'(', b')', &b[1..b.len() - 1]).is_none()
}

/// A news agency's byline without "By" (`metadata::agency_byline_names`).
fn is_agency_byline(block: &str) -> bool {
    block.len() <= 100 && super::metadata::agency_byline_names(block).is_some()
}

/// A picture's caption with the toggle that shows it in full or cut short ("... in Los
/// Angeles Tuesday, Nov. 19, 2019. less", "... unveil the concept car at ... more"): prose
/// does not end a sentence and then say "less", nor trail off and say "more".
fn is_caption_toggle(block: &str) -> bool {
    block.len() > 40 && (block.ends_with(". less") || block.ends_with("... more") || block.ends_with("\u{2026} more"))
}


/// A slideshow's counter: "1 of 6", "1 / 23".
fn is_counter(block: &str) -> bool {
    let b = block.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) || b.len() > 16 {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    [" of ", " / ", "/"].iter().any(|sep| block.split_once(sep).is_some_and(|(a, z)| digits(a) && digits(z)))
}

/// A link to another story set in brackets: "[Related: Council passes the budget]".
fn is_related_link(block: &str) -> bool {
    block.starts_with('[') && block.len() > 10 && block.as_bytes()[..10].eq_ignore_ascii_case(b"[related: ") && block.ends_with(']') && !block[1..block.len() - 1].contains(']')
}

/// Who a picture is from, after the photographer's name ("Michael Conroy, AP", "Ann Lee/Getty
/// Images", "Bo Chan Submitted photo").
const CREDITS: &[&str] = &[
    ", AP", "/AP", ", AFP", "/AFP", ", Reuters", "/Reuters", ", EPA", "/EPA", ", Getty Images", "/Getty Images", ", Getty", " Submitted photo",
    " File photo", " Contributed photo", " Courtesy photo",
];

/// A picture's credit line: one to four capitalised words (the photographer) and a credit from
/// [`CREDITS`]; captions in prose end with a sentence first.
fn is_name_credit(block: &str) -> bool {
    // Every credit ends in one of five letters, and holds a comma or a slash or ends in
    // " photo": most short lines are out at their last byte or one vector search, before the
    // credits are compared one by one.
    if block.len() > 80 || !matches!(block.as_bytes().last(), Some(b'P' | b's' | b'A' | b'y' | b'o')) {
        return false;
    }
    if memchr::memchr2(b',', b'/', block.as_bytes()).is_none() && !block.ends_with(" photo") {
        return false;
    }
    let Some(name) = CREDITS.iter().find_map(|c| block.strip_suffix(c)) else { return false };
    let words = name.split_whitespace();
    (1..=4).contains(&words.clone().count()) && words.into_iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Words a link list's header opens with, and words it ends with ("More Great WIRED Stories",
/// "Most read in world news", "Top Headlines").
const LIST_OPENERS: &[&str] = &["more", "most", "top", "latest", "recent", "related", "recommended", "popular", "trending"];
const LIST_NOUNS: &[&str] = &["stories", "news", "articles", "posts", "reads", "videos", "headlines"];
/// What "most" of a list's header says the list is ("Most read in …", "Most viewed …").
const MOST_KINDS: &[&str] = &["read", "popular", "viewed", "shared", "commented", "recent"];
/// Words that join a header's name to its noun ("More news in this section").
const LIST_JOINS: &[&str] = &["in", "from", "on", "of", "by", "the", "this", "our", "your", "for", "and", "&"];

/// A header of two to six words over a list of links: it opens with one of [`LIST_OPENERS`]
/// and ends with one of [`LIST_NOUNS`]; what stands between is a name (capitalised words,
/// "More Great WIRED Stories") with joining words, or anything after "most read" and its
/// kind ("Most read in world news"). A headline of that shape has a lower-case word between
/// ("More people are reading the news").
fn is_list_header(block: &str) -> bool {
    let is = |word: &str, list: &[&str]| list.iter().any(|x| word.eq_ignore_ascii_case(x));
    // The opener first: every one starts with one of five letters, so most blocks are out at
    // their first byte, and the rest at their first word (blocks are normalised: one space
    // between words), before any word is collected.
    if block.len() > 60 || !matches!(block.as_bytes().first().map(u8::to_ascii_lowercase), Some(b'm' | b't' | b'l' | b'r' | b'p')) {
        return false;
    }
    let first = &block[..memchr::memchr(b' ', block.as_bytes()).unwrap_or(block.len())];
    if !is(first, LIST_OPENERS) {
        return false;
    }
    let words: SmallVec<[&str; 8]> = block.split_whitespace().collect();
    let ([first, between @ .., last], 2..=6) = (&words[..], words.len()) else { return false };
    let named = |w: &&str| w.chars().next().is_some_and(|c| !c.is_lowercase()) || is(w, LIST_JOINS);
    let kind = first.eq_ignore_ascii_case("most") && between.first().is_some_and(|w| is(w, MOST_KINDS));
    is(last, LIST_NOUNS) && (kind || between.iter().all(named))
}

/// A caption that ends with its credit after a sentence ("... a crewed Mars mission. Credit:
/// ESA"), or with "Credit:" capitalised where no sentence ended ("... sought treatment Credit:
/// EPA", as some papers print them), and a credit that opens with a capital (`at`: where the
/// last "redit: " starts). Prose may end on "credit: secured and unsecured", in lower case.
fn is_credited_caption(block: &str, at: usize) -> bool {
    let Some(at) = at.checked_sub(1).filter(|&c| block.as_bytes()[c].eq_ignore_ascii_case(&b'c')) else { return false };
    let (before, credit) = (block[..at].trim_end(), &block[at + "credit: ".len()..]);
    let before = ["Image", "Photo", "Picture", "image", "photo", "picture"].iter().find_map(|w| before.strip_suffix(w)).map_or(before, str::trim_end);
    let capitalised = block.as_bytes()[at] == b'C' && credit.chars().next().is_some_and(char::is_uppercase);
    (before.ends_with(['.', ')']) || capitalised) && credit.len() <= 80 && !credit.contains(['.', '!', '?'])
}

/// A line that asks to click ("Get the app by clicking here"): one sentence at most, holding
/// one of [`CLICKS`] as words (which the caller found). The phrases are literals found in the
/// block scan rather than a rule: as a pattern that may start anywhere in a line it made the
/// whole set's automaton three times slower.
fn is_call_to_action(block: &str) -> bool {
    memchr::memchr3(b'.', b'!', b'?', block.trim_end_matches(['.', '!']).as_bytes()).is_none()
}

/// The user's own boilerplate patterns (case-insensitive regular expressions, each searched
/// in a whole block), compiled once for a pipeline.
#[derive(Debug, Clone)]
pub struct UserRules {
    patterns: Vec<String>,
    set: RegexSet,
}

impl UserRules {
    /// Compiles the patterns; the error names the one at fault.
    pub fn new(patterns: &[String]) -> crate::Result<Self> {
        let compile = |ps: &[String]| RegexSet::new(ps.iter().map(|p| format!("(?i){p}")));
        let set = compile(patterns).map_err(|e| {
            // Only on failure, find the pattern at fault so the message can name it.
            let bad = patterns.iter().find(|p| compile(std::slice::from_ref(p)).is_err());
            crate::Error::InvalidArgument(match bad {
                Some(p) => format!("boilerplate pattern {p:?} does not compile: {e}"),
                None => format!("boilerplate patterns do not compile together: {e}"),
            })
        })?;
        Ok(UserRules { patterns: patterns.to_vec(), set })
    }

    /// True when a pattern matches in `block`.
    pub fn matches(&self, block: &str) -> bool {
        self.set.is_match(block)
    }
}

impl PartialEq for UserRules {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl Eq for UserRules {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_rules_match_case_insensitively_and_explain_bad_patterns() {
        let r = UserRules::new(&["^listen to this article$".into(), "sponsored by".into()]).unwrap();
        assert!(r.matches("Listen to this article") && r.matches("This page is Sponsored by Acme"));
        assert!(!r.matches("Listen to this article now, said the host."));
        let e = UserRules::new(&["(unclosed".into()]).unwrap_err();
        assert!(e.to_string().contains("\"(unclosed\""), "{e}");
    }

    #[test]
    fn the_anchored_search_finds_the_first_rule_that_matches() {
        // As a set of the same patterns tells it: the least index of every rule that matches.
        let (patterns, rule) = patterns(true);
        let set = RegexSet::new(&patterns).unwrap();
        let sets = rules();
        let openings = ["Share", "share this", "Newsletter", "Subscribe", "Sign up", "Read more", "Related", "More", "Advertisement", "Photo", "By", "Tags", "Comments", "©", "Log in", "Follow", "Updated", "Image 3 of", "Loading"];
        let rests = ["", " ", " this article", " on Facebook", "!", ": Ann Lee", " stories", " now", " here", " our newsletter", " 12 comments", " 2024", " (3)", " by Ann Lee", ".", " to read more"];
        let mut blocks: Vec<String> = openings.iter().flat_map(|o| rests.iter().map(move |r| format!("{o}{r}"))).collect();
        blocks.extend(["The council met on Monday.", "more", "MORE", "(MORE)", "Ad", "Newsletter sign up", "Share this story on Twitter", "Posted in: News"].map(String::from));
        let (mut matched, mut several) = (0, 0);
        for block in &blocks {
            several += usize::from(set.matches(block).iter().count() > 1);
            let expected = set.matches(block).iter().next().map(|i| rule[i]);
            let found = sets.anchored.0.search(&regex_automata::Input::new(block.as_str()).anchored(regex_automata::Anchored::Yes)).map(|m| sets.anchored.1[m.pattern().as_usize()]);
            assert_eq!(found, expected, "{block:?}");
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 100 && several >= 4, "{matched} of {} blocks matched, {several} by several rules", blocks.len());
    }

    #[test]
    fn chrome_lines_match_their_rule() {
        let cases = [
            ("Thank you for registering", "prompt-registration"),
            ("Please refresh the page or navigate to another page on the site to be automatically logged inPlease refresh your browser to be logged in", "prompt-refresh"),
            ("Via AP news wire", "wire-credit"),
            ("More of AP’s Asia-Pacific coverage is available at", "more-coverage"),
            ("Share this article", "share"),
            ("Save for later", "share"),
            ("Read Later", "share"),
            ("Sign up for our daily newsletter", "newsletter"),
            ("Get our weekly Money Inc. newsletter", "newsletter"),
            ("Photo by Jane Roe", "photo-credit"),
            ("(Image: Reuters)", "photo-credit"),
            ("Submitted photo", "photo-credit"),
            ("Tags: budget, council, schools", "tags"),
            ("Filed under Politics", "tags"),
            ("Tags", "tag-list"),
            ("No Comments", "comments"),
            ("Leave a Reply", "comments"),
            ("Comments are closed.", "comments"),
            ("Continue Reading Below", "continue-reading"),
            ("Article continues below", "continue-reading"),
            ("Loading...", "continue-reading"),
            ("MORE", "wire-continuation"),
            ("(MORE)", "wire-continuation"),
            ("Read these next", "read-more"),
            ("Explore further", "read-more"),
            ("No spam, we promise. You can unsubscribe at any time.", "newsletter"),
            ("Published: Nov. 19, 2019, 6:18 p.m. Updated: Nov. 19, 2019, 7:10 p.m.", "date-stamp"),
            ("Last modified on Mon 18 Nov 2019 18.56 GMT", "date-stamp"),
            ("Workers load trims outside a store in Hialeah, Fla. (AP Photo/Alan Diaz, File)", "photo-caption"),
            ("A cargo ship leaves the port on Aug. 31, 2019. (AP)", "photo-caption"),
            ("The galaxy cluster as the telescope saw it. (Image credit: NASA)", "photo-caption"),
            ("The rocket's core stage after its engines were fitted. (credit: NASA/Ann Lee)", "photo-caption"),
            ("By Brigit Katz", "byline"),
            ("By Ann Lee annl@example.org (555) 010-0199", "byline"),
            ("Top stories in Nation", "read-more"),
            ("More from UK", "read-more"),
            ("More articles from Emiliano Bellini", "read-more"),
            ("READ MORE ON OUR SITE BY CLICKING HERE", "call-to-action"),
            ("Image 1 of / 23", "gallery"),
            ("Caption", "gallery"),
            ("1 of 6", "gallery"),
            ("Michael Conroy, AP", "photo-credit"),
            ("Ann Lee/Getty Images", "photo-credit"),
            ("Christopher Battin Submitted photo", "photo-credit"),
            ("1 / 23", "gallery"),
            ("Back to Gallery", "gallery"),
            ("[Related: Council passes the budget]", "read-more"),
            ("By Ann Lee, Bo Chan and Cy Dee on Monday, November 18th, 2019 at 11:08 a.m.", "byline"),
            ("Citation: Sleeping astronauts (2019, November 18) retrieved 20 November 2019 from https://example.org/x", "citation"),
            ("Listen: http://po.st/abc", "link-line"),
            ("First Published: Tuesday, November 19, 2019 08:38 AM", "date-stamp"),
            ("By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", "byline"),
            ("Reporting by Ann Lee; Editing by Bo Chan", "byline"),
            ("Analysis by Ann Lee, CNN Editor-at-large", "byline"),
            ("Opinion by Ann Lee and Bo Chan", "byline"),
            ("About the Author", "author-bio"),
            ("Most popular in the section", "read-more"),
            ("Other news in this section", "read-more"),
            ("Partner news", "read-more"),
            ("More Great WIRED Stories", "read-more"),
            ("Microsoft may earn an Affiliate Commission if you purchase something through recommended links in this article", "affiliate"),
            ("We may earn a commission from links on this page.", "affiliate"),
            ("Subscribe to the Daily Ledger's video channel for the latest reviews!", "newsletter"),
            ("Most read in world news", "read-more"),
            ("Top Headlines:", "read-more"),
            ("Recent Posts", "read-more"),
            ("RECENT ARTICLES", "read-more"),
            ("Enlarge Image", "gallery"),
            ("View author archive", "author-bio"),
            ("This material may not be published, broadcast, rewritten, or redistributed.", "copyright"),
            ("This document is subject to copyright. Apart from any fair dealing, no part may be reproduced.", "copyright"),
            ("A habitation module for a crewed Mars mission. Credit: ESA", "photo-caption"),
            ("Volunteers clear the beach after the storm Credit: Ann Lee - Contributor", "photo-caption"),
            ("<!doctype html><html><body>", "markup"),
            ("<!DOCTYPE html><html><body> Wang Yi", "markup"),
            ("<html lang=en>Wang Yi", "markup"),
            ("</b> <p>", "markup"),
            ("<P> <BR/> <div class=\"x\"> <!-- ad -->", "markup"),
            ("(Reporting by Ann Lee in Leeds; additional reporting by Bo Chan, editing by Cy Dee.)", "credit-line"),
            ("(Writing by Ann Lee; Editing by Bo Chan)", "credit-line"),
            ("Ann Lee, AP Business Writer", "byline"),
            ("Ann Lee and Bo Chan-Dee, Associated Press", "byline"),
            ("Ann Lee, Bo Chan and Cy Dee, AP Sports Writers", "byline"),
            ("Have a tip? Ann Lee may be reached at alee@example.org. Follow her on Twitter.", "contact"),
            ("Reach the reporters at alee@example.org and bchan@example.org", "contact"),
            ("Contact the writer: alee@example.org", "contact"),
            ("The mayor, left, greets residents at the new library in Leeds on Tuesday, May 5, 2020. less", "photo-caption"),
            ("The mayor, left, greets residents at the new library in Leeds on ... more", "photo-caption"),
        ];
        for (block, rule) in cases {
            assert_eq!(chrome_rule(block), Some(rule), "{block}");
        }
    }

    /// The rule as one set of all patterns and a case-blind search of the whole block found it:
    /// what the split sets and the literal scan must agree with.
    fn reference_rule(block: &str) -> Option<&'static str> {
        static SET: OnceLock<RegexSet> = OnceLock::new();
        let set = SET.get_or_init(|| RegexSet::new(RULES.iter().map(|(_, p, _)| format!("(?i){}", p.replace(r"\b", r"(?-u:\b)")))).unwrap());
        if block.chars().count() > MAX_CHROME_CHARS {
            return None;
        }
        let credited = || {
            let at = block.rfind("redit: ")?;
            is_credited_caption(block, at).then_some("photo-caption")
        };
        let clicks = || {
            let bytes = block.trim_end_matches(['.', '!']).as_bytes();
            let lower = bytes.to_ascii_lowercase();
            let edge = |i: Option<&u8>| !i.is_some_and(u8::is_ascii_alphanumeric);
            let found = CLICKS.iter().any(|c| {
                (0..lower.len()).any(|i| lower[i..].starts_with(c.as_bytes()) && edge(i.checked_sub(1).and_then(|j| bytes.get(j))) && edge(bytes.get(i + c.len())))
            });
            (found && memchr::memchr3(b'.', b'!', b'?', bytes).is_none()).then_some("call-to-action")
        };
        let markup = || is_markup_only(block).then_some("markup");
        set.matches(block).iter().next().map(|i| RULES[i].0).or_else(|| phrase_rule(block)).or_else(credited).or_else(clicks).or_else(markup)
    }

    #[test]
    fn the_split_sets_and_the_literal_scan_decide_as_one_set_does() {
        let pieces = [
            "please refresh the page", "to be logged in", "click here", "clicking", "tap", " here", "heredit: ", "Credit: ESA",
            "CREDIT: ", "A mission. Credit: ESA", "(AP)", "(Photo: Reuters)", "(file photo)", "we use cookies", "Cookie Policy", "All Rights Reserved",
            "newsletter", "Sign up for our", "enable JavaScript", "your browser is not supported", "Browser", "Share this",
            "By Ann Lee", ".", "!", "?", " ", ": ", "Unsubscribe at any time", "the minister said", "©", "Tags:", "Related",
            "Read more", "Loading...", "Photo by", "Follow us", "2 comments", "x", "Grüße", "—", "Source: https://example.org/a",
            ": HTTP://", "Read more: http://x",
        ];
        let mut rng = crate::testing::Lcg::new(5);
        let mut blocks: Vec<String> = Vec::new();
        for _ in 0..20_000 {
            let mut b = String::new();
            for _ in 0..1 + rng.below(5) {
                let piece = pieces[rng.below(pieces.len() as u64) as usize];
                match rng.below(4) {
                    0 => b.push_str(&piece.to_uppercase()),
                    1 => b.push_str(&piece.to_lowercase()),
                    2 => b.push_str(&piece.replace(' ', "\u{a0}")),
                    _ => b.push_str(piece),
                }
                if rng.below(3) == 0 {
                    b.push(' ');
                }
            }
            blocks.push(b);
        }
        blocks.push("a".repeat(MAX_CHROME_CHARS) + " Share this");
        blocks.push("é".repeat(MAX_CHROME_CHARS - 11) + " Share this");
        let mut matched = 0;
        for b in &blocks {
            let want = reference_rule(b);
            assert_eq!(chrome_rule(b), want, "{b:?}");
            matched += usize::from(want.is_some());
        }
        // Both outcomes are common, so the comparison tests something.
        assert!(matched > blocks.len() / 5 && matched < blocks.len() * 4 / 5, "{matched} of {}", blocks.len());
    }

    #[test]
    fn the_opening_table_is_read_off_the_automaton() {
        let sets = rules();
        let count = |table: &[u64]| table.iter().map(|w| w.count_ones()).sum::<u32>();
        // Not the every-opening fallback, and not empty.
        let (pairs, triples) = (count(&sets.openings.pairs), count(&sets.openings.triples));
        assert!(pairs > 100 && pairs < 1 << 15, "{pairs} pairs");
        assert!(triples > 100 && triples < 1 << 14, "{triples} triples");
        for block in ["Share this", "SHARE", "© 2024", "(Photo: AP)", "12 comments", "Read more", "tags: x", "ad"] {
            assert!(sets.may_open(block), "{block}");
        }
        for block in ["He said", "In Paris", "Officials said", "“We will”", "Hours later", "The minister", "Where", "Police", "Shipping"] {
            assert!(!sets.may_open(block), "{block}");
        }
    }

    #[test]
    fn prose_is_not_chrome() {
        for block in [
            "The minister said the share price had fallen.",
            "Wang discussed the situation in Ukraine in his weekend meetings.",
            "Related talks will resume in Geneva next week, officials said, after a pause that followed the summit.",
            "Photos by the agency showed the damage. Officials said repairs would take weeks.",
            "Topics discussed included the budget and the schools.",
            "Continue reading the report, the judge told the court on Monday.",
            "Updated figures will follow, the agency said, as 2019 data arrive.",
            "Published in 1998, the book sold a million copies.",
            "The agency (AP) said the photo (taken in May) was genuine.",
            "By Monday, the ministry had still not answered.",
            "More from the minister is expected on Friday.",
            "Readers who click here. The page then explains more.",
            "by the time rescuers arrived the road was closed",
            "Other news in this section of the report were less welcome, the minister said.",
            "The bank said credit: the lifeblood of the economy, was scarce.",
            "The bank offers two kinds of credit: secured and unsecured",
            "The bank offers two kinds of Credit: secured and unsecured",
            "This article is about the budget that passed on Tuesday.",
            "<BP> said it would sell the unit <BP.L>.",
            "<p> is the paragraph tag, <b> the bold one.",
            "< 5 units > 3 units",
            "<3 <3 <3>",
            "<b>Minister resigns</b>",
            "<The Palace: Jang Noksu>",
            "<Breaking> <News>",
            "More than a hundred people read the news",
            "The latest news",
            "Most Americans distrust the news",
            "More people are reading the news",
            "Recent rains flooded the news",
            "1 of 6 people asked said no.",
            "The vote was reported by the AP",
            "Officials declined to comment to the AP",
            "By Monday, Ann Lee and Bo Chan on the board had resigned.",
            "The board said the agency may earn a commission on each sale, the filing shows, and more.",
            "Subscribers to the service rose by a third.",
            "(Reporting by the agency was disputed, the minister said in a statement.) And more",
            "Contact the authorities if you see the animal, police said.",
            "Have a tip for a faster commute? The council wants to hear it.",
            "The award went to Ann Lee, a former Associated Press writer",
            "Officials met Ann Lee, AP Business Writer",
            "Sales fell by less than analysts had expected, and costs rose by more",
            "Prices rose. less",
            "Top officials from both parties met the minister on Tuesday to discuss the stories",
            "By email: ann@example.org, the council said.",
            "By Monday the council had written to ann@example.org about it.",
        ] {
            assert_eq!(chrome_rule(block), None, "{block}");
        }
    }
}
