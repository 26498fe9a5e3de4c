//! Metadata found in the text: publication dates, agencies, datelines, titles.

use regex::Regex;
use std::sync::OnceLock;

/// Month names and their numbers, lower-case: English first (the first twelve written out,
/// which `before_glued_date` looks for), then French, German, Spanish, Portuguese, Italian and
/// Dutch, whose pages write their stamps as "22 de outubro de 2010" or "22. Oktober 2010".
/// Abbreviations are left out where they are English words ("ago", "set").
const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8),
    ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    // French
    ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
    ("juillet", 7), ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
    ("décembre", 12), ("decembre", 12), ("janv", 1), ("févr", 2), ("avr", 4), ("juil", 7), ("déc", 12),
    // German
    ("januar", 1), ("jänner", 1), ("februar", 2), ("märz", 3), ("maerz", 3), ("juni", 6), ("juli", 7),
    ("oktober", 10), ("dezember", 12), ("okt", 10), ("dez", 12),
    // Spanish
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11),
    ("diciembre", 12), ("ene", 1), ("abr", 4), ("dic", 12),
    // Portuguese
    ("janeiro", 1), ("fevereiro", 2), ("março", 3), ("maio", 5), ("junho", 6), ("julho", 7),
    ("setembro", 9), ("outubro", 10), ("novembro", 11), ("dezembro", 12), ("fev", 2),
    // Italian
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12), ("giu", 6), ("lug", 7), ("ott", 10),
    // Dutch
    ("januari", 1), ("februari", 2), ("maart", 3), ("mei", 5), ("augustus", 8), ("mrt", 3),
];

/// The month names of [`MONTHS`] as a regex group, longer names first (the first alternative
/// that matches is taken: "Sept" before "Sep"), an abbreviation's full stop allowed.
fn month_re() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(m, _)| *m).collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    format!("({})\\.?", names.join("|"))
}

/// What may stand between a day and its month, or its month and year, beside a space: an
/// ordinal ("18th", "1er", "1º"), German's full stop after the day ("22. Oktober"), and the
/// Romance languages' "de" ("22 de outubro de 2010", "22 de octubre del 2010").
const DAY_SUFFIX: &str = r"(?:st|nd|rd|th|er|º|°|\.)?";
const MONTH_OF: &str = r"(?:de )?";
const YEAR_OF: &str = r"(?:,| de| del)?";

/// Words a date stamp may hold beside its date and time (`Patterns::date_line_rest`).
const STAMP_WORDS: &str = concat!(
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|",
    "published|first|updated|posted|last|modified|on|at|am|pm|",
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|publié|mis à jour|modifié|le|à|",
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|veröffentlicht|aktualisiert|",
    "zuletzt|um|uhr|",
    "lunes|martes|miércoles|jueves|viernes|sábado|domingo|publicado|actualizado|el|a las|",
    "segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|atualizado|em|às|",
    "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|pubblicato|aggiornato|il|alle|ore|",
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|gepubliceerd|bijgewerkt|op|om|",
    "기사입력|입력|수정|최종수정|등록",
);

struct Patterns {
    /// Any of the three below, to rule a text out in one search.
    any_written: Regex,
    iso: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    date_line_rest: Regex,
    dateline: Regex,
    dated_dateline: Regex,
    numeric: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let month = month_re();
        Patterns {
            // ASCII word boundaries, digits and case: the dates read are ASCII, and a Unicode word
            // boundary sent every search of a page with a curly quote to the slow engine.
            any_written: Regex::new(&format!(
                r"(?i-u)\b(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}{DAY_SUFFIX} {MONTH_OF}{month}{YEAR_OF} \d{{4}}\b|{month} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b)"
            ))
            .unwrap(),
            iso: Regex::new(r"(?-u)\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?").unwrap(),
            day_month_year: Regex::new(&format!(r"(?i-u)\b(\d{{1,2}}){DAY_SUFFIX} {MONTH_OF}{month}{YEAR_OF} (\d{{4}})\b")).unwrap(),
            month_day_year: Regex::new(&format!(r"(?i-u)\b{month} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b")).unwrap(),
            // What may stand around a date on a line that is nothing but a date stamp, in the
            // languages whose months are read: weekdays, the words that say a stamp was
            // published or updated, what joins a date to its time ("às 20:13", "um 20:13 Uhr").
            date_line_rest: Regex::new(&format!(
                r"(?i)\b({STAMP_WORDS})\b|(?-i:\b[A-Z]{{2,4}}\b)|\b[ap]\.m\.|\d{{1,2}}(?:[:.]|h)\d{{2}}(:\d{{2}})? ?([ap]\.?m\b\.?)?|[\s|·•—–:./()\[\]@-]+"
            ))
            .unwrap(),
            // Case-sensitive, as datelines write the agencies' names ("dpa" in capitals too).
            dateline: Regex::new(&format!(
                r"^([A-Z][A-Z.'’ -]{{1,40}}?)(?:, [A-Z][A-Za-z.]+(?: \d{{1,2}})?)? *\(({}|DPA)\) *[-—–]+ *",
                AGENCIES.iter().map(|(_, spellings)| spellings[0]).collect::<Vec<_>>().join("|")
            ))
            .unwrap(),
            // Wire copy without an agency in the dateline: "LONDON, March 3 - ".
            dated_dateline: Regex::new(r"^([A-Z][A-Z.'’ -]{1,40}?), [A-Z][a-z]{2,8}\.? \d{1,2} +[-—–]+ +").unwrap(),
            numeric: Regex::new(r"(?-u)\b(\d{1,2})([/.])(\d{1,2})[/.](\d{4}|\d{2})\b").unwrap(),
        }
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
    if !date_shapes(text).year {
        return None;
    }
    written_date(text)
}

