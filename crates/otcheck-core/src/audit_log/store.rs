//! Where the log keeps its records: the [`RecordStore`] trait the firmware implements for
//! persistent storage (flash, FRAM, an EEPROM), and [`RamStore`], a fixed array in memory.
//!
//! The log writes each record exactly once, to slot `seq % N`, and reads slots back only to
//! export, verify or restore. A store never interprets the bytes.
//!
//! Guarantee: [`RamStore`] never panics: an out-of-range slot is an error, not an index panic.

use core::fmt;

use super::record::RECORD_LEN;

/// Fixed-size slots holding encoded records, implemented by the firmware over its persistent
/// storage.
///
/// The log uses slots `0..N` of an `AuditLog<N, _>` and checks [`slots`](Self::slots) when it
/// is created. A slot that holds no record reads as all zero or all `0xFF` bytes.
///
/// ```
/// use otcheck_core::audit_log::{RecordStore, RECORD_LEN};
///
/// /// A store that counts writes, e.g. to watch flash wear in a test.
/// struct Counting<const N: usize> { slots: [[u8; RECORD_LEN]; N], writes: u32 }
///
/// impl<const N: usize> RecordStore for Counting<N> {
///     type Error = ();
///     fn slots(&self) -> usize { N }
///     fn read(&mut self, slot: usize, out: &mut [u8; RECORD_LEN]) -> Result<(), ()> {
///         *out = *self.slots.get(slot).ok_or(())?;
///         Ok(())
///     }
///     fn write(&mut self, slot: usize, record: &[u8; RECORD_LEN]) -> Result<(), ()> {
///         *self.slots.get_mut(slot).ok_or(())? = *record;
///         self.writes += 1;
///         Ok(())
///     }
/// }
///
/// let mut store = Counting::<4> { slots: [[0; RECORD_LEN]; 4], writes: 0 };
/// store.write(3, &[1; RECORD_LEN])?;
/// let mut out = [0; RECORD_LEN];
/// store.read(3, &mut out)?;
/// assert_eq!(out, [1; RECORD_LEN]);
/// assert_eq!(store.writes, 1);
/// # Ok::<(), ()>(())
/// ```
pub trait RecordStore {
    /// The storage driver's error.
    type Error: fmt::Debug;

    /// Number of slots available.
    fn slots(&self) -> usize;

    /// Reads the record in `slot` into `out`.
    ///
    /// # Errors
    ///
    /// The driver's error when the slot cannot be read.
    fn read(&mut self, slot: usize, out: &mut [u8; RECORD_LEN]) -> Result<(), Self::Error>;

    /// Writes `record` to `slot`, replacing what was there.
    ///
    /// # Errors
    ///
    /// The driver's error when the slot cannot be written; the log then treats the record as
    /// not written (it is counted as refused).
    fn write(&mut self, slot: usize, record: &[u8; RECORD_LEN]) -> Result<(), Self::Error>;

    /// Empties every slot, so that [`AuditLog::restore`](super::AuditLog::restore) does not find
    /// records of an earlier log. The default writes all-zero records to slots `0..slots()`;
    /// flash drivers may override it with a sector erase.
    ///
    /// # Errors
    ///
    /// The driver's error for the first slot that cannot be emptied.
    fn clear(&mut self) -> Result<(), Self::Error> {
        for slot in 0..self.slots() {
            self.write(slot, &[0; RECORD_LEN])?;
        }
        Ok(())
    }
}

impl<S: RecordStore + ?Sized> RecordStore for &mut S {
    type Error = S::Error;

    fn slots(&self) -> usize {
        (**self).slots()
    }

    fn read(&mut self, slot: usize, out: &mut [u8; RECORD_LEN]) -> Result<(), Self::Error> {
        (**self).read(slot, out)
    }

    fn write(&mut self, slot: usize, record: &[u8; RECORD_LEN]) -> Result<(), Self::Error> {
        (**self).write(slot, record)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        (**self).clear()
    }
}

/// A [`RamStore`] slot index was out of range.
///
/// ```
/// use otcheck_core::audit_log::{RamStore, RecordStore, SlotOutOfRange, RECORD_LEN};
/// let mut store = RamStore::<2>::new();
/// assert_eq!(store.write(2, &[0; RECORD_LEN]), Err(SlotOutOfRange { slot: 2, slots: 2 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("audit-log slot {slot} is out of range (the store has {slots} slots)")]
pub struct SlotOutOfRange {
    /// The slot asked for.
    pub slot: usize,
    /// The number of slots.
    pub slots: usize,
}

