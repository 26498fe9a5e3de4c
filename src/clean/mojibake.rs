//! Repairing mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 (once or twice)
//! before it reached us, so that "donâ€™t" reads "don’t" and "Ã©tÃ©" reads "été".
//!
//! A word is re-encoded to the single bytes it was mis-decoded from and read again as UTF-8.
//! Correct text survives: its bytes are almost never valid UTF-8 with non-ASCII in it ("café"
//! gives the lone byte E9), and curly quotes on their own stay curly.

use encoding_rs::WINDOWS_1252;

/// Rounds of repair: text mis-decoded twice is common; more is not.
const MAX_ROUNDS: usize = 2;

/// The repaired word, when it was mojibake.
pub fn repair(word: &str) -> Option<String> {
    if !word.chars().any(may_open_mojibake) {
        return None;
    }
    let mut current = word.to_string();
    for _ in 0..MAX_ROUNDS {
        let Some(bytes) = single_bytes(&current) else { break };
        let Ok(decoded) = String::from_utf8(bytes) else { break };
        if decoded == current {
            break;
        }
        current = decoded;
        if !current.chars().any(is_lead) {
            break;
        }
    }
    // Windows-1252 punctuation read as Latin-1 is left as C1 controls ("don\u{92}t"): read
    // those bytes as Windows-1252 again.
    if current.chars().any(is_c1) {
        current = current.chars().map(|c| if is_c1(c) { WINDOWS_1252.decode_without_bom_handling(&[c as u8]).0.chars().next().unwrap_or(c) } else { c }).collect();
    }
    (current != word).then_some(current)
}

/// True when `c` may be part of mojibake (a UTF-8 lead byte or a C1 control read as one
/// character): words without such characters are left as they are.
pub fn may_open_mojibake(c: char) -> bool {
    is_lead(c) || is_c1(c)
}

/// True when `c` may stand for a UTF-8 continuation byte (80–BF) read as Windows-1252 or
/// Latin-1. A lead character followed by anything else starts no mojibake: its word's bytes
/// are not UTF-8 ("São", "ação"), and [`repair`] leaves the word as it is.
pub fn may_continue_mojibake(c: char) -> bool {
    if c < '\u{100}' {
        return ('\u{80}'..='\u{bf}').contains(&c);
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    !unmappable && matches!(&*bytes, [0x80..=0xbf])
}

/// The C1 control characters, U+0080–U+009F.
pub fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// Characters that a UTF-8 lead byte (C2–F4) becomes when read as Windows-1252 or Latin-1.
pub fn is_lead(c: char) -> bool {
    ('\u{c2}'..='\u{f4}').contains(&c)
}

/// True when `c` may open a mojibake sequence that continues past a no-break space: "Ã" and
/// "Â" followed by the byte A0, which Windows-1252 reads as a no-break space ("Ã\u{a0}" is "à").
pub fn joins_next_space(c: char) -> bool {
    matches!(c, 'Â' | 'Ã')
}

/// The bytes `text` was decoded from, if every character is one byte in Windows-1252 or
/// Latin-1 (whose C1 controls Windows-1252 reads as punctuation).
fn single_bytes(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if (c as u32) < 0x100 {
            out.push(c as u32 as u8);
            continue;
        }
        let (bytes, _, unmappable) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        match (&*bytes, unmappable) {
            ([b], false) => out.push(*b),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_once_and_twice_mis_decoded_words() {
        assert_eq!(repair("donâ€™t").as_deref(), Some("don’t"));
        assert_eq!(repair("Ã©tÃ©").as_deref(), Some("été"));
        assert_eq!(repair("Â£5").as_deref(), Some("£5"));
        assert_eq!(repair("donÃ¢â‚¬â„¢t").as_deref(), Some("don’t"), "twice");
        assert_eq!(repair("â\u{80}\u{99}").as_deref(), Some("’"), "Latin-1, C1 controls");
        assert_eq!(repair("voilÃ\u{a0}").as_deref(), Some("voilà"));
        assert_eq!(repair("don\u{92}t").as_deref(), Some("don’t"), "C1 control for 1252 punctuation");
        assert_eq!(repair("\u{93}quoted\u{94}").as_deref(), Some("“quoted”"));
    }

    #[test]
    fn leaves_correct_text_alone() {
        for w in ["café", "naïve", "don’t", "“quoted”", "Zürich", "Ångström", "São", "Â", "Ã", "señor", "東京", "€5"] {
            assert_eq!(repair(w), None, "{w}");
        }
    }
}