/// What a text's digits allow: a date with a four-digit year, a date in digits alone.
struct DateShapes {
    year: bool,
    digits: bool,
}

/// The dates a text could hold, from one pass over its bytes.
fn date_shapes(text: &str) -> DateShapes {
    let b = text.as_bytes();
    // Most blocks have no digit at all: a test the compiler vectorises settles them (a fold,
    // as an early return would stop it vectorising).
    if !b.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
        return DateShapes { year: false, digits: false };
    }
    let (mut year, mut digits, mut run) = (false, false, 0u32);
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
            year |= run == 4;
        } else {
            digits |= run > 0 && matches!(c, b'/' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            run = 0;
        }
    }
    DateShapes { year, digits }
}

/// [`find_date`] past its check for a year.
fn written_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let p = patterns();
    if !p.any_written.is_match(text) {
        return None;
    }
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
    // Found, then read by hand: the month names of seven languages made the patterns' capture
    // groups the most costly part of reading a stamp.
    for found in [p.day_month_year.find(text), p.month_day_year.find(text)].into_iter().flatten() {
        consider(written_parts(found.as_str()), found.range());
    }
    best
}

/// The date a written date matched by `day_month_year` or `month_day_year` gives ("22 de
/// outubro de 2010", "Sept. 18th, 2023"): the day is the first word that opens with a digit,
/// the month the first word that names one, the year the last word.
fn written_parts(date: &str) -> Option<String> {
    let (mut day, mut month, mut year) = (None, None, None);
    for w in date.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if day.is_none() && w.starts_with(|c: char| c.is_ascii_digit()) {
            let digits = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
            day = w[..digits].parse().ok();
        } else if month.is_none() {
            month = month_number(w);
        }
        year = Some(w);
    }
    valid(year?.parse().ok()?, month?, day?)
}

/// The date of a block that is only a date stamp ("Monday 18 September 2023 06:31 BST").
pub fn date_line(block: &str) -> Option<String> {
    let (date, [before, after]) = date_stamp(block)?;
    (before.is_empty() && after.is_empty()).then_some(date)
}

/// A short block that carries a date, as a page's stamp under its headline does: the first
/// date, and the words before and after it once every date, weekday, time, time zone and
/// stamp word ("Published", "Updated") is taken out, joined by single spaces. Both are empty
/// for a plain stamp; one side names the writers in "November 20, 2019 Ann Lee", or a
/// section or agency in "Reuters November 18, 2019 11:03 PM".
pub fn date_stamp(block: &str) -> Option<(String, [String; 2])> {
    if block.len() > 100 {
        return None;
    }
    let (date, range) = stamp_date(block)?;
    let mut dates = 1;
    let mut side = |part: &str| {
        // Every date goes, not only the first ("May 3, 2024 4:10pm | Updated May 4, 2024").
        let mut part = part.to_string();
        while let Some((_, r)) = stamp_date(&part) {
            part.replace_range(r, " ");
            dates += 1;
        }
        // Commas stay between names ("Ann Lee, Bo Chan"), and go where nothing is left between
        // them ("Updated 1:39 am EST, Wednesday, November 20, 2019").
        let words = patterns().date_line_rest.replace_all(&part, " ").split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out = String::with_capacity(words.len());
        for piece in words.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(piece);
        }
        out
    };
    let sides = [side(&block[..range.start]), side(&block[range.end..])];
    // A stamp gives a date, and perhaps when it was updated; more dates make a table's row.
    (dates <= 2).then_some((date, sides))
}

