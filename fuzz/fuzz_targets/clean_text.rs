//! Cleaning plain text: never panics, and every offset it reports lies on the raw text's
//! character boundaries.
#![no_main]

use comention::clean::{clean, CleanOptions};
use comention::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data).into_owned();
    let mut doc = Document::new("fuzz", raw);
    clean(&mut doc, &CleanOptions::default());
    comention::doc::check_offsets(&doc).unwrap();
});
