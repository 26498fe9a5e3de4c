//! Feature extraction for the sequence tagger: each feature is a 64-bit hash of a template
//! and its values, so the model is a map from hashes to weight rows.

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::clusters::LEVELS;
use super::labels::Tag;

// Template ids: part of every hash, so features of different templates never collide.
const BIAS: u64 = 1;
const FORM: u64 = 2;
const LOWER: u64 = 3;
const SHAPE: u64 = 4;
const PREFIX: u64 = 5; // + length 1..=4
const SUFFIX: u64 = 10; // + length 1..=4
const LOWER_PREV: u64 = 15;
const LOWER_NEXT: u64 = 16;
const LOWER_PREV2: u64 = 17;
const LOWER_NEXT2: u64 = 18;
const SHAPE_PREV: u64 = 19;
const SHAPE_NEXT: u64 = 20;
const SHAPE_TRIGRAM: u64 = 21;
const BIGRAM_LEFT: u64 = 22;
const BIGRAM_RIGHT: u64 = 23;
const FIRST_SHAPE: u64 = 24;
const HEADLINE_LOWER: u64 = 25;
const FORM_PREV: u64 = 26;
const FORM_NEXT: u64 = 27;
const RUN_LAST: u64 = 28;
const RUN_FIRST: u64 = 29;
const RUN_LEN: u64 = 30;
const RUN_SUFFIX_CLASS: u64 = 31;
const TITLE_BEFORE_RUN: u64 = 32;
const OF_AFTER: u64 = 33;
const OF_BEFORE: u64 = 34;
const CLUSTER: u64 = 50; // + granularity 0..LEVELS
const CLUSTER_PREV: u64 = 53;
const CLUSTER_NEXT: u64 = 54;
const GAZETTEER: u64 = 55;
const HISTORY_MAJORITY: u64 = 57;
const HISTORY_SEEN: u64 = 58;
const TAG_PREV: u64 = 40;

/// Combines two hashes into one (order matters).
#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let x = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31);
    (x ^ (x >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

#[inline]
fn hash(template: u64, s: &str) -> u64 {
    xxh3_64_with_seed(s.as_bytes(), template)
}

/// The word's shape with repeats folded: "Wang" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d".
#[cfg(test)]
fn shape(word: &str) -> String {
    let mut out = String::new();
    shape_into(word, &mut out);
    out
}

/// `shape`, written into a reused buffer.
fn shape_into(word: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
}

/// A lower-cased word with every digit as 0, so numbers share features.
fn normal(lower: &str) -> std::borrow::Cow<'_, str> {
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        lower.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect::<String>().into()
    } else {
        lower.into()
    }
}

/// For each word, the run `(start, end)` of capitalised words it belongs to, if any
/// ("&" may join two capitalised words, as in "AT & T").
fn capitalised_runs(words: &[&str], info: &[WordInfo], out: &mut Vec<Option<(usize, usize)>>) {
    let cap = |i: usize| info[i].capitalised;
    out.clear();
    out.resize(words.len(), None);
    let mut i = 0;
    while i < words.len() {
        if !cap(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < words.len() && cap(end) {
                end += 1;
            } else if end + 1 < words.len() && words[end] == "&" && cap(end + 1) {
                end += 2;
            } else {
                break;
            }
        }
        for o in &mut out[start..end] {
            *o = Some((start, end));
        }
        i = end;
    }
}

/// True when the words at `at` and `at + 1` are "of"/"de" and a capitalised word, so that the
/// runs on either side may form one name ("Bank of England") or two ("Raman of Halvard").
fn of_link(words: &[&str], at: usize) -> bool {
    at + 1 < words.len() && matches!(words[at], "of" | "de") && words[at + 1].chars().next().is_some_and(char::is_uppercase)
}

/// True for a sentence in capitals (a headline), where capitals say nothing about names.
fn is_headline(words: &[WordInfo]) -> bool {
    let letters = words.iter().filter(|w| w.has_letters).count();
    let caps = words.iter().filter(|w| w.all_caps).count();
    letters >= 3 && caps * 10 >= letters * 8
}

/// What the features need to know about a word type, computed once per thread and word:
/// the same words recur in every document, and hashing affixes and looking up word lists
/// was most of the tagger's time.
#[derive(Debug, Clone, Copy)]
pub struct WordInfo {
    form: u64,
    lower: u64,
    shape: u64,
    /// Hashed prefixes then suffixes of 1–4 characters; `n_affixes` of each are set.
    affixes: [u64; 8],
    n_affixes: u8,
    classes: [u16; LEVELS],
    capitalised: bool,
    org_suffix: bool,
    title: bool,
    /// The word's id in the gazetteers' phrases.
    gazetteer: u16,
    /// Letters and no lower-case letter ("NATO", "GERMANY"): headline evidence.
    has_letters: bool,
    all_caps: bool,
    /// Lower-case letters and punctuation only (no capital, digit or caseless letter), and
    /// neither an abbreviation ("u.s.") nor a name particle ("van").
    plain: bool,
}

