//! Long work (reading a big workbook, writing an export) tells whoever waits how
//! far it has come and asks, at the points where stopping is safe, whether it
//! should stop. The core knows nothing of windows: the app's job runner
//! implements [`Watch`]; the command line uses [`Unwatched`].

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The work was asked to stop and did, before it changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Stopped as asked: nothing was changed.")]
pub struct Cancelled;

/// How long work reports progress and learns it should stop.
pub trait Watch: Sync {
    /// `done` of `total` units of work (rows read, sheets written) are done.
    fn progress(&self, done: u64, total: u64);
    /// Whether the person asked the work to stop.
    fn stop_asked(&self) -> bool;

    /// A safe point: `Err(Cancelled)` if the work should stop here.
    fn checkpoint(&self) -> Result<(), Cancelled> {
        if self.stop_asked() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Nobody is watching and nobody can ask the work to stop (the command line).
pub struct Unwatched;

impl Watch for Unwatched {
    fn progress(&self, _done: u64, _total: u64) {}
    fn stop_asked(&self) -> bool {
        false
    }
}

/// Progress and a stop flag shared between a worker thread and the thread that
/// shows it.
#[derive(Debug, Default)]
pub struct Shared {
    done: AtomicU64,
    total: AtomicU64,
    stop: AtomicBool,
}

impl Shared {
    /// Asks the work to stop at its next safe point.
    pub fn ask_to_stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// How far the work has come, as (done, total); total is 0 until known.
    pub fn fraction(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

impl Watch for Shared {
    fn progress(&self, done: u64, total: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }
    fn stop_asked(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_stops_only_once_asked() {
        let shared = Shared::default();
        assert_eq!(shared.checkpoint(), Ok(()));
        shared.progress(3, 7);
        assert_eq!(shared.fraction(), (3, 7));
        shared.ask_to_stop();
        assert_eq!(shared.checkpoint(), Err(Cancelled));
        assert_eq!(Unwatched.checkpoint(), Ok(()));
    }
}
