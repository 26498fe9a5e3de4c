//! Helpers for the crate's unit tests.

/// A seeded linear congruential generator: the same inputs on every run and machine for
/// tests that compare a fast path with a plain one over many generated cases.
pub(crate) struct Lcg(u64);

impl Lcg {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    fn step(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0
    }

    /// A number below `m` (from the state's high bits, the well-mixed ones).
    pub fn below(&mut self, m: u64) -> u64 {
        (self.step() >> 33) % m
    }

    /// A number in [0, 1) with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.step() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The (text, entity, label) of each mention of `text`, run through the whole pipeline with the
/// default options.
pub(crate) fn mentions_of(text: &str) -> Vec<(String, String, crate::Label)> {
    processed(text).mentions.iter().map(|m| (m.text.clone(), m.entity.clone(), m.label)).collect()
}

/// `text` run through the whole pipeline with the default options.
pub(crate) fn processed(text: &str) -> crate::Document {
    let input = crate::Input { id: "d".into(), text: Some(text.into()), ..Default::default() };
    crate::Pipeline::new(Default::default()).expect("the default options load").process_one(input)
}
