//! The eframe app: the open inventory, the screen shown, and the one place where
//! requests from the screens (open a dataset, import a file…) are carried out.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::backups_view::BackupsView;
use super::checklist_wizard::ChecklistWizard;
use super::dataset_editor::DatasetEditor;
use super::department::DepartmentForm;
use super::engagement_screen::EngagementScreen;
use super::import_preview::ImportPreview;
use super::inventory_table::{InventoryTable, Row};
use super::jobs::{FileDialogs, Job, NativeDialogs};
use super::progress_screen::ProgressScreen;
use super::review_screen::ReviewScreen;
use super::sources::SourcesView;
use super::step1_wizard::Step1Wizard;
use super::theme::{self, ThemeChoice};
use crate::model::{Dataset, DepartmentCode, InventoryId};
use crate::store::{DeletedDataset, READ_ONLY_MESSAGE, Store};
use crate::workbook::merge::{Plan, apply, plan_file};

/// The screens of the navigation, with the names `--screenshot --screen` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Inventory,
    Sources,
    Step1,
    Checklist,
    Review,
    Progress,
    Engagement,
    Department,
}

impl Screen {
    pub const ALL: [Screen; 8] = [
        Screen::Inventory,
        Screen::Sources,
        Screen::Step1,
        Screen::Checklist,
        Screen::Review,
        Screen::Progress,
        Screen::Engagement,
        Screen::Department,
    ];

    /// The name on the command line and in the settings.
    pub fn name(self) -> &'static str {
        match self {
            Screen::Inventory => "inventory",
            Screen::Sources => "sources",
            Screen::Step1 => "step1",
            Screen::Checklist => "checklist",
            Screen::Review => "review",
            Screen::Progress => "progress",
            Screen::Engagement => "engagement",
            Screen::Department => "department",
        }
    }

    /// The words in the navigation.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Inventory => "Inventory",
            Screen::Sources => "Data Sources",
            Screen::Step1 => "Step 1 Prompts",
            Screen::Checklist => "Checklist",
            Screen::Review => "Review",
            Screen::Progress => "Progress",
            Screen::Engagement => "Engagement",
            Screen::Department => "Department",
        }
    }

    pub fn from_name(name: &str) -> Option<Screen> {
        Screen::ALL
            .into_iter()
            .find(|s| s.name() == name.trim().to_lowercase())
    }
}

/// What a screen asks the app to do; handled after the frame is drawn.
#[derive(Debug, Clone)]
pub enum Request {
    Go(Screen),
    NewDataset,
    Open(InventoryId),
    /// Open a dataset's checklist in the checklist wizard.
    OpenChecklist(InventoryId),
    /// Open a dataset's checklist at one question (a field to fix).
    OpenChecklistAt(InventoryId, String),
    /// Show a dataset on the Review screen.
    OpenReview(InventoryId),
    CloseEditor,
    /// A dataset was saved: refresh its row.
    Saved(Dataset),
    Duplicate(InventoryId),
    Delete(InventoryId),
    Undo,
    Import,
    ImportPath(PathBuf),
    Export,
    /// Export one department's datasets only (by its name).
    ExportDepartment(String),
    /// Save an engagement project as a readable document.
    ExportProject(crate::engagement::project::Project),
    ApplyImport,
    CancelImport,
    Reload,
    DepartmentCreated(DepartmentCode),
    /// Systems were added elsewhere: the Data Sources screen reads them again.
    SourcesChanged,
    /// Put a backup copy in place of the inventory.
    RestoreBackup(PathBuf),
}

/// Work running in the background.
enum Outcome {
    Exported(String),
    Planned(Plan),
    /// The table's rows, read on another thread when the inventory is large.
    Loaded(Vec<Row>),
}

/// Above this many datasets the inventory is loaded in the background, so the
/// window opens at once.
const LOAD_IN_BACKGROUND: usize = 20_000;

/// How often a read-only window checks whether the other window has closed.
const TAKE_OVER_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// A message at the bottom of the window.
struct Notice {
    text: String,
    error: bool,
}

