//! Benchmarks for `otcheck_core::audit_log` (placeholder until the module lands).
fn main() {}
