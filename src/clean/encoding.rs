//! Bytes of unknown encoding to text: a byte-order mark if there is one, UTF-8 when the bytes
//! are valid UTF-8, otherwise the legacy encoding that chardetng (Firefox's detector) guesses;
//! and text that carries lone surrogates (which Python strings may hold) to UTF-8.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// The text of `bytes`, and the name of the encoding it was read as.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    decode_declared(bytes, None)
}

/// [`decode`] for bytes whose transport named an encoding (an HTTP `Content-Type` charset):
/// a byte-order mark and UTF-8 first, then that label (as browsers read labels: "iso-8859-1"
/// is windows-1252), then the page's own declaration, then a guess.
pub fn decode_declared(bytes: &[u8], declared: Option<&str>) -> (String, &'static str) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), UTF_8.name());
    }
    if mostly_utf8(bytes) {
        // UTF-8 with a few bad bytes (a cut, a stray byte): each bad sequence becomes U+FFFD.
        // Read as the legacy encoding a detector guesses, every character of the text beyond
        // ASCII turned to mojibake instead.
        return (String::from_utf8_lossy(bytes).into_owned(), UTF_8.name());
    }
    // A declaration before a guess, the transport's before the page's: detection misreads
    // short texts (a euro sign in ISO-8859-15 read as windows-1252's currency sign).
    let named = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())).filter(|&e| readable_declaration(e));
    if let Some(encoding) = named.or_else(|| declared_charset(bytes)) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding.name());
    }
    // Invalid UTF-8 was ruled out above; ISO-2022-JP is news mail's Japanese encoding.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding.name())
}

/// Bytes of a page that browsers search for its declared encoding.
const PRESCAN: usize = 1024;

/// The encoding an HTML page declares in a `<meta>` tag within its first 1,024 bytes
/// (`charset="..."`, or `content="text/html; charset=..."`), as browsers read it before they
/// guess; UTF-8 and UTF-16 declarations are left out (bytes that got here are not UTF-8, and
/// a declaration found in ASCII bytes cannot be UTF-16).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(PRESCAN)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&head[from..], b"<meta") {
        let tag_start = from + i + 5;
        let tag_end = memchr::memchr(b'>', &head[tag_start..]).map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        from = tag_end;
        // A tag without a readable declaration is passed over, as browsers do.
        if let Some(encoding) = tag_charset(tag) {
            return readable_declaration(encoding).then_some(encoding);
        }
    }
    None
}

/// True for a declared encoding bytes that are not UTF-8 can be read in: UTF-8 itself is
/// ruled out by then, and UTF-16 cannot be declared in ASCII bytes (browsers read it as UTF-8).
fn readable_declaration(encoding: &'static Encoding) -> bool {
    encoding != UTF_8 && encoding.is_ascii_compatible()
}

/// The encoding a meta tag's `charset=` names (the tag lower-cased, without `<meta`).
fn tag_charset(tag: &[u8]) -> Option<&'static Encoding> {
    let at = memchr::memmem::find(tag, b"charset")?;
    let value = tag[at + 7..].trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
    let end = value.iter().position(|&b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(&b))).unwrap_or(value.len());
    Encoding::for_label(&value[..end])
}

/// True when the characters beyond ASCII are mostly well-formed UTF-8: more valid multi-byte
/// characters than invalid sequences. Text in a legacy encoding seldom forms a valid UTF-8
/// sequence by chance (an accented letter then a symbol of 0x80-0xBF), so it fails this.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        // A character cut by the end of the bytes (a lead byte and too few continuation
        // bytes) is a cut, not evidence of another encoding.
        let bad = chunk.invalid();
        let cut = chunks.peek().is_none() && bad.first().is_some_and(|&b| (0xC2..=0xF4).contains(&b)) && bad[1..].iter().all(|&b| b & 0xC0 == 0x80);
        invalid += usize::from(!bad.is_empty() && !cut);
    }
    valid > invalid
}