/// `--screenshot`: draw a few frames, save a picture, quit.
struct Screenshot {
    path: PathBuf,
    frames: u32,
    requested: bool,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

pub struct App {
    store: Store,
    db_path: PathBuf,
    screen: Screen,
    /// First run: no department yet.
    welcome: bool,
    table: InventoryTable,
    editor: Option<DatasetEditor>,
    sources: SourcesView,
    department: DepartmentForm,
    step1: Step1Wizard,
    checklist: ChecklistWizard,
    review: ReviewScreen,
    progress: ProgressScreen,
    backups: BackupsView,
    engagement: EngagementScreen,
    /// The day's backup copy, made on another thread: its error, if any.
    daily: Option<std::sync::mpsc::Receiver<String>>,
    preview: Option<ImportPreview>,
    job: Option<Job<Outcome>>,
    /// The rows are being read in the background.
    loading: bool,
    dialogs: Box<dyn FileDialogs>,
    notice: Option<Notice>,
    undo: Option<DeletedDataset>,
    requests: Vec<Request>,
    screenshot: Option<Screenshot>,
    /// When a read-only window last tried to take the inventory over.
    take_over_tried: std::time::Instant,
    /// Light, dark or as the computer is set; applied on the next frame when
    /// `theme_applied` is false.
    theme: ThemeChoice,
    theme_applied: bool,
}

impl App {
    /// The app on an open inventory. `screen` overrides the remembered screen.
    pub fn new(store: Store, dialogs: Box<dyn FileDialogs>, screen: Option<Screen>) -> Self {
        let db_path = store.path().map(|p| p.to_path_buf()).unwrap_or_default();
        let remembered = store
            .setting("screen")
            .ok()
            .flatten()
            .and_then(|s| Screen::from_name(&s));
        let welcome = store.home_department().ok().flatten().is_none();
        let theme = store
            .setting("view.theme")
            .ok()
            .flatten()
            .and_then(|name| ThemeChoice::from_name(&name))
            .unwrap_or_default();
        let department = match store.home_department().ok().flatten() {
            Some(d) => DepartmentForm::edit(&d),
            None => DepartmentForm::new_department(),
        };
        let mut app = App {
            store,
            db_path,
            screen: screen.or(remembered).unwrap_or(Screen::Inventory),
            welcome,
            table: InventoryTable::default(),
            editor: None,
            sources: SourcesView::default(),
            department,
            step1: Step1Wizard::default(),
            checklist: ChecklistWizard::default(),
            review: ReviewScreen::default(),
            progress: ProgressScreen::default(),
            backups: BackupsView::default(),
            engagement: EngagementScreen::default(),
            daily: None,
            preview: None,
            job: None,
            loading: false,
            dialogs,
            notice: None,
            undo: None,
            requests: Vec::new(),
            screenshot: None,
            take_over_tried: std::time::Instant::now(),
            theme,
            theme_applied: false,
        };
        let count = app.store.dataset_count().unwrap_or(0);
        if count > LOAD_IN_BACKGROUND && app.store.path().is_some() {
            app.start_load(count);
        } else {
            app.reload();
            app.start_daily_backup();
        }
        app.go(app.screen);
        app
    }

    /// The app as `main` opens it: native dialogs, and maybe a screenshot to take.
    pub fn launch(
        store: Store,
        screen: Option<Screen>,
        screenshot: Option<PathBuf>,
        open: Option<PathBuf>,
        theme: Option<ThemeChoice>,
    ) -> Self {
        let mut app = App::new(store, Box::new(NativeDialogs), screen);
        // Given on the command line: for this window only, not remembered.
        if let Some(theme) = theme {
            app.theme = theme;
        }
        if let Some(file) = open {
            app.start_plan(file);
        }
        app.screenshot = screenshot.map(|path| Screenshot {
            path,
            frames: 0,
            requested: false,
            result: Default::default(),
        });
        app
    }

    /// The colours chosen in the View menu.
    pub fn theme(&self) -> ThemeChoice {
        self.theme
    }

    /// Uses other colours from the next frame on, and remembers them.
    pub fn set_theme(&mut self, theme: ThemeChoice) {
        self.theme = theme;
        self.theme_applied = false;
        // A read-only window (another one has the file) still changes its colours.
        if self.store.is_read_only() {
            return;
        }
        if let Err(e) = self.store.set_setting("view.theme", theme.name()) {
            self.error(e.to_string());
        }
    }