/// The writers a date stamp names on one side of its date ([`date_stamp`]'s `sides`, "by"
/// allowed before them): "Ann Lee - Nov 19, 2019, 10:31 pm CST", "Monday November 18, 2019
/// 7:45 am PST by Ann Lee". A title around a date ("Opening Bell 11.18.19 - Markets") names
/// no one, nor does an embedded post's attribution ("— Ann Lee (@annlee) November 18, 2019"),
/// which is article text, or a credit ("Source: Ann Lee, May 3, 2024").
pub fn stamp_names<'a>(block: &str, sides: &'a [String; 2]) -> Option<&'a str> {
    if block.starts_with(['—', '–']) || block.as_bytes().windows(2).any(|w| w[0] == b'@' && w[1].is_ascii_alphanumeric()) {
        return None;
    }
    let names = match sides {
        [one, other] | [other, one] if other.is_empty() && !one.is_empty() => one.as_str(),
        _ => return None,
    };
    let (names, by) = match ["by ", "By "].iter().find_map(|by| names.strip_prefix(by)) {
        Some(names) => (names, true),
        None => (names, false),
    };
    // After "by", one name is enough ("September 10, 2018 | by Catherine").
    let one_name = by && !names.contains(' ') && names.chars().next().is_some_and(char::is_uppercase);
    if !one_name && !super::author_bio::are_names(names) {
        return None;
    }
    let first = names.split(' ').next().unwrap_or(names);
    let labelled = block.find(first).is_some_and(|at| block[at + first.len()..].starts_with(':'));
    // Without "by", a headline's words could pass for a name ("Opening Bell 11.18.19",
    // "SPOT PRODUCTS--APRIL 07 1100 EST").
    (!labelled && (by || !reads_as_headline(names))).then_some(names)
}

/// Whether capitalised words read as a headline's rather than people's names: a name is not
/// in capitals and does not open with a word news writes in lower case, unless that word is a
/// given name ("Mark", "Bill").
fn reads_as_headline(names: &str) -> bool {
    let first = names.split(' ').next().unwrap_or(names);
    !names.chars().any(char::is_lowercase) || (crate::lexicon::is_news_word(&first.to_lowercase()) && !crate::lexicon::is_first_name(first))
}

/// The writers named by the line beside an article's date stamp, alone or before their outlet
/// or title with no comma between: "Ann Lee", "Ann Lee and Bo C. Chan", "Ann Lee Associated
/// Press", "Ann Lee and Bo Chan USA TODAY", "Ann Lee Florida Today", "Ann Lee Staff Writer".
/// The shortest names the rest of the line can follow as an outlet are taken.
pub fn byline_beside_stamp(block: &str) -> Option<&str> {
    /// Words an outlet or a writer's title ends with.
    const OUTLET_ENDS: &[&str] = &[
        "Today", "Times", "Post", "News", "Herald", "Journal", "Tribune", "Gazette", "Leader", "Press", "Chronicle", "Star", "Sun", "Mail",
        "Telegraph", "Guardian", "Independent", "Observer", "Examiner", "Inquirer", "Enquirer", "Register", "Courier", "Dispatch", "Bulletin",
        "Record", "Globe", "Sentinel", "Standard", "Argus", "Monitor", "Magazine", "Review", "Network", "Writer", "Reporter", "Correspondent",
        "Columnist", "Contributor", "Editor", "Writers", "Reporters", "Correspondents", "Columnists", "Contributors", "Editors",
    ];
    /// Words an outlet holds at most.
    const OUTLET_WORDS: usize = 5;
    let block = block.trim();
    if block.len() > 100 {
        return None;
    }
    let words: Vec<&str> = block.split(' ').collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let outlet = |rest: &[&str]| {
        rest.is_empty()
            || matches!(rest, [word] if is_glued_brand(word))
            || (rest.len() <= OUTLET_WORDS
                && rest.iter().all(|w| capitalised(w))
                && (is_agency(&rest.join(" ")) || rest.iter().all(|w| is_shouted(w)) || rest.last().is_some_and(|w| OUTLET_ENDS.contains(w))))
    };
    // Each word of a name is written in mixed case, but for initials: a word in capitals
    // beside one that is not is a label's ("Classificação NASCAR").
    let mixed = |w: &&str| (w.len() == 2 && w.ends_with('.')) || w.chars().any(char::is_lowercase);
    // A name ends in a surname: not an initial ("Bo C."), which would leave the rest to pass for
    // an outlet, nor, after two words, a word news writes in lower case (a headline's verb:
    // "Ann Lee Resigns").
    let surname = |n: &str| {
        !n.ends_with('.') && (n.split(' ').nth(2).is_none() || n.rsplit(' ').next().is_some_and(|w| !crate::lexicon::is_news_word(&w.to_lowercase())))
    };
    (2..=words.len()).find_map(|j| {
        let names = &block[..words[..j].iter().map(|w| w.len() + 1).sum::<usize>() - 1];
        let named = words[..j].iter().all(mixed)
            && super::author_bio::are_names(names)
            && names.split(", ").flat_map(|n| n.split(" and ")).all(surname)
            && !reads_as_headline(names);
        (named && outlet(&words[j..])).then_some(names)
    })
}

/// An outlet's name written as one word that opens with an acronym ("FOXBusiness",
/// "CNNMoney"): three capitals and more before a lower-case letter, which no name has
/// ("McLee", "DeSouza" and "OConnor" open with one or two).
fn is_glued_brand(word: &str) -> bool {
    let capitals = word.chars().take_while(char::is_ascii_uppercase).count();
    capitals >= 3 && word[capitals..].chars().next().is_some_and(|c| c.is_ascii_lowercase()) && word.chars().all(char::is_alphabetic)
}

