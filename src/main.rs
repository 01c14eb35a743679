//! The `otcheck` command.
fn main() {}
