//! comention: news text to clean documents, entity mentions and co-mention statistics.
//!
//! ```
//! use comention::{Input, Pipeline, Options, stats::{Context, CountOptions, EdgeOptions}};
//! let pipeline = Pipeline::new(Options::default()).unwrap();
//! let docs = pipeline.process(vec![Input {
//!     id: "a".into(),
//!     text: Some("Wang Yi met Jake Sullivan in Malta. Wang later flew to Moscow.".into()),
//!     ..Default::default()
//! }]);
//! let counts = pipeline.count(&docs, CountOptions::new(Context::Sentence));
//! assert!(docs[0].mentions.iter().any(|m| m.entity == "Wang Yi"));
//! assert!(!counts.edges(&EdgeOptions::default()).unwrap().is_empty());
//! ```

// Loops that read several arrays at one position (a sentence's tokens, a word's class and
// counts) read clearer by index than by zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod budget;
pub mod clean;
pub mod doc;
pub mod error;
pub mod lexicon;
pub mod memory;
pub mod pipeline;
#[cfg(feature = "python")]
mod python;
pub mod resolve;
pub mod segment;
pub mod stats;
pub mod table;
pub mod tag;
#[cfg(test)]
mod testing;

pub use doc::{Document, Input, Label, Mention, Span};
pub use error::{Error, Result};
pub use pipeline::{Options, Pipeline};

/// Loads the built-in tagger model, word clusters, gazetteers, word lists, alias table and
/// cleaning rules now rather than at first use: a service's first request then costs no more
/// than the next, and processes forked afterwards share them.
pub fn load() {
    tag::default_model();
    tag::clusters::default_clusters();
    tag::gazetteer::default_gazetteer();
    lexicon::load();
    resolve::aliases::builtin();
    clean::load();
}
