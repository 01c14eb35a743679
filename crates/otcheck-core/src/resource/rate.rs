//! Token-bucket rate limiting (CR 7.1 RE 1: manage the communication load a component accepts
//! and generates).
//!
//! Owns [`RateLimit`] (the setting: burst, refill and period) and [`TokenBucket`] (the limiter
//! firmware calls per packet, request or message).
//!
//! Guarantees:
//! - **Integer only, constant time.** Every operation is a handful of checked or saturating
//!   integer operations and one or two divisions: no loops, no floating point, no heap.
//! - **Never over budget.** From its creation at tick `t0`, a bucket admits at most
//!   `burst + refill × ⌊(h − t0) / period⌋` units in total, where `h` is the latest tick
//!   passed to [`TokenBucket::try_acquire`]; over any span of `d` ticks it admits at most
//!   `burst + refill × (⌊d / period⌋ + 1)`.
//! - **Time going backwards never mints tokens.** The bucket remembers the latest tick it has
//!   credited. A `now` behind it admits only from the tokens already in the bucket, and refill
//!   resumes once the clock is past that tick again. A limiter that refuses for a while after a
//!   clock glitch is the safe failure; one that admits more is not.
//! - **`u64` wrap.** Ticks are compared with wrapping differences: a difference below 2⁶³ is
//!   forward movement (across the wrap too), one of 2⁶³ or more is time going backwards. At a
//!   1 GHz tick rate 2⁶³ ticks is 292 years, so a real forward step is never mistaken for a
//!   backward one.
//!
//! ```
//! use otcheck_core::resource::{RateLimit, RateLimited, TokenBucket};
//!
//! // 100 requests in a burst, then 10 more per 1000 ticks (e.g. 10 per second on a 1 kHz tick).
//! let mut bucket = TokenBucket::new(RateLimit::new(100, 10, 1_000), 0)?;
//! for _ in 0..100 {
//!     bucket.try_acquire(5, 1)?;
//! }
//! assert_eq!(bucket.try_acquire(5, 1), Err(RateLimited::Wait { retry_after: 995 }));
//! assert_eq!(bucket.try_acquire(1_000, 10), Ok(()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// Forward differences below this are forward movement; the rest is time going backwards.
const HALF_RANGE: u64 = 0x8000_0000_0000_0000;

/// How many ticks `now` is ahead of `then`, or `None` when `now` is behind it (wrap-aware; see
/// the module docs).
fn ahead(then: u64, now: u64) -> Option<u64> {
    let d = now.wrapping_sub(then);
    (d < HALF_RANGE).then_some(d)
}

/// A rate-limit setting: at most `burst` units at once, `refill` more every `period` ticks.
///
/// The unit is whatever the caller charges (packets, bytes, requests), the tick is whatever its
/// clock counts (e.g. milliseconds). This is the form stored in a device profile; a
/// [`TokenBucket`] enforces it.
///
/// ```
/// use otcheck_core::resource::{RateLimit, RateLimitError};
/// assert_eq!(RateLimit::new(10, 1, 100).validate(), Ok(()));
/// assert_eq!(RateLimit::new(10, 0, 100).validate(), Err(RateLimitError::ZeroRefill));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RateLimit {
    /// The most units admitted at once: the bucket's capacity.
    pub burst: u32,
    /// Units added back every `period`.
    pub refill: u32,
    /// The refill period, in the caller's ticks.
    pub period: u64,
}

impl RateLimit {
    /// A setting of `burst` units at once and `refill` more every `period` ticks.
    ///
    /// ```
    /// let limit = otcheck_core::resource::RateLimit::new(50, 5, 1_000);
    /// assert_eq!(limit.burst, 50);
    /// ```
    #[must_use]
    pub const fn new(burst: u32, refill: u32, period: u64) -> Self {
        Self {
            burst,
            refill,
            period,
        }
    }

