//! Page-chrome rules: prompts, share and newsletter lines, credits that are not article text.
//!
//! Each rule has a name that the audit reports. Rules match a whole block (after
//! whitespace folding), so prose that merely mentions "newsletter" is not touched.

use aho_corasick::AhoCorasick;
use regex::RegexSet;
use std::sync::OnceLock;

/// Blocks longer than this are article prose whatever they contain.
const MAX_CHROME_CHARS: usize = 320;

/// (rule name, pattern). Patterns are case-insensitive and see one block.
const RULES: &[(&str, &str)] = &[
    ("prompt-registration", r"^thanks?( you)? for (registering|signing up|subscribing|your registration)\b"),
    ("prompt-refresh", r"\bplease refresh (the|this|your) (page|browser)\b|\bto be (automatically )?logged in\b"),
    ("prompt-login", r"^(log ?in|sign ?in|register|create (an|a free) account)\b.*$"),
    ("prompt-javascript", r"\b(enable|turn on) javascript\b|\byour browser (is not|isn't) supported\b"),
    ("wire-credit", r"^via (the )?[\w&. ]+? news ?wire\.?$"),
    ("more-coverage", r"^more (of|from) [\w’'. -]+ coverage\b.*$"),
    ("share", r"^(share|tweet|pin|email|e-mail|print|copy link|whatsapp|facebook|twitter|linkedin)( (this|the) (article|story|page))?( (on|via|by) [\w ]+)?[.:!]?$"),
    ("share", r"^share (this|on|via)\b.*$"),
    ("newsletter", r"\b(sign up|subscribe|register) (for|to) (our|the|a|my)\b.*\bnewsletters?\b|^newsletter\b.*$"),
    ("newsletter", r"^(subscribe|sign up)( now| today| here)?[.!]?$|^get (our|the) [\w .&'’-]+ (newsletter|briefing|alerts?)\b"),
    ("cookies", r"\bwe use cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b"),
    ("advertisement", r"^(advertisement|advert|sponsored( content)?|ad|skip advertisement|story continues below( advertisement)?)$"),
    ("read-more", r"^(read more|read (these|this) next|related( articles| stories| coverage| links| content)?|recommended( for you)?|most read|most popular|more stories|top stories|you may also like|you might also like|trending( now)?|explore further|what to read next|previous (article|post|story)|next (article|post|story))([.:!]?|:.*| ?[»›>|].*)$"),
    ("read-more", r"^(more|top|latest) (stories|news|articles|posts)( (in|from|on|by) [a-z0-9 &'’-]+)?:?$|^more (from|in|on) [a-z0-9&'’-]+( [a-z0-9&'’-]+)?:?$"),
    ("gallery", r"^(image|photo|picture|slide) \d+ (of|/)\b.*$|^(caption|close|expand|enlarge|next|previous|prev)$"),
    ("citation", r"^citation: .*\bretrieved\b.*$"),
    ("link-line", r"^[a-z]+( [a-z]+)?: https?://[^ ]+$"),
    ("continue-reading", r"^(continue reading( below| the main story)?|(story|article) continues below|loading(\.{1,3}|…)?|featured videos?|watch( the)? video|like this (article|story)\?)[.:!]?$"),
    ("newsletter", r"^no spam\b|\bunsubscribe (at any time|anytime)\b|^get the latest [\w ]+ (in|to|right in) your inbox\b"),
    ("date-stamp", r"^(first published|published|updated|posted|last (modified|updated))( on| at)?:? ((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? )?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? )?\d[^!?]*$"),
    ("follow", r"^follow (us|@\w+|[\w ]+ on (twitter|x|facebook|instagram))\b.*$"),
    ("copyright", r"^(©|copyright\b|\(c\) )|\ball rights reserved\b"),
    ("photo-credit", r"^\(?(photo|image|picture|illustration|graphic)s?( credits?)?( by|:) [^.!?]+\)?$|^(submitted|file|contributed|courtesy) (photo|image)$"),
    ("byline", r"^((written|reporting|edited|researched|compiled|additional reporting|text|words) )?by:? (?-i:[A-Z])[^.!?]*$|^by (?-i:[A-Z])[\w.'’-]*( (?-i:[A-Z])[\w.'’-]*)*,? (on|\|) .*$"),
    ("photo-caption", r"\((\w+ )?(photo|image|picture)s?( credit)?(:| by|/)[^()]*\)$|\((ap|afp|reuters|getty images|epa|ap photo|file photo)\)$"),
    ("tags", r"^(tags?|topics|categories|filed under|posted in): .*$|^(filed under|posted in) [^.!?]*$"),
    ("tag-list", r"^(tags?|topics|categories|related topics|more on)$"),
    ("author-bio", r"^about the authors?:?$"),
    ("comments", r"^(\d+ )?comments?( \(\d+\))?$|^(leave|post|add) a comment\b|^show comments\b"),
];

