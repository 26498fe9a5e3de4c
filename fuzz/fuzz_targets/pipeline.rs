//! Every stage in turn (clean, segment, tag, resolve, count) on arbitrary text, without the
//! pipeline's panic guard, so that any panic reaches the fuzzer.
#![no_main]

use comention::clean::{clean, CleanOptions};
use comention::stats::{Context, CountOptions, Cooccurrence, EdgeOptions};
use comention::{resolve, segment, tag, Document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data).into_owned();
    let mut doc = Document::new("fuzz", raw);
    clean(&mut doc, &CleanOptions::default());
    segment::segment(&mut doc);
    tag::tag(&mut doc, tag::default_model());
    resolve::resolve(&mut doc, resolve::aliases::builtin());
    comention::doc::check_offsets(&doc).unwrap();
    for ctx in [Context::Sentence, Context::Window(3)] {
        let mut c = Cooccurrence::new(CountOptions { evidence: 1, ..CountOptions::new(ctx) });
        c.add_document(&doc);
        let _ = c.edges(&EdgeOptions::default());
        let again = Cooccurrence::from_bytes(&c.to_bytes()).unwrap();
        assert!(again.to_bytes() == c.to_bytes());
    }
});