/// The writers of a byline that gives their handle where others write "By": "Ann Lee @annlee",
/// "Ann Lee @annlee / 2 days" (the time since the story was posted after it).
pub fn handle_byline(block: &str) -> Option<&str> {
    /// Words of the time after the handle at most.
    const TIME_WORDS: usize = 3;
    /// Bytes of such a line at most.
    const MOST_BYTES: usize = 100;
    // Asked of every block at a page's top: most are longer, or hold no "@" (found with no
    // searcher set up).
    if block.len() > MOST_BYTES {
        return None;
    }
    let at = memchr::memchr(b'@', block.as_bytes())?;
    let (names, rest) = (block[..at].strip_suffix(' ')?, &block[at + 1..]);
    let handle = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    let after = &rest[handle..];
    let time = after.is_empty() || [" / ", " | ", " · ", " • "].iter().any(|s| after.strip_prefix(s).is_some_and(|t| t.split(' ').count() <= TIME_WORDS));
    (handle > 0 && time && super::author_bio::are_names(names) && !reads_as_headline(names)).then_some(names)
}

/// A blog post's meta line, fields between slashes, bars or dots around its date: "October
/// 12, 2018 / 0 Comments / in Business / by Ann Lee", "By admin | March 3, 2021 | Leave a
/// comment". Besides the date, each field is a comment count or prompt, a category ("in ...")
/// or a byline ("by ..."). Gives the byline's writers when they are names.
pub fn post_meta(block: &str) -> Option<Option<&str>> {
    /// Words a category or a byline field holds at most.
    const MOST_WORDS: usize = 5;
    if block.len() > 160 {
        return None;
    }
    // A slash between spaces only: one inside a field is a date's ("11/19/19") or a path's.
    let fields: Vec<&str> =
        block.split(" / ").flat_map(|part| part.split(['|', '·', '•'])).map(str::trim).filter(|f| !f.is_empty()).collect();
    if fields.len() < 2 {
        return None;
    }
    let (mut dates, mut names) = (0, None);
    for field in fields {
        let few = field.split_whitespace().count() <= MOST_WORDS;
        // A comment count or prompt ("0 Comments", "Leave a reply") and a category ("Posted in
        // News") as the chrome rules know them, or a category's bare "in News".
        let rule = super::rules::chrome_rule(field);
        let category = few && field.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("in "));
        if date_line(field).is_some() {
            dates += 1;
        } else if matches!(rule, Some("comments" | "tags")) || category {
            // Neither names anyone nor dates the post.
        } else if let Some(by) = field.strip_prefix("by ").or_else(|| field.strip_prefix("By ")).filter(|_| few) {
            names = Some(by.trim()).filter(|n| super::author_bio::are_names(n));
        } else {
            return None;
        }
    }
    (dates == 1).then_some(names)
}

/// True when `block` holds a time of day written with a colon ("11:03 PM", "13:42").
pub fn has_clock_time(block: &str) -> bool {
    block.as_bytes().windows(4).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit())
}

/// The first date of a date stamp or byline, written out or in digits, with its byte range.
pub fn stamp_date(block: &str) -> Option<(String, std::ops::Range<usize>)> {
    // Asked of every short block of a page: most have no digits to read.
    let shapes = date_shapes(block);
    shapes.year.then(|| written_date(block)).flatten().or_else(|| shapes.digits.then(|| numeric_date(block)).flatten())
}

/// A date in digits with `/` or `.` between day, month and year, as US and European pages
/// print their stamps ("11/19/19", "14.11.2019"): read only where day and month cannot be
/// mistaken for each other (one of them above 12). A two-digit year is 1969-2068.
fn numeric_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let c = patterns().numeric.captures(text)?;
    let [a, b, y] = [1, 3, 4].map(|i| c[i].parse::<u32>().unwrap_or(0));
    let y = match c[4].len() {
        2 if y < 69 => 2000 + y,
        2 => 1900 + y,
        _ => y,
    };
    let (m, d) = match (a > 12, b > 12) {
        (false, true) => (a, b),
        (true, false) => (b, a),
        _ => return None,
    };
    Some((valid(y, m, d)?, c.get(0).unwrap().range()))
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
    let Some(skip) = ["by: ", "by ", "written by ", "reporting by ", "words by ", "text by ", "analysis by ", "opinion by ", "commentary by "].iter().find(|p| lower.starts_with(*p)).map(|p| p.len()) else {
        return agency_byline_names(block).map(str::to_string);
    };
    let names = &block[skip..];
    // The names end where the line goes on to a date or a desk, or to the writer's address.
    let address = names.find('@').map(|at| names[..at].rfind(' ').unwrap_or(0));
    let date = stamp_date(names).map(|(_, r)| r.start);
    let end = [" | ", " on ", " - ", " — ", "; "].iter().filter_map(|s| names.find(s)).chain(address).chain(date).min().unwrap_or(names.len());
    let names = names[..end].trim().trim_end_matches(',');
    (!names.is_empty()).then(|| names.to_string())
}

