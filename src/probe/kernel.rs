//! The kernel build configuration and a documented set of widely recommended hardening
//! options (after the Kernel Self Protection Project's recommendations), each mapped to the
//! requirement it evidences.
//!
//! Where the configuration comes from: a configuration handed in by the caller
//! ([`KernelConfigSource`], e.g. a Yocto/Buildroot `.config` named on the command line); on
//! the live host `/proc/config.gz`, else `/boot/config-<release>` or
//! `/lib/modules/<release>/config` of the running kernel; in a root filesystem every
//! `/boot/config-*` and `/{usr/,}lib/modules/*/config` (the same file twice counts once).
//!
//! | Option | Recommended | Why | Evidences |
//! | --- | --- | --- | --- |
//! | `STRICT_KERNEL_RWX` (`DEBUG_RODATA` before 4.11) | `y` | kernel text read-only, data non-executable | EDR/HDR/NDR/SAR 3.2 |
//! | `STRICT_MODULE_RWX` (`DEBUG_SET_MODULE_RONX`) | `y` when modules are enabled | the same for modules | 3.2 |
//! | `STACKPROTECTOR_STRONG` (`CC_STACKPROTECTOR_STRONG` before 4.18) | `y` | stack canaries in the kernel | 3.2 |
//! | `RANDOMIZE_BASE` | `y` | KASLR | 3.2 |
//! | `VMAP_STACK` | `y` | guard pages around kernel stacks | 3.2 |
//! | `HARDENED_USERCOPY` | `y` | bounds checks on copies to and from user space | 3.2 |
//! | `FORTIFY_SOURCE` | `y` | compile-time and run-time buffer checks | 3.2 |
//! | `DEVMEM` | not set, or `STRICT_DEVMEM` and `IO_STRICT_DEVMEM` | no raw access to kernel memory through `/dev/mem` | 3.2 |
//! | `DEVKMEM` | not set | no `/dev/kmem` | 3.2 |
//! | `MODULE_SIG_FORCE` | `y` when modules are enabled | only signed modules load | CR 3.4 |
//!
//! An option the configuration does not mention at all (and whose architecture support
//! symbol is absent) does not exist for this kernel or architecture, e.g. KASLR on 32-bit
//! ARM: it is listed as unavailable, never failed.
//!
//! Guarantees: reads through [`Target`] only; decompresses `/proc/config.gz` up to
//! [`MAX_CONFIG_BYTES`]; parses any bytes without panicking.

use std::collections::BTreeMap;
use std::io::Read as _;

use crate::probe::Source;
use crate::target::Target;

/// The most bytes a decompressed configuration may have (a full distribution kernel's is
/// about 300 KiB).
pub const MAX_CONFIG_BYTES: u64 = 8 << 20;

/// A kernel configuration supplied by the caller rather than found on the target.
///
/// ```
/// let s = otcheck::probe::kernel::KernelConfigSource::Text { name: "build/.config".into(), bytes: b"CONFIG_X=y\n".to_vec() };
/// assert!(matches!(s, otcheck::probe::kernel::KernelConfigSource::Text { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KernelConfigSource {
    /// A file inside the target.
    InTarget(String),
    /// Text read by the caller (e.g. a `.config` from the build directory).
    Text {
        /// What to call it in the report.
        name: String,
        /// Its contents (gzip-compressed or plain).
        bytes: Vec<u8>,
    },
}

/// A value in a kernel configuration.
///
/// ```
/// assert_eq!(otcheck::probe::kernel::Value::parse("y"), otcheck::probe::kernel::Value::Yes);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// `=y`.
    Yes,
    /// `=m`.
    Module,
    /// `# CONFIG_X is not set`.
    NotSet,
    /// Anything else (numbers, strings).
    Other(String),
}

impl Value {
    /// Parses the text after `=`.
    ///
    /// ```
    /// assert_eq!(otcheck::probe::kernel::Value::parse("m"), otcheck::probe::kernel::Value::Module);
    /// ```
    #[must_use]
    pub fn parse(s: &str) -> Self {
        match s {
            "y" => Self::Yes,
            "m" => Self::Module,
            "n" => Self::NotSet,
            other => Self::Other(other.to_owned()),
        }
    }
}

/// One parsed configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KernelConfig {
    /// Where it was read.
    pub source: Source,
    /// Every `CONFIG_` symbol mentioned, without the prefix.
    pub options: BTreeMap<String, Value>,
}

