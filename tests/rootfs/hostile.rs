//! Hostile root filesystems: escaping symlinks, FIFOs, device links, loops, sparse giants,
//! non-UTF-8 names and unreadable files. Every read ends in content, an error or a verdict,
//! never a hang, an outside read or a crash, and the tree is byte-identical afterwards.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt as _;
use std::path::Path;
use std::time::{Duration, Instant};

use otcheck::core::ComponentType;
use otcheck::report::OutcomeKind;
use otcheck::target::{FileKind, Limits, ReadError, Resolution, Target, TargetKind};

use crate::util::{RootfsBuilder, snapshot};

const INSIDE: &str = "root:x:0:0:INSIDE:/root:/bin/sh\n";

fn hostile() -> RootfsBuilder {
    let fs = RootfsBuilder::new();
    // Something worth stealing outside the root, reachable by naive `..` resolution.
    std::fs::create_dir_all(fs.outside().join("etc")).unwrap();
    std::fs::write(
        fs.outside().join("etc/passwd"),
        "root:x:0:0:OUTSIDE:/root:/bin/sh\n",
    )
    .unwrap();
    std::fs::write(fs.outside().join("secret"), "OUTSIDE\n").unwrap();
    fs.file("/etc/passwd", INSIDE)
        // Absolute self-link: a loop inside the root, the host's /etc/shadow on a naive resolver.
        .symlink("/etc/shadow", "/etc/shadow")
        .symlink("/etc/group", "../../../../../../../../etc/passwd")
        .symlink("/etc/escape", "../../secret")
        .symlink("/etc/abs", "/etc/passwd")
        .symlink("/etc/ssh/sshd_config", "sshd_config.loop")
        .symlink("/etc/ssh/sshd_config.loop", "/etc/ssh/sshd_config")
        .fifo("/etc/issue")
        .symlink("/etc/motd", "/dev/zero")
        .symlink("/etc/issue.net", "/proc/self/root/etc/passwd")
        .sparse("/etc/login.defs", 100 << 30)
        .fifo("/etc/pam.d/common-auth")
        .file(
            "/etc/pam.d/common-password",
            "password requisite pam_pwquality.so minlen=12\n",
        )
        .symlink("/etc/profile", "/etc/profile")
        .file("/etc/default/dropbear", "DROPBEAR_ARGS=\"-w -I\"\n")
        .file(
            "/etc/inittab",
            ":::\n::::::\nttyS0::respawn\n\u{0}\u{ff}:x:respawn:/bin/sh\n",
        )
        .fifo("/etc/sysctl.conf")
        .symlink(
            "/etc/systemd/system/multi-user.target.wants/loop.service",
            "loop.service",
        );
    // Non-UTF-8 names in places the probes list.
    let bad = OsStr::from_bytes(b"\xff\xfe-bad.conf");
    std::fs::write(
        fs.root().join("etc/pam.d").join(bad),
        "auth required pam_faillock.so deny=3\n",
    )
    .unwrap();
    std::fs::create_dir_all(fs.root().join("usr/bin")).unwrap();
    std::fs::write(
        fs.root()
            .join("usr/bin")
            .join(OsStr::from_bytes(b"tool\x80")),
        "",
    )
    .unwrap();
    std::fs::set_permissions(
        fs.root()
            .join("usr/bin")
            .join(OsStr::from_bytes(b"tool\x80")),
        std::os::unix::fs::PermissionsExt::from_mode(0o4755),
    )
    .unwrap();
    // A real device node when we may create one (root), else just the dangling link above.
    if nix::unistd::geteuid().is_root() {
        std::fs::create_dir_all(fs.root().join("dev")).unwrap();
        nix::sys::stat::mknod(
            &fs.root().join("dev/zero"),
            nix::sys::stat::SFlag::S_IFCHR,
            nix::sys::stat::Mode::from_bits_truncate(0o666),
            nix::sys::stat::makedev(1, 5),
        )
        .unwrap();
    }
    fs
}

fn targets(root: &Path) -> Vec<Target> {
    let userspace = Limits {
        resolution: Resolution::Userspace,
        ..Limits::default()
    };
    vec![
        Target::rootfs(root).unwrap(),
        Target::open(TargetKind::Rootfs, root, userspace).unwrap(),
    ]
}

