//! Answers about a block remembered by its exact text for the rest of a batch: scraped pages
//! repeat their menus, footers and prompts line for line, within a page and across a site's
//! pages (the 80 dev pages: 45 % of their lines are a line seen before), and those short
//! lines are where the chrome rules cost most.
//!
//! Each thread remembers its own answers, and only answers that are functions of the text:
//! what is found is the same whichever thread cleans a page and whatever it met before.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Blocks longer than this are not remembered: prose seldom repeats, and hashing it would
/// cost about what it saves.
pub(super) const MAX_LEN: usize = 128;
/// Bytes of text a thread remembers at most before it starts afresh.
const MAX_BYTES: usize = 1 << 20;

/// A thread's remembered answers: the texts in one buffer, each answer under the text's hash
/// with where its text is (texts whose hashes collide are told apart by the text itself).
struct Memo<A> {
    texts: Vec<u8>,
    answers: FxHashMap<u64, (u32, u32, A)>,
}

impl<A: Copy> Memo<A> {
    const fn new() -> Self {
        Memo { texts: Vec::new(), answers: FxHashMap::with_hasher(rustc_hash::FxBuildHasher) }
    }

    /// Forgets every answer, keeping the room they took: the next batch fills as much again.
    fn clear(&mut self) {
        self.texts.clear();
        self.answers.clear();
    }

    /// The answer for `text`, remembered or found by `find`; and whether `find` ran.
    fn answer(&mut self, text: &str, find: impl FnOnce() -> A) -> (A, bool) {
        if text.len() > MAX_LEN {
            return (find(), true);
        }
        if self.texts.len() + text.len() > MAX_BYTES {
            self.clear();
        }
        let key = xxh3_64(text.as_bytes());
        if let Some(&(start, len, answer)) = self.answers.get(&key) {
            let found = (start as usize, len as usize);
            return if &self.texts[found.0..found.0 + found.1] == text.as_bytes() { (answer, false) } else { (find(), true) };
        }
        let answer = find();
        let start = self.texts.len() as u32;
        self.texts.extend_from_slice(text.as_bytes());
        self.answers.insert(key, (start, text.len() as u32, answer));
        (answer, true)
    }
}

/// A block's chrome rule, and its line key with the lower-cased words it was worked out from.
pub type RuleAndKey = (Option<&'static str>, Option<u64>);

thread_local! {
    static CHROME: RefCell<Memo<Option<&'static str>>> = const { RefCell::new(Memo::new()) };
    static RULE_AND_KEY: RefCell<Memo<RuleAndKey>> = const { RefCell::new(Memo::new()) };
}

/// Forgets this thread's answers; each worker's is forgotten at each batch. (The answers would
/// be the same, but a batch cleaned twice, as a benchmark's repeated runs do, would find every
/// line remembered the second time: a batch pays for its own.)
pub fn forget() {
    CHROME.with_borrow_mut(Memo::clear);
    RULE_AND_KEY.with_borrow_mut(Memo::clear);
}

/// `rule(text)`, the chrome rule of a block, remembered for the blocks met before in this
/// batch. `rule` depends on the text alone.
pub fn chrome(text: &str, rule: impl FnOnce(&str) -> Option<&'static str>) -> Option<&'static str> {
    CHROME.with_borrow_mut(|memo| memo.answer(text, || rule(text)).0)
}

/// [`chrome`] with the block's line key, both from `find`, for the pages of a batch learned
/// from; and whether `find` ran (a block met before has no words written out).
pub fn rule_and_key(text: &str, find: impl FnOnce() -> RuleAndKey) -> (RuleAndKey, bool) {
    RULE_AND_KEY.with_borrow_mut(|memo| memo.answer(text, find))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_found_once_a_batch() {
        forget();
        let asked = std::cell::Cell::new(0);
        let rule = |t: &str| {
            asked.set(asked.get() + 1);
            t.starts_with("Share").then_some("share")
        };
        for text in ["Share this", "Markets rallied.", "Share this", "Share this!"] {
            chrome(text, rule);
        }
        assert_eq!(asked.get(), 3);
        assert_eq!(chrome("Share this", |_| None), Some("share"), "remembered");
        forget();
        assert_eq!(chrome("Share this", |_| None), None, "a new batch asks again");
        let long = "Share ".repeat(MAX_LEN);
        assert_eq!(chrome(&long, rule), Some("share"));
        assert_eq!(chrome(&long, |_| None), None, "long blocks are not remembered");
    }

    #[test]
    fn texts_whose_hashes_collide_are_told_apart() {
        forget();
        let mut memo = Memo::new();
        // Another text filed under this text's hash, as a collision would file it.
        memo.texts.extend_from_slice(b"Other text");
        memo.answers.insert(xxh3_64(b"Share this"), (0, 10, Some("share")));
        assert_eq!(memo.answer("Share this", || None), (None, true));
    }
}
