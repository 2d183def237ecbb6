//! The eframe app: the open inventory, the screen shown, and the frame around
//! the screens (menu, navigation, status bar). Drawing only reads: what the
//! screens and the menu ask for is carried out after the frame, in `requests`;
//! long work runs in `long_work`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::damaged_screen::DamagedScreen;
use super::department::DepartmentForm;
use super::import_preview::ImportPreview;
use super::jobs::{FileDialogs, Jobs};
use super::long_work::Outcome;
use super::notice::Notice;
use super::requests::{Request, Write};
use super::screens::{Screen, Screens};
use super::screenshot::Screenshot;
use super::theme::{self, ThemeChoice};
use crate::store::{DeletedDataset, READ_ONLY_MESSAGE, Store};

/// How often a read-only window checks whether the other window has closed.
const TAKE_OVER_EVERY: Duration = Duration::from_secs(1);

pub struct App {
    pub(super) store: Store,
    pub(super) db_path: PathBuf,
    pub(super) screen: Screen,
    /// First run: no department yet.
    pub(super) welcome: bool,
    pub(super) screens: Screens,
    pub(super) preview: Option<ImportPreview>,
    pub(super) jobs: Jobs<Outcome>,
    /// The rows are being read in the background.
    pub(super) loading: bool,
    pub(super) dialogs: Box<dyn FileDialogs>,
    /// The message in the status bar.
    pub(super) notice: Option<Notice>,
    /// The dataset deleted last, until the next change.
    pub(super) undo: Option<DeletedDataset>,
    /// What the frame asked for, carried out once it is drawn.
    pub(super) requests: Vec<Request>,
    pub(super) screenshot: Option<Screenshot>,
    /// When a read-only window last tried to take the inventory over.
    take_over_tried: Instant,
    /// Light, dark or as the computer is set; applied on the next frame when
    /// `theme_applied` is false.
    pub(super) theme: ThemeChoice,
    pub(super) theme_applied: bool,
    /// The inventory file is damaged: the window shows only this screen
    /// until a backup copy is restored.
    pub(super) damaged: Option<DamagedScreen>,
    /// How the "Publish to the portal" button reaches the portal.
    pub(super) portal: super::publish_panel::PortalAccess,
}

