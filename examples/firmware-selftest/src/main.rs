//! Example firmware: the otcheck-core device self-test (IEC 62443-4-2 CR 3.3) on a Cortex-M3.
//!
//! At reset the firmware provisions its device state ([`device::Device`]: profile, trust
//! anchors, audit log), then runs the self-test chain a real device runs at boot or on request:
//!
//! 1. verify the sample application image against its signed manifest
//!    ([`ImageVerifier`](otcheck_core::integrity::ImageVerifier)), as the boot stage would;
//! 2. verify the audit log's keyed hash chain ([`AuditLog::verify`](otcheck_core::audit_log::AuditLog::verify));
//! 3. run [`selftest::run`] over the profile and that evidence;
//! 4. encode the report ([`wire::encode`]).
//!
//! It writes to the host over semihosting, one line each:
//!
//! ```text
//! OTCHECK-STACK total=<bytes> image=<bytes> log=<bytes> run=<bytes> hwm=<bytes>
//! OTCHECK-REPORT <the encoded report in lower-case hex>
//! ```
//!
//! and exits with `EXIT_SUCCESS` once the report is written: the verdicts are judged on the host
//! (`otcheck report decode`), not by the exit code. It exits with `EXIT_FAILURE` (after an
//! `OTCHECK-ERROR` line where it can) only if the self-test could not produce a report.
//!
//! Stack numbers are measured at run time: the unused stack is painted with a pattern before
//! each measured call and the lowest overwritten word is searched afterwards (see [`stack`]).
//!
//! Features select the variant: `weak` (a deliberately weak profile and a corrupted image),
//! no `ed25519` (digest-only manifest), `p256` (ECDSA P-256 instead of Ed25519), and the
//! footprint-only variants `integrity-only` (nothing but the digest-only image verification)
//! and `baseline` (no otcheck code at all). See README.md.
//!
//! Panics: see the panic handler below and `tools/panic_sites.py`.

#![no_std]
#![no_main]
// The footprint variants leave parts of the output and sample modules unused.
#![cfg_attr(
    any(
        feature = "baseline",
        feature = "integrity-only",
        feature = "panic-never"
    ),
    allow(dead_code)
)]

#[cfg(all(feature = "integrity-only", feature = "baseline"))]
compile_error!("features `integrity-only` and `baseline` are exclusive");
#[cfg(all(
    feature = "weak",
    any(feature = "integrity-only", feature = "baseline")
))]
compile_error!("feature `weak` applies to the full self-test only");

#[cfg(not(any(feature = "integrity-only", feature = "baseline")))]
mod device;
mod output;
mod sample;
mod stack;

use cortex_m_rt::entry;
use cortex_m_semihosting::debug;

// With the `panic-never` feature, the panic handler references a symbol that does not exist:
// the link fails if any panic path is left in the firmware. Without it, a panic (which the
// self-test's code never reaches: see `tools/panic_sites.py` for the paths the compiler could
// not remove) ends the run with a failure.
#[cfg(feature = "panic-never")]
use panic_never as _;

#[cfg(not(feature = "panic-never"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    output::line(b"OTCHECK-ERROR panic", &[]);
    debug::exit(debug::EXIT_FAILURE);
    loop {
        cortex_m::asm::wfi();
    }
}

#[entry]
fn main() -> ! {
    stack::paint_all();
    let ok = run();
    debug::exit(if ok {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    // Only reached without a debugger or QEMU to end the program.
    loop {
        cortex_m::asm::wfi();
    }
}

/// The full self-test: device state, the chain, the report.
#[cfg(not(any(feature = "integrity-only", feature = "baseline")))]
fn run() -> bool {
    use otcheck_core::wire;

    let Some(dev) = cortex_m::singleton!(: device::Device = device::Device::provision()) else {
        output::line(b"OTCHECK-ERROR device state already taken", &[]);
        return false;
    };
    if !dev.ready() {
        output::line(b"OTCHECK-ERROR provisioning failed", &[]);
        return false;
    }

    // The breakdown: each step alone.
    let (image, image_stack) = stack::measure(|| dev.verify_image());
    let (log, log_stack) = stack::measure(|| dev.verify_log());
    let mut buf = [0u8; wire::MAX_LEN];
    let (_, run_stack) = stack::measure(|| dev.report(&image, log.as_ref(), &mut buf));
    // The chain in one call: this is the report the host gets.
    let (encoded, total) = stack::measure(|| dev.self_test(&mut buf));
    let hwm = stack::high_water_mark();

    output::stack_line(&[
        (b"total", total),
        (b"image", image_stack),
        (b"log", log_stack),
        (b"run", run_stack),
        (b"hwm", hwm),
    ]);
    match encoded.ok().and_then(|n| buf.get(..n)) {
        Some(report) => output::hex_line(b"OTCHECK-REPORT ", report),
        None => {
            output::line(b"OTCHECK-ERROR the report could not be encoded", &[]);
            false
        }
    }
}

/// Footprint variant: only the digest-only verification of the sample image (the smallest
/// useful integrity check, CR 3.4 at SL 1).
#[cfg(feature = "integrity-only")]
fn run() -> bool {
    use otcheck_core::integrity::{ImageVerifier, MinimumVersion, SliceImage, TrustAnchors};

    let anchors = TrustAnchors::<1>::new();
    let (ok, total) = stack::measure(|| {
        ImageVerifier::new(&anchors, MinimumVersion::new(2))
            .allow_digest_only()
            .verify(sample::MANIFEST, &mut SliceImage::new(sample::image()))
            .is_ok()
    });
    output::stack_line(&[(b"total", total), (b"hwm", stack::high_water_mark())]);
    output::line(
        if ok {
            b"OTCHECK-INTEGRITY ok"
        } else {
            b"OTCHECK-INTEGRITY mismatch"
        },
        &[],
    )
}

/// Footprint variant: the skeleton alone (reset, semihosting output, stack measurement), to
/// subtract from the others.
#[cfg(feature = "baseline")]
fn run() -> bool {
    let image = sample::image();
    let (sum, total) = stack::measure(|| image.iter().fold(0u8, |a, b| a ^ b));
    output::stack_line(&[(b"total", total), (b"hwm", stack::high_water_mark())]);
    output::hex_line(b"OTCHECK-BASELINE ", &[sum])
}
