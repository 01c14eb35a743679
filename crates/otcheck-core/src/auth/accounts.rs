//! Identification of human users (CR 1.1) and its uniqueness (CR 1.1 RE 1), judged over a
//! caller-given list of [`Account`]s.
//!
//! An account is *interactive* when a person can log in with it (a login shell, an HMI or web
//! login); only interactive accounts are judged. CR 1.1 asks that every such login identifies
//! and authenticates its user; CR 1.1 RE 1 that each identifies exactly one person: no
//! shared accounts, no anonymous ones (`guest`, `anonymous`...), no two accounts with the same
//! name or user id.
//!
//! Findings are per account ([`AccountFinding`]: the account's index in the list and the
//! finding), so that reports can name the account; the check's outcome carries the first.
//!
//! Guarantee: nothing panics or allocates; the uniqueness checks take time quadratic in the
//! number of accounts, which is small on any component.
//!
//! ```
//! use otcheck_core::auth::{accounts, Account};
//!
//! let mut shared = Account::new("operator");
//! shared.shared = true;
//! let list = [Account::new("alice"), Account::new("bob"), shared];
//! assert!(accounts::check_human_authentication(&list).outcome.is_pass());
//! let r = accounts::check_unique_accounts(&list);
//! assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-SHARED-ACCOUNT"));
//! let first = accounts::unique_account_findings(&list).next().ok_or("a finding")?;
//! assert_eq!(list[first.index].name, "operator");
//! # Ok::<(), &str>(())
//! ```

use crate::check::{CheckResult, Finding, FindingCode, Outcome, Verified};

use super::{HUMAN_AUTHENTICATION, UNIQUE_ACCOUNTS};

/// One account, as far as identification is concerned.
///
/// ```
/// use otcheck_core::auth::Account;
/// let mut svc = Account::new("backup");
/// svc.uid = Some(34);
/// svc.interactive = false;
/// assert!(svc.authenticated && !svc.shared);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Account<'a> {
    /// The login name.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub name: &'a str,
    /// The numeric user id, where there is one.
    pub uid: Option<u32>,
    /// Whether a person can log in with it.
    pub interactive: bool,
    /// Whether logging in requires an authenticator (false for an empty password or a
    /// passwordless auto-login).
    pub authenticated: bool,
    /// Whether it is known to be used by several people.
    pub shared: bool,
}

impl<'a> Account<'a> {
    /// An interactive, authenticated, unshared account without a user id.
    ///
    /// ```
    /// use otcheck_core::auth::Account;
    /// let a = Account::new("alice");
    /// assert!(a.interactive && a.authenticated && !a.shared && a.uid.is_none());
    /// ```
    #[must_use]
    pub const fn new(name: &'a str) -> Self {
        Self {
            name,
            uid: None,
            interactive: true,
            authenticated: true,
            shared: false,
        }
    }
}

/// A finding about the account at `index` of the list given.
///
/// ```
/// use otcheck_core::auth::{accounts, Account};
/// let mut a = Account::new("kiosk");
/// a.authenticated = false;
/// let f = accounts::human_authentication_findings(&[a]).next().ok_or("a finding")?;
/// assert_eq!((f.index, f.finding.code.as_str()), (0, "AUTH-UNAUTHENTICATED-ACCOUNT"));
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AccountFinding {
    /// The account's index in the list.
    pub index: usize,
    /// What is wrong with it.
    pub finding: Finding,
}

/// Names that identify nobody in particular, compared ignoring ASCII case.
const ANONYMOUS_NAMES: [&str; 7] = [
    "anon",
    "anonymous",
    "everyone",
    "guest",
    "nobody",
    "public",
    "shared",
];

const NO_INTERACTIVE: &str = "no interactive accounts were given";

/// Every interactive account that logs in without authentication.
///
/// ```
/// use otcheck_core::auth::{accounts, Account};
/// assert_eq!(accounts::human_authentication_findings(&[Account::new("a")]).count(), 0);
/// ```
pub fn human_authentication_findings<'a>(
    accounts: &'a [Account<'_>],
) -> impl Iterator<Item = AccountFinding> + use<'a> {
    accounts.iter().enumerate().filter_map(|(index, a)| {
        (a.interactive && !a.authenticated).then_some(AccountFinding {
            index,
            finding: Finding::new(
                FindingCode::new("AUTH-UNAUTHENTICATED-ACCOUNT"),
                "an interactive account logs in without authentication",
            ),
        })
    })
}

