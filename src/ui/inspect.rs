//! What tests, benchmarks and the screenshot tool read of a running app, and
//! the few things they do to it that a person does with the mouse. Nothing in
//! the app itself calls these.

use super::App;
use super::inventory_table::InventoryTable;
use super::jobs::FileDialogs;
use super::screens::Screen;
use super::theme::ThemeChoice;
use crate::model::InventoryId;
use crate::store::Store;

impl App {
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The colours chosen in the View menu.
    pub fn theme(&self) -> ThemeChoice {
        self.theme
    }

    /// Chooses colours, as the View menu does.
    pub fn set_theme(&mut self, theme: ThemeChoice) {
        self.requests.push(super::Request::SetTheme(theme));
        self.handle_requests();
    }

    /// Replaces the file dialogs (tests pass fixed paths).
    pub fn set_dialogs(&mut self, dialogs: Box<dyn FileDialogs>) {
        self.dialogs = dialogs;
    }

    /// Whether background work is running (tests wait for it).
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
    }

    /// The work the status bar shows, if any: its label and whether Cancel is offered.
    pub fn work_shown(&self) -> Option<(&str, bool)> {
        self.jobs
            .shown()
            .map(|job| (job.label.as_str(), job.work.can_stop()))
    }

    /// The message at the bottom of the window, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The dataset open in the editor, if any.
    pub fn editing(&self) -> Option<&InventoryId> {
        self.screens.editor.as_ref().map(|e| &e.id)
    }

    /// Shows a screen, as a click in the navigation does (tests, benchmarks).
    pub fn go_to(&mut self, screen: Screen) {
        self.requests.push(super::Request::Go(screen));
        self.handle_requests();
    }

    /// The engagement project open on the Engagement screen.
    pub fn engagement_project(&self) -> Option<&crate::engagement::project::Project> {
        self.screens.engagement.project()
    }

    /// The Step 1 wizard's page, once the screen has been opened.
    pub fn step1_page(&self) -> Option<crate::step1::Page> {
        self.screens.step1.page()
    }

    /// The dataset and section the checklist wizard shows.
    pub fn checklist_at(&self) -> (Option<&InventoryId>, usize) {
        (
            self.screens.checklist.dataset(),
            self.screens.checklist.section(),
        )
    }

    /// The plan the import preview shows, if it is open.
    pub fn import_plan(&self) -> Option<&crate::workbook::merge::Plan> {
        self.preview.as_ref().map(|p| &p.plan)
    }

    pub fn table(&self) -> &InventoryTable {
        &self.screens.table
    }
}
