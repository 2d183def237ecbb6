//! The data submission checklist wizard: pick a dataset, then answer its
//! checklist a section at a time with the data steward. Each answer is saved
//! at once with its date; the meter says what is left and a click on a missing
//! answer goes to it; "Submit for review" sends a complete, approved dataset
//! on to the CDO.

use egui::{RichText, Ui};

use super::Request;
use super::inventory_table::Row;
use super::widgets::{Drafts, error_text, field_input, labelled, remember_error};
use crate::checklist::{
    Checks, Completeness, completeness, submission_problems, suggested_priority,
};
use crate::model::vocab::Vocabulary;
use crate::model::{CheckAnswer, Dataset, Field, InventoryId, Status};
use crate::questions::{Bank, Question};
use crate::store::{Store, TrailEntry};

/// The dataset being answered.
struct Open {
    id: InventoryId,
    dataset: Dataset,
    checks: Checks,
    trail: Vec<TrailEntry>,
    drafts: Drafts,
    /// Notes as typed, by question id.
    notes: std::collections::HashMap<String, String>,
}

#[derive(Default)]
pub struct ChecklistWizard {
    open: Option<Open>,
    section: usize,
    /// A question to bring into view and focus (after a click on "missing").
    focus: Option<String>,
    filter: String,
    /// Indices of the table rows the chooser shows, and the filter they match.
    shown: Option<(String, usize, Vec<usize>)>,
    message: Option<(String, bool)>,
    show_missing: bool,
}

impl ChecklistWizard {
    /// Reopens the dataset and section the coordinator was on.
    pub fn open(&mut self, store: &Store) {
        let id = store
            .setting("checklist.dataset")
            .ok()
            .flatten()
            .and_then(|s| s.parse::<InventoryId>().ok());
        self.section = store
            .setting("checklist.section")
            .ok()
            .flatten()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
            .min(Bank::checklist().sections.len().saturating_sub(1));
        self.open = id.and_then(|id| load(store, &id));
        self.shown = None;
    }

    /// Starts (or resumes) a dataset's checklist.
    pub fn select(&mut self, store: &mut Store, id: &InventoryId) {
        let same = self.open.as_ref().is_some_and(|o| &o.id == id);
        let _ = store.set_setting("checklist.dataset", &id.to_string());
        if !same {
            let _ = store.set_setting("checklist.section", "0");
        }
        self.message = None;
        self.open(store);
    }

    /// Goes to the section of a question and brings it into view.
    pub fn show_question(&mut self, store: &mut Store, question: &str) {
        let bank = Bank::checklist();
        let Some(q) = bank.question(question) else {
            return;
        };
        if let Some(section) = bank.sections.iter().position(|s| s.id == q.section) {
            self.set_section(store, section);
            self.focus = Some(q.id.clone());
        }
    }

    /// The dataset being answered, if any.
    pub fn dataset(&self) -> Option<&InventoryId> {
        self.open.as_ref().map(|o| &o.id)
    }

    pub fn section(&self) -> usize {
        self.section
    }

    fn set_section(&mut self, store: &mut Store, section: usize) {
        self.section = section.min(Bank::checklist().sections.len() - 1);
        let _ = store.set_setting("checklist.section", &self.section.to_string());
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        rows: &[Row],
        requests: &mut Vec<Request>,
    ) {
        if self.open.is_none() {
            self.chooser_ui(ui, store, rows);
            return;
        }
        self.header_ui(ui, store);
        egui::Panel::bottom("checklist-nav").show(ui, |ui| self.nav_ui(ui, store, requests));
        egui::ScrollArea::vertical()
            .id_salt("checklist-section")
            .auto_shrink(false)
            .show(ui, |ui| self.section_ui(ui, store, requests));
    }

