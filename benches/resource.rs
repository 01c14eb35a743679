//! Benchmarks for `otcheck_core::resource` (placeholder until the module lands).
fn main() {}
