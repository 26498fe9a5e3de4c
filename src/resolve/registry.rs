//! Cross-document identity: a registry learned from the whole corpus in a first pass, then
//! applied to every document in a second.
//!
//! Within one document, "Wang" is linked to "Wang Yi" only if the document names him in full.
//! Across a corpus, a bare surname can still be linked when the corpus knows exactly one full
//! name it abbreviates; when it knows two ("Smith": "John Smith", "Jane Smith") the short form
//! is left as it is, never merged blindly.

use std::borrow::Cow;
use std::hash::BuildHasher;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::doc::{Document, Label};
use crate::error::{Error, Result};

/// What the corpus says about people's names: a mergeable fold over documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    /// Multi-word entity names with their mentions per label (`Label::ALL` order).
    full_names: HashMap<String, [u64; 4]>,
    /// One-word entity names with their mentions per label.
    short_forms: HashMap<String, [u64; 4]>,
    /// Every entity name with its mentions, to unify spellings that differ only in case,
    /// full stops or spacing.
    spellings: HashMap<String, u64>,
    /// (one-word name, full person name) → documents in which a person mention of the one
    /// word was linked to the full name that the document gives ("Reagan" → "Ronald Reagan").
    linked: HashMap<(String, String), u64>,
    /// Multi-word person names → a sample of the names their documents also mention: the
    /// [`CONTEXT_SAMPLE`] smallest hashes ([`context_hash`]), ascending. The sample of a union is
    /// the sample of the samples, so it merges like the counts.
    contexts: HashMap<String, Vec<u32>>,
    /// Entity names → documents in which a noun written before the name typed it ("the film
    /// The Aviator", `tag::apposition`), per label.
    noun_types: HashMap<String, [u64; 4]>,
    documents: u64,
}

/// The version [`Registry::to_bytes`] writes.
const VERSION: u32 = 5;

/// Documents in which nouns must type a name, all alike, before its mentions everywhere take
/// that type ([`Links::label_of`]).
const NOUN_TYPED_DOCUMENTS: u64 = 2;

/// Hashes of co-mentioned names kept per person name. Below it a person's sample is all the
/// names mentioned beside them, which a story's bare surname is checked against
/// ([`Links::in_document`]); a person mentioned beside more, as a head of government is in a
/// corpus of years, is linked without the check, a sample no longer telling a story's names
/// apart from theirs. (No one in Reuters-21578 or BBC News is: Tony Blair's stories mention
/// about 1,000 names. A sample of 32 found 53 of the 56 pairs of a name and its form with a
/// middle initial that share a co-mentioned name.)
const CONTEXT_SAMPLE: usize = 4096;

/// A name mentioned in more than one tenth as many mentions as the corpus has documents
/// ("United States", "London") tells no story's people apart.
const COMMON_SHARE: u64 = 10;

/// The hash a co-mentioned name is sampled by.
fn context_hash(name: &str) -> u32 {
    (rustc_hash::FxBuildHasher.hash_one(name) >> 32) as u32
}

/// Adds `hash` to an ascending sample of the smallest hashes, keeping [`CONTEXT_SAMPLE`].
fn sample_insert(sample: &mut Vec<u32>, hash: u32) {
    if sample.len() == CONTEXT_SAMPLE && sample.last().is_some_and(|&max| hash >= max) {
        return;
    }
    if let Err(at) = sample.binary_search(&hash) {
        sample.insert(at, hash);
        sample.truncate(CONTEXT_SAMPLE);
    }
}

/// The name without the initials between its first and last words ("Carl C. Icahn" →
/// "Carl Icahn", "George H. W. Bush" → "George Bush"), when it has any.
fn without_middle_initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_initial = |w: &str| {
        let w = w.strip_suffix('.').unwrap_or(w);
        w.chars().count() == 1 && w.chars().all(char::is_uppercase)
    };
    let [first, middle @ .., last] = words.as_slice() else { return None };
    // Initials that open a name are its given names, not middle ones ("E. F. Hutton").
    if is_initial(first) || first.contains('.') || middle.is_empty() || !middle.iter().any(|w| is_initial(w)) {
        return None;
    }
    let kept: Vec<&str> = std::iter::once(*first).chain(middle.iter().copied().filter(|w| !is_initial(w))).chain(std::iter::once(*last)).collect();
    Some(kept.join(" "))
}

/// Documents that must have linked a one-word name to one of its full names before the
/// corpus's usual choice stands for the others ([`Registry::usual_full_name`]); and the
/// mentions an organisation's name needs to keep its first word from having one.
const USUAL_DOCUMENTS: u64 = 5;

/// What spellings of one name share: its words in lower case, with runs of single letters
/// (initials) joined, so "E.F. Hutton", "E. F. Hutton" and "EF Hutton" meet while "Gil L."
/// and "Gill" do not; and a word's "-isation" written "-ization", so that British and
/// American spellings meet (Reuters-21578: "International Coffee Organization" in 49 stories
/// and "Organisation" in 21 were two entities, the OECD's two spellings 40 and 11).
fn spelling_key(name: &str) -> String {
    let mut key = Vec::with_capacity(name.len());
    spelling_key_into(name, &mut key);
    String::from_utf8(key).expect("a key is made of whole characters")
}

/// [`spelling_key`]'s bytes written into `key` (cleared first): `links` computes one for every
/// name of a corpus, and an allocation each was most of its time.
fn spelling_key_into(name: &str, key: &mut Vec<u8>) {
    key.clear();
    // A space before each word, except between initials.
    let mut after_initial = false;
    let mut separate = |key: &mut Vec<u8>, initial: bool| {
        if !(key.is_empty() || initial && after_initial) {
            key.push(b' ');
        }
        after_initial = initial;
    };
    if name.is_ascii() {
        // Most names: words and their lower case read byte by byte.
        for w in name.as_bytes().split(|b| !b.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            separate(key, w.len() == 1);
            let start = key.len();
            key.extend(w.iter().map(u8::to_ascii_lowercase));
            american_z(&mut key[start..]);
        }
        return;
    }
    for w in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        // As `str` lowers them (final sigma and the like); an initial is one character lowered.
        let lowered = w.to_lowercase();
        separate(key, lowered.chars().nth(1).is_none());
        let start = key.len();
        key.extend_from_slice(lowered.as_bytes());
        american_z(&mut key[start..]);
    }
}

/// A lower-case word ending in "-isation(s)" written "-ization(s)": an ASCII letter for an
/// ASCII letter, so the bytes stay whole characters.
fn american_z(word: &mut [u8]) {
    for suffix in [&b"isation"[..], b"isations"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            let s = word.len() - suffix.len() + 1;
            word[s] = b'z';
        }
    }
}

/// A name the tagger calls a person in at least half of its mentions.
fn mostly_person(labels: &[u64; 4]) -> bool {
    2 * labels[Label::Per as usize] >= labels.iter().sum::<u64>() && labels[Label::Per as usize] > 0
}