impl KernelConfig {
    /// Parses configuration text (`CONFIG_X=y`, `# CONFIG_X is not set`).
    ///
    /// ```
    /// use otcheck::probe::{Source, kernel::{KernelConfig, Value}};
    /// let c = KernelConfig::parse(Source::new(".config", 0, "", ""), "CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=\"x\"\n");
    /// assert_eq!(c.get("A"), Some(&Value::Yes));
    /// assert_eq!(c.get("B"), Some(&Value::NotSet));
    /// assert_eq!(c.get("C"), Some(&Value::Other("\"x\"".into())));
    /// ```
    #[must_use]
    pub fn parse(source: Source, text: &str) -> Self {
        let mut options = BTreeMap::new();
        for line in text.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("# CONFIG_") {
                if let Some(name) = rest.strip_suffix(" is not set") {
                    options.insert(name.to_owned(), Value::NotSet);
                }
            } else if let Some(rest) = line.strip_prefix("CONFIG_")
                && let Some((name, value)) = rest.split_once('=')
            {
                options.insert(name.to_owned(), Value::parse(value));
            }
        }
        Self { source, options }
    }

    /// The value of `CONFIG_<name>`, if mentioned.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.options.get(name)
    }

    fn is_y(&self, name: &str) -> bool {
        self.get(name) == Some(&Value::Yes)
    }

    fn mentioned(&self, name: &str) -> bool {
        self.options.contains_key(name)
    }
}

/// What a rule found in one configuration.
///
/// ```
/// assert!(matches!(otcheck::probe::kernel::Verdict::Ok, otcheck::probe::kernel::Verdict::Ok));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// As recommended.
    Ok,
    /// Not as recommended: what was found.
    Weak(String),
    /// The option does not exist for this kernel or architecture.
    Unavailable,
}

/// Which check a rule belongs to.
///
/// ```
/// assert_ne!(otcheck::probe::kernel::RuleGroup::MemoryProtection, otcheck::probe::kernel::RuleGroup::ModuleSigning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleGroup {
    /// Kernel self-protection (EDR/HDR/NDR/SAR 3.2).
    MemoryProtection,
    /// Module signature enforcement (CR 3.4).
    ModuleSigning,
}

/// One recommended setting.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Rule {
    /// The option it is named after.
    pub name: &'static str,
    /// What it protects against.
    pub why: &'static str,
    /// Its check.
    pub group: RuleGroup,
    judge: fn(&KernelConfig) -> Verdict,
}

impl Rule {
    /// Judges one configuration.
    #[must_use]
    pub fn judge(&self, config: &KernelConfig) -> Verdict {
        (self.judge)(config)
    }
}

/// `y` under any of `names`; unavailable when none is mentioned and no `avail` symbol is `y`.
fn enabled(c: &KernelConfig, names: &[&str], avail: &[&str]) -> Verdict {
    if names.iter().any(|n| c.is_y(n)) {
        return Verdict::Ok;
    }
    if names.iter().any(|n| c.mentioned(n)) || avail.iter().any(|a| c.is_y(a)) {
        let first = names.first().copied().unwrap_or_default();
        return Verdict::Weak(match c.get(first) {
            Some(Value::NotSet) | None => format!("CONFIG_{first} is not set"),
            Some(v) => format!("CONFIG_{first}={v:?}"),
        });
    }
    Verdict::Unavailable
}

fn with_modules(c: &KernelConfig, names: &[&str], avail: &[&str]) -> Verdict {
    if c.mentioned("MODULES") && !c.is_y("MODULES") {
        return Verdict::Ok; // no loadable modules at all
    }
    enabled(c, names, avail)
}

