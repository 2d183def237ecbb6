//! The app's long work, run by the one job runner (`jobs`): opening a large
//! inventory, reading a file to import, applying an import, exporting, and the
//! daily backup copy. Each runs on its own connection to the inventory file and
//! its result is taken in here, with a message that says what really happened.

use std::path::PathBuf;

use super::import_preview::ImportPreview;
use super::inventory_table::Row;
use super::jobs::{Crashed, Work};
use super::{App, Screen};
use crate::model::DepartmentCode;
use crate::progress::Shared;
use crate::store::{Store, StoreError};
use crate::workbook::WorkbookError;
use crate::workbook::choices::ImportChoices;
use crate::workbook::merge::{Applied, Plan, apply, plan_file_with};

/// Above this many datasets the inventory is loaded in the background, so the
/// window opens at once.
pub const LOAD_IN_BACKGROUND: usize = 20_000;

/// What a piece of long work gives back.
pub enum Outcome {
    /// The table's rows.
    Loaded(Result<Vec<Row>, String>),
    Planned(Result<Plan, WorkbookError>),
    /// An import applied, or the preview to show again when it failed.
    Applied(Result<Applied, (StoreError, Box<ImportPreview>)>),
    Exported(Result<crate::files::Exported, WorkbookError>),
    /// One workbook per department, into a folder.
    ExportedEach(Result<(Vec<crate::files::DepartmentExport>, PathBuf), (WorkbookError, PathBuf)>),
    BackedUp(Result<(), StoreError>),
    /// A sample of a dataset's data, profiled (not yet saved).
    Profiled(
        crate::model::InventoryId,
        Result<crate::profile::Profile, WorkbookError>,
    ),
    /// A dataset sent to the portal, or why not (in words).
    Published(
        crate::model::InventoryId,
        Result<crate::portal::Outcome, String>,
    ),
}

impl App {
    /// Reads the table's rows: at once for a small inventory, in the
    /// background for a large one so the window shows at once.
    pub(super) fn open_inventory(&mut self) {
        let count = match self.store.dataset_count() {
            Ok(count) => count,
            Err(e) => {
                self.error(e.to_string());
                0
            }
        };
        if count > LOAD_IN_BACKGROUND && self.store.path().is_some() {
            self.start_load(count);
        } else {
            self.reload();
            self.start_daily_backup();
        }
    }

    pub fn start_load(&mut self, count: usize) {
        let db = self.db_path.clone();
        let label = format!("Opening the inventory ({count} datasets)");
        let started = self.jobs.start(Work::Load, label, move |_| {
            // Two connections read half the datasets each, one per core.
            let load = |part: u32| -> Result<Vec<Row>, String> {
                let store = Store::open(&db).map_err(|e| e.to_string())?;
                store.table_rows_share(part, 2).map_err(|e| e.to_string())
            };
            let (first, second) = std::thread::scope(|scope| {
                let other = scope.spawn(|| load(1));
                let first = load(0);
                (
                    first,
                    other.join().unwrap_or_else(|_| Err(Crashed.to_string())),
                )
            });
            Outcome::Loaded(first.and_then(|mut rows| {
                rows.extend(second?);
                Ok(rows)
            }))
        });
        self.loading = started.is_ok();
    }

