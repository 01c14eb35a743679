//! Debian-style images: one hardened, one deliberately weak; exact verdicts for every check.

use otcheck::core::ComponentType;
use otcheck::report::OutcomeKind::{Fail, NotApplicable, NotAssessed, Pass};

use crate::util::{RootfsBuilder, assert_verdicts};

const NOTICE: &str = "Authorised use only. All activity is monitored and logged.\n";

fn debian_base(fs: &RootfsBuilder) {
    fs.file("/usr/sbin/sshd", "")
        .file("/lib/systemd/systemd-journald", "")
        .file(
            "/var/lib/dpkg/status",
            "Package: openssh-server\nStatus: install ok installed\n",
        )
        .symlink(
            "/etc/systemd/system/multi-user.target.wants/ssh.service",
            "/lib/systemd/system/ssh.service",
        )
        .symlink(
            "/etc/systemd/system/getty.target.wants/getty@tty1.service",
            "/lib/systemd/system/getty@.service",
        )
        .dir_mode("/tmp", 0o1777)
        .file_mode("/usr/bin/passwd", "", 0o4755)
        .file_mode("/usr/bin/su", "", 0o4755);
}

pub(crate) fn good() -> RootfsBuilder {
    let fs = RootfsBuilder::new();
    debian_base(&fs);
    fs.file(
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\n\
         daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n\
         sshd:x:100:65534::/run/sshd:/usr/sbin/nologin\n\
         operator:x:1000:1000:Operator:/home/operator:/bin/bash\n",
    )
    .file_mode(
        "/etc/shadow",
        "root:!:19700:0:99999:7:::\n\
         daemon:*:19700:0:99999:7:::\n\
         sshd:!:19700::::::\n\
         operator:$y$j9T$0AjOgogWW6W.5HORiBzKw/$GfyxujYXgHhpjiJKY4ZPNNxWgSPjjEWiGf20OpzRyn4:19700:1:365:7:::\n",
        0o640,
    )
    .file("/etc/group", "root:x:0:\noperator:x:1000:\n")
    .file("/etc/login.defs", "# shadow-utils\nPASS_MAX_DAYS\t365\nPASS_MIN_DAYS\t1\nPASS_WARN_AGE\t7\nUID_MIN 1000\n")
    .file(
        "/etc/ssh/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\n\
         PermitRootLogin no\n\
         KbdInteractiveAuthentication no\n\
         Subsystem sftp /usr/lib/openssh/sftp-server\n\
         Match User backup\n\
         \tPasswordAuthentication no\n\
         \tMaxSessions 2\n",
    )
    .file(
        "/etc/ssh/sshd_config.d/50-hardening.conf",
        "PasswordAuthentication no\nMaxAuthTries 3\nBanner /etc/issue.net\nClientAliveInterval 300\n\
         ClientAliveCountMax 2\nMaxSessions 4\nCiphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\n\
         MACs hmac-sha2-512-etm@openssh.com\nKexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256\n",
    )
    .file("/etc/issue", NOTICE)
    .file("/etc/issue.net", NOTICE)
    .file("/etc/motd", "Debian GNU/Linux\n")
    .file("/etc/profile", "PATH=/usr/bin:/bin\nif [ -d /etc/profile.d ]; then :; fi\n")
    .file("/etc/profile.d/tmout.sh", "readonly TMOUT=600\nexport TMOUT\n")
    .file(
        "/etc/pam.d/common-password",
        "password\trequisite\t\t\tpam_pwquality.so retry=3\n\
         password\trequired\t\t\tpam_pwhistory.so remember=5 use_authtok\n\
         password\t[success=1 default=ignore]\tpam_unix.so obscure use_authtok try_first_pass yescrypt\n\
         password\trequisite\t\t\tpam_deny.so\n",
    )
    .file(
        "/etc/pam.d/common-auth",
        "auth required pam_faillock.so preauth\n\
         auth [success=1 default=ignore] pam_unix.so nullok_secure\n\
         auth [default=die] pam_faillock.so authfail\n\
         auth sufficient pam_faillock.so authsucc\n",
    )
    .file("/etc/pam.d/sshd", "@include common-auth\n@include common-password\n")
    .file("/etc/security/pwquality.conf", "# pwquality\nminlen = 12\nminclass = 3\n")
    .file("/etc/security/faillock.conf", "deny = 5\nunlock_time = 900\n")
    .file("/etc/chrony/chrony.conf", "pool 2.debian.pool.ntp.org iburst\nmakestep 1 3\n")
    .symlink("/etc/systemd/system/multi-user.target.wants/chrony.service", "/lib/systemd/system/chrony.service")
    .file("/etc/systemd/journald.conf", "[Journal]\nStorage=persistent\nSystemMaxUse=500M\n")
    .file(
        "/etc/audit/auditd.conf",
        "space_left = 75\nspace_left_action = email\nadmin_space_left_action = single\n\
         disk_full_action = SUSPEND\ndisk_error_action = SUSPEND\n",
    )
    .file(
        "/etc/sysctl.d/99-hardening.conf",
        "kernel.kptr_restrict = 2\nkernel.dmesg_restrict = 1\nfs.protected_symlinks = 1\n\
         fs.protected_hardlinks = 1\nnet.ipv4.conf.all.accept_redirects = 0\n",
    )
    .file("/usr/lib/sysctl.d/50-default.conf", "kernel.kptr_restrict = 0\nfs.protected_symlinks = 0\n");
    fs
}

