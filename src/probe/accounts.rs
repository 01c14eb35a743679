//! Local accounts: `/etc/passwd`, `/etc/shadow`, `/etc/group`, and `UID_MIN` from
//! `/etc/login.defs`.
//!
//! Guarantees: a malformed line is skipped and counted, never fatal; an unreadable
//! `/etc/shadow` is kept as its error so password checks can say *not assessed*.

use crate::target::{FileContent, ReadError, Target};

use super::{Source, config_lines, plain_lines};

/// How a stored password is hashed (crypt(3) prefixes).
///
/// ```
/// use otcheck::probe::accounts::HashScheme;
/// assert_eq!(HashScheme::parse("$6$salt$hash"), HashScheme::Sha512Crypt { rounds: 5000 });
/// assert_eq!(HashScheme::parse("$1$salt$hash"), HashScheme::Md5Crypt);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HashScheme {
    /// `$y$` yescrypt.
    Yescrypt,
    /// `$gy$` gost-yescrypt.
    GostYescrypt,
    /// `$7$` scrypt.
    Scrypt,
    /// `$argon2…$`.
    Argon2,
    /// `$2a$`, `$2b$`, `$2y$` bcrypt with its cost.
    Bcrypt {
        /// log2 of the iteration count.
        cost: u32,
    },
    /// `$6$` SHA-512 crypt with its rounds (5000 when not stated).
    Sha512Crypt {
        /// Rounds.
        rounds: u64,
    },
    /// `$5$` SHA-256 crypt with its rounds.
    Sha256Crypt {
        /// Rounds.
        rounds: u64,
    },
    /// `$1$` MD5 crypt.
    Md5Crypt,
    /// 13-character traditional DES crypt.
    Des,
    /// Anything else.
    Unknown(String),
}

impl HashScheme {
    /// Recognises the scheme of a crypt(3) string.
    ///
    /// ```
    /// use otcheck::probe::accounts::HashScheme;
    /// assert_eq!(HashScheme::parse("$2b$12$abc"), HashScheme::Bcrypt { cost: 12 });
    /// ```
    #[must_use]
    pub fn parse(hash: &str) -> Self {
        let mut parts = hash.split('$');
        let _empty = parts.next();
        let id = parts.next().unwrap_or("");
        let param = parts.next().unwrap_or("");
        let rounds = || {
            param
                .strip_prefix("rounds=")
                .and_then(|r| r.parse().ok())
                .unwrap_or(5000)
        };
        match id {
            "y" => Self::Yescrypt,
            "gy" => Self::GostYescrypt,
            "7" => Self::Scrypt,
            "2a" | "2b" | "2y" => Self::Bcrypt {
                cost: param.parse().unwrap_or(0),
            },
            "6" => Self::Sha512Crypt { rounds: rounds() },
            "5" => Self::Sha256Crypt { rounds: rounds() },
            "1" => Self::Md5Crypt,
            s if s.starts_with("argon2") => Self::Argon2,
            _ if !hash.starts_with('$')
                && hash.len() == 13
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'/') =>
            {
                Self::Des
            }
            _ => Self::Unknown(hash.split('$').take(2).collect::<Vec<_>>().join("$")),
        }
    }

    /// A short name for reports.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::accounts::HashScheme::Des.name(), "DES crypt");
    /// ```
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Self::Yescrypt => "yescrypt".into(),
            Self::GostYescrypt => "gost-yescrypt".into(),
            Self::Scrypt => "scrypt".into(),
            Self::Argon2 => "argon2".into(),
            Self::Bcrypt { cost } => format!("bcrypt cost {cost}"),
            Self::Sha512Crypt { rounds } => format!("sha512crypt {rounds} rounds"),
            Self::Sha256Crypt { rounds } => format!("sha256crypt {rounds} rounds"),
            Self::Md5Crypt => "md5crypt".into(),
            Self::Des => "DES crypt".into(),
            Self::Unknown(prefix) => format!("unrecognised scheme {prefix:?}"),
        }
    }
}

/// What an account's password field allows.
///
/// ```
/// use otcheck::probe::accounts::{HashScheme, PasswordState};
/// assert_eq!(PasswordState::from_field(""), PasswordState::Empty);
/// assert_eq!(PasswordState::from_field("!$6$x$y"), PasswordState::Locked);
/// assert_eq!(PasswordState::from_field("$y$j9T$a$b"), PasswordState::Hash(HashScheme::Yescrypt));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasswordState {
    /// No password: anyone may log in as this account where passwords are accepted.
    Empty,
    /// Locked or no valid password (`!`, `*`, `!!`, `!<hash>`).
    Locked,
    /// A usable stored hash.
    Hash(HashScheme),
    /// Not known: the hash is in `/etc/shadow`, which could not be read.
    Unknown,
}

impl PasswordState {
    /// Classifies a passwd or shadow password field.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::accounts::PasswordState::from_field("*"), otcheck::probe::accounts::PasswordState::Locked);
    /// ```
    #[must_use]
    pub fn from_field(field: &str) -> Self {
        if field.is_empty() {
            Self::Empty
        } else if field.starts_with('!') || field.starts_with('*') {
            Self::Locked
        } else {
            Self::Hash(HashScheme::parse(field))
        }
    }

    /// Whether a password login is possible with it.
    ///
    /// ```
    /// assert!(otcheck::probe::accounts::PasswordState::Empty.allows_login());
    /// ```
    #[must_use]
    pub const fn allows_login(&self) -> bool {
        matches!(self, Self::Empty | Self::Hash(_))
    }
}