/// The documented rule set (see the module docs).
pub static RULES: &[Rule] = &[
    Rule {
        name: "STRICT_KERNEL_RWX",
        why: "kernel text read-only and data non-executable",
        group: RuleGroup::MemoryProtection,
        judge: |c| {
            enabled(
                c,
                &["STRICT_KERNEL_RWX", "DEBUG_RODATA"],
                &["ARCH_HAS_STRICT_KERNEL_RWX"],
            )
        },
    },
    Rule {
        name: "STRICT_MODULE_RWX",
        why: "module text read-only and data non-executable",
        group: RuleGroup::MemoryProtection,
        judge: |c| {
            with_modules(
                c,
                &["STRICT_MODULE_RWX", "DEBUG_SET_MODULE_RONX"],
                &["ARCH_HAS_STRICT_MODULE_RWX"],
            )
        },
    },
    Rule {
        name: "STACKPROTECTOR_STRONG",
        why: "stack canaries in kernel functions",
        group: RuleGroup::MemoryProtection,
        judge: |c| {
            enabled(
                c,
                &["STACKPROTECTOR_STRONG", "CC_STACKPROTECTOR_STRONG"],
                &["HAVE_STACKPROTECTOR", "HAVE_CC_STACKPROTECTOR"],
            )
        },
    },
    Rule {
        name: "RANDOMIZE_BASE",
        why: "kernel address space layout randomisation (KASLR)",
        group: RuleGroup::MemoryProtection,
        judge: |c| enabled(c, &["RANDOMIZE_BASE"], &[]),
    },
    Rule {
        name: "VMAP_STACK",
        why: "guard pages around kernel stacks",
        group: RuleGroup::MemoryProtection,
        judge: |c| enabled(c, &["VMAP_STACK"], &["HAVE_ARCH_VMAP_STACK"]),
    },
    Rule {
        name: "HARDENED_USERCOPY",
        why: "bounds checks on copies between kernel and user space",
        group: RuleGroup::MemoryProtection,
        judge: |c| enabled(c, &["HARDENED_USERCOPY"], &[]),
    },
    Rule {
        name: "FORTIFY_SOURCE",
        why: "buffer overflow checks on string and memory functions",
        group: RuleGroup::MemoryProtection,
        judge: |c| enabled(c, &["FORTIFY_SOURCE"], &["ARCH_HAS_FORTIFY_SOURCE"]),
    },
    Rule {
        name: "DEVMEM",
        why: "/dev/mem gives no access to kernel memory",
        group: RuleGroup::MemoryProtection,
        judge: |c| {
            if c.get("DEVMEM") == Some(&Value::NotSet) {
                return Verdict::Ok;
            }
            if !c.mentioned("DEVMEM") && !c.mentioned("STRICT_DEVMEM") {
                return Verdict::Unavailable;
            }
            if !c.is_y("STRICT_DEVMEM") {
                return Verdict::Weak("CONFIG_DEVMEM=y without CONFIG_STRICT_DEVMEM".to_owned());
            }
            if c.mentioned("IO_STRICT_DEVMEM") && !c.is_y("IO_STRICT_DEVMEM") {
                return Verdict::Weak(
                    "CONFIG_STRICT_DEVMEM=y without CONFIG_IO_STRICT_DEVMEM".to_owned(),
                );
            }
            Verdict::Ok
        },
    },
    Rule {
        name: "DEVKMEM",
        why: "no /dev/kmem",
        group: RuleGroup::MemoryProtection,
        judge: |c| {
            if c.is_y("DEVKMEM") {
                Verdict::Weak("CONFIG_DEVKMEM=y".to_owned())
            } else {
                Verdict::Ok
            }
        },
    },
    Rule {
        name: "MODULE_SIG_FORCE",
        why: "only signed kernel modules load",
        group: RuleGroup::ModuleSigning,
        judge: |c| {
            if c.mentioned("MODULES") && !c.is_y("MODULES") {
                return Verdict::Ok;
            }
            if c.is_y("MODULE_SIG_FORCE") {
                return Verdict::Ok;
            }
            if !c.is_y("MODULES") {
                return Verdict::Unavailable;
            }
            Verdict::Weak(if c.is_y("MODULE_SIG") {
                "CONFIG_MODULE_SIG=y but CONFIG_MODULE_SIG_FORCE is not set: unsigned modules load"
                    .to_owned()
            } else {
                "CONFIG_MODULE_SIG is not set".to_owned()
            })
        },
    },
];

/// What the probe found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct KernelFacts {
    /// The configurations read (each distinct file once).
    pub configs: Vec<KernelConfig>,
    /// Where it looked.
    pub looked: Vec<String>,
    /// What exists but could not be read or decompressed (`path: reason`).
    pub unreadable: Vec<String>,
}