/// The parts a token's features are made of: its own word (`SELF`), a neighbour at −1, +1,
/// −2 or +2, and features of the sentence around it. A word contributes the same features
/// in the same role wherever it stands, so a model can score it once per role and word.
pub const ROLES: usize = 5;
const ROLE_SELF: usize = 0;
const ROLE_PREV: usize = 1;
const ROLE_NEXT: usize = 2;
const ROLE_PREV2: usize = 3;

impl WordInfo {
    /// The stand-in for the words before a sentence's start (`start`) or after its end.
    fn boundary(start: bool) -> WordInfo {
        let h = hash(0, if start { "<s>" } else { "</s>" });
        WordInfo {
            form: h,
            lower: h,
            shape: h,
            affixes: [0; 8],
            n_affixes: 0,
            classes: [u16::MAX - 1; LEVELS],
            capitalised: false,
            org_suffix: false,
            title: false,
            gazetteer: super::gazetteer::UNLISTED,
            has_letters: false,
            all_caps: false,
            plain: true,
        }
    }

    /// The stand-ins for the words before a sentence (`[0]`) and after it (`[1]`).
    pub fn boundaries() -> &'static [WordInfo; 2] {
        static BOUNDARIES: std::sync::OnceLock<[WordInfo; 2]> = std::sync::OnceLock::new();
        BOUNDARIES.get_or_init(|| [WordInfo::boundary(true), WordInfo::boundary(false)])
    }

    /// The features this word contributes to a token in `role`, appended to `out`.
    pub fn role_features(&self, role: usize, out: &mut Vec<u64>) {
        match role {
            ROLE_SELF => {
                out.extend([BIAS, mix(FORM, self.form), mix(LOWER, self.lower), mix(SHAPE, self.shape)]);
                let k = self.n_affixes as usize;
                out.extend_from_slice(&self.affixes[..k]);
                out.extend_from_slice(&self.affixes[4..4 + k]);
                for level in 0..LEVELS {
                    out.push(mix(CLUSTER + level as u64, u64::from(self.classes[level])));
                }
            }
            ROLE_PREV => out.extend([
                mix(LOWER_PREV, self.lower),
                mix(FORM_PREV, self.form),
                mix(SHAPE_PREV, self.shape),
                mix(CLUSTER_PREV, u64::from(self.classes[1])),
            ]),
            ROLE_NEXT => out.extend([
                mix(LOWER_NEXT, self.lower),
                mix(FORM_NEXT, self.form),
                mix(SHAPE_NEXT, self.shape),
                mix(CLUSTER_NEXT, u64::from(self.classes[1])),
            ]),
            ROLE_PREV2 => out.push(mix(LOWER_PREV2, self.lower)),
            _ => out.push(mix(LOWER_NEXT2, self.lower)), // +2
        }
    }

    /// The info of `word`, whose hash (`hash(0, word)`) is `form`.
    fn new(word: &str, form: u64) -> WordInfo {
        let lower = crate::lexicon::lower(word);
        let w = normal(&lower);
        let mut shape = String::new();
        shape_into(word, &mut shape);
        let mut affixes = [0u64; 8];
        let total = w.chars().count();
        let k_max = 4.min(total);
        // Byte offsets of the first and last few characters, without collecting them all.
        let mut heads = w.char_indices().map(|(b, _)| b).skip(1).chain(std::iter::once(w.len()));
        let mut tails = w.char_indices().rev().map(|(b, _)| b);
        for k in 1..=k_max {
            affixes[k - 1] = hash(PREFIX + k as u64, &w[..heads.next().unwrap_or(w.len())]);
            affixes[4 + k - 1] = hash(SUFFIX + k as u64, &w[tails.next().unwrap_or(0)..]);
        }
        let has_letters = word.chars().any(char::is_alphabetic);
        WordInfo {
            form,
            lower: hash(0, &w),
            shape: hash(0, &shape),
            affixes,
            n_affixes: k_max as u8,
            classes: super::clusters::default_clusters().get_keyed(word, form).unwrap_or([u16::MAX; LEVELS]),
            capitalised: word.chars().next().is_some_and(char::is_uppercase),
            org_suffix: crate::lexicon::is_org_suffix_lower(&lower),
            title: crate::lexicon::is_person_title_lower(&lower),
            gazetteer: super::gazetteer::default_gazetteer().lower_word_id(&lower),
            has_letters,
            all_caps: has_letters && !word.chars().any(char::is_lowercase),
            plain: word.chars().all(|c| c.is_lowercase() || c.is_ascii_punctuation() || TYPOGRAPHIC_PUNCTUATION.contains(&c))
                && !word.trim_end_matches('.').contains('.')
                && !NAME_PARTICLES.contains(&&*lower),
        }
    }
}

