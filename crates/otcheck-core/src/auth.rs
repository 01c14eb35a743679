//! Placeholder; see the issue for this module.
