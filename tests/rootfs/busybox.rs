//! A Buildroot-style BusyBox image with Dropbear: no package database, no PAM, init scripts
//! and `inittab` instead of systemd.

use otcheck::core::ComponentType;
use otcheck::report::OutcomeKind::{Fail, NotApplicable, NotAssessed, Pass};

use crate::util::{RootfsBuilder, assert_verdicts};

pub(crate) fn busybox() -> RootfsBuilder {
    let fs = RootfsBuilder::new();
    fs.file_mode("/bin/busybox", "\x7fELF", 0o4755)
        .symlink("/bin/sh", "busybox")
        .symlink("/sbin/init", "../bin/busybox")
        .symlink("/usr/sbin/ntpd", "../../bin/busybox")
        .file_mode("/usr/sbin/dropbear", "\x7fELF", 0o755)
        .dir_mode("/tmp", 0o1777)
        .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n")
        // Buildroot's default: an empty root password.
        .file("/etc/shadow", "root::19700:0:99999:7:::\ndaemon:*:::::::\n")
        .file("/etc/group", "root:x:0:\n")
        .file(
            "/etc/inittab",
            "::sysinit:/bin/mount -t proc proc /proc\n\
             ::sysinit:/etc/init.d/rcS\n\
             console::respawn:/sbin/getty -L console 0 vt100 # GENERIC_SERIAL\n\
             ttyS1::respawn:-/bin/sh\n\
             ::shutdown:/etc/init.d/rcK\n",
        )
        .file_mode("/etc/init.d/rcS", "#!/bin/sh\nfor i in /etc/init.d/S??* ; do $i start; done\n", 0o755)
        .file_mode(
            "/etc/init.d/S01syslogd",
            "#!/bin/sh\nDAEMON=syslogd\nstart-stop-daemon -b -S -q -m -p /var/run/syslogd.pid --exec /sbin/syslogd -- -n -s 512 -b 3\n",
            0o755,
        )
        .file_mode(
            "/etc/init.d/S49ntp",
            "#!/bin/sh\nstart-stop-daemon -S -q -x /usr/sbin/ntpd -- -n -p pool.ntp.org\n",
            0o755,
        )
        .file_mode(
            "/etc/init.d/S50dropbear",
            "#!/bin/sh\nDROPBEAR_ARGS=\"$DROPBEAR_ARGS -R\"\n[ -r /etc/default/dropbear ] && . /etc/default/dropbear\n\
             start-stop-daemon -S -q -p /var/run/dropbear.pid --exec /usr/sbin/dropbear -- $DROPBEAR_ARGS\n",
            0o755,
        )
        .file("/etc/default/dropbear", "DROPBEAR_ARGS=\"-w -I 600\"\n")
        .file("/etc/issue", "Welcome to Buildroot\n")
        .file("/etc/profile", "export PATH=/bin:/sbin:/usr/bin:/usr/sbin\nexport TMOUT=300\n");
    fs
}

