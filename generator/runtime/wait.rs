//! Waiting out an answer that means "not yet" (Katapult's 422 `object_storage_provisioning_error`
//! for a key that is still being set up) by calling again until a deadline.

use std::future::Future;
use std::time::{Duration, Instant};

use super::error::Error;
use super::response::Response;

/// How often a `…_when_ready` method calls again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitPolicy {
    /// The first pause between calls; doubled after each, with jitter.
    pub initial_interval: Duration,
    /// The longest pause between calls.
    pub max_interval: Duration,
}

impl Default for WaitPolicy {
    fn default() -> Self {
        WaitPolicy {
            initial_interval: Duration::from_secs(2),
            max_interval: Duration::from_secs(20),
        }
    }
}

/// Calls `call` until it returns anything but an error `is_pending` accepts, or until `deadline`
/// has passed; then returns the last result. Never sleeps past the deadline.
pub async fn until_ready<T, E, F, Fut>(
    policy: &WaitPolicy,
    deadline: Duration,
    is_pending: impl Fn(&Error<E>) -> bool,
    mut call: F,
) -> Result<Response<T>, Error<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Response<T>, Error<E>>>,
{
    let started = Instant::now();
    let mut interval = policy.initial_interval;
    let mut polls = 0u32;
    loop {
        let result = call().await;
        polls += 1;
        match &result {
            Err(error) if is_pending(error) => {}
            _ => return result,
        }
        let remaining = deadline.saturating_sub(started.elapsed());
        let pause = (interval / 2 + (interval / 2).mul_f64(fastrand::f64())).min(remaining);
        if pause.is_zero() {
            tracing::debug!(polls, "still not ready at the deadline");
            return result;
        }
        tracing::debug!(polls, ?pause, "not ready yet; calling again");
        tokio::time::sleep(pause).await;
        interval = interval.saturating_mul(2).min(policy.max_interval);
    }
}