/// `N` record slots in memory: the default store of an [`AuditLog`](super::AuditLog). Its
/// contents are lost at reset; use a [`RecordStore`] over persistent storage to keep them.
///
/// ```
/// use otcheck_core::audit_log::{RamStore, RecordStore, RECORD_LEN};
/// let mut store = RamStore::<3>::new();
/// store.write(1, &[7; RECORD_LEN])?;
/// assert_eq!(store.as_slots()[1], [7; RECORD_LEN]);
/// # Ok::<(), otcheck_core::audit_log::SlotOutOfRange>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RamStore<const N: usize> {
    slots: [[u8; RECORD_LEN]; N],
}

impl<const N: usize> RamStore<N> {
    /// `N` empty slots. `const`, so a store can live in a `static`.
    ///
    /// ```
    /// let store = otcheck_core::audit_log::RamStore::<16>::new();
    /// assert!(store.as_slots().iter().all(|s| s.iter().all(|b| *b == 0)));
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self {
            slots: [[0; RECORD_LEN]; N],
        }
    }

    /// The slots, e.g. to copy them to persistent storage or to inspect them in tests.
    ///
    /// ```
    /// assert_eq!(otcheck_core::audit_log::RamStore::<4>::new().as_slots().len(), 4);
    /// ```
    #[must_use]
    pub const fn as_slots(&self) -> &[[u8; RECORD_LEN]; N] {
        &self.slots
    }

    /// The slots, mutably (for tests that simulate tampering or corruption).
    ///
    /// ```
    /// let mut store = otcheck_core::audit_log::RamStore::<4>::new();
    /// store.as_slots_mut()[0][0] = 1;
    /// assert_eq!(store.as_slots()[0][0], 1);
    /// ```
    pub fn as_slots_mut(&mut self) -> &mut [[u8; RECORD_LEN]; N] {
        &mut self.slots
    }
}

impl<const N: usize> Default for RamStore<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> fmt::Debug for RamStore<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RamStore").field("slots", &N).finish()
    }
}

impl<const N: usize> RecordStore for RamStore<N> {
    type Error = SlotOutOfRange;

    fn slots(&self) -> usize {
        N
    }

    fn read(&mut self, slot: usize, out: &mut [u8; RECORD_LEN]) -> Result<(), SlotOutOfRange> {
        *out = *self
            .slots
            .get(slot)
            .ok_or(SlotOutOfRange { slot, slots: N })?;
        Ok(())
    }

    fn write(&mut self, slot: usize, record: &[u8; RECORD_LEN]) -> Result<(), SlotOutOfRange> {
        *self
            .slots
            .get_mut(slot)
            .ok_or(SlotOutOfRange { slot, slots: N })? = *record;
        Ok(())
    }

    fn clear(&mut self) -> Result<(), SlotOutOfRange> {
        self.slots = [[0; RECORD_LEN]; N];
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ram_store_reads_back_writes_and_rejects_out_of_range() {
        let mut s = RamStore::<3>::new();
        let mut out = [9; RECORD_LEN];
        s.read(0, &mut out).unwrap();
        assert_eq!(out, [0; RECORD_LEN]);
        s.write(2, &[4; RECORD_LEN]).unwrap();
        s.read(2, &mut out).unwrap();
        assert_eq!(out, [4; RECORD_LEN]);
        assert_eq!(
            s.read(3, &mut out),
            Err(SlotOutOfRange { slot: 3, slots: 3 })
        );
        assert_eq!(
            s.write(usize::MAX, &out),
            Err(SlotOutOfRange {
                slot: usize::MAX,
                slots: 3
            })
        );
        s.clear().unwrap();
        assert_eq!(s, RamStore::new());
    }

    #[test]
    fn borrowed_store_forwards() {
        let mut s = RamStore::<2>::new();
        {
            let borrowed = &mut s;
            borrowed.write(1, &[3; RECORD_LEN]).unwrap();
            assert_eq!(borrowed.slots(), 2);
        }
        assert_eq!(s.as_slots()[1], [3; RECORD_LEN]);
    }
}
