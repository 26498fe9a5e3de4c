//! Metadata found in the text: publication dates, agencies, datelines, titles.

use regex::Regex;
use std::sync::OnceLock;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

const MONTH_RE: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";

struct Patterns {
    iso: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    date_line_rest: Regex,
    dateline: Regex,
    dated_dateline: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        iso: Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?").unwrap(),
        day_month_year: Regex::new(&format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)? {MONTH_RE},? (\d{{4}})\b")).unwrap(),
        month_day_year: Regex::new(&format!(r"(?i)\b{MONTH_RE} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b")).unwrap(),
        // What may stand around a date on a line that is nothing but a date stamp.
        date_line_rest: Regex::new(
            r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|published|updated|posted|last|modified|on|at|am|pm)\b|(?-i:\b[A-Z]{2,4}\b)|\b[ap]\.m\.|\d{1,2}[:.]\d{2}(:\d{2})? ?([ap]\.?m\b\.?)?|[\s,|·•—–:./()@-]+",
        )
        .unwrap(),
        dateline: Regex::new(
            r"^([A-Z][A-Z.'’ -]{1,40}?)(?:, [A-Z][A-Za-z.]+(?: \d{1,2})?)? *\((AP|Reuters|AFP|UPI|dpa|DPA|Bloomberg|PA|Xinhua|IANS|CNN)\) *[-—–]+ *",
        )
        .unwrap(),
        // Wire copy without an agency in the dateline: "LONDON, March 3 - ".
        dated_dateline: Regex::new(r"^([A-Z][A-Z.'’ -]{1,40}?), [A-Z][a-z]{2,8}\.? \d{1,2} +[-—–]+ +").unwrap(),
    })
}

/// Compiles the date and dateline patterns now rather than on first use.
pub(super) fn load() {
    patterns();
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|&(_, v)| v)
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=2999).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first date in `text` as ISO `YYYY-MM-DD`, with the byte range it occupies.
pub fn find_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    // Every date has a year of four ASCII digits (the only digits the parse below reads): most
    // blocks have none, and are settled without the three searches.
    let mut run = 0;
    if !text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    }) {
        return None;
    }
    let p = patterns();
    let mut best: Option<(String, std::ops::Range<usize>)> = None;
    let mut consider = |date: Option<String>, range: std::ops::Range<usize>| {
        if let Some(d) = date {
            if best.as_ref().is_none_or(|(_, r)| range.start < r.start) {
                best = Some((d, range));
            }
        }
    };
    if let Some(c) = p.iso.captures(text) {
        let n = |i: usize| c[i].parse::<u32>().ok();
        consider(n(1).zip(n(2)).zip(n(3)).and_then(|((y, m), d)| valid(y, m, d)), c.get(0).unwrap().range());
    }
    if let Some(c) = p.day_month_year.captures(text) {
        let d = c[1].parse().ok();
        let m = month_number(&c[2]);
        let y = c[3].parse().ok();
        consider(y.zip(m).zip(d).and_then(|((y, m), d)| valid(y, m, d)), c.get(0).unwrap().range());
    }
    if let Some(c) = p.month_day_year.captures(text) {
        let m = month_number(&c[1]);
        let d = c[2].parse().ok();
        let y = c[3].parse().ok();
        consider(y.zip(m).zip(d).and_then(|((y, m), d)| valid(y, m, d)), c.get(0).unwrap().range());
    }
    best
}

/// The date of a block that is only a date stamp ("Monday 18 September 2023 06:31 BST").
pub fn date_line(block: &str) -> Option<String> {
    if block.len() > 100 {
        return None;
    }
    let (date, range) = find_date(block)?;
    // Every date goes, not only the first ("May 3, 2024 4:10pm | Updated May 4, 2024").
    let mut rest = format!("{} {}", &block[..range.start], &block[range.end..]);
    while let Some((_, r)) = find_date(&rest) {
        rest.replace_range(r, " ");
    }
    let leftover = patterns().date_line_rest.replace_all(&rest, "");
    leftover.trim().is_empty().then_some(date)
}