    /// Whether the setting can work: every field non-zero.
    ///
    /// # Errors
    ///
    /// The first zero field, as a [`RateLimitError`].
    ///
    /// ```
    /// use otcheck_core::resource::{RateLimit, RateLimitError};
    /// assert_eq!(RateLimit::new(0, 1, 1).validate(), Err(RateLimitError::ZeroBurst));
    /// assert_eq!(RateLimit::new(1, 1, 0).validate(), Err(RateLimitError::ZeroPeriod));
    /// ```
    pub const fn validate(&self) -> Result<(), RateLimitError> {
        if self.burst == 0 {
            Err(RateLimitError::ZeroBurst)
        } else if self.refill == 0 {
            Err(RateLimitError::ZeroRefill)
        } else if self.period == 0 {
            Err(RateLimitError::ZeroPeriod)
        } else {
            Ok(())
        }
    }
}

/// Why a [`RateLimit`] cannot be enforced.
///
/// ```
/// use otcheck_core::resource::RateLimitError;
/// assert_eq!(
///     RateLimitError::ZeroRefill.to_string(),
///     "rate limit refill is 0: the bucket would never refill"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum RateLimitError {
    /// `burst` is 0: nothing could ever be admitted.
    #[error("rate limit burst is 0: nothing could ever be admitted")]
    ZeroBurst,
    /// `refill` is 0: the bucket would never refill.
    #[error("rate limit refill is 0: the bucket would never refill")]
    ZeroRefill,
    /// `period` is 0 ticks.
    #[error("rate limit period is 0 ticks")]
    ZeroPeriod,
}

/// Why [`TokenBucket::try_acquire`] refused.
///
/// ```
/// use otcheck_core::resource::RateLimited;
/// assert_eq!(RateLimited::Wait { retry_after: 7 }.retry_after(), Some(7));
/// assert_eq!(RateLimited::ExceedsBurst { cost: 9, burst: 8 }.retry_after(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum RateLimited {
    /// Not enough tokens now. Without other calls in between, the same request succeeds at
    /// `now + retry_after` and not a tick earlier.
    #[error("rate limited: retry after {retry_after} ticks")]
    Wait {
        /// Ticks from the refused call's `now` until the request can succeed (at least 1).
        retry_after: u64,
    },
    /// The cost is more than the bucket can ever hold: it will never be admitted.
    #[error("cost {cost} exceeds the burst of {burst}: it can never be admitted")]
    ExceedsBurst {
        /// The cost asked for.
        cost: u32,
        /// The bucket's capacity.
        burst: u32,
    },
}

impl RateLimited {
    /// Ticks to wait before retrying, or `None` when retrying cannot help.
    ///
    /// ```
    /// use otcheck_core::resource::{RateLimit, TokenBucket};
    /// let mut bucket = TokenBucket::new(RateLimit::new(1, 1, 100), 0)?;
    /// bucket.try_acquire(0, 1)?;
    /// let refused = bucket.try_acquire(40, 1).unwrap_err();
    /// assert_eq!(refused.retry_after(), Some(60));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn retry_after(&self) -> Option<u64> {
        match self {
            Self::Wait { retry_after } => Some(*retry_after),
            Self::ExceedsBurst { .. } => None,
        }
    }
}

/// A token bucket enforcing a [`RateLimit`]; the caller passes the time on every call.
///
/// It starts full. Each whole `period` since the last credit adds `refill` tokens, up to
/// `burst`; a refill that fills the bucket drops the partial period, so the next token comes a
/// full period after that call. [`available`](Self::available) only looks;
/// [`try_acquire`](Self::try_acquire) also records how far the clock has come. See the module docs for the budget, backwards
/// time and wrap guarantees.
///
/// ```
/// use otcheck_core::resource::{RateLimit, TokenBucket};
/// let mut bucket = TokenBucket::new(RateLimit::new(3, 1, 10), 1_000)?;
/// assert_eq!(bucket.available(1_000), 3);
/// bucket.try_acquire(1_000, 3)?;
/// assert!(bucket.try_acquire(1_005, 1).is_err());
/// // The clock jumps back: nothing is minted.
/// assert_eq!(bucket.available(500), 0);
/// assert_eq!(bucket.available(1_010), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenBucket {
    /// The validated setting (every field non-zero).
    limit: RateLimit,
    /// Tokens in the bucket as of `credited`, at most `limit.burst`.
    tokens: u32,
    /// The latest tick up to which refill has been credited.
    credited: u64,
}

