//! Words as duplicate paragraphs and recurring lines are compared by: runs of alphanumeric
//! characters, lower-cased, punctuation and quote style ignored.

/// Calls `event` with each byte of each lower-cased word of `text` (UTF-8), and with `None`
/// after each word.
#[inline]
pub fn lower_words(text: &str, mut event: impl FnMut(Option<u8>)) {
    let mut in_word = false;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        // ASCII characters (most, even in a paragraph with curly quotes) skip the general
        // lower-casing, which costs a call per character.
        if c.is_ascii_alphanumeric() {
            event(Some((c as u8).to_ascii_lowercase()));
        } else if !c.is_ascii() && c.is_alphanumeric() {
            for l in c.to_lowercase() {
                l.encode_utf8(&mut buf).bytes().for_each(|b| event(Some(b)));
            }
        } else {
            if std::mem::take(&mut in_word) {
                event(None);
            }
            continue;
        }
        in_word = true;
    }
    if in_word {
        event(None);
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
}