/// Parses a caller-supplied date (ISO date or datetime, a written date, or digits as exports
/// give them) to `YYYY-MM-DD`.
pub fn normalize_date(given: &str) -> Option<String> {
    let given = given.trim();
    find_date(given).map(|(d, _)| d).or_else(|| digits_date(given))
}

/// A whole value that is a date in digits alone: `YYYYMMDD` (GDELT's event dates),
/// `YYYYMMDDhhmmss` (its article dates), or `YYYY/MM/DD` and `YYYY.MM.DD` with one- or
/// two-digit parts, a time after a space or `T` allowed. A date in text is never read this
/// way: eight digits there are as likely a number.
fn digits_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let number = |r: std::ops::Range<usize>| b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + (c - b'0') as u32));
    if (b.len() == 8 || b.len() == 14) && b.iter().all(u8::is_ascii_digit) {
        let time_ok = b.len() == 8 || number(8..10)? < 24 && number(10..12)? < 60 && number(12..14)? < 61;
        return if time_ok { valid(number(0..4)?, number(4..6)?, number(6..8)?) } else { None };
    }
    let sep = *b.get(4)?;
    if !(sep == b'/' || sep == b'.') {
        return None;
    }
    let year = number(0..4)?;
    let month_end = 5 + b[5..].iter().position(|&c| c == sep)?;
    let day_end = b[month_end + 1..].iter().position(|c| !c.is_ascii_digit()).map_or(b.len(), |i| month_end + 1 + i);
    let part = |r: std::ops::Range<usize>| if (1..=2).contains(&r.len()) { number(r) } else { None };
    let time = &b[day_end..];
    if !(time.is_empty() || (matches!(time[0], b' ' | b'T') && time.get(1).is_some_and(u8::is_ascii_digit))) {
        return None;
    }
    valid(year, part(5..month_end)?, part(month_end + 1..day_end)?)
}

/// The agency named by a wire credit such as "Via AP news wire".
pub fn wire_credit_source(block: &str) -> Option<String> {
    let lower = block.trim().trim_end_matches('.');
    let body = lower.get(4..)?;
    if !lower[..4].eq_ignore_ascii_case("via ") {
        return None;
    }
    let body = body.trim_start_matches("the ").trim_start_matches("The ");
    let end = body.to_ascii_lowercase().find(" news")?;
    Some(agency_name(&body[..end]))
}

/// The author named by a byline ("By Ann Lee | May 3, 2024" → "Ann Lee"); credits for
/// editing or research name no author.
pub fn byline_author(block: &str) -> Option<String> {
    let lower = block.to_ascii_lowercase();
    let Some(skip) = ["by: ", "by ", "written by ", "reporting by ", "words by ", "text by "].iter().find(|p| lower.starts_with(*p)).map(|p| p.len()) else {
        return agency_byline_names(block).map(str::to_string);
    };
    let names = &block[skip..];
    // The names end where the line goes on to a date or a desk, or to the writer's address.
    let address = names.find('@').map(|at| names[..at].rfind(' ').unwrap_or(0));
    let end = [" | ", " on ", " - ", " — ", "; "].iter().filter_map(|s| names.find(s)).chain(address).min().unwrap_or(names.len());
    let names = names[..end].trim().trim_end_matches(',');
    (!names.is_empty()).then(|| names.to_string())
}