#[test]
fn every_path_resolves_inside_the_root_with_either_resolver() {
    let fs = hostile();
    let targets = targets(&fs.root());
    assert!(!targets[1].uses_openat2());
    for t in &targets {
        let which = if t.uses_openat2() {
            "openat2"
        } else {
            "userspace"
        };
        // `..` beyond the root and absolute links stay inside.
        assert_eq!(t.read_file("/etc/group").unwrap().text(), INSIDE, "{which}");
        assert_eq!(t.read_file("/etc/abs").unwrap().text(), INSIDE, "{which}");
        assert_eq!(
            t.read_file("/../../../etc/passwd").unwrap().text(),
            INSIDE,
            "{which}"
        );
        assert_eq!(
            t.read_file("etc/../../etc/./passwd").unwrap().text(),
            INSIDE,
            "{which}"
        );
        assert!(
            t.read_file("/etc/escape").unwrap_err().is_not_found(),
            "{which}"
        );
        // Loops end.
        assert!(
            matches!(t.read_file("/etc/shadow"), Err(ReadError::Loop { .. })),
            "{which}"
        );
        assert!(
            matches!(
                t.read_file("/etc/ssh/sshd_config"),
                Err(ReadError::Loop { .. })
            ),
            "{which}"
        );
        // A FIFO is refused without blocking.
        let started = Instant::now();
        assert!(
            matches!(
                t.read_file("/etc/issue"),
                Err(ReadError::NotRegularFile {
                    kind: FileKind::Fifo,
                    ..
                })
            ),
            "{which}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
        // /dev/zero means the root's /dev/zero: a device node (refused) or nothing.
        match t.read_file("/etc/motd") {
            Err(ReadError::NotRegularFile {
                kind: FileKind::CharDevice,
                ..
            }) => {}
            Err(e) if e.is_not_found() => {}
            other => panic!("{which}: /etc/motd -> {other:?}"),
        }
        // Magic links are not followed (openat2 refuses them; userspace resolves the text
        // inside the root, where there is no /proc).
        assert!(t.read_file("/etc/issue.net").is_err(), "{which}");
        // The 100 GB sparse file is refused by size, without reading it.
        let started = Instant::now();
        assert!(
            matches!(t.read_file("/etc/login.defs"), Err(ReadError::TooLarge { size, .. }) if size == 100 << 30),
            "{which}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
        // lstat describes links without following them.
        assert_eq!(t.metadata("/etc/shadow").unwrap().kind, FileKind::Symlink);
        assert_eq!(
            t.read_link("/etc/group").unwrap(),
            Path::new("../../../../../../../../etc/passwd")
        );
        // Non-UTF-8 names are listed and walked.
        let names: Vec<_> = t
            .read_dir("/etc/pam.d")
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert!(
            names.iter().any(|n| n.as_bytes() == b"\xff\xfe-bad.conf"),
            "{which}"
        );
        let mut seen = Vec::new();
        let summary = t
            .walk("/", &Default::default(), |e| seen.push(e.path.clone()))
            .unwrap();
        assert!(summary.complete(), "{summary:?}");
        assert!(
            seen.iter()
                .any(|p| p.as_os_str().as_bytes() == b"/usr/bin/tool\x80")
        );
        // Nothing outside was read.
        assert!(t.inputs().iter().all(|i| i.path.starts_with('/')));
    }
}

#[test]
fn a_hostile_tree_ends_in_verdicts_and_is_left_byte_identical() {
    let fs = hostile();
    let before = snapshot(&fs.outside());
    let started = Instant::now();
    let outcome = fs.audit(ComponentType::EmbeddedDevice);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        snapshot(&fs.outside()),
        before,
        "the audit modified the tree"
    );
    assert!(outcome.records.len() >= 37);
    for r in &outcome.records {
        assert_ne!(r.outcome, OutcomeKind::Error, "{}: {}", r.check, r.message);
        let text = format!("{r:?}");
        assert!(
            !text.contains("OUTSIDE"),
            "{}: read outside the root: {text}",
            r.check
        );
    }
    let r = |id: &str| outcome.record(id).unwrap();
    // /etc/shadow is a loop: what depends on it is not assessed, with the reason.
    assert_eq!(
        r("accounts.empty-password").outcome,
        OutcomeKind::NotAssessed
    );
    assert!(
        r("accounts.empty-password")
            .message
            .contains("/etc/shadow: too many levels of symbolic links")
    );
    assert_eq!(r("accounts.uid0-unique").outcome, OutcomeKind::Pass);
    // The sshd_config loop is reported, not followed forever.
    assert_eq!(r("ssh.permit-root-login").outcome, OutcomeKind::NotAssessed);
    // A FIFO at a PAM stack path makes the PAM verdicts not assessed rather than wrong.
    assert_eq!(r("auth.lockout").outcome, OutcomeKind::NotAssessed);
    assert!(
        r("auth.lockout")
            .message
            .contains("/etc/pam.d/common-auth: not a regular file (FIFO)")
    );
    // The sysctl FIFO: not assessed.
    assert_eq!(
        r("sysctl.kernel-hardening").outcome,
        OutcomeKind::NotAssessed
    );
    // The setuid file with a non-UTF-8 name is found and named (lossily).
    assert_eq!(
        r("files.setuid").finding.as_deref(),
        Some("FILES-UNEXPECTED-SETID")
    );
    assert!(r("files.setuid").message.contains("/usr/bin/tool\u{fffd}"));
    // The inittab garbage is skipped; the one real shell entry is judged.
    assert_eq!(
        r("console.authentication").finding.as_deref(),
        Some("CONSOLE-NO-AUTH")
    );
    assert!(
        outcome
            .target
            .inputs
            .iter()
            .all(|i| !i.path.contains("secret"))
    );
}

/// Root reads everything, so permission denial is exercised by re-running this test binary
/// as `nobody` (with `setpriv`) on a tree whose shadow file is mode 0600.
#[test]
fn unreadable_files_are_not_assessed_with_the_reason() {
    let fs = RootfsBuilder::new();
    fs.file(
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/sh\nop:x:1000:1000::/home/op:/bin/sh\n",
    )
    .file_mode("/etc/shadow", "root:::::::\n", 0o600)
    .dir_mode("/etc/ssh", 0o700)
    .file("/etc/ssh/sshd_config", "PermitRootLogin yes\n");
    if !nix::unistd::geteuid().is_root() {
        check_unreadable(&fs.root());
        return;
    }
    if !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("setpriv missing: permission-denied handling not exercised as root");
        return;
    }
    for dir in [fs.outside(), fs.root(), fs.root().join("etc")] {
        std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .unwrap();
    }
    let out = std::process::Command::new("/usr/bin/setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "hostile::unreadable_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("OTCHECK_UNREADABLE_ROOT", fs.root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
}

#[test]
#[ignore = "run by unreadable_files_are_not_assessed_with_the_reason as an unprivileged user"]
fn unreadable_child() {
    let root = std::env::var_os("OTCHECK_UNREADABLE_ROOT").expect("OTCHECK_UNREADABLE_ROOT");
    check_unreadable(Path::new(&root));
}

fn check_unreadable(root: &Path) {
    for t in targets(root) {
        assert!(matches!(
            t.read_file("/etc/shadow"),
            Err(ReadError::PermissionDenied { .. })
        ));
        let outcome = otcheck::audit::run(&otcheck::audit::AuditPlan::new(t));
        let r = outcome.record("accounts.empty-password").unwrap();
        assert_eq!(r.outcome, OutcomeKind::NotAssessed);
        assert_eq!(
            r.message,
            "could not read the configuration: /etc/shadow: permission denied"
        );
        assert_eq!(
            outcome.record("accounts.uid0-unique").unwrap().outcome,
            OutcomeKind::Pass
        );
        let ssh = outcome.record("ssh.permit-root-login").unwrap();
        assert_eq!(ssh.outcome, OutcomeKind::NotAssessed, "{}", ssh.message);
        assert!(
            ssh.message
                .contains("/etc/ssh/sshd_config: permission denied"),
            "{}",
            ssh.message
        );
    }
}

#[test]
fn malformed_account_lines_are_never_passed_over() {
    let fs = RootfsBuilder::new();
    fs.file(
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/sh\ngarbage without colons\nop:x:not-a-number:0::/:/bin/sh\n\u{0}:::\n",
    )
    .file("/etc/shadow", "root:!:::::::\n");
    let outcome = fs.audit(ComponentType::EmbeddedDevice);
    let uid0 = outcome.record("accounts.uid0-unique").unwrap();
    assert_eq!(uid0.outcome, OutcomeKind::NotAssessed);
    assert_eq!(
        uid0.message,
        "/etc/passwd has lines that could not be parsed: lines 2, 3, 4"
    );
    // A parsed failure still stands: it is true whatever the broken lines say.
    fs.file(
        "/etc/passwd",
        "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\ngarbage\n",
    );
    let outcome = fs.audit(ComponentType::EmbeddedDevice);
    assert_eq!(
        outcome
            .record("accounts.uid0-unique")
            .unwrap()
            .finding
            .as_deref(),
        Some("ACCT-UID0-DUPLICATE")
    );
}
