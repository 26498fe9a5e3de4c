//! Word-cluster table: for each word of the unlabelled news the project clustered, its class
//! at several granularities (coarse to fine). Rebuilt by `comention-train clusters`.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::error::{Error, Result};

/// Number of granularities in a table.
pub const LEVELS: usize = 3;

/// The table shipped with the package (`assets/clusters.tsv`).
static DEFAULT_TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/clusters.tsv"));

/// Word → class ids, one per granularity, by the 64-bit hash of the word's form
/// ([`word_key`]), the key the tagger's word table has already computed: a probe finds its
/// entry in one place, where a map of the words themselves hashed the word again and compared
/// it with a key read from elsewhere (two fifths of the first sight of a word type, 1,000
/// Reuters stories cold). Two forms share an entry only if their hashes collide, as in the
/// word table. The words themselves are not kept: only training writes a table.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    by_key: FxHashMap<u64, [u16; LEVELS]>,
}

/// The key of a word form: the tagger's word table keys word types by it, and a cluster table
/// its words.
pub(crate) fn word_key(word: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(word.as_bytes(), 0)
}

/// Writes words and their class at each granularity in the form [`Clusters::parse`] reads,
/// sorted by word, after `header` as comment lines.
pub fn table_text(rows: impl IntoIterator<Item = (String, [u16; LEVELS])>, header: &str) -> String {
    let mut rows: Vec<(String, [u16; LEVELS])> = rows.into_iter().collect();
    rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    for (w, ids) in rows {
        out.push_str(&w);
        for id in ids {
            out.push('\t');
            out.push_str(&id.to_string());
        }
        out.push('\n');
    }
    out
}

impl Clusters {
    /// Parses `word<TAB>class<TAB>class<TAB>class` lines; `#` lines are comments.
    pub fn parse(text: &str) -> Result<Clusters> {
        // Split on bytes: `str::split` set up a character search for every field, over half
        // the time to load the shipped table. Tabs and newlines are ASCII, so the fields stay
        // whole UTF-8.
        let mut by_key = FxHashMap::default();
        by_key.reserve(text.bytes().filter(|&b| b == b'\n').count());
        for (i, line) in text.as_bytes().split(|&b| b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() || line[0] == b'#' {
                continue;
            }
            let bad = || Error::BadModel(format!("cluster table line {}: expected a word and {LEVELS} class numbers", i + 1));
            let mut cols = line.split(|&b| b == b'\t');
            let word = cols.next().and_then(|w| std::str::from_utf8(w).ok()).ok_or_else(bad)?;
            let mut ids = [0u16; LEVELS];
            for id in &mut ids {
                *id = cols.next().and_then(|c| std::str::from_utf8(c).ok()?.parse().ok()).ok_or_else(bad)?;
            }
            if cols.next().is_some() {
                return Err(bad());
            }
            by_key.insert(word_key(word), ids);
        }
        Ok(Clusters { by_key })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when the table has no words.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The classes of `word`; a word in capitals ("CLINTON") falls back to its title-case
    /// form, then any word to its lower-case form.
    pub fn get(&self, word: &str) -> Option<[u16; LEVELS]> {
        self.get_keyed(word, word_key(word))
    }

    /// [`Clusters::get`] of a word whose key ([`word_key`]) the caller has.
    pub(crate) fn get_keyed(&self, word: &str, key: u64) -> Option<[u16; LEVELS]> {
        let find = |w: &str| self.by_key.get(&word_key(w)).copied();
        if let Some(&c) = self.by_key.get(&key) {
            return Some(c);
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        if word.chars().any(char::is_uppercase) {
            if !word.chars().any(char::is_lowercase) {
                let title: String = std::iter::once(first).chain(chars.flat_map(char::to_lowercase)).collect();
                if let Some(c) = find(&title) {
                    return Some(c);
                }
            }
            return find(&word.to_lowercase());
        }
        None
    }
}

/// The shipped table, parsed once per process.
pub fn default_clusters() -> &'static Clusters {
    static TABLE: OnceLock<Clusters> = OnceLock::new();
    TABLE.get_or_init(|| Clusters::parse(DEFAULT_TABLE).expect("the embedded cluster table is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_falls_back_by_case() {
        let text = table_text([("said".to_string(), [4, 5, 6]), ("Clinton".to_string(), [1, 2, 3])], "test table");
        assert_eq!(text, "# test table\nClinton\t1\t2\t3\nsaid\t4\t5\t6\n");
        let back = Clusters::parse(&text).unwrap();
        assert_eq!(back.get("Clinton"), Some([1, 2, 3]));
        assert_eq!(back.get("CLINTON"), Some([1, 2, 3]));
        assert_eq!(back.get("Said"), Some([4, 5, 6]));
        assert_eq!(back.get("nobody"), None);
        assert!(Clusters::parse("word\t1\t2").is_err());
        assert!(Clusters::parse("word\t1\t2\tx").is_err());
    }

    #[test]
    fn shipped_table_loads() {
        assert!(default_clusters().len() > 10_000);
        assert!(default_clusters().get("the").is_some());
    }
}