fn rules() -> &'static RegexSet {
    static SET: OnceLock<RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        // ASCII word boundaries: the phrases are English, and Unicode `\b` would keep the set
        // off its DFA (a backtracking-free but much slower NFA simulation).
        RegexSet::new(RULES.iter().map(|(_, p)| format!("(?i){}", p.replace(r"\b", r"(?-u:\b)")))).expect("chrome rules compile")
    })
}

/// The name of the chrome rule that matches `block`, if any.
pub fn chrome_rule(block: &str) -> Option<&'static str> {
    if block.chars().count() > MAX_CHROME_CHARS {
        return None;
    }
    // Most blocks match no rule: a yes/no search stops sooner than finding which rules match.
    let set = rules();
    set.is_match(block)
        .then(|| set.matches(block).iter().next().map(|i| RULES[i].0))
        .flatten()
        .or_else(|| phrase_rule(block))
        .or_else(|| is_credited_caption(block).then_some("photo-caption"))
        .or_else(|| is_call_to_action(block).then_some("call-to-action"))
}

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
];

/// Openings of standard notices that are never article text.
const NOTICE_OPENINGS: &[(&str, &str)] = &[
    ("this material may not be published", "copyright"),
    ("this material may not be reproduced", "copyright"),
    ("this document is subject to copyright", "copyright"),
    ("this article is subject to copyright", "copyright"),
];

/// The rule of a block that is one of [`PHRASES`] (case aside, with or without a colon) or
/// opens with one of [`NOTICE_OPENINGS`].
fn phrase_rule(block: &str) -> Option<&'static str> {
    let bytes = block.as_bytes();
    let opens_ci = |needle: &str| bytes.len() >= needle.len() && bytes[..needle.len()].eq_ignore_ascii_case(needle.as_bytes());
    if let Some((_, rule)) = NOTICE_OPENINGS.iter().find(|(opening, _)| opens_ci(opening)) {
        return Some(rule);
    }
    let whole = block.trim_end_matches(':');
    PHRASES.iter().find(|(phrase, _)| whole.eq_ignore_ascii_case(phrase)).map(|(_, rule)| *rule)
}

/// A caption that ends with its credit after a sentence: "... a crewed Mars mission. Credit: ESA".
fn is_credited_caption(block: &str) -> bool {
    // One search for the rare "redit: ", then a look at the letter before it. (The finder is
    // built once, not on every block as `memmem::rfind` builds it.)
    static CREDIT: OnceLock<memchr::memmem::FinderRev<'static>> = OnceLock::new();
    let Some(r) = CREDIT.get_or_init(|| memchr::memmem::FinderRev::new(b"redit: ")).rfind(block.as_bytes()) else { return false };
    let Some(at) = r.checked_sub(1).filter(|&c| block.as_bytes()[c].eq_ignore_ascii_case(&b'c')) else { return false };
    let (before, credit) = (block[..at].trim_end(), &block[at + "credit: ".len()..]);
    let before = ["Image", "Photo", "Picture", "image", "photo", "picture"].iter().find_map(|w| before.strip_suffix(w)).map_or(before, str::trim_end);
    before.ends_with(['.', ')']) && credit.len() <= 80 && !credit.contains(['.', '!', '?'])
}