/// The writers a byline names, as the document's author: "By TOM KRISHER, AP Auto Writer" →
/// "Tom Krisher", "By Ann Lee and Bo Chan, Associated Press" → "Ann Lee and Bo Chan", "by Ann
/// LeeMonday, November 18, 2019" (a page's byline and date run together) → "Ann Lee". A byline
/// that names no person ("HNN Staff", "annlee") is given back without its "By".
pub fn author_of(byline: &str) -> Option<String> {
    let byline = before_glued_date(byline.trim());
    let body = byline_author(byline).unwrap_or_else(|| byline.to_string());
    // Parts that name no one are a desk, an agency or a title ("AP Auto Writer",
    // "CNN Business": a name in mixed case opens with no acronym).
    let outlet = |part: &str| {
        let lower = |w: &str| w.chars().any(char::is_lowercase);
        part.split(' ').any(|w| w != "and" && lower(w)) && part.split(' ').next().is_some_and(|w| w.len() > 1 && !lower(w))
    };
    // A part may run on to the writer's title or outlet with no comma ("Ann Lee Staff Writer"),
    // as the line beside a date stamp does.
    let people: Vec<&str> = body
        .split([',', '|', ';'])
        .map(str::trim)
        .filter_map(|p| byline_beside_stamp(p).or_else(|| (super::author_bio::are_names(p) && !outlet(p)).then_some(p)))
        .collect();
    let author = if people.is_empty() { body.trim().to_string() } else { people.join(", ") };
    let author = author.trim_end_matches([',', '-', '|', ' ']).to_string();
    (!author.is_empty() && !author.eq_ignore_ascii_case("by")).then(|| title_cased(&author))
}

/// `text` up to where a word runs into a capitalised month or weekday ("Ann LeeNovember 15,
/// 2019", "Ann LeeMonday, ..."): a page's byline and date elements joined without a space.
fn before_glued_date(text: &str) -> &str {
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    // The month names written out: the first twelve of `MONTHS`.
    let names = MONTHS[..12].iter().map(|(m, _)| *m).chain(WEEKDAYS);
    let b = text.as_bytes();
    let opens_name = |i: usize| names.clone().any(|n| b.len() >= i + n.len() && b[i..i + n.len()].eq_ignore_ascii_case(n.as_bytes()));
    let glued = (1..b.len()).find(|&i| b[i - 1].is_ascii_lowercase() && b[i].is_ascii_uppercase() && opens_name(i));
    glued.map_or(text, |i| &text[..i])
}

