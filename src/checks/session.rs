//! Session checks: the pre-login system use notification (`/etc/issue`, `/etc/issue.net`)
//! and the shell idle timeout (`TMOUT`).
//!
//! Evidences CR 1.12 (system use notification) and CR 2.5 (session lock).

use otcheck_core::auth::SessionThresholds;
use otcheck_core::catalog::ids;
use otcheck_core::{CheckId, CheckInfo};

use crate::probe::session;
use crate::report::CheckRecord;

use super::{Context, HostCheck, fail, pass, unreadable};

static BANNER: CheckInfo = CheckInfo::new(
    CheckId::new("banner.system-use"),
    "A system use notification is shown before login",
    &[ids::CR_1_12],
);
static TMOUT: CheckInfo = CheckInfo::new(
    CheckId::new("shell.session-timeout"),
    "Idle shell sessions end (TMOUT)",
    &[ids::CR_2_5],
);

/// Words that make a banner a notice rather than an OS identification string.
const NOTICE_WORDS: [&str; 9] = [
    "authori",
    "unauthori",
    "prohibited",
    "monitor",
    "warning",
    "consent",
    "legal",
    "restricted",
    "private",
];

/// Whether `text` reads as a use notification (and not just `Debian GNU/Linux 12 \n \l`).
pub(crate) fn is_notice(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    NOTICE_WORDS.iter().any(|w| lower.contains(w))
}

static GROUP: [&CheckInfo; 2] = [&BANNER, &TMOUT];
/// The session check group.
#[derive(Debug)]
pub(crate) struct Session;

impl HostCheck for Session {
    fn name(&self) -> &'static str {
        "session"
    }

    fn checks(&self) -> &'static [&'static CheckInfo] {
        &GROUP
    }

    fn run(&self, ctx: &Context<'_>) -> Vec<CheckRecord> {
        let banners = session::banners(ctx.target);
        let prelogin: Vec<_> = banners
            .files
            .iter()
            .filter(|f| f.path != "/etc/motd")
            .collect();
        let notice = prelogin.iter().find(|f| is_notice(&f.text()));
        let banner = match (notice, banners.unreadable.first()) {
            (Some(f), _) => pass(&BANNER, format!("{} holds a use notification", f.path))
                .with_evidence(
                    crate::probe::Source::file(f)
                        .evidence()
                        .excerpt(f.text().lines().find(|l| is_notice(l)).unwrap_or("")),
                ),
            (None, Some(e)) => unreadable(&BANNER, e),
            (None, None) if prelogin.is_empty() => {
                fail(&BANNER, "BANNER-MISSING", "no /etc/issue or /etc/issue.net")
            }
            (None, None) => prelogin.iter().fold(
                fail(
                    &BANNER,
                    "BANNER-NO-NOTICE",
                    "the pre-login banner does not warn against unauthorised use",
                ),
                |r, f| {
                    r.with_evidence(
                        crate::probe::Source::file(f)
                            .evidence()
                            .excerpt(f.text().lines().next().unwrap_or("")),
                    )
                },
            ),
        };
        let tmout = session::shell_timeout(ctx.target);
        // The core's session-lock threshold at the target SL (900 s, 600 s from SL 3).
        let max_tmout = u64::from(SessionThresholds::for_level(ctx.target_sl).max_idle_lock_secs);
        let last = tmout.settings.last();
        let timeout = match (last, tmout.unreadable.first()) {
            (Some(s), _) => match s.value {
                Some(v) if v > 0 && v <= max_tmout => {
                    pass(&TMOUT, format!("TMOUT={v}")).with_evidence(s.source.evidence())
                }
                Some(v) => fail(
                    &TMOUT,
                    "SHELL-TMOUT-TOO-LONG",
                    "the shell idle timeout is off or too long for the target SL",
                )
                .with_detail(format!("TMOUT={v}"))
                .with_evidence(s.source.evidence()),
                None => fail(
                    &TMOUT,
                    "SHELL-TMOUT-TOO-LONG",
                    "TMOUT is not a number of seconds",
                )
                .with_evidence(s.source.evidence()),
            },
            (None, Some(e)) => unreadable(&TMOUT, e),
            (None, None) => fail(
                &TMOUT,
                "SHELL-NO-TMOUT",
                "no shell idle timeout (TMOUT) is set system-wide",
            ),
        };
        vec![banner, timeout]
    }
}