    /// The list of datasets with their meters, and the department's meter.
    fn chooser_ui(&mut self, ui: &mut Ui, store: &mut Store, rows: &[Row]) {
        ui.heading("Data submission checklist");
        ui.label("Choose a dataset to answer its checklist with its data steward. Answers are saved as you go; you can stop at any time and come back.");
        department_meter(ui, rows);
        ui.horizontal(|ui| {
            labelled(
                ui,
                "Find a dataset:",
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("part of a name or an ID")
                    .desired_width(260.0),
            );
        });
        let wanted = self.filter.to_lowercase();
        let stale = self
            .shown
            .as_ref()
            .is_none_or(|(f, n, _)| *f != wanted || *n != rows.len());
        if stale {
            let shown = (0..rows.len())
                .filter(|k| {
                    wanted.is_empty()
                        || rows[*k].name.to_lowercase().contains(&wanted)
                        || rows[*k].id.to_string().to_lowercase().contains(&wanted)
                })
                .collect();
            self.shown = Some((wanted, rows.len(), shown));
        }
        let Some((_, _, shown)) = &self.shown else {
            return;
        };
        let mut picked = None;
        let row_height = ui.spacing().interact_size.y + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("checklist-chooser")
            .auto_shrink(false)
            .show_rows(ui, row_height, shown.len(), |ui, range| {
                for k in &shown[range] {
                    let row = &rows[*k];
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::ProgressBar::new(f32::from(row.complete) / 100.0)
                                .desired_width(90.0)
                                .text(format!("{}%", row.complete)),
                        );
                        if ui
                            .button(&row.name)
                            .on_hover_text("Answer this dataset's checklist")
                            .clicked()
                        {
                            picked = Some(row.id.clone());
                        }
                        ui.label(
                            RichText::new(format!("{}  {}", row.id, row.status.label())).weak(),
                        );
                    });
                }
            });
        if let Some(id) = picked {
            self.select(store, &id);
        }
    }

    fn header_ui(&mut self, ui: &mut Ui, store: &mut Store) {
        let Some(open) = &self.open else { return };
        let done = completeness(&open.dataset, &open.checks);
        let mut back = false;
        ui.horizontal(|ui| {
            back = ui.button("⬅ All datasets").clicked();
            ui.heading(&open.dataset.name);
            ui.label(RichText::new(format!("{}  {}", open.id, open.dataset.status.label())).weak());
        });
        ui.horizontal(|ui| {
            ui.label("Checklist:");
            ui.add(
                egui::ProgressBar::new(f32::from(done.percent()) / 100.0)
                    .desired_width(220.0)
                    .text(format!("{} of {} answered", done.answered, done.required)),
            );
            if !done.is_complete() {
                let text = format!("{} left to answer", done.missing.len());
                if ui
                    .link(text)
                    .on_hover_text("Show what is missing")
                    .clicked()
                {
                    self.show_missing = !self.show_missing;
                }
            } else {
                ui.label("Complete ✔");
            }
        });
        if self.show_missing && !done.is_complete() {
            self.missing_ui(ui, store, &done);
        }
        self.tabs_ui(ui, store);
        ui.separator();
        if back {
            let _ = store.set_setting("checklist.dataset", "");
            self.open = None;
            self.shown = None;
        }
    }

    /// Every missing or invalid answer, each a click away.
    fn missing_ui(&mut self, ui: &mut Ui, store: &mut Store, done: &Completeness) {
        let bank = Bank::checklist();
        let mut go = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("What is missing").strong());
            egui::ScrollArea::vertical()
                .id_salt("checklist-missing")
                .max_height(160.0)
                .show(ui, |ui| {
                    for m in &done.missing {
                        let section = bank
                            .sections
                            .iter()
                            .position(|s| s.id == m.question.section)
                            .unwrap_or(0);
                        let title = &bank.sections[section].title;
                        if ui.link(format!("{title}: {}", m.describe())).clicked() {
                            go = Some((section, m.question.id.clone()));
                        }
                    }
                });
        });
        if let Some((section, question)) = go {
            self.set_section(store, section);
            self.focus = Some(question);
        }
    }

    fn tabs_ui(&mut self, ui: &mut Ui, store: &mut Store) {
        let Some(open) = &self.open else { return };
        let bank = Bank::checklist();
        let done = completeness(&open.dataset, &open.checks);
        let mut go = None;
        ui.horizontal_wrapped(|ui| {
            for (i, s) in bank.sections.iter().enumerate() {
                let left = done
                    .missing
                    .iter()
                    .filter(|m| m.question.section == s.id)
                    .count();
                let mark = if left == 0 {
                    " ✔".to_string()
                } else {
                    String::new()
                };
                let text = format!("{}. {}{mark}", i + 1, s.title);
                if ui.selectable_label(self.section == i, text).clicked() {
                    go = Some(i);
                }
            }
        });
        if let Some(i) = go {
            self.set_section(store, i);
        }
    }

    fn nav_ui(&mut self, ui: &mut Ui, store: &mut Store, requests: &mut Vec<Request>) {
        let last = Bank::checklist().sections.len() - 1;
        if let Some((text, error)) = &self.message {
            if *error {
                error_text(ui, text);
            } else {
                ui.label(text);
            }
        }
        ui.horizontal(|ui| {
            if self.section > 0 && ui.button("⬅ Previous section").clicked() {
                self.set_section(store, self.section - 1);
            }
            if self.section < last && ui.button("Next section ➡").clicked() {
                self.set_section(store, self.section + 1);
            }
            ui.separator();
            self.submit_ui(ui, store, requests);
        });
    }

    fn submit_ui(&mut self, ui: &mut Ui, store: &mut Store, requests: &mut Vec<Request>) {
        let Some(open) = &self.open else { return };
        if !matches!(open.dataset.status, Status::NotReady | Status::Returned) {
            ui.label(format!("Status: {}", open.dataset.status.label()));
            return;
        }
        let problems = submission_problems(&open.dataset, &open.checks);
        let button = ui.add_enabled(problems.is_empty(), egui::Button::new("Submit for review"));
        let button = if problems.is_empty() {
            button.on_hover_text(
                "Send it to the Chief Data Officer: its status becomes Submitted for review.",
            )
        } else {
            button.on_disabled_hover_text(format!("Not yet:\n• {}", problems.join("\n• ")))
        };
        if !problems.is_empty() {
            ui.add(egui::Label::new(RichText::new(first_reason(&problems)).weak()).truncate());
        }
        if button.clicked() {
            let id = open.id.clone();
            let by = store
                .home_department()
                .ok()
                .flatten()
                .and_then(|d| d.coordinators.first().map(|c| c.name.clone()))
                .unwrap_or_default();
            match store.submit_for_review(&id, &by) {
                Ok(saved) => {
                    self.message = Some((
                        "Submitted for review. It goes to the Chief Data Officer with the next workbook you export.".into(),
                        false,
                    ));
                    requests.push(Request::Saved(saved));
                    self.reload(store);
                }
                Err(e) => self.message = Some((e.to_string(), true)),
            }
        }
    }

    fn reload(&mut self, store: &Store) {
        if let Some(id) = self.open.as_ref().map(|o| o.id.clone()) {
            self.open = load(store, &id);
        }
    }

    fn section_ui(&mut self, ui: &mut Ui, store: &mut Store, requests: &mut Vec<Request>) {
        let bank = Bank::checklist();
        let Some(section) = bank.sections.get(self.section) else {
            return;
        };
        ui.heading(format!("{}. {}", self.section + 1, section.title));
        ui.add(egui::Label::new(RichText::new(&section.guidance).weak()).wrap());
        ui.add_space(6.0);
        if section.id == "value" {
            self.suggestion_ui(ui, store, requests);
        }
        let texts: Vec<String> = match &self.open {
            Some(open) => Field::ALL.iter().map(|f| open.dataset.get(*f)).collect(),
            None => return,
        };
        for q in bank.in_section(&section.id) {
            ui.add_space(8.0);
            let required = q.is_required(|f| texts[f.index()].as_str());
            self.question_ui(ui, store, q, required, requests);
        }
    }

    fn suggestion_ui(&mut self, ui: &mut Ui, store: &mut Store, requests: &mut Vec<Request>) {
        let Some(open) = &self.open else { return };
        let Some(s) = suggested_priority(&open.checks) else {
            ui.label(RichText::new("Answer the value, quality and readiness questions below: they suggest a priority.").weak());
            return;
        };
        let current = open.dataset.priority;
        let mut take = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("Suggested priority: {}", s.rating.label())).strong(),
                );
                ui.label(s.explain());
                if current != Some(s.rating) {
                    take = ui.button(format!("Use {}", s.rating.label())).clicked();
                }
            });
        });
        if take && let Some(q) = Bank::checklist().for_field(Field::Priority) {
            self.save_field(store, q, s.rating.label(), requests);
        }
    }

    fn question_ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        q: &'static Question,
        required: bool,
        requests: &mut Vec<Request>,
    ) {
        let Some(open) = &mut self.open else { return };
        let focus = self.focus.as_deref() == Some(q.id.as_str());
        let mut text = RichText::new(&q.text).strong();
        if focus {
            text = text.color(ui.visuals().warn_fg_color);
        }
        let label = ui.label(text);
        if focus {
            label.scroll_to_me(Some(egui::Align::Center));
        }
        if !q.guidance.is_empty() {
            ui.add(egui::Label::new(RichText::new(&q.guidance).weak()).wrap());
        }
        if !required {
            ui.label(RichText::new("Optional").weak().italics());
        }
        match q.field() {
            Some(field) => {
                let changed =
                    field_input(ui, &open.dataset, field, &mut open.drafts, &[], label.id);
                if let Some(error) = open.drafts.errors.get(&field) {
                    error_text(ui, error);
                }
                if let Some(value) = changed {
                    self.save_field(store, q, &value, requests);
                }
            }
            None => self.check_ui(ui, store, q, label.id, requests),
        }
        if focus {
            self.focus = None;
        }
        self.earlier_ui(ui, q);
    }

    fn save_field(
        &mut self,
        store: &mut Store,
        q: &Question,
        value: &str,
        requests: &mut Vec<Request>,
    ) {
        let Some(open) = &mut self.open else { return };
        let Some(field) = q.field() else { return };
        let result = match store.answer_field(&open.id, q, value) {
            Ok(saved) => {
                open.dataset = saved.clone();
                open.trail = store.trail(&open.id).unwrap_or_default();
                requests.push(Request::Saved(saved));
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        };
        remember_error(&mut open.drafts, field, result);
    }

    /// Yes / No / Not applicable and a note; each saved at once.
    fn check_ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        q: &'static Question,
        label: egui::Id,
        requests: &mut Vec<Request>,
    ) {
        let Some(open) = &mut self.open else { return };
        let current = open.checks.get(&q.id).and_then(|c| c.answer);
        let mut picked = current;
        ui.horizontal(|ui| {
            for answer in CheckAnswer::ALL {
                let on = current == Some(*answer);
                let r = ui.radio(on, answer.label());
                // Named with its question, so a screen reader (and a test) can
                // tell one question's "Yes" from another's.
                r.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::RadioButton,
                        true,
                        on,
                        format!("{}: {}", q.text, answer.label()),
                    )
                });
                if r.clicked() {
                    picked = Some(*answer);
                }
            }
            if let Some(state) = open.checks.get(&q.id) {
                ui.label(RichText::new(format!("answered {}", state.on.format("%Y-%m-%d"))).weak());
            }
        });
        let note = open.notes.entry(q.id.clone()).or_insert_with(|| {
            open.checks
                .get(&q.id)
                .map(|c| c.note.clone())
                .unwrap_or_default()
        });
        let edit = egui::TextEdit::singleline(note)
            .hint_text("Note (optional)")
            .desired_width(460.0);
        let note_changed = ui.add(edit).labelled_by(label).changed();
        let note = note.clone();
        if picked != current || note_changed {
            match store.answer_check(&open.id, q, picked, &note) {
                Ok(()) => {
                    open.checks = store.checks(&open.id).unwrap_or_default();
                    open.trail = store.trail(&open.id).unwrap_or_default();
                    if let Ok(Some(d)) = store.dataset(&open.id) {
                        requests.push(Request::Saved(d));
                    }
                }
                Err(e) => self.message = Some((e.to_string(), true)),
            }
        }
    }

    /// Earlier answers to a question, with their dates: the audit trail.
    fn earlier_ui(&self, ui: &mut Ui, q: &Question) {
        let Some(open) = &self.open else { return };
        let entries: Vec<&TrailEntry> = open
            .trail
            .iter()
            .filter(|t| t.question_id == q.id)
            .collect();
        if entries.len() < 2 {
            return;
        }
        egui::CollapsingHeader::new(format!("Earlier answers ({})", entries.len() - 1))
            .id_salt(("trail", &q.id))
            .show(ui, |ui| {
                for t in entries.iter().rev().skip(1) {
                    let note = if t.note.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", t.note)
                    };
                    let answer = if t.answer.is_empty() {
                        "(cleared)"
                    } else {
                        &t.answer
                    };
                    ui.label(format!("{}: {answer}{note}", t.at.format("%Y-%m-%d %H:%M")));
                }
            });
    }
}