impl App {
    /// The app on an open inventory. `screen` overrides the remembered screen.
    pub fn new(store: Store, dialogs: Box<dyn FileDialogs>, screen: Option<Screen>) -> Self {
        let db_path = store.path().map(|p| p.to_path_buf()).unwrap_or_default();
        let mut problems = Vec::new();
        let mut read = |key: &str| match store.setting(key) {
            Ok(value) => value,
            Err(e) => {
                problems.push(e.to_string());
                None
            }
        };
        let remembered = read("screen").and_then(|s| Screen::from_name(&s));
        let theme = read("view.theme")
            .and_then(|name| ThemeChoice::from_name(&name))
            .unwrap_or_default();
        let home = store.home_department().unwrap_or_else(|e| {
            problems.push(e.to_string());
            None
        });
        let department = match &home {
            Some(d) => DepartmentForm::edit(d),
            None => DepartmentForm::new_department(),
        };
        // Where the person left off, or else the steps of the inventory.
        let mut app = App {
            store,
            db_path,
            screen: screen.or(remembered).unwrap_or(Screen::StartHere),
            welcome: home.is_none() && problems.is_empty(),
            screens: Screens::new(department),
            preview: None,
            jobs: Jobs::default(),
            loading: false,
            dialogs,
            notice: None,
            undo: None,
            requests: Vec::new(),
            screenshot: None,
            take_over_tried: Instant::now(),
            theme,
            theme_applied: false,
            damaged: None,
            portal: Default::default(),
        };
        if let Some(problem) = problems.into_iter().next() {
            app.error(problem);
        }
        app.open_inventory();
        app.go(app.screen);
        app
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::info(text));
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::error(text));
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
                self.requests.push(Request::ReadEverythingAgain);
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
            self.take_over_tried = Instant::now();
            if self.store.take_over() {
                // The other window may have changed anything meanwhile.
                self.read_everything_again();
                self.info("The other window was closed: you can make changes here now.");
                return;
            }
        }
        ctx.request_repaint_after(TAKE_OVER_EVERY);
    }

    fn nav_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        ui.heading("Inventory Desk");
        self.screens.desk.ui(ui);
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
                    self.requests.push(Write::NewDataset.into());
                }
                if ui.button("Import a workbook…  (Ctrl+I)").clicked() {
                    self.requests.push(Request::Import);
                }
                if ui.button("Export…  (Ctrl+E)").clicked() {
                    self.requests.push(Request::Export);
                }
                if ui.button("Export the data dictionaries…").clicked() {
                    self.requests.push(Request::ExportDictionaries);
                }
                // The citywide view: one department's workbook, or everyone's.
                // Read only while the menu is open.
                let departments = match self.store.departments() {
                    Ok(all) => all,
                    Err(e) => {
                        ui.label(e.to_string());
                        Vec::new()
                    }
                };
                if departments.len() > 1 {
                    if ui
                        .button("Export a workbook for each department…")
                        .clicked()
                    {
                        self.requests.push(Request::ExportEachDepartment);
                    }
                    ui.menu_button("Export one department", |ui| {
                        for d in departments {
                            if ui.button(format!("{}…", d.name)).clicked() {
                                self.requests.push(Request::ExportDepartment(d.code));
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
                        self.requests.push(Request::SetTheme(choice));
                    }
                }
            });
        });
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        let store = &self.store;
        let requests = &mut self.requests;
        let s = &mut self.screens;
        if let Some(damaged) = &mut self.damaged {
            damaged.ui(ui, requests);
            return;
        }
        if let Some(preview) = &mut self.preview {
            preview.ui(ui, requests);
            return;
        }
        if self.welcome {
            welcome_ui(ui);
            s.department.ui(ui, store, requests);
            return;
        }
        help_ui(ui, self.screen);
        let rows = s.table.rows();
        match self.screen {
            // Screens that count the rows wait for them, rather than show zeros.
            Screen::Inventory | Screen::Progress | Screen::StartHere if self.loading => {
                ui.horizontal(|ui| {
                    ui.add(egui::Spinner::new());
                    ui.label("Opening the inventory…");
                });
            }
            Screen::Inventory => match &mut s.editor {
                Some(editor) => editor.ui(ui, requests),
                None => s.table.ui(ui, requests),
            },
            Screen::StartHere => s.start.ui(ui, requests),
            Screen::Sources => s.sources.ui(ui, store, requests),
            Screen::Department => {
                egui::Panel::bottom("backups").show(ui, |ui| s.backups.ui(ui, store, requests));
                // The city's lists make the screen longer than a window.
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, |ui| s.department.ui(ui, store, requests));
            }
            Screen::Step1 => s.step1.ui(ui, requests),
            Screen::Engagement => s.engagement.ui(ui, store, rows, requests),
            Screen::Review => s.review.ui(ui, store, rows, requests),
            Screen::Progress => s.progress.ui(ui, store, rows, requests),
            Screen::Checklist => s.checklist.ui(ui, rows, requests),
        }
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(job) = self.jobs.shown() {
                // Cancel comes first: what follows it grows (a bar replaces the
                // spinner, the seconds count), and a button that moves under
                // the pointer between two frames is missed.
                if job.work.can_stop() && !job.stopping() && ui.button("Cancel").clicked() {
                    self.requests.push(Request::CancelWork);
                }
                match job.fraction() {
                    Some(f) => ui.add(
                        egui::ProgressBar::new(f)
                            .desired_width(160.0)
                            .show_percentage(),
                    ),
                    None => ui.add(egui::Spinner::new()),
                };
                let secs = job.started.elapsed().as_secs();
                if job.stopping() {
                    ui.label(format!("{}: stopping… ({secs} s)", job.label));
                } else {
                    ui.label(format!("{} ({secs} s)", job.label));
                }
                ui.ctx().request_repaint_after(Duration::from_millis(200));
            } else if let Some(notice) = &self.notice {
                notice.ui(ui);
                if self.undo.is_some() && ui.button("Undo").clicked() {
                    self.requests.push(Write::Undo.into());
                }
                if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                    self.requests.push(Request::Dismiss);
                }
            } else if self.damaged.is_none() {
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
        let mut ask = |yes: bool, request: Request| {
            if yes {
                self.requests.push(request);
            }
        };
        ask(find, Request::FocusSearch);
        ask(new, Write::NewDataset.into());
        ask(export, Request::Export);
        ask(import, Request::Import);
        if escape {
            if self.preview.is_some() {
                self.requests.push(Request::CancelImport);
            } else if self.screens.editor.is_some() {
                self.requests.push(Request::CloseEditor);
            }
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            self.requests.push(Request::ImportPath(path));
        }
    }
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
        let damaged = self.damaged.is_some();
        if !damaged {
            self.shortcuts(&ctx);
        }
        self.poll_jobs();
        self.poll_take_over(&ctx);
        if !damaged {
            egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        }
        if self.store.is_read_only() {
            egui::Panel::top("read-only").show(ui, |ui| self.read_only_ui(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if !self.welcome && !damaged {
            egui::Panel::left("navigation")
                .resizable(false)
                .show(ui, |ui| self.nav_ui(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        self.handle_requests();
        self.screenshot_step(&ctx);
    }
}
