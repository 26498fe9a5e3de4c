//! What is counted: the context unit, the entity types, the time period.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::doc::Label;
use crate::error::{Error, Result};

/// The unit within which two entities count as co-mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Context {
    /// Anywhere in the same document.
    Document,
    /// In the same paragraph.
    Paragraph,
    /// In the same sentence.
    Sentence,
    /// Within a window of k + 1 consecutive tokens: every token position starts one window,
    /// so N is the number of tokens and a pair's count is the number of windows holding both.
    Window(u32),
}

impl Context {
    /// Parses `document`, `paragraph`, `sentence` or `window:K` (also `window` with `k`).
    pub fn parse(s: &str, k: Option<u32>) -> Result<Context> {
        let bad = || Error::InvalidArgument(format!("unknown context {s:?}: use \"document\", \"paragraph\", \"sentence\" or \"window:K\""));
        match s {
            "document" | "doc" => Ok(Context::Document),
            "paragraph" => Ok(Context::Paragraph),
            "sentence" => Ok(Context::Sentence),
            "window" => k.filter(|&k| k > 0).map(Context::Window).ok_or_else(|| Error::InvalidArgument("a window context needs a size k ≥ 1".into())),
            _ => match s.strip_prefix("window:") {
                Some(n) => n.parse().ok().filter(|&k: &u32| k > 0).map(Context::Window).ok_or_else(bad),
                None => Err(bad()),
            },
        }
    }

    /// The name `parse` reads.
    pub fn name(self) -> String {
        match self {
            Context::Document => "document".into(),
            Context::Paragraph => "paragraph".into(),
            Context::Sentence => "sentence".into(),
            Context::Window(k) => format!("window:{k}"),
        }
    }
}

/// A calendar period for timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    Month,
}

impl Period {
    /// Parses `day`, `week` or `month`.
    pub fn parse(s: &str) -> Result<Period> {
        match s {
            "day" | "D" => Ok(Period::Day),
            "week" | "W" => Ok(Period::Week),
            "month" | "M" => Ok(Period::Month),
            _ => Err(Error::InvalidArgument(format!("unknown period {s:?}: use \"day\", \"week\" or \"month\""))),
        }
    }

    /// The name `parse` reads.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// The period holding a day, as the day number (days since 1970-01-01) of its first day.
    pub fn key(self, day: i32) -> i32 {
        match self {
            Period::Day => day,
            Period::Week => day - from_days(day).weekday().num_days_from_monday() as i32,
            Period::Month => {
                let d = from_days(day);
                days(NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of a month exists"))
            }
        }
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")
}

fn days(d: NaiveDate) -> i32 {
    (d - epoch()).num_days() as i32
}

fn from_days(day: i32) -> NaiveDate {
    epoch() + chrono::Duration::days(day as i64)
}

/// Day number (days since 1970-01-01) of an ISO `YYYY-MM-DD` date.
pub fn day_number(iso: &str) -> Option<i32> {
    let head = iso.get(..10)?;
    // Four, two and two digits (every date cleaning writes) are read here: chrono's parser
    // reads its format string again on every call, a tenth of counting a corpus's documents.
    // It still decides every other form, so the two agree on any text (tested).
    let b = head.as_bytes();
    let number = |r: std::ops::Range<usize>| b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')));
    if let (b'-', b'-', Some(y), Some(m), Some(d)) = (b[4], b[7], number(0..4), number(5..7), number(8..10)) {
        return NaiveDate::from_ymd_opt(y as i32, m, d).map(days);
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok().map(days)
}

/// ISO `YYYY-MM-DD` of a day number.
pub fn iso_date(day: i32) -> String {
    from_days(day).format("%Y-%m-%d").to_string()
}

/// The entity types kept: an entity takes part when its type (`EntityTotals::label`, the
/// entities table's label) is one of them, and then every mention of it counts, whatever
/// type the tagger gave that one mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LabelSet([bool; 4]);

impl Default for LabelSet {
    fn default() -> Self {
        LabelSet([true; 4])
    }
}

impl LabelSet {
    /// Only the given labels.
    pub fn only(labels: &[Label]) -> LabelSet {
        let mut s = [false; 4];
        for &l in labels {
            s[l as usize] = true;
        }
        LabelSet(s)
    }

    /// Parses label names (PER, ORG, LOC, MISC).
    pub fn parse(names: &[String]) -> Result<LabelSet> {
        let labels = names
            .iter()
            .map(|n| Label::parse(&n.to_uppercase()).ok_or_else(|| Error::InvalidArgument(format!("unknown entity type {n:?}: use PER, ORG, LOC or MISC"))))
            .collect::<Result<Vec<_>>>()?;
        Ok(LabelSet::only(&labels))
    }

    /// True when entities of this type are kept.
    pub fn contains(&self, l: Label) -> bool {
        self.0[l as usize]
    }

    /// True when every type is kept (the default).
    pub fn is_all(&self) -> bool {
        self.0.iter().all(|&kept| kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_contexts() {
        let d = day_number("2025-03-05").unwrap(); // a Wednesday
        assert_eq!(iso_date(Period::Week.key(d)), "2025-03-03");
        assert_eq!(iso_date(Period::Month.key(d)), "2025-03-01");
        assert_eq!(iso_date(Period::Day.key(d)), "2025-03-05");
        assert_eq!(Context::parse("window:5", None).unwrap(), Context::Window(5));
        assert_eq!(Context::parse("window", Some(3)).unwrap(), Context::Window(3));
        assert!(Context::parse("window:0", None).is_err());
        assert!(Context::parse("page", None).is_err());
        assert!(LabelSet::parse(&["per".into(), "ORG".into()]).unwrap().contains(Label::Org));
        assert!(LabelSet::parse(&["PERSON".into()]).is_err());
    }

    #[test]
    fn day_numbers_as_chrono_reads_them() {
        let chrono = |iso: &str| NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok().map(days);
        let given = ["1970-01-01", "2024-02-29", "2023-02-29", "2025-13-01", "2025-00-10", "2025-01-32", "0000-01-01", "9999-12-31",
            "2025-3-05xx", "2025-03-5 ", "+2025-03-0", "2025/03/05", "2025-03x05", "2025x03-05", "2025-03-05T10:00:00Z", "2025-03", "", "２０２５-03-05", "-999-01-01"];
        // And generated ones: digits, dashes and a few other characters at every place.
        let mut rng = crate::testing::Lcg::new(3);
        let chars = ['0', '1', '2', '3', '9', '-', '+', ' ', 'T', 'é'];
        let generated: Vec<String> = (0..20_000).map(|_| (0..rng.below(13)).map(|_| chars[rng.below(chars.len() as u64) as usize]).collect()).collect();
        let dated: Vec<String> = (0..2_000).map(|i| format!("{:04}-{:02}-{:02}", 1900 + i % 200, i % 14, i % 33)).collect();
        for iso in given.iter().copied().chain(generated.iter().map(String::as_str)).chain(dated.iter().map(String::as_str)) {
            assert_eq!(day_number(iso), chrono(iso), "{iso:?}");
        }
    }
}
