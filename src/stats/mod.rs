//! Stage 5: co-mention counting, association measures, timelines and network reduction.

mod burst;
mod columns;
mod context;
mod counts;
mod edges;
mod measures;
mod pairs;

pub use burst::{strongest_burst, Burst};
pub use columns::{code_order, factorize, Factorizer, MentionColumns, Texts};
pub use context::{day_number, iso_date, Context, LabelSet, Period};
pub use counts::{CountOptions, Cooccurrence, DocView, EntityTotals, Example, Occurrence, PairTotals, SurfaceForms};
pub use edges::{EdgeColumns, EdgeOptions, EdgeTable, Measure, OPTIONAL_COLUMNS};
pub use measures::{benjamini_hochberg, chi2_1_sf, Measures, PairCounts, MEASURE_NAMES};
