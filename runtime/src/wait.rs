//! Waiting out an answer that means "not yet" (a resource still being set up) by calling again
//! until a deadline.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::response::Response;
use crate::retry::jittered;

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

tokio::task_local! {
    /// The deadline of the `…_when_ready` call a request is part of, so that the retry waits
    /// inside each call stop at it too. `None` inside a call means no deadline (it was too far
    /// away to represent).
    static DEADLINE: Option<Instant>;
}

/// The deadline the current request must not wait past, if it is part of a `…_when_ready` call.
pub(crate) fn current_deadline() -> Option<Instant> {
    DEADLINE.try_with(|deadline| *deadline).ok().flatten()
}

/// Calls `call` until it returns anything but an error `is_pending` accepts, or until `deadline`
/// has passed; then returns the last result. No wait, between calls or inside one (retries),
/// passes the deadline; a request already sent is not cut short.
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
    let deadline_at = Instant::now().checked_add(deadline);
    let mut interval = policy.initial_interval;
    let mut polls = 0u32;
    loop {
        let result = DEADLINE.scope(deadline_at, call()).await;
        polls = polls.saturating_add(1);
        match &result {
            Err(error) if is_pending(error) => {}
            _ => return result,
        }
        let pause = jittered(interval);
        let pause = match deadline_at {
            Some(at) => pause.min(at.saturating_duration_since(Instant::now())),
            None => pause,
        };
        if pause.is_zero() {
            tracing::debug!(polls, "still not ready at the deadline");
            return result;
        }
        tracing::debug!(polls, ?pause, "not ready yet; calling again");
        tokio::time::sleep(pause).await;
        interval = interval.saturating_mul(2).min(policy.max_interval);
    }
}
