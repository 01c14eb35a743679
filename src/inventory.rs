//! Placeholder: see issue 9.
