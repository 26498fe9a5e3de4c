//! From the spans the model decoded to the spans that become mentions: organisations joined
//! across the brackets and initials the model split them at, punctuation around names left
//! out, and stock symbols and spans that are never names dropped.

use crate::doc::Label;
use crate::resolve::normalize::is_legal_suffix;
use crate::tag::gazetteer::{default_gazetteer, List};

/// A span of a sentence's words `[start, end)` with its type and confidence.
type Scored = (usize, usize, Label, f32);

/// Joins an organisation to the span that goes on from its bracket: the model ends "Nikko
/// Securities Co" at the "(" of "Nikko Securities Co (Europe) Ltd" and tags "Europe) Ltd" as a
/// second organisation, which named a company after the place (Reuters: 80 mentions began
/// inside a bracket, "Europe) Ltd" 26 times; 40 now join the name before them). The model
/// may also start the name again after the ")" ("Ltd"), with the bracket's words tagged apart
/// or not at all: those are joined too (Reuters, with the model trained on the list of
/// companies: 52 mentions "Ltd" alone). `words` are the sentence's; spans are in order and do
/// not overlap.
fn join_bracketed(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    use Label::Org;
    let mut out: Vec<Scored> = Vec::with_capacity(spans.len());
    for span in spans {
        let (s, e, label, _) = span;
        let n = out.len();
        let legal = is_legal_suffix(words[e - 1]);
        // The span goes on from the bracket that the organisation before it opened; with a
        // legal form at its end, whatever the model called the name before the bracket ("Dean
        // Witter Reynolds (Canada) Inc.", its start taken for a person and "Canada) Inc." for
        // a company named after the place).
        if let Some(&last) = out.last() {
            if (last.2 == Org || legal) && last.1 + 1 == s && words[last.1] == "(" && words[s..e].contains(&")") {
                out[n - 1] = joined(&[last, span]);
                continue;
            }
        }
        // The span starts the name again after the bracket: "Co", "(", ["Europe"], ")", "Ltd".
        // A legal form there makes the whole a company whatever the model called its start
        // ("Cheung Kong (Holdings) Ltd", with "Cheung Kong" taken for a person).
        let open = ((label == Org || legal) && s > 0 && words[s - 1] == ")")
            .then(|| (s.saturating_sub(2 + MAX_BRACKETED)..s - 1).rev().find(|&p| words[p] == "("))
            .flatten()
            .filter(|&p| !words[p + 1..s - 1].iter().any(|w| *w == "(" || *w == ")"));
        if let Some(p) = open {
            let inside = out.last().filter(|l| l.0 > p && l.1 < s).copied();
            let before = n.checked_sub(1 + usize::from(inside.is_some())).map(|i| out[i]);
            if let Some(first) = before.filter(|b| (b.2 == Org || legal) && b.1 == p) {
                out.truncate(n - 1 - usize::from(inside.is_some()));
                out.push(joined(&[Some(first), inside, Some(span)].into_iter().flatten().collect::<Vec<_>>()));
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// Spans joined into one organisation, from the first's start to the last's end, with the
/// mean confidence of their words (words between them, brackets or "of", have none).
fn joined(parts: &[Scored]) -> Scored {
    let words_in: usize = parts.iter().map(|p| p.1 - p.0).sum();
    let total: f32 = parts.iter().map(|p| p.3 * (p.1 - p.0) as f32).sum();
    (parts[0].0, parts[parts.len() - 1].1, Label::Org, total / words_in as f32)
}

/// Words a company's bracket holds at most ("(U.K.)", "(Hong Kong)").
const MAX_BRACKETED: usize = 3;

/// Abbreviations of wire services' results tables ("Shr 34 cts vs 1.19 dlrs", "Revs 25.2 mln
/// vs 19.5 mln"): never names, but the model, meeting "Shr" capitalised at a line's start, took
/// it for an organisation (Reuters-21578: 1,479 mentions in 947 stories, so that every company
/// of a results story was co-mentioned with it).
const TABLE_WORDS: &[&str] = &["Shr", "Shrs", "Qtr", "Qtly", "Revs", "Mths", "Dlrs", "Cts", "Mln", "Vs"];

/// Row labels of crop supply tables ("Start Stcks 1,234 1,456", "Domes Use", "Ind Ttl-F"): a
/// span of two words or more made of these alone is no name (Reuters-21578: 107 mentions, most
/// typed organisations, each beside the crops and countries of its table). One word alone is
/// left to the other rules: "Ind" abbreviates Indiana, too.
const SUPPLY_TABLE_WORDS: &[&str] = &[
    "Start", "End", "Free", "Total", "Ttl", "Domes", "Domestic", "Dom", "Feed", "Mill", "Ind", "Stocks", "Stcks", "Stks", "Use", "Ttl-F", "Tl-F",
    "Supply", "Supply-X",
];

/// Headers of futures tables' volume and open-interest columns, which stay in capitals (69
/// Reuters mentions of an "OPEN", beside every exchange and contract of its tables): no name
/// alone, but not cut off a name either, where a headline's "U.S. OPEN" is the tournament.
const COLUMN_HEADERS: &[&str] = &["VOL", "VOLUME", "OPEN"];

/// Punctuation that separates a name from what follows or precedes it, never part of it: the
/// model now and then runs a name on over the comma or colon after it ("told the BBC:", BBC
/// News: 6 of 64,280 mentions), which made "BBC:" an alias of its own; nor does a name end on
/// the bracket after it ("Windows (codenamed Longhorn)"). (CoNLL-2003's names end in "." or
/// ")" at times; of its 29,441 names in train and dev, one ends in "'" and one starts with ",",
/// none with the others.)
/// Angle brackets, which Reuters puts around companies' names and stock symbols ("<Bank of
/// New Zealand>", "Citicorp <CCI>"), neither open nor end a name.
const CLOSING: &[&str] = &[",", ";", ":", "'", "\"", "\u{2019}", "\u{201D}", "(", "[", "<", ">"];
const OPENING: &[&str] = &[",", ";", ":", "'", "\"", "\u{2018}", "\u{201C}", ")", "]", "<", ">"];

/// Joins a letter the model tagged alone to the initials and "and" before it: Reuters writes
/// Standard and Poor's "S and P", and the model tagged "P" (279 mentions "P", so that an
/// entity "P" was co-mentioned with every company the agency rated); "AT and T" likewise.
/// The first initials, if tagged apart, are joined too, and the whole is an organisation.
fn join_initials(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let initials = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase());
    let mut out: Vec<Scored> = Vec::with_capacity(spans.len());
    for (s, e, label, score) in spans {
        // The letter may carry the sentence's full stop ("rated BBB by S and P."), and the
        // initials a slash ("S/P").
        let last = words[s].strip_suffix('.').unwrap_or(words[s]);
        if e == s + 1 && s >= 2 && initials(last) && ["and", "&", "/"].contains(&words[s - 1]) && initials(words[s - 2]) {
            if out.last().is_some_and(|last| (last.0, last.1) == (s - 2, s - 1)) {
                out.pop();
            }
            // Initials joined so name a company, whatever the model took the letter for.
            out.push((s - 2, e, Label::Org, score));
        } else {
            out.push((s, e, label, score));
        }
    }
    out
}

/// Words that, after "and" or "&", end a firm's name ("James Capel and Co"). Only the legal
/// form: a firm's name is the same entity with it or without it (`resolve::normalize` drops
/// it), where "and Sons", "and Partners" or "and Company" would stay in the name and part
/// the firm from its shorter name in other stories.
const PARTNERS: &[&str] = &["Co", "Co."];

/// Joins a name to the "and Co" after it (with a legal form after that: "Samuel Montagu and Co
/// Ltd"), and makes it an organisation: the model tagged the name before "and Co" a person
/// and left the rest out (Reuters-21578: 133 mentions, most of them typed PER, "James Capel"
/// of "brokers James Capel and Co" among them). Spans the joined words cover (a "Co" tagged
/// alone) are taken in, and so are the names a comma before it that the model took for no
/// firm and no person's full name, and that end with no legal form of their own ("Peat,
/// Marwick, Mitchell and Co").
fn join_and_company(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let mut out: Vec<Scored> = Vec::with_capacity(spans.len());
    for (s, e, label, score) in spans {
        if out.last().is_some_and(|last| s < last.1) {
            continue;
        }
        // A name that ends with a legal form of its own ("SA and Co") is not extended; one
        // the model ended with "and Co" itself is a firm as it stands.
        let firm = e + 1 < words.len() && ["and", "&"].contains(&words[e]) && PARTNERS.contains(&words[e + 1]) && !is_legal_suffix(words[e - 1]);
        let end = if firm {
            e + 2 + usize::from(e + 2 < words.len() && is_legal_suffix(words[e + 2]))
        } else if and_company_at(&words[s..e]).is_some_and(|k| s + k == e) {
            e
        } else {
            out.push((s, e, label, score));
            continue;
        };
        // The partners' names before it, a comma apart, are the firm's too ("Smith Barney,
        // Harris Upham and Co": the model typed "Smith Barney" a place in 32 Reuters mentions
        // and a person in 18); not a name the model took for a firm of its own ("Citicorp,
        // J.P. Morgan and Co") or a person's full name whose surname the firm bears ("Thomas
        // McKiernan, McKiernan and Co").
        let mut start = s;
        while let Some(&(ps, pe, label, _)) = out.last() {
            let own = label == Label::Org || (label == Label::Per && pe - ps > 1 && words[start..end].contains(&words[pe - 1]));
            if pe + 1 != start || words[pe] != "," || is_legal_suffix(words[pe - 1]) || own {
                break;
            }
            out.pop();
            start = ps;
        }
        out.push((start, end, Label::Org, score));
    }
    out
}

/// Where the first "and Co" in `words` ends, with the legal form after it if any ("and Co
/// Inc"), if there is one after a name (at the third word or later).
fn and_company_at(words: &[&str]) -> Option<usize> {
    (2..words.len()).find(|&k| ["and", "&"].contains(&words[k - 1]) && PARTNERS.contains(&words[k]) && !is_legal_suffix(words[k - 2])).map(|k| {
        k + 1 + usize::from(words.get(k + 1).is_some_and(|w| is_legal_suffix(w)))
    })
}

/// Splits a span after each "and Co" that "and", "&" or a comma and another name follow: the
/// model ran two firms of a list into one ("Goldman, Sachs and Co and Salomon Brothers Inc",
/// "Lazard Freres and Co and Salomon Brothers Inc": 17 Reuters mentions), which became an
/// entity of their own and took in the bare names of both.
fn split_after_and_company(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let mut out = Vec::with_capacity(spans.len());
    for (mut s, e, label, score) in spans {
        while let Some(k) = and_company_at(&words[s..e]).map(|k| s + k) {
            let next = k + 1 + usize::from(words.get(k + 1) == Some(&",") && words.get(k + 2).is_some_and(|w| ["and", "&"].contains(w)));
            if !(k + 1 < e && [",", "and", "&"].contains(&words[k]) && next < e) {
                break;
            }
            out.push((s, k, Label::Org, score));
            s = next;
        }
        out.push((s, e, label, score));
    }
    out
}

/// Initials of things, not names, that the model tags once joined ("R and D" spent on; the
/// music "R&B", an organisation in 30 BBC mentions).
const NOT_NAMES: &[&[&str]] = &[
    &["R", "and", "D"], &["R", "&", "D"], &["R&D"], &["M", "and", "A"], &["M", "&", "A"], &["M&A"], &["Q", "and", "A"], &["Q", "&", "A"], &["Q&A"],
    &["R", "and", "B"], &["R", "&", "B"], &["R&B"],
];

/// Abbreviations of things and roles written in capitals, which the model takes for names
/// when they stand alone: on BBC News 509 mentions ("PC" an organisation 92 times, "DVDs" 42,
/// "P2P" 44), each a hub beside every company of its stories. A name holding one ("Sony PC")
/// stays. ("TV" is left out: it opens broadcasters' names, "TV Globo", which the model may
/// cut short.) The money supply's measures as wire copy writes them ("M-3", 122 Reuters
/// mentions) are such things too; "M1" unhyphenated stays, it names a motorway as well; so are
/// a flotation ("IPO", 6 BBC mentions typed ORG), a buy-out ("LBO") and a "CD-ROM" (12 Reuters
/// mentions typed ORG). (Time
/// zones stay mentions: CoNLL-2003 annotates "GMT" as MISC.)
const THINGS: &[&str] = &[
    "PC", "PCs", "CD", "CDs", "DVD", "DVDs", "MP3", "MP3s", "TVs", "HD", "HDTV", "LCD", "USB", "SMS", "GSM", "3G", "RFID", "DRM", "P2P", "PVR",
    "DVR", "PDA", "PDAs", "GPS", "ISP", "ISPs", "VoIP", "CPU", "RAM", "GDP", "GNP", "VAT", "CEO", "CEOs", "ID", "AI", "PM", "IPO", "IPOs",
    "LBO", "LBOs", "CD-ROM", "CD-ROMs",
    "M-0", "M-1", "M-1A", "M-1-A", "M-1-B", "M-2", "M-3",
];

/// Members' titles, which BBC News writes after the party or place they sit for ("Labour MPs",
/// "Ealing North MP"): no part of its name and no name alone (CoNLL-2003 writes "opposition
/// MPs", no name), and the model took them in (BBC: 41 mentions, "Labour MPs" an organisation
/// in 16 stories) or typed them alone ("MEP").
const MEMBERS: &[&str] = &["MP", "MPs", "MEP", "MEPs", "MSP", "MSPs"];

/// Common nouns that Reuters capitalises after a country ("the U.S. Embassy", "the U.S.
/// Dollar", "the U.S. Trade deficit") or at a results table's line ("Loans 3.91 billion vs"),
/// and BBC News in British usage ("a Cabinet minister", "the Mental Capacity Bill"): no name
/// alone, and no part of the country's (CoNLL-2003 writes "Polish embassy", the demonym MISC
/// and the noun no name, and "Cabinet" alone mostly no name). The model made "Embassy" a MISC
/// entity in 24 Reuters stories, "U.S. Dollar" and "U.S. Trade" organisations in 84,
/// "Cabinet" a place in 23 BBC stories and "Bill" a person in 15.
const COMMON_NOUNS: &[&str] = &["Embassy", "Consulate", "Dollar", "Trade", "Loans", "Cabinet", "Bill"];

/// Words that Reuters-21578 capitalises after "U.S." where they begin the rest of the clause
/// ("the U.S. Market", "U.S. Banks"), and that end no name of a place's alone: verbs that also
/// name things (a month, a will) and so are no [`FUNCTION_WORDS`], and common nouns that may
/// be a name alone ("Economy" of a headline) or after other words.
const AFTER_A_PLACE: &[&str] = &[
    "Will", "Can", "May", "Must", "Might", "Market", "Markets", "Economy", "Banks", "Firms", "Companies", "Officials", "Official", "Bonds",
    "Currency", "Dollars", "Dlr", "Dlrs", "Industry",
];

/// Cuts a common noun ([`COMMON_NOUNS`]) off the end of a span that is a listed country,
/// city or region before it, which is then the place it names ("U.S. Dollar" is "U.S."); and
/// a verb or a noun that begins the rest of the clause ([`AFTER_A_PLACE`]): Reuters-21578
/// capitalises the word after "U.S." ("the U.S. Has also asked"), which the model took into the
/// name ("U.S. Has", "U.S. Will", "U.S. Market", ... typed ORG).
fn cut_common_noun(span: &mut Scored, words: &[&str]) {
    let (s, e) = (span.0, span.1);
    let last = words[e - 1];
    if e - s < 2 || !(COMMON_NOUNS.contains(&last) || is_function_word(last) || AFTER_A_PLACE.contains(&last)) {
        return;
    }
    if is_listed_place(&words[s..e - 1]) {
        (span.1, span.2) = (e - 1, Label::Loc);
    }
}

/// Words of closed classes (verbs' auxiliaries, pronouns, conjunctions, question words) alone,
/// as a sentence's first word or a headline writes them: never a name (Reuters-21578 writes
/// "the U.S. Is willing", its capital read as a name 25 times, and headlines' "HIS" or "HAD").
/// Left out: those that also name things or people alone ("May", "Will", "Who", "Her",
/// "Can"), and, in capitals, those that are also abbreviations ("US", "IT", "IS", "AM", "ME").
const FUNCTION_WORDS: &[&str] = &[
    "is", "are", "was", "were", "been", "being", "has", "have", "had", "does", "did", "he", "she", "him", "his", "they", "them", "their",
    "our", "we", "you", "your", "its", "or", "and", "the", "of", "where", "whose", "when", "which", "what", "whom", "could", "would",
    "should", "also", "than",
];

/// Of [`FUNCTION_WORDS`], those that may be an abbreviation in capitals.
const FUNCTION_WORDS_ABBREVIATED: &[&str] = &["is", "he", "we", "or", "of", "its"];

/// Whether `w` is one of [`FUNCTION_WORDS`] with a capital initial, or in capitals.
fn is_function_word(w: &str) -> bool {
    // Asked of every span of one word: the longest such word has six letters.
    if w.len() > 6 {
        return false;
    }
    let Some(first) = w.chars().next().filter(char::is_ascii_uppercase) else { return false };
    let lower = w.to_ascii_lowercase();
    let caps = w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase());
    let title = w[first.len_utf8()..].bytes().all(|b| b.is_ascii_lowercase());
    FUNCTION_WORDS.contains(&lower.as_str()) && (title || (caps && !FUNCTION_WORDS_ABBREVIATED.contains(&lower.as_str())))
}

/// A legal form on its own ("Ltd" of "<General Motors-Holden's Ltd>", the rest not tagged): no
/// name, and every one would be one entity "Ltd" (Reuters: 50 mentions). Two-letter forms
/// other than "Co" stay: "SA" or "AG" alone may be an abbreviation of something else.
fn is_lone_legal_form(span: &[&str]) -> bool {
    matches!(span, [w] if (w.trim_end_matches('.').len() > 2 || w.trim_end_matches('.').eq_ignore_ascii_case("co")) && is_legal_suffix(w))
}

/// Joins a company to the name of the country or city its local arm carries with its legal
/// form: the model tagged "General Motors of Canada Ltd" as "General Motors" and "Canada Ltd",
/// which, its legal form removed, became a mention of Canada (Reuters: 13 mentions "Canada
/// Ltd", and more for Tokyo, Australia, Singapore).
fn join_local_arm(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let mut out: Vec<Scored> = Vec::with_capacity(spans.len());
    for span in spans {
        let (s, e, label, _) = span;
        if let Some(last) = out.last_mut() {
            let arm = last.2 == Label::Org && label == Label::Org && last.1 + 1 == s && words[last.1] == "of";
            if arm && e - s > 1 && is_legal_suffix(words[e - 1]) {
                *last = joined(&[*last, span]);
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// Cuts a span to the name it holds: it ends before an angle bracket within it ("Merrill Lynch
/// and Co <MER"), and before separating punctuation or a results-table word after it; it
/// starts after separating punctuation or a results-table word before it, or at the bracket before it that a bracket within it closes
/// ("(World) Bank", where the model tagged "World) Bank").
fn trim(span: &mut Scored, words: &[&str]) {
    let (s, e) = (&mut span.0, &mut span.1);
    if let Some(p) = (*s + 1..*e).find(|&p| words[p] == "<") {
        *e = p;
    }
    // A symbol the span starts with, inside the name ("BankAmerica <BAC> Corp"), is no part of it.
    if *s > 0 && words[*s - 1] == "<" && *e > *s + 2 && words[*s + 1] == ">" && is_symbol(words[*s]) {
        *s += 2;
    }
    // A results-table word is no part of a name either: "U.S. Dlrs" (the headline's "U.S.
    // DLRS", 133 Reuters mentions of an organisation "U.S. Dlrs" and the like) is "U.S.",
    // "Shr Royal Dutch" is "Royal Dutch".
    // So is a futures table's "OPEN" before its "INTEREST" ("CME OPEN INTEREST" is the CME's).
    let open_interest = |e: usize| words[e - 1] == "OPEN" && words.get(e).is_some_and(|w| w.starts_with("INT"));
    // And a member's title after the party or place it names: "Labour MPs" is Labour's.
    let member = |e: usize| MEMBERS.contains(&words[e - 1]);
    let count = |s: usize, e: usize, b: &str| words[s..e].iter().filter(|w| **w == b).count();
    if *s > 0 && words[*s - 1] == "(" && count(*s, *e, ")") > count(*s, *e, "(") {
        *s -= 1;
    }
    (*s, *e) = within_brackets(words, *s, *e);
    while *e - *s > 1 && (CLOSING.contains(&words[*e - 1]) || TABLE_WORDS.contains(&words[*e - 1]) || open_interest(*e) || member(*e)) {
        *e -= 1;
    }
    while *e - *s > 1 && (OPENING.contains(&words[*s]) || TABLE_WORDS.contains(&words[*s]) || is_participle_modifier(words[*s])) {
        *s += 1;
    }
}

/// The span `[s, e)` cut before a bracket it opens that goes on past it: the model ran a name
/// into the bracket after it ("Thomas (Johansson 72)" of a team sheet's substitutes, "Alcoa
/// (Aluminum Company of America)", "ASEAN (Association of South East Asian Nations)"), and the
/// resolver, which reads a name without the brackets a writer put into it, made one person of
/// two players and a firm of Alcoa and the start of its gloss (Reuters 3 spans, BBC News 8).
/// A bracket the sentence closes right after the span is a writer's completion of the name
/// ("The Bank (of England)", "Premier Zhao (Ziyang)"), as "(Prime Minister Yasuhiro) Nakasone"
/// is before it, and stays. A bracket the span closes but does not open, with "and" after it,
/// ends a list's item: the name is the one after it ("(a unit of Control Data) and Thinking
/// Machines Corp").
fn within_brackets(words: &[&str], s: usize, e: usize) -> (usize, usize) {
    let (mut start, mut depth) = (s, 0usize);
    for p in s..e {
        match words[p] {
            "(" => depth += 1,
            ")" if depth == 0 && p + 2 < e && matches!(words[p + 1], "and" | "or") => start = p + 2,
            ")" => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // The first bracket opened in the span and not closed there, and how many are open at its end.
    let (mut open, mut depth) = (None, 0usize);
    for p in start..e {
        match words[p] {
            "(" => {
                if depth == 0 {
                    open = Some(p);
                }
                depth += 1;
            }
            ")" if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    open = None;
                }
            }
            _ => {}
        }
    }
    match open {
        Some(p) if p > start && !(depth == 1 && words.get(e) == Some(&")")) => (start, p),
        _ => (start, e),
    }
}

/// A word that says where a firm is based or who owns it, written before its name ("Ohio-based
/// Glidden Inc", "state-owned Oil India Ltd", "Rosneft-owned Yugansk"): no part of the name,
/// where the model took 33 of them in (Reuters 28 mentions, BBC News 5).
fn is_participle_modifier(word: &str) -> bool {
    const PARTICIPLES: &[&str] = &["-based", "-owned", "-run", "-controlled", "-backed", "-led", "-listed"];
    // In lower case: "Farmer-Owned Grain Reserve" is a programme's name.
    PARTICIPLES.iter().any(|p| word.len() > p.len() && word.ends_with(p))
}

/// Splits a span at each semicolon inside it: a semicolon separates the items of a list, never
/// the words of one name, and the model ran a team sheet's names together ("Bortolami;
/// Persico", "Hamilton; McCarthy": 17 BBC News mentions of two people as one).
fn split_at_semicolons(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, label, score) in spans {
        let mut start = s;
        for k in (s..e).filter(|&k| words[k] == ";").chain([e]) {
            if k > start {
                out.push((start, k, label, score));
            }
            start = k + 1;
        }
    }
    out
}

/// Leaves out the stock symbols Reuters writes in angle brackets after a company's name
/// ("Exxon Corp <XON>"): tagged as names, each became an entity co-mentioned with its own
/// company in every story that gave it (Reuters-21578: 2,022 such mentions, "XON" beside Exxon
/// 30 times). A symbol with no name right before its bracket stays: it may be all the story
/// gives of the company. `spans` are trimmed ([`trim`]).
fn drop_symbols(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let mut out: Vec<Scored> = Vec::with_capacity(spans.len());
    for span in spans {
        let (s, e, _, _) = span;
        let bracketed = s > 0 && words[s - 1] == "<" && words.get(e) == Some(&">");
        // Right after the name, or after its possessive ("Citicorp's <CCI.N> local unit").
        let after_name = out.last().is_some_and(|last| last.1 + 1 == s || (last.1 + 2 == s && ["'s", "\u{2019}s"].contains(&words[last.1])));
        if !(e == s + 1 && is_symbol(words[s]) && bracketed && after_name) {
            out.push(span);
        }
    }
    out
}

/// Whether the span `s..e` of `words` is a company's name as Reuters marks it, whole in angle
/// brackets ("<Nevada Packard>", "<Airbus Industrie>"), and no stock symbol ("<OLIV.MI>"): the
/// model typed 158 such Reuters-21578 names a person, place or MISC.
fn is_bracketed_company(words: &[&str], s: usize, e: usize) -> bool {
    s > 0 && words[s - 1] == "<" && words.get(e) == Some(&">") && !(e == s + 1 && is_symbol(words[s]))
}

/// Whether a word reads as a stock symbol: capitals, digits and full stops ("XON", "CCI.N").
fn is_symbol(w: &str) -> bool {
    w.len() <= 8 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.')
}

/// Spans that are never names: punctuation alone, results-table abbreviations, initials and
/// abbreviations of things, a member's title or a common noun alone ([`MEMBERS`],
/// [`COMMON_NOUNS`]), a closed-class word alone, a legal form alone.
fn never_a_name(span: &[&str]) -> bool {
    matches!(span, [w] if CLOSING.contains(w) || OPENING.contains(w) || THINGS.contains(w) || MEMBERS.contains(w) || COMMON_NOUNS.contains(w) || is_function_word(w))
        || span.iter().all(|w| TABLE_WORDS.contains(w) || COLUMN_HEADERS.contains(w) || w.chars().all(|c| c.is_ascii_punctuation()))
        || span.len() > 1 && span.iter().all(|w| SUPPLY_TABLE_WORDS.contains(w))
        || NOT_NAMES.iter().any(|n| n.len() == span.len() && n.iter().zip(span).all(|(a, b)| a == b || b.strip_suffix('.') == Some(a)))
        || is_lone_legal_form(span)
        || is_office(span)
}

/// Words that end an office's name ("Director General", "Vice Chairman", "National Security
/// Adviser"): the post, not a department ("Foreign Trade") or a body ("National Executive").
const OFFICE_HEADS: &[&str] =
    &["Adviser", "Advisor", "Ambassador", "Chairman", "Chairwoman", "Commissioner", "Director", "General", "Governor", "Manager", "Minister", "President", "Secretary"];

/// Whether a span is an office named without its holder: two words or more, all of them titles,
/// the last an office's ([`OFFICE_HEADS`]). CoNLL-2003 tags no office; the model made 33
/// Reuters and 5 BBC News mentions of them ("Director General" of the OECD linked to GATT,
/// "Vice Chairman", "General Manager"). An honorific first is a person's ("Mr Major", "Lord
/// Chancellor" left to [`is_titled_name`]).
fn is_office(span: &[&str]) -> bool {
    matches!(span, [first, .., last] if !HONORIFICS.contains(&first.trim_end_matches('.')) && OFFICE_HEADS.contains(last))
        && span.iter().all(|w| crate::lexicon::is_person_title(w))
}

/// US states' abbreviations that the alias table leaves out, as mostly something else where they
/// stand alone, but that after a legislator's party are the state ("D-Wash.", "D-Wisc").
const STATES_ABBREVIATED: &[&str] = &["Cal", "Me", "Mi", "Penn", "Wash", "Wisc"];

/// Whether the span `s..e` of `words` is a legislator's party and state as wire copy writes
/// them after the name ("Sen. Bob Dole (R-Kan.)", "Rep. Dan Rostenkowski, D-Ill."), or the
/// state of such a note after the party's initial ("D" "-" "N.J."): who the person is, no name of
/// its own. The model made 190 Reuters-21578 mentions of them, "D-Tex" an organisation in 16
/// stories, each a partner of every name in a story about Congress.
fn is_party_and_state(words: &[&str], s: usize, e: usize) -> bool {
    // A postal code, a state's name (the gazetteer's regions), its abbreviation the alias table
    // knows ("Okla" → Oklahoma, "N.J." → New Jersey) or one it leaves out.
    let region = |name: &str| default_gazetteer().lists_of(name).is_some_and(|m| m.is_in(List::Region));
    let state = |w: &str| {
        let bare = w.trim_end_matches('.');
        (bare.len() == 2 && bare.bytes().all(|b| b.is_ascii_uppercase()))
            || STATES_ABBREVIATED.contains(&bare)
            || region(bare)
            || crate::resolve::aliases::builtin().lookup(w).is_some_and(|(place, label)| label == Label::Loc && is_listed_place(&[place]))
    };
    match &words[s..e] {
        [w] if w.starts_with("D-") || w.starts_with("R-") => state(&w[2..]),
        [w] => s >= 2 && words[s - 1] == "-" && matches!(words[s - 2], "D" | "R") && state(w),
        _ => false,
    }
}

/// Roman numerals of a reserve's level, a king's or a game's number.
const ROMAN_NUMERALS: &[&str] = &["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

/// Whether a word is a number of at most `digits` digits (a minute, a version).
fn is_number(w: &str, digits: usize) -> bool {
    (1..=digits).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

/// A letter alone ("class H stock", "Series B.") or a Roman numeral alone ("Level IV" of a
/// grain reserve's table) typed a person or a place: no one's name and no place's (Reuters:
/// 19 mentions of a person "H", 5 of "IV"; CoNLL-2003 annotates no letter alone but four
/// MISC). An organisation's or a thing's stays: "X" is a company's name.
fn letter_for_a_person_or_place(span: &[&str], label: Label) -> bool {
    matches!(label, Label::Per | Label::Loc) && matches!(span, [w] if is_letter(w) || ROMAN_NUMERALS.contains(w))
}

/// Whether a word is one capital letter, with or without a full stop ("F", "J."): an initial.
fn is_letter(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// An abbreviation in the plural ("PINs", "CSOs", "SUVs") typed a person, place or
/// organisation: many things of a kind, not one named (Reuters: payment-in-kind certificates,
/// "PINs", an organisation in 58 mentions; BBC News: "CSOs", "GCSEs", "PVRs"). MISC stays:
/// CoNLL-2003 types currency units ("Ecus") and "ADRs" so.
fn plural_abbreviation_for_a_name(span: &[&str], label: Label) -> bool {
    let plural = |w: &str| {
        w.strip_suffix('s').is_some_and(|one| one.len() >= 2 && one.starts_with(|c: char| c.is_ascii_uppercase()) && one.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
    };
    label != Label::Misc && matches!(span, [w] if plural(w))
}

/// The spans of a sentence (`words`) that become mentions: organisations joined through their
/// brackets ([`join_bracketed`]), initials, "and Co" and local arms joined ([`join_initials`],
/// [`join_and_company`], [`join_local_arm`]), split at semicolons ([`split_at_semicolons`]), each cut to the name it
/// holds ([`trim`], [`cut_common_noun`]), and stock symbols
/// ([`drop_symbols`]), spans that are never names ([`never_a_name`]), letters typed a
/// person or place ([`letter_for_a_person_or_place`]), abbreviations in the plural typed a
/// name ([`plural_abbreviation_for_a_name`]) and a legislator's party and state
/// ([`is_party_and_state`]) left out; a club on a team sheet typed ORG
/// ([`type_clubs_on_team_sheets`]) and its players PER ([`type_players_on_team_sheets`]), and
/// the kinds of name that have a type of their own typed so ([`kind_type`]).
pub(crate) fn mention_spans(spans: Vec<Scored>, words: &[&str]) -> Vec<Scored> {
    let spans = join_bracketed(spans, words);
    let spans = join_initials(spans, words);
    let spans = split_after_and_company(spans, words);
    let spans = join_and_company(spans, words);
    let spans = join_local_arm(spans, words);
    let mut spans = split_at_semicolons(spans, words);
    spans.iter_mut().for_each(|span| {
        trim(span, words);
        cut_common_noun(span, words);
    });
    let mut spans = drop_symbols(spans, words);
    spans.retain(|&(s, e, label, _)| !never_a_name(&words[s..e]) && !letter_for_a_person_or_place(&words[s..e], label) && !plural_abbreviation_for_a_name(&words[s..e], label) && !is_party_and_state(words, s, e));
    type_clubs_on_team_sheets(&mut spans, words);
    type_players_on_team_sheets(&mut spans, words);
    type_initialled_names_in_lists(&mut spans, words);
    for span in spans.iter_mut() {
        span.2 = kind_type(span, words).unwrap_or(span.2);
    }
    spans
}

/// The type a span's kind of name gives it whatever the model read: an event's name, a law's
/// or a treaty's and a faith's word alone MISC, a name whole in angle brackets ORG, a demonym
/// typed a person MISC.
fn kind_type(&(s, e, label, _): &Scored, words: &[&str]) -> Option<Label> {
    let span = &words[s..e];
    if matches!(span, [w] if RELIGIOUS.contains(w)) || is_event(span) || is_legal_text(span) || is_product(span) {
        Some(Label::Misc)
    } else if is_bracketed_company(words, s, e) {
        Some(Label::Org)
    } else if label == Label::Per && is_demonym(span) {
        Some(Label::Misc)
    } else if label != Label::Per && is_titled_name(span) {
        Some(Label::Per)
    } else {
        None
    }
}

/// Honorifics written before a person's name (with or without a full stop). Not "Miss",
/// which opens pageants' names as well ("Miss Universe": MISC in CoNLL-2003).
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady"];

/// Whether a span is a person's name under an honorific: the honorific, any titles after it,
/// then a capitalised word that is none ("Mrs Parker Bowles", "Lord Justice Rix", "Sir
/// Stanley Odell"), with no company's or institution's word last ("Mrs Fields Inc"). The
/// model, which met British honorifics without a full stop seldom in CoNLL-2003, typed such
/// names as firms or places (BBC News: "Mrs Parker Bowles" an organisation 7 times, "Lord
/// Woolf" a place). An office ("Lord Chancellor"), a title ("Lord of the Rings") or a place
/// named after the person ("Lady Margaret Hall", "Sir Alf Ramsey Way") is no one.
fn is_titled_name(span: &[&str]) -> bool {
    let [honorific, after @ ..] = span else { return false };
    let Some(last) = after.last() else { return false };
    let named_after = after.len() > 1 && crate::lexicon::names_after_a_person(last);
    if !HONORIFICS.contains(&honorific.trim_end_matches('.')) || crate::lexicon::is_org_suffix(last) || named_after {
        return false;
    }
    let name = after.iter().find(|w| !crate::lexicon::is_person_title(w));
    name.is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()) && !is_function_word(w))
}

/// Whether a span is a listed product's name (`assets/gazetteers/products.txt`), also with its
/// version after it ("PlayStation 2", "Doom 3", "Half-Life II"): CoNLL-2003 types products
/// MISC, and the model read BBC News's consoles, browsers and games as firms (Xbox in 32
/// mentions, PSP 34, Halo 42) or places (Linux 17, Freeview 17), and Reuters' euromarket
/// instruments ("Eurobonds", "Eurodollar", CoNLL-2003's "Eurodollars" and "Bunds") as firms (66
/// mentions) or places (16).
fn is_product(span: &[&str]) -> bool {
    let version = |w: &str| is_number(w, 4) || ROMAN_NUMERALS.contains(&w);
    crate::lexicon::is_product(span) || matches!(span, [name @ .., last] if !name.is_empty() && version(last) && crate::lexicon::is_product(name))
}

/// Whether the words are a listed country, city or region.
fn is_listed_place(words: &[&str]) -> bool {
    default_gazetteer().lists_of(&words.join(" ")).is_some_and(|found| found.is_place())
}

/// Names in brackets after people, this many times in a sentence or more, make a list of
/// players or athletes with their clubs or countries.
const TEAM_SHEET: usize = 3;

/// Types ORG each name in brackets right after a person's on a team sheet ("R O'Gara
/// (Munster), P Stringer (Munster), ..."), where it is the player's club, unless it is a
/// listed place (a country's team stays a place): CoNLL-2003 types "Faldo (Britain)" a place
/// and "(Cagliari)", "(Everton)" after a player organisations. The model read BBC News's
/// Munster a person in 13 mentions and the Welsh regions ("Scarlets", "Neath-Swansea") MISC.
fn type_clubs_on_team_sheets(spans: &mut [Scored], words: &[&str]) {
    let after_person = |k: usize, spans: &[Scored]| {
        let (s, e, _, _) = spans[k];
        k > 0 && spans[k - 1].2 == Label::Per && spans[k - 1].1 + 1 == s && words[s - 1] == "(" && words.get(e) == Some(&")")
    };
    let listed: Vec<usize> = (0..spans.len()).filter(|&k| after_person(k, spans)).collect();
    if listed.len() < TEAM_SHEET {
        return;
    }
    for k in listed {
        let (s, e, label, _) = spans[k];
        if matches!(label, Label::Per | Label::Misc) && !is_listed_place(&words[s..e]) {
            spans[k].2 = Label::Org;
        }
    }
}

/// Words that head a team sheet's list of substitutes ("Subs Not Used: Pidgeley, Tiago").
const SUBSTITUTES: &[&str] = &["Subs", "Substitutes", "Replacements"];

/// Whether a sentence is a team sheet: it brings on a substitute ("Fabregas (Toure 90)") or
/// lists them under their heading ("Subs: Wright, Pistone").
fn is_team_sheet(words: &[&str]) -> bool {
    let substitution = words.windows(4).any(|w| w[0] == "(" && w[1].starts_with(char::is_uppercase) && is_number(w[2], 3) && w[3] == ")");
    substitution || words.iter().enumerate().any(|(k, w)| SUBSTITUTES.contains(w) && words[k + 1..].iter().take(3).any(|&w| w == ":"))
}

/// Types PER each player's surname on a team sheet ([`is_team_sheet`]) that the model read as
/// a place or a firm: a word alone between the list's commas ("Lampard, Makelele, Cole") or
/// a substitute's before the minute ("(Toure 90)"), unless it is a listed place beside another
/// in the list or a substitute's (a list of countries stays one): "Holland" between two players
/// is Matt Holland. BBC News: 126 mentions, "Makelele", "Fabregas" and "Hyypia" places,
/// "Fortune" and "Keane" firms; a list of names that is no team sheet keeps its types (a band
/// among singers).
fn type_players_on_team_sheets(spans: &mut [Scored], words: &[&str]) {
    if spans.is_empty() || !is_team_sheet(words) {
        return;
    }
    let place = |k: usize| is_listed_place(&words[spans[k].0..spans[k].1]);
    // A place beside another in the list is one of a list of places ("Canada, Ireland, France").
    let among_places = |k: usize| {
        let joined = |a: usize, b: usize| spans[a].1 + 1 == spans[b].0 && words[spans[a].1] == ",";
        (k > 0 && joined(k - 1, k) && place(k - 1)) || (k + 1 < spans.len() && joined(k, k + 1) && place(k + 1))
    };
    let retyped: Vec<usize> = (0..spans.len())
        .filter(|&k| {
            let (s, e, label, _) = spans[k];
            let (before, after) = (s.checked_sub(1).map(|k| words[k]), words.get(e).copied());
            let listed = e - s == 1 && matches!(before, Some("," | ":")) && matches!(after, None | Some("," | "(" | "."));
            let substitute = before == Some("(") && words.get(e + 1) == Some(&")") && after.is_some_and(|w| is_number(w, 3));
            label != Label::Per && (listed || substitute) && !(place(k) && (substitute || among_places(k)))
        })
        .collect();
    for k in retyped {
        spans[k].2 = Label::Per;
    }
}

/// Types PER each name written as an initial and a surname ("F Sheahan", "L Moody") that the
/// model read as a firm or a place, in a sentence that writes [`TEAM_SHEET`] such names or more:
/// a squad's or a results list ("F Sheahan, M Horan, D O'Callaghan"; "L Moody (Leicester), M
/// Corry (Leicester)"), which the model, meeting rugby's and athletics' lists seldom in
/// CoNLL-2003, read as organisations or places (BBC News: 23 mentions). A listed place ("S
/// Africa", "W Midlands") or a name ending in a company's or institution's word stays.
fn type_initialled_names_in_lists(spans: &mut [Scored], words: &[&str]) {
    let initialled = |&(s, e, _, _): &Scored| e - s == 2 && is_letter(words[s]) && words[s + 1].starts_with(char::is_uppercase);
    if spans.iter().filter(|span| initialled(span)).count() < TEAM_SHEET {
        return;
    }
    for span in spans.iter_mut() {
        let surname = &words[span.1 - 1..span.1];
        if span.2 != Label::Per && initialled(span) && !is_listed_place(surname) && !crate::lexicon::is_org_suffix(surname[0]) {
            span.2 = Label::Per;
        }
    }
}

/// Words that end an event's name ("Australian Open", "Berlin Film Festival", "Brit Awards",
/// "Geneva Motor Show"). CoNLL-2003 types events MISC; the tagger read most of these as
/// organisations (BBC News: the Consumer Electronics Show in 19 mentions, film festivals,
/// marathons, awards).
const EVENTS: &[&str] = &[
    "Award", "Awards", "Championship", "Championships", "Cup", "Festival", "Olympics", "Open", "Prix", "Prize", "Show", "Tournament", "Trophy",
];

/// Words that end an event's name after a place's ("London Marathon", "Athens Games") and a
/// firm's after other words ("Scientific Games", "First Marathon", Reuters).
const PLACE_EVENTS: &[&str] = &["Games", "Marathon"];

/// Whether a span of two words or more is an event's name ([`EVENTS`], [`PLACE_EVENTS`]).
fn is_event(span: &[&str]) -> bool {
    let [before @ .., last] = span else { return false };
    if before.is_empty() {
        return false;
    }
    EVENTS.contains(last)
        || PLACE_EVENTS.contains(last) && is_listed_place(before)
}

/// Words that end the name of a law, treaty or agreement ("Freedom of Information Act",
/// "First Amendment", "Kyoto Protocol", "Louvre Accord", "International Coffee Agreement").
/// CoNLL-2003 types them MISC ("Clean Air Act", "Lusaka Agreement", "Comprehensive Test Ban
/// Treaty", "Brady Bill"); the tagger read many as organisations, places or people. Not "Law",
/// a surname ("Jude Law"), nor "Pact", which names alliances as well.
const LEGAL_TEXTS: &[&str] =
    &["Accord", "Accords", "Act", "Agreement", "Amendment", "Bill", "Charter", "Code", "Convention", "Protocol", "Treaty"];

/// Whether a span of two words or more is the name of a law, treaty or agreement
/// ([`LEGAL_TEXTS`]), or opens one of those before "of" or "on" ("Treaty of Rome", "Act of
/// Settlement", "European Convention on Human Rights"; not "Convention of", which opens
/// organisations' names, nor "Agreement on", which opens GATT's).
fn is_legal_text(span: &[&str]) -> bool {
    matches!(span, [_, .., last] if LEGAL_TEXTS.contains(last))
        || span.windows(2).any(|w| match w {
            [text, "of"] => ["Act", "Code", "Treaty"].contains(text),
            [text, "on"] => ["Convention", "Protocol", "Treaty"].contains(text),
            _ => false,
        })
}

/// A faith's adjective or its followers: a word alone names no place, firm or person, and
/// CoNLL-2003 types it MISC as it does a demonym (BBC News: "the Muslim community" had been a
/// place in 15 mentions, "Muslims" one in 6). Not "Christian", a given name as well.
const RELIGIOUS: &[&str] = &[
    "Buddhist", "Buddhists", "Catholic", "Catholics", "Hindu", "Hindus", "Islamic", "Jew", "Jewish", "Jews", "Moslem", "Moslems", "Muslim",
    "Muslims", "Protestant", "Protestants", "Shia", "Shiite", "Shiites", "Sikh", "Sikhs", "Sunni", "Sunnis",
];

/// Whether a span is a demonym of two or three words ("Saudi Arabian", "West German"): a
/// people's adjective, which names no one (Reuters-21578: "Saudi Arabian deposit accounts"
/// typed a person 13 times). CoNLL-2003 types demonyms MISC. One word may be a surname
/// ("Mr Irish", Ron English, Michael German: the tagger had each right).
fn is_demonym(span: &[&str]) -> bool {
    matches!(span.len(), 2 | 3) && crate::lexicon::demonyms().contains_key(span.join(" ").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::mentions_of;

    /// The texts of the mentions `text` gets through the whole pipeline.
    fn texts_of(text: &str) -> Vec<String> {
        mentions_of(text).into_iter().map(|(t, _, _)| t).collect()
    }

    #[test]
    fn a_legislator_s_party_and_state_are_no_name() {
        let text = "Sen. Bill Bradley (D-N.J.) and Rep. Dan Rostenkowski (D-Ill.) met Sen. David Durenberger, R-Minn., and R-Texas.";
        assert_eq!(texts_of(text), ["Bill Bradley", "Dan Rostenkowski", "David Durenberger"]);
        let words = ["D-RAMS", "from", "R-C", "Acquisitions", "Inc", "and", "D", "-", "Day", "in", "N.J."];
        let spans = vec![(0, 1, Label::Org, 0.6), (2, 5, Label::Org, 0.9), (8, 9, Label::Misc, 0.5), (10, 11, Label::Loc, 0.9)];
        assert_eq!(mention_spans(spans.clone(), &words), spans, "no party's initial and state");
    }

    #[test]
    fn a_name_under_an_honorific_is_a_person_s() {
        let label_of = |span: &[&str], label: Label| mention_spans(vec![(0, span.len(), label, 0.7)], span).first().map(|s| s.2);
        for span in [&["Mrs", "Parker", "Bowles"][..], &["Lord", "Woolf"], &["Lord", "Justice", "Rix"], &["Sir", "Stanley", "Odell"], &["Dr.", "Ann", "Lee"], &["Mr", "Hall"]] {
            for label in [Label::Org, Label::Loc, Label::Misc] {
                assert_eq!(label_of(span, label), Some(Label::Per), "{span:?}");
            }
        }
        // An office, a book's title, a pageant, a firm named so and a place named after the
        // person keep the model's type.
        for span in [&["Lord", "Chancellor"][..], &["Lord", "Chief", "Justice"], &["Lord", "of", "the", "Rings"], &["Lord", "Of", "the", "Rings"], &["Miss", "Universe"], &["Mrs", "Fields", "Inc"], &["Mr."]] {
            assert_eq!(label_of(span, Label::Org), Some(Label::Org), "{span:?}");
        }
        for span in [&["Lady", "Margaret", "Hall"][..], &["Sir", "Alf", "Ramsey", "Way"]] {
            assert_eq!(label_of(span, Label::Loc), Some(Label::Loc), "{span:?}");
        }
    }

    #[test]
    fn a_member_s_title_is_no_part_of_the_party_s_name() {
        assert_eq!(texts_of("Labour MPs voted against the bill, said the Labour MP for Ealing North."), ["Labour", "Labour", "Ealing North"]);
        let words = ["the", "MEP", "and", "two", "MPs"];
        assert_eq!(mention_spans(vec![(1, 2, Label::Org, 0.8), (4, 5, Label::Org, 0.8)], &words), vec![]);
    }

    #[test]
    fn a_name_whole_in_angle_brackets_is_a_company_s() {
        let words = ["with", "<", "Nevada", "Packard", ">", "and", "<", "OLIV.MI", ">", "and", "<", "Gruppo", "Ferruzzi", "SpA", ">"];
        let spans = vec![(2, 4, Label::Per, 0.8), (7, 8, Label::Misc, 0.5), (11, 13, Label::Per, 0.7)];
        let kept = vec![(2, 4, Label::Org, 0.8), (7, 8, Label::Misc, 0.5), (11, 13, Label::Per, 0.7)];
        assert_eq!(mention_spans(spans, &words), kept, "a symbol, and a span short of the bracket, keep their type");
        assert_eq!(mention_spans(vec![(1, 2, Label::Loc, 0.8)], &["<", "Microamerica"]), vec![(1, 2, Label::Loc, 0.8)], "an open bracket at the end");
    }

    #[test]
    fn a_name_in_brackets_on_a_team_sheet_is_the_player_s_club() {
        let words = ["R", "O'Gara", "(", "Munster", ")", ",", "G", "Thomas", "(", "Scarlets", ")", ",", "N", "Faldo", "(", "Britain", ")"];
        let spans = vec![(0, 2, Label::Per, 0.9), (3, 4, Label::Per, 0.6), (6, 8, Label::Per, 0.9), (9, 10, Label::Misc, 0.5), (12, 14, Label::Per, 0.9), (15, 16, Label::Loc, 0.9)];
        let typed: Vec<Label> = mention_spans(spans.clone(), &words).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Per, Label::Org, Label::Per, Label::Org, Label::Per, Label::Loc], "a country stays a place");
        // Two are no team sheet: a film after its star stays a title.
        let typed: Vec<Label> = mention_spans(spans[..4].to_vec(), &words[..11]).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Per, Label::Per, Label::Per, Label::Misc]);
    }

    #[test]
    fn where_a_firm_is_based_or_who_owns_it_is_no_part_of_its_name() {
        let words = ["Ohio-based", "Glidden", "Inc", "and", "state-owned", "Oil", "India", "Ltd", "and", "Rosneft-owned", "Yugansk", "Ohio-based", "Farmer-Owned", "Reserve"];
        let spans = vec![(0, 3, Label::Org, 0.8), (4, 8, Label::Org, 0.8), (9, 11, Label::Org, 0.7), (11, 12, Label::Misc, 0.5), (12, 14, Label::Org, 0.6)];
        let kept: Vec<(usize, usize)> = mention_spans(spans, &words).iter().map(|s| (s.0, s.1)).collect();
        assert_eq!(kept, [(1, 3), (5, 8), (10, 11), (11, 12), (12, 14)], "a word alone, and a name's own capitalised word, stay");
    }

    #[test]
    fn a_euromarket_s_instrument_is_misc() {
        let words = ["Eurobonds", "and", "Eurodollar", "deposits", "at", "Eurotunnel"];
        let spans = vec![(0, 1, Label::Org, 0.6), (2, 3, Label::Loc, 0.6), (5, 6, Label::Org, 0.9)];
        let typed: Vec<Label> = mention_spans(spans, &words).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Misc, Label::Misc, Label::Org], "a firm keeps its type");
    }

    #[test]
    fn a_listed_product_s_name_is_misc() {
        let words = ["the", "Xbox", "2", ",", "Internet", "Explorer", ",", "Microsoft", "and", "Halo", "Jones"];
        let spans = vec![(1, 3, Label::Org, 0.8), (4, 6, Label::Org, 0.7), (7, 8, Label::Org, 0.9), (9, 11, Label::Per, 0.8)];
        let typed: Vec<Label> = mention_spans(spans, &words).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Misc, Label::Misc, Label::Org, Label::Per], "a firm, and a name a product's word opens, keep their type");
    }

    #[test]
    fn a_supply_table_s_row_labels_are_no_names() {
        let words = ["Start", "Stcks", "1,234", "Ind", "Ttl-F", "12", "Domes", "Use", "3", "Ind", ",", "CCC", "Stocks"];
        let spans = vec![(0, 2, Label::Org, 0.6), (3, 5, Label::Per, 0.6), (6, 8, Label::Org, 0.6), (9, 10, Label::Loc, 0.8), (11, 13, Label::Org, 0.7)];
        assert_eq!(mention_spans(spans.clone(), &words), spans[3..].to_vec(), "a word alone, and a name among them, stay");
    }

    #[test]
    fn an_abbreviation_in_the_plural_is_no_name_unless_misc() {
        let words = ["PINs", "and", "CSOs", "and", "ADRs", "in", "Ecus", "at", "IBM", "and", "Os"];
        let spans = vec![(0, 1, Label::Org, 0.6), (2, 3, Label::Loc, 0.6), (4, 5, Label::Misc, 0.7), (6, 7, Label::Misc, 0.7), (8, 9, Label::Org, 0.9), (10, 11, Label::Per, 0.5)];
        assert_eq!(mention_spans(spans.clone(), &words), spans[2..].to_vec());
    }

    #[test]
    fn a_player_on_a_team_sheet_is_a_person() {
        let words = ["Everton", ":", "Martyn", ",", "Stubbs", ",", "Carsley", "(", "Osman", "90", ")", ",", "Kilbane", ",", "Bent", "."];
        let spans = vec![(0, 1, Label::Org, 0.9), (2, 3, Label::Per, 0.9), (4, 5, Label::Org, 0.6), (6, 7, Label::Loc, 0.6), (8, 9, Label::Loc, 0.5), (12, 13, Label::Org, 0.5), (14, 15, Label::Loc, 0.5)];
        let typed: Vec<Label> = mention_spans(spans.clone(), &words).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Org, Label::Per, Label::Per, Label::Per, Label::Per, Label::Per, Label::Per]);
        let words = ["Subs", "Not", "Used", ":", "Pidgeley", ",", "Holland", ",", "Tiago"];
        let spans = vec![(4, 5, Label::Loc, 0.6), (6, 7, Label::Loc, 0.9), (8, 9, Label::Loc, 0.6)];
        let typed: Vec<Label> = mention_spans(spans, &words).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Per; 3], "a listed place among players is one");
        // Listed places beside each other, or a substitute's, stay places.
        let words = ["Subs", ":", "Pidgeley", ",", "Canada", ",", "Ireland", ",", "France", "(", "Brazil", "90", ")"];
        let spans = vec![(2, 3, Label::Loc, 0.6), (4, 5, Label::Loc, 0.9), (6, 7, Label::Loc, 0.9), (8, 9, Label::Loc, 0.9), (10, 11, Label::Loc, 0.9)];
        let typed: Vec<Label> = mention_spans(spans, &words).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Per, Label::Loc, Label::Loc, Label::Loc, Label::Loc], "places listed together stay");
        // A list of names that is no team sheet keeps its types.
        let words = ["Michael", "Jackson", ",", "Aerosmith", ",", "Diana", "Ross", "(", "aged", "60", ")"];
        let spans = vec![(0, 2, Label::Per, 0.9), (3, 4, Label::Loc, 0.6), (5, 7, Label::Per, 0.9)];
        assert_eq!(mention_spans(spans.clone(), &words), spans);
    }

    #[test]
    fn initialled_names_in_a_list_are_people() {
        let words = ["F", "Sheahan", ",", "M", "Horan", ",", "D", "O'Callaghan", ";", "J", "Fourie", "(", "S", "Africa", ")", ",", "H", "Bancorp"];
        let spans = vec![(0, 2, Label::Org, 0.6), (3, 5, Label::Loc, 0.6), (6, 8, Label::Per, 0.9), (9, 11, Label::Org, 0.6), (12, 14, Label::Loc, 0.9), (16, 18, Label::Org, 0.9)];
        let typed: Vec<Label> = mention_spans(spans, &words).iter().map(|s| s.2).collect();
        assert_eq!(typed, [Label::Per, Label::Per, Label::Per, Label::Per, Label::Loc, Label::Org], "a place and a firm stay");
        // Fewer than three such names make no list.
        let words = ["K", "Mart", "and", "C", "Itoh", "said"];
        let spans = vec![(0, 2, Label::Org, 0.9), (3, 5, Label::Org, 0.9)];
        assert_eq!(mention_spans(spans.clone(), &words), spans);
    }

    #[test]
    fn an_event_s_name_is_misc() {
        let words = ["at", "the", "Berlin", "Film", "Festival", ",", "London", "Marathon", "and", "Scientific", "Games", "Open"];
        let spans = vec![(2, 5, Label::Org, 0.8), (6, 8, Label::Org, 0.7), (9, 11, Label::Org, 0.9), (11, 12, Label::Org, 0.5)];
        let expected = vec![(2, 5, Label::Misc, 0.8), (6, 8, Label::Misc, 0.7), (9, 11, Label::Org, 0.9), (11, 12, Label::Org, 0.5)];
        assert_eq!(mention_spans(spans, &words), expected, "a firm's Games and a word alone keep their type");
        let words = ["the", "Olivier", "Awards", "and", "the", "Geneva", "Motor", "Show"];
        let spans = vec![(1, 3, Label::Per, 0.6), (5, 8, Label::Org, 0.7)];
        assert_eq!(mention_spans(spans, &words), vec![(1, 3, Label::Misc, 0.6), (5, 8, Label::Misc, 0.7)]);
    }

    #[test]
    fn a_law_s_or_a_treaty_s_name_is_misc() {
        let words = ["the", "First", "Amendment", ",", "the", "Louvre", "Accord", "and", "the", "Finance", "Bill", "Jude", "Law", "Act"];
        let spans = vec![(1, 3, Label::Org, 0.8), (5, 7, Label::Loc, 0.7), (9, 11, Label::Per, 0.6), (11, 13, Label::Per, 0.9), (13, 14, Label::Org, 0.5)];
        let expected = vec![(1, 3, Label::Misc, 0.8), (5, 7, Label::Misc, 0.7), (9, 11, Label::Misc, 0.6), (11, 13, Label::Per, 0.9), (13, 14, Label::Org, 0.5)];
        assert_eq!(mention_spans(spans, &words), expected, "a surname Law, and a word alone, keep their type");
        let words = ["the", "Treaty", "of", "Rome", ",", "the", "Convention", "of", "Scottish", "Local", "Authorities"];
        let spans = vec![(1, 4, Label::Org, 0.8), (6, 11, Label::Org, 0.9)];
        assert_eq!(mention_spans(spans, &words), vec![(1, 4, Label::Misc, 0.8), (6, 11, Label::Org, 0.9)]);
    }

    #[test]
    fn a_faith_s_word_alone_is_misc() {
        let words = ["the", "Muslim", "community", "and", "Hindus", "met", "Christian", "Vieri"];
        let spans = vec![(1, 2, Label::Loc, 0.8), (4, 5, Label::Per, 0.6), (6, 7, Label::Per, 0.9)];
        assert_eq!(mention_spans(spans, &words), vec![(1, 2, Label::Misc, 0.8), (4, 5, Label::Misc, 0.6), (6, 7, Label::Per, 0.9)]);
        let words = ["the", "Islamic", "Jihad"];
        assert_eq!(mention_spans(vec![(1, 3, Label::Org, 0.8)], &words), vec![(1, 3, Label::Org, 0.8)], "a name it begins keeps its type");
    }

    #[test]
    fn a_common_noun_after_a_country_is_no_part_of_a_name() {
        let words = ["the", "U.S.", "Embassy", "and", "the", "U.S.", "Dollar", ",", "Board", "of", "Trade", "Loans"];
        let spans = vec![(1, 2, Label::Loc, 0.9), (2, 3, Label::Misc, 0.6), (5, 7, Label::Org, 0.7), (8, 11, Label::Org, 0.9), (11, 12, Label::Misc, 0.5)];
        let kept = vec![(1, 2, Label::Loc, 0.9), (5, 6, Label::Loc, 0.7), (8, 11, Label::Org, 0.9)];
        assert_eq!(mention_spans(spans, &words), kept, "a board of trade is no place");
        // A bill alone is no person; a person named Bill in full is one.
        let words = ["a", "Cabinet", "minister", "backed", "the", "Bill", ",", "Bill", "Gates", "said"];
        let spans = vec![(1, 2, Label::Loc, 0.7), (5, 6, Label::Per, 0.6), (7, 9, Label::Per, 0.9)];
        assert_eq!(mention_spans(spans, &words), vec![(7, 9, Label::Per, 0.9)]);
        // Nor is a verb after a place, however capitalised; a firm's name after one is a name.
        let words = ["the", "U.S.", "Has", "asked", "and", "the", "U.K.", "Will", "agree", ",", "U.S.", "Steel", "said", "U.S.", "Banks", "lend"];
        let spans = vec![(1, 3, Label::Org, 0.7), (6, 8, Label::Org, 0.6), (10, 12, Label::Org, 0.9), (13, 15, Label::Org, 0.8)];
        let kept = vec![(1, 2, Label::Loc, 0.7), (6, 7, Label::Loc, 0.6), (10, 12, Label::Org, 0.9), (13, 14, Label::Loc, 0.8)];
        assert_eq!(mention_spans(spans, &words), kept);
    }

    #[test]
    fn a_name_before_and_co_is_a_firm_with_it() {
        let words = ["brokers", "James", "Capel", "and", "Co", "said", ",", "Samuel", "Montagu", "and", "Co", "Ltd", "and", "Smith"];
        let spans = vec![(1, 3, Label::Per, 0.9), (4, 5, Label::Org, 0.5), (7, 9, Label::Per, 0.8), (13, 14, Label::Per, 0.9)];
        let kept = vec![(1, 5, Label::Org, 0.9), (7, 12, Label::Org, 0.8), (13, 14, Label::Per, 0.9)];
        assert_eq!(mention_spans(spans, &words), kept, "a person after \"and\" stays one");
        assert_eq!(texts_of("Thomas Murtha of brokers James Capel and Co. said the deal was done."), ["Thomas Murtha", "James Capel and Co."]);
        let words = ["Smith", "Barney", ",", "Harris", "Upham", "and", "Co", "and", "Salomon", "Brothers", "Inc", ",", "Goldman", "Sachs", "and", "Co"];
        let spans = vec![(0, 2, Label::Loc, 0.6), (3, 5, Label::Per, 0.8), (8, 11, Label::Org, 0.9), (12, 14, Label::Org, 0.9)];
        let kept = vec![(0, 7, Label::Org, 0.8), (8, 11, Label::Org, 0.9), (12, 16, Label::Org, 0.9)];
        assert_eq!(mention_spans(spans, &words), kept, "a firm named with its legal form is a firm of its own");
        let words = ["Citicorp", ",", "J.P.", "Morgan", "and", "Co", "and", "Thomas", "McKiernan", ",", "McKiernan", "and", "Co"];
        let spans = vec![(0, 1, Label::Org, 0.9), (2, 4, Label::Org, 0.9), (7, 9, Label::Per, 0.9), (10, 11, Label::Per, 0.6)];
        let kept = vec![(0, 1, Label::Org, 0.9), (2, 6, Label::Org, 0.9), (7, 9, Label::Per, 0.9), (10, 13, Label::Org, 0.6)];
        assert_eq!(mention_spans(spans, &words), kept, "a firm and a person before a firm stay apart");
        // A person's name the firm does not bear, before a firm the model ended with "and Co".
        let words = ["named", "Smith", "Barney", ",", "Harris", "Upham", "and", "Co", "Inc", "as", "manager"];
        assert_eq!(mention_spans(vec![(1, 3, Label::Per, 0.7), (4, 9, Label::Org, 0.9)], &words), vec![(1, 9, Label::Org, 0.9)]);
    }

    #[test]
    fn two_firms_run_together_are_split_after_and_co() {
        let words = ["Kidder", ",", "Peabody", "and", "Co", "and", "Bear", ",", "Stearns", "and", "Co", "Inc", ",", "Lazard", "Freres", "and", "Co"];
        let spans = vec![(0, 12, Label::Org, 0.8), (13, 17, Label::Org, 0.9)];
        let kept = vec![(0, 5, Label::Org, 0.8), (6, 12, Label::Org, 0.8), (13, 17, Label::Org, 0.9)];
        assert_eq!(mention_spans(spans, &words), kept);
        let words = ["Goldman", "Sachs", "and", "Co", "and", "First", "Boston", "Corp"];
        assert_eq!(mention_spans(vec![(0, 8, Label::Org, 0.8)], &words), vec![(0, 4, Label::Org, 0.8), (5, 8, Label::Org, 0.8)]);
        assert_eq!(texts_of("Kidder, Peabody and Co and Bear, Stearns and Co also bid for the notes."), ["Kidder, Peabody and Co", "Bear, Stearns and Co"]);
    }

    #[test]
    fn an_organisation_goes_on_through_its_bracket() {
        let words = ["manager", "Nikko", "Securities", "Co", "(", "Europe", ")", "Ltd", "said", "in", "Paris", "(", "France", ")"];
        let joined = join_bracketed(vec![(1, 4, Label::Org, 0.9), (5, 8, Label::Org, 0.6)], &words);
        assert_eq!(joined.len(), 1);
        assert_eq!((joined[0].0, joined[0].1, joined[0].2), (1, 8, Label::Org));
        assert!((joined[0].3 - 0.75).abs() < 1e-6);
        // A place before a bracket, a span that does not close it, or one not right after it stay apart.
        let apart = vec![(10, 11, Label::Loc, 0.9), (12, 14, Label::Loc, 0.9)];
        assert_eq!(join_bracketed(apart.clone(), &words), apart);
        let open = vec![(1, 4, Label::Org, 0.9), (5, 6, Label::Loc, 0.9)];
        assert_eq!(join_bracketed(open.clone(), &words), open);
        let gap = vec![(1, 3, Label::Org, 0.9), (5, 8, Label::Org, 0.9)];
        assert_eq!(join_bracketed(gap.clone(), &words), gap);
        // The bracket's place and the legal form after it tagged apart: one company still.
        let three = join_bracketed(vec![(1, 4, Label::Org, 0.9), (5, 6, Label::Loc, 0.6), (7, 8, Label::Org, 0.3)], &words);
        assert_eq!(three.len(), 1);
        assert_eq!((three[0].0, three[0].1, three[0].2), (1, 8, Label::Org));
        assert!((three[0].3 - 0.72).abs() < 1e-6, "the mean of the five words: {}", three[0].3);
        // Or with the bracket's words left untagged.
        let untagged = join_bracketed(vec![(1, 4, Label::Org, 0.9), (7, 8, Label::Org, 0.3)], &words);
        assert_eq!((untagged.len(), untagged[0].0, untagged[0].1, untagged[0].2), (1, 1, 8, Label::Org));
        assert!((untagged[0].3 - 0.75).abs() < 1e-6, "the mean of the four words: {}", untagged[0].3);
        // But not a place in brackets after a company with no name going on after it, nor a
        // name after a bracket that no organisation opened.
        let place = vec![(1, 4, Label::Org, 0.9), (5, 6, Label::Loc, 0.6), (8, 9, Label::Org, 0.3)];
        assert_eq!(join_bracketed(place.clone(), &words), place);
        let unopened = vec![(1, 3, Label::Org, 0.9), (5, 6, Label::Loc, 0.6), (7, 8, Label::Org, 0.3)];
        assert_eq!(join_bracketed(unopened.clone(), &words), unopened);
        // A legal form after the bracket makes a company of a start the model called a person;
        // without one, a person's party in brackets stays apart.
        let legal = join_bracketed(vec![(1, 4, Label::Per, 0.9), (5, 6, Label::Org, 0.6), (7, 8, Label::Misc, 0.3)], &words);
        assert_eq!((legal.len(), legal[0].0, legal[0].1, legal[0].2), (1, 1, 8, Label::Org));
        let party = ["Mr", "John", "Smith", "(", "Labour", ")", "Minister", "Jones"];
        for after in [Label::Misc, Label::Org] {
            let apart = vec![(1, 3, Label::Per, 0.9), (4, 5, Label::Org, 0.6), (6, 8, after, 0.3)];
            assert_eq!(join_bracketed(apart.clone(), &party), apart);
        }
        // Through the model: one company, named with its bracket.
        let text = "The bond was priced at par, lead manager Nikko Securities Co (Europe) Ltd said.";
        let texts = texts_of(text);
        assert!(texts.iter().any(|t| t == "Nikko Securities Co (Europe) Ltd"), "{texts:?}");
    }

    #[test]
    fn a_name_stops_before_a_bracket_that_goes_on_past_it() {
        let cut = |words: &[&str], s: usize, e: usize| {
            let spans = mention_spans(vec![(s, e, Label::Per, 0.8)], words);
            spans.iter().map(|&(s, e, _, _)| words[s..e].join(" ")).collect::<Vec<_>>()
        };
        let completed = ["The", "Bank", "(", "of", "England", ")", "is", "worried"];
        assert_eq!(cut(&completed, 1, 5), ["Bank ( of England"]);
        let substitute = ["Holland", ",", "Thomas", "(", "Johansson", "72", ")", ",", "Bartlett"];
        assert_eq!(cut(&substitute, 2, 5), ["Thomas"]);
        let listed = ["(", "a", "unit", "of", "Control", "Data", ")", "and", "Thinking", "Machines", "Corp", "said"];
        assert_eq!(cut(&listed, 4, 11), ["Thinking Machines Corp"]);
        // A bracket the name opens and closes, or closes after the one before it, is its own.
        let whole = ["Nikko", "Securities", "Co", "(", "Europe", ")", "Ltd", "said"];
        assert_eq!(cut(&whole, 0, 7), ["Nikko Securities Co ( Europe ) Ltd"]);
        let editor = ["(", "Prime", "Minister", "Yasuhiro", ")", "Nakasone", "would", "go"];
        assert_eq!(cut(&editor, 3, 6), ["Yasuhiro ) Nakasone"]);
        // Through the model and the resolver: two players, and a firm apart from its gloss.
        let text = "Charlton: Kiely, Young, Hreidarsson, Murphy (Euell 78), Holland, Kishishev, Thomas (Johansson 72), Bartlett.";
        let entities: Vec<String> = mentions_of(text).into_iter().map(|(_, e, _)| e).collect();
        assert!(!entities.iter().any(|e| e.contains("Thomas Johansson") || e.contains("Murphy Euell")), "{entities:?}");
        let entities: Vec<String> = mentions_of("An Alcoa (Aluminum Company of America) source involved in the talks said so.").into_iter().map(|(_, e, _)| e).collect();
        assert!(entities.iter().any(|e| e == "Alcoa"), "{entities:?}");
    }

    #[test]
    fn a_letter_or_numeral_alone_is_no_person_or_place() {
        let words = ["its", "class", "H", "stock", ",", "X", "said", ",", "Level", "IV", "and", "E.", "Smith"];
        let spans = vec![(2, 3, Label::Per, 0.6), (5, 6, Label::Org, 0.9), (9, 10, Label::Per, 0.5), (11, 13, Label::Per, 0.9)];
        assert_eq!(mention_spans(spans, &words), vec![(5, 6, Label::Org, 0.9), (11, 13, Label::Per, 0.9)]);
    }

    #[test]
    fn results_table_abbreviations_are_no_mentions() {
        let text = "ACME CORP 1ST QTR NET\n    Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,100,000\n    Revs 25.2 mln vs 19.5 mln";
        let texts = texts_of(text);
        assert!(texts.iter().any(|t| t == "ACME CORP") && !texts.iter().any(|t| t == "Shr"), "{texts:?}");
        // A span of such words alone goes; one that starts or ends with one is cut to the name.
        let words = ["Shr", "Vs", "and", "Shr", "Royal", "Dutch", "in", "U.S.", "Dlrs"];
        let spans = vec![(0, 2, Label::Org, 0.9), (3, 6, Label::Org, 0.9), (7, 9, Label::Org, 0.8)];
        assert_eq!(mention_spans(spans, &words), vec![(4, 6, Label::Org, 0.9), (7, 8, Label::Org, 0.8)]);
        // A futures table's column headers, in the capitals such tables keep.
        let words = ["VOLUME", "OPEN", "CHANGE", "VOL", "/", "OPEN", "the", "U.S.", "OPEN", "CME", "OPEN", "INTEREST"];
        let spans = vec![(1, 2, Label::Misc, 0.6), (3, 6, Label::Misc, 0.5), (7, 9, Label::Misc, 0.9), (9, 11, Label::Org, 0.7)];
        let kept = vec![(7, 9, Label::Misc, 0.9), (9, 10, Label::Org, 0.7)];
        assert_eq!(mention_spans(spans, &words), kept, "nor is the slash between them, but the tournament stays whole");
    }

    #[test]
    fn initials_joined_by_and_are_one_name() {
        let words = ["S", "and", "P", "said", "AT", "and", "T", "and", "R", "and", "D", "rose", "and", "P"];
        let spans = vec![(2, 3, Label::Org, 0.8), (4, 5, Label::Org, 0.9), (6, 7, Label::Org, 0.7), (10, 11, Label::Org, 0.6), (13, 14, Label::Org, 0.5)];
        let kept = vec![(0, 3, Label::Org, 0.8), (4, 7, Label::Org, 0.7), (13, 14, Label::Org, 0.5)];
        assert_eq!(mention_spans(spans, &words), kept, "\"R and D\" is spending, and \"rose and P\" no initials");
        // With the sentence's full stop, or a slash; "R and D." is still spending.
        let words = ["by", "S", "and", "P.", "or", "S", "/", "P", "on", "R", "and", "D."];
        let spans = vec![(3, 4, Label::Per, 0.8), (7, 8, Label::Org, 0.6), (9, 12, Label::Org, 0.5)];
        assert_eq!(mention_spans(spans, &words), vec![(1, 4, Label::Org, 0.8), (5, 8, Label::Org, 0.6)]);
        // Nor is the music.
        assert_eq!(mention_spans(vec![(1, 2, Label::Org, 0.7)], &["soul", "R&B", "hits"]), vec![]);
        // Through the pipeline and the alias table: the rating agency.
        let text = "S and P said PACCAR has experienced pricing pressures.";
        let found = mentions_of(text);
        assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("S and P", "Standard & Poor's"), "{found:?}");
        for text in ["The issue is rated Baa-2 by Moody's and BBB by S and P.", "The debt is rated Baa-2 by Moody's and BBB-plus by S/P."] {
            let found = mentions_of(text);
            assert_eq!(found.last().map(|f| (f.1.as_str(), f.2)), Some(("Standard & Poor's", Label::Org)), "{found:?}");
        }
    }

    #[test]
    fn abbreviations_of_things_alone_are_no_names() {
        let words = ["PC", "sales", "of", "Sony", "PC", "and", "DVDs", "at", "TV", "Azteca"];
        let spans = vec![(0, 1, Label::Org, 0.7), (3, 5, Label::Org, 0.9), (6, 7, Label::Misc, 0.6), (8, 10, Label::Org, 0.8)];
        assert_eq!(mention_spans(spans, &words), vec![(3, 5, Label::Org, 0.9), (8, 10, Label::Org, 0.8)]);
        let words = ["at", "0900", "GMT", "M-3", "rose", "on", "the", "M1"];
        let spans = vec![(2, 3, Label::Misc, 0.7), (3, 4, Label::Misc, 0.6), (7, 8, Label::Loc, 0.8)];
        assert_eq!(mention_spans(spans, &words), vec![(2, 3, Label::Misc, 0.7), (7, 8, Label::Loc, 0.8)]);
        let words = ["Google", "'s", "IPO", "and", "a", "CD-ROM"];
        assert_eq!(mention_spans(vec![(0, 1, Label::Org, 0.9), (2, 3, Label::Org, 0.6), (5, 6, Label::Org, 0.5)], &words), vec![(0, 1, Label::Org, 0.9)]);
    }

    #[test]
    fn a_legal_form_alone_is_no_name() {
        let words = ["Holden's", "Ltd", "and", "Acme", "Inc.", "said", "SA", "and", "Co"];
        let spans = vec![(1, 2, Label::Org, 0.5), (3, 5, Label::Org, 0.9), (6, 7, Label::Loc, 0.6), (8, 9, Label::Org, 0.4)];
        assert_eq!(mention_spans(spans, &words), vec![(3, 5, Label::Org, 0.9), (6, 7, Label::Loc, 0.6)]);
    }

    #[test]
    fn a_list_s_semicolon_separates_names() {
        let words = ["Italy", ":", "Bortolami", ";", "Persico", ";", ";", "Dellape", "."];
        let spans = vec![(0, 1, Label::Loc, 0.9), (2, 8, Label::Per, 0.7)];
        let kept = vec![(0, 1, Label::Loc, 0.9), (2, 3, Label::Per, 0.7), (4, 5, Label::Per, 0.7), (7, 8, Label::Per, 0.7)];
        assert_eq!(mention_spans(spans, &words), kept);
    }

    #[test]
    fn a_demonym_of_several_words_is_no_person() {
        let words = ["Saudi", "Arabian", "output", "fell", ",", "Mr", "Irish", "said"];
        let spans = vec![(0, 2, Label::Per, 0.6), (6, 7, Label::Per, 0.9)];
        assert_eq!(mention_spans(spans, &words), vec![(0, 2, Label::Misc, 0.6), (6, 7, Label::Per, 0.9)], "one word may be a surname");
    }

    #[test]
    fn a_closed_class_word_alone_is_no_name() {
        let words = ["The", "U.S.", "Is", "willing", "HIS", "HAD", "IS", "US", "May", "Who", "OR"];
        let spans: Vec<Scored> = (1..words.len()).map(|k| (k, k + 1, Label::Misc, 0.5)).collect();
        let kept: Vec<&str> = mention_spans(spans, &words).iter().map(|&(s, _, _, _)| words[s]).collect();
        assert_eq!(kept, ["U.S.", "willing", "IS", "US", "May", "Who", "OR"]);
        // Within a name it stays: "The Hague", "Bank of Japan".
        let words = ["The", "Hague", "and", "Bank", "of", "Japan"];
        let spans = vec![(0, 2, Label::Loc, 0.9), (3, 6, Label::Org, 0.9)];
        assert_eq!(mention_spans(spans.clone(), &words), spans);
    }

    #[test]
    fn an_office_without_its_holder_is_no_name() {
        let kept = |span: &[&str]| !mention_spans(vec![(0, span.len(), Label::Org, 0.8)], span).is_empty();
        for office in [&["Director", "General"][..], &["Vice", "Chairman"], &["National", "Security", "Adviser"], &["Prime", "Minister"]] {
            assert!(!kept(office), "{office:?}");
        }
        // A department, a body, a person under an honorific and a holder's name stay.
        for name in [&["Foreign", "Trade"][..], &["National", "Executive"], &["Mr", "Major"], &["Treasury"], &["President", "Reagan"], &["General", "Motors"]] {
            assert!(kept(name), "{name:?}");
        }
    }

    #[test]
    fn a_local_arm_is_its_company_not_its_country() {
        let words = ["General", "Motors", "of", "Canada", "Ltd", "and", "Bank", "of", "Canada", "said"];
        let spans = vec![(0, 2, Label::Org, 0.9), (3, 5, Label::Org, 0.6), (6, 7, Label::Org, 0.9), (8, 9, Label::Loc, 0.9)];
        let kept = vec![(0, 5, Label::Org, 0.75), (6, 7, Label::Org, 0.9), (8, 9, Label::Loc, 0.9)];
        assert_eq!(mention_spans(spans, &words), kept, "a place after \"of\" with no legal form stays apart");
    }

    #[test]
    fn stock_symbols_after_a_name_are_no_names() {
        let words = ["Citicorp", "<", "CCI", ">", "and", "Merrill", "Lynch", "and", "Co", "<", "MER", ">", "sold", "<", "Bank", "of", "New", "Zealand", ">", "and", "<", "XON", ">"];
        let spans = vec![(0, 1, Label::Org, 0.9), (1, 4, Label::Org, 0.5), (5, 11, Label::Org, 0.8), (13, 18, Label::Org, 0.7), (20, 23, Label::Org, 0.6)];
        let kept = vec![(0, 1, Label::Org, 0.9), (5, 9, Label::Org, 0.8), (14, 18, Label::Org, 0.7), (21, 22, Label::Org, 0.6)];
        assert_eq!(mention_spans(spans, &words), kept, "a symbol with no name before its bracket stays");
        // After a possessive, and inside a name.
        let words = ["Citicorp", "'s", "<", "CCI.N", ">", "unit", "and", "BankAmerica", "<", "BAC", ">", "Corp", "said"];
        let spans = vec![(0, 1, Label::Org, 0.9), (3, 4, Label::Org, 0.5), (7, 8, Label::Org, 0.8), (9, 12, Label::Org, 0.7)];
        assert_eq!(mention_spans(spans, &words), vec![(0, 1, Label::Org, 0.9), (7, 8, Label::Org, 0.8)]);
        // Through the pipeline: the company, its symbol left out.
        let text = "Merrill Lynch underwrote the first such issue for Citicorp <CCI> last year.";
        let texts = texts_of(text);
        assert_eq!(texts, ["Merrill Lynch", "Citicorp"]);
        // A symbol with its exchange's code is one word, left out whole ("F" had been a name).
        let text = "The group Bayer AG <BAYG.F> said it had received claims, as had Audi AG <NSUG.F>.";
        let texts = texts_of(text);
        assert!(texts.iter().all(|t| !t.contains('F') && !t.contains("BAYG")), "{texts:?}");
    }

    #[test]
    fn a_bracket_put_into_a_quote_is_kept_whole_and_left_out_of_the_name() {
        let words = ["the", "(", "World", ")", "Bank", "and", "(", "Prime", "Minister", "Yasuhiro", ")", "Nakasone"];
        let spans = vec![(2, 5, Label::Org, 0.8), (9, 12, Label::Per, 0.9)];
        let kept = vec![(1, 5, Label::Org, 0.8), (9, 12, Label::Per, 0.9)];
        assert_eq!(mention_spans(spans, &words), kept, "the bracket opened right before the name is taken in");
        let text = "He said the (International Monetary) Fund agreed, and (Prime\nMinister Yasuhiro) Nakasone would go.";
        let entities: Vec<String> = mentions_of(text).into_iter().map(|(_, e, _)| e).collect();
        assert_eq!(entities, ["International Monetary Fund", "Yasuhiro Nakasone"]);
    }

    #[test]
    fn a_legal_form_after_a_bracket_makes_the_name_before_it_a_company() {
        let words = ["Dean", "Witter", "Reynolds", "(", "Canada", ")", "Inc.", "and", "Smith", "(", "Labour", ")", "MP"];
        let spans = vec![(0, 3, Label::Per, 0.9), (4, 7, Label::Org, 0.6), (8, 9, Label::Per, 0.9), (10, 11, Label::Org, 0.6)];
        let joined = mention_spans(spans, &words);
        assert_eq!(joined.iter().map(|j| (j.0, j.1, j.2)).collect::<Vec<_>>(), [(0, 7, Label::Org), (8, 9, Label::Per), (10, 11, Label::Org)]);
    }

    #[test]
    fn a_name_ends_before_the_comma_or_colon_after_it() {
        let words = ["told", "the", "BBC", ":", "\"", "Fine", "\"", ",", "'", "Ray", "'", ",", "Corp", ".", "(", "Europe", ")", "Windows", "("];
        let spans = vec![(2, 5, Label::Org, 0.9), (7, 11, Label::Per, 0.8), (11, 12, Label::Misc, 0.5), (12, 14, Label::Org, 0.9), (14, 17, Label::Loc, 0.9), (17, 19, Label::Misc, 0.7)];
        let kept = vec![(2, 3, Label::Org, 0.9), (9, 10, Label::Per, 0.8), (12, 14, Label::Org, 0.9), (14, 17, Label::Loc, 0.9), (17, 18, Label::Misc, 0.7)];
        assert_eq!(mention_spans(spans, &words), kept, "a name's own full stop and brackets stay; a lone comma is no name");
        // Through the pipeline, where the model ran "BBC" on over its comma.
        let text = "The controversial opera shown by the BBC, has said he would not have written it.";
        let texts = texts_of(text);
        assert_eq!(texts, ["BBC"]);
    }
}

