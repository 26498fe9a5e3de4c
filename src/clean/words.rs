//! Words as duplicate paragraphs and recurring lines are compared by: runs of alphanumeric
//! characters, lower-cased, punctuation and quote style ignored.

use super::normalize::{bytes_within, splat, zero_bytes, HIGH};

/// Each ASCII byte's lower-cased form when it is a letter or digit, and 0 when it separates
/// words (and for every byte from 0x80, which the callers decode first: a table indexed by
/// any byte needs no bounds check).
const ASCII_WORD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// For eight ASCII bytes (little-endian, high bits clear): the high bit of each byte that is
/// a letter or digit, and the bytes as a line key writes them (letters and digits lower-cased,
/// anything else a space). Each class is a range, tested in every byte at once.
#[inline]
fn ascii_words(x: u64) -> (u64, u64) {
    // Bit 0x20 set makes a capital lower-case and leaves a digit as it is, and makes no other
    // byte a letter: one range then finds the letters of both cases, and the folded bytes are
    // the ones written.
    let folded = x | splat(0x20);
    let word = bytes_within(x, b'0', b'9') | bytes_within(folded, b'a', b'z');
    // A byte's high bit times 0xFF / 0x80 fills that byte.
    let fill = (word >> 7).wrapping_mul(0xFF);
    let written = (folded & fill) | (splat(b' ') & !fill);
    (word, written)
}

/// Calls `with` with the lower-cased words of `text` (UTF-8), each followed by one space
/// ("wang yi s 2024 "). A short text's words are written on the stack, in a buffer sized to
/// it (zeroing a large one cost more than writing a menu line): this runs on every block of
/// every document.
pub fn with_lower_words<T>(text: &str, with: impl FnOnce(&[u8]) -> T) -> T {
    // Lower-casing at most adds half to a character's bytes (İ, Ⱥ), and each word adds one
    // space, which a separator or the end pays for: twice the bytes and one always suffice.
    match 2 * text.len() + 1 {
        0..=128 => written_in::<128, T>(text, with),
        129..=1024 => written_in::<1024, T>(text, with),
        1025..=4096 => written_in::<4096, T>(text, with),
        _ => {
            let mut out = Vec::new();
            push_lower_words(text, &mut out);
            with(&out)
        }
    }
}

/// Appends the lower-cased words of `text` (UTF-8) to `out`, each followed by one space.
pub fn push_lower_words(text: &str, out: &mut Vec<u8>) {
    let start = out.len();
    // Room as in `with_lower_words`.
    out.resize(start + 2 * text.len() + 1, 0);
    let n = write_lower_words(text, &mut out[start..]);
    out.truncate(start + n);
}

/// [`with_lower_words`] with a buffer of `N` bytes on the stack.
fn written_in<const N: usize, T>(text: &str, with: impl FnOnce(&[u8]) -> T) -> T {
    let mut out = [0u8; N];
    let n = write_lower_words(text, &mut out);
    with(&out[..n])
}

/// The first eight bytes of `bytes` (little-endian), or all of them padded with zeros.
#[inline]
fn eight_from(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut padded = [0u8; 8];
            padded[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(padded)
        }
    }
}

/// Writes the lower-cased words of `text` into `out`, each followed by one space; returns the
/// bytes written. `out` needs room for `2 * text.len() + 1` bytes (see `with_lower_words`);
/// bytes past the words may be overwritten.
pub(super) fn write_lower_words(text: &str, out: &mut [u8]) -> usize {
    let bytes = text.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Eight ASCII bytes at a time, the last few of a text padded with zeros (which separate
        // words, as the end does): no test of each byte for ASCII, and one write of eight
        // bytes where room for eight is left. A line's key cost 17 instructions a byte, byte
        // by byte.
        let x = eight_from(&bytes[i..]);
        if x & HIGH == 0 && n + 8 <= out.len() {
            let (word, written) = ascii_words(x);
            out[n..n + 8].copy_from_slice(&written.to_le_bytes());
            // A byte is kept when it is a letter or digit, or the first separator after one.
            let kept = (word | word << 8 | u64::from(in_word) << 7) & HIGH;
            if kept == HIGH {
                // Most chunks of prose (no two separators in a row).
                in_word = word >> 63 == 1;
                n += 8;
                i += 8;
                continue;
            }
            // The bytes before the first one dropped (a separator after a separator) are
            // written; the run of separators from there is stepped over. Prose drops one byte
            // at each ", " or ". ": chunk by chunk rather than byte by byte there, the words
            // of the dev pages' lines took 15 % fewer instructions.
            let first = (!kept & HIGH).trailing_zeros() as usize / 8;
            let separators = (!word & HIGH) >> (8 * first);
            let run = (!separators & HIGH).trailing_zeros() as usize / 8;
            n += first;
            i += first + run;
            in_word = false;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            // ASCII (most bytes, even in a paragraph with curly quotes) without a branch on
            // what the byte is: a separator is written as a space, and kept only after a word.
            let lower = ASCII_WORD[usize::from(b)];
            let word = lower != 0;
            out[n] = if word { lower } else { b' ' };
            n += usize::from(word | in_word);
            in_word = word;
            i += 1;
            continue;
        }
        let (next, word) = non_ascii(text, i, |b| {
            out[n] = b;
            n += 1;
        });
        i = next;
        if word {
            in_word = true;
        } else {
            out[n] = b' ';
            n += usize::from(in_word);
            in_word = false;
        }
    }
    if in_word {
        out[n] = b' ';
        n += 1;
    }
    n
}