/// Reads the kernel configuration(s): `given` if any, else the usual places (module docs).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("boot"))?;
/// std::fs::write(dir.path().join("boot/config-6.1.0"), "CONFIG_RANDOMIZE_BASE=y\n")?;
/// let target = otcheck::target::Target::rootfs(dir.path())?;
/// let facts = otcheck::probe::kernel::probe(&target, None);
/// assert_eq!(facts.configs[0].source.path, "/boot/config-6.1.0");
/// # Ok(()) }
/// ```
#[must_use]
pub fn probe(target: &Target, given: Option<&KernelConfigSource>) -> KernelFacts {
    let mut facts = KernelFacts::default();
    let candidates: Vec<String> = match given {
        Some(KernelConfigSource::Text { name, bytes }) => {
            use sha2::Digest as _;
            let sha = crate::target::hex(&sha2::Sha256::digest(bytes));
            facts.looked.push(name.clone());
            match decode(bytes) {
                Ok(text) => facts.configs.push(KernelConfig::parse(
                    Source::new(name.clone(), 0, "", sha),
                    &text,
                )),
                Err(why) => facts.unreadable.push(format!("{name}: {why}")),
            }
            return facts;
        }
        Some(KernelConfigSource::InTarget(path)) => vec![path.clone()],
        None if target.is_live() => {
            let release = target
                .read_file("/proc/sys/kernel/osrelease")
                .map(|f| f.text().trim().to_owned())
                .unwrap_or_default();
            let mut v = vec!["/proc/config.gz".to_owned()];
            if !release.is_empty() && !release.contains('/') {
                v.push(format!("/boot/config-{release}"));
                v.push(format!("/lib/modules/{release}/config"));
            }
            v
        }
        None => {
            facts.looked.extend(
                [
                    "/boot/config-*",
                    "/boot/config",
                    "/lib/modules/*/config",
                    "/usr/lib/modules/*/config",
                ]
                .map(str::to_owned),
            );
            let mut v = Vec::new();
            for pattern in ["/boot/config-*", "/boot/config"] {
                v.extend(crate::probe::expand_glob(target, pattern).unwrap_or_default());
            }
            for dir in ["/lib/modules", "/usr/lib/modules"] {
                if let Ok(entries) = target.read_dir(dir) {
                    v.extend(
                        entries
                            .into_iter()
                            .take(64)
                            .map(|e| format!("{dir}/{}/config", e.name.to_string_lossy())),
                    );
                }
            }
            v
        }
    };
    let live_first = target.is_live() && given.is_none();
    let mut seen = std::collections::BTreeSet::new();
    let record_looked = facts.looked.is_empty();
    for path in candidates {
        if record_looked {
            facts.looked.push(path.clone());
        }
        let file = match target.read_file(&path) {
            Ok(f) => f,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                facts.unreadable.push(e.to_string());
                continue;
            }
        };
        if !seen.insert(file.sha256.clone()) {
            continue;
        }
        match decode(&file.bytes) {
            Ok(text) => facts
                .configs
                .push(KernelConfig::parse(Source::file(&file), &text)),
            Err(why) => facts.unreadable.push(format!("{path}: {why}")),
        }
        if live_first && !facts.configs.is_empty() {
            break; // the running kernel's configuration, found
        }
    }
    facts
}

/// Plain text, or gzip decompressed within [`MAX_CONFIG_BYTES`].
fn decode(bytes: &[u8]) -> Result<String, &'static str> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_CONFIG_BYTES.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|_| "invalid gzip data")?;
    if u64::try_from(out.len()).unwrap_or(u64::MAX) > MAX_CONFIG_BYTES {
        return Err("decompresses beyond the size limit");
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> KernelConfig {
        KernelConfig::parse(Source::new("c", 0, "", ""), text)
    }

    fn rule(name: &str) -> &'static Rule {
        RULES.iter().find(|r| r.name == name).unwrap()
    }

    #[test]
    fn aliases_availability_and_module_dependencies() {
        let old = config("CONFIG_DEBUG_RODATA=y\nCONFIG_CC_STACKPROTECTOR_STRONG=y\n");
        assert_eq!(rule("STRICT_KERNEL_RWX").judge(&old), Verdict::Ok);
        assert_eq!(rule("STACKPROTECTOR_STRONG").judge(&old), Verdict::Ok);
        assert_eq!(rule("RANDOMIZE_BASE").judge(&old), Verdict::Unavailable);
        let off = config("# CONFIG_RANDOMIZE_BASE is not set\nCONFIG_HAVE_ARCH_VMAP_STACK=y\n");
        assert!(matches!(
            rule("RANDOMIZE_BASE").judge(&off),
            Verdict::Weak(_)
        ));
        assert!(matches!(rule("VMAP_STACK").judge(&off), Verdict::Weak(_)));
        let no_modules = config("# CONFIG_MODULES is not set\n");
        assert_eq!(rule("MODULE_SIG_FORCE").judge(&no_modules), Verdict::Ok);
        assert_eq!(rule("STRICT_MODULE_RWX").judge(&no_modules), Verdict::Ok);
        let unforced = config("CONFIG_MODULES=y\nCONFIG_MODULE_SIG=y\n");
        assert!(
            matches!(rule("MODULE_SIG_FORCE").judge(&unforced), Verdict::Weak(w) if w.contains("unsigned modules load"))
        );
        let devmem = config(
            "CONFIG_DEVMEM=y\nCONFIG_STRICT_DEVMEM=y\n# CONFIG_IO_STRICT_DEVMEM is not set\n",
        );
        assert!(matches!(rule("DEVMEM").judge(&devmem), Verdict::Weak(_)));
        assert_eq!(
            rule("DEVMEM").judge(&config("# CONFIG_DEVMEM is not set\n")),
            Verdict::Ok
        );
    }

    #[test]
    fn gzip_is_bounded() {
        assert_eq!(decode(b"CONFIG_A=y\n").unwrap(), "CONFIG_A=y\n");
        assert!(decode(&[0x1f, 0x8b, 0, 1, 2]).is_err());
    }
}
