//! Bytes of unknown encoding to text: a byte-order mark if there is one, UTF-8 when the bytes
//! are valid UTF-8, otherwise the legacy encoding that chardetng (Firefox's detector) guesses.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// The text of `bytes`, and the name of the encoding it was read as.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), UTF_8.name());
    }
    // Invalid UTF-8 was ruled out above; ISO-2022-JP is news mail's Japanese encoding.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding.name())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
