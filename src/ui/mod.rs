//! The desktop app: a thin egui layer over the core.
//!
//! The rules a newcomer must know:
//!
//! - **Drawing only reads.** A screen's `ui` gets `&Store` (or nothing of the
//!   store at all). Every change is a `Request` (`requests.rs`) pushed during
//!   the frame and carried out once it is drawn, in one place, through the
//!   store or a flow module of the core; the screen is then told the result.
//! - **Long work runs in the job runner** (`jobs.rs`, used by `long_work.rs`):
//!   its progress is a bar in the status bar, Cancel is offered only where the
//!   work can stop without leaving anything half done, and the message says
//!   what really happened.
//! - **One `Notice` type** (`notice.rs`) for every message.
//! - **A failed read shows its problem** in plain words, never an empty screen.
//! - One file per screen, named for it; `app.rs` only routes: the frame, the
//!   navigation, the menu, the status bar.

mod app;
mod backups_view;
mod cdo_review_view;
mod checklist_wizard;
mod columns_view;
mod damaged_screen;
mod dataset_editor;
mod decision_sent;
mod department;
mod desk_title;
pub mod dialogs;
mod engagement_screen;
mod import_held;
mod import_lists;
mod import_mapping;
mod import_preview;
mod import_values;
mod inspect;
mod inventory_table;
pub mod jobs;
mod launch;
mod lists_editor;
mod long_work;
pub mod notice;
pub(crate) mod pager;
mod progress_screen;
mod publish_panel;
mod requests;
mod review_screen;
mod screens;
mod screenshot;
mod sources;
mod start_here;
mod step1_wizard;
pub mod theme;
mod widgets;
mod withdraw;

pub use app::App;
pub use requests::{Request, Write};
pub use screens::Screen;
pub use screenshot::save_png;

use std::path::PathBuf;

/// How the window is opened.
#[derive(Debug, Clone)]
pub struct Launch {
    pub db: PathBuf,
    /// Draw one screen to this PNG and quit.
    pub screenshot: Option<PathBuf>,
    pub screen: String,
    pub size: Option<(u32, u32)>,
    /// Colours for this window only, by name (light, dark, system).
    pub theme: Option<String>,
    /// A workbook to show in the import preview at start.
    pub open: Option<PathBuf>,
}

/// The app id, matching `packaging/linux/org.inventorydesk.InventoryDesk.desktop`.
pub const APP_ID: &str = "org.inventorydesk.InventoryDesk";

/// Opens the window and runs until it is closed.
pub fn run(launch: Launch) -> Result<(), String> {
    let screen = Screen::from_name(&launch.screen).ok_or_else(|| {
        let names: Vec<&str> = Screen::ALL.iter().map(|s| s.name()).collect();
        format!(
            "There is no screen called \"{}\". The screens are: {}.",
            launch.screen,
            names.join(", ")
        )
    })?;
    let theme = match &launch.theme {
        None => None,
        Some(name) => Some(theme::ThemeChoice::from_name(name).ok_or_else(|| {
            format!(
                "There are no colours called \"{name}\". Use light, dark or system (as the computer is set)."
            )
        })?),
    };
    // A screenshot's screen is shown by `App::launch` without being
    // remembered: the person finds the app where they left it.
    let chosen = (launch.screenshot.is_none() && launch.screen != "inventory").then_some(screen);
    let pictured = launch.screenshot.is_some().then_some(screen);
    // The first window on a file may write; another one only reads (a banner
    // says so); a damaged file opens on a screen that says so.
    let app = App::on_file(&launch.db, Box::new(jobs::NativeDialogs), chosen)
        .map_err(|e| e.to_string())?;
    let (w, h) = launch.size.unwrap_or((1280, 800));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Inventory Desk")
        .with_app_id(APP_ID)
        .with_inner_size([w as f32, h as f32])
        .with_min_inner_size([640.0, 480.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let taking_screenshot = launch.screenshot.is_some();
    let options = eframe::NativeOptions {
        viewport,
        // A screenshot must show the size asked for, not the last window size.
        persist_window: !taking_screenshot,
        ..Default::default()
    };
    eframe::run_native(
        "Inventory Desk",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(App::launch(
                app,
                launch.screenshot.zip(pictured),
                launch.open,
                theme,
            )))
        }),
    )
    .map_err(|e| format!("The window could not be opened: {e}"))
}
