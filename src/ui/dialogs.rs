//! The file dialogs, behind a small trait so tests can answer them with fixed
//! paths and run without a desktop.

use std::path::PathBuf;

/// The native file dialogs, replaceable in tests.
pub trait FileDialogs {
    /// A spreadsheet to import, or `None` if the person cancelled.
    fn pick_import(&self) -> Option<PathBuf>;
    /// Where to save an export, suggesting `name`.
    fn pick_export(&self, name: &str) -> Option<PathBuf>;
    /// A folder to write several files into (one workbook per department).
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
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

    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
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
    /// The `export` answer serves as the folder too.
    fn pick_folder(&self, _title: &str) -> Option<PathBuf> {
        self.export.clone()
    }
}
