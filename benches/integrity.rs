//! Benchmarks for `otcheck_core::integrity` (placeholder until the module lands).
fn main() {}
