//! Benchmarks for `otcheck_core::auth` (placeholder until the module lands).
fn main() {}
