//! "Record a decision the CDO sent": on a department's desk, the one control
//! that records a CDO decision. Who decided, when and the note are all
//! required (`crate::desk::DecisionSent`), and the history marks the entry as
//! recorded by the coordinator from the CDO's message.

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use super::widgets::{error_text, labelled};
use crate::desk::DecisionSent;
use crate::model::vocab::Vocabulary;
use crate::model::{CdoDecision, InventoryId, Status};
use crate::review::{Move, allowed};

#[derive(Default)]
pub struct DecisionSentForm {
    decision: Option<CdoDecision>,
    decided_by: String,
    decided_on: String,
    note: String,
    problem: Option<String>,
}

impl DecisionSentForm {
    /// The decisions the CDO could have sent for a dataset in `status`.
    fn decisions(status: Status) -> Vec<CdoDecision> {
        allowed(status)
            .into_iter()
            .filter_map(|m| match m {
                Move::Decide(d) => Some(d),
                _ => None,
            })
            .collect()
    }

    /// Folded under its title, so the coordinator's own moves come first.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        id: &InventoryId,
        status: Status,
        requests: &mut Vec<Request>,
    ) {
        let decisions = Self::decisions(status);
        if decisions.is_empty() {
            return;
        }
        if self.decision.is_some_and(|d| !decisions.contains(&d)) {
            self.decision = None;
        }
        egui::CollapsingHeader::new("Record a decision the CDO sent")
            .id_salt("decision-sent")
            .show(ui, |ui| {
                ui.label(RichText::new("Only the CDO decides. When the decision came by email or memo rather than in a returned workbook, write it here as the CDO sent it; the history says you recorded it.").weak());
                self.form_ui(ui, &decisions);
                if let Some(problem) = &self.problem {
                    error_text(ui, problem);
                }
                if ui.button("Record the CDO's decision").clicked() {
                    self.record(id, requests);
                }
            });
    }

    fn form_ui(&mut self, ui: &mut Ui, decisions: &[CdoDecision]) {
        egui::Grid::new("decision-sent-form")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("The CDO's decision");
                let chosen = self.decision.map(|d| d.label()).unwrap_or("Choose…");
                egui::ComboBox::from_id_salt("decision-sent-choice")
                    .selected_text(chosen)
                    .show_ui(ui, |ui| {
                        for d in decisions {
                            ui.selectable_value(&mut self.decision, Some(*d), d.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                labelled(
                    ui,
                    "Who decided",
                    egui::TextEdit::singleline(&mut self.decided_by)
                        .hint_text("the name at the CDO's office"),
                );
                ui.end_row();
                labelled(
                    ui,
                    "Decided on",
                    egui::TextEdit::singleline(&mut self.decided_on).hint_text("YYYY-MM-DD"),
                );
                ui.end_row();
                labelled(
                    ui,
                    "The CDO's note",
                    egui::TextEdit::multiline(&mut self.note)
                        .desired_rows(2)
                        .hint_text("as the CDO wrote it"),
                );
                ui.end_row();
            });
    }

    fn record(&mut self, id: &InventoryId, requests: &mut Vec<Request>) {
        match self.to_sent() {
            Ok(sent) => {
                self.problem = None;
                requests.push(
                    Write::RecordDecision {
                        id: id.clone(),
                        sent,
                    }
                    .into(),
                );
            }
            Err(problem) => self.problem = Some(problem),
        }
    }

    /// The form as a decision, or what it lacks in the form's words.
    fn to_sent(&self) -> Result<DecisionSent, String> {
        let decision = self.decision.ok_or("Choose the decision the CDO sent.")?;
        let typed = self.decided_on.trim();
        let decided_on = crate::model::dates::parse_date(typed).ok_or(if typed.is_empty() {
            "Write the day the CDO decided, like 2026-11-30."
        } else {
            "Write the day the CDO decided as YYYY-MM-DD, from 1900-01-01 on."
        })?;
        let sent = DecisionSent {
            decision,
            decided_by: self.decided_by.clone(),
            decided_on,
            note: self.note.clone(),
        };
        sent.check(crate::store::now().date())
            .map_err(|e| e.to_string())?;
        Ok(sent)
    }

    /// The decision was recorded (the form empties) or refused (kept).
    pub fn recorded(&mut self, ok: bool) {
        if ok {
            *self = DecisionSentForm::default();
        }
    }
}
