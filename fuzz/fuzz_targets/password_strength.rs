//! Fuzzes the password strength estimator, the password and default-credential checks, and
//! blocklist parsing and search.
//!
//! The input's first line is the password, further lines are context words. The built-in
//! lists are compiled in only with the `common-passwords` feature, so the target also searches
//! the data file directly, through a `Blocklist` built from it.
//!
//! Invariants: nothing panics; an empty password and only it is flagged `EMPTY`; the length is
//! the number of characters; the estimate never exceeds brute force over the widest pool (fewer
//! than 8 bits a character); a password below the thresholds never passes; binary search finds
//! exactly what a linear scan finds; every entry of a list built from arbitrary text is found.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use otcheck_core::SecurityLevel;
use otcheck_core::auth::blocklist::Blocklist;
use otcheck_core::auth::{StrengthThresholds, Weaknesses, strength};

const COMMON: &str = include_str!("../../crates/otcheck-core/data/auth/common-passwords.txt");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.split('\n');
    let password = lines.next().unwrap_or("");
    let context: Vec<&str> = lines.take(4).collect();

    let s = strength::estimate_with(password, &context);
    assert_eq!(
        password.is_empty(),
        s.weaknesses.contains(Weaknesses::EMPTY)
    );
    assert_eq!(
        usize::try_from(s.length).ok(),
        Some(password.chars().count())
    );
    let bound = u64::from(s.length).saturating_mul(8).saturating_add(1);
    assert!(u64::from(s.guesses_log2) <= bound, "{s:?} for {password:?}");

    let th = StrengthThresholds::for_level(SecurityLevel::Sl3);
    let r = strength::check_password(password, &context, &th);
    if s.length < th.min_length || s.guesses_log2 < th.min_guesses_log2 {
        assert!(!r.outcome.is_pass(), "{s:?} for {password:?}");
    }
    let _ = strength::check_default_credential(password, &context);

    static LIST: OnceLock<Blocklist<'static>> = OnceLock::new();
    let common = LIST.get_or_init(|| {
        Blocklist::from_sorted_lines(COMMON).expect("the data file is a valid list")
    });
    let hit = common.contains(password);
    // Entries are short: the linear scan only matters for short passwords.
    if password.len() <= 64 {
        assert_eq!(hit, common.iter().any(|l| l.eq_ignore_ascii_case(password)));
    } else {
        assert!(!hit);
    }
    if hit {
        assert!(strength::is_on_list(password, common));
    }

    if let Ok(list) = Blocklist::from_sorted_lines(text) {
        for entry in list.iter() {
            assert!(list.contains(entry), "{entry:?}");
        }
        let _ = list.contains(password);
    }
});
