//! comention: news text to clean documents, entity mentions and co-mention statistics.

pub mod clean;
pub mod doc;
pub mod segment;
