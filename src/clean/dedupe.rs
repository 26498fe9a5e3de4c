//! Drops paragraphs that repeat an earlier one exactly or nearly (quote style, punctuation,
//! case, a few changed words), such as a standfirst repeated as the lede.

use std::collections::VecDeque;

use rustc_hash::FxHashSet;
use xxhash_rust::xxh3::xxh3_64;

/// How alike two paragraphs' word-trigram sets must be (Jaccard) to count as one.
const NEAR_DUPLICATE: f64 = 0.8;
/// Paragraphs shorter than this many words are compared exactly only.
const MIN_WORDS_NEAR: usize = 8;
/// How many recent paragraphs near-duplicates are sought among (bounds the cost).
const WINDOW: usize = 64;

/// What a paragraph is compared by: its words (lower-cased, punctuation and quote style
/// ignored) as one hash, and as a set of word-trigram hashes when it is long enough (sorted,
/// without repeats: cheaper to build than a hash set, and two meet in one merge).
pub struct Fingerprint {
    exact: u64,
    grams: Option<Box<[u64]>>,
}

/// The fingerprint of a paragraph of at least `min_words` words.
pub fn fingerprint(paragraph: &str, min_words: usize) -> Option<Fingerprint> {
    let mut lower = String::new();
    let words: Vec<u64> = paragraph
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(w.chars().flat_map(char::to_lowercase));
            }
            xxh3_64(lower.as_bytes())
        })
        .collect();
    if words.len() < min_words.max(1) {
        return None;
    }
    let exact = words.iter().fold(0u64, |h, &w| h.rotate_left(5) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ words.len() as u64;
    let grams = (words.len() >= MIN_WORDS_NEAR).then(|| {
        let mut g: Vec<u64> = words.windows(3).map(|t| t[0] ^ t[1].rotate_left(21) ^ t[2].rotate_left(42)).collect();
        g.sort_unstable();
        g.dedup();
        g.into_boxed_slice()
    });
    Some(Fingerprint { exact, grams })
}

/// Remembers the paragraphs kept so far in one document.
#[derive(Default)]
pub struct Deduper<'a> {
    exact: FxHashSet<u64>,
    recent: VecDeque<&'a [u64]>,
}

impl<'a> Deduper<'a> {
    /// A deduper that has seen nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when the paragraph repeats one seen before; otherwise remembers it.
    pub fn is_duplicate(&mut self, paragraph: &'a Fingerprint) -> bool {
        if !self.exact.insert(paragraph.exact) {
            return true;
        }
        let Some(grams) = paragraph.grams.as_deref() else { return false };
        let dup = self.recent.iter().any(|other| sizes_allow(grams, other) && jaccard(grams, other) >= NEAR_DUPLICATE);
        if !dup {
            if self.recent.len() == WINDOW {
                self.recent.pop_front();
            }
            self.recent.push_back(grams);
        }
        dup
    }
}

/// Jaccard is at most the ratio of the sizes, so sets too unlike in size need not be read.
fn sizes_allow(a: &[u64], b: &[u64]) -> bool {
    a.len().min(b.len()) as f64 >= NEAR_DUPLICATE * a.len().max(b.len()) as f64
}

/// Jaccard index of two sorted sets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 { 0.0 } else { inter as f64 / union as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dup<'a>(d: &mut Deduper<'a>, text: &str) -> bool {
        // Leaked so the deduper may keep borrowing it; a few bytes per test.
        fingerprint(text, 1).is_some_and(|f| d.is_duplicate(Box::leak(Box::new(f))))
    }

    #[test]
    fn quote_style_and_final_stop_do_not_matter() {
        let mut d = Deduper::new();
        assert!(!dup(&mut d, "China’s top official is heading to Russia for talks"));
        assert!(dup(&mut d, "China's top official is heading to Russia for talks."));
        assert!(!dup(&mut d, "Russia's top official is heading to China for talks."));
    }

    #[test]
    fn near_duplicates_with_a_changed_word() {
        let mut d = Deduper::new();
        let a = "The central bank raised its main interest rate by a quarter point on Thursday to fight inflation that has proved stubborn";
        let b = "The central bank raised its main interest rate by a quarter point on Thursday to fight inflation that has proven stubborn";
        assert!(!dup(&mut d, a));
        assert!(dup(&mut d, b));
    }

    #[test]
    fn short_blocks_have_no_fingerprint() {
        assert!(fingerprint("17", 4).is_none() && fingerprint("Pos. Piloto Pontos", 4).is_none());
        let mut d = Deduper::new();
        let f = fingerprint("Shares rose in early trading", 4).unwrap();
        assert!(!d.is_duplicate(&f) && d.is_duplicate(&f));
    }
}
