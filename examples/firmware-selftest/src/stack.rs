//! Stack use, measured at run time by painting.
//!
//! The free stack (from `_stack_end`, the end of static RAM, up to just below the current stack
//! pointer) is filled with [`PAINT`]; after the measured call, the lowest word that no longer
//! holds the pattern is the deepest the call reached. This measures the paths the run took,
//! not every path: `scripts/footprint.sh` runs both the good and the weak variant, which
//! between them take the pass and the failure paths of every check. The result is exact to a
//! word, unless the call happened to store the pattern itself at its deepest word.
//!
//! No interrupt is enabled in this firmware, so nothing else writes below the stack pointer.

use core::sync::atomic::{AtomicU32, Ordering};

use cortex_m::register::msp;

/// Byte counts.
pub type Bytes = u32;

/// The paint pattern.
const PAINT: u32 = 0xCCCC_CCCC;
/// Bytes left unpainted below the painter's own stack pointer.
const MARGIN: u32 = 16 * 4;

/// The lowest address any measured call reached (painting again erases the earlier marks).
static DEEPEST: AtomicU32 = AtomicU32::new(u32::MAX);

unsafe extern "C" {
    /// Bottom of the stack: the end of `.bss`/`.uninit` (cortex-m-rt's `link.x`).
    static mut _stack_end: u32;
    /// Top of the stack (the initial stack pointer).
    static mut _stack_start: u32;
}

fn bottom() -> u32 {
    // Only the address is taken: no reference to the (non-existent) object is made.
    (&raw mut _stack_end) as u32
}

fn top() -> u32 {
    (&raw mut _stack_start) as u32
}

/// Paints the free stack below the caller.
#[inline(never)]
fn paint() {
    let end = msp::read().saturating_sub(MARGIN);
    let mut word = bottom();
    while word < end {
        // SAFETY: `word` is 4-aligned (`_stack_end` is 4-aligned by link.x, the step is 4),
        // inside RAM between the end of static data and below the current stack pointer,
        // which no live object occupies and nothing else writes (no interrupts are enabled).
        unsafe { (word as *mut u32).write_volatile(PAINT) };
        word += 4;
    }
}

/// The lowest address whose word no longer holds the pattern.
#[inline(never)]
fn lowest_touched() -> u32 {
    let end = msp::read();
    let mut word = bottom();
    // SAFETY: as in `paint`: aligned words of RAM between `_stack_end` and the stack pointer.
    while word < end && unsafe { (word as *const u32).read_volatile() } == PAINT {
        word += 4;
    }
    word
}

/// Paints the whole free stack, for [`high_water_mark`]; call first thing in `main`.
pub fn paint_all() {
    paint();
}

/// Bytes of stack the firmware has used so far, from its initial stack pointer.
pub fn high_water_mark() -> Bytes {
    let deepest = DEEPEST.load(Ordering::Relaxed).min(lowest_touched());
    top().saturating_sub(deepest)
}

/// Runs `f` and returns its result with the bytes of stack it used, its own frame included.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Bytes) {
    paint();
    let before = msp::read();
    let result = call(f);
    let lowest = lowest_touched();
    DEEPEST.fetch_min(lowest, Ordering::Relaxed);
    (result, before.saturating_sub(lowest))
}

/// `f` in a frame of its own, whatever the inliner does with the caller.
#[inline(never)]
fn call<R>(f: impl FnOnce() -> R) -> R {
    f()
}
