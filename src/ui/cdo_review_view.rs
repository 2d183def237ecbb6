//! On the CDO's desk, beside the decision: the department's checklist as it
//! was answered, the release review (security, quality and privacy, each a
//! short checklist) and the sign-offs of the CISO, the policy and the
//! communications teams. Drawing only reads; each answer and sign-off is a
//! `Write`.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::requests::{Request, Write};
use super::widgets::{error_text, labelled};
use crate::checklist::Checks;
use crate::model::CheckAnswer;
use crate::model::InventoryId;
use crate::model::vocab::Vocabulary;
use crate::questions::Bank;
use crate::release_review::{ReleaseReview, SignOff, SignOffKind, SignOffResult};
use crate::store::{Result, Store};

#[derive(Default)]
pub struct CdoReviewView {
    /// The department's checklist answers, by question id.
    checks: Checks,
    review: ReleaseReview,
    form: SignOffForm,
}

struct SignOffForm {
    kind: SignOffKind,
    by: String,
    on: String,
    result: SignOffResult,
    note: String,
    problem: Option<String>,
}

impl Default for SignOffForm {
    fn default() -> Self {
        SignOffForm {
            kind: SignOffKind::CisoAudit,
            by: String::new(),
            on: String::new(),
            result: SignOffResult::Cleared,
            note: String::new(),
            problem: None,
        }
    }
}

impl CdoReviewView {
    /// Reads the dataset's checklist and release review.
    pub fn load(store: &Store, id: &InventoryId) -> Result<Self> {
        Ok(CdoReviewView {
            checks: store.checks(id)?,
            review: store.release_review(id)?,
            form: SignOffForm::default(),
        })
    }

    /// Reads the answers and the review again, keeping what is typed in the
    /// sign-off form (an answer clicked meanwhile must not wipe it).
    pub fn reload(&mut self, store: &Store, id: &InventoryId) -> Result<()> {
        self.checks = store.checks(id)?;
        self.review = store.release_review(id)?;
        Ok(())
    }

    /// A sign-off was recorded: the form empties for the next.
    pub fn signed(&mut self) {
        self.form = SignOffForm::default();
    }

    /// A sign-off was refused: said under the form, which keeps what was typed.
    pub fn refused(&mut self, problem: String) {
        self.form.problem = Some(problem);
    }

    /// What the release review lacks or found, for the decision's "Yes".
    pub fn open_points(&self) -> Vec<String> {
        self.review.open_points()
    }

    pub fn ui(&mut self, ui: &mut Ui, id: &InventoryId, requests: &mut Vec<Request>) {
        egui::CollapsingHeader::new("The department's checklist")
            .id_salt("cdo-checklist")
            .show(ui, |ui| self.checklist_ui(ui));
        egui::CollapsingHeader::new("Release review: security, quality and privacy")
            .id_salt("release-review")
            .default_open(true)
            .show(ui, |ui| {
                self.questions_ui(ui, id, requests);
                ui.add_space(6.0);
                self.sign_offs_ui(ui, id, requests);
            });
    }

    /// Each checklist question with the department's answer and note.
    fn checklist_ui(&self, ui: &mut Ui) {
        let bank = Bank::checklist();
        for section in &bank.sections {
            ui.label(RichText::new(&section.title).strong());
            for q in bank.in_section(&section.id).filter(|q| q.is_check()) {
                let answer = self.checks.get(&q.id);
                let said = match answer.and_then(|a| a.answer) {
                    Some(a) => a.label().to_string(),
                    None => "Not answered".to_string(),
                };
                let note = answer
                    .map(|a| a.note.trim())
                    .filter(|n| !n.is_empty())
                    .map(|n| format!(" — the steward's note: {n}"))
                    .unwrap_or_default();
                ui.add(egui::Label::new(format!("{}  {said}{note}", q.text)).wrap());
            }
        }
    }

    fn questions_ui(&self, ui: &mut Ui, id: &InventoryId, requests: &mut Vec<Request>) {
        let bank = Bank::release_review();
        for section in &bank.sections {
            ui.label(RichText::new(&section.title).strong());
            ui.label(RichText::new(&section.guidance).weak());
            for q in bank.in_section(&section.id) {
                let now = self.review.answers.get(&q.id).map(|a| a.answer);
                ui.add(egui::Label::new(&q.text).wrap());
                ui.horizontal(|ui| {
                    for answer in CheckAnswer::ALL {
                        if ui.radio(now == Some(*answer), answer.label()).clicked() {
                            requests.push(
                                Write::AnswerReleaseReview {
                                    id: id.clone(),
                                    question: q.id.clone(),
                                    answer: Some(*answer),
                                }
                                .into(),
                            );
                        }
                    }
                });
            }
        }
    }

    fn sign_offs_ui(&mut self, ui: &mut Ui, id: &InventoryId, requests: &mut Vec<Request>) {
        ui.label(RichText::new("Sign-offs").strong());
        for s in &self.review.sign_offs {
            ui.label(s.history_note());
        }
        let f = &mut self.form;
        egui::Grid::new("sign-off").num_columns(2).show(ui, |ui| {
            let l = ui.label("Whose sign-off");
            egui::ComboBox::from_id_salt("sign-off-kind")
                .selected_text(f.kind.label())
                .show_ui(ui, |ui| {
                    for k in SignOffKind::ALL {
                        ui.selectable_value(&mut f.kind, k, k.label());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            labelled(ui, "Signed off by", egui::TextEdit::singleline(&mut f.by));
            ui.end_row();
            labelled(
                ui,
                "Signed off on",
                egui::TextEdit::singleline(&mut f.on).hint_text("YYYY-MM-DD"),
            );
            ui.end_row();
            let l = ui.label("Result");
            egui::ComboBox::from_id_salt("sign-off-result")
                .selected_text(f.result.label())
                .show_ui(ui, |ui| {
                    for r in SignOffResult::ALL {
                        ui.selectable_value(&mut f.result, r, r.label());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            labelled(
                ui,
                "Sign-off note",
                egui::TextEdit::multiline(&mut f.note).desired_rows(1),
            );
            ui.end_row();
        });
        if let Some(p) = &f.problem {
            error_text(ui, p);
        }
        if ui.button("Record the sign-off").clicked() {
            match f.to_sign_off() {
                Ok(sign_off) => {
                    f.problem = None;
                    requests.push(
                        Write::SignOff {
                            id: id.clone(),
                            sign_off,
                        }
                        .into(),
                    );
                }
                Err(p) => f.problem = Some(p),
            }
        }
    }
}

impl SignOffForm {
    fn to_sign_off(&self) -> std::result::Result<SignOff, String> {
        let typed = self.on.trim();
        let on: NaiveDate = crate::model::dates::parse_date(typed).ok_or(if typed.is_empty() {
            "Write the day of the sign-off, like 2026-11-30."
        } else {
            "Write the day of the sign-off as YYYY-MM-DD, from 1900-01-01 on."
        })?;
        let sign_off = SignOff {
            kind: self.kind,
            by: self.by.trim().to_string(),
            on,
            result: self.result,
            note: self.note.trim().to_string(),
        };
        sign_off
            .check(crate::store::now().date())
            .map_err(|e| e.to_string())?;
        Ok(sign_off)
    }
}