/// Text from generalised UTF-8 (surrogate code points encoded as UTF-8 encodes any other,
/// as Python's `surrogatepass` writes them), each surrogate replaced by U+FFFD: one code
/// point for one, and three bytes for three, so that offsets into the result are offsets into
/// the original.
pub fn replace_surrogates(mut bytes: Vec<u8>) -> String {
    // A surrogate is 0xED followed by 0xA0..=0xBF and a continuation byte; UTF-8 proper never
    // follows 0xED with 0xA0 or more.
    let mut from = 0;
    while let Some(i) = memchr::memchr(0xED, &bytes[from..]).map(|i| from + i) {
        if bytes.get(i + 1).is_some_and(|&b| b >= 0xA0) && bytes.len() >= i + 3 {
            bytes[i..i + 3].copy_from_slice("\u{FFFD}".as_bytes());
        }
        from = i + 1;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        // Not what `surrogatepass` writes; read as any invalid UTF-8 is.
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_become_replacement_characters_one_for_one() {
        // "a\u{D800}é\u{DFFF}" as Python's surrogatepass encodes it.
        let bytes = b"a\xED\xA0\x80\xC3\xA9\xED\xBF\xBFz".to_vec();
        assert_eq!(replace_surrogates(bytes), "a\u{FFFD}é\u{FFFD}z");
        // Text without surrogates (U+D7FF is 0xED 0x9F 0xBF) is unchanged.
        assert_eq!(replace_surrogates("\u{D7FF} Grüße 東京".as_bytes().to_vec()), "\u{D7FF} Grüße 東京");
        assert_eq!(replace_surrogates(b"\xED".to_vec()), "\u{FFFD}");
    }

    #[test]
    fn utf8_bom_and_legacy_encodings() {
        assert_eq!(decode("Grüße".as_bytes()), ("Grüße".to_string(), "UTF-8"));
        assert_eq!(decode(b"\xEF\xBB\xBFhi").0, "hi");
        assert_eq!(decode(b"\xFF\xFEh\x00i\x00"), ("hi".to_string(), "UTF-16LE"));
        let latin = b"Le gouvernement fran\xe7ais a annonc\xe9 des r\xe9formes pour l'\xe9t\xe9 prochain.";
        assert_eq!(decode(latin).0, "Le gouvernement français a annoncé des réformes pour l'été prochain.");
        let cyrillic = encoding_rs::WINDOWS_1251.encode("Правительство объявило о новых реформах в среду.").0;
        assert_eq!(decode(&cyrillic).0, "Правительство объявило о новых реформах в среду.");
    }

    #[test]
    fn a_pages_declared_encoding_comes_before_a_guess() {
        // Detection read this euro sign as windows-1252's currency sign.
        let page = "<html><head><meta charset='iso-8859-15'><title>Prix</title></head><p>Le prix est de 5 € pour l'œuvre.</p>";
        let bytes = encoding_rs::ISO_8859_15.encode(page).0;
        assert_eq!(decode(&bytes), (page.to_string(), "ISO-8859-15"));
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\"><p>Правительство объявило о реформах.</p>";
        assert_eq!(decode(&encoding_rs::KOI8_R.encode(page).0), (page.to_string(), "KOI8-R"));
        // Valid UTF-8 stays UTF-8 whatever the page says; an unknown label or a declaration
        // outside a meta tag, or past the first 1,024 bytes, is not read.
        let page = "<meta charset=\"windows-1252\"><p>Grüße</p>";
        assert_eq!(decode(page.as_bytes()).1, "UTF-8");
        for page in ["<meta charset=\"klingon\"><p>caf\u{e9}</p>", "<p>charset=iso-8859-15 caf\u{e9}</p>"] {
            assert_eq!(decode(&encoding_rs::WINDOWS_1252.encode(page).0).1, "windows-1252", "{page}");
        }
        let late = format!("<p>{}</p><meta charset=\"iso-8859-15\"><p>5 €</p>", " ".repeat(PRESCAN));
        assert_eq!(decode(&encoding_rs::ISO_8859_15.encode(&late).0).1, "windows-1252");
        // A tag that ends before the declaration, or a declaration with nothing after it.
        assert_eq!(declared_charset(b"<meta name=x>charset=iso-8859-15"), None);
        assert_eq!(declared_charset(b"<meta charset"), None);
        assert_eq!(declared_charset(b"<meta name=\"charset-note\"><meta charset=\"bogus\"><meta charset=koi8-r>"), Some(encoding_rs::KOI8_R));
        assert_eq!(declared_charset(b"<META CHARSET = \"ISO-8859-2\" />"), Some(encoding_rs::ISO_8859_2));
    }

    #[test]
    fn a_transports_charset_comes_before_the_pages() {
        // An HTTP header's charset outranks the page's meta tag, as in browsers; "iso-8859-1"
        // is read as windows-1252 (curly quotes at 0x93 and 0x94), as browsers read it.
        let page = "<meta charset=\"iso-8859-15\"><p>“Prix” : 5 €</p>";
        let bytes = encoding_rs::WINDOWS_1252.encode(page).0;
        assert_eq!(decode_declared(&bytes, Some(" ISO-8859-1 ")), (page.to_string(), "windows-1252"));
        assert_eq!(decode_declared(&bytes, None).1, "ISO-8859-15");
        // UTF-8 bytes stay UTF-8 whatever the header says; an unknown or UTF-16 label is passed over.
        assert_eq!(decode_declared("Grüße".as_bytes(), Some("iso-8859-1")).1, "UTF-8");
        for label in ["x-klingon", "utf-16le", ""] {
            assert_eq!(decode_declared(&bytes, Some(label)).1, "ISO-8859-15", "{label}");
        }
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        // A file cut inside a character, or one bad byte in a UTF-8 page: read as a legacy
        // encoding, every "é" became "Ã©".
        let text = "Café owners in Zürich met the mayor – again, naïvely.";
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        assert_eq!(decode(&bytes), (format!("{}\u{FFFD}{}", &text[..10], &text[10..]), "UTF-8"));
        let cut = &text.as_bytes()[..text.find('ü').unwrap() + 1];
        assert_eq!(decode(cut).0, "Café owners in Z\u{FFFD}");
        // Mostly invalid (one accent in a legacy encoding): detected, not replaced.
        assert_eq!(decode(b"caf\xe9 au lait").0, "café au lait");
    }
}