/// Punctuation that web pages write where wire copy has ASCII (curly quotes, dashes, the
/// ellipsis): plain, as `'`, `"` and `-` are.
const TYPOGRAPHIC_PUNCTUATION: [char; 7] = ['‘', '’', '“', '”', '–', '—', '…'];

/// Lower-case words that open a person's name ("van der Walt", "de la Rua", "bin Salman"):
/// not plain, so that a name after a lower-case word is scored from its first word.
const NAME_PARTICLES: [&str; 21] =
    ["al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von"];

/// Word types whose info a thread keeps; past this the table starts again (news vocabulary
/// is far smaller, so this only bounds memory on pathological input).
const WORD_TABLE_LIMIT: usize = 1 << 17;

/// A thread's word types: each one's info in a slot, found by the 64-bit hash of its form
/// (two words share a slot only if their hashes collide, as two features would). A model
/// keeps its scores of a word by the same slot, so a token costs one hash probe in all.
#[derive(Default)]
struct WordTable {
    index: FxHashMap<u64, u32>,
    infos: Vec<WordInfo>,
    /// Names this table's slots; new on every restart and unique across threads.
    generation: u64,
}

thread_local! {
    static WORDS: std::cell::RefCell<WordTable> = std::cell::RefCell::new(WordTable::default());
}

/// The info and slot of each word in the thread's table, written into `infos` and `slots`;
/// returns the table's generation.
fn word_infos(words: &[&str], infos: &mut Vec<WordInfo>, slots: &mut Vec<u32>) -> u64 {
    static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    infos.clear();
    slots.clear();
    WORDS.with(|table| {
        let table = &mut *table.borrow_mut();
        if table.generation == 0 || table.infos.len() > WORD_TABLE_LIMIT {
            let generation = GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            *table = WordTable { generation, ..WordTable::default() };
        }
        let WordTable { index, infos: known, generation } = table;
        for &w in words {
            let form = super::clusters::word_key(w);
            let slot = *index.entry(form).or_insert_with(|| {
                known.push(WordInfo::new(w, form));
                known.len() as u32 - 1
            });
            infos.push(known[slot as usize]);
            slots.push(slot);
        }
        *generation
    })
}

/// The word at position `k` of a sentence, or the boundary stand-in past either end.
fn word_at(words: &[WordInfo], k: isize) -> &WordInfo {
    let [bos, eos] = WordInfo::boundaries();
    match usize::try_from(k) {
        Err(_) => bos,
        Ok(k) => words.get(k).unwrap_or(eos),
    }
}

/// Labels the tagger gave earlier occurrences of each capitalised word in the document.
#[derive(Debug, Default)]
pub struct History {
    /// Per lower-case form: how often each label (0 = none, then `Label::ALL`) was given.
    labels: FxHashMap<u64, [u16; 5]>,
}

impl History {
    /// Forgets every label given (a new document), keeping the memory.
    pub fn clear(&mut self) {
        self.labels.clear();
    }

    /// Records the tags given to one sentence.
    pub fn record(&mut self, feats: &SentenceFeatures, tags: impl IntoIterator<Item = Tag>) {
        for (i, tag) in tags.into_iter().enumerate() {
            let word = &feats.words[i];
            if word.capitalised {
                let k = tag.label().map_or(0, |l| 1 + crate::doc::Label::ALL.iter().position(|&x| x == l).unwrap_or(0));
                let row = self.labels.entry(word.lower).or_default();
                row[k] = row[k].saturating_add(1);
            }
        }
    }
}

/// Per-sentence features that do not depend on earlier tagging decisions.
#[derive(Default)]
pub struct SentenceFeatures {
    words: Vec<WordInfo>,
    /// Each word's slot in its thread's word table, and that table's generation.
    slots: Vec<u32>,
    generation: u64,
    /// Features of the sentence around each word (not those of single words in a role).
    hashes: Vec<u64>,
    starts: Vec<usize>,
    /// Working space kept between sentences, so that refilling allocates nothing.
    runs: Vec<Option<(usize, usize)>>,
    listed: Vec<(usize, u64)>,
    gazetteer_text: Vec<u8>,
    /// Whether each token has features to score (see [`SentenceFeatures::fill_pruned`]).
    scored: Vec<bool>,
}

