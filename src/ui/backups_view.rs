//! The backup copies of the inventory, on the Department screen: when each was
//! made, and "Restore this copy" with a confirmation.

use egui::{RichText, Ui};

use super::Request;
use crate::store::{Backup, Store};

#[derive(Default)]
pub struct BackupsView {
    list: Option<Vec<Backup>>,
    confirm: Option<Backup>,
}

impl BackupsView {
    /// Reads the list again when next shown.
    pub fn refresh(&mut self) {
        self.list = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, store: &Store, requests: &mut Vec<Request>) {
        let list = self.list.get_or_insert_with(|| store.backups());
        egui::CollapsingHeader::new(RichText::new(format!("Backup copies ({})", list.len())).strong())
            .id_salt("backups")
            .show(ui, |ui| {
                ui.label(RichText::new("A copy of the inventory is kept before each import and once a day; the last ten are kept. Restoring one first keeps a copy of the inventory as it is now, so a restore can be undone the same way.").weak());
                if list.is_empty() {
                    ui.label("No copies yet.");
                }
                egui::Grid::new("backups-list").striped(true).num_columns(3).show(ui, |ui| {
                    for b in list.iter() {
                        ui.label(&b.made);
                        ui.label(format!("{:.1} MB", b.bytes as f64 / 1_000_000.0));
                        if ui.button(format!("Restore the copy of {}", b.made)).clicked() {
                            self.confirm = Some(b.clone());
                        }
                        ui.end_row();
                    }
                });
            });
        self.confirm_ui(ui, requests);
    }

    fn confirm_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(b) = self.confirm.clone() else {
            return;
        };
        let text = format!(
            "The inventory goes back to how it was on {}. Everything changed since then is replaced, but a copy of the inventory as it is now is kept first.",
            b.made
        );
        if confirm_restore_ui(ui, "confirm-restore", &b, &text, requests) {
            self.confirm = None;
            self.list = None;
        }
    }
}

/// "Restore this copy?" with Restore and Cancel; Restore asks for the copy to be
/// put in place. Returns whether the question is answered (or closed).
pub fn confirm_restore_ui(
    ui: &mut Ui,
    id: &str,
    copy: &Backup,
    text: &str,
    requests: &mut Vec<Request>,
) -> bool {
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ui.ctx(), |ui| {
        ui.heading("Restore this copy?");
        ui.label(text);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                requests.push(Request::RestoreBackup(copy.path.clone()));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    close || modal.should_close()
}