impl TokenBucket {
    /// A full bucket enforcing `limit`, starting at tick `now`.
    ///
    /// # Errors
    ///
    /// [`RateLimitError`] when a field of `limit` is zero.
    ///
    /// ```
    /// use otcheck_core::resource::{RateLimit, RateLimitError, TokenBucket};
    /// assert!(TokenBucket::new(RateLimit::new(8, 2, 100), 0).is_ok());
    /// assert_eq!(
    ///     TokenBucket::new(RateLimit::new(8, 2, 0), 0).unwrap_err(),
    ///     RateLimitError::ZeroPeriod
    /// );
    /// ```
    pub const fn new(limit: RateLimit, now: u64) -> Result<Self, RateLimitError> {
        match limit.validate() {
            Ok(()) => Ok(Self {
                limit,
                tokens: limit.burst,
                credited: now,
            }),
            Err(e) => Err(e),
        }
    }

    /// The setting this bucket enforces.
    ///
    /// ```
    /// use otcheck_core::resource::{RateLimit, TokenBucket};
    /// let limit = RateLimit::new(8, 2, 100);
    /// assert_eq!(TokenBucket::new(limit, 0)?.limit(), limit);
    /// # Ok::<(), otcheck_core::resource::RateLimitError>(())
    /// ```
    #[must_use]
    pub const fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Tokens that would be available at `now`, without taking any.
    ///
    /// ```
    /// use otcheck_core::resource::{RateLimit, TokenBucket};
    /// let mut bucket = TokenBucket::new(RateLimit::new(10, 2, 100), 0)?;
    /// bucket.try_acquire(0, 10)?;
    /// assert_eq!(bucket.available(250), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn available(&self, now: u64) -> u32 {
        self.credit(now).0
    }

    /// Takes `cost` tokens at tick `now`, or refuses and says when to retry. A refused call
    /// takes nothing. A cost of 0 always succeeds.
    ///
    /// # Errors
    ///
    /// [`RateLimited::Wait`] when there are fewer than `cost` tokens, with the ticks until there
    /// will be enough; [`RateLimited::ExceedsBurst`] when `cost` is more than the burst.
    ///
    /// ```
    /// use otcheck_core::resource::{RateLimit, RateLimited, TokenBucket};
    /// let mut bucket = TokenBucket::new(RateLimit::new(4, 1, 50), 0)?;
    /// bucket.try_acquire(0, 4)?;
    /// assert_eq!(bucket.try_acquire(10, 2), Err(RateLimited::Wait { retry_after: 90 }));
    /// assert_eq!(bucket.try_acquire(100, 2), Ok(()));
    /// assert_eq!(bucket.try_acquire(100, 5), Err(RateLimited::ExceedsBurst { cost: 5, burst: 4 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_acquire(&mut self, now: u64, cost: u32) -> Result<(), RateLimited> {
        // Credit first, whatever the outcome: the bucket must learn how far the clock has come,
        // or a later `now` behind this one could be taken for new time.
        let (tokens, credited) = self.credit(now);
        self.credited = credited;
        if cost > self.limit.burst {
            self.tokens = tokens;
            return Err(RateLimited::ExceedsBurst {
                cost,
                burst: self.limit.burst,
            });
        }
        if let Some(rest) = tokens.checked_sub(cost) {
            self.tokens = rest;
            Ok(())
        } else {
            self.tokens = tokens;
            let missing = cost.saturating_sub(tokens);
            Err(RateLimited::Wait {
                retry_after: self.retry_after(now, missing),
            })
        }
    }

    /// The tokens and credited tick the bucket would have at `now`: whole periods since
    /// `credited` add `refill` each, capped at `burst`. Nothing is added when `now` is behind
    /// `credited`.
    fn credit(&self, now: u64) -> (u32, u64) {
        let Some(elapsed) = ahead(self.credited, now) else {
            return (self.tokens, self.credited);
        };
        // `period` is non-zero (validated in `new`); were it not, nothing would be minted.
        let periods = elapsed.checked_div(self.limit.period).unwrap_or(0);
        if periods == 0 {
            return (self.tokens, self.credited);
        }
        let total = u64::from(self.tokens)
            .saturating_add(periods.saturating_mul(u64::from(self.limit.refill)));
        match u32::try_from(total) {
            Ok(tokens) if tokens < self.limit.burst => {
                // `periods * period <= elapsed`, so this lands at or before `now`.
                let step = periods.saturating_mul(self.limit.period);
                (tokens, self.credited.wrapping_add(step))
            }
            // Full: the partial period is dropped.
            _ => (self.limit.burst, now),
        }
    }

    /// Ticks from `now` until `missing` more tokens have been credited. Called right after
    /// `credit(now)` was stored, so a forward `now` is less than one period past `credited`.
    fn retry_after(&self, now: u64, missing: u32) -> u64 {
        let refill = self.limit.refill;
        let whole = missing.checked_div(refill).unwrap_or(u32::MAX);
        let periods = if missing.checked_rem(refill).unwrap_or(0) == 0 {
            whole
        } else {
            whole.saturating_add(1)
        };
        let from_credited = u64::from(periods).saturating_mul(self.limit.period);
        match ahead(self.credited, now) {
            Some(into_period) => from_credited.saturating_sub(into_period),
            None => from_credited.saturating_add(self.credited.wrapping_sub(now)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::vec::Vec;

    fn bucket(burst: u32, refill: u32, period: u64, now: u64) -> TokenBucket {
        TokenBucket::new(RateLimit::new(burst, refill, period), now).unwrap()
    }

    #[test]
    fn zero_fields_are_rejected() {
        assert_eq!(
            TokenBucket::new(RateLimit::new(0, 1, 1), 0),
            Err(RateLimitError::ZeroBurst)
        );
        assert_eq!(
            TokenBucket::new(RateLimit::new(1, 0, 1), 0),
            Err(RateLimitError::ZeroRefill)
        );
        assert_eq!(
            TokenBucket::new(RateLimit::new(1, 1, 0), 0),
            Err(RateLimitError::ZeroPeriod)
        );
    }

    #[test]
    fn starts_full_and_drains() {
        let mut b = bucket(5, 1, 10, 0);
        for _ in 0..5 {
            assert_eq!(b.try_acquire(0, 1), Ok(()));
        }
        assert_eq!(
            b.try_acquire(0, 1),
            Err(RateLimited::Wait { retry_after: 10 })
        );
        assert_eq!(b.available(0), 0);
    }

    #[test]
    fn refills_per_whole_period_only() {
        let mut b = bucket(10, 3, 100, 0);
        b.try_acquire(0, 10).unwrap();
        assert_eq!(b.available(99), 0);
        assert_eq!(b.available(100), 3);
        assert_eq!(b.available(250), 6);
        // Partial periods are kept while the bucket is not full.
        b.try_acquire(250, 6).unwrap();
        assert_eq!(b.available(299), 0);
        assert_eq!(b.available(300), 3);
    }

    #[test]
    fn refill_caps_at_burst_and_drops_the_partial_period() {
        let mut b = bucket(4, 1, 10, 0);
        b.try_acquire(0, 4).unwrap();
        assert_eq!(b.available(1_000_000), 4);
        b.try_acquire(1_000_005, 4).unwrap();
        // Full at 1_000_005: the next token is a whole period later.
        assert_eq!(b.available(1_000_014), 0);
        assert_eq!(b.available(1_000_015), 1);
    }

    #[test]
    fn cost_zero_always_passes_and_cost_above_burst_never_does() {
        let mut b = bucket(2, 1, 10, 0);
        b.try_acquire(0, 2).unwrap();
        assert_eq!(b.try_acquire(0, 0), Ok(()));
        assert_eq!(
            b.try_acquire(1_000, 3),
            Err(RateLimited::ExceedsBurst { cost: 3, burst: 2 })
        );
        assert_eq!(b.available(1_000), 2, "a refused call takes nothing");
    }

    /// Found by `never_exceeds_its_budget`: a refused oversized request must still record the
    /// time, or a later `now` behind it is taken for new time and mints tokens.
    #[test]
    fn an_oversized_request_still_records_the_time() {
        let mut b = bucket(7, 1, 1, 0);
        assert!(matches!(
            b.try_acquire(1_000, 8),
            Err(RateLimited::ExceedsBurst { .. })
        ));
        b.try_acquire(1_000, 7).unwrap();
        assert_eq!(b.available(228), 0, "228 is behind 1_000");
        assert!(b.try_acquire(228, 1).is_err());
        assert_eq!(b.available(1_001), 1);
    }

    #[test]
    fn retry_after_is_exact() {
        let mut b = bucket(10, 3, 100, 0);
        b.try_acquire(0, 10).unwrap();
        // 7 missing at tick 40: 3 periods from the credited tick 0, i.e. 260 from now.
        assert_eq!(
            b.try_acquire(40, 7),
            Err(RateLimited::Wait { retry_after: 260 })
        );
        assert!(b.try_acquire(299, 7).is_err());
        assert_eq!(b.try_acquire(300, 7), Ok(()));
    }

    #[test]
    fn time_going_backwards_mints_nothing() {
        let mut b = bucket(5, 5, 10, 1_000);
        b.try_acquire(1_000, 5).unwrap();
        for now in [999, 500, 0, 1_000] {
            assert_eq!(b.available(now), 0, "at {now}");
            assert!(b.try_acquire(now, 1).is_err(), "at {now}");
        }
        // Refill resumes from the latest credited tick, not from the rewound clock.
        assert_eq!(b.available(1_009), 0);
        assert_eq!(b.available(1_010), 5);
    }

    #[test]
    fn backwards_then_forward_does_not_mint_twice() {
        let mut b = bucket(10, 1, 10, 0);
        b.try_acquire(0, 10).unwrap();
        b.try_acquire(50, 5).unwrap(); // credited up to 50, 0 left
        assert_eq!(b.available(0), 0);
        // Going back to 0 and forward to 50 again must not credit 0..50 a second time.
        assert_eq!(b.available(50), 0);
        assert_eq!(b.available(59), 0);
        assert_eq!(b.available(60), 1);
    }

    #[test]
    fn retry_after_counts_the_backwards_gap() {
        let mut b = bucket(2, 1, 10, 1_000);
        b.try_acquire(1_000, 2).unwrap();
        assert_eq!(
            b.try_acquire(900, 1),
            Err(RateLimited::Wait { retry_after: 110 })
        );
        assert!(b.try_acquire(1_009, 1).is_err());
        assert_eq!(b.try_acquire(1_010, 1), Ok(()));
    }

    #[test]
    fn refill_across_u64_wrap() {
        let start = u64::MAX - 5;
        let mut b = bucket(3, 1, 10, start);
        b.try_acquire(start, 3).unwrap();
        // 4 ticks past the wrap is 10 ticks after the start.
        assert_eq!(b.available(3), 0);
        assert_eq!(b.available(4), 1);
        assert_eq!(
            b.try_acquire(4, 2),
            Err(RateLimited::Wait { retry_after: 10 })
        );
        assert_eq!(b.try_acquire(14, 2), Ok(()));
        // And a step back across the wrap is still backwards.
        assert_eq!(b.available(u64::MAX), 0);
    }

    #[test]
    fn huge_values_saturate() {
        let mut b = bucket(u32::MAX, u32::MAX, 1, 0);
        b.try_acquire(0, u32::MAX).unwrap();
        assert_eq!(b.available(HALF_RANGE - 1), u32::MAX);
        let mut slow = bucket(u32::MAX, 1, u64::MAX, 0);
        slow.try_acquire(0, u32::MAX).unwrap();
        assert_eq!(
            slow.try_acquire(1, u32::MAX),
            Err(RateLimited::Wait {
                retry_after: u64::MAX - 1
            })
        );
    }

    /// A step of the clock: forward, or back, by less than 2^62 ticks.
    fn step() -> impl Strategy<Value = i128> {
        prop_oneof![
            3 => 0..300i128,
            1 => -300..0i128,
            1 => -(1i128 << 40)..(1i128 << 40),
        ]
    }

    fn start() -> impl Strategy<Value = u64> {
        prop_oneof![Just(0u64), Just(u64::MAX - 1_000), any::<u64>()]
    }

    /// The most a bucket may admit: `burst + refill * periods`.
    fn budget(burst: u32, refill: u32, periods: i128) -> i128 {
        i128::from(refill)
            .checked_mul(periods)
            .and_then(|r| r.checked_add(i128::from(burst)))
            .unwrap()
    }

    /// Maps an unwrapped clock position back onto the u64 tick counter.
    fn tick(position: i128) -> u64 {
        u64::try_from(position.rem_euclid(1i128 << 64)).unwrap()
    }

    proptest! {
        /// Over any sequence of calls, with the clock going forwards, backwards and across the
        /// u64 wrap, the bucket admits no more than its budget, in total and in every span.
        #[test]
        fn never_exceeds_its_budget(
            burst in 1u32..20,
            refill in 1u32..10,
            period in 1u64..50,
            t0 in start(),
            calls in proptest::collection::vec((step(), 0u32..25), 1..200),
        ) {
            let mut b = bucket(burst, refill, period, t0);
            let p = i128::from(period);
            // Unwrapped clock position relative to t0, its high-water mark, and what was
            // admitted at each high-water mark.
            let (mut position, mut high) = (0i128, 0i128);
            let mut admitted: Vec<(i128, i128)> = Vec::new();
            let mut total = 0i128;
            for (delta, cost) in calls {
                position = position.checked_add(delta).unwrap();
                high = high.max(position);
                let now = tick(i128::from(t0).checked_add(position).unwrap());
                let before = b.available(now);
                match b.try_acquire(now, cost) {
                    Ok(()) => {
                        prop_assert!(cost <= before);
                        total = total.checked_add(i128::from(cost)).unwrap();
                        admitted.push((high, i128::from(cost)));
                    }
                    Err(RateLimited::Wait { retry_after }) => {
                        prop_assert!(cost > before && cost <= burst);
                        prop_assert!(retry_after >= 1);
                    }
                    Err(RateLimited::ExceedsBurst { .. }) => prop_assert!(cost > burst),
                }
                prop_assert!(b.available(now) <= burst);
                let periods = high.checked_div(p).unwrap();
                prop_assert!(total <= budget(burst, refill, periods), "total {total} by {high}");
            }
            // Every span [from, to] of high-water time admits at most
            // burst + refill * (floor((to - from) / period) + 1).
            for (i, &(from, _)) in admitted.iter().enumerate() {
                let mut in_span = 0i128;
                for &(to, cost) in &admitted[i..] {
                    in_span = in_span.checked_add(cost).unwrap();
                    let span = to.checked_sub(from).unwrap();
                    let periods = span.checked_div(p).unwrap().checked_add(1).unwrap();
                    prop_assert!(in_span <= budget(burst, refill, periods));
                }
            }
        }

        /// A refused request succeeds exactly `retry_after` ticks later, and not a tick earlier,
        /// whether the clock moved forward into a period or went backwards.
        #[test]
        fn retry_after_is_tight(
            burst in 1u32..20,
            refill in 1u32..10,
            period in 1u64..50,
            t0 in start(),
            drain in 0u32..20,
            first in 0u64..200,
            offset in -200i64..200,
            cost in 1u32..20,
        ) {
            let (drain, cost) = (drain.min(burst), cost.min(burst));
            let mut b = bucket(burst, refill, period, t0);
            prop_assert_eq!(b.try_acquire(t0, drain), Ok(()));
            let t1 = t0.wrapping_add(first);
            prop_assert!(b.try_acquire(t1, 0).is_ok());
            let now = t1.wrapping_add_signed(offset);
            let available = b.available(now);
            match b.try_acquire(now, cost) {
                Err(RateLimited::Wait { retry_after }) => {
                    prop_assert!(cost > available);
                    let mut early = b.clone();
                    let just_before = now.wrapping_add(retry_after.checked_sub(1).unwrap());
                    prop_assert!(early.try_acquire(just_before, cost).is_err());
                    prop_assert_eq!(b.try_acquire(now.wrapping_add(retry_after), cost), Ok(()));
                }
                other => {
                    prop_assert_eq!(other, Ok(()));
                    prop_assert!(cost <= available);
                }
            }
        }
    }
}
