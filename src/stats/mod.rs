//! Stage 5: co-mention counting and association measures.

mod counts;
mod measures;

pub use counts::{Context, Cooccurrence, Edge, EntityTotals};
pub use measures::{Measures, PairCounts};
