//! One runner for long work (opening a large inventory, reading a file to
//! import, applying an import, exporting, the daily backup copy), in the style
//! of gitui's async jobs: the work runs on its own thread; the app polls it
//! each frame, shows its progress as a bar and offers Cancel only where the
//! work can stop without leaving anything half done.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

pub use super::dialogs::{FileDialogs, FixedDialogs, NativeDialogs};
use crate::progress::Shared;

/// The kinds of long work, and what each allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Reading a large inventory's rows when the window opens.
    Load,
    /// Reading a file and comparing it with the inventory: changes nothing.
    Plan,
    /// Writing an import into the inventory, in one transaction.
    Apply,
    /// Writing a workbook, CSV or catalog file.
    Export,
    /// Reading a sample of a dataset's data to describe its columns.
    Profile,
    /// The day's backup copy, made quietly beside other work.
    Backup,
    /// Sending datasets to the portal (the network): each call's result is
    /// written as it comes, so it runs to its end.
    Publish,
}

impl Work {
    /// Whether the person may stop it: only work that changes nothing until its
    /// last step. Opening, applying (one transaction) and the backup run to the end.
    pub fn can_stop(self) -> bool {
        matches!(self, Work::Plan | Work::Export | Work::Profile)
    }

    /// Quiet work runs beside the rest and shows no bar.
    fn quiet(self) -> bool {
        matches!(self, Work::Backup)
    }
}

/// Work that stopped without a result: a bug, said plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "The work stopped unexpectedly inside the app; nothing was changed. Try again, and if it happens again, report it."
)]
pub struct Crashed;

/// One piece of work running on its own thread.
pub struct Job<T> {
    pub work: Work,
    pub label: String,
    pub started: Instant,
    receiver: Receiver<Result<T, Crashed>>,
    shared: Arc<Shared>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `run` on its own thread; it reports progress and looks for a request
    /// to stop through the `Shared` it is given.
    pub fn spawn(
        work: Work,
        label: impl Into<String>,
        run: impl FnOnce(&Shared) -> T + Send + 'static,
    ) -> Self {
        let (sender, receiver) = channel();
        let shared = Arc::new(Shared::default());
        let watch = shared.clone();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&watch)))
                .map_err(|_| Crashed);
            let _ = sender.send(result);
        });
        Job {
            work,
            label: label.into(),
            started: Instant::now(),
            receiver,
            shared,
        }
    }

    /// The result once the work is done.
    fn poll(&mut self) -> Option<Result<T, Crashed>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Crashed)),
        }
    }

    /// Waits for the result (tests and screenshots).
    fn wait(self) -> Result<T, Crashed> {
        self.receiver.recv().unwrap_or(Err(Crashed))
    }

    /// How far it has come, from 0 to 1, once the work has said.
    pub fn fraction(&self) -> Option<f32> {
        let (done, total) = self.shared.fraction();
        (total > 0).then(|| done as f32 / total as f32)
    }

    /// Whether the person asked it to stop.
    pub fn stopping(&self) -> bool {
        use crate::progress::Watch;
        self.shared.stop_asked()
    }
}

/// The work running now: at most one piece the person waits for, and quiet
/// work beside it.
pub struct Jobs<T> {
    running: Vec<Job<T>>,
}

impl<T> Default for Jobs<T> {
    fn default() -> Self {
        Jobs {
            running: Vec::new(),
        }
    }
}

/// Work already running that the person waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Wait for the current work to finish, or cancel it.")]
pub struct Busy;

impl<T: Send + 'static> Jobs<T> {
    /// Starts work, unless it would run beside other work the person waits for.
    pub fn start(
        &mut self,
        work: Work,
        label: impl Into<String>,
        run: impl FnOnce(&Shared) -> T + Send + 'static,
    ) -> Result<(), Busy> {
        if !work.quiet() && self.shown().is_some() {
            return Err(Busy);
        }
        self.running.push(Job::spawn(work, label, run));
        Ok(())
    }

    /// The work the status bar shows, if any.
    pub fn shown(&self) -> Option<&Job<T>> {
        self.running.iter().find(|j| !j.work.quiet())
    }

    /// Whether any work is running (tests wait for it).
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// Asks the shown work to stop, where it can; says whether it was asked.
    pub fn cancel(&self) -> bool {
        match self.shown() {
            Some(job) if job.work.can_stop() => {
                job.shared.ask_to_stop();
                true
            }
            _ => false,
        }
    }

    /// The work that has finished since the last call, with its results and
    /// whether the person asked it to stop (it may have finished first).
    pub fn finished(&mut self) -> Vec<(Work, Result<T, Crashed>, bool)> {
        let mut done = Vec::new();
        let mut k = 0;
        while k < self.running.len() {
            match self.running[k].poll() {
                Some(result) => {
                    let job = self.running.remove(k);
                    let stop_asked = job.stopping();
                    done.push((job.work, result, stop_asked));
                }
                None => k += 1,
            }
        }
        done
    }

    /// Waits for all the work and takes the results (tests, screenshots).
    pub fn wait_all(&mut self) -> Vec<(Work, Result<T, Crashed>, bool)> {
        self.running
            .drain(..)
            .map(|job| {
                let (work, shared) = (job.work, job.shared.clone());
                let result = job.wait();
                (work, result, crate::progress::Watch::stop_asked(&*shared))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Watch;

    #[test]
    fn a_second_piece_of_work_waits_but_a_backup_runs_beside_it() {
        let mut jobs: Jobs<u32> = Jobs::default();
        let (go, wait) = channel::<()>();
        jobs.start(Work::Export, "export", move |_| {
            let _ = wait.recv();
            1
        })
        .unwrap();
        assert_eq!(jobs.start(Work::Plan, "plan", |_| 2), Err(Busy));
        jobs.start(Work::Backup, "backup", |_| 3).unwrap();
        go.send(()).unwrap();
        let mut results: Vec<u32> = jobs
            .wait_all()
            .into_iter()
            .map(|(_, r, _)| r.unwrap())
            .collect();
        results.sort();
        assert_eq!(results, [1, 3]);
    }

    #[test]
    fn only_work_that_can_stop_is_asked_to() {
        let mut jobs: Jobs<bool> = Jobs::default();
        let (go, wait) = channel::<()>();
        jobs.start(Work::Apply, "apply", move |w| {
            let _ = wait.recv();
            w.stop_asked()
        })
        .unwrap();
        assert!(!jobs.cancel(), "an import being applied runs to its end");
        go.send(()).unwrap();
        assert_eq!(jobs.wait_all()[0].1, Ok(false));

        let (go, wait) = channel::<()>();
        jobs.start(Work::Export, "export", move |w| {
            let _ = wait.recv();
            w.progress(1, 2);
            w.stop_asked()
        })
        .unwrap();
        assert!(jobs.cancel());
        assert!(jobs.shown().unwrap().stopping());
        go.send(()).unwrap();
        assert_eq!(jobs.wait_all()[0].1, Ok(true));
    }

    #[test]
    fn work_that_panics_is_reported_not_lost() {
        let mut jobs: Jobs<u32> = Jobs::default();
        jobs.start(Work::Plan, "plan", |_| panic!("a bug")).unwrap();
        assert_eq!(jobs.wait_all()[0].1, Err(Crashed));
    }
}