/// The registry's decisions: entity name → canonical name, for the names it links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Person short forms → full names (applied to PER and MISC mentions).
    map: HashMap<String, String>,
    /// Person short forms → full names that apply only in a story that also mentions one of
    /// the uncommon names mentioned beside the full name elsewhere (their hashes, ascending):
    /// the corpus's one "Gordon Brown" is not the "Brown" of a football team sheet.
    in_context: HashMap<String, (String, Vec<u32>)>,
    /// Spelling variants → the corpus's usual spelling (applied to every mention).
    spellings: HashMap<String, String>,
    ambiguous: Vec<(String, Vec<String>)>,
    /// Entity names → the type nouns give them across the corpus ([`Links::label_of`]).
    types: HashMap<String, Label>,
}

/// True when the first-name gazetteer lists `word`.
fn is_given_name(word: &str) -> bool {
    use crate::tag::gazetteer::{default_gazetteer, List};
    default_gazetteer().lists_of(word).is_some_and(|m| m.is_in(List::FirstName))
}

fn is_person_word(w: &str) -> bool {
    // Two letters at least: an initial ("B.") is no one's surname ("Series B." is no one's name).
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Learns from one resolved document.
    pub fn add_document(&mut self, doc: &Document) {
        self.documents += 1;
        // Names repeat across a corpus: a key is copied only the first time it is seen.
        for m in &doc.mentions {
            match self.spellings.get_mut(&m.entity) {
                Some(n) => *n += 1,
                None => {
                    self.spellings.insert(m.entity.clone(), 1);
                }
            }
            let table = if m.entity.split_whitespace().nth(1).is_some() {
                &mut self.full_names
            } else if is_person_word(&m.entity) {
                &mut self.short_forms
            } else {
                continue;
            };
            match table.get_mut(&m.entity) {
                Some(labels) => labels[m.label as usize] += 1,
                None => {
                    let mut labels = [0; 4];
                    labels[m.label as usize] = 1;
                    table.insert(m.entity.clone(), labels);
                }
            }
        }
        // Which full name each one-word name stood for here, once a document.
        let mut linked: rustc_hash::FxHashSet<(String, &str)> = rustc_hash::FxHashSet::default();
        for m in doc.mentions.iter().filter(|m| m.label == Label::Per && m.text != m.entity) {
            let mut words = m.entity.split_whitespace();
            let (Some(first), Some(last)) = (words.next(), words.next_back()) else { continue };
            let short = super::normalize(&m.text, true);
            if short == last || short == first {
                linked.insert((short, &m.entity));
            }
        }
        for (short, full) in linked {
            *self.linked.entry((short, full.to_string())).or_insert(0) += 1;
        }
        // The names a noun before them typed here, once a document each: mentions of a typed
        // text that kept the noun's type through resolving (a surname after "company" that
        // the story's full name took back for a person does not count).
        let typed = crate::tag::apposition::noun_typed(|i| doc.tokens.get(i).map(|t| t.span.slice(&doc.clean)), &doc.mentions);
        if !typed.is_empty() {
            let mut seen: SmallVec<[(&str, Label); 4]> = SmallVec::new();
            for m in doc.mentions.iter().filter(|m| !m.entity.is_empty() && typed.iter().any(|(t, l, _)| *t == m.text && *l == m.label)) {
                if !seen.contains(&(m.entity.as_str(), m.label)) {
                    seen.push((m.entity.as_str(), m.label));
                }
            }
            for (name, label) in seen {
                self.noun_types.entry(name.to_string()).or_insert([0; 4])[label as usize] += 1;
            }
        }
        // What else each person named in full is mentioned with here.
        let mut names: Vec<&str> = doc.mentions.iter().map(|m| m.entity.as_str()).filter(|e| !e.is_empty()).collect();
        names.sort_unstable();
        names.dedup();
        let mut people: Vec<&str> = doc.mentions.iter().filter(|m| m.label == Label::Per && m.entity.split_whitespace().nth(1).is_some()).map(|m| m.entity.as_str()).collect();
        if people.is_empty() || names.len() < 2 {
            return;
        }
        people.sort_unstable();
        people.dedup();
        let hashes: Vec<(u32, &str)> = names.iter().map(|&n| (context_hash(n), n)).collect();
        for person in people {
            let sample = match self.contexts.get_mut(person) {
                Some(sample) => sample,
                None => self.contexts.entry(person.to_string()).or_default(),
            };
            for &(h, _) in hashes.iter().filter(|&&(_, n)| n != person) {
                sample_insert(sample, h);
            }
        }
    }

    /// Adds another partial registry (associative and commutative).
    pub fn merge(&mut self, other: Registry) {
        for (mine, theirs) in [(&mut self.full_names, other.full_names), (&mut self.short_forms, other.short_forms), (&mut self.noun_types, other.noun_types)] {
            for (k, v) in theirs {
                let e = mine.entry(k).or_insert([0; 4]);
                for (a, b) in e.iter_mut().zip(v) {
                    *a += b;
                }
            }
        }
        for (k, v) in other.spellings {
            *self.spellings.entry(k).or_insert(0) += v;
        }
        for (k, v) in other.linked {
            *self.linked.entry(k).or_insert(0) += v;
        }
        for (k, v) in other.contexts {
            let sample = self.contexts.entry(k).or_default();
            for h in v {
                sample_insert(sample, h);
            }
        }
        self.documents += other.documents;
    }

    /// Documents learned from.
    pub fn n_documents(&self) -> u64 {
        self.documents
    }

    /// Decides the links: a one-word form is linked to the single full person name in the
    /// corpus whose last word it is (else whose first word it is, as with Chinese surnames),
    /// in the documents that share an uncommon name with that person's unless five documents
    /// naming him in full call him so ([`Links::in_document`]); with several candidates, or
    /// when the form is a given name and the full name's last word, to the one the documents
    /// that name them in full link it to four times in five ([`Registry::usual_full_name`]),
    /// else it stays unlinked (reported as ambiguous when there were several). Both must be
    /// persons in most of their mentions, and the full name must occur twice, so that tagging
    /// slips ("Sub-Saharan Africa" called a person once) do not pull other names in. A full
    /// name and the same with a middle initial are one person's when that is the only such
    /// form and both are mentioned beside a rare name ([`Registry::link_middle_initials`]).
    pub fn links(&self) -> Links {
        let mut links = Links::default();
        self.link_spellings(&mut links);
        self.link_middle_initials(&mut links);
        self.link_firms_named_like_people(&mut links);
        let mut by_last: HashMap<&str, Vec<&str>> = HashMap::default();
        let mut by_first: HashMap<&str, Vec<&str>> = HashMap::default();
        // A name linked to another spelling or form is a candidate as that one only.
        let people = self
            .full_names
            .iter()
            .filter(|(name, l)| mostly_person(l) && l[Label::Per as usize] >= 2 && !links.spellings.contains_key(*name) && !links.map.contains_key(*name));
        for (name, _) in people {
            let mut words = name.split_whitespace();
            let Some(first) = words.next() else { continue }; // (a registry read from bytes may hold anything)
            by_last.entry(words.next_back().unwrap_or(first)).or_default().push(name);
            by_first.entry(first).or_default().push(name);
        }
        // The first words of organisations' names ("Baker" of "Baker International"), but not
        // of an institution named after its head ("Reagan Administration"), nor of a name
        // seen a few times only ("Reagan Adminstration" twice, "Blair Witch Project" twice).
        let (mut org_first, mut org_last) = (rustc_hash::FxHashSet::<&str>::default(), rustc_hash::FxHashSet::<&str>::default());
        let organisations = self.full_names.iter().filter(|(_, l)| 2 * l[Label::Org as usize] >= l.iter().sum::<u64>() && l[Label::Org as usize] >= USUAL_DOCUMENTS);
        for (name, _) in organisations {
            let mut words = name.split_whitespace();
            let Some(first) = words.next() else { continue };
            let second = words.next();
            if !second.is_some_and(super::kinds::is_kind) {
                org_first.insert(first);
            }
            // And the last words of organisations' names ("Fox" of "20th Century Fox").
            if let Some(last) = words.next_back().or(second) {
                org_last.insert(last);
            }
        }
        let mut shorts: Vec<&String> = self.short_forms.iter().filter(|(_, l)| mostly_person(l)).map(|(k, _)| k).collect();
        shorts.sort();
        // The links of a bare name to the corpus's one full name that no stories show.
        let mut unproven = Vec::new();
        for short in shorts {
            if self.full_names.contains_key(short.as_str()) {
                continue;
            }
            // A form in headline capitals ("REAGAN") matches as the name would be written.
            let key: Cow<'_, str> = if short.chars().all(|c| !c.is_lowercase()) { title_case(short).into() } else { short.as_str().into() };
            let surnamed = by_last.get(key.as_ref());
            let candidates = surnamed.or_else(|| by_first.get(key.as_ref()));
            match candidates.map(Vec::as_slice) {
                // A given name that is one person's surname ("Charles" of "Ray Charles", "Howard"
                // of "Michael Howard") is in most stories that do not name him someone else: a
                // prince, a goalkeeper, a film's title. It is linked only as his usual name; so
                // is the last word of an organisation's name, which the tagger takes for a
                // surname when it stands alone (BBC News's "Fox" network, with 20th Century Fox,
                // was Liam Fox).
                Some([only]) if surnamed.is_some() && (is_given_name(key.as_ref()) || org_last.contains(key.as_ref())) => {
                    if let Some(usual) = self.usual_full_name(key.as_ref(), &[only]) {
                        links.map.insert(short.clone(), usual.to_string());
                    }
                }
                // The one full name the corpus knows, where no five stories call him so: the
                // bare name is his in a story that shares a name with his stories. BBC News's
                // one Ulrich Bez, of Aston Martin, was the "Bez" of 13 mentions of the Happy
                // Mondays' dancer in Big Brother stories; its one "Claire X" the Claire of
                // another story; a Chinese surname is the first word ("Wang" of "Wang Yi").
                Some([only]) if self.usual_full_name(key.as_ref(), &[only]).is_none() => {
                    unproven.push(short);
                    links.map.insert(short.clone(), only.to_string());
                }
                Some([only]) => {
                    links.map.insert(short.clone(), only.to_string());
                }
                // The tagger takes a company's bare name for a person often enough that a name
                // beginning an organisation's has no usual bearer: of Reuters' 27 mentions of
                // "Baker" in stories naming no Baker in full, 15 are companies or Howard Baker.
                Some(many) => match self.usual_full_name(key.as_ref(), many).filter(|_| !org_first.contains(key.as_ref()) && !org_last.contains(key.as_ref())) {
                    Some(usual) => {
                        links.map.insert(short.clone(), usual.to_string());
                    }
                    None => {
                        let mut names: Vec<String> = many.iter().map(|s| s.to_string()).collect();
                        names.sort();
                        links.ambiguous.push((short.clone(), names));
                    }
                },
                None => {}
            }
        }
        self.condition_on_context(&mut links, &unproven);
        self.type_by_nouns(&mut links);
        links
    }

    /// Gives a name the type that nouns before it give it in [`NOUN_TYPED_DOCUMENTS`]
    /// documents or more, when they give it no other and it is not mostly a person's: BBC
    /// News calls *The Aviator* a film in ten stories, and the tagger had typed 46 of its 91
    /// mentions an organisation's name. A person's name is left alone (a film named after its
    /// subject, "the biopic Ray", is resolved apart from him).
    fn type_by_nouns(&self, links: &mut Links) {
        let mut merged: HashMap<String, [u64; 4]> = HashMap::default();
        for (name, counts) in &self.noun_types {
            let e = merged.entry(links.spelling(name).to_string()).or_insert([0; 4]);
            for (a, b) in e.iter_mut().zip(counts) {
                *a += b;
            }
        }
        let mentioned = |name: &str| self.full_names.get(name).or_else(|| self.short_forms.get(name));
        for (name, counts) in merged {
            let typed: Vec<usize> = (0..4).filter(|&i| counts[i] > 0).collect();
            let [only] = typed[..] else { continue };
            if counts[only] >= NOUN_TYPED_DOCUMENTS && !mentioned(&name).is_some_and(mostly_person) {
                links.types.insert(name, Label::ALL[only]);
            }
        }
    }

    /// Makes the links of `shorts` to a person mentioned beside fewer than [`CONTEXT_SAMPLE`]
    /// names hold only in stories that share an uncommon one with them.
    fn condition_on_context(&self, links: &mut Links, shorts: &[&String]) {
        let common = self.mentions_over((self.documents / COMMON_SHARE).max(5));
        for &short in shorts {
            let Some(full) = links.map.get(short) else { continue };
            let companions = self.contexts.get(full).map_or(&[][..], Vec::as_slice);
            if companions.len() >= CONTEXT_SAMPLE {
                continue;
            }
            let uncommon = companions.iter().copied().filter(|h| !common.contains(h)).collect();
            let full = links.map.remove(short).expect("looked up above");
            links.in_context.insert(short.clone(), (full, uncommon));
        }
    }

    /// Hashes ([`context_hash`]) of the names mentioned more than `n` times.
    fn mentions_over(&self, n: u64) -> rustc_hash::FxHashSet<u32> {
        self.mentions_by_hash().into_iter().filter(|&(_, m)| m > n).map(|(h, _)| h).collect()
    }

    /// Mentions of the names by their hash ([`context_hash`]).
    fn mentions_by_hash(&self) -> HashMap<u32, u64> {
        let mut mentions: HashMap<u32, u64> = HashMap::default();
        for (name, &m) in &self.spellings {
            *mentions.entry(context_hash(name)).or_insert(0) += m;
        }
        mentions
    }

    /// Links each group of names that differ only in case, punctuation or spacing to the
    /// group's usual spelling.
    fn link_spellings(&self, links: &mut Links) {
        // Names are grouped by a hash of their key, and only names that share one have their
        // keys compared (a map of keys to groups cost two allocations a name).
        let mut key = Vec::new();
        let mut hashed: Vec<(u64, &str, u64)> = Vec::with_capacity(self.spellings.len());
        for (name, &n) in &self.spellings {
            spelling_key_into(name, &mut key);
            // Three characters at least (a byte that does not continue a character starts one).
            if key.iter().filter(|&&b| (b as i8) >= -0x40).nth(2).is_some() {
                hashed.push((rustc_hash::FxBuildHasher.hash_one(&key), name, n));
            }
        }
        radsort::sort_by_key(&mut hashed, |h| h.0);
        for same_hash in hashed.chunk_by(|x, y| x.0 == y.0).filter(|run| run.len() > 1) {
            let mut keyed: Vec<(String, &str, u64)> = same_hash.iter().map(|&(_, name, n)| (spelling_key(name), name, n)).collect();
            keyed.sort_unstable();
            for group in keyed.chunk_by(|x, y| x.0 == y.0).filter(|g| g.len() > 1) {
                // Most mentioned; then a spelling with lower case (headline capitals are the
                // exception); then the first in order.
                let rank = |v: &(String, &str, u64)| (v.2, v.1.chars().any(char::is_lowercase));
                let best = group.iter().max_by(|x, y| rank(x).cmp(&rank(y)).then_with(|| y.1.cmp(x.1))).expect("non-empty").1;
                for &(_, v, _) in group {
                    if v != best {
                        links.spellings.insert(v.to_string(), best.to_string());
                    }
                }
            }
        }
    }

    /// Links a person's full name and the same name with middle initials ("Carl Icahn", "Carl
    /// C. Icahn") to the more mentioned of the two, when the corpus knows that one form with
    /// initials only and both are mentioned beside a rare name, one mentioned no more times than
    /// a hundredth of the corpus's documents (five in a small corpus): on Reuters-21578 "Robert O. Anderson" of
    /// Atlantic Richfield and the Treasury's "Robert Anderson" share no such name, "Martin T.
    /// Sosnoff" and "Martin Sosnoff" share Caesars World. A name with several such forms
    /// ("Charles D." and "Charles G. Cheleden") stays as it is, reported as ambiguous.
    fn link_middle_initials(&self, links: &mut Links) {
        let spelled = |name: &'_ str| -> bool { links.spellings.contains_key(name) };
        let people: rustc_hash::FxHashSet<&str> =
            self.full_names.iter().filter(|(name, l)| mostly_person(l) && !spelled(name)).map(|(name, _)| name.as_str()).collect();
        let mut forms: HashMap<String, Vec<&str>> = HashMap::default();
        for &name in &people {
            if let Some(bare) = without_middle_initials(name).filter(|bare| people.contains(bare.as_str())) {
                forms.entry(bare).or_default().push(name);
            }
        }
        if forms.is_empty() {
            return;
        }
        let mentions = self.mentions_by_hash();
        let few = (self.documents / 100).max(5);
        let rare = |h: &u32| mentions.get(h).is_some_and(|&n| n <= few);
        let mentioned = |name: &str| self.spellings.get(name).copied().unwrap_or(0);
        let mut bares: Vec<(String, Vec<&str>)> = forms.into_iter().collect();
        bares.sort_unstable();
        for (bare, mut initialled) in bares {
            if let [form] = initialled.as_slice() {
                let (a, b) = (self.contexts.get(bare.as_str()), self.contexts.get(*form));
                let shared = a.zip(b).is_some_and(|(a, b)| a.iter().any(|h| rare(h) && b.binary_search(h).is_ok()));
                if shared {
                    // The more mentioned; on a tie the fuller name.
                    let (from, to) = if mentioned(&bare) > mentioned(form) { (*form, bare.as_str()) } else { (bare.as_str(), *form) };
                    links.map.insert(from.to_string(), to.to_string());
                }
                continue;
            }
            initialled.sort_unstable();
            links.ambiguous.push((bare, initialled.into_iter().map(str::to_string).collect()));
        }
    }

    /// Links a full name the tagger calls a person to the firm whose name it opens, when the
    /// corpus mentions the firms it opens more often than it, and types it so: the partners'
    /// names of a firm written without its last word read as a person's (Reuters-21578:
    /// "Shearson Lehman" 31 mentions beside 269 of Shearson Lehman Brothers and its arms,
    /// "Dean Witter" 19 beside 32). A person whose name a foundation or a party bears is
    /// mentioned more than it ("Bill Gates Foundation" once against 28).
    fn link_firms_named_like_people(&self, links: &mut Links) {
        let total = |l: &[u64; 4]| l.iter().sum::<u64>();
        // The names organisations' names open, of two words or more, with those organisations'
        // mentions and the most mentioned of them (on a tie the first in order).
        let mut opened: HashMap<&str, (u64, &str, u64)> = HashMap::default();
        for (name, l) in self.full_names.iter().filter(|(_, l)| 2 * l[Label::Org as usize] > total(l)) {
            let ends = name.match_indices(' ').map(|(at, _)| at).skip(1);
            for at in ends {
                let e = opened.entry(&name[..at]).or_insert((0, name, 0));
                e.0 += total(l);
                if (total(l), std::cmp::Reverse(name.as_str())) > (e.2, std::cmp::Reverse(e.1)) {
                    (e.1, e.2) = (name, total(l));
                }
            }
        }
        let linked = |name: &String| links.spellings.contains_key(name) || links.map.contains_key(name);
        let firms: Vec<(&String, &str)> = self
            .full_names
            .iter()
            .filter(|(name, l)| mostly_person(l) && !linked(name))
            .filter_map(|(name, l)| opened.get(name.as_str()).filter(|(mentions, _, _)| *mentions > total(l)).map(|&(_, firm, _)| (name, firm)))
            .collect();
        for (name, firm) in firms {
            links.map.insert(name.clone(), firm.to_string());
            links.types.insert(firm.to_string(), Label::Org);
        }
    }

    /// Of several full names a one-word name may stand for, the one it stood for in four of
    /// five documents (at least [`USUAL_DOCUMENTS`]) that named one of them in full: on
    /// Reuters-21578 "Reagan" is Ronald Reagan in 11 stories, Nancy or Michael Reagan in one
    /// each, and its 877 mentions in stories that name no Reagan in full had been an entity
    /// apart from *Ronald Reagan*; on BBC News "Brown" is Gordon Brown in 63 stories of 75.
    fn usual_full_name<'a>(&self, short: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let documents = |full: &str| self.linked.get(&(short.to_string(), full.to_string())).copied().unwrap_or(0);
        let total: u64 = candidates.iter().map(|c| documents(c)).sum();
        let usual = candidates.iter().copied().max_by_key(|c| (documents(c), std::cmp::Reverse(*c)))?;
        (total >= USUAL_DOCUMENTS && 5 * documents(usual) >= 4 * total).then_some(usual)
    }

    /// Serialises the registry (sorted, so equal registries give equal bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let sorted = |m: &HashMap<String, [u64; 4]>| {
            let mut v: Vec<(String, [u64; 4])> = m.iter().map(|(k, &n)| (k.clone(), n)).collect();
            v.sort_unstable();
            v
        };
        let mut spellings: Vec<(&String, &u64)> = self.spellings.iter().collect();
        spellings.sort_unstable();
        let mut linked: Vec<(&(String, String), &u64)> = self.linked.iter().collect();
        linked.sort_unstable();
        let mut contexts: Vec<(&String, &Vec<u32>)> = self.contexts.iter().collect();
        contexts.sort_unstable();
        postcard::to_allocvec(&(VERSION, sorted(&self.full_names), sorted(&self.short_forms), spellings, self.documents, linked, contexts, sorted(&self.noun_types)))
            .expect("serialising to memory cannot fail")
    }

    /// Reads a registry written by [`Registry::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Registry> {
        type State = (u32, Vec<(String, [u64; 4])>, Vec<(String, [u64; 4])>, Vec<(String, u64)>, u64);
        let bad = |e: postcard::Error| Error::BadState(format!("not a comention entity registry ({e})"));
        let ((version, full, short, spellings, documents), rest): (State, &[u8]) = postcard::take_from_bytes(bytes).map_err(bad)?;
        // Version 2 (comention before the links' evidence) reads as a registry without it,
        // version 3 as one without the names mentioned beside people (so without the links of
        // middle initials), version 4 as one without the types nouns give names.
        type Contexts = Vec<(String, Vec<u32>)>;
        type Linked = Vec<((String, String), u64)>;
        type Typed = Vec<(String, [u64; 4])>;
        let (linked, contexts, typed): (Linked, Contexts, Typed) = match version {
            2 if rest.is_empty() => (Vec::new(), Vec::new(), Vec::new()),
            3 => (postcard::from_bytes(rest).map_err(bad)?, Vec::new(), Vec::new()),
            4 => {
                let (linked, contexts) = postcard::from_bytes(rest).map_err(bad)?;
                (linked, contexts, Vec::new())
            }
            VERSION => postcard::from_bytes(rest).map_err(bad)?,
            _ => return Err(Error::BadState(format!("registry version {version} is not one of 2 to {VERSION}"))),
        };
        // A sample read from bytes is held to what `add_document` keeps: ascending, distinct,
        // at most `CONTEXT_SAMPLE`.
        let contexts = contexts.into_iter().map(|(name, hashes)| {
            let mut sample = Vec::new();
            for h in hashes {
                sample_insert(&mut sample, h);
            }
            (name, sample)
        });
        Ok(Registry {
            full_names: full.into_iter().collect(),
            short_forms: short.into_iter().collect(),
            spellings: spellings.into_iter().collect(),
            linked: linked.into_iter().collect(),
            contexts: contexts.collect(),
            noun_types: typed.into_iter().collect(),
            documents,
        })
    }
}

