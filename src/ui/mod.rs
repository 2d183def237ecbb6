//! The desktop app: a thin egui layer over the core. Screens call the store and
//! the workbook functions and push requests; `app` carries the requests out.

mod app;
mod backups_view;
mod checklist_wizard;
mod dataset_editor;
mod department;
mod engagement_screen;
mod import_preview;
mod inventory_table;
pub mod jobs;
mod progress_screen;
mod review_screen;
mod sources;
mod step1_wizard;
pub mod theme;
mod widgets;

pub use app::{App, Request, Screen};

use std::path::{Path, PathBuf};

use crate::store::Store;

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
    // The first window on a file may write; another one only reads (a banner says so).
    let store = Store::open_instance(&launch.db).map_err(|e| e.to_string())?;
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
    let chosen = (taking_screenshot || launch.screen != "inventory").then_some(screen);
    eframe::run_native(
        "Inventory Desk",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(App::launch(
                store,
                chosen,
                launch.screenshot,
                launch.open,
                theme,
            )))
        }),
    )
    .map_err(|e| format!("The window could not be opened: {e}"))
}

/// Saves a picture of the window as PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|p| p.to_array()).collect();
    image::save_buffer(
        path,
        &bytes,
        w as u32,
        h as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| format!("Could not save the screenshot to {}: {e}", path.display()))
}
