//! When a failed request may be sent again, and how long to wait first.
//!
//! A request that is not idempotent (POST, PATCH) is sent again only after an answer that proves
//! it was not carried out: a connection that never opened, a 429, or the API's own documented 503.
//! Anything else after it was sent (a timeout, a reset, another 5xx) makes its outcome unknown.

use std::time::Duration;

use crate::client::Received;
use crate::error::{Error, OperationError};

/// How many times, and for how long, a request is retried. [`RetryPolicy::disabled`] turns it off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 means no retries.
    pub max_attempts: u32,
    /// The most time spent waiting between attempts, summed; a wait that would pass it is not made.
    pub max_total_wait: Duration,
    /// The first backoff when the response gives no `Retry-After`; doubled each attempt, with jitter.
    pub initial_backoff: Duration,
    /// The longest single backoff.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_total_wait: Duration::from_secs(30),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    /// Every request is sent once.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Exponential backoff with "equal jitter": half the step fixed, half random, so that clients
    /// rate-limited together do not come back together.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let step = self
            .initial_backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20))
            .min(self.max_backoff);
        jittered(step)
    }

    /// Whether to wait `delay` before another attempt, after `attempt` attempts and `waited` in
    /// all, with `remaining` until a caller's deadline. Never adds what might overflow: `delay`
    /// may come from the server (`Retry-After: 18446744073709551615`).
    pub(crate) fn may_wait(
        &self,
        attempt: u32,
        waited: Duration,
        delay: Duration,
        remaining: Option<Duration>,
    ) -> bool {
        attempt < self.max_attempts
            && delay <= self.max_total_wait.saturating_sub(waited)
            && remaining.is_none_or(|remaining| delay <= remaining)
    }
}

/// What to do with the result of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Done,
    /// Send again, after the server's `Retry-After` if it gave one.
    Retry {
        after: Option<Duration>,
    },
    /// The request may have been carried out: report that instead of the raw failure.
    OutcomeUnknown,
}

/// Half of `step` fixed, half random ("equal jitter").
pub(crate) fn jittered(step: Duration) -> Duration {
    let half = step / 2;
    half.saturating_add(half.mul_f64(fastrand::f64()))
}

pub(crate) fn verdict<E: OperationError>(result: &Result<Received, Error<E>>, idempotent: bool) -> Verdict {
    let error = match result {
        Ok(_) => return Verdict::Done,
        Err(error) => error,
    };
    if let Error::Transport(t) = error {
        return if t.source.is_connect() || idempotent {
            Verdict::Retry { after: None }
        } else {
            Verdict::OutcomeUnknown
        };
    }
    let Some(status) = error.status() else {
        return Verdict::Done;
    };
    let after = error.meta().and_then(|m| m.retry_after);
    // Only the API's own 503, its documented tag present, proves the request was refused.
    let documented = match error {
        Error::Api(e) => e.error.is_tagged_as_documented(),
        _ => false,
    };
    match status.as_u16() {
        429 => Verdict::Retry { after },
        503 if documented => Verdict::Retry { after },
        500..=599 if idempotent => Verdict::Retry { after },
        500..=599 => Verdict::OutcomeUnknown,
        _ => Verdict::Done,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_its_bounds() {
        let policy = RetryPolicy::default();
        for attempt in 1..40 {
            let step = Duration::from_millis(500)
                .saturating_mul(1 << (attempt - 1).min(20))
                .min(Duration::from_secs(8));
            let delay = policy.backoff(attempt);
            assert!(
                delay >= step / 2 && delay <= step,
                "attempt {attempt}: {delay:?} outside {step:?}"
            );
        }
    }

    #[test]
    fn extreme_durations_neither_panic_nor_wrap() {
        let max = RetryPolicy {
            max_attempts: u32::MAX,
            max_total_wait: Duration::MAX,
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
        };
        for attempt in [0, 1, 2, 64, u32::MAX] {
            assert!(max.backoff(attempt) >= Duration::MAX / 2);
        }
        assert!(jittered(Duration::MAX) >= Duration::MAX / 2);
        assert!(max.may_wait(1, Duration::MAX, Duration::ZERO, None));
        assert!(!max.may_wait(1, Duration::MAX, Duration::from_nanos(1), None));
        assert!(max.may_wait(1, Duration::from_secs(1), Duration::MAX - Duration::from_secs(1), None));
        assert!(!max.may_wait(u32::MAX, Duration::ZERO, Duration::ZERO, None));

        let default = RetryPolicy::default();
        let huge = Duration::from_secs(u64::MAX);
        assert!(!default.may_wait(1, Duration::from_millis(10), huge, None));
        assert!(default.may_wait(1, Duration::from_secs(29), Duration::from_secs(1), None));
        assert!(!default.may_wait(1, Duration::from_secs(29), Duration::from_secs(2), None));
        assert!(!default.may_wait(1, Duration::ZERO, Duration::from_secs(2), Some(Duration::from_secs(1))));
        assert!(default.may_wait(1, Duration::ZERO, Duration::from_secs(1), Some(Duration::from_secs(1))));
    }
}
