//! `otcheck manifest create|verify`: image manifests, signed on the supplier's host and
//! verified as a device verifies them (CR 3.4, CR 3.4 RE 1, EDR 3.10 RE 1, EDR 3.12–3.14),
//! and file manifests of root filesystems (CR 3.4).
//!
//! Exit codes: 0 created / verified / identical, 1 not verified / differences, 2 unreadable or
//! malformed input (image, manifest, key, root filesystem) or a usage error.

use std::io::{IsTerminal as _, Read as _};
use std::path::Path;
use std::process::ExitCode;

use otcheck::manifest::{
    Change, Comparison, ImageError, Progress, RootfsManifest, RootfsOptions, SigningKey,
    VerifyImageError, create_image_manifest, hex, parse_public_key, verify_image, verify_rootfs,
};
use otcheck::target::Target;
use otcheck_core::integrity::{
    DigestOnlySigner, ImageVerifier, IntegrityError, MAX_LEN, ManifestSigner, ManifestView,
    MinimumVersion, SignatureError, TrustAnchors,
};

use crate::cli::CliError;
use crate::cli::args::{ManifestCommand, ManifestCreateArgs, ManifestVerifyArgs, SimpleFormat};

/// The most `--anchor` keys.
const MAX_ANCHORS: usize = 16;

/// Runs `otcheck manifest create` or `verify`.
pub(crate) fn run(command: &ManifestCommand) -> Result<ExitCode, CliError> {
    match command {
        ManifestCommand::Create(a) => match (&a.image, &a.rootfs) {
            (Some(image), _) => create_image(a, image),
            (None, Some(dir)) => create_rootfs(a, dir),
            (None, None) => Err(usage("give --image FILE or --rootfs DIR")),
        },
        ManifestCommand::Verify(a) => match (&a.image, &a.rootfs) {
            (Some(image), _) => verify_image_file(a, image),
            (None, Some(dir)) => verify_rootfs_dir(a, dir),
            (None, None) => Err(usage("give --image FILE or --rootfs DIR")),
        },
    }
}

fn usage(message: &str) -> CliError {
    CliError::Usage(message.to_owned())
}

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })
}

/// An error and its causes, joined by `: `.
fn chain(error: &dyn core::error::Error) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

fn invalid(path: &Path, error: &dyn core::error::Error) -> CliError {
    CliError::Invalid {
        path: path.to_owned(),
        reason: chain(error),
    }
}

fn stdout_line(
    out: &mut impl std::io::Write,
    line: core::fmt::Arguments<'_>,
) -> Result<(), CliError> {
    out.write_fmt(line)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(CliError::Output)
}

macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        stdout_line($out, format_args!($($arg)*))
    };
}

