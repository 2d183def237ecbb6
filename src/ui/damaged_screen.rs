//! The screen a window opens on when its inventory file is damaged: what
//! happened, that nothing was written to it, and the backup copies that can be
//! put in its place, each with Restore. The window is usually opened from the
//! desktop menu, with no terminal to read a message in, so this is the message.
//!
//! Drawing only reads: Restore is `Request::RestoreBackup`, which the app
//! carries out through `Store::restore_over_damaged`.

use egui::{RichText, Ui};

use super::Request;
use crate::store::Backup;

pub struct DamagedScreen {
    /// What the store said (`StoreError::Damaged`).
    problem: String,
    /// The copies that read back as an inventory, newest first.
    backups: Vec<Backup>,
    /// The copy whose Restore was clicked, until confirmed.
    confirm: Option<Backup>,
}

impl DamagedScreen {
    pub fn new(problem: String, backups: Vec<Backup>) -> Self {
        DamagedScreen {
            problem,
            backups,
            confirm: None,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Self {
            problem,
            backups,
            confirm,
        } = self;
        ui.heading("This inventory file is damaged");
        ui.add_space(8.0);
        ui.add(
            egui::Label::new(RichText::new(problem.as_str()).color(ui.visuals().warn_fg_color))
                .wrap(),
        );
        ui.add_space(12.0);
        if backups.is_empty() {
            ui.label("There is no backup copy to restore. Keep the damaged file: your IT support may be able to rescue what it holds.");
            return;
        }
        ui.label("Restore one of the backup copies below to go on working. The damaged file is not deleted: it is moved into the backups folder beside the inventory.");
        ui.add_space(8.0);
        egui::Grid::new("damaged-backups")
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                for b in backups.iter() {
                    ui.label(&b.made);
                    ui.label(format!("{:.1} MB", b.bytes as f64 / 1_000_000.0));
                    if ui
                        .button(format!("Restore the copy of {}", b.made))
                        .clicked()
                    {
                        *confirm = Some(b.clone());
                    }
                    ui.end_row();
                }
            });
        confirm_ui(ui, confirm, requests);
    }
}

fn confirm_ui(ui: &mut Ui, confirm: &mut Option<Backup>, requests: &mut Vec<Request>) {
    let Some(b) = confirm.clone() else {
        return;
    };
    let text = format!(
        "The inventory becomes the copy made on {}. What was changed after that is only in the damaged file.",
        b.made
    );
    if super::backups_view::confirm_restore_ui(ui, "confirm-restore-damaged", &b, &text, requests) {
        *confirm = None;
    }
}
