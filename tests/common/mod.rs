//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// A file under ../shared, or `None` (with a visible note) when it is absent outside CI.
/// Under CI (the `CI` variable set) a missing file fails the test instead.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is required under CI but missing", p.display());
    }
    eprintln!("SKIPPED: {} not found (tests that need ../shared skip outside CI)", p.display());
    None
}