fn load(store: &Store, id: &InventoryId) -> Option<Open> {
    let dataset = store.dataset(id).ok()??;
    Some(Open {
        id: id.clone(),
        checks: store.checks(id).unwrap_or_default(),
        trail: store.trail(id).unwrap_or_default(),
        dataset,
        drafts: Drafts::default(),
        notes: Default::default(),
    })
}

fn first_reason(problems: &[String]) -> String {
    let more = problems.len() - 1;
    if more == 0 {
        problems[0].clone()
    } else {
        format!("{} (and {more} more)", problems[0])
    }
}

/// The department's meter: datasets complete, and answers given over all.
fn department_meter(ui: &mut Ui, rows: &[Row]) {
    if rows.is_empty() {
        ui.label("No datasets yet: list them in the Step 1 prompts or on the Inventory screen.");
        return;
    }
    let complete = rows.iter().filter(|r| r.complete == 100).count();
    let average = rows.iter().map(|r| f32::from(r.complete)).sum::<f32>() / rows.len() as f32;
    let submitted = rows.iter().filter(|r| r.status != Status::NotReady).count();
    ui.horizontal(|ui| {
        ui.label("Department:");
        ui.add(
            egui::ProgressBar::new(average / 100.0)
                .desired_width(220.0)
                .text(format!("{average:.0}% answered")),
        );
        ui.label(format!(
            "{complete} of {} datasets complete; {submitted} past Not ready.",
            rows.len()
        ));
    });
}
