//! Hard limits on concurrent connections and sessions (CR 2.7 concurrent session control,
//! CR 7.1 denial-of-service protection).
//!
//! Owns two guards with explicit admission and release (no RAII: firmware usually tracks
//! connections in its own tables and frees them from an interrupt or a poll loop):
//!
//! - [`ConnectionGuard`]: a counter. [`admit`](ConnectionGuard::admit) hands out a
//!   [`Permit`]; [`release`](ConnectionGuard::release) takes it back.
//! - [`SessionGuard<N>`](SessionGuard): `N` slots. [`admit`](SessionGuard::admit) hands out a
//!   [`SessionToken`] naming its slot, so firmware can index its own per-session table with
//!   [`SessionToken::slot`]; a token from another guard, or for a session already closed, is
//!   refused on release.
//!
//! Guarantees:
//! - **Never over the limit.** No sequence of calls admits more than the limit at once; with a
//!   lowered limit, nothing is admitted until enough are released.
//! - **Constant time, no heap, no panics.** Every operation is O(1) (the session guard keeps a
//!   stack of free slots).
//! - **No underflow.** Permits and tokens are neither `Clone` nor `Copy` and are consumed on
//!   release, so the same one cannot be released twice; a release the guard cannot match to
//!   an admission is refused with a [`ReleaseError`] and changes nothing.
//! - **Leaks fail closed.** A permit or token dropped without release keeps its place taken:
//!   a leak can make a guard refuse, never over-admit.
//!
//! ```
//! use otcheck_core::resource::{AdmitError, ConnectionGuard};
//!
//! let mut guard = ConnectionGuard::new(2);
//! let a = guard.admit()?;
//! let b = guard.admit()?;
//! assert_eq!(guard.admit().unwrap_err(), AdmitError::Full { limit: 2 });
//! guard.release(a)?;
//! let c = guard.admit()?;
//! assert_eq!(guard.active(), 2);
//! # guard.release(b)?; guard.release(c)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// Why a guard refused to admit.
///
/// ```
/// use otcheck_core::resource::AdmitError;
/// assert_eq!(AdmitError::Full { limit: 8 }.to_string(), "admission limit of 8 reached");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AdmitError {
    /// As many as the limit are admitted already.
    #[error("admission limit of {limit} reached")]
    Full {
        /// The guard's limit.
        limit: u32,
    },
}

/// Why a guard refused a release. The guard is unchanged.
///
/// ```
/// use otcheck_core::resource::ReleaseError;
/// assert_eq!(
///     ReleaseError::NotOpen { slot: 3 }.to_string(),
///     "session slot 3 is not open under this token"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ReleaseError {
    /// Nothing is admitted, so the permit was not issued by this guard.
    #[error("nothing is admitted: the permit was issued by another guard")]
    NothingAdmitted,
    /// The token does not match the open session in its slot: it was issued by another guard.
    #[error("session slot {slot} is not open under this token")]
    NotOpen {
        /// The token's slot.
        slot: usize,
    },
}

/// Why a guard could not be configured.
///
/// ```
/// use otcheck_core::resource::{GuardConfigError, SessionGuard};
/// assert_eq!(
///     SessionGuard::<4>::with_limit(5).unwrap_err(),
///     GuardConfigError::LimitAboveCapacity { limit: 5, capacity: 4 }
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum GuardConfigError {
    /// The limit is more than the guard has slots for.
    #[error("limit {limit} is above the guard's capacity of {capacity} slots")]
    LimitAboveCapacity {
        /// The limit asked for.
        limit: usize,
        /// The guard's slot count.
        capacity: usize,
    },
}

/// Proof of one admission by a [`ConnectionGuard`]; give it back with
/// [`ConnectionGuard::release`].
///
/// ```
/// let mut guard = otcheck_core::resource::ConnectionGuard::new(1);
/// let permit = guard.admit()?;
/// guard.release(permit)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a permit that is not released keeps its connection counted"]
pub struct Permit {
    _private: (),
}

/// A counter admitting at most `limit` connections at once.
///
/// ```
/// use otcheck_core::resource::ConnectionGuard;
/// let mut guard = ConnectionGuard::new(1);
/// let permit = guard.admit()?;
/// assert!(guard.admit().is_err());
/// guard.release(permit)?;
/// assert_eq!(guard.active(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConnectionGuard {
    limit: u32,
    active: u32,
}