/// A line that asks to click ("Get the app by clicking here"): one sentence at most, holding
/// "click here" or "tap here". Searched for by a literal matcher rather than in the rule set:
/// as a pattern that may start anywhere in a line it made the whole set's automaton three
/// times slower.
fn is_call_to_action(block: &str) -> bool {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["click here", "clicking here", "tap here", "tapping here"])
            .expect("literal phrases compile")
    });
    let bytes = block.trim_end_matches(['.', '!']).as_bytes();
    let word_edge = |i: Option<&u8>| !i.is_some_and(u8::is_ascii_alphanumeric);
    // No sentence inside first: a vector search that stops at the first full stop of prose,
    // where the case-blind phrase search would read the whole block.
    memchr::memchr3(b'.', b'!', b'?', bytes).is_none()
        && words.find_iter(bytes).any(|m| word_edge(m.start().checked_sub(1).and_then(|i| bytes.get(i))) && word_edge(bytes.get(m.end())))
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
    fn chrome_lines_match_their_rule() {
        let cases = [
            ("Thank you for registering", "prompt-registration"),
            ("Please refresh the page or navigate to another page on the site to be automatically logged inPlease refresh your browser to be logged in", "prompt-refresh"),
            ("Via AP news wire", "wire-credit"),
            ("More of AP’s Asia-Pacific coverage is available at", "more-coverage"),
            ("Share this article", "share"),
            ("Sign up for our daily newsletter", "newsletter"),
            ("Get our weekly Money Inc. newsletter", "newsletter"),
            ("Photo by Jane Roe", "photo-credit"),
            ("(Image: Reuters)", "photo-credit"),
            ("Submitted photo", "photo-credit"),
            ("Tags: budget, council, schools", "tags"),
            ("Filed under Politics", "tags"),
            ("Tags", "tag-list"),
            ("Continue Reading Below", "continue-reading"),
            ("Article continues below", "continue-reading"),
            ("Loading...", "continue-reading"),
            ("Read these next", "read-more"),
            ("Explore further", "read-more"),
            ("No spam, we promise. You can unsubscribe at any time.", "newsletter"),
            ("Published: Nov. 19, 2019, 6:18 p.m. Updated: Nov. 19, 2019, 7:10 p.m.", "date-stamp"),
            ("Last modified on Mon 18 Nov 2019 18.56 GMT", "date-stamp"),
            ("Workers load trims outside a store in Hialeah, Fla. (AP Photo/Alan Diaz, File)", "photo-caption"),
            ("A cargo ship leaves the port on Aug. 31, 2019. (AP)", "photo-caption"),
            ("The galaxy cluster as the telescope saw it. (Image credit: NASA)", "photo-caption"),
            ("By Brigit Katz", "byline"),
            ("Top stories in Nation", "read-more"),
            ("More from UK", "read-more"),
            ("More articles from Emiliano Bellini", "read-more"),
            ("READ MORE ON OUR SITE BY CLICKING HERE", "call-to-action"),
            ("Image 1 of / 23", "gallery"),
            ("Caption", "gallery"),
            ("Citation: Sleeping astronauts (2019, November 18) retrieved 20 November 2019 from https://example.org/x", "citation"),
            ("Listen: http://po.st/abc", "link-line"),
            ("First Published: Tuesday, November 19, 2019 08:38 AM", "date-stamp"),
            ("By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", "byline"),
            ("Reporting by Ann Lee; Editing by Bo Chan", "byline"),
            ("About the Author", "author-bio"),
            ("Most popular in the section", "read-more"),
            ("Other news in this section", "read-more"),
            ("Partner news", "read-more"),
            ("This material may not be published, broadcast, rewritten, or redistributed.", "copyright"),
            ("This document is subject to copyright. Apart from any fair dealing, no part may be reproduced.", "copyright"),
            ("A habitation module for a crewed Mars mission. Credit: ESA", "photo-caption"),
        ];
        for (block, rule) in cases {
            assert_eq!(chrome_rule(block), Some(rule), "{block}");
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
            "This article is about the budget that passed on Tuesday.",
        ] {
            assert_eq!(chrome_rule(block), None, "{block}");
        }
    }
}
