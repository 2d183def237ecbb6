//! The desktop app: a thin egui layer over the core. Screens call the store and
//! the workbook functions; they hold no business rules of their own.

mod app;

pub use app::App;

use std::path::PathBuf;

/// How the window is opened.
#[derive(Debug, Clone)]
pub struct Launch {
    pub db: PathBuf,
    /// Draw one screen to this PNG and quit.
    pub screenshot: Option<PathBuf>,
    pub screen: String,
    pub size: Option<(u32, u32)>,
}

/// The app id, matching `packaging/linux/org.inventorydesk.InventoryDesk.desktop`.
pub const APP_ID: &str = "org.inventorydesk.InventoryDesk";

/// Opens the window and runs until it is closed.
pub fn run(launch: Launch) -> Result<(), String> {
    let (w, h) = launch.size.unwrap_or((1280, 800));
    let viewport = egui::ViewportBuilder::default()
        .with_title("Inventory Desk")
        .with_app_id(APP_ID)
        .with_inner_size([w as f32, h as f32])
        .with_min_inner_size([640.0, 480.0]);
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Inventory Desk",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, launch)))),
    )
    .map_err(|e| format!("The window could not be opened: {e}"))
}