/// The people of a news agency's byline without "By", as sites running the agency's copy
/// print it: "Tom Krisher, AP Auto Writer" → "Tom Krisher", "Meg Kinnard and Errin Haines,
/// Associated Press" → "Meg Kinnard and Errin Haines".
pub fn agency_byline_names(block: &str) -> Option<&str> {
    // Every such line ends in a title ("Writer", "Correspondent") or the agency's name: asked
    // of most short lines of a page, they are out at their last bytes, before any search.
    let ends_ci = |s: &str| block.len() >= s.len() && block.as_bytes()[block.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes());
    let titled = [" Writer", " Writers", " Correspondent"].iter().any(|t| block.ends_with(t));
    if !titled && !ends_ci(", associated press") {
        return None;
    }
    let (names, agency) = block.rsplit_once(", ")?;
    let opens = |p: &str| agency.get(..p.len()).is_some_and(|a| a.eq_ignore_ascii_case(p));
    let title = ["Writer", "Writers", "Correspondent"].iter().any(|t| agency.ends_with(t));
    let agency = agency.eq_ignore_ascii_case("associated press")
        || agency.eq_ignore_ascii_case("the associated press")
        || ((opens("ap ") || opens("associated press ")) && title);
    (agency && super::author_bio::are_names(names)).then_some(names)
}

/// The canonical spelling of an agency's name.
pub fn agency_name(name: &str) -> String {
    match name.trim().to_ascii_lowercase().as_str() {
        "ap" | "associated press" | "the associated press" => "AP".into(),
        "reuters" | "reuter" => "Reuters".into(),
        "afp" | "agence france-presse" => "AFP".into(),
        "pa" | "press association" => "PA".into(),
        "upi" => "UPI".into(),
        "dpa" => "dpa".into(),
        _ => name.trim().to_string(),
    }
}

/// A wire dateline at the start of a paragraph: (place, agency if named, byte length of the dateline).
pub fn dateline(paragraph: &str) -> Option<(String, Option<String>, usize)> {
    if let Some(c) = patterns().dateline.captures(paragraph) {
        return Some((c[1].trim().to_string(), Some(agency_name(&c[2])), c.get(0).unwrap().end()));
    }
    let c = patterns().dated_dateline.captures(paragraph)?;
    Some((c[1].trim().to_string(), None, c.get(0).unwrap().end()))
}

/// True for the wire sign-off that ends a Reuters story, with or without dots ("REUTER...").
pub fn is_sign_off(block: &str) -> bool {
    let word = block.trim().trim_end_matches('.');
    matches!(word, "Reuter" | "REUTER" | "Reuters" | "REUTERS" | "reuter" | "reuters")
}

/// True for a line wire copy writes on its own after a finished sentence: the sign-off, or
/// "MORE" (AP: "(MORE)"), which marks a story continued in a later take.
pub fn is_wire_marker(line: &str) -> bool {
    is_sign_off(line) || matches!(line.trim(), "MORE" | "(MORE)")
}