/// Where each word of `lower` ends (the offset of the space after it), for words as
/// [`write_lower_words`] writes them. Found eight bytes at a time: a paragraph's words are a
/// few bytes each, and a search per word paid its set-up, and a mispredicted branch or two, for
/// each (dedupe's word hashes spent a third of their instructions finding the spaces).
pub(super) fn word_ends(lower: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    // The chunk to read next, the one whose spaces are left in `spaces` (a bit each).
    let (mut next, mut chunk, mut spaces) = (0usize, 0usize, 0u64);
    std::iter::from_fn(move || {
        while spaces == 0 {
            let rest = lower.get(next..).filter(|r| !r.is_empty())?;
            (chunk, next) = (next, next + 8);
            // The last few bytes are padded with zeros, which are no spaces.
            spaces = zero_bytes(eight_from(rest) ^ SPACES);
        }
        let at = chunk + spaces.trailing_zeros() as usize / 8;
        spaces &= spaces - 1;
        Some(at)
    })
}

/// The character at byte `i` of `text` (which is 0x80 or more): calls `byte` with the bytes of
/// its lower-cased form when it is part of a word; returns where the next character starts
/// and whether this one was part of a word.
#[inline]
fn non_ascii(text: &str, i: usize, mut byte: impl FnMut(u8)) -> (usize, bool) {
    let c = text[i..].chars().next().expect("a character starts at a byte of 0x80 and up");
    let word = is_word_char(c);
    if word {
        c.to_lowercase().for_each(|l| l.encode_utf8(&mut [0u8; 4]).bytes().for_each(&mut byte));
    }
    (i + c.len_utf8(), word)
}

/// Whether a character outside ASCII is part of a word. The blocks most news text uses outside
/// ASCII (general punctuation: curly quotes, dashes; Latin letters with accents; Cyrillic;
/// Hangul syllables) are answered without the Unicode tables' search, which costs hundreds of
/// instructions a letter.
#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        '\u{2000}'..='\u{206f}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' | '\u{ac00}'..='\u{d7a3}' => true,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_cased_runs_of_letters_and_digits() {
        let words = |text: &str| with_lower_words(text, |w| String::from_utf8(w.to_vec()).unwrap());
        assert_eq!(words("  Grüße, WANG-yi’s 2024!"), "grüße wang yi s 2024 ");
        assert_eq!(words(" ,; "), "");
        // As the general rules split and lower-case them, at any length: some given texts, and
        // generated ones whose runs of ASCII start and end anywhere in a chunk of eight.
        let mut rng = crate::testing::Lcg::new(5);
        let pieces = ["Wang", "YI", "a", "2024", " ", "  ", ",", "-", "’", "é", "İ", "Ⱥ", "東京", "—", "x.y", "\n", "ABCDEFGHIJ"];
        let generated: Vec<String> = (0..400).map(|_| (0..rng.below(40)).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect()).collect();
        // And runs of ASCII letters and separators of every length, so that a chunk of eight
        // drops bytes at any place, and a text ends at any place in its last chunk.
        let ascii = b"aZ9 ,.-\n'\0";
        let runs: Vec<String> = (0..2000).map(|k| (0..k % 41).map(|_| char::from(ascii[rng.below(ascii.len() as u64) as usize])).collect()).collect();
        let generated: Vec<String> = generated.into_iter().chain(runs).collect();
        let given = ["Ünïcode — Angela Merkel visited Berlin.", "東京 2020 ＡＢＣ", "a", "", "x.y", "ʼn Ǆ ﬃ", "İSTANBUL’DA ȺȺ", &"Ⱥ İ ".repeat(300)];
        for text in given.into_iter().chain(generated.iter().map(String::as_str)) {
            let plain: String = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>() + " ")
                .collect();
            assert_eq!(words(text), plain, "{text:?}");
            let spaces: Vec<usize> = plain.bytes().enumerate().filter(|&(_, b)| b == b' ').map(|(i, _)| i).collect();
            assert_eq!(word_ends(plain.as_bytes()).collect::<Vec<_>>(), spaces, "{text:?}");
            let mut pushed = b"kept ".to_vec();
            push_lower_words(text, &mut pushed);
            assert_eq!(String::from_utf8(pushed).unwrap(), format!("kept {plain}"), "{text:?}");
        }
    }

    #[test]
    fn the_shortcuts_agree_with_the_unicode_tables() {
        for c in ('\u{80}'..='\u{600}').chain('\u{2000}'..='\u{206f}').chain('\u{ac00}'..='\u{d7a3}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        for b in 0..=255u8 {
            let c = char::from(b);
            let word = b < 0x80 && c.is_alphanumeric();
            assert_eq!(ASCII_WORD[usize::from(b)], if word { b.to_ascii_lowercase() } else { 0 }, "{c:?}");
            // Eight bytes at a time, every ASCII byte beside every other, as the table says.
            if b < 0x80 {
                for other in 0..0x80u8 {
                    let mut bytes = [other; 8];
                    bytes[usize::from(b % 8)] = b;
                    let (is_word, written) = ascii_words(u64::from_le_bytes(bytes));
                    for (k, (&byte, out)) in bytes.iter().zip(written.to_le_bytes()).enumerate() {
                        let lower = ASCII_WORD[usize::from(byte)];
                        assert_eq!(is_word >> (8 * k + 7) & 1 == 1, lower != 0, "{byte:#x}");
                        assert_eq!(out, if lower != 0 { lower } else { b' ' }, "{byte:#x}");
                    }
                }
            }
        }
    }
}
