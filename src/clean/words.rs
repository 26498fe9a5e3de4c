//! Words as duplicate paragraphs and recurring lines are compared by: runs of alphanumeric
//! characters, lower-cased, punctuation and quote style ignored.

/// Each ASCII byte's lower-cased form when it is a letter or digit, and 0 when it separates
/// words.
const ASCII_WORD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Calls `event` with each byte of each lower-cased word of `text` (UTF-8), and with `None`
/// after each word.
#[inline]
pub fn lower_words(text: &str, mut event: impl FnMut(Option<u8>)) {
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes (most, even in a paragraph with curly quotes) are looked up: no decoding
        // and no general lower-casing, which costs a call per character.
        let b = bytes[i];
        let lower = if b < 0x80 {
            i += 1;
            ASCII_WORD[usize::from(b)]
        } else {
            let c = text[i..].chars().next().expect("a character starts at a byte of 0x80 and up");
            i += c.len_utf8();
            if is_word_char(c) {
                for l in c.to_lowercase() {
                    l.encode_utf8(&mut [0u8; 4]).bytes().for_each(|b| event(Some(b)));
                }
                in_word = true;
                continue;
            }
            0
        };
        if lower != 0 {
            event(Some(lower));
            in_word = true;
        } else if std::mem::take(&mut in_word) {
            event(None);
        }
    }
    if in_word {
        event(None);
    }
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
        let mut out = Vec::new();
        lower_words("  Grüße, WANG-yi’s 2024!", |e| out.push(e.unwrap_or(b'|')));
        assert_eq!(String::from_utf8(out).unwrap(), "grüße|wang|yi|s|2024|");
        let mut none = 0;
        lower_words(" ,; ", |_| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn the_shortcuts_agree_with_the_unicode_tables() {
        for c in ('\u{80}'..='\u{600}').chain('\u{2000}'..='\u{206f}').chain('\u{ac00}'..='\u{d7a3}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        for b in 0..128u8 {
            let c = char::from(b);
            assert_eq!(ASCII_WORD[usize::from(b)], if c.is_alphanumeric() { b.to_ascii_lowercase() } else { 0 }, "{c:?}");
        }
    }
}