/// A word in capitals: two letters or more, none in lower case ("KRISHER", "USA").
fn is_shouted(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// Names written in capitals ("TOM KRISHER and ANN LEE") in the case news writes them.
fn title_cased(names: &str) -> String {
    if !names.split_whitespace().filter(|w| *w != "and").all(is_shouted) {
        return names.to_string();
    }
    names
        .split(' ')
        .map(|w| {
            if w == "and" {
                return w.to_string();
            }
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| first.to_string() + &chars.as_str().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(" ")
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

/// True for the name of a news agency [`agency_name`] knows.
pub fn is_agency(name: &str) -> bool {
    known_agency(name).is_some()
}

/// The canonical spelling of an agency's name.
pub fn agency_name(name: &str) -> String {
    known_agency(name).map_or_else(|| name.trim().to_string(), str::to_string)
}

/// News agencies by the name a document's source takes, with the spellings a page gives them.
/// A wire dateline names one in brackets by the first spelling ("MADRID (EFE) —").
const AGENCIES: &[(&str, &[&str])] = &[
    ("AP", &["AP", "Associated Press", "The Associated Press"]),
    ("Reuters", &["Reuters", "Reuter"]),
    ("AFP", &["AFP", "Agence France-Presse"]),
    ("PA", &["PA", "Press Association"]),
    ("UPI", &["UPI"]),
    ("dpa", &["dpa"]),
    ("Bloomberg", &["Bloomberg"]),
    ("Xinhua", &["Xinhua"]),
    ("IANS", &["IANS"]),
    ("CNN", &["CNN"]),
    ("EFE", &["EFE"]),
    ("ANSA", &["ANSA"]),
    ("Lusa", &["Lusa"]),
    ("Europa Press", &["Europa Press"]),
    ("Yonhap", &["Yonhap"]),
    ("Kyodo", &["Kyodo"]),
    ("AAP", &["AAP", "Australian Associated Press"]),
    ("CP", &["CP", "The Canadian Press", "Canadian Press"]),
    ("TASS", &["TASS"]),
    ("Interfax", &["Interfax"]),
    ("Anadolu", &["Anadolu"]),
    ("PTI", &["PTI", "Press Trust of India"]),
    ("ANI", &["ANI"]),
    ("Bernama", &["Bernama"]),
    ("ANP", &["ANP"]),
    ("Belga", &["Belga"]),
    ("APA", &["APA"]),
];

fn known_agency(name: &str) -> Option<&'static str> {
    let name = name.trim();
    AGENCIES.iter().find(|(_, spellings)| spellings.iter().any(|s| s.eq_ignore_ascii_case(name))).map(|(agency, _)| *agency)
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

/// `title` without the site's name (and sections) it goes on with after the headline ("Storm
/// hits coast | Opinion | The Daily Post" → "Storm hits coast"): a last part after a separator
/// goes when it has at most five words, what stays at least three, and another block of the
/// page names it (a block that does not hold the headline: the footer's "© 2024 The Daily
/// Post", a menu's "Opinion"); a headline's own last words appear only beside the rest of it.
pub fn title_without_site<'a>(title: &'a str, blocks: &[&str]) -> &'a str {
    let mut head = title;
    while let Some((rest, site)) = last_title_part(head) {
        if site.is_empty() || site.split_whitespace().nth(5).is_some() || rest.split_whitespace().nth(2).is_none() {
            break;
        }
        let named = memchr::memmem::Finder::new(site);
        // Most blocks that name the site are shorter than the headline (a menu, a footer).
        let apart = |b: &str| b.len() < rest.len() || memchr::memmem::find(b.as_bytes(), rest.as_bytes()).is_none();
        if !blocks.iter().any(|b| named.find(b.as_bytes()).is_some() && apart(b)) {
            break;
        }
        head = rest;
    }
    head
}

/// A title split at its last separator between parts ("Storm hits coast | The Daily Post"):
/// what comes before, and the last part.
fn last_title_part(title: &str) -> Option<(&str, &str)> {
    // Spaced: a hyphen or slash inside a name ("The Spokesman-Review") separates nothing.
    const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "];
    // From the last space back (a search for each separator cost more than the rest of a
    // title's handling).
    let (at, len) = memchr::memrchr_iter(b' ', title.as_bytes()).find_map(|at| SEPARATORS.iter().find(|s| title[at..].starts_with(*s)).map(|s| (at, s.len())))?;
    Some((title[..at].trim_end(), title[at + len..].trim()))
}

/// The site's name a title goes on with after its headline (`rest`: " | Opinion | The Daily
/// Post" gives "The Daily Post"): the last part after a separator, of at most five words.
pub fn site_after(rest: &str) -> Option<String> {
    // The rest opens with its separator, whose leading space the headline may have kept.
    let spaced = if rest.starts_with(' ') { std::borrow::Cow::Borrowed(rest) } else { std::borrow::Cow::Owned(format!(" {rest}")) };
    let (_, site) = last_title_part(&spaced)?;
    (site.chars().any(char::is_alphabetic) && site.split_whitespace().nth(5).is_none()).then(|| site.to_string())
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
    fn a_title_loses_the_site_the_page_names_elsewhere() {
        let page = ["Storm hits coast | Opinion | The Daily Post", "Home", "Opinion", "Storm hits the coast", "Rain fell all night.", "© 2024 The Daily Post"];
        assert_eq!(title_without_site(page[0], &page), "Storm hits coast");
        // The headline's own last words are named only beside the rest of it.
        let page = ["Storm hits coast - and the town floods - The Daily Post", "Storm hits coast - and the town floods", "© The Daily Post"];
        assert_eq!(title_without_site(page[0], &page), page[1]);
        // A site the page does not name, a long last part, or a short headline stay.
        for title in ["Storm hits coast - The Daily Post", "Storm hits coast | Opinion pieces from six of our writers today", "Storm | Opinion"] {
            assert_eq!(title_without_site(title, &[title, "Opinion", "Home"]), title);
        }
    }

    #[test]
    fn the_site_is_the_last_part_after_the_headline() {
        assert_eq!(site_after(" | Opinion | The Daily Post").as_deref(), Some("The Daily Post"));
        assert_eq!(site_after(" – TechCrunch").as_deref(), Some("TechCrunch"));
        assert_eq!(site_after("| The Spokesman-Review").as_deref(), Some("The Spokesman-Review"));
        for rest in ["", " | ", " - 2024", "The Daily Post", " | the six things we learned from a long night of counting"] {
            assert_eq!(site_after(rest), None, "{rest:?}");
        }
    }

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
    fn dates_and_stamps_in_other_languages() {
        for (stamp, date) in [
            ("sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22"),
            ("Publicado el 3 de marzo del 2021, 09:15", "2021-03-03"),
            ("miércoles 1 de diciembre de 2021", "2021-12-01"),
            ("Publié le 1er février 2019 à 14h05", "2019-02-01"),
            ("Mis à jour le 12 août 2020", "2020-08-12"),
            ("Veröffentlicht am 22. Oktober 2010, 20:13 Uhr", "2010-10-22"),
            ("Montag, 3. März 2014", "2014-03-03"),
            ("Pubblicato il 5 maggio 2018 alle ore 10:30", "2018-05-05"),
            ("1º de janeiro de 2020", "2020-01-01"),
            ("Gepubliceerd op 9 maart 2017 om 12:00", "2017-03-09"),
            ("기사입력 :[ 2018-08-25 15:24 ]", "2018-08-25"),
            ("입력 2018-08-25 15:24 | 수정 2018-08-26 09:00", "2018-08-25"),
        ] {
            assert_eq!(date_line(stamp).as_deref(), Some(date), "{stamp}");
        }
        assert_eq!(normalize_date("22 de outubro de 2010").as_deref(), Some("2010-10-22"));
        assert_eq!(normalize_date("3. Dezember 2024").as_deref(), Some("2024-12-03"));
        // Words other than a stamp's keep a date from being a stamp, in any language.
        assert_eq!(date_line("Las conversaciones terminaron el 22 de octubre de 2010"), None);
        assert_eq!(date_line("Die Gespräche endeten am 22. Oktober 2010"), None);
        // Names of months that are English words are not read ("5 ago 2010"), nor a number
        // before a word that only looks like a month.
        assert_eq!(find_date("5 ago 2010"), None);
        assert_eq!(find_date("Apollo 11 Marsh 2010"), None);
        assert_eq!(normalize_date("31 de fevereiro de 2020"), None, "no 31 February");
    }

    #[test]
    fn stamps_give_dates_and_writers() {
        // Dates in digits, read only where day and month cannot be swapped.
        assert_eq!(date_line("11/19/19 6:38 AM").as_deref(), Some("2019-11-19"));
        assert_eq!(date_line("14.11.2019").as_deref(), Some("2019-11-14"));
        assert_eq!(date_line("11.14.2019 09:00 AM").as_deref(), Some("2019-11-14"));
        assert_eq!(date_line("11/12/19"), None, "the 11th of December or the 12th of November");
        assert_eq!(date_line("Updated 1:39 am EST, Wednesday, November 20, 2019").as_deref(), Some("2019-11-20"));
        assert_eq!(date_line("First Published: Tuesday, November 19, 2019 08:38 AM").as_deref(), Some("2019-11-19"));
        // More than two dates make a table's row, not a stamp.
        assert_eq!(date_stamp("02/28/87 01/31/87 02/28/86"), None);
        let names = |block: &str| date_stamp(block).and_then(|(d, sides)| Some((d, stamp_names(block, &sides)?.to_string())));
        let ann = |d: &str| Some((d.to_string(), "Ann Lee".to_string()));
        assert_eq!(names("November 20, 2019 Ann Lee"), ann("2019-11-20"));
        assert_eq!(names("Ann Lee - Nov 19, 2019, 10:31 pm CST"), ann("2019-11-19"));
        assert_eq!(names("Monday November 18, 2019 7:45 am PST by Ann Lee"), ann("2019-11-18"));
        // A blog post's meta line: its date, comment count, category and byline.
        assert_eq!(post_meta("October 12, 2018 / 0 Comments / in Business, Local / by admin"), Some(None));
        assert_eq!(post_meta("By Ann Lee | 11/19/19 | Leave a comment"), Some(Some("Ann Lee")));
        assert_eq!(post_meta("March 3, 2021 · No Comments"), Some(None));
        assert_eq!(post_meta("October 12, 2018 / The council met on Monday"), None, "prose is no meta field");
        assert_eq!(post_meta("0 Comments / in News"), None, "no date");
        assert_eq!(post_meta("October 12, 2018 / 0 Comments / May 3, 2019"), None, "two dates");
        assert_eq!(names("October 9, 2018 | by Ann Lee"), ann("2018-10-09"));
        assert_eq!(names("October 9, 2018 | by Ann").map(|(_, n)| n).as_deref(), Some("Ann"));
        assert_eq!(names("October 9, 2018 | by admin"), None);
        assert_eq!(names("By Ann Lee, Bo Chan on May 3, 2024").map(|(_, n)| n).as_deref(), Some("Ann Lee, Bo Chan"));
        for not_a_byline in [
            "— Ann Lee (@annlee) November 18, 2019",  // an embedded post's attribution
            "Opening Bell 11.18.19 - Markets",        // a title around a date
            "Opening Bell 11.18.19",                  // a headline's words are not a name
            "Source: Ann Lee, May 3, 2024",           // a credit
            "SPOT PRODUCTS--APRIL 07 1100 EST",       // capitals
            "Milan Lee on May 3, 2024 at 4:47 pm said:",
        ] {
            assert_eq!(names(not_a_byline), None, "{not_a_byline}");
        }
        assert_eq!(byline_author("By Ann Lee November 19, 2019, 07:47 PM EST").as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn a_byline_gives_its_writers_as_the_author() {
        for (byline, author) in [
            ("By ANN LEE, AP Auto Writer", "Ann Lee"),
            ("By ANN LEE and BO CHAN, Associated Press", "Ann Lee and Bo Chan"),
            ("By Ann Lee, CNN", "Ann Lee"),
            ("Analysis by Ann Lee, CNN Editor-at-large", "Ann Lee"),
            ("Ann Lee, CNN Business", "Ann Lee"),
            ("By Ann LeeNovember 15, 2019", "Ann Lee"),
            ("by Ann LeeMonday, November 18, 2019", "Ann Lee"),
            ("Ann Lee | Example Media for example.org", "Ann Lee"),
            ("By Ann Lee, Bo Chan", "Ann Lee, Bo Chan"),
            ("HNN Staff", "HNN Staff"),
            ("by annlee", "annlee"),
            ("By JERUSALEM POST STAFF", "Jerusalem Post Staff"),
            ("Ann McLee", "Ann McLee"),
            // A title or outlet after the name with no comma.
            ("By Ann Lee Staff Writer", "Ann Lee"),
            ("By Ann Lee Business Columnist", "Ann Lee"),
            ("By Ann Lee and Bo Chan Staff Writers", "Ann Lee and Bo Chan"),
            ("By Ann Lee FOXBusiness", "Ann Lee"),
            ("By Ann OConnor", "Ann OConnor"),
            ("By Ann Lee, Bo Chan Staff Writer", "Ann Lee, Bo Chan"),
        ] {
            assert_eq!(author_of(byline).as_deref(), Some(author), "{byline}");
        }
        assert_eq!(author_of(" By "), None);
    }

    #[test]
    fn a_line_beside_the_stamp_names_its_writers() {
        for (line, names) in [
            ("Ann Lee", "Ann Lee"),
            ("Marta De Souza", "Marta De Souza"),
            ("Ann Lee and Bo C. Chandler", "Ann Lee and Bo C. Chandler"),
            ("Ann Lee Associated Press", "Ann Lee"),
            ("Ann Lee and Bo Chandler USA TODAY", "Ann Lee and Bo Chandler"),
            ("Ann Lee Lakeside Daily Herald", "Ann Lee"),
            ("Ann Lee and Bo C. Chandler Lakeside Argus Leader", "Ann Lee and Bo C. Chandler"),
            ("Ann Lee Staff Writer", "Ann Lee"),
            ("Ann Lee CNNMoney", "Ann Lee"),
        ] {
            assert_eq!(byline_beside_stamp(line), Some(names), "{line}");
        }
        for line in [
            "Ann Lee Resigns",
            "Council Budget Approved",
            "MARKETS WRAP",
            "Classificação NASCAR",
            "Ann Lee said the council would meet.",
            "Ann Lee Lakeside Council",
            "Politics",
            "",
        ] {
            assert_eq!(byline_beside_stamp(line), None, "{line}");
        }
    }

    #[test]
    fn a_handle_stands_for_by() {
        assert_eq!(handle_byline("Ann Lee @annlee / 2 days"), Some("Ann Lee"));
        assert_eq!(handle_byline("Ann Lee and Bo Chan @annlee_bo"), Some("Ann Lee and Bo Chan"));
        for line in ["Ann Lee @annlee said the council would meet on Tuesday", "Ann Lee @", "Follow Us @example", "CITY DESK @desk", "ann lee @annlee"] {
            assert_eq!(handle_byline(line), None, "{line}");
        }
    }

    #[test]
    fn bylines_name_their_authors() {
        assert_eq!(byline_author("By Brigit Katz").as_deref(), Some("Brigit Katz"));
        assert_eq!(byline_author("By Ann Lee annl@example.org (555) 010-0199").as_deref(), Some("Ann Lee"));
        assert_eq!(byline_author("By HNN Staff | November 18, 2019 at 2:26 PM HST").as_deref(), Some("HNN Staff"));
        assert_eq!(byline_author("By Matthew Digby, Minh Do on Monday, November 18th, 2019").as_deref(), Some("Matthew Digby, Minh Do"));
        assert_eq!(byline_author("Reporting by Ann Lee; Editing by Bo Chan").as_deref(), Some("Ann Lee"));
        assert_eq!(byline_author("Opinion by Ann Lee").as_deref(), Some("Ann Lee"));
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
        // The agencies of other countries' wire copy.
        for (line, agency) in [("MADRID (EFE) — El Gobierno", "EFE"), ("SEOUL, Dec. 6 (Yonhap) -- North Korea", "Yonhap"), ("OTTAWA (CP) — The", "CP")] {
            let (_, found, _) = dateline(line).unwrap();
            assert_eq!(found.as_deref(), Some(agency), "{line}");
        }
        assert_eq!(agency_name("the canadian press"), "CP");
        assert!(!is_agency("Press") && !is_agency("Madrid"));
        assert!(is_sign_off("Reuter"));
        for line in ["REUTER", "REUTER...", "reuter", " Reuters "] {
            assert!(is_sign_off(line), "{line}");
        }
        assert!(!is_sign_off("Reuter said") && !is_sign_off("REUTERS FILE"));
    }
}