impl SentenceFeatures {
    /// Extracts the static features of every word of a sentence.
    pub fn new(words: &[&str]) -> Self {
        let mut feats = SentenceFeatures::default();
        feats.fill(words);
        feats
    }

    /// Replaces the features with those of another sentence, reusing the buffers.
    pub fn fill(&mut self, words: &[&str]) {
        self.fill_with(words, false);
    }

    /// [`SentenceFeatures::fill`] for decoding: a token that is a plain word between plain
    /// words (lower-case letters and punctuation, or the sentence's ends) gets no features and
    /// is left unscored, to be tagged O. Such tokens are about half of news text and nearly
    /// never part of a name: 19 of CoNLL-2003 train's 94,000 are, 4 of dev's 23,800, and
    /// the model tags dev alike either way. A word next to a capitalised one ("of" in "Bank of
    /// England", "de" in "Fernando de la Rua") is still scored.
    pub fn fill_pruned(&mut self, words: &[&str]) {
        self.fill_with(words, true);
    }

    /// True when token `i` has features to score: always after [`SentenceFeatures::fill`].
    pub fn is_scored(&self, i: usize) -> bool {
        self.scored[i]
    }

    fn fill_with(&mut self, words: &[&str], prune: bool) {
        let n = words.len();
        self.generation = word_infos(words, &mut self.words, &mut self.slots);
        let SentenceFeatures { words: info, hashes, starts, runs, listed, gazetteer_text, scored, .. } = self;
        let info = &*info;
        scored.clear();
        scored.extend((0..n).map(|i| !prune || !(info[i].plain && (i == 0 || info[i - 1].plain) && info.get(i + 1).is_none_or(|w| w.plain))));
        let lower = |i: usize| info[i].lower;
        let headline = is_headline(info);
        let at = |i: isize| word_at(info, i);
        capitalised_runs(words, info, runs);
        // Gazetteer phrases, by list and by the word's place in the phrase (BILU).
        listed.clear();
        if info.iter().any(|w| w.capitalised && w.gazetteer != super::gazetteer::UNLISTED) {
            super::gazetteer::default_gazetteer().find_ids(
                info.iter().map(|w| w.gazetteer),
                gazetteer_text,
                |i| info[i].capitalised,
                |m| {
                    for i in m.start..m.end {
                        let place = if m.end - m.start == 1 { 0 } else if i == m.start { 1 } else if i + 1 == m.end { 2 } else { 3 };
                        for list in 0..8u64 {
                            if m.lists & (1 << list) != 0 {
                                listed.push((i, mix(mix(GAZETTEER, list), place)));
                            }
                        }
                    }
                },
            );
            listed.sort_unstable_by_key(|&(i, _)| i);
        }
        let mut next_listed = 0;
        hashes.clear();
        starts.clear();
        for i in 0..n {
            starts.push(hashes.len());
            let first_listed = next_listed;
            while next_listed < listed.len() && listed[next_listed].0 == i {
                next_listed += 1;
            }
            if !scored[i] {
                continue;
            }
            let ii = i as isize;
            hashes.push(mix(mix(mix(SHAPE_TRIGRAM, at(ii - 1).shape), info[i].shape), at(ii + 1).shape));
            hashes.push(mix(mix(BIGRAM_LEFT, at(ii - 1).lower), lower(i)));
            hashes.push(mix(mix(BIGRAM_RIGHT, lower(i)), at(ii + 1).lower));
            hashes.extend(listed[first_listed..next_listed].iter().map(|&(_, h)| h));
            if let Some((a, b)) = runs[i] {
                // The words that close and open a run of capitalised words carry its type
                // ("Halvard Systems", "Bank of Spain"), whoever the unknown first word is.
                hashes.push(mix(RUN_LAST, lower(b - 1)));
                hashes.push(mix(RUN_FIRST, lower(a)));
                hashes.push(mix(mix(RUN_LEN, (b - a).min(4) as u64), (i - a).min(3) as u64));
                if b - a > 1 && info[b - 1].org_suffix {
                    hashes.push(mix(RUN_SUFFIX_CLASS, (i + 1 == b) as u64));
                }
                if a > 0 && info[a - 1].title {
                    hashes.push(mix(TITLE_BEFORE_RUN, (i - a).min(2) as u64));
                }
                if of_link(words, b) {
                    // The run continues after "of": is this side a name of its own?
                    hashes.push(mix(mix(OF_AFTER, lower(b - 1)), info[b - 1].org_suffix as u64));
                }
                if a >= 2 && of_link(words, a - 1) && runs[a - 2].is_some() {
                    hashes.push(mix(OF_BEFORE, lower(a - 2)));
                }
            }
            if i == 0 {
                hashes.push(mix(FIRST_SHAPE, info[i].shape));
            }
            if headline {
                hashes.push(mix(HEADLINE_LOWER, lower(i)));
            }
        }
        starts.push(hashes.len());
    }