/// One local account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Account {
    /// Login name.
    pub name: String,
    /// User id.
    pub uid: u32,
    /// Login shell (empty means `/bin/sh`).
    pub shell: String,
    /// The password, from `/etc/shadow` when `passwd` says `x`.
    pub password: PasswordState,
    /// The `/etc/passwd` line.
    pub passwd_source: Source,
    /// The stored password field as written, for grading; never put in evidence.
    pub(crate) stored: Stored,
    /// The `/etc/shadow` line, if any.
    pub shadow_source: Option<Source>,
}

impl Account {
    /// Whether the shell allows an interactive login.
    ///
    /// ```
    /// # use otcheck::probe::accounts::Account;
    /// assert!(!Account::is_login_shell("/usr/sbin/nologin"));
    /// assert!(Account::is_login_shell("/bin/ash"));
    /// assert!(Account::is_login_shell(""));
    /// ```
    #[must_use]
    pub fn is_login_shell(shell: &str) -> bool {
        let base = shell.rsplit('/').next().unwrap_or(shell);
        !matches!(
            base,
            "nologin" | "false" | "sync" | "shutdown" | "halt" | "true"
        )
    }

    /// Where the password was read (the shadow line, else the passwd line); excerpts
    /// never hold a hash.
    pub(crate) fn password_source(&self) -> Source {
        self.shadow_source
            .clone()
            .unwrap_or_else(|| self.passwd_source.clone())
    }
}

/// A stored password field: its `Debug` never shows the hash.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Stored(pub(crate) String);

impl core::fmt::Debug for Stored {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Stored(…)")
    }
}

/// The accounts of the target.
#[derive(Debug)]
#[non_exhaustive]
pub struct Accounts {
    /// The parsed accounts, in file order.
    pub accounts: Vec<Account>,
    /// `/etc/passwd` as read.
    pub passwd: FileContent,
    /// `/etc/shadow`: `None` when absent, the error when unreadable.
    pub shadow: Result<Option<FileContent>, ReadError>,
    /// Lines of `/etc/passwd` that could not be parsed.
    pub malformed: Vec<u32>,
    /// The first non-system UID (`UID_MIN`, default 1000).
    pub uid_min: u32,
}

/// Reads the account database.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("etc"))?;
/// std::fs::write(dir.path().join("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n")?;
/// std::fs::write(dir.path().join("etc/shadow"), "root:!:19000::::::\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let accounts = otcheck::probe::accounts::probe(&target)?;
/// assert_eq!(accounts.accounts[0].password, otcheck::probe::accounts::PasswordState::Locked);
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The [`ReadError`] for `/etc/passwd` if it cannot be read.
pub fn probe(target: &Target) -> Result<Accounts, ReadError> {
    let passwd = target.read_file("/etc/passwd")?;
    let shadow = match target.read_file("/etc/shadow") {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    };
    let mut shadow_entries = Vec::new();
    if let Ok(Some(file)) = &shadow {
        let text = file.text();
        for line in plain_lines(&text) {
            let mut fields = line.text.split(':');
            if let (Some(name), Some(hash)) = (fields.next(), fields.next()) {
                // Never copy a hash into evidence.
                let source = Source::new(
                    file.path.clone(),
                    line.number,
                    format!("{name}:…"),
                    file.sha256.clone(),
                );
                shadow_entries.push((name.to_owned(), hash.to_owned(), source));
            }
        }
    }
    let mut accounts = Vec::new();
    let mut malformed = Vec::new();
    let text = passwd.text();
    for line in plain_lines(&text) {
        if line.text.starts_with('#') || line.text.starts_with('+') || line.text.starts_with('-') {
            continue;
        }
        let fields: Vec<&str> = line.text.split(':').collect();
        let (Some(name), Some(pw), Some(uid), Some(shell)) = (
            fields.first(),
            fields.get(1),
            fields.get(2).and_then(|u| u.parse::<u32>().ok()),
            fields.get(6),
        ) else {
            malformed.push(line.number);
            continue;
        };
        let shadow_entry = shadow_entries.iter().find(|(n, _, _)| n == name);
        let stored = Stored(match (*pw, shadow_entry) {
            ("x", Some((_, hash, _))) => hash.clone(),
            ("x", None) => String::new(),
            (field, _) => field.to_owned(),
        });
        let password = if *pw == "x" {
            match (&shadow, shadow_entry) {
                (_, Some((_, hash, _))) => PasswordState::from_field(hash),
                (Ok(_), None) => PasswordState::Locked,
                (Err(_), None) => PasswordState::Unknown,
            }
        } else {
            PasswordState::from_field(pw)
        };
        accounts.push(Account {
            name: (*name).to_owned(),
            uid,
            shell: (*shell).to_owned(),
            password,
            stored,
            passwd_source: if *pw == "x" || pw.is_empty() {
                Source::at(&passwd, &line)
            } else {
                Source::new(
                    passwd.path.clone(),
                    line.number,
                    format!("{name}:…"),
                    passwd.sha256.clone(),
                )
            },
            shadow_source: shadow_entry.map(|(_, _, s)| s.clone()),
        });
    }
    let uid_min = target
        .read_file("/etc/login.defs")
        .ok()
        .and_then(|f| {
            config_lines(&f.text(), '#').find_map(|l| match l.key_value() {
                ("UID_MIN", v) => v.parse().ok(),
                _ => None,
            })
        })
        .unwrap_or(1000);
    Ok(Accounts {
        accounts,
        passwd,
        shadow,
        malformed,
        uid_min,
    })
}