/// `auth.human-authentication`: every interactive account requires authentication.
/// Evidences CR 1.1 (human user identification and authentication). Not assessed when no
/// interactive account is given.
///
/// ```
/// use otcheck_core::auth::{accounts, Account};
/// assert_eq!(accounts::check_human_authentication(&[]).outcome.kind(), "not-assessed");
/// ```
pub fn check_human_authentication(accounts: &[Account<'_>]) -> CheckResult {
    let outcome = if !accounts.iter().any(|a| a.interactive) {
        Outcome::NotAssessed(NO_INTERACTIVE)
    } else if let Some(f) = human_authentication_findings(accounts).next() {
        Outcome::Fail(f.finding)
    } else {
        Outcome::Pass(Verified::new(
            "every interactive account requires authentication",
        ))
    };
    CheckResult::new(&HUMAN_AUTHENTICATION, outcome)
}

/// The uniqueness finding for the interactive account at `index`, if any.
fn uniqueness(accounts: &[Account<'_>], index: usize, a: &Account<'_>) -> Option<Finding> {
    if !a.interactive {
        return None;
    }
    if a.shared {
        return Some(Finding::new(
            FindingCode::new("AUTH-SHARED-ACCOUNT"),
            "an interactive account is shared by several people",
        ));
    }
    if ANONYMOUS_NAMES
        .iter()
        .any(|n| n.eq_ignore_ascii_case(a.name))
        || a.name.is_empty()
    {
        return Some(Finding::new(
            FindingCode::new("AUTH-ANONYMOUS-ACCOUNT"),
            "an interactive account does not identify a person (anonymous or guest)",
        ));
    }
    let others = accounts.iter().enumerate().filter(|&(j, _)| j != index);
    if others.clone().any(|(j, b)| j < index && b.name == a.name) {
        return Some(Finding::new(
            FindingCode::new("AUTH-DUPLICATE-ACCOUNT-NAME"),
            "two accounts have the same name",
        ));
    }
    // Report a shared user id on the later account, or on the interactive one.
    let dup_uid = a.uid.is_some_and(|uid| {
        others
            .clone()
            .any(|(j, b)| b.uid == Some(uid) && (j < index || !b.interactive))
    });
    dup_uid.then(|| {
        Finding::new(
            FindingCode::new("AUTH-DUPLICATE-UID"),
            "an interactive account shares its user id with another account",
        )
    })
}

/// Every interactive account that does not identify exactly one person: shared, anonymous,
/// or with a name or user id that another account also has. At most one finding per
/// account, in list order.
///
/// ```
/// use otcheck_core::auth::{accounts, Account};
/// let mut root = Account::new("root");
/// root.uid = Some(0);
/// let mut toor = Account::new("toor");
/// toor.uid = Some(0);
/// let all: Vec<_> = accounts::unique_account_findings(&[root, toor]).map(|f| (f.index, f.finding.code.as_str())).collect();
/// assert_eq!(all, [(1, "AUTH-DUPLICATE-UID")]);
/// ```
pub fn unique_account_findings<'a>(
    accounts: &'a [Account<'_>],
) -> impl Iterator<Item = AccountFinding> + use<'a> {
    accounts.iter().enumerate().filter_map(move |(index, a)| {
        uniqueness(accounts, index, a).map(|finding| AccountFinding { index, finding })
    })
}

