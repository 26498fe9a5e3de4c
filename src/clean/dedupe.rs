//! Drops paragraphs that repeat an earlier one exactly or nearly (quote style, punctuation,
//! case, a few changed words), such as a standfirst repeated as the lede.

use std::collections::VecDeque;

use rustc_hash::FxHashSet;

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
    grams: Option<Grams>,
}

/// A paragraph's word-trigram hashes, sorted without repeats, and a 256-bit signature with the
/// bit of each: two sets whose signatures differ in more bits than their Jaccard bound lets
/// them differ in elements are told apart without reading the sets.
struct Grams {
    sorted: Box<[u64]>,
    signature: [u64; 4],
}

impl Grams {
    fn new(mut hashes: Vec<u64>) -> Grams {
        hashes.sort_unstable();
        hashes.dedup();
        let mut signature = [0u64; 4];
        for &h in &hashes {
            signature[(h >> 62) as usize] |= 1 << (h & 63);
        }
        Grams { sorted: hashes.into_boxed_slice(), signature }
    }

    /// Whether the two sets may be near duplicates: each bit set in one signature only stands
    /// for an element in one set only, and near duplicates have at most `limit` of those.
    fn may_be_near(&self, other: &Grams, limit: usize) -> bool {
        let differing: u32 = self.signature.iter().zip(&other.signature).map(|(a, b)| (a ^ b).count_ones()).sum();
        differing as usize <= limit
    }
}

/// One step of a word's hash: eight bytes of its lower-cased form at a time.
#[inline]
fn mix(h: u64, bytes: u64) -> u64 {
    (h.rotate_left(5) ^ bytes).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95)
}

