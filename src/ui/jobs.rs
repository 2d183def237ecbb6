//! Long work off the UI thread, and the file dialogs, both behind small types so
//! tests can run them without a desktop.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// One piece of background work: spawn, poll each frame, cancel.
pub struct Job<T> {
    pub label: String,
    pub started: Instant,
    receiver: Receiver<Result<T, String>>,
    cancel: Arc<AtomicBool>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on its own thread; `work` may look at the flag to stop early.
    pub fn spawn(
        label: impl Into<String>,
        work: impl FnOnce(&AtomicBool) -> Result<T, String> + Send + 'static,
    ) -> Self {
        let (sender, receiver) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&flag)))
                .unwrap_or_else(|_| {
                    Err("Something went wrong inside the app; nothing was changed.".into())
                });
            let _ = sender.send(result);
        });
        Job {
            label: label.into(),
            started: Instant::now(),
            receiver,
            cancel,
        }
    }

    /// The result once the work is done.
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(
                "The work stopped unexpectedly; nothing was changed.".into(),
            )),
        }
    }

    /// Asks the work to stop; its result, if any, is dropped.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Waits for the result (tests and screenshots).
    pub fn wait(self) -> Result<T, String> {
        self.receiver
            .recv()
            .unwrap_or_else(|_| Err("The work stopped unexpectedly.".into()))
    }
}

/// The native file dialogs, replaceable in tests.
pub trait FileDialogs {
    /// A spreadsheet to import, or `None` if the person cancelled.
    fn pick_import(&self) -> Option<PathBuf>;
    /// Where to save an export, suggesting `name`.
    fn pick_export(&self, name: &str) -> Option<PathBuf>;
}

/// The system's dialogs, through rfd.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_import(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import a workbook")
            .add_filter("Spreadsheets", &["xlsx", "xls", "xlsm", "ods", "csv"])
            .pick_file()
    }

    fn pick_export(&self, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export the inventory")
            .set_file_name(name)
            .add_filter("Excel workbook", &["xlsx"])
            .add_filter("CSV", &["csv"])
            .add_filter("Open data catalog (data.json)", &["json"])
            .save_file()
    }
}

/// Dialogs that answer with fixed paths: for tests.
#[derive(Default)]
pub struct FixedDialogs {
    pub import: Option<PathBuf>,
    pub export: Option<PathBuf>,
}

impl FileDialogs for FixedDialogs {
    fn pick_import(&self) -> Option<PathBuf> {
        self.import.clone()
    }
    fn pick_export(&self, _name: &str) -> Option<PathBuf> {
        self.export.clone()
    }
}
