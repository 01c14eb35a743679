//! One module per subcommand.

pub(crate) mod audit;
pub(crate) mod catalog;
pub(crate) mod inventory;
pub(crate) mod log;
pub(crate) mod manifest;
pub(crate) mod report;