fn title_case(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

impl Links {
    /// The canonical name for an entity name as a person (itself when not linked), where its
    /// link holds (some hold only in stories that share a name with the person's).
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        let name = self.spelling(name);
        self.map.get(name).or_else(|| self.in_context.get(name).map(|(full, _)| full)).map_or(name, String::as_str)
    }

    /// The corpus's usual spelling of `name`.
    fn spelling<'a>(&'a self, name: &'a str) -> &'a str {
        self.spellings.get(name).map_or(name, String::as_str)
    }

    /// The links as they hold in `doc` (a processed document, before the links apply).
    pub fn in_document<'a>(&'a self, doc: &Document) -> DocumentLinks<'a> {
        let mut held = SmallVec::new();
        if self.in_context.is_empty() {
            return DocumentLinks { links: self, held };
        }
        // The document's names, hashed once it is known to need them.
        let mut names: Option<Vec<u32>> = None;
        for m in doc.mentions.iter().filter(|m| matches!(m.label, Label::Per | Label::Misc)) {
            let Some((short, (_, companions))) = self.in_context.get_key_value(self.spelling(&m.entity)) else { continue };
            if held.contains(&short.as_str()) {
                continue;
            }
            let names = names.get_or_insert_with(|| {
                let mut h: Vec<u32> = doc.mentions.iter().map(|m| context_hash(&m.entity)).collect();
                h.sort_unstable();
                h.dedup();
                h
            });
            // The bare name itself is no evidence: a story may name another Brown so.
            let own = context_hash(short);
            if names.iter().any(|&h| h != own && companions.binary_search(&h).is_ok()) {
                held.push(short.as_str());
            }
        }
        DocumentLinks { links: self, held }
    }

    /// Rewrites the entities and types of a document's mentions ([`DocumentLinks::resolve`]):
    /// spellings for all, short forms for person and MISC mentions only (a city that shares a
    /// surname keeps its own identity; the model calls a surname MISC before a noun: "the
    /// Reagan administration", 118 Reuters mentions).
    pub fn apply(&self, doc: &mut Document) {
        let links = self.in_document(doc);
        for m in doc.mentions.iter_mut() {
            let (e, label) = links.resolve(&m.entity, m.label);
            if e != m.entity {
                m.entity = e.to_string();
            }
            m.label = label;
        }
    }

    /// The type a mention of `entity` (its entity once the links apply) takes: the one nouns
    /// give the name across the corpus ([`Registry::links`]), else the mention's own.
    pub fn label_of(&self, entity: &str, label: Label) -> Label {
        if self.types.is_empty() {
            return label;
        }
        self.types.get(entity).copied().unwrap_or(label)
    }

    /// Number of links made (short forms and spellings).
    pub fn len(&self) -> usize {
        self.map.len() + self.in_context.len() + self.spellings.len()
    }

    /// True when no link was made.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The links made, sorted: (name as written, canonical name).
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        let in_context = self.in_context.iter().map(|(a, (b, _))| (a, b));
        let mut v: Vec<(&str, &str)> = self.map.iter().chain(&self.spellings).chain(in_context).map(|(a, b)| (a.as_str(), b.as_str())).collect();
        v.sort_unstable();
        v
    }

    /// The names nouns type across the corpus ([`Links::label_of`]) with their types, sorted.
    pub fn types(&self) -> Vec<(&str, Label)> {
        let mut v: Vec<(&str, Label)> = self.types.iter().map(|(name, &label)| (name.as_str(), label)).collect();
        v.sort_unstable_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// The short forms whose link holds only in documents that share an uncommon name with
    /// the full name's, sorted.
    pub fn in_context(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.in_context.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// Short forms left unlinked because several full names fit, with those names.
    pub fn ambiguous(&self) -> &[(String, Vec<String>)] {
        &self.ambiguous
    }
}

/// The links as they hold in one document ([`Links::in_document`]).
pub struct DocumentLinks<'a> {
    links: &'a Links,
    /// The bare names whose context-bound link holds here.
    held: SmallVec<[&'a str; 2]>,
}

impl<'a> DocumentLinks<'a> {
    /// The entity and type a mention of `entity` typed `label` takes once the links apply. A
    /// MISC mention linked to a person's full name names that person ("the Reagan
    /// administration": Reuters' 118 such mentions of Ronald Reagan), as a short name linked
    /// within its story takes its full name's type; nouns that type the name across the
    /// corpus win over both ([`Links::label_of`]).
    pub fn resolve<'b>(&self, entity: &'b str, label: Label) -> (&'b str, Label)
    where
        'a: 'b,
    {
        let (e, to_person) = self.linked(entity, label);
        let label = if to_person { Label::Per } else { label };
        (e, self.links.label_of(e, label))
    }

    /// The entity a mention names once the links apply (its own entity when none does), and
    /// whether a bare name was linked to a person's full name.
    fn linked<'b>(&self, entity: &'b str, label: Label) -> (&'b str, bool)
    where
        'a: 'b,
    {
        let links = self.links;
        if links.is_empty() {
            return (entity, false); // no hashing per mention when the corpus linked nothing
        }
        let e = links.spelling(entity);
        if !matches!(label, Label::Per | Label::Misc) {
            return (e, false);
        }
        match links.map.get(e) {
            Some(full) => (full, true),
            None if self.held.contains(&e) => (&links.in_context[e].0, true),
            None => (e, false),
        }
    }

    /// True when `entity` is a bare name whose context-bound link holds in this document (so
    /// it names here what it does not in every document).
    pub fn holds(&self, entity: &str) -> bool {
        !self.held.is_empty() && self.held.contains(&self.links.spelling(entity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(mentions: &[(&str, Label)]) -> Document {
        super::super::test_doc(mentions)
    }

    #[test]
    fn spelling_keys_join_initials_and_lower_case_words() {
        // The key as first written: its words in a vector, initials gathered apart.
        let slow = |name: &str| {
            let (mut words, mut initials) = (Vec::<String>::new(), String::new());
            for w in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                let mut w = w.to_lowercase();
                for (british, american) in [("isations", "izations"), ("isation", "ization")] {
                    if w.len() > british.len() && w.ends_with(british) {
                        w = format!("{}{american}", &w[..w.len() - british.len()]);
                        break;
                    }
                }
                if w.chars().count() == 1 {
                    initials.push_str(&w);
                    continue;
                }
                if !initials.is_empty() {
                    words.push(std::mem::take(&mut initials));
                }
                words.push(w);
            }
            if !initials.is_empty() {
                words.push(initials);
            }
            words.join(" ")
        };
        let parts = ["E.", "F.", "Hutton", "EF", "ΟΔΟΣ", "İ", "i", "O'Neil", "  ", "-", "x", "Müller", "ǅ", "1", "99", "Organisation", "ORGANISATIONS", "isation", "Privatization"];
        let mut rng = crate::testing::Lcg::new(5);
        for _ in 0..3000 {
            let name: String = (0..rng.below(6)).map(|_| parts[rng.below(parts.len() as u64) as usize]).collect::<Vec<_>>().join(if rng.below(2) == 0 { " " } else { "" });
            assert_eq!(spelling_key(&name), slow(&name), "{name:?}");
        }
        assert_eq!(spelling_key("E. F. Hutton"), "ef hutton");
        assert_eq!(spelling_key("International Coffee Organisation"), spelling_key("International Coffee Organization"));
        assert_ne!(spelling_key("Labour Party"), spelling_key("Labor Party"), "another party");
    }

    #[test]
    fn links_unique_surnames_and_leaves_shared_ones() {
        let mut a = Registry::new();
        a.add_document(&doc(&[("Ronald Reagan", Label::Per), ("John Smith", Label::Per), ("Wang Yi", Label::Per)]));
        a.add_document(&doc(&[("Ronald Reagan", Label::Per), ("John Smith", Label::Per), ("Wang Yi", Label::Per), ("Sub-Saharan Africa", Label::Per)]));
        let mut b = Registry::new();
        b.add_document(&doc(&[("Reagan", Label::Per), ("Smith", Label::Per), ("Jane Smith", Label::Per), ("Jane Smith", Label::Per), ("REAGAN", Label::Per), ("Wang", Label::Per), ("Africa", Label::Per), ("Washington", Label::Loc)]));
        let mut ab = a.clone();
        ab.merge(b.clone());
        let mut ba = b;
        ba.merge(a);
        assert_eq!(ab.to_bytes(), ba.to_bytes());
        let links = ab.links();
        assert_eq!(links.canonical("Reagan"), "Ronald Reagan");
        assert_eq!(links.canonical("REAGAN"), "Ronald Reagan");
        assert_eq!(links.canonical("Wang"), "Wang Yi");
        assert_eq!(links.canonical("Smith"), "Smith");
        assert_eq!(links.canonical("Africa"), "Africa", "a once-mislabelled place is no person");
        assert_eq!(links.ambiguous(), &[("Smith".to_string(), vec!["Jane Smith".to_string(), "John Smith".to_string()])]);
        assert_eq!(Registry::from_bytes(&ab.to_bytes()).unwrap(), ab);
        assert!(Registry::from_bytes(b"junk").is_err());
        let mut spell = Registry::new();
        spell.add_document(&doc(&[("Standard Oil", Label::Org), ("Standard Oil", Label::Org), ("STANDARD OIL", Label::Org), ("E.F. Hutton", Label::Org), ("EF Hutton", Label::Org), ("E.F. Hutton", Label::Per)]));
        spell.add_document(&doc(&[("Gil L.", Label::Per), ("Gill", Label::Per)]));
        let sl = spell.links();
        assert_eq!(sl.canonical("Gil L."), "Gil L.");
        assert_eq!(sl.canonical("STANDARD OIL"), "Standard Oil");
        assert_eq!(sl.canonical("EF Hutton"), "E.F. Hutton");
        let mut initials = Registry::new();
        initials.add_document(&doc(&[("Series B.", Label::Per), ("Series B.", Label::Per), ("B.", Label::Per), ("Xu", Label::Per), ("Wang Xu", Label::Per), ("Wang Xu", Label::Per)]));
        let il = initials.links();
        assert_eq!((il.canonical("B."), il.canonical("Xu")), ("B.", "Wang Xu"));
        // In a story that shares a name with Ronald Reagan's.
        let d = doc(&[("Reagan", Label::Per), ("Reagan", Label::Loc), ("Reagan", Label::Misc), ("John Smith", Label::Per)]);
        assert_eq!(linked_with(&links, &d), ["Ronald Reagan", "Reagan", "Ronald Reagan", "John Smith"]);
        // The MISC mention ("the Reagan administration") names the person, so is typed one.
        let mut typed = d.clone();
        links.apply(&mut typed);
        assert_eq!(typed.mentions.iter().map(|m| m.label).collect::<Vec<_>>(), [Label::Per, Label::Loc, Label::Per, Label::Per]);
    }

    /// A bare surname stands for the corpus's one person of that name only in stories that
    /// share an uncommon name with theirs, unless that person is mentioned beside so many
    /// names that a story's could not be told apart from theirs.
    #[test]
    fn a_bare_surname_links_where_the_story_shares_a_name_with_the_person() {
        let mut r = Registry::new();
        r.add_document(&doc(&[("Gordon Brown", Label::Per), ("Alistair Darling", Label::Per), ("United Kingdom", Label::Loc)]));
        r.add_document(&doc(&[("Gordon Brown", Label::Per), ("Treasury", Label::Org), ("United Kingdom", Label::Loc)]));
        // Mentioned everywhere, so no evidence.
        for _ in 0..10 {
            r.add_document(&doc(&[("United Kingdom", Label::Loc), ("Wales", Label::Loc)]));
        }
        let politics = doc(&[("Brown", Label::Per), ("Treasury", Label::Org), ("United Kingdom", Label::Loc)]);
        let football = doc(&[("Brown", Label::Per), ("Doncaster", Label::Org), ("United Kingdom", Label::Loc), ("Brown", Label::Misc)]);
        let other_brown = doc(&[("Brown", Label::Per), ("Joe Brown", Label::Per)]);
        for d in [&politics, &football, &other_brown] {
            r.add_document(d);
        }
        let links = r.links();
        assert_eq!(links.canonical("Brown"), "Gordon Brown", "the corpus-wide view names the link");
        assert_eq!((links.pairs(), links.in_context()), (vec![("Brown", "Gordon Brown")], vec!["Brown"]));
        assert_eq!(linked_with(&links, &politics)[0], "Gordon Brown");
        assert_eq!(linked_with(&links, &football), ["Brown", "Doncaster", "United Kingdom", "Brown"]);
        let in_doc = links.in_document(&politics);
        assert!(in_doc.holds("Brown") && !in_doc.holds("Treasury"));
        assert_eq!((in_doc.resolve("Brown", Label::Misc), in_doc.resolve("Brown", Label::Loc)), (("Gordon Brown", Label::Per), ("Brown", Label::Loc)));
        assert!(!links.in_document(&football).holds("Brown"));
        // The checked links survive the registry's round trip and merge.
        let mut again = Registry::from_bytes(&r.to_bytes()).unwrap();
        again.merge(Registry::new());
        assert_eq!(again.links(), links);
        // A person mentioned beside more names than a sample holds is linked everywhere.
        let mut famous = r.clone();
        let crowd: Vec<String> = (0..CONTEXT_SAMPLE).map(|i| format!("Person {i}")).collect();
        let mut d = doc(&[("Gordon Brown", Label::Per)]);
        d.mentions.extend(crowd.iter().map(|n| doc(&[(n.as_str(), Label::Org)]).mentions.remove(0)));
        famous.add_document(&d);
        assert_eq!(linked_with(&famous.links(), &football)[0], "Gordon Brown");
    }

    #[test]
    fn a_name_nouns_type_in_two_stories_takes_that_type_in_every_story() {
        use crate::testing::processed;
        let label = |d: &Document, name: &str| d.mentions.iter().filter(|m| m.text == name).map(|m| m.label).collect::<Vec<_>>();
        let titled = ["The comedy Sideways won the prize on Sunday.", "Critics praised the film Sideways at the festival."].map(processed);
        let plain = processed("Takings for Sideways rose by a third in Los Angeles, Paramount said.");
        let person = [
            "Theodore Cross said he would merge it into a company Cross is forming.",
            "Theodore Cross owns a stake, and a company Cross is forming will bid.",
            "Cross said he would sell.",
        ]
        .map(processed);
        let mut r = Registry::new();
        let (mut even, mut odd) = (Registry::new(), Registry::new());
        for (i, d) in titled.iter().chain(&person).chain([&plain]).enumerate() {
            r.add_document(d);
            if i % 2 == 0 { even.add_document(d) } else { odd.add_document(d) }
        }
        even.merge(odd);
        assert_eq!(even.to_bytes(), r.to_bytes());
        assert_eq!(Registry::from_bytes(&r.to_bytes()).unwrap(), r);
        let links = r.links();
        let mut d = plain.clone();
        links.apply(&mut d);
        assert_eq!(label(&d, "Sideways"), [Label::Misc], "{:?}", plain.mentions);
        assert_eq!(links.types(), [("Sideways", Label::Misc)]);
        // One story is not enough; a person's surname after "company" keeps the person's type.
        let mut one = Registry::new();
        one.add_document(&titled[0]);
        one.add_document(&plain);
        let mut d = plain.clone();
        one.links().apply(&mut d);
        assert_eq!(label(&d, "Sideways"), label(&plain, "Sideways"));
        let mut d = person[2].clone();
        links.apply(&mut d);
        assert_eq!(label(&d, "Cross"), label(&person[2], "Cross"));
        // A registry of version 4 (before these types) reads as one without them.
        let bytes = postcard::to_allocvec(&(4u32, Vec::<(String, [u64; 4])>::new(), Vec::<(String, [u64; 4])>::new(), Vec::<(String, u64)>::new(), 0u64, Vec::<((String, String), u64)>::new(), Vec::<(String, Vec<u32>)>::new())).unwrap();
        assert_eq!(Registry::from_bytes(&bytes).unwrap().noun_types.len(), 0);
    }

    #[test]
    fn a_firm_s_partners_named_without_its_last_word_are_the_firm() {
        let firm = doc(&[("Shearson Lehman Brothers", Label::Org), ("Shearson Lehman Brothers", Label::Org), ("Shearson Lehman", Label::Per)]);
        let foundation = doc(&[("Bill Gates", Label::Per), ("Bill Gates", Label::Per), ("Bill Gates Foundation", Label::Org)]);
        let mut r = Registry::new();
        for d in [&firm, &foundation] {
            r.add_document(d);
        }
        let links = r.links();
        let mut d = doc(&[("Shearson Lehman", Label::Per), ("Bill Gates", Label::Per)]);
        links.apply(&mut d);
        let found: Vec<(&str, Label)> = d.mentions.iter().map(|m| (m.entity.as_str(), m.label)).collect();
        assert_eq!(found, [("Shearson Lehman Brothers", Label::Org), ("Bill Gates", Label::Per)]);
    }

    fn linked_with(links: &Links, d: &Document) -> Vec<String> {
        let mut d = d.clone();
        links.apply(&mut d);
        d.mentions.iter().map(|m| m.entity.clone()).collect()
    }

    #[test]
    fn a_middle_initial_is_the_same_person_when_both_forms_share_a_rare_companion() {
        let mut docs = vec![
            doc(&[("Carl C. Icahn", Label::Per), ("Trans World Airlines", Label::Org)]),
            doc(&[("Carl Icahn", Label::Per), ("Trans World Airlines", Label::Org), ("United States", Label::Loc)]),
            doc(&[("Carl Icahn", Label::Per), ("United States", Label::Loc)]),
            // Two people: the forms share only a name every story mentions.
            doc(&[("Robert O. Anderson", Label::Per), ("Atlantic Richfield", Label::Org), ("United States", Label::Loc)]),
            doc(&[("Robert Anderson", Label::Per), ("Federal Court", Label::Org), ("United States", Label::Loc)]),
            // Two forms with initials: which one the bare name is, nothing says.
            doc(&[("Charles D. Cheleden", Label::Per), ("Cheleden Farms", Label::Org)]),
            doc(&[("Charles G. Cheleden", Label::Per), ("Cheleden Farms", Label::Org)]),
            doc(&[("Charles Cheleden", Label::Per), ("Cheleden Farms", Label::Org)]),
            doc(&[("Icahn", Label::Per)]),
            doc(&[("Icahn", Label::Per)]),
        ];
        // Stories that make "United States" a name too many stories mention to be evidence.
        docs.extend((0..95).map(|_| doc(&[("Ford", Label::Org), ("United States", Label::Loc)])));
        let mut whole = Registry::new();
        let (mut even, mut odd) = (Registry::new(), Registry::new());
        for (i, d) in docs.iter().enumerate() {
            whole.add_document(d);
            if i % 2 == 0 { even.add_document(d) } else { odd.add_document(d) }
        }
        even.merge(odd);
        assert_eq!(even.to_bytes(), whole.to_bytes(), "the samples merge to the whole's");
        assert_eq!(Registry::from_bytes(&whole.to_bytes()).unwrap(), whole);
        let links = whole.links();
        assert_eq!(links.canonical("Carl C. Icahn"), "Carl Icahn", "the more mentioned form");
        assert_eq!(links.canonical("Icahn"), "Carl Icahn", "a surname has one candidate left");
        assert_eq!(links.canonical("Robert O. Anderson"), "Robert O. Anderson");
        assert_eq!(links.canonical("Robert Anderson"), "Robert Anderson");
        assert_eq!(links.canonical("Charles Cheleden"), "Charles Cheleden");
        assert_eq!(
            links.ambiguous(),
            &[("Charles Cheleden".to_string(), vec!["Charles D. Cheleden".to_string(), "Charles G. Cheleden".to_string()])]
        );
        assert_eq!(without_middle_initials("George H. W. Bush").as_deref(), Some("George Bush"));
        assert_eq!(without_middle_initials("J. Hugh Liedtke"), None, "a first initial is the name's");
        assert_eq!(without_middle_initials("E. F. Hutton"), None);
        assert_eq!(without_middle_initials("Karl Otto Poehl"), None);
    }

    #[test]
    fn several_full_names_yield_to_the_one_documents_link_four_times_in_five() {
        // A document that names someone in full and then by one word ("President Reagan"),
        // as resolving within it left it: the short mention's entity is the full name.
        let named = |full: &str, short: &str| {
            let mut d = doc(&[(full, Label::Per), (short, Label::Per)]);
            d.mentions[1].entity = full.to_string();
            d
        };
        let corpus = |ronald: usize, nancy: usize| {
            let mut r = Registry::new();
            for _ in 0..ronald {
                r.add_document(&named("Ronald Reagan", "President Reagan's"));
            }
            for _ in 0..nancy {
                r.add_document(&named("Nancy Reagan", "Reagan"));
            }
            r.add_document(&doc(&[("Reagan", Label::Per), ("Nancy Reagan", Label::Per), ("Nancy Reagan", Label::Per)]));
            r
        };
        let linked = |r: &Registry| r.links().canonical("Reagan").to_string();
        assert_eq!(linked(&corpus(4, 1)), "Ronald Reagan");
        // Not where the name begins an organisation's, unless that is an institution of its
        // bearer's ("Reagan Administration").
        let with_org = |org: &str| {
            let mut r = corpus(4, 1);
            r.add_document(&doc(&[(org, Label::Org); 5]));
            linked(&r)
        };
        assert_eq!((with_org("Reagan Industries").as_str(), with_org("Reagan Administration").as_str()), ("Reagan", "Ronald Reagan"));
        // Nor where it ends one: the bare name may be the firm, which the tagger took for a
        // surname ("Fox" of 20th Century Fox).
        assert_eq!(with_org("Benson Reagan").as_str(), "Reagan");
        assert_eq!(linked(&corpus(7, 2)), "Reagan", "seven in nine is not four in five");
        // A given name that is the one known person's surname is linked only as his usual
        // name: "Howard" alone is Michael Howard where five stories naming him call him so,
        // not where one does (a goalkeeper, a film's character). A full name's first word
        // ("Wang" of "Wang Yi", "Claire" of "Claire Armistead") is linked in a story that
        // shares a name with theirs, and everywhere where five stories call him so.
        let howard = |stories: usize| {
            let mut r = Registry::new();
            for _ in 0..stories {
                r.add_document(&named("Michael Howard", "Howard"));
                r.add_document(&named("Wang Yi", "Wang"));
            }
            r.add_document(&doc(&[("Michael Howard", Label::Per), ("Michael Howard", Label::Per), ("Wang Yi", Label::Per), ("Wang Yi", Label::Per)]));
            r.add_document(&doc(&[("Claire Armistead", Label::Per), ("Claire Armistead", Label::Per), ("Guardian", Label::Org)]));
            let story = doc(&[("Howard", Label::Per), ("Wang", Label::Per), ("Claire", Label::Per), ("Guardian", Label::Org)]);
            r.add_document(&story);
            linked_with(&r.links(), &story)
        };
        assert_eq!(howard(5), ["Michael Howard", "Wang Yi", "Claire Armistead", "Guardian"]);
        assert_eq!(howard(1), ["Howard", "Wang", "Claire Armistead", "Guardian"]);
        assert_eq!(linked(&corpus(4, 0)), "Reagan", "four documents are too few");
        // The evidence merges and survives a round trip; a version 2 registry reads without it.
        let (mut a, b) = (corpus(3, 0), corpus(1, 1));
        a.merge(b);
        assert_eq!(linked(&a), "Ronald Reagan");
        assert_eq!(Registry::from_bytes(&a.to_bytes()).unwrap(), a);
        let v2 = postcard::to_allocvec(&(2u32, vec![("Nancy Reagan".to_string(), [2u64, 0, 0, 0])], Vec::<(String, [u64; 4])>::new(), Vec::<(String, u64)>::new(), 1u64)).unwrap();
        let old = Registry::from_bytes(&v2).unwrap();
        assert_eq!((old.n_documents(), old.linked.len(), old.full_names.len()), (1, 0, 1));
    }
}