#[test]
fn busybox_dropbear_image_is_judged_from_its_own_configuration() {
    let fs = busybox();
    assert!(!fs.root().join("var/lib/dpkg").exists() && !fs.root().join("var/lib/opkg").exists());
    let outcome = fs.audit(ComponentType::EmbeddedDevice);
    assert_verdicts(
        &outcome,
        &[
            ("accounts.empty-password", Fail, Some("ACCT-EMPTY-PASSWORD")),
            ("auth.stored-authenticator", NotApplicable, None),
            ("accounts.shared-uid", Pass, None),
            ("accounts.system-interactive", Pass, None),
            ("accounts.uid0-unique", Pass, None),
            ("auth.lockout", Fail, Some("AUTH-LOCKOUT-DISABLED")),
            (
                "auth.password-lifetime-human",
                Fail,
                Some("AUTH-PW-HISTORY"),
            ),
            ("auth.password-policy", Fail, Some("AUTH-PW-MIN-LENGTH")),
            ("banner.system-use", Fail, Some("BANNER-NO-NOTICE")),
            ("console.authentication", Fail, Some("CONSOLE-NO-AUTH")),
            ("dropbear.banner", Fail, Some("DROPBEAR-NO-BANNER")),
            ("dropbear.empty-passwords", Pass, None),
            ("dropbear.idle-timeout", Pass, None),
            (
                "dropbear.max-auth-tries",
                Fail,
                Some("DROPBEAR-MAX-AUTH-TRIES"),
            ),
            (
                "dropbear.password-authentication",
                Fail,
                Some("DROPBEAR-PASSWORD-AUTH"),
            ),
            ("dropbear.root-login", Pass, None),
            ("files.setuid", Fail, Some("FILES-UNEXPECTED-SETID")),
            ("files.sticky-directories", Pass, None),
            ("files.world-writable", Pass, None),
            ("logging.daemon", Pass, None),
            ("logging.failure-response", Pass, None),
            ("logging.storage", Pass, None),
            (
                "logging.threshold-warning",
                Fail,
                Some("LOG-NO-THRESHOLD-WARNING"),
            ),
            ("network.listening", NotApplicable, None),
            ("services.insecure", Pass, None),
            ("shell.session-timeout", Pass, None),
            ("ssh.banner", NotApplicable, None),
            ("ssh.crypto", NotApplicable, None),
            ("ssh.idle-timeout", NotApplicable, None),
            ("ssh.max-auth-tries", NotApplicable, None),
            ("ssh.max-sessions", NotApplicable, None),
            ("ssh.password-authentication", NotApplicable, None),
            ("ssh.permit-empty-passwords", NotApplicable, None),
            ("ssh.permit-root-login", NotApplicable, None),
            (
                "sysctl.kernel-hardening",
                Fail,
                Some("SYSCTL-KERNEL-HARDENING"),
            ),
            (
                "sysctl.network-hardening",
                Fail,
                Some("SYSCTL-NETWORK-HARDENING"),
            ),
            ("time.sync", Pass, None),
            ("boot.secure-boot", NotAssessed, None),
            ("certs.chain", NotApplicable, None),
            ("certs.constraints", NotApplicable, None),
            ("certs.key-strength", NotApplicable, None),
            ("certs.private-key-encryption", NotApplicable, None),
            ("certs.private-key-permissions", NotApplicable, None),
            ("certs.self-signed", NotApplicable, None),
            ("certs.signature-algorithm", NotApplicable, None),
            ("certs.validity", NotApplicable, None),
            ("hardening.fortify", NotAssessed, None),
            ("hardening.nx-stack", NotAssessed, None),
            ("hardening.pie", NotAssessed, None),
            ("hardening.relro", NotAssessed, None),
            ("hardening.runpath", NotAssessed, None),
            ("hardening.stack-protector", NotAssessed, None),
            ("inventory.software", NotAssessed, None),
            ("kernel.hardening-options", NotAssessed, None),
            ("kernel.module-signatures", NotAssessed, None),
        ],
    );
    let r = |id: &str| outcome.record(id).unwrap();
    assert!(
        r("console.authentication")
            .message
            .contains("ttyS1: -/bin/sh without login"),
        "{}",
        r("console.authentication").message
    );
    assert_eq!(r("console.authentication").evidence[0].line, Some(4));
    assert_eq!(
        r("dropbear.idle-timeout").evidence[0].path.as_deref(),
        Some("/etc/default/dropbear")
    );
    assert!(r("files.setuid").message.contains("/bin/busybox (4755)"));
    assert!(r("time.sync").message.starts_with("busybox-ntpd"));
}

#[test]
fn dropbear_flags_in_an_init_script_are_honoured() {
    let fs = busybox();
    fs.file("/etc/default/dropbear", "# nothing\n").file_mode(
        "/etc/init.d/S50dropbear",
        "#!/bin/sh\nstart-stop-daemon -S -q --exec /usr/sbin/dropbear -- -R -wsT3 -I 120 -b /etc/issue.net\n",
        0o755,
    )
    .file("/etc/issue.net", "Authorised personnel only\n");
    let outcome = fs.audit(ComponentType::EmbeddedDevice);
    for id in [
        "dropbear.root-login",
        "dropbear.password-authentication",
        "dropbear.max-auth-tries",
        "dropbear.idle-timeout",
        "dropbear.banner",
        "dropbear.empty-passwords",
    ] {
        assert_eq!(
            outcome.record(id).unwrap().outcome,
            Pass,
            "{id}: {}",
            outcome.record(id).unwrap().message
        );
    }
    // `-B` anywhere allows blank passwords.
    fs.file("/etc/default/dropbear", "DROPBEAR_EXTRA_ARGS=-B\n");
    let outcome = fs.audit(ComponentType::EmbeddedDevice);
    assert_eq!(
        outcome
            .record("dropbear.empty-passwords")
            .unwrap()
            .finding
            .as_deref(),
        Some("DROPBEAR-EMPTY-PASSWORDS")
    );
}
