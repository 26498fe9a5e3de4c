//! Cleaning markup: tags, entities, comments and unclosed elements in any order.
#![no_main]

use comention::clean::{clean, CleanOptions};
use comention::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let mut doc = Document::new("fuzz", format!("<html><body><p>{body}</p></body></html>"));
    clean(&mut doc, &CleanOptions::default());
    comention::doc::check_offsets(&doc).unwrap();
});