fn create_image(args: &ManifestCreateArgs, image: &Path) -> Result<ExitCode, CliError> {
    let version = args
        .image_version
        .ok_or_else(|| usage("--image needs --image-version N"))?;
    let key = match (&args.key, args.digest_only) {
        (Some(path), false) => Some(
            SigningKey::parse(&read(path)?, args.algorithm.map(Into::into))
                .map_err(|e| invalid(path, &e))?,
        ),
        (None, true) => None,
        _ => {
            return Err(usage(
                "give --key FILE to sign the manifest, or --digest-only for an unsigned one",
            ));
        }
    };
    let signer: &dyn ManifestSigner = match &key {
        Some(k) => k,
        None => &DigestOnlySigner,
    };
    let manifest =
        create_image_manifest(image, version, &args.region, signer).map_err(|e| match e {
            ImageError::Io { path, source } => CliError::Read { path, source },
            other => CliError::Image(other),
        })?;
    write(&args.output, &manifest)?;
    if let (Some(k), Some(path)) = (&key, &args.public_key_out) {
        write(path, k.public_key().as_bytes())?;
    }
    let view = ManifestView::new_checked(&manifest[..]).map_err(|e| invalid(&args.output, &e))?;
    let out = &mut std::io::stdout().lock();
    say!(
        out,
        "wrote {}: image version {version}, {}, {} region(s), {} bytes",
        args.output.display(),
        signer.algorithm(),
        view.region_count(),
        manifest.len()
    )?;
    for (i, r) in view.regions().enumerate() {
        say!(
            out,
            "  region {i}: {}+{} sha256 {}",
            r.offset,
            r.len,
            r.digest
        )?;
    }
    if let Some(k) = &key {
        let public = k.public_key();
        say!(out, "key id: {}", public.key_id())?;
        say!(
            out,
            "public key ({}): {}",
            public.algorithm(),
            hex(public.as_bytes())
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn verify_image_file(args: &ManifestVerifyArgs, image: &Path) -> Result<ExitCode, CliError> {
    let mut manifest = Vec::new();
    std::fs::File::open(&args.manifest)
        .and_then(|f| {
            f.take(u64::try_from(MAX_LEN).unwrap_or(u64::MAX).saturating_add(1))
                .read_to_end(&mut manifest)
        })
        .map_err(|source| CliError::Read {
            path: args.manifest.clone(),
            source,
        })?;
    let mut anchors = TrustAnchors::<MAX_ANCHORS>::new();
    for anchor in &args.anchor {
        let key =
            parse_public_key(&read(&anchor.path)?, None).map_err(|e| invalid(&anchor.path, &e))?;
        anchors
            .add(anchor.role, key)
            .map_err(|e| CliError::Usage(format!("--anchor {}: {e}", anchor.path.display())))?;
    }
    let mut verifier = ImageVerifier::new(&anchors, MinimumVersion::new(args.min_version));
    if args.allow_digest_only {
        verifier = verifier.allow_digest_only();
    }
    let result = match verify_image(image, &manifest, &verifier) {
        Ok(verified) => Ok(verified),
        Err(VerifyImageError::Rejected(e)) => Err(e),
        Err(VerifyImageError::Io { path, source }) => {
            return Err(CliError::Read { path, source });
        }
        Err(e) => return Err(invalid(&args.manifest, &e)),
    };
    let out = &mut std::io::stdout().lock();
    match args.format {
        SimpleFormat::Json => {
            let value = match &result {
                Ok(v) => {
                    let p = v.proof();
                    let signer = p.signer_key_id().zip(p.signer_role()).map(
                        |(key_id, role)| serde_json::json!({ "key_id": key_id, "role": role }),
                    );
                    serde_json::json!({
                        "verified": true,
                        "image_version": p.image_version(),
                        "minimum_version": p.minimum_version(),
                        "algorithm": p.algorithm(),
                        "signer": signer,
                        "regions": v.regions(),
                    })
                }
                Err(e) => serde_json::json!({
                    "verified": false,
                    "reason": rejection(e, args.anchor.is_empty()),
                }),
            };
            serde_json::to_writer_pretty(&mut *out, &value).map_err(CliError::Json)?;
            say!(out, "")?;
        }
        SimpleFormat::Text => match &result {
            Ok(v) => {
                let p = v.proof();
                say!(
                    out,
                    "{}: VERIFIED against {}",
                    image.display(),
                    args.manifest.display()
                )?;
                say!(
                    out,
                    "  image version {} (minimum {})",
                    p.image_version(),
                    p.minimum_version()
                )?;
                match p.signer_key_id().zip(p.signer_role()) {
                    Some((key_id, role)) => {
                        say!(out, "  signed: {} by key {key_id} ({role})", p.algorithm())?
                    }
                    None => say!(
                        out,
                        "  digest-only manifest: integrity only, no authenticity"
                    )?,
                }
                for (i, r) in v.regions().iter().enumerate() {
                    say!(
                        out,
                        "  region {i}: {}+{} sha256 {}",
                        r.offset,
                        r.len,
                        r.digest
                    )?;
                }
            }
            Err(e) => say!(
                out,
                "{}: NOT VERIFIED: {}",
                image.display(),
                rejection(e, args.anchor.is_empty())
            )?,
        },
    }
    Ok(if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Why the image was rejected, with a hint where the fix is on the command line.
fn rejection(error: &IntegrityError, no_anchors: bool) -> String {
    match error {
        IntegrityError::Signature(SignatureError::NotSigned) => {
            format!("{error} (--allow-digest-only accepts unsigned manifests)")
        }
        IntegrityError::Signature(SignatureError::UnknownKey { .. }) if no_anchors => {
            format!("{error} (no --anchor was given)")
        }
        _ => error.to_string(),
    }
}

/// A progress bar on standard error, only when it is a terminal.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Option<Self> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.set_message("walking the tree");
        bar.enable_steady_tick(core::time::Duration::from_millis(120));
        Some(Self(bar))
    }
}

impl Progress for Bar {
    fn start(&self, files: u64, bytes: u64) {
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "hashing {msg} [{bar:20}] {bytes}/{total_bytes} eta {eta}",
        ) {
            self.0.set_style(style.progress_chars("=> "));
        }
        self.0.set_length(bytes);
        self.0.set_message(format!("{files} files"));
    }

    fn hashed(&self, bytes: u64) {
        self.0.inc(bytes);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn rootfs_options(max_file_bytes: u64, jobs: Option<core::num::NonZeroUsize>) -> RootfsOptions {
    RootfsOptions {
        max_file_bytes,
        jobs: jobs.map_or(0, usize::from),
        ..RootfsOptions::default()
    }
}

fn create_rootfs(args: &ManifestCreateArgs, dir: &Path) -> Result<ExitCode, CliError> {
    let target = Target::rootfs(dir).map_err(CliError::Target)?;
    let bar = Bar::new();
    let progress: &dyn Progress = match &bar {
        Some(b) => b,
        None => &(),
    };
    let options = rootfs_options(args.max_file_size, args.jobs);
    let manifest =
        RootfsManifest::create(&target, &options, progress).map_err(|e| invalid(dir, &e))?;
    drop(bar);
    let mut json = Vec::new();
    manifest.write_json(&mut json).map_err(CliError::Output)?;
    write(&args.output, &json)?;
    let out = &mut std::io::stdout().lock();
    let hashed = manifest
        .entries
        .iter()
        .filter(|e| e.sha256.is_some())
        .count();
    let skipped: Vec<_> = manifest.skipped().collect();
    say!(
        out,
        "wrote {}: {} entries, {hashed} files hashed, {} skipped",
        args.output.display(),
        manifest.entries.len(),
        skipped.len()
    )?;
    for e in skipped {
        say!(
            out,
            "  skipped {}: {}",
            e.path,
            e.skipped.as_deref().unwrap_or_default()
        )?;
    }
    if let Some(reason) = &manifest.incomplete {
        say!(out, "  incomplete: {reason}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn verify_rootfs_dir(args: &ManifestVerifyArgs, dir: &Path) -> Result<ExitCode, CliError> {
    let expected = RootfsManifest::from_json(&read(&args.manifest)?)
        .map_err(|e| invalid(&args.manifest, &e))?;
    let target = Target::rootfs(dir).map_err(CliError::Target)?;
    let bar = Bar::new();
    let progress: &dyn Progress = match &bar {
        Some(b) => b,
        None => &(),
    };
    let options = rootfs_options(expected.max_file_bytes, args.jobs);
    let diff =
        verify_rootfs(&target, &expected, &options, progress).map_err(|e| invalid(dir, &e))?;
    drop(bar);
    let out = &mut std::io::stdout().lock();
    match args.format {
        SimpleFormat::Json => {
            let mut value = serde_json::to_value(&diff).map_err(CliError::Json)?;
            if let Some(map) = value.as_object_mut() {
                map.insert("identical".to_owned(), diff.is_identical().into());
            }
            serde_json::to_writer_pretty(&mut *out, &value).map_err(CliError::Json)?;
            say!(out, "")?;
        }
        SimpleFormat::Text => print_comparison(out, &diff, dir, &args.manifest)?,
    }
    Ok(if diff.is_identical() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_comparison(
    out: &mut impl std::io::Write,
    diff: &Comparison,
    dir: &Path,
    manifest: &Path,
) -> Result<(), CliError> {
    for m in &diff.modified {
        let changes: Vec<String> = m.changes.iter().map(change).collect();
        say!(out, "modified {}: {}", m.path, changes.join(", "))?;
    }
    for path in &diff.added {
        say!(out, "added {path}")?;
    }
    for path in &diff.removed {
        say!(out, "removed {path}")?;
    }
    for n in &diff.not_compared {
        say!(out, "not compared {}: {}", n.path, n.reason)?;
    }
    if let Some(reason) = &diff.incomplete {
        say!(out, "incomplete: {reason}")?;
    }
    if diff.is_identical() {
        say!(
            out,
            "{} matches {}: {} entries",
            dir.display(),
            manifest.display(),
            diff.entries
        )
    } else {
        say!(
            out,
            "{} differs from {}: {} modified, {} added, {} removed ({} entries recorded)",
            dir.display(),
            manifest.display(),
            diff.modified.len(),
            diff.added.len(),
            diff.removed.len(),
            diff.entries
        )
    }
}

/// `field expected -> found`, digests shortened to 12 hex digits.
fn change(c: &Change) -> String {
    let show = |v: &Option<String>| match v.as_deref() {
        None => "none".to_owned(),
        Some(s) if c.field == otcheck::manifest::Field::Sha256 => s
            .get(..12)
            .map_or_else(|| s.to_owned(), |p| format!("{p}…")),
        Some(s) => s.to_owned(),
    };
    format!(
        "{} {} -> {}",
        c.field.as_str(),
        show(&c.expected),
        show(&c.found)
    )
}