pub(crate) fn weak() -> RootfsBuilder {
    let fs = RootfsBuilder::new();
    debian_base(&fs);
    fs.file(
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\n\
         toor:x:0:0:root again:/root:/bin/bash\n\
         backup:x:34:34:backup:/var/backups:/bin/sh\n\
         guest:x:1001:1001::/home/guest:/bin/bash\n\
         guest2:x:1001:1001::/home/guest:/bin/bash\n",
    )
    .file(
        "/etc/shadow",
        "root:$1$abcdefgh$0123456789abcdefghijkl:19700:0:99999:7:::\n\
         toor:$6$rounds=1000$saltsaltsaltsalt$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./0123456789abcdefghijkl:19700:0:99999:7:::\n\
         backup:$y$j9T$salt$hash:19700:0:99999:7:::\n\
         guest::19700:0:99999:7:::\n\
         guest2:!:19700:0:99999:7:::\n",
    )
    .file("/etc/login.defs", "PASS_MAX_DAYS 99999\nPASS_MIN_DAYS 0\n")
    .file(
        "/etc/ssh/sshd_config",
        "PermitRootLogin yes\nPermitEmptyPasswords yes\nMaxAuthTries 10\nMaxSessions 50\n\
         Ciphers aes128-cbc,aes256-ctr\nKexAlgorithms +diffie-hellman-group1-sha1\n\
         Match User guest\n  PasswordAuthentication yes\n",
    )
    .file("/etc/issue", "Debian GNU/Linux 12 \\n \\l\n")
    .file("/etc/profile", "TMOUT=0\n")
    .file(
        "/etc/pam.d/common-password",
        "password [success=1 default=ignore] pam_unix.so obscure yescrypt\n",
    )
    .file("/etc/pam.d/common-auth", "auth [success=1 default=ignore] pam_unix.so nullok\n")
    .file("/etc/inetd.conf", "telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd\n")
    .symlink("/etc/systemd/system/getty.target.wants/serial-getty@ttyS0.service", "/lib/systemd/system/serial-getty@.service")
    .file(
        "/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf",
        "[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin root --keep-baud 115200 %I $TERM\n",
    )
    .file_mode("/usr/local/bin/helper", "", 0o4755)
    .file_mode("/etc/app.conf", "key=1\n", 0o666)
    .dir_mode("/var/shared", 0o777)
    .file("/etc/sysctl.conf", "kernel.randomize_va_space = 0\nnet.ipv4.ip_forward = 1\n")
    .file("/etc/systemd/journald.conf", "[Journal]\nStorage=volatile\n");
    fs
}