    /// Reads a file and plans its import, with the choices already made about it
    /// (none on a first reading).
    pub(super) fn start_plan(&mut self, path: PathBuf, choices: ImportChoices) {
        let db = self.db_path.clone();
        let label = format!("Reading {}", path.display());
        let started = self.jobs.start(Work::Plan, label, move |watch: &Shared| {
            let planned = Store::open(&db)
                .map_err(WorkbookError::from)
                .and_then(|store| plan_file_with(&store, &path, &choices, watch));
            Outcome::Planned(planned)
        });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    /// Reads a sample of a dataset's data and describes its columns; the
    /// profile is saved as a request once read.
    pub(super) fn start_profile(&mut self, id: crate::model::InventoryId, path: PathBuf) {
        let label = format!("Describing the columns of {}", path.display());
        let started = self
            .jobs
            .start(Work::Profile, label, move |watch: &Shared| {
                Outcome::Profiled(id, crate::profile::profile_file(&path, watch))
            });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    pub(super) fn start_export(&mut self, department: Option<DepartmentCode>) {
        let today = chrono::Local::now().date_naive();
        let name = crate::files::export_name(&self.store, department.as_ref(), today);
        let Some(path) = self.dialogs.pick_export(&name) else {
            return;
        };
        if let Err(refused) = crate::files::check_target(&self.db_path, &path) {
            self.error(refused.to_string());
            return;
        }
        let Some(format) = crate::files::Format::from_name(&path) else {
            self.error(format!(
                "Cannot tell the format of {} from its name. End it with .xlsx, .csv or .json.",
                path.display()
            ));
            return;
        };
        let db = self.db_path.clone();
        let label = format!("Exporting to {}", path.display());
        let started = self.jobs.start(Work::Export, label, move |watch: &Shared| {
            let exported = Store::open(&db)
                .map_err(WorkbookError::from)
                .and_then(|mut store| {
                    crate::files::export(
                        &mut store,
                        &path,
                        format,
                        department.as_ref(),
                        Default::default(),
                        watch,
                    )
                });
            Outcome::Exported(exported)
        });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    /// The CDO's office: one workbook per department into a folder the
    /// person picks, each named for its department.
    pub(super) fn start_export_each(&mut self) {
        let Some(folder) = self
            .dialogs
            .pick_folder("Choose a folder for the departments' workbooks")
        else {
            return;
        };
        let db = self.db_path.clone();
        let label = format!("Writing each department's workbook to {}", folder.display());
        let started = self.jobs.start(Work::Export, label, move |watch: &Shared| {
            let day = chrono::Local::now().date_naive();
            let written = Store::open(&db)
                .map_err(WorkbookError::from)
                .and_then(|mut store| {
                    crate::files::export_each_department(&mut store, &folder, day, watch)
                });
            Outcome::ExportedEach(match written {
                Ok(w) => Ok((w, folder)),
                Err(e) => Err((e, folder)),
            })
        });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    /// The data dictionaries, one Table Schema file per dataset whose columns
    /// are described, into a folder the person picks: the files to put where
    /// "Where the data dictionaries will be published" says.
    pub(super) fn start_export_dictionaries(&mut self) {
        let Some(folder) = self
            .dialogs
            .pick_folder("Choose a folder for the data dictionaries")
        else {
            return;
        };
        let db = self.db_path.clone();
        let label = format!("Writing the data dictionaries to {}", folder.display());
        let started = self.jobs.start(Work::Export, label, move |_: &Shared| {
            let written = Store::open(&db)
                .map_err(WorkbookError::from)
                .and_then(|store| {
                    crate::profile::schema_files::export_table_schemas(&store, &folder, None)
                });
            Outcome::Exported(written.map(crate::files::Exported::TableSchemas))
        });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    /// Applies the import shown in the preview: a backup copy, then one
    /// transaction. It cannot be stopped halfway, so no Cancel is offered.
    pub(super) fn start_apply(&mut self) {
        let Some(preview) = self.preview.take() else {
            return;
        };
        let Some(db) = self.store.path().map(|p| p.to_path_buf()) else {
            // An inventory kept in memory (tests) has no file to open twice.
            let result = apply(&mut self.store, &preview.plan, &preview.decisions);
            self.job_done(
                Work::Apply,
                Ok(Outcome::Applied(result.map_err(|e| (e, Box::new(preview))))),
            );
            return;
        };
        if self.store.is_read_only() {
            self.error(crate::store::READ_ONLY_MESSAGE);
            self.preview = Some(preview);
            return;
        }
        let label = format!("Importing {}", preview.plan.file.display());
        let started = self.jobs.start(Work::Apply, label, move |_| {
            let result = Store::open(&db)
                .and_then(|mut store| apply(&mut store, &preview.plan, &preview.decisions));
            Outcome::Applied(result.map_err(|e| (e, Box::new(preview))))
        });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    /// A copy a day, kept beside the file, made quietly on its own connection.
    pub(super) fn start_daily_backup(&mut self) {
        let Some(db) = self.store.path().map(|p| p.to_path_buf()) else {
            return;
        };
        let started = self
            .jobs
            .start(Work::Backup, "Keeping the day's copy", move |_| {
                Outcome::BackedUp(Store::open(&db).and_then(|s| s.daily_backup()).map(|_| ()))
            });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    /// Takes the results of the work finished since the last frame.
    pub(super) fn poll_jobs(&mut self) {
        for (work, result, stop_asked) in self.jobs.finished() {
            self.job_done(work, stopped_late(result, stop_asked));
        }
    }

    /// Waits for the work and takes its results (tests, screenshots).
    pub fn finish_job(&mut self) {
        for (work, result, stop_asked) in self.jobs.wait_all() {
            self.job_done(work, stopped_late(result, stop_asked));
        }
    }

    fn job_done(&mut self, work: Work, result: Result<Outcome, Crashed>) {
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(crashed) => {
                self.loading &= work != Work::Load;
                self.error(crashed.to_string());
                return;
            }
        };
        match outcome {
            Outcome::Loaded(rows) => {
                self.loading = false;
                match rows {
                    Ok(rows) => {
                        self.screens.table.set_rows(rows);
                        // A screen that counts the rows, opened while they
                        // were read, counts them now (it showed zeros).
                        if matches!(self.screen, Screen::Progress | Screen::StartHere) {
                            self.go(self.screen);
                        }
                    }
                    Err(e) => self.error(e),
                }
                // After the load, so the copy does not slow the opening.
                self.start_daily_backup();
            }
            Outcome::Planned(Ok(plan)) => self.preview = Some(ImportPreview::new(plan)),
            Outcome::Planned(Err(WorkbookError::Cancelled(_))) => {
                self.info("Import cancelled: the file was not read into the inventory. Nothing was changed.")
            }
            Outcome::Planned(Err(e)) => self.error(e.to_string()),
            Outcome::Applied(Ok(applied)) => self.applied(applied),
            Outcome::Applied(Err((e, preview))) => {
                self.error(e.to_string());
                self.preview = Some(*preview);
            }
            // Datasets held back from a catalog are shown as a problem, each
            // with what to fix.
            Outcome::Exported(Ok(exported)) if exported.held_back() > 0 => {
                self.error(exported.message())
            }
            Outcome::Exported(Ok(exported)) => self.info(exported.message()),
            Outcome::Exported(Err(WorkbookError::Cancelled(_))) => self.info(
                "Export cancelled: no file was written, and a file already there was left as it was.",
            ),
            Outcome::Exported(Err(e)) => self.error(e.to_string()),
            Outcome::ExportedEach(result) => self.exported_each(result),
            Outcome::Profiled(id, Ok(profile)) => self.requests.push(
                super::requests::Write::SaveProfile {
                    id,
                    profile: Box::new(profile),
                }
                .into(),
            ),
            Outcome::Profiled(_, Err(WorkbookError::Cancelled(_))) => {
                self.info("Stopped: the sample was not described. Nothing was changed.")
            }
            Outcome::Profiled(_, Err(e)) => self.error(e.to_string()),
            Outcome::Published(id, result) => self.published(id, result),
            Outcome::BackedUp(Ok(())) => {}
            Outcome::BackedUp(Err(e)) => self.error(e.to_string()),
        }
    }

    fn exported_each(
        &mut self,
        result: Result<(Vec<crate::files::DepartmentExport>, PathBuf), (WorkbookError, PathBuf)>,
    ) {
        let count = crate::workbook::limits::count_of;
        match result {
            Ok((written, folder)) if written.is_empty() => self.error(format!(
                "No department has datasets, so nothing was written to {}.",
                folder.display()
            )),
            Ok((written, folder)) => {
                let names: Vec<String> = written.iter().map(|w| w.name.clone()).collect();
                self.info(format!(
                    "Wrote {} to {}, one for each department: {}.",
                    count(written.len(), "workbook", "workbooks"),
                    folder.display(),
                    names.join(", ")
                ))
            }
            Err((WorkbookError::Cancelled(_), folder)) => self.info(format!(
                "Stopped. The workbooks already in {} are whole; the one being written when you stopped was not written.",
                folder.display()
            )),
            Err((e, _)) => self.error(e.to_string()),
        }
    }

    fn applied(&mut self, applied: Applied) {
        let backup = applied
            .backup
            .map(|b| {
                format!(
                    " A copy of the inventory from before the import is at {}.",
                    b.display()
                )
            })
            .unwrap_or_default();
        let lists = crate::model::List::ALL
            .iter()
            .filter_map(|list| {
                let names: Vec<&str> = applied
                    .list_entries
                    .iter()
                    .filter(|(l, _)| l == list)
                    .map(|(_, e)| e.name.as_str())
                    .collect();
                (!names.is_empty())
                    .then(|| format!(" Added to your {}: {}.", list.plural(), names.join(", ")))
            })
            .collect::<String>();
        self.screens.editor = None;
        self.screens.department.refresh();
        self.reload();
        self.go(self.screen);
        let held = match applied.held {
            0 => String::new(),
            n => format!(
                " {} not imported: import the file again once fixed.",
                crate::workbook::limits::count_of(
                    n,
                    "row that needs a fix was",
                    "rows that need a fix were"
                )
            ),
        };
        let dictionary = match applied.attributes {
            0 => String::new(),
            n => format!(
                " {} of the data dictionary taken.",
                crate::workbook::limits::count_of(n, "entry", "entries")
            ),
        };
        self.info(format!(
            "Imported: {} added, {} updated.{dictionary}{held}{lists}{backup}",
            applied.added, applied.updated
        ));
    }

    /// `--screenshot`: the picture shows the finished work (a loaded table, a
    /// planned import), not a spinner.
    pub(super) fn screenshot_step(&mut self, ctx: &egui::Context) {
        if self.screenshot.is_none() {
            return;
        }
        if self.jobs.is_busy() {
            self.finish_job();
        }
        if let Some(shot) = &mut self.screenshot {
            shot.step(ctx);
        }
    }
}

/// An import's reading that finished in the moment between the person's
/// Cancel and the work seeing it: cancelled all the same, as the person asked
/// (reading changed nothing, so nothing is undone). Other work that finished
/// keeps its result: what it wrote is whole.
fn stopped_late(result: Result<Outcome, Crashed>, stop_asked: bool) -> Result<Outcome, Crashed> {
    match result {
        Ok(Outcome::Planned(Ok(_))) if stop_asked => Ok(Outcome::Planned(Err(
            WorkbookError::Cancelled(crate::progress::Cancelled),
        ))),
        other => other,
    }
}
