//! The author's box: a line with just the author's name, and the short biography that starts
//! with it ("Ann Lee is a freelance writer living in Leeds"). Pages put it after the article
//! (or beside the byline); it is about the writer, not the story, and no news sentence about
//! something else opens with the writer's own name and a verb of biography.

/// Verbs that open a biography after the author's name.
const BIO_VERBS: &[&str] = &[
    "is", "was", "has", "joined", "writes", "covers", "reports", "lives", "holds", "serves", "began", "edits", "contributes", "previously",
];

/// Words that make a byline's part a desk, not a person ("Staff Reports", "HNN Staff"): the
/// desk's name is also article text ("Staff Reports" heading a brief).
const DESK_WORDS: &[&str] = &["staff", "reports", "report", "team", "desk", "editors", "editor", "newsroom", "wire", "writers", "writer", "bureau", "contributors", "press"];

/// The people a byline names ("By Ann Lee and Bo Chan, Staff writers" → Ann Lee, Bo Chan):
/// parts of two to four capitalised words, none of them a desk's.
pub fn author_names(byline: &str) -> Vec<String> {
    let byline = byline.trim();
    super::metadata::byline_author(byline)
        .as_deref()
        .unwrap_or(byline)
        .split([',', '|', ';', '&', '\n'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        // A name may run on to the writer's title or outlet ("Ann Lee Staff Writer").
        .map(|part| super::metadata::byline_beside_stamp(part).unwrap_or(part))
        .filter(|name| is_person_name(name))
        .map(str::to_string)
        .collect()
}

/// Two to four capitalised words, none of them a desk's ("Ann Lee", not "Staff Reports").
fn is_person_name(name: &str) -> bool {
    let words = name.split_whitespace();
    (2..=4).contains(&words.clone().count())
        && words.into_iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && !DESK_WORDS.contains(&w.to_lowercase().as_str()))
}

/// True when `names` lists people and nothing else: "Tom Krisher", "Meg Kinnard and Errin
/// Haines", "Ann Lee, Bo Chan and Cy Dow".
pub fn are_names(names: &str) -> bool {
    names.split(", ").flat_map(|part| part.split(" and ")).all(is_person_name)
}

/// True when `block` is the name of one of `authors` alone, or a biography opening with the
/// full name; or, when `late` (past the article's first half), with the first name alone
/// ("Ann joined the paper in 2017").
pub fn is_author_bio(block: &str, authors: &[String], late: bool) -> bool {
    let block = super::blocks::trim(block);
    // Asked of every block a page keeps: a block opens with the name's first letter or is
    // none of its biographies (nor the name, whose case may differ).
    let opens = |name: &str| block.as_bytes().first().zip(name.as_bytes().first()).is_some_and(|(b, n)| b.eq_ignore_ascii_case(n));
    authors.iter().filter(|name| opens(name)).any(|name| {
        let first = name.split_whitespace().next().unwrap_or(name);
        let opens_bio = |lead: &str| block.strip_prefix(lead).is_some_and(opens_with_bio_verb);
        block.eq_ignore_ascii_case(name) || opens_bio(name) || (late && first.chars().count() > 2 && opens_bio(first))
    })
}

/// True when what follows a name opens a biography: a verb of biography, after the writer's
/// handle or address if the page gives it ("Ann Lee (@annlee) is ...", "Ann Lee
/// (ann@example.org) covers ...").
fn opens_with_bio_verb(rest: &str) -> bool {
    let rest = match rest.strip_prefix(" (").and_then(|r| r.split_once(')')) {
        Some((contact, after)) if is_contact(contact) => after,
        _ => rest,
    };
    let verb = rest.strip_prefix(' ').and_then(|r| r.split_whitespace().next());
    verb.is_some_and(|v| BIO_VERBS.contains(&v))
}

/// A social-media handle or an e-mail address, alone: "@annlee", "ann@example.org".
fn is_contact(text: &str) -> bool {
    !text.contains(char::is_whitespace) && text.find('@').is_some_and(|at| at == 0 || text[at..].contains('.'))
}

/// A biography of a writer the page does not name, known by the handle or address after the
/// name: "Ann Lee (@annlee) is a contributor ...". (A person the article is about is given
/// a title or a party in brackets, not a handle.)
pub fn is_contact_bio(block: &str) -> bool {
    let block = super::blocks::trim(block);
    // Asked of the paragraphs of every page without a byline: the bracket is looked for only
    // where a name of four words at most could end (a search of the whole block cost 3 % of
    // cleaning).
    let head = &block.as_bytes()[..block.len().min(NAME_BYTES)];
    memchr::memmem::find(head, b" (").is_some_and(|at| is_person_name(&block[..at]) && opens_with_bio_verb(&block[at..]))
}

/// Bytes a name of four words takes at most, as far as `is_contact_bio` looks for its end.
const NAME_BYTES: usize = 64;

/// Blocks after a name line in which its biography may start (a social-media link or a job
/// title may stand between them).
const BIO_REACH: usize = 3;

/// The author's box on a page that does not name its author: a name alone on its line and,
/// within a few blocks, a biography opening with that name or its first name ("Meg James" /
/// "Meg James is a media reporter ..."), in the second half of the page's blocks (a profile
/// or an obituary may open with its subject's name and life). Returns the two blocks' indices
/// when the page has exactly one such pair; a page with several is a list of people.
pub fn unnamed_author_box(texts: &[&str]) -> Option<(usize, usize)> {
    let mut found = None;
    for (i, text) in texts.iter().enumerate() {
        let name = super::blocks::trim(text);
        if !is_name_line(name) {
            continue;
        }
        let authors = [name.to_string()];
        let bio = texts.iter().enumerate().skip(i + 1).take(BIO_REACH).find(|(_, t)| !super::blocks::trim(t).eq_ignore_ascii_case(name) && is_author_bio(t, &authors, true));
        if let Some((j, _)) = bio {
            if found.is_some() {
                return None;
            }
            found = Some((i, j));
        }
    }
    found.filter(|&(i, _)| i >= texts.len() / 2)
}

/// Two or three capitalised words and nothing else ("Meg James", "Ann-Marie O'Neil").
fn is_name_line(text: &str) -> bool {
    // Runs on every kept block of every page: one pass over the characters, out at the first
    // misfit (most lines are sentences: the second word's first letter).
    let (mut words, mut at_start) = (0, true);
    for c in text.chars() {
        if c.is_whitespace() {
            at_start = true;
        } else if at_start {
            words += 1;
            if words > 3 || !c.is_uppercase() {
                return false;
            }
            at_start = false;
        } else if !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')) {
            return false;
        }
    }
    words >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lines_are_two_or_three_capitalised_words() {
        // The rule word by word, as written before the one-pass form.
        let reference = |text: &str| {
            let name_word = |w: &str| {
                let mut chars = w.chars();
                chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            };
            let words: Vec<&str> = text.split_whitespace().collect();
            (2..=3).contains(&words.len()) && words.iter().all(|w| name_word(w))
        };
        let lines = [
            "Meg James", "Ann-Marie O'Neil", "J. R. Smith", "Élodie Dupont", "Meg\u{a0}James", "  Meg   James ", "Meg", "Meg James Lee Park",
            "The central bank", "Top Stories", "Meg james", "Meg James2", "Meg James!", "МАРИЯ Иванова", "", " ", "Meg’s Kitchen", "Q&A Session",
        ];
        for line in lines {
            assert_eq!(is_name_line(line), reference(line), "{line:?}");
        }
    }

    #[test]
    fn bylines_name_their_authors() {
        assert_eq!(author_names("By Ann Lee and Bo Chan, Staff writers"), ["Ann Lee", "Bo Chan"]);
        assert_eq!(author_names("Trevor Daugherty"), ["Trevor Daugherty"]);
        assert_eq!(author_names("By Ann Lee Business Columnist"), ["Ann Lee"]);
        assert_eq!(author_names("By Ann Lee and Bo Chan Staff Writers"), ["Ann Lee", "Bo Chan"]);
        assert!(author_names("staff reporter").is_empty());
        assert!(author_names("Staff Reports").is_empty() && author_names("By HNN Staff").is_empty());
    }

    #[test]
    fn the_authors_box_is_found_and_sentences_about_others_are_not() {
        let authors = author_names("By Ann Lee");
        for block in ["Ann Lee", "ANN LEE", "Ann Lee is a freelance writer living in Leeds.", "Ann Lee has covered energy since 2009."] {
            assert!(is_author_bio(block, &authors, false), "{block}");
        }
        assert!(is_author_bio("Ann joined the paper in March 2017.", &authors, true));
        for block in ["Ann Lee (@annlee) is a contributor to the paper.", "Ann Lee (ann.lee@example.org) covers energy."] {
            assert!(is_author_bio(block, &authors, false), "{block}");
            assert!(is_contact_bio(block), "{block}");
        }
        for block in [
            "Ann Lee (D-Calif.) is a senator.",
            "Ann Lee (pictured) is a nurse.",
            "Ann Lee (@annlee) said the vote was close.",
            "The council (@leedscouncil) is closed.",
            "Ann Lee (ann at example) is here.",
        ] {
            assert!(!is_contact_bio(block), "{block}");
            assert!(!is_author_bio(block, &authors, false), "{block}");
        }
        for (block, late) in [
            ("Ann joined the paper in March 2017.", false),
            ("Ann Leeds is a city.", true),
            ("Anne is a nurse who lost her job, she told the court.", true),
            ("The minister said Ann Lee is wrong.", true),
            ("Ann Lee's team won the vote.", true),
        ] {
            assert!(!is_author_bio(block, &authors, late), "{block}");
        }
    }

    #[test]
    fn an_unnamed_authors_box_is_one_name_and_its_biography() {
        let page = ["The council approved the budget.", "Work starts in May.", "Schools come first.", "Meg James", "instagram", "Meg James is a media reporter for the paper.", "More stories"];
        assert_eq!(unnamed_author_box(&page), Some((3, 5)));
        let page = ["The council approved the budget.", "Emiliano Bellini", "Emiliano joined the magazine in March 2017."];
        assert_eq!(unnamed_author_box(&page), Some((1, 2)));
        let obituary = ["John Smith", "John Smith was born in Leeds in 1932.", "He taught for forty years.", "He is survived by his wife."];
        assert_eq!(unnamed_author_box(&obituary), None);
        // A list of people profiled is the article.
        let list = ["People to watch", "Ann Lee", "Ann Lee is a nurse in Leeds.", "Bo Chan", "Bo Chan is a teacher in York."];
        assert_eq!(unnamed_author_box(&list), None);
        assert_eq!(unnamed_author_box(&["Related Stories", "Related coverage is below."]), None);
        assert_eq!(unnamed_author_box(&["Budget passes", "Meg James", "The minister said Meg James is wrong."]), None);
    }
}