#[test]
fn hardened_debian_passes_every_check_it_can_verify() {
    let fs = good();
    let outcome = fs.audit(ComponentType::HostDevice);
    assert_verdicts(
        &outcome,
        &[
            ("accounts.empty-password", Pass, None),
            ("auth.stored-authenticator", Pass, None),
            ("accounts.shared-uid", Pass, None),
            ("accounts.system-interactive", Pass, None),
            ("accounts.uid0-unique", Pass, None),
            ("auth.lockout", Pass, None),
            ("auth.password-lifetime-human", Pass, None),
            ("auth.password-policy", Pass, None),
            ("banner.system-use", Pass, None),
            ("console.authentication", Pass, None),
            ("dropbear.banner", NotApplicable, None),
            ("dropbear.empty-passwords", NotApplicable, None),
            ("dropbear.idle-timeout", NotApplicable, None),
            ("dropbear.max-auth-tries", NotApplicable, None),
            ("dropbear.password-authentication", NotApplicable, None),
            ("dropbear.root-login", NotApplicable, None),
            ("files.setuid", Pass, None),
            ("files.sticky-directories", Pass, None),
            ("files.world-writable", Pass, None),
            ("logging.daemon", Pass, None),
            ("logging.failure-response", Pass, None),
            ("logging.storage", Pass, None),
            ("logging.threshold-warning", Pass, None),
            ("network.listening", NotApplicable, None),
            ("services.insecure", Pass, None),
            ("shell.session-timeout", Pass, None),
            ("ssh.banner", Pass, None),
            ("ssh.crypto", Pass, None),
            ("ssh.idle-timeout", Pass, None),
            ("ssh.max-auth-tries", Pass, None),
            ("ssh.max-sessions", Pass, None),
            ("ssh.password-authentication", Pass, None),
            ("ssh.permit-empty-passwords", Pass, None),
            ("ssh.permit-root-login", Pass, None),
            ("sysctl.kernel-hardening", Pass, None),
            ("sysctl.network-hardening", Pass, None),
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
    // Evidence points into the target, with line numbers and hashes of what was read.
    let tries = outcome.record("ssh.max-auth-tries").unwrap();
    assert_eq!(
        tries.evidence[0].path.as_deref(),
        Some("/etc/ssh/sshd_config.d/50-hardening.conf")
    );
    assert_eq!(tries.evidence[0].line, Some(2));
    assert_eq!(tries.evidence[0].sha256.as_ref().map(String::len), Some(64));
    assert!(
        outcome
            .target
            .inputs
            .iter()
            .any(|i| i.path == "/etc/shadow")
    );
    assert_eq!(outcome.target.inputs_sha256.len(), 64);
    // Only the inventory check reads the package database; this fixture's stanza has no
    // Version, so the inventory is not assessed.
    assert!(
        outcome
            .target
            .inputs
            .iter()
            .any(|i| i.path.starts_with("/var/lib/dpkg"))
    );
}

#[test]
fn weak_debian_fails_with_stable_finding_codes() {
    let fs = weak();
    let outcome = fs.audit(ComponentType::HostDevice);
    assert_verdicts(
        &outcome,
        &[
            ("accounts.empty-password", Fail, Some("ACCT-EMPTY-PASSWORD")),
            (
                "auth.stored-authenticator",
                Fail,
                Some("AUTH-HASH-WEAK-ALGORITHM"),
            ),
            ("accounts.shared-uid", Fail, Some("ACCT-SHARED-UID")),
            (
                "accounts.system-interactive",
                Fail,
                Some("ACCT-SYSTEM-INTERACTIVE"),
            ),
            ("accounts.uid0-unique", Fail, Some("ACCT-UID0-DUPLICATE")),
            ("auth.lockout", Fail, Some("AUTH-LOCKOUT-DISABLED")),
            (
                "auth.password-lifetime-human",
                Fail,
                Some("AUTH-PW-HISTORY"),
            ),
            ("auth.password-policy", Fail, Some("AUTH-PW-MIN-LENGTH")),
            ("banner.system-use", Fail, Some("BANNER-NO-NOTICE")),
            ("console.authentication", Fail, Some("CONSOLE-NO-AUTH")),
            ("dropbear.banner", NotApplicable, None),
            ("dropbear.empty-passwords", NotApplicable, None),
            ("dropbear.idle-timeout", NotApplicable, None),
            ("dropbear.max-auth-tries", NotApplicable, None),
            ("dropbear.password-authentication", NotApplicable, None),
            ("dropbear.root-login", NotApplicable, None),
            ("files.setuid", Fail, Some("FILES-UNEXPECTED-SETID")),
            (
                "files.sticky-directories",
                Fail,
                Some("FILES-WW-DIR-NO-STICKY"),
            ),
            ("files.world-writable", Fail, Some("FILES-WORLD-WRITABLE")),
            ("logging.daemon", Pass, None),
            (
                "logging.failure-response",
                Fail,
                Some("LOG-NO-FAILURE-RESPONSE"),
            ),
            ("logging.storage", Fail, Some("LOG-STORAGE-UNMANAGED")),
            (
                "logging.threshold-warning",
                Fail,
                Some("LOG-NO-THRESHOLD-WARNING"),
            ),
            ("network.listening", NotApplicable, None),
            ("services.insecure", Fail, Some("SVC-INSECURE-ENABLED")),
            ("shell.session-timeout", Fail, Some("SHELL-TMOUT-TOO-LONG")),
            ("ssh.banner", Fail, Some("SSH-NO-BANNER")),
            ("ssh.crypto", Fail, Some("SSH-WEAK-CRYPTO")),
            ("ssh.idle-timeout", Fail, Some("SSH-NO-IDLE-TIMEOUT")),
            ("ssh.max-auth-tries", Fail, Some("SSH-MAX-AUTH-TRIES")),
            ("ssh.max-sessions", Fail, Some("SSH-MAX-SESSIONS")),
            (
                "ssh.password-authentication",
                Fail,
                Some("SSH-PASSWORD-AUTH"),
            ),
            (
                "ssh.permit-empty-passwords",
                Fail,
                Some("SSH-EMPTY-PASSWORDS"),
            ),
            ("ssh.permit-root-login", Fail, Some("SSH-ROOT-LOGIN")),
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
            ("time.sync", Fail, Some("TIME-NO-SYNC")),
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
    assert_eq!(
        r("accounts.uid0-unique").message,
        "more than one account has UID 0: root, toor"
    );
    assert_eq!(
        r("accounts.empty-password").message,
        "accounts with an empty password: guest"
    );
    assert_eq!(
        r("accounts.system-interactive").message,
        "system accounts with a login shell and a usable password: backup (/bin/sh)"
    );
    assert!(
        r("auth.stored-authenticator")
            .message
            .contains("root (AUTH-HASH-WEAK-ALGORITHM)")
    );
    assert!(
        r("auth.stored-authenticator")
            .message
            .contains("toor (AUTH-HASH-LOW-COST, rounds is 1000, needs at least 210000)"),
        "{}",
        r("auth.stored-authenticator").message
    );
    // No hash is ever copied into the report.
    for record in &outcome.records {
        for e in &record.evidence {
            let excerpt = e.excerpt.as_deref().unwrap_or("");
            for scheme in ["$1$", "$6$", "$y$"] {
                assert!(!excerpt.contains(scheme), "{}: {excerpt:?}", record.check);
            }
        }
    }
    assert!(r("ssh.crypto").message.contains("aes128-cbc"));
    assert!(
        r("ssh.crypto")
            .message
            .contains("diffie-hellman-group1-sha1")
    );
    assert!(r("services.insecure").message.contains("telnet"));
    assert!(r("files.setuid").message.contains("/usr/local/bin/helper"));
    assert!(!r("files.setuid").message.contains("/usr/bin/passwd"));
    assert_eq!(
        r("files.sticky-directories").evidence[0].path.as_deref(),
        Some("/var/shared")
    );
    assert!(
        r("sysctl.network-hardening")
            .message
            .contains("net.ipv4.ip_forward = 1")
    );
}

#[test]
fn a_match_block_that_weakens_a_global_setting_fails_the_check() {
    let fs = weak();
    let outcome = fs.audit(ComponentType::HostDevice);
    let pw = outcome.record("ssh.password-authentication").unwrap();
    assert!(
        pw.message
            .contains("PasswordAuthentication yes in Match User guest"),
        "{}",
        pw.message
    );
    assert!(pw.evidence.iter().any(|e| e.line == Some(8)));

    // Hardened globally, weakened for one user: still a failure, pointing at the Match line.
    let fs = good();
    fs.file(
        "/etc/ssh/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nMatch Address 10.0.0.0/8\n  PermitRootLogin yes\n",
    );
    let outcome = fs.audit(ComponentType::HostDevice);
    let root = outcome.record("ssh.permit-root-login").unwrap();
    assert_eq!(root.finding.as_deref(), Some("SSH-ROOT-LOGIN"));
    assert_eq!(root.evidence[0].line, Some(4));
}

#[test]
fn the_first_value_wins_and_includes_are_expanded_in_place() {
    let fs = good();
    // The include comes first, so its PasswordAuthentication wins over the later global one.
    fs.file(
        "/etc/ssh/sshd_config",
        "Include sshd_config.d/*.conf\nPasswordAuthentication yes\nPermitRootLogin no\n",
    );
    let outcome = fs.audit(ComponentType::HostDevice);
    assert_eq!(
        outcome
            .record("ssh.password-authentication")
            .unwrap()
            .outcome,
        Pass
    );
    fs.file(
        "/etc/ssh/sshd_config",
        "PasswordAuthentication yes\nInclude sshd_config.d/*.conf\nPermitRootLogin no\n",
    );
    let outcome = fs.audit(ComponentType::HostDevice);
    assert_eq!(
        outcome
            .record("ssh.password-authentication")
            .unwrap()
            .outcome,
        Fail
    );
}

#[test]
fn ip_forwarding_is_allowed_on_a_network_device() {
    let fs = good();
    fs.file("/etc/sysctl.conf", "net.ipv4.ip_forward = 1\n");
    assert_eq!(
        fs.audit(ComponentType::HostDevice)
            .record("sysctl.network-hardening")
            .unwrap()
            .outcome,
        Fail
    );
    assert_eq!(
        fs.audit(ComponentType::NetworkDevice)
            .record("sysctl.network-hardening")
            .unwrap()
            .outcome,
        Pass
    );
}

#[test]
fn password_policy_and_lockout_are_judged_by_the_core_at_the_target_sl() {
    let fs = good();
    let plan = |sl| otcheck::audit::AuditPlan::new(fs.target()).target_sl(sl);
    let sl2 = otcheck::audit::run(&plan(otcheck::core::SecurityLevel::Sl2));
    assert_eq!(sl2.record("auth.password-policy").unwrap().outcome, Pass);
    assert_eq!(sl2.record("auth.lockout").unwrap().outcome, Pass);
    // SL 3 needs 15 characters and at most 3 attempts: the same files now fall short.
    let sl3 = otcheck::audit::run(&plan(otcheck::core::SecurityLevel::Sl3));
    let policy = sl3.record("auth.password-policy").unwrap();
    assert_eq!(policy.finding.as_deref(), Some("AUTH-PW-MIN-LENGTH"));
    assert!(
        policy.message.contains("is 12, needs at least 15"),
        "{}",
        policy.message
    );
    assert_eq!(
        policy.evidence[0].path.as_deref(),
        Some("/etc/pam.d/common-password")
    );
    assert!(
        policy.evidence.iter().any(
            |e| e.path.as_deref() == Some("/etc/security/pwquality.conf") && e.line == Some(2)
        )
    );
    let lockout = sl3.record("auth.lockout").unwrap();
    assert_eq!(lockout.finding.as_deref(), Some("AUTH-LOCKOUT-THRESHOLD"));
    assert!(
        lockout
            .evidence
            .iter()
            .any(|e| e.path.as_deref() == Some("/etc/security/faillock.conf"))
    );
}