impl ConnectionGuard {
    /// A guard admitting at most `limit` at once (0 admits nothing).
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::ConnectionGuard::new(16).limit(), 16);
    /// ```
    #[must_use]
    pub const fn new(limit: u32) -> Self {
        Self { limit, active: 0 }
    }

    /// The limit.
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::ConnectionGuard::new(3).limit(), 3);
    /// ```
    #[must_use]
    pub const fn limit(&self) -> u32 {
        self.limit
    }

    /// How many are admitted now.
    ///
    /// ```
    /// let mut guard = otcheck_core::resource::ConnectionGuard::new(3);
    /// let _permit = guard.admit()?;
    /// assert_eq!(guard.active(), 1);
    /// # Ok::<(), otcheck_core::resource::AdmitError>(())
    /// ```
    #[must_use]
    pub const fn active(&self) -> u32 {
        self.active
    }

    /// How many more would be admitted now.
    ///
    /// ```
    /// let mut guard = otcheck_core::resource::ConnectionGuard::new(3);
    /// let _permit = guard.admit()?;
    /// assert_eq!(guard.remaining(), 2);
    /// # Ok::<(), otcheck_core::resource::AdmitError>(())
    /// ```
    #[must_use]
    pub const fn remaining(&self) -> u32 {
        self.limit.saturating_sub(self.active)
    }

    /// Changes the limit. Lowering it below [`active`](Self::active) closes nothing: new
    /// admissions are refused until enough are released.
    ///
    /// ```
    /// let mut guard = otcheck_core::resource::ConnectionGuard::new(2);
    /// let p = guard.admit()?;
    /// guard.set_limit(0);
    /// assert!(guard.admit().is_err());
    /// guard.release(p)?;
    /// assert!(guard.admit().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_limit(&mut self, limit: u32) {
        self.limit = limit;
    }

    /// Admits one connection if fewer than the limit are admitted.
    ///
    /// # Errors
    ///
    /// [`AdmitError::Full`] when the limit is reached.
    ///
    /// ```
    /// use otcheck_core::resource::{AdmitError, ConnectionGuard};
    /// let mut guard = ConnectionGuard::new(0);
    /// assert_eq!(guard.admit().unwrap_err(), AdmitError::Full { limit: 0 });
    /// ```
    pub fn admit(&mut self) -> Result<Permit, AdmitError> {
        if self.active >= self.limit {
            return Err(AdmitError::Full { limit: self.limit });
        }
        // `active < limit <= u32::MAX`, so this cannot saturate.
        self.active = self.active.saturating_add(1);
        Ok(Permit { _private: () })
    }

    /// Gives back one admission.
    ///
    /// # Errors
    ///
    /// [`ReleaseError::NothingAdmitted`] when nothing is admitted, so `permit` must come
    /// from another guard; the count stays at 0.
    ///
    /// ```
    /// use otcheck_core::resource::{ConnectionGuard, ReleaseError};
    /// let mut a = ConnectionGuard::new(1);
    /// let mut b = ConnectionGuard::new(1);
    /// let permit = a.admit()?;
    /// assert_eq!(b.release(permit).unwrap_err(), ReleaseError::NothingAdmitted);
    /// assert_eq!(b.active(), 0);
    /// # Ok::<(), otcheck_core::resource::AdmitError>(())
    /// ```
    pub fn release(&mut self, permit: Permit) -> Result<(), ReleaseError> {
        let Permit { _private: () } = permit;
        self.active = self
            .active
            .checked_sub(1)
            .ok_or(ReleaseError::NothingAdmitted)?;
        Ok(())
    }
}

/// Proof of one open session in a [`SessionGuard`]; give it back with
/// [`SessionGuard::release`].
///
/// ```
/// let mut guard = otcheck_core::resource::SessionGuard::<4>::new();
/// let token = guard.admit()?;
/// assert!(token.slot() < 4);
/// guard.release(token)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a session token that is not released keeps its slot taken"]
pub struct SessionToken {
    slot: usize,
    generation: u32,
}

impl SessionToken {
    /// The session's slot, below the guard's `N`: an index for the caller's own per-session
    /// table. Slots are reused after release.
    ///
    /// ```
    /// let mut guard = otcheck_core::resource::SessionGuard::<2>::new();
    /// let first = guard.admit()?;
    /// assert_eq!(first.slot(), 0);
    /// # guard.release(first)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn slot(&self) -> usize {
        self.slot
    }
}

