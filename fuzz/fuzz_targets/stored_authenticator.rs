//! Fuzzes the stored-authenticator parser (crypt(3) and PHC strings) and its grading.
//!
//! Invariants: parsing never panics; an error points inside the input; a parsed hash's salt
//! and hash fields are taken from the input (the hash ends it); grading and the check never
//! panic for either profile.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otcheck_core::auth::{AuthenticatorProfile, StoredAuthenticator, authenticator};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    match StoredAuthenticator::parse(text) {
        Ok(parsed) => {
            let hash = match parsed {
                StoredAuthenticator::Hash(h) => Some(h),
                StoredAuthenticator::Locked { hash } => hash,
                StoredAuthenticator::Empty => {
                    assert!(text.is_empty());
                    None
                }
                _ => None,
            };
            if let Some(hash) = hash {
                assert!(text.contains(hash.salt));
                assert!(text.ends_with(hash.hash));
                let _ = hash.params.memory_kib();
                let _ = hash.salt_bits();
                for profile in [AuthenticatorProfile::HOST, AuthenticatorProfile::EMBEDDED] {
                    for finding in authenticator::grade(&hash, &profile) {
                        assert!(finding.code.is_well_formed());
                    }
                }
            }
        }
        Err(e) => {
            assert!(e.offset() <= text.len(), "{e:?} for {text:?}");
            assert!(!e.to_string().is_empty());
        }
    }
    let result = authenticator::check_stored_authenticator(text, &AuthenticatorProfile::HOST);
    assert_eq!(result.info.id.as_str(), "auth.stored-authenticator");
});
