//! The `otcheck` command: a thin shell over the `otcheck` library.
//!
//! Exit codes: 0 target met, 1 findings or gaps, 2 usage or runtime error.

use std::io::Write as _;
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            if err.is_broken_pipe() {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "otcheck: {}", err.chain());
            ExitCode::from(2)
        }
    }
}
