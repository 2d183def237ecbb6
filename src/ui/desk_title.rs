//! Whose desk the window is: "Coordinator's desk · Parks and Recreation" or
//! "CDO's desk (citywide)", under the app's name and in the title bar, so the
//! person always knows which inventory and which role they are working in.

use egui::{RichText, Ui};

use crate::store::Store;

#[derive(Default)]
pub struct DeskTitle {
    line: String,
    /// The title last given to the window, so it is sent only when it changes.
    sent: Option<String>,
}

impl DeskTitle {
    /// Reads the desk and the home department again (after setup, an
    /// import, a restore). A failed read leaves the line empty: the screen
    /// that reads the same things says what went wrong.
    pub fn refresh(&mut self, store: &Store) {
        let (Ok(desk), Ok(home)) = (store.desk(), store.home_department()) else {
            self.line.clear();
            return;
        };
        self.line = match home {
            Some(d) => format!("{} · {}", desk.title(), d.name),
            None => desk.title().to_string(),
        };
    }

    pub fn ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new(&self.line).strong());
        let title = format!("Inventory Desk — {}", self.line);
        if self.sent.as_ref() != Some(&title) {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent = Some(title);
        }
    }
}
