//! Drops paragraphs that repeat an earlier one exactly or nearly (quote style, punctuation,
//! case, a few changed words), such as a standfirst repeated as the lede.

use std::collections::HashSet;
use xxhash_rust::xxh3::xxh3_64;

/// How alike two paragraphs' word-trigram sets must be (Jaccard) to count as one.
const NEAR_DUPLICATE: f64 = 0.8;
/// Paragraphs shorter than this many words are compared exactly only.
const MIN_WORDS_NEAR: usize = 8;
/// How many recent paragraphs near-duplicates are sought among (bounds the cost).
const WINDOW: usize = 64;

/// Remembers the paragraphs kept so far in one document.
#[derive(Default)]
pub struct Deduper {
    exact: HashSet<u64>,
    recent: Vec<HashSet<u64>>,
    min_words: usize,
}

impl Deduper {
    /// A deduper that has seen nothing and ignores paragraphs of fewer than `min_words` words.
    pub fn new(min_words: usize) -> Self {
        Deduper { min_words: min_words.max(1), ..Self::default() }
    }

    /// True when `paragraph` repeats one seen before; otherwise remembers it.
    pub fn is_duplicate(&mut self, paragraph: &str) -> bool {
        let words = words(paragraph);
        if words.len() < self.min_words {
            return false;
        }
        let key = xxh3_64(words.join(" ").as_bytes());
        if !self.exact.insert(key) {
            return true;
        }
        if words.len() < MIN_WORDS_NEAR {
            return false;
        }
        let grams: HashSet<u64> = words.windows(3).map(|w| xxh3_64(w.join(" ").as_bytes())).collect();
        let dup = self.recent.iter().any(|other| jaccard(&grams, other) >= NEAR_DUPLICATE);
        if !dup {
            if self.recent.len() == WINDOW {
                self.recent.remove(0);
            }
            self.recent.push(grams);
        }
        dup
    }
}

/// Lowercased alphanumeric words; punctuation and quote style do not count.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 { 0.0 } else { inter as f64 / union as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_style_and_final_stop_do_not_matter() {
        let mut d = Deduper::new(1);
        assert!(!d.is_duplicate("China’s top official is heading to Russia for talks"));
        assert!(d.is_duplicate("China's top official is heading to Russia for talks."));
        assert!(!d.is_duplicate("Russia's top official is heading to China for talks."));
    }

    #[test]
    fn near_duplicates_with_a_changed_word() {
        let mut d = Deduper::new(1);
        let a = "The central bank raised its main interest rate by a quarter point on Thursday to fight inflation that has proved stubborn";
        let b = "The central bank raised its main interest rate by a quarter point on Thursday to fight inflation that has proven stubborn";
        assert!(!d.is_duplicate(a));
        assert!(d.is_duplicate(b));
    }

    #[test]
    fn short_blocks_repeat_freely_above_the_minimum() {
        let mut d = Deduper::new(4);
        assert!(!d.is_duplicate("17") && !d.is_duplicate("17"));
        assert!(!d.is_duplicate("Shares rose in early trading") && d.is_duplicate("Shares rose in early trading"));
    }
}
