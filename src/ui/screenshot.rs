//! `--screenshot`: draw a few frames, save a picture of the window as PNG, quit.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A picture to take once the window has settled.
pub struct Screenshot {
    path: PathBuf,
    frames: u32,
    requested: bool,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

/// Frames drawn before the picture: enough for fonts and layout to settle.
const SETTLE_FRAMES: u32 = 5;

impl Screenshot {
    pub fn new(path: PathBuf) -> Self {
        Screenshot {
            path,
            frames: 0,
            requested: false,
            result: Default::default(),
        }
    }

    /// Called once a frame: asks for the picture after a few frames, and closes
    /// the window once it is saved.
    pub fn step(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        ctx.request_repaint();
        if self.frames == SETTLE_FRAMES && !self.requested {
            self.requested = true;
            let path = self.path.clone();
            let result = self.result.clone();
            ctx.request_screenshot(move |image| {
                let saved = save_png(&image, &path);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(saved);
                }
            });
        }
        let done = self.result.lock().ok().and_then(|slot| slot.clone());
        if let Some(result) = done {
            if let Err(e) = result {
                eprintln!("{e}");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
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