/// True when a first block reads as a headline: short, no sentence-final full stop.
pub fn looks_like_title(block: &str) -> bool {
    let n = block.chars().count();
    let words = block.split_whitespace().count();
    (3..=250).contains(&n) && (1..=30).contains(&words) && !block.ends_with('.') && !block.ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_several_forms() {
        assert_eq!(date_line("Monday 18 September 2023 06:31 BST").as_deref(), Some("2023-09-18"));
        assert_eq!(date_line("Published: Sept. 18, 2023 at 6:31 a.m.").as_deref(), Some("2023-09-18"));
        assert_eq!(date_line("2023-09-18T06:31:00").as_deref(), Some("2023-09-18"));
        assert_eq!(date_line("The talks ended on 18 September 2023"), None);
        assert_eq!(date_line("November 18, 2019 | 4:10pm").as_deref(), Some("2019-11-18"));
        assert_eq!(date_line("Nov 18, 2019 @17:19 PM · Updated: Nov 19, 2019 @17:26 PM").as_deref(), Some("2019-11-18"));
        assert_eq!(date_line("Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT").as_deref(), Some("2019-11-18"));
        assert_eq!(date_line("November 18, 2019 Ann Lee"), None);
        assert_eq!(normalize_date("1987-02-26T15:01:01").as_deref(), Some("1987-02-26"));
        assert_eq!(normalize_date("31 February 2020"), None);
        assert_eq!(normalize_date("18 September 23"), None);
        assert_eq!(normalize_date("18 September ２０２３"), None, "a year in other digits is not read");
        // Digits alone, as exports give them (GDELT: event dates, article date-times).
        assert_eq!(normalize_date("20240305").as_deref(), Some("2024-03-05"));
        assert_eq!(normalize_date(" 20240305141500 ").as_deref(), Some("2024-03-05"));
        assert_eq!(normalize_date("2024/3/5").as_deref(), Some("2024-03-05"));
        assert_eq!(normalize_date("2024.03.05T14:15").as_deref(), Some("2024-03-05"));
        assert_eq!(normalize_date("2024/03/05 14:15:00").as_deref(), Some("2024-03-05"));
        for not_a_date in [
            "20240230",        // no 30 February
            "20241305",        // no month 13
            "20240305256000",  // no hour 25
            "1709640000",      // a Unix time: ten digits
            "2024030",         // seven
            "+2024030",        // a sign is not a digit
            "2024/03.05",      // mixed separators
            "2024/003/05",     // three-digit month
            "2024/03/05pm",    // not a time
            "2024/03/",        // no day
            "2024/3/35",       // eight bytes, not eight digits
            "2024/",
            "Order 20240305",  // digits inside text
        ] {
            assert_eq!(normalize_date(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn bylines_name_their_authors() {
        assert_eq!(byline_author("By Brigit Katz").as_deref(), Some("Brigit Katz"));
        assert_eq!(byline_author("By Ann Lee annl@example.org (555) 010-0199").as_deref(), Some("Ann Lee"));
        assert_eq!(byline_author("By HNN Staff | November 18, 2019 at 2:26 PM HST").as_deref(), Some("HNN Staff"));
        assert_eq!(byline_author("By Matthew Digby, Minh Do on Monday, November 18th, 2019").as_deref(), Some("Matthew Digby, Minh Do"));
        assert_eq!(byline_author("Reporting by Ann Lee; Editing by Bo Chan").as_deref(), Some("Ann Lee"));
        assert_eq!(byline_author("Edited by: Louis Jacobson"), None);
        // An agency's byline without "By": the people before the agency.
        assert_eq!(byline_author("Ann Lee and Bo Chan, Associated Press").as_deref(), Some("Ann Lee and Bo Chan"));
        assert_eq!(byline_author("Ann Lee, AP Business Writer").as_deref(), Some("Ann Lee"));
        assert_eq!(byline_author("Ann Lee, Bo Chan"), None);
        assert_eq!(byline_author("Council budget, Associated Press"), None);
    }

    #[test]
    fn credits_and_datelines() {
        assert_eq!(wire_credit_source("Via AP news wire").as_deref(), Some("AP"));
        let (place, agency, len) = dateline("WASHINGTON (AP) — The Senate voted").unwrap();
        assert_eq!((place.as_str(), agency.as_deref()), ("WASHINGTON", Some("AP")));
        assert_eq!(&"WASHINGTON (AP) — The Senate voted"[len..], "The Senate voted");
        assert!(dateline("LONDON, March 3 (Reuters) - Shares fell").is_some());
        let (place, agency, len) = dateline("NEW YORK, Feb 26 - Shares fell").unwrap();
        assert_eq!((place.as_str(), agency, &"NEW YORK, Feb 26 - Shares fell"[len..]), ("NEW YORK", None, "Shares fell"));
        assert!(dateline("The company, March 3 - said").is_none());
        assert!(is_sign_off("Reuter"));
        for line in ["REUTER", "REUTER...", "reuter", " Reuters "] {
            assert!(is_sign_off(line), "{line}");
        }
        assert!(!is_sign_off("Reuter said") && !is_sign_off("REUTERS FILE"));
    }
}
