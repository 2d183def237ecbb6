//! How the window opens an inventory file: its lock taken when no other
//! window has it (else read-only), a damaged file on a screen of its own that
//! offers its backup copies, and what the command line asks for at start
//! (colours, a file to import, a screenshot).

use std::path::{Path, PathBuf};

use super::App;
use super::damaged_screen::DamagedScreen;
use super::jobs::FileDialogs;
use super::screens::Screen;
use super::screenshot::Screenshot;
use super::theme::ThemeChoice;
use crate::store::{Store, StoreError};

impl App {
    /// The app on the inventory at `db`: its lock taken if no other window
    /// has it (else read-only); a damaged file opens on the screen that says
    /// so and offers its backup copies (`Store::open_instance` refused it).
    pub fn on_file(
        db: &Path,
        dialogs: Box<dyn FileDialogs>,
        screen: Option<Screen>,
    ) -> Result<Self, StoreError> {
        match Store::open_instance(db) {
            Ok(store) => Ok(App::new(store, dialogs, screen)),
            Err(e) if matches!(e, StoreError::Damaged { .. }) => {
                let problem = e.to_string();
                let backups = match e {
                    StoreError::Damaged { backups, .. } => backups,
                    _ => Vec::new(),
                };
                // Nothing is read from or written to the damaged file: the
                // screens stand on an empty inventory in memory until a copy
                // is restored.
                let mut app = App::new(Store::open_in_memory()?, dialogs, Some(Screen::Inventory));
                app.db_path = db.to_path_buf();
                app.welcome = false;
                app.damaged = Some(DamagedScreen::new(problem, backups));
                Ok(app)
            }
            Err(e) => Err(e),
        }
    }

    /// Whether the window shows a damaged inventory (and nothing else).
    pub fn is_damaged(&self) -> bool {
        self.damaged.is_some()
    }

    /// The app as `main` opens it (`on_file`), and maybe a screenshot to take.
    pub fn launch(
        mut app: App,
        screenshot: Option<(PathBuf, Screen)>,
        open: Option<PathBuf>,
        theme: Option<ThemeChoice>,
    ) -> Self {
        // Given on the command line: for this window only, not remembered.
        if let Some(theme) = theme {
            app.theme = theme;
        }
        if let Some(file) = open.filter(|_| app.damaged.is_none()) {
            app.start_plan(file, Default::default());
        }
        if let Some((path, screen)) = screenshot {
            // Set first, so the screen shown for it is not remembered.
            app.screenshot = Some(Screenshot::new(path));
            app.go(screen);
        }
        app
    }
}
