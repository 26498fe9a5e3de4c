//! Drops paragraphs that repeat an earlier one exactly or nearly (quote style, punctuation,
//! case, a few changed words), such as a standfirst repeated as the lede.

use std::collections::VecDeque;

use rustc_hash::FxHashSet;

/// How alike two paragraphs' word-trigram sets must be (Jaccard) to count as one: 4/5, kept
/// as a fraction so that every bound below is integer arithmetic (exact, and cheaper than
/// the floating-point products it replaced, asked of each pair in a page's window).
const NEAR_DUPLICATE: (usize, usize) = (4, 5);
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

/// A paragraph's word trigrams: a 256-bit signature with the bit of each trigram's hash, and
/// the sorted set of those hashes, built only when a pair gets past the signatures (most
/// paragraphs are never compared that far: sorting every one cost a fifth of deduplication).
struct Grams {
    /// The paragraph's word hashes, from which the trigram set is built.
    words: Vec<u64>,
    signature: [u64; 4],
    /// Trigrams counted with repeats, and the signature's set bits: the set's size lies
    /// between the two.
    most: usize,
    least: usize,
    sorted: std::cell::OnceCell<Box<[u64]>>,
}

/// The hash of a word trigram.
fn trigram(t: &[u64]) -> u64 {
    t[0] ^ t[1].rotate_left(21) ^ t[2].rotate_left(42)
}

impl Grams {
    fn new(words: Vec<u64>) -> Grams {
        let mut signature = [0u64; 4];
        for h in words.windows(3).map(trigram) {
            signature[(h >> 62) as usize] |= 1 << (h & 63);
        }
        let least = signature.iter().map(|s| s.count_ones() as usize).sum();
        Grams { most: words.len().saturating_sub(2), least, words, signature, sorted: Default::default() }
    }

    /// The trigram hashes, sorted without repeats.
    fn sorted(&self) -> &[u64] {
        self.sorted.get_or_init(|| {
            let mut hashes: Vec<u64> = self.words.windows(3).map(trigram).collect();
            hashes.sort_unstable();
            hashes.dedup();
            hashes.into_boxed_slice()
        })
    }

    /// Whether the two sets may be near duplicates, from their signatures and size bounds
    /// alone (never false for a pair that [`near`] accepts). Each bit set in one signature
    /// only stands for an element in one set only, and near duplicates have at most
    /// [`apart_limit`] of those; the sets' sizes must allow the Jaccard bound as well.
    fn may_be_near(&self, other: &Grams) -> bool {
        // The sizes first: most pairs of a page's paragraphs are told apart by them alone.
        sizes_allow(self.most.min(other.most), self.least.max(other.least)) && {
            let differing: u32 = self.signature.iter().zip(&other.signature).map(|(a, b)| (a ^ b).count_ones()).sum();
            differing as usize <= apart_limit(self.most, other.most)
        }
    }