/// A word's hash from its running state and length (a finaliser, so that short words spread
/// too).
#[inline]
fn finish(h: u64, len: u64) -> u64 {
    let h = (h ^ len ^ (h >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

/// The hashes of a paragraph's words: runs of alphanumeric characters, lower-cased, hashed as
/// they are read (no lower-cased copy of each word is made). Bytes are packed eight to a
/// word before they are mixed: a multiplication per byte made hashing the slowest part of
/// deduplication.
fn word_hashes(paragraph: &str) -> Vec<u64> {
    let mut words = Vec::with_capacity(paragraph.len() / 5);
    let (mut h, mut packed, mut len) = (0u64, 0u64, 0u64);
    super::words::lower_words(paragraph, |byte| match byte {
        Some(b) => {
            packed = packed << 8 | u64::from(b);
            len += 1;
            if len % 8 == 0 {
                h = mix(h, std::mem::take(&mut packed));
            }
        }
        // A word's bytes are never 0, so a part-filled last word reads apart from a shorter one.
        None => words.push(finish(mix(std::mem::take(&mut h), std::mem::take(&mut packed)), std::mem::take(&mut len))),
    });
    words
}

/// The fingerprint of a paragraph of at least `min_words` words.
pub fn fingerprint(paragraph: &str, min_words: usize) -> Option<Fingerprint> {
    let words = word_hashes(paragraph);
    if words.len() < min_words.max(1) {
        return None;
    }
    let exact = words.iter().fold(0u64, |h, &w| h.rotate_left(5) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ words.len() as u64;
    let grams = (words.len() >= MIN_WORDS_NEAR).then(|| Grams::new(words.windows(3).map(|t| t[0] ^ t[1].rotate_left(21) ^ t[2].rotate_left(42)).collect()));
    Some(Fingerprint { exact, grams })
}

/// Remembers the paragraphs kept so far in one document.
#[derive(Default)]
pub struct Deduper<'a> {
    exact: FxHashSet<u64>,
    recent: VecDeque<&'a Grams>,
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
        let Some(grams) = paragraph.grams.as_ref() else { return false };
        let (a, n) = (&grams.sorted, grams.sorted.len());
        let dup = self.recent.iter().any(|other| {
            let b = &other.sorted;
            sizes_allow(a, b) && grams.may_be_near(other, apart_limit(n, b.len())) && near(a, b)
        });
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

/// The most elements two sets of these sizes may hold apart (in one of them only) and still be
/// near duplicates: the symmetric difference is at most (1 − J) of the union, which is at most
/// the sizes' sum.
fn apart_limit(a: usize, b: usize) -> usize {
    ((1.0 - NEAR_DUPLICATE) * (a + b) as f64) as usize
}

/// Whether two sorted sets have a Jaccard index of at least `NEAR_DUPLICATE`. The merge stops
/// once the elements in one set only exceed [`apart_limit`]: unlike paragraphs are told apart
/// within their first few trigrams.
fn near(a: &[u64], b: &[u64]) -> bool {
    let limit = apart_limit(a.len(), b.len());
    let (mut i, mut j, mut inter, mut apart) = (0, 0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => (i, apart) = (i + 1, apart + 1),
            std::cmp::Ordering::Greater => (j, apart) = (j + 1, apart + 1),
            std::cmp::Ordering::Equal => (i, j, inter) = (i + 1, j + 1, inter + 1),
        }
        if apart > limit {
            return false;
        }
    }
    let union = a.len() + b.len() - inter;
    union > 0 && inter as f64 / union as f64 >= NEAR_DUPLICATE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dup<'a>(d: &mut Deduper<'a>, text: &str) -> bool {
        // Leaked so the deduper may keep borrowing it; a few bytes per test.
        fingerprint(text, 1).is_some_and(|f| d.is_duplicate(Box::leak(Box::new(f))))
    }

    #[test]
    fn words_hash_alike_in_any_case_and_script() {
        assert_eq!(word_hashes("Wang YI, wang-yi"), [word_hashes("wang")[0], word_hashes("yi")[0], word_hashes("wang")[0], word_hashes("yi")[0]]);
        // A paragraph with one non-ASCII character hashes its ASCII words as an ASCII one does.
        assert_eq!(word_hashes("Grüße aus Berlin")[1..], word_hashes("aus BERLIN")[..]);
        assert_eq!(word_hashes("GRÜSSE"), word_hashes("grüsse"));
        assert!(word_hashes(" ,; ").is_empty());
        assert_ne!(word_hashes("ab")[0], word_hashes("ba")[0]);
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
    fn early_stop_decides_as_the_full_jaccard() {
        let mut rng = crate::testing::Lcg::new(11);
        let mut next = |m: u64| rng.below(m);
        for _ in 0..2000 {
            let (n, universe) = (1 + next(40) as usize, 10 + next(60));
            let mut a: Vec<u64> = (0..n).map(|_| next(universe)).collect();
            let mut b: Vec<u64> = a.iter().map(|&v| if next(10) < 2 { next(universe) } else { v }).collect();
            for v in [&mut a, &mut b] {
                v.sort_unstable();
                v.dedup();
            }
            let inter = a.iter().filter(|v| b.binary_search(v).is_ok()).count();
            let union = a.len() + b.len() - inter;
            assert_eq!(near(&a, &b), inter as f64 / union as f64 >= NEAR_DUPLICATE, "{a:?} {b:?}");
            // The signature never rules out a near pair.
            let spread = |v: &[u64]| Grams::new(v.iter().map(|&x| x.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect());
            let (ga, gb) = (spread(&a), spread(&b));
            if near(&a, &b) {
                assert!(ga.may_be_near(&gb, apart_limit(a.len(), b.len())), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn short_blocks_have_no_fingerprint() {
        assert!(fingerprint("17", 4).is_none() && fingerprint("Pos. Piloto Pontos", 4).is_none());
        let mut d = Deduper::new();
        let f = fingerprint("Shares rose in early trading", 4).unwrap();
        assert!(!d.is_duplicate(&f) && d.is_duplicate(&f));
    }
}
