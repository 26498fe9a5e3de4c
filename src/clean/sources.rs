//! A fact-check's list of its sources: a "Sources:" heading and the dated citations under it
//! ("Tax Foundation, "Tracking the Economic Impact of Tariffs," May 31, 2019", "Email interview
//! with Ann Lee, economist, Nov. 5, 2019"), which close the article and are no part of it.

/// Headings of a list of sources, in lower case.
const HEADINGS: &[&str] = &["sources", "our sources", "sources cited", "references", "works cited"];

/// Openings of a citation of an interview the writer held.
const INTERVIEWS: &[&str] = &["email interview", "e-mail interview", "phone interview", "telephone interview", "interview with", "email exchange", "email correspondence"];

/// The longest citation: a title may be long, a paragraph is longer.
const MAX_CITATION: usize = 400;

/// Whether a block is the heading of a list of sources ("Sources:").
pub fn is_heading(text: &str) -> bool {
    // Asked of every block still kept: most are told no by their length or first letter.
    if !(7..=20).contains(&text.len()) {
        return false;
    }
    let t = text.trim_ascii();
    if !matches!(t.as_bytes().first().map(u8::to_ascii_lowercase), Some(b's' | b'r' | b'o' | b'w')) {
        return false;
    }
    let t = t.trim_end_matches(':').trim_ascii_end();
    HEADINGS.iter().any(|h| t.eq_ignore_ascii_case(h))
}

/// Whether a block reads as one citation: what was cited, then its date after a comma
/// ("CNN, "China exempts US soybeans," Sept. 13, 2019"; "Federal Reserve Bank of St. Louis,
/// CPI historical data, accessed Nov. 5, 2019"; "..., 2018"), or an interview the writer held.
pub fn is_citation(text: &str) -> bool {
    let t = text.trim();
    if t.len() > MAX_CITATION || !t.contains(',') {
        return false;
    }
    let interview = INTERVIEWS.iter().any(|w| t.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w)));
    ends_with_year(t) || interview || (quotes_a_title(t) && has_year(t))
}

/// Whether a text closes a quoted title with a comma inside the quotes, as a citation does
/// ("..., " Market Size and Demand," 2017 market update").
fn quotes_a_title(t: &str) -> bool {
    t.contains(",\"") || t.contains(",”")
}

/// Whether a text holds a year of this century or the last, as a word of its own.
fn has_year(t: &str) -> bool {
    let b = t.as_bytes();
    b.windows(4).enumerate().any(|(at, w)| {
        matches!(&w[..2], b"19" | b"20")
            && w.iter().all(u8::is_ascii_digit)
            && (at == 0 || !b[at - 1].is_ascii_alphanumeric())
            && b.get(at + 4).is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// Whether a text ends with a year of this century or the last (after a space or a comma,
/// before at most a full stop or a closing bracket).
fn ends_with_year(t: &str) -> bool {
    let b = t.trim_end_matches(['.', ')']).as_bytes();
    let Some(at) = b.len().checked_sub(4) else { return false };
    let year = &b[at..];
    matches!(&year[..2], b"19" | b"20") && year.iter().all(u8::is_ascii_digit) && at > 0 && matches!(b[at - 1], b' ' | b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_citations() {
        for heading in ["Sources:", "Sources", "REFERENCES", "Our sources: "] {
            assert!(is_heading(heading), "{heading:?}");
        }
        for other in ["Sources say the deal is off.", "Source: example.org", "Resources"] {
            assert!(!is_heading(other), "{other:?}");
        }
        for citation in [
            "Harbor Wire, \" Port traffic rises for a third month,\" Oct. 13, 2019",
            "Example Institute, \" Annual Threat Assessment,\" 2018",
            "Example County statistics office, historical data, accessed Nov. 5, 2019",
            "Email interview with Ann Lee, professor of economics at Example University",
            "Example Gazette, \"Budget vote delayed\" (May 2, 2021).",
            "Example Policy Group, \" Market Size and Demand,\" 2017 market update",
        ] {
            assert!(is_citation(citation), "{citation:?}");
        }
        for other in ["Published 2019", "In 1999, the mayor was elected.", "Call 555-0199, ext. 12019"] {
            assert!(!is_citation(other), "{other:?}");
        }
        // Prose may end with a year as a citation does: only a run of two such lines or more
        // under a heading is a list of sources (`drop_source_lists`).
        assert!(is_citation("The council met on Tuesday, and the vote was delayed until 2021"));
    }
}
