//! Stopping work early: a per-document time limit and cancellation of a running batch.
//!
//! The stages call [`check`] at natural boundaries (a block, a paragraph, a sentence). Outside
//! a budgeted call it does nothing. Inside one, a spent budget unwinds the stack with a typed
//! payload through `resume_unwind`, which skips the panic hook (nothing is printed) and is
//! caught by the pipeline's per-document `catch_unwind`, so no stage needs an error path of
//! its own for a limit that is not a bug.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why a budgeted call stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The document used up its time limit.
    TimeLimit,
    /// The batch was cancelled from outside (Ctrl-C).
    Cancelled,
}

/// A flag shared by a pipeline and whoever may cancel its running batch.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks every budgeted call under this flag to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Clears the flag so that the next batch runs.
    pub fn reset(&self) {
        self.0.store(false, Ordering::Relaxed);
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

struct Budget {
    deadline: Option<Instant>,
    cancel: Cancel,
}

thread_local! {
    static CURRENT: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Restores the thread's previous budget when a budgeted call ends, unwinding included.
pub struct Guard(Option<Budget>);

impl Drop for Guard {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// Puts this thread under a budget until the guard drops.
pub fn enter(limit: Option<Duration>, cancel: &Cancel) -> Guard {
    let budget = Budget { deadline: limit.map(|l| Instant::now() + l), cancel: cancel.clone() };
    Guard(CURRENT.with(|c| c.borrow_mut().replace(budget)))
}

/// Unwinds with a [`Stop`] payload if this thread's budget is spent.
pub fn check() {
    let stop = CURRENT.with(|c| {
        let c = c.borrow();
        let b = c.as_ref()?;
        if b.cancel.is_cancelled() {
            return Some(Stop::Cancelled);
        }
        b.deadline.filter(|d| Instant::now() >= *d).map(|_| Stop::TimeLimit)
    });
    if let Some(stop) = stop {
        std::panic::resume_unwind(Box::new(stop));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::catch_unwind;

    #[test]
    fn check_is_free_outside_a_budget() {
        check();
    }

    #[test]
    fn spent_limit_and_cancel_unwind_with_their_reason() {
        let cancel = Cancel::default();
        let stop = |limit| {
            catch_unwind(|| {
                let _g = enter(limit, &cancel);
                check();
            })
            .err()
            .and_then(|p| p.downcast_ref::<Stop>().copied())
        };
        assert_eq!(stop(Some(Duration::ZERO)), Some(Stop::TimeLimit));
        assert_eq!(stop(Some(Duration::from_secs(3600))), None);
        cancel.cancel();
        assert_eq!(stop(None), Some(Stop::Cancelled));
        cancel.reset();
        assert_eq!(stop(None), None);
        // The guard restored the empty budget even after unwinding.
        cancel.cancel();
        check();
    }
}
