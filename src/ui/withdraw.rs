//! "Withdraw from the portal…": what a published dataset offers instead of
//! Delete. Open data is permanent (the playbook): the dataset is kept with
//! its history, and the reason, required, goes into that history.

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use crate::model::InventoryId;

/// The dialog's state: closed, or open with the reason being typed.
#[derive(Default)]
pub struct WithdrawDialog {
    open: bool,
    reason: String,
}

impl WithdrawDialog {
    /// The button that opens the dialog.
    pub fn button(&mut self, ui: &mut Ui) {
        if ui
            .button("Withdraw from the portal…")
            .on_hover_text(
                "Open data is permanent: a published dataset is not deleted. Withdrawing keeps it, with the reason, in the inventory.",
            )
            .clicked()
        {
            self.open = true;
        }
    }

    /// The dialog, while it is open; asks for the withdrawal once a reason is typed.
    pub fn ui(&mut self, ui: &mut Ui, id: &InventoryId, name: &str, requests: &mut Vec<Request>) {
        if !self.open {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("withdraw-from-the-portal")).show(ui.ctx(), |ui| {
            ui.heading("Withdraw this dataset from the portal?");
            ui.add(
                egui::Label::new(format!(
                    "\"{name}\" ({id}) will be marked Withdrawn from the portal. It stays in the inventory with its history; the reason is added to that history with your name and today's date."
                ))
                .wrap(),
            );
            super::widgets::labelled(
                ui,
                RichText::new("Why is it withdrawn? (required)").strong(),
                egui::TextEdit::multiline(&mut self.reason)
                    .desired_rows(2)
                    .desired_width(420.0),
            );
            let ready = !self.reason.trim().is_empty();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(ready, egui::Button::new("Withdraw"))
                    .on_disabled_hover_text("Write the reason first")
                    .clicked()
                {
                    requests.push(
                        Write::Withdraw {
                            id: id.clone(),
                            reason: self.reason.trim().to_string(),
                        }
                        .into(),
                    );
                    *self = WithdrawDialog::default();
                }
                if ui.button("Cancel").clicked() {
                    *self = WithdrawDialog::default();
                }
            });
        });
        if modal.should_close() {
            *self = WithdrawDialog::default();
        }
    }
}