/// `auth.unique-accounts`: interactive accounts identify one person each. Evidences CR 1.1
/// RE 1 (unique identification and authentication). Not assessed when no interactive
/// account is given.
///
/// ```
/// use otcheck_core::auth::{accounts, Account};
/// let r = accounts::check_unique_accounts(&[Account::new("alice"), Account::new("Guest")]);
/// assert_eq!(r.outcome.finding().map(|f| f.code.as_str()), Some("AUTH-ANONYMOUS-ACCOUNT"));
/// ```
pub fn check_unique_accounts(accounts: &[Account<'_>]) -> CheckResult {
    let outcome = if !accounts.iter().any(|a| a.interactive) {
        Outcome::NotAssessed(NO_INTERACTIVE)
    } else if let Some(f) = unique_account_findings(accounts).next() {
        Outcome::Fail(f.finding)
    } else {
        Outcome::Pass(Verified::new(
            "every interactive account is unique and identifies one person",
        ))
    };
    CheckResult::new(&UNIQUE_ACCOUNTS, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ids;
    use proptest::prelude::*;
    use std::vec::Vec;

    fn with_uid(name: &str, uid: u32) -> Account<'_> {
        let mut a = Account::new(name);
        a.uid = Some(uid);
        a
    }

    fn found(list: &[Account<'_>]) -> Vec<(usize, &'static str)> {
        unique_account_findings(list)
            .map(|f| (f.index, f.finding.code.as_str()))
            .collect()
    }

    #[test]
    fn a_clean_list_passes_both_checks() {
        let mut daemon = with_uid("daemon", 1);
        daemon.interactive = false;
        daemon.authenticated = false;
        let list = [
            with_uid("root", 0),
            daemon,
            with_uid("alice", 1000),
            with_uid("bob", 1001),
        ];
        let r = check_human_authentication(&list);
        assert!(r.outcome.is_pass());
        assert_eq!(r.info.requirements, &[ids::CR_1_1]);
        let r = check_unique_accounts(&list);
        assert!(r.outcome.is_pass());
        assert_eq!(r.info.requirements, &[ids::CR_1_1_RE_1]);
    }

    #[test]
    fn each_kind_of_non_unique_account_is_found_on_the_right_index() {
        let mut shared = with_uid("line1", 1002);
        shared.shared = true;
        let mut svc = with_uid("svc", 1000);
        svc.interactive = false;
        let list = [
            with_uid("alice", 1000), // shares uid with svc (non-interactive): reported here
            with_uid("bob", 1001),
            shared,
            with_uid("GUEST", 1003),
            with_uid("bob", 1004),
            with_uid("carol", 1001),
            svc,
            Account::new(""),
        ];
        assert_eq!(
            found(&list),
            [
                (0, "AUTH-DUPLICATE-UID"),
                (2, "AUTH-SHARED-ACCOUNT"),
                (3, "AUTH-ANONYMOUS-ACCOUNT"),
                (4, "AUTH-DUPLICATE-ACCOUNT-NAME"),
                (5, "AUTH-DUPLICATE-UID"),
                (7, "AUTH-ANONYMOUS-ACCOUNT"),
            ]
        );
        assert_eq!(
            check_unique_accounts(&list)
                .outcome
                .finding()
                .map(|f| f.code.as_str()),
            Some("AUTH-DUPLICATE-UID")
        );
    }

    #[test]
    fn non_interactive_accounts_are_not_judged() {
        let mut nobody = with_uid("nobody", 65534);
        nobody.interactive = false;
        nobody.authenticated = false;
        let list = [nobody, with_uid("alice", 1000)];
        assert!(check_unique_accounts(&list).outcome.is_pass());
        assert!(check_human_authentication(&list).outcome.is_pass());
        assert_eq!(
            check_unique_accounts(&[nobody]).outcome.kind(),
            "not-assessed"
        );
    }

    proptest! {
        #[test]
        fn pass_iff_names_and_uids_are_unique(
            uids in proptest::collection::vec(0u32..6, 1..8),
        ) {
            const NAMES: [&str; 8] = ["a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8"];
            let list: Vec<_> = uids.iter().zip(NAMES).map(|(&u, n)| with_uid(n, u)).collect();
            let mut sorted = uids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            let unique = sorted.len() == uids.len();
            prop_assert_eq!(check_unique_accounts(&list).outcome.is_pass(), unique);
            // Every duplicate beyond the first holder is reported exactly once.
            prop_assert_eq!(found(&list).len(), uids.len().saturating_sub(sorted.len()));
        }
    }
}