    /// Whether the two paragraphs are near duplicates.
    fn is_near(&self, other: &Grams) -> bool {
        self.may_be_near(other) && {
            let (a, b) = (self.sorted(), other.sorted());
            sizes_allow(a.len().min(b.len()), a.len().max(b.len())) && near(a, b)
        }
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

/// The hashes of a paragraph's words: runs of alphanumeric characters, lower-cased. The
/// lower-cased words are written out eight bytes at a time and each is then hashed eight bytes
/// at a time: hashing them byte by byte as they were read was the slowest part of
/// deduplication.
fn word_hashes(lower: &[u8]) -> Vec<u64> {
    let mut words = Vec::with_capacity(lower.len() / 5);
    let mut start = 0;
    // Every word is followed by one space.
    for end in super::words::word_ends(lower) {
        words.push(word_hash(lower, start, end));
        start = end + 1;
    }
    words
}

/// The hash of the word `lower[start..end]`.
#[inline]
fn word_hash(lower: &[u8], start: usize, end: usize) -> u64 {
    let eight = |at: usize| lower.get(at..at + 8).map(|e| u64::from_le_bytes(e.try_into().expect("eight bytes")));
    let mut h = 0;
    let mut at = start;
    while at + 8 <= end {
        h = mix(h, eight(at).expect("within the word"));
        at += 8;
    }
    // The last bytes (perhaps none): read with what follows them and masked, or copied where
    // the buffer ends. A word's bytes are never 0, so a part-filled last word reads apart from
    // a shorter one.
    let left = end - at;
    let last = eight(at).map_or_else(
        || {
            let mut tail = [0u8; 8];
            tail[..left].copy_from_slice(&lower[at..end]);
            u64::from_le_bytes(tail)
        },
        |x| x & u64::MAX.checked_shr(8 * (8 - left) as u32).unwrap_or(0),
    );
    finish(mix(h, last), (end - start) as u64)
}

/// The fingerprint of a paragraph of at least `min_words` words.
pub fn fingerprint(paragraph: &str, min_words: usize) -> Option<Fingerprint> {
    super::words::with_lower_words(paragraph, |lower| fingerprint_of_words(lower, min_words))
}

/// [`fingerprint`] of a paragraph by its lower-cased words (`words::with_lower_words`).
// Compiled on its own: inlined into its caller, its per-byte loop came out a third slower in
// some builds, depending on what else the caller held.
#[inline(never)]
pub fn fingerprint_of_words(lower: &[u8], min_words: usize) -> Option<Fingerprint> {
    let words = word_hashes(lower);
    if words.len() < min_words.max(1) {
        return None;
    }
    let exact = words.iter().fold(0u64, |h, &w| h.rotate_left(5) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ words.len() as u64;
    let grams = (words.len() >= MIN_WORDS_NEAR).then(|| Grams::new(words));
    Some(Fingerprint { exact, grams })
}

/// Remembers the paragraphs kept so far in one document.
#[derive(Default)]
pub struct Deduper<'a> {
    exact: FxHashSet<u64>,
    recent: VecDeque<&'a Grams>,
}

impl<'a> Deduper<'a> {
    /// A deduper with room for `paragraphs` without growing (grown from empty, its set was
    /// rebuilt several times a page).
    pub fn with_capacity(paragraphs: usize) -> Self {
        Deduper { exact: FxHashSet::with_capacity_and_hasher(paragraphs, Default::default()), recent: VecDeque::with_capacity(paragraphs.min(WINDOW)) }
    }

    /// True when the paragraph repeats one seen before; otherwise remembers it.
    pub fn is_duplicate(&mut self, paragraph: &'a Fingerprint) -> bool {
        if !self.exact.insert(paragraph.exact) {
            return true;
        }
        let Some(grams) = paragraph.grams.as_ref() else { return false };
        let dup = self.recent.iter().any(|other| grams.is_near(other));
        if !dup {
            if self.recent.len() == WINDOW {
                self.recent.pop_front();
            }
            self.recent.push_back(grams);
        }
        dup
    }
}

/// Jaccard is at most the ratio of the sizes, so sets too unlike in size (the smaller, the
/// larger) need not be read.
fn sizes_allow(smaller: usize, larger: usize) -> bool {
    let (num, den) = NEAR_DUPLICATE;
    smaller * den >= larger * num
}

/// The most elements two sets of these sizes may hold apart (in one of them only) and still be
/// near duplicates: the symmetric difference is at most (1 − J) of the union, and the union
/// of near duplicates (which share an element) is less than the sizes' sum, so the count
/// stays below (1 − J) of that sum.
fn apart_limit(a: usize, b: usize) -> usize {
    let (num, den) = NEAR_DUPLICATE;
    ((den - num) * (a + b)).saturating_sub(1) / den
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
    let (num, den) = NEAR_DUPLICATE;
    union > 0 && inter * den >= union * num
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u64> {
        crate::clean::words::with_lower_words(text, word_hashes)
    }

    fn dup<'a>(d: &mut Deduper<'a>, text: &str) -> bool {
        // Leaked so the deduper may keep borrowing it; a few bytes per test.
        fingerprint(text, 1).is_some_and(|f| d.is_duplicate(Box::leak(Box::new(f))))
    }

    #[test]
    fn words_hash_alike_in_any_case_and_script() {
        assert_eq!(hashes("Wang YI, wang-yi"), [hashes("wang")[0], hashes("yi")[0], hashes("wang")[0], hashes("yi")[0]]);
        // A paragraph with one non-ASCII character hashes its ASCII words as an ASCII one does.
        assert_eq!(hashes("Grüße aus Berlin")[1..], hashes("aus BERLIN")[..]);
        assert_eq!(hashes("GRÜSSE"), hashes("grüsse"));
        assert!(hashes(" ,; ").is_empty());
        assert_ne!(hashes("ab")[0], hashes("ba")[0]);
        // A word hashes alike wherever it stands: read with what follows it and masked, or
        // copied at the end of the words; words of eight bytes and around it hash apart.
        let words = ["a", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", "zürich", "x"];
        let alone: Vec<u64> = words.iter().map(|w| hashes(w)[0]).collect();
        assert_eq!(hashes(&words.join(" ")), alone);
        assert_eq!(hashes(&format!("{}, ", words.join(", ")).repeat(30)), alone.repeat(30));
        let distinct: std::collections::HashSet<u64> = alone.iter().copied().collect();
        assert_eq!(distinct.len(), words.len());
    }

    #[test]
    fn quote_style_and_final_stop_do_not_matter() {
        let mut d = Deduper::default();
        assert!(!dup(&mut d, "China’s top official is heading to Russia for talks"));
        assert!(dup(&mut d, "China's top official is heading to Russia for talks."));
        assert!(!dup(&mut d, "Russia's top official is heading to China for talks."));
    }

    #[test]
    fn near_duplicates_with_a_changed_word() {
        let mut d = Deduper::default();
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
            assert_eq!(near(&a, &b), inter as f64 / union as f64 >= 0.8, "{a:?} {b:?}");
        }
    }

    #[test]
    fn signatures_and_size_bounds_never_rule_out_a_near_pair() {
        // Paragraphs of words from a small vocabulary (so that trigrams repeat and the size
        // bounds are loose), and copies with words changed, dropped or added.
        let mut rng = crate::testing::Lcg::new(5);
        let mut next = |m: u64| rng.below(m);
        let (mut near_pairs, mut apart_pairs) = (0, 0);
        for _ in 0..3000 {
            let (n, vocabulary) = (8 + next(40) as usize, 3 + next(30));
            let a: Vec<u64> = (0..n).map(|_| next(vocabulary).wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
            let mut b = Vec::new();
            for &w in &a {
                match next(30) {
                    0 => {}
                    1 => b.extend([w, next(vocabulary).wrapping_mul(0x9E37_79B9_7F4A_7C15)]),
                    2 => b.push(next(vocabulary).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
                    _ => b.push(w),
                }
            }
            if b.len() < 3 {
                continue;
            }
            let (ga, gb) = (Grams::new(a), Grams::new(b));
            let (sa, sb) = (ga.sorted(), gb.sorted());
            let inter = sa.iter().filter(|v| sb.binary_search(v).is_ok()).count();
            let jaccard = inter as f64 / (sa.len() + sb.len() - inter) as f64;
            let is_near = jaccard >= 0.8;
            assert_eq!(ga.is_near(&gb), is_near, "{sa:?} {sb:?}");
            assert!(!is_near || ga.may_be_near(&gb), "{sa:?} {sb:?}");
            assert!(ga.least <= sa.len() && sa.len() <= ga.most);
            (near_pairs, apart_pairs) = (near_pairs + is_near as usize, apart_pairs + !is_near as usize);
        }
        assert!(near_pairs > 300 && apart_pairs > 300, "{near_pairs} near, {apart_pairs} apart");
    }

    #[test]
    fn integer_bounds_are_the_jaccard_bounds() {
        for larger in 0..400 {
            for smaller in 0..=larger {
                assert_eq!(sizes_allow(smaller, larger), smaller as f64 >= 0.8 * larger as f64, "{smaller} {larger}");
            }
        }
        // The largest count strictly below a fifth of the sizes' sum.
        for sum in 1..100_000 {
            let limit = apart_limit(sum, 0);
            assert!(5 * limit < sum && 5 * (limit + 1) >= sum, "{sum}");
        }
    }

    #[test]
    fn short_blocks_have_no_fingerprint() {
        assert!(fingerprint("17", 4).is_none() && fingerprint("Pos. Piloto Pontos", 4).is_none());
        let mut d = Deduper::default();
        let f = fingerprint("Shares rose in early trading", 4).unwrap();
        assert!(!d.is_duplicate(&f) && d.is_duplicate(&f));
    }
}