/// `N` session slots, at most `limit` (≤ `N`) open at once.
///
/// Each slot has a generation counter, odd while open; a token carries the generation it was
/// issued under, so a token from another guard is refused on release unless it matches an
/// open slot's slot and generation exactly.
///
/// ```
/// use otcheck_core::resource::SessionGuard;
/// let mut guard = SessionGuard::<8>::with_limit(2)?;
/// let a = guard.admit()?;
/// let b = guard.admit()?;
/// assert!(guard.admit().is_err());
/// assert!(guard.is_open(&a));
/// guard.release(a)?;
/// assert_eq!(guard.active(), 1);
/// # guard.release(b)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionGuard<const N: usize> {
    limit: usize,
    /// Per slot: odd while open.
    generations: [u32; N],
    /// Stack of free slots; `free[..free_len]` are free.
    free: [usize; N],
    free_len: usize,
}

impl<const N: usize> Default for SessionGuard<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> SessionGuard<N> {
    /// A guard allowing all `N` slots to be open at once.
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::SessionGuard::<4>::new().limit(), 4);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self {
            limit: N,
            generations: [0; N],
            // Lowest slot on top, so slots are handed out 0, 1, 2… on a fresh guard.
            free: core::array::from_fn(|i| N.saturating_sub(1).saturating_sub(i)),
            free_len: N,
        }
    }

    /// A guard allowing `limit` open at once.
    ///
    /// # Errors
    ///
    /// [`GuardConfigError::LimitAboveCapacity`] when `limit > N`.
    ///
    /// ```
    /// let guard = otcheck_core::resource::SessionGuard::<4>::with_limit(1)?;
    /// assert_eq!(guard.limit(), 1);
    /// # Ok::<(), otcheck_core::resource::GuardConfigError>(())
    /// ```
    pub fn with_limit(limit: usize) -> Result<Self, GuardConfigError> {
        let mut guard = Self::new();
        guard.set_limit(limit)?;
        Ok(guard)
    }

    /// Changes the limit. Lowering it below [`active`](Self::active) closes nothing: new
    /// sessions are refused until enough are released.
    ///
    /// # Errors
    ///
    /// [`GuardConfigError::LimitAboveCapacity`] when `limit > N`; the limit is unchanged.
    ///
    /// ```
    /// let mut guard = otcheck_core::resource::SessionGuard::<4>::new();
    /// guard.set_limit(2)?;
    /// assert!(guard.set_limit(5).is_err());
    /// assert_eq!(guard.limit(), 2);
    /// # Ok::<(), otcheck_core::resource::GuardConfigError>(())
    /// ```
    pub fn set_limit(&mut self, limit: usize) -> Result<(), GuardConfigError> {
        if limit > N {
            return Err(GuardConfigError::LimitAboveCapacity { limit, capacity: N });
        }
        self.limit = limit;
        Ok(())
    }

    /// The limit.
    ///
    /// ```
    /// assert_eq!(otcheck_core::resource::SessionGuard::<3>::new().limit(), 3);
    /// ```
    #[must_use]
    pub const fn limit(&self) -> usize {
        self.limit
    }

    /// How many sessions are open.
    ///
    /// ```
    /// let mut guard = otcheck_core::resource::SessionGuard::<3>::new();
    /// let _t = guard.admit()?;
    /// assert_eq!(guard.active(), 1);
    /// # Ok::<(), otcheck_core::resource::AdmitError>(())
    /// ```
    #[must_use]
    pub const fn active(&self) -> usize {
        N.saturating_sub(self.free_len)
    }

    /// Whether `token`'s session is open in this guard.
    ///
    /// ```
    /// let mut a = otcheck_core::resource::SessionGuard::<1>::new();
    /// let b = otcheck_core::resource::SessionGuard::<1>::new();
    /// let token = a.admit()?;
    /// assert!(a.is_open(&token));
    /// assert!(!b.is_open(&token));
    /// # Ok::<(), otcheck_core::resource::AdmitError>(())
    /// ```
    #[must_use]
    pub fn is_open(&self, token: &SessionToken) -> bool {
        self.generations
            .get(token.slot)
            .is_some_and(|&g| g == token.generation && g & 1 == 1)
    }

    /// Opens a session if fewer than the limit are open.
    ///
    /// # Errors
    ///
    /// [`AdmitError::Full`] when the limit is reached.
    ///
    /// ```
    /// use otcheck_core::resource::{AdmitError, SessionGuard};
    /// let mut guard = SessionGuard::<1>::new();
    /// let _t = guard.admit()?;
    /// assert_eq!(guard.admit().unwrap_err(), AdmitError::Full { limit: 1 });
    /// # Ok::<(), AdmitError>(())
    /// ```
    pub fn admit(&mut self) -> Result<SessionToken, AdmitError> {
        let full = AdmitError::Full {
            limit: u32::try_from(self.limit).unwrap_or(u32::MAX),
        };
        if self.active() >= self.limit {
            return Err(full);
        }
        let top = self.free_len.checked_sub(1).ok_or(full)?;
        let slot = *self.free.get(top).ok_or(full)?;
        let generation = self.generations.get_mut(slot).ok_or(full)?;
        // Free slots have an even generation; the next one is odd: open.
        *generation = generation.wrapping_add(1);
        self.free_len = top;
        Ok(SessionToken {
            slot,
            generation: *generation,
        })
    }

    /// Closes `token`'s session and frees its slot.
    ///
    /// # Errors
    ///
    /// [`ReleaseError::NotOpen`] when the token does not match an open session of this
    /// guard; nothing changes.
    ///
    /// ```
    /// use otcheck_core::resource::{ReleaseError, SessionGuard};
    /// let mut a = SessionGuard::<2>::new();
    /// let mut b = SessionGuard::<2>::new();
    /// let token = a.admit()?;
    /// assert_eq!(b.release(token).unwrap_err(), ReleaseError::NotOpen { slot: 0 });
    /// assert_eq!(b.active(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn release(&mut self, token: SessionToken) -> Result<(), ReleaseError> {
        let SessionToken { slot, generation } = token;
        let not_open = ReleaseError::NotOpen { slot };
        let current = self.generations.get_mut(slot).ok_or(not_open)?;
        if *current != generation || generation & 1 == 0 {
            return Err(not_open);
        }
        // An open slot is not on the free stack, so the stack has room.
        let top = self.free.get_mut(self.free_len).ok_or(not_open)?;
        *top = slot;
        *current = current.wrapping_add(1);
        self.free_len = self.free_len.saturating_add(1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::vec::Vec;

    #[test]
    fn connection_guard_admits_exactly_the_limit() {
        let mut g = ConnectionGuard::new(3);
        let permits: Vec<_> = (0..3).map(|_| g.admit().unwrap()).collect();
        assert_eq!(g.admit(), Err(AdmitError::Full { limit: 3 }));
        assert_eq!(g.remaining(), 0);
        for p in permits {
            g.release(p).unwrap();
        }
        assert_eq!(g.active(), 0);
        assert_eq!(g.remaining(), 3);
    }

    #[test]
    fn connection_guard_release_without_admission_does_not_underflow() {
        let mut a = ConnectionGuard::new(u32::MAX);
        let mut b = ConnectionGuard::new(1);
        let p = a.admit().unwrap();
        assert_eq!(b.release(p), Err(ReleaseError::NothingAdmitted));
        assert_eq!(b.active(), 0);
        assert_eq!(b.remaining(), 1);
        // The permit released elsewhere stays counted in `a`: a leak fails closed.
        assert_eq!(a.active(), 1);
    }

    #[test]
    fn connection_guard_lowered_limit_blocks_until_released() {
        let mut g = ConnectionGuard::new(3);
        let p1 = g.admit().unwrap();
        let p2 = g.admit().unwrap();
        g.set_limit(1);
        assert!(g.admit().is_err());
        g.release(p1).unwrap();
        assert!(g.admit().is_err(), "still 1 open with a limit of 1");
        g.release(p2).unwrap();
        let _p3 = g.admit().unwrap();
    }

    #[test]
    fn session_guard_hands_out_distinct_slots_and_reuses_them() {
        let mut g = SessionGuard::<3>::new();
        let a = g.admit().unwrap();
        let b = g.admit().unwrap();
        let c = g.admit().unwrap();
        assert_eq!([a.slot(), b.slot(), c.slot()], [0, 1, 2]);
        assert_eq!(g.admit(), Err(AdmitError::Full { limit: 3 }));
        g.release(b).unwrap();
        let d = g.admit().unwrap();
        assert_eq!(d.slot(), 1);
        assert!(g.is_open(&d));
    }

    #[test]
    fn session_guard_refuses_stale_and_foreign_tokens() {
        let mut a = SessionGuard::<2>::new();
        let mut b = SessionGuard::<2>::new();
        let t = a.admit().unwrap();
        // b's slot 0 is free: refused, nothing changes.
        assert_eq!(b.release(t), Err(ReleaseError::NotOpen { slot: 0 }));
        assert_eq!(b.active(), 0);
        // A token from a bigger guard names a slot this one does not have.
        let mut big = SessionGuard::<8>::new();
        let tokens: Vec<_> = (0..8).map(|_| big.admit().unwrap()).collect();
        let last = tokens.into_iter().last().unwrap();
        assert_eq!(a.release(last), Err(ReleaseError::NotOpen { slot: 7 }));
        assert_eq!(a.active(), 1);
        // Slot 0 of `a` is open at generation 1; a token from b for slot 0 after one
        // open/close cycle has generation 3 and is refused.
        let x = b.admit().unwrap();
        b.release(x).unwrap();
        let y = b.admit().unwrap();
        assert_eq!(y.slot(), 0);
        assert_eq!(a.release(y), Err(ReleaseError::NotOpen { slot: 0 }));
        assert_eq!(a.active(), 1);
    }

    #[test]
    fn session_guard_limit_is_checked_against_capacity() {
        assert!(SessionGuard::<2>::with_limit(2).is_ok());
        assert_eq!(
            SessionGuard::<2>::with_limit(3),
            Err(GuardConfigError::LimitAboveCapacity {
                limit: 3,
                capacity: 2
            })
        );
        let mut zero = SessionGuard::<0>::new();
        assert_eq!(zero.admit(), Err(AdmitError::Full { limit: 0 }));
    }

    #[test]
    fn generation_wraps_without_panicking() {
        let mut g = SessionGuard::<1>::new();
        g.generations[0] = u32::MAX - 1;
        let t = g.admit().unwrap();
        assert_eq!(t.generation, u32::MAX);
        g.release(t).unwrap();
        let t = g.admit().unwrap();
        assert_eq!(t.generation, 1);
        assert!(g.is_open(&t));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Admit,
        Release(usize),
        SetLimit(usize),
    }

    fn ops() -> impl Strategy<Value = Vec<Op>> {
        proptest::collection::vec(
            prop_oneof![
                4 => Just(Op::Admit),
                3 => any::<usize>().prop_map(Op::Release),
                1 => (0usize..10).prop_map(Op::SetLimit),
            ],
            0..300,
        )
    }

    proptest! {
        /// Whatever the sequence of admissions, releases and limit changes, a connection guard
        /// never has more admitted than its limit allowed at admission time, and admits exactly
        /// when it is below its limit.
        #[test]
        fn connection_guard_never_exceeds_its_limit(limit in 0u32..10, ops in ops()) {
            let mut g = ConnectionGuard::new(limit);
            let mut held = Vec::new();
            for op in ops {
                match op {
                    Op::Admit => {
                        let below = g.active() < g.limit();
                        match g.admit() {
                            Ok(p) => { prop_assert!(below); held.push(p); }
                            Err(AdmitError::Full { limit }) => {
                                prop_assert!(!below);
                                prop_assert_eq!(limit, g.limit());
                            }
                        }
                    }
                    Op::Release(i) if !held.is_empty() => {
                        let p = held.swap_remove(i.checked_rem(held.len()).unwrap());
                        prop_assert_eq!(g.release(p), Ok(()));
                    }
                    Op::Release(_) => {}
                    Op::SetLimit(l) => g.set_limit(u32::try_from(l).unwrap()),
                }
                prop_assert_eq!(usize::try_from(g.active()).unwrap(), held.len());
            }
        }

        /// The same for the session guard, which also keeps every open slot distinct.
        #[test]
        fn session_guard_never_exceeds_its_limit(limit in 0usize..=6, ops in ops()) {
            let mut g = SessionGuard::<6>::with_limit(limit).unwrap();
            let mut held: Vec<SessionToken> = Vec::new();
            for op in ops {
                match op {
                    Op::Admit => {
                        let below = g.active() < g.limit();
                        match g.admit() {
                            Ok(t) => {
                                prop_assert!(below);
                                prop_assert!(t.slot() < 6);
                                prop_assert!(held.iter().all(|h| h.slot() != t.slot()));
                                held.push(t);
                            }
                            Err(AdmitError::Full { .. }) => prop_assert!(!below),
                        }
                    }
                    Op::Release(i) if !held.is_empty() => {
                        let t = held.swap_remove(i.checked_rem(held.len()).unwrap());
                        prop_assert_eq!(g.release(t), Ok(()));
                    }
                    Op::Release(_) => {}
                    Op::SetLimit(l) => {
                        prop_assert_eq!(g.set_limit(l).is_ok(), l <= 6);
                    }
                }
                prop_assert_eq!(g.active(), held.len());
                prop_assert!(held.iter().all(|t| g.is_open(t)));
            }
        }
    }
}