    /// Replaces the file dialogs (tests pass fixed paths).
    pub fn set_dialogs(&mut self, dialogs: Box<dyn FileDialogs>) {
        self.dialogs = dialogs;
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Whether background work is running (tests wait for it).
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Waits for background work and takes its result (tests, screenshots).
    pub fn finish_job(&mut self) {
        if let Some(job) = self.job.take() {
            self.job_done(job.wait());
        }
    }

    /// The message at the bottom of the window, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The dataset open in the editor, if any.
    pub fn editing(&self) -> Option<&InventoryId> {
        self.editor.as_ref().map(|e| &e.id)
    }

    /// Shows a screen, as a click in the navigation does (tests, benchmarks).
    pub fn go_to(&mut self, screen: Screen) {
        self.requests.push(Request::Go(screen));
        self.handle_requests();
    }

    /// The engagement project open on the Engagement screen.
    pub fn engagement_project(&self) -> Option<&crate::engagement::project::Project> {
        self.engagement.project()
    }

    /// The Step 1 wizard's page, once the screen has been opened.
    pub fn step1_page(&self) -> Option<crate::step1::Page> {
        self.step1.page()
    }

    /// The dataset and section the checklist wizard shows.
    pub fn checklist_at(&self) -> (Option<&InventoryId>, usize) {
        (self.checklist.dataset(), self.checklist.section())
    }

    pub fn table(&self) -> &InventoryTable {
        &self.table
    }

    fn reload(&mut self) {
        self.sources.refresh();
        match self.store.table_rows_share(0, 1) {
            Ok(all) => self.table.set_rows(all),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Opens a large inventory: the window shows at once while the rows load.
    pub fn start_load(&mut self, count: usize) {
        let db = self.db_path.clone();
        let label = format!("Opening the inventory ({count} datasets)");
        self.loading = true;
        self.job = Some(Job::spawn(label, move |_cancel| {
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
                    other
                        .join()
                        .unwrap_or_else(|_| Err("The inventory could not be read.".into())),
                )
            });
            let mut rows = first?;
            rows.extend(second?);
            Ok(Outcome::Loaded(rows))
        }));
    }

    fn go(&mut self, screen: Screen) {
        self.screen = screen;
        self.sources.refresh();
        self.department.refresh();
        match screen {
            Screen::Step1 => self.step1.open(&self.store),
            Screen::Checklist => self.checklist.open(&self.store),
            Screen::Review => self.review.refresh(&self.store),
            Screen::Engagement => self.engagement.refresh(&self.store),
            Screen::Progress => self.progress.refresh(&self.store, self.table.rows()),
            _ => {}
        }
        let _ = self.store.set_setting("screen", screen.name());
    }

    fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
        });
    }

    /// The banner of a window that another window holds, with a way to see
    /// what the other window has saved since.
    fn read_only_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(READ_ONLY_MESSAGE)
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            if ui
                .button("Show the latest changes")
                .on_hover_text("Read the inventory again, with what the other window saved")
                .clicked()
            {
                self.read_everything_again();
            }
        });
    }

    /// Once the other window has closed, a read-only window takes the
    /// inventory over, so the banner's "close the other window" holds true.
    fn poll_take_over(&mut self, ctx: &egui::Context) {
        if !self.store.is_read_only() {
            return;
        }
        if self.take_over_tried.elapsed() >= TAKE_OVER_EVERY {
            self.take_over_tried = std::time::Instant::now();
            if self.store.take_over() {
                // The other window may have changed anything meanwhile.
                self.read_everything_again();
                self.info("The other window was closed: you can make changes here now.");
                return;
            }
        }
        ctx.request_repaint_after(TAKE_OVER_EVERY);
    }

    /// Reads the inventory again for every screen, keeping the one shown.
    fn read_everything_again(&mut self) {
        if let Some(d) = self.store.home_department().ok().flatten() {
            self.department = DepartmentForm::edit(&d);
            self.welcome = false;
        }
        let open = self.editor.as_ref().map(|e| e.id.clone());
        self.editor = open.and_then(|id| DatasetEditor::open(&self.store, &id));
        self.reload();
        self.go(self.screen);
    }

    fn nav_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        ui.heading("Inventory Desk");
        ui.add_space(8.0);
        for screen in Screen::ALL {
            let selected = self.screen == screen && self.preview.is_none();
            if ui
                .add_sized(
                    [150.0, 28.0],
                    egui::Button::selectable(selected, screen.title()),
                )
                .clicked()
            {
                self.requests.push(Request::Go(screen));
            }
        }
    }

    fn menu_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New dataset  (Ctrl+N)").clicked() {
                    self.requests.push(Request::NewDataset);
                }
                if ui.button("Import a workbook…  (Ctrl+I)").clicked() {
                    self.requests.push(Request::Import);
                }
                if ui.button("Export…  (Ctrl+E)").clicked() {
                    self.requests.push(Request::Export);
                }
                // The citywide view: one department's workbook, or everyone's.
                let departments = self.table.department_names();
                if departments.len() > 1 {
                    ui.menu_button("Export one department", |ui| {
                        for name in departments {
                            if ui.button(format!("{name}…")).clicked() {
                                self.requests.push(Request::ExportDepartment(name));
                            }
                        }
                    });
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Larger text  (Ctrl +)").clicked() {
                    egui::gui_zoom::zoom_in(ui.ctx());
                }
                if ui.button("Smaller text  (Ctrl −)").clicked() {
                    egui::gui_zoom::zoom_out(ui.ctx());
                }
                if ui.button("Normal text size  (Ctrl 0)").clicked() {
                    ui.ctx().set_zoom_factor(1.0);
                }
                ui.separator();
                for choice in ThemeChoice::ALL {
                    if ui.radio(self.theme == choice, choice.label()).clicked() {
                        self.set_theme(choice);
                    }
                }
            });
        });
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        if let Some(preview) = &mut self.preview {
            preview.ui(ui, &mut self.requests);
            return;
        }
        if self.welcome {
            welcome_ui(ui);
            self.department.ui(ui, &mut self.store, &mut self.requests);
            return;
        }
        help_ui(ui, self.screen);
        match self.screen {
            Screen::Inventory if self.loading => {
                ui.horizontal(|ui| {
                    ui.add(egui::Spinner::new());
                    ui.label("Opening the inventory…");
                });
            }
            Screen::Inventory => match &mut self.editor {
                Some(editor) => editor.ui(ui, &mut self.store, &mut self.requests),
                None => self.table.ui(ui, &mut self.requests),
            },
            Screen::Sources => self.sources.ui(ui, &mut self.store, &mut self.requests),
            Screen::Department => {
                egui::Panel::bottom("backups").show(ui, |ui| {
                    self.backups.ui(ui, &self.store, &mut self.requests)
                });
                self.department.ui(ui, &mut self.store, &mut self.requests)
            }
            Screen::Step1 => self.step1.ui(ui, &mut self.store, &mut self.requests),
            Screen::Engagement => {
                self.engagement
                    .ui(ui, &mut self.store, self.table.rows(), &mut self.requests)
            }
            Screen::Review => {
                self.review
                    .ui(ui, &mut self.store, self.table.rows(), &mut self.requests)
            }
            Screen::Progress => {
                self.progress
                    .ui(ui, &self.store, self.table.rows(), &mut self.requests)
            }
            Screen::Checklist => {
                self.checklist
                    .ui(ui, &mut self.store, self.table.rows(), &mut self.requests)
            }
        }
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(job) = &self.job {
                ui.add(egui::Spinner::new());
                ui.label(format!(
                    "{} ({} s)",
                    job.label,
                    job.started.elapsed().as_secs()
                ));
                if !self.loading && ui.button("Cancel").clicked() {
                    job.cancel();
                    self.job = None;
                    self.info("Cancelled. Nothing was changed.");
                }
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(200));
            } else if let Some(notice) = &self.notice {
                let color = if notice.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.label(RichText::new(&notice.text).color(color));
                if self.undo.is_some() && ui.button("Undo").clicked() {
                    self.requests.push(Request::Undo);
                }
                if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                    self.notice = None;
                }
            } else {
                ui.label(
                    RichText::new(format!("Saved automatically in {}", self.db_path.display()))
                        .weak(),
                );
            }
        });
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let shortcut = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let (find, new, export, import, escape) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&shortcut(Key::F)),
                i.consume_shortcut(&shortcut(Key::N)),
                i.consume_shortcut(&shortcut(Key::E)),
                i.consume_shortcut(&shortcut(Key::I)),
                i.key_pressed(Key::Escape),
            )
        });
        if find {
            self.requests.push(Request::Go(Screen::Inventory));
            self.editor = None;
            self.table.focus_search = true;
        }
        if new {
            self.requests.push(Request::NewDataset);
        }
        if export {
            self.requests.push(Request::Export);
        }
        if import {
            self.requests.push(Request::Import);
        }
        if escape {
            if self.preview.is_some() {
                self.requests.push(Request::CancelImport);
            } else if self.editor.is_some() {
                self.requests.push(Request::CloseEditor);
            }
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            self.requests.push(Request::ImportPath(path));
        }
    }

    fn poll_job(&mut self) {
        if let Some(error) = self.daily.as_ref().and_then(|rx| rx.try_recv().ok()) {
            self.daily = None;
            self.error(error);
        }
        if let Some(result) = self.job.as_mut().and_then(|job| job.poll()) {
            self.job = None;
            self.job_done(result);
        }
    }

    fn job_done(&mut self, result: Result<Outcome, String>) {
        match result {
            Ok(Outcome::Exported(text)) => self.info(text),
            Ok(Outcome::Planned(plan)) => self.preview = Some(ImportPreview::new(plan)),
            Ok(Outcome::Loaded(rows)) => {
                self.loading = false;
                self.table.set_rows(rows);
                // After the load, so the copy does not slow the opening.
                self.start_daily_backup();
            }
            Err(e) => {
                self.loading = false;
                self.error(e);
            }
        }
    }

    /// Carries out what the screens asked for during the frame.
    pub fn handle_requests(&mut self) {
        for request in std::mem::take(&mut self.requests) {
            self.handle(request);
        }
    }

    fn handle(&mut self, request: Request) {
        match request {
            Request::Go(screen) => {
                self.preview = None;
                self.go(screen);
            }
            Request::NewDataset => self.new_dataset(),
            Request::Open(id) => {
                self.editor = DatasetEditor::open(&self.store, &id);
                self.go(Screen::Inventory);
            }
            Request::OpenChecklist(id) => {
                self.editor = None;
                self.checklist.select(&mut self.store, &id);
                self.go(Screen::Checklist);
            }
            Request::OpenChecklistAt(id, question) => {
                self.editor = None;
                self.checklist.select(&mut self.store, &id);
                self.checklist.show_question(&mut self.store, &question);
                self.go(Screen::Checklist);
            }
            Request::OpenReview(id) => {
                self.editor = None;
                self.review.select(&self.store, &id);
                self.go(Screen::Review);
            }
            Request::CloseEditor => self.editor = None,
            Request::Saved(dataset) => self.upsert(&dataset),
            Request::Duplicate(id) => match self.store.duplicate_dataset(&id) {
                Ok(copy) => {
                    self.upsert(&copy);
                    self.info(format!("Made a copy: {} ({}).", copy.name, copy.id_text()));
                    self.editor = copy
                        .id
                        .as_ref()
                        .and_then(|id| DatasetEditor::open(&self.store, id));
                }
                Err(e) => self.error(e.to_string()),
            },
            Request::Delete(id) => match self.store.delete_dataset(&id) {
                Ok(deleted) => {
                    self.table.remove(&id);
                    self.editor = None;
                    self.info(format!("Deleted {} ({id}).", deleted.dataset.name));
                    self.undo = Some(deleted);
                }
                Err(e) => self.error(e.to_string()),
            },
            Request::Undo => {
                if let Some(deleted) = self.undo.take() {
                    match self.store.restore_dataset(&deleted) {
                        Ok(()) => {
                            self.upsert(&deleted.dataset);
                            self.info(format!("Brought back {}.", deleted.dataset.name));
                        }
                        Err(e) => self.error(e.to_string()),
                    }
                }
            }
            Request::Import => {
                if let Some(path) = self.dialogs.pick_import() {
                    self.start_plan(path);
                }
            }
            Request::ImportPath(path) => self.start_plan(path),
            Request::Export => self.start_export(None),
            Request::ExportProject(project) => self.export_project(&project),
            Request::ExportDepartment(name) => {
                let code = self
                    .store
                    .departments()
                    .unwrap_or_default()
                    .into_iter()
                    .find(|d| d.name == name)
                    .map(|d| d.code);
                if code.is_some() {
                    self.start_export(code);
                }
            }
            Request::ApplyImport => self.apply_import(),
            Request::CancelImport => {
                self.preview = None;
                self.info("Import cancelled. Nothing was changed.");
            }
            Request::Reload => self.reload(),
            Request::SourcesChanged => self.sources.refresh(),
            Request::RestoreBackup(path) => self.restore(&path),
            Request::DepartmentCreated(_) => {
                self.welcome = false;
                self.go(Screen::Inventory);
                self.reload();
            }
        }
    }

    /// A copy a day, kept beside the file, made on another connection so a
    /// large inventory still opens at once.
    fn start_daily_backup(&mut self) {
        let Some(db) = self.store.path().map(|p| p.to_path_buf()) else {
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = Store::open(&db).and_then(|s| s.daily_backup());
            if let Err(e) = result {
                let _ = tx.send(e.to_string());
            }
        });
        self.daily = Some(rx);
    }

    /// Writes an engagement project as a Markdown document where the person
    /// chooses.
    fn export_project(&mut self, project: &crate::engagement::project::Project) {
        let slug: String = project
            .focus_area
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let Some(path) = self.dialogs.pick_export(&format!("engagement-{slug}.md")) else {
            return;
        };
        let names = |id: &InventoryId| {
            self.store
                .dataset(id)
                .ok()
                .flatten()
                .map(|d| d.name)
                .unwrap_or_default()
        };
        let text = project.to_markdown(&names);
        match crate::workbook::write_atomically(&path, |temp| {
            std::fs::write(temp, &text).map_err(|e| e.to_string())
        }) {
            Ok(()) => self.info(format!("Saved the project as {}.", path.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Restores a backup copy, then reads everything again.
    fn restore(&mut self, path: &std::path::Path) {
        match self.store.restore_backup(path) {
            Ok(before) => {
                let kept = before
                    .map(|b| format!(" The inventory as it was is kept at {}.", b.display()))
                    .unwrap_or_default();
                self.info(format!("Restored the copy {}.{kept}", path.display()));
                self.editor = None;
                self.backups.refresh();
                if let Some(d) = self.store.home_department().ok().flatten() {
                    self.department = DepartmentForm::edit(&d);
                }
                self.reload();
                self.go(self.screen);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Refreshes a dataset's row in the table, with its checklist answers.
    fn upsert(&mut self, dataset: &Dataset) {
        let summary = dataset
            .id
            .as_ref()
            .and_then(|id| self.store.table_row(id).ok().flatten());
        if let Some(row) = summary {
            self.table.upsert_row(row);
        }
    }

    fn new_dataset(&mut self) {
        let Some(home) = self.store.home_department().ok().flatten() else {
            self.error("Set up your department first: new datasets belong to it.");
            return;
        };
        match self
            .store
            .create_dataset(&home.code, Dataset::named("New dataset"))
        {
            Ok(d) => {
                self.upsert(&d);
                self.editor =
                    d.id.as_ref()
                        .and_then(|id| DatasetEditor::open(&self.store, id));
                self.go(Screen::Inventory);
                self.undo = None;
                self.info(format!(
                    "Added {}. Give it a name and fill in what you know.",
                    d.id_text()
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn start_plan(&mut self, path: PathBuf) {
        if self.job.is_some() {
            self.error("Wait for the current work to finish, or cancel it.");
            return;
        }
        let db = self.db_path.clone();
        let label = format!("Reading {}", path.display());
        self.job = Some(Job::spawn(label, move |_cancel| {
            let store = Store::open(&db).map_err(|e| e.to_string())?;
            plan_file(&store, &path)
                .map(Outcome::Planned)
                .map_err(|e| e.to_string())
        }));
    }

    fn start_export(&mut self, department: Option<DepartmentCode>) {
        if self.job.is_some() {
            self.error("Wait for the current work to finish, or cancel it.");
            return;
        }
        let several = self
            .store
            .departments()
            .map(|d| d.len() > 1)
            .unwrap_or(false);
        let code = match &department {
            Some(code) => code.to_string(),
            None if several => "ALL".into(),
            None => self
                .store
                .home_department()
                .ok()
                .flatten()
                .map(|d| d.code.to_string())
                .unwrap_or_else(|| "ALL".into()),
        };
        let name = format!(
            "inventory-{code}-{}.xlsx",
            chrono::Local::now().format("%Y-%m-%d")
        );
        let Some(path) = self.dialogs.pick_export(&name) else {
            return;
        };
        let db = self.db_path.clone();
        let label = format!("Exporting to {}", path.display());
        self.job = Some(Job::spawn(label, move |_cancel| {
            export_to(&db, &path, department.as_ref()).map(Outcome::Exported)
        }));
    }

    fn apply_import(&mut self) {
        let Some(preview) = self.preview.take() else {
            return;
        };
        match apply(&mut self.store, &preview.plan, &preview.decisions) {
            Ok(applied) => {
                let backup = applied
                    .backup
                    .map(|b| {
                        format!(
                            " A copy of the inventory from before the import is at {}.",
                            b.display()
                        )
                    })
                    .unwrap_or_default();
                self.info(format!(
                    "Imported: {} added, {} updated.{backup}",
                    applied.added, applied.updated
                ));
                self.editor = None;
                self.reload();
            }
            Err(e) => {
                self.error(e.to_string());
                self.preview = Some(preview);
            }
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        if self.screenshot.is_none() {
            return;
        }
        // The picture shows the finished work (a loaded table, a planned import),
        // not a spinner.
        if self.job.is_some() {
            self.finish_job();
        }
        let Some(shot) = &mut self.screenshot else {
            return;
        };
        shot.frames += 1;
        ctx.request_repaint();
        if shot.frames == 5 && !shot.requested {
            shot.requested = true;
            let path = shot.path.clone();
            let result = shot.result.clone();
            ctx.request_screenshot(move |image| {
                *result.lock().expect("not poisoned") = Some(super::save_png(&image, &path));
            });
        }
        let done = shot.result.lock().expect("not poisoned").clone();
        if let Some(result) = done {
            if let Err(e) = result {
                eprintln!("{e}");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Writes the inventory to `path` in the format its extension names.
fn export_to(
    db: &std::path::Path,
    path: &std::path::Path,
    department: Option<&DepartmentCode>,
) -> Result<String, String> {
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    let name = path.to_string_lossy().to_lowercase();
    let count = if name.ends_with(".csv") {
        crate::workbook::csv::export_csv(&store, path, department).map_err(|e| e.to_string())?
    } else if name.ends_with(".json") {
        crate::catalog::export_data_json(&store, path, department).map_err(|e| e.to_string())?
    } else {
        crate::workbook::export::export_xlsx(&mut store, path, department)
            .map_err(|e| e.to_string())?
            .datasets
    };
    Ok(format!("Exported {count} datasets to {}.", path.display()))
}

/// "What is this?" at the top of every screen, closed until asked for.
fn help_ui(ui: &mut Ui, screen: Screen) {
    let Some(text) = crate::help::for_screen(screen.name()) else {
        return;
    };
    egui::CollapsingHeader::new("What is this?")
        .id_salt(("help", screen.name()))
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).weak()).wrap());
        });
}

fn welcome_ui(ui: &mut Ui) {
    ui.heading("Welcome to Inventory Desk");
    ui.label("Inventory Desk keeps your department's list of datasets: where each one lives, who looks after it, and whether it can be published as open data.");
    ui.label("You will list your systems, answer the Step 1 prompts, fill the data submission checklist with each data steward, and send the inventory to the Chief Data Officer as a workbook. Everything is saved as you go, on this computer.");
    ui.add_space(12.0);
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if !self.theme_applied {
            theme::apply(&ctx, self.theme);
            self.theme_applied = true;
            // This frame's panels were made with the old colours: draw again.
            ctx.request_repaint();
        }
        self.shortcuts(&ctx);
        self.poll_job();
        self.poll_take_over(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        if self.store.is_read_only() {
            egui::Panel::top("read-only").show(ui, |ui| self.read_only_ui(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if !self.welcome {
            egui::Panel::left("navigation")
                .resizable(false)
                .show(ui, |ui| self.nav_ui(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        self.handle_requests();
        self.screenshot_step(&ctx);
    }
}