    /// The sentence's words.
    pub fn words(&self) -> &[WordInfo] {
        &self.words
    }

    /// Each word's slot in the word table of the thread that filled these features, and
    /// that table's generation: a key under which a model may keep its scores of the word.
    pub fn slots(&self) -> (&[u32], u64) {
        (&self.slots, self.generation)
    }

    /// The word in each role for token `i`: itself, then its neighbours at −1, +1, −2, +2
    /// (boundary stand-ins past the sentence's ends).
    pub fn roles(&self, i: usize) -> [&WordInfo; ROLES] {
        let at = |k: isize| word_at(&self.words, k);
        let i = i as isize;
        [at(i), at(i - 1), at(i + 1), at(i - 2), at(i + 2)]
    }

    /// The features of token `i` that are not those of single words in a role, written into
    /// `out`: the sentence around it, and the labels the document gave the word before.
    pub fn context(&self, i: usize, history: &History, out: &mut Vec<u64>) {
        out.clear();
        out.extend_from_slice(&self.hashes[self.starts[i]..self.starts[i + 1]]);
        let word = &self.words[i];
        if word.capitalised {
            if let Some(row) = history.labels.get(&word.lower) {
                let majority = (0..5).max_by_key(|&k| (row[k], std::cmp::Reverse(k))).unwrap_or(0);
                out.push(mix(HISTORY_MAJORITY, majority as u64));
                for (k, &n) in row.iter().enumerate().skip(1) {
                    if n > 0 {
                        out.push(mix(HISTORY_SEEN, k as u64));
                    }
                }
            }
        }
    }

    /// Number of words.
    pub fn n_words(&self) -> usize {
        self.words.len()
    }

    /// All features of token `i` that do not depend on the tag before it, written into `out`.
    pub fn token(&self, i: usize, history: &History, out: &mut Vec<u64>) {
        self.context(i, history, out);
        for (role, word) in self.roles(i).into_iter().enumerate() {
            word.role_features(role, out);
        }
    }
}

/// The feature that pairs the tag before a word with the word's own: with it alone, the
/// model's transition scores are one matrix, so decoding adds no lookups per word.
pub fn transition(prev: Tag) -> u64 {
    mix(TAG_PREV, prev.index() as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Wang"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-22"), "d-d-d");
    }

    #[test]
    fn plain_runs_are_left_unscored_for_decoding() {
        let words = ["The", "talks", "in", "the", "city", "of", "Oslo", "ended", "on", "u.s.", "soil", "with", "van", "der", "Walt", "—", "“", "it", "’s", "over", "”", "."];
        let mut feats = SentenceFeatures::default();
        feats.fill_pruned(&words);
        let unscored: Vec<&str> = (0..words.len()).filter(|&i| !feats.is_scored(i)).map(|i| words[i]).collect();
        // Next to a capital, an abbreviation or a name particle, a plain word is scored.
        assert_eq!(unscored, ["in", "the", "city", "“", "it", "’s", "over", "”", "."]);
        let mut none = Vec::new();
        feats.context(3, &History::default(), &mut none);
        assert!(none.is_empty());
        feats.fill(&words);
        assert!((0..words.len()).all(|i| feats.is_scored(i)));
    }

    #[test]
    fn features_depend_on_context_and_history() {
        let none = History::default();
        let a = SentenceFeatures::new(&["Wang", "Yi", "said"]);
        let b = SentenceFeatures::new(&["Wang", "Gang", "said"]);
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        a.token(0, &none, &mut fa);
        b.token(0, &none, &mut fb);
        assert_ne!(fa, fb);
        assert_ne!(transition(Tag::O), transition(Tag::U(crate::doc::Label::Per)));
        // The document's earlier decisions count.
        let mut history = History::default();
        history.record(&b, [Tag::U(crate::doc::Label::Per), Tag::O, Tag::O]);
        a.token(0, &none, &mut fa);
        a.token(0, &history, &mut fb);
        assert_ne!(fa, fb);
    }
}
