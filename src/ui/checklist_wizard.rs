//! The data submission checklist wizard: pick a dataset, then answer its
//! checklist with the data steward, its sections one after the other on one
//! page (the tabs bring each into view). Each answer is saved
//! at once with its date; the meter says what is left and a click on a missing
//! answer goes to it; "Submit for review" sends a complete, approved dataset
//! on to the CDO.

use egui::{RichText, Ui};

use super::inventory_table::Row;
use super::notice::{Notice, notice_ui};
use super::requests::{Request, Write};
use super::widgets::{Drafts, Offered, error_text, field_input, labelled, remember_error};
use crate::checklist::{
    Checks, Completeness, completeness, submission_problems, suggested_priority,
};
use crate::model::vocab::Vocabulary;
use crate::model::{CheckAnswer, Dataset, Field, InventoryId, Status};
use crate::questions::{Bank, Question};
use crate::store::{Result, Store, TrailEntry};

/// The dataset being answered.
struct Open {
    id: InventoryId,
    dataset: Dataset,
    /// The profile of a sample of the data: its personal data flags are
    /// listed in the privacy section.
    profile: Option<crate::profile::Profile>,
    checks: Checks,
    trail: Vec<TrailEntry>,
    drafts: Drafts,
    /// Notes as typed, by question id.
    notes: std::collections::HashMap<String, String>,
    /// The inventory's lists, for the category and license questions.
    offered: Offered,
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
    notice: Option<Notice>,
    show_missing: bool,
    /// Bring the section `section` into view on the next frame.
    scroll_to_section: bool,
    /// The stewards already named in the inventory, most named first,
    /// counted when the screen opens: suggested for each steward.
    stewards: Vec<String>,
}

impl ChecklistWizard {
    /// Reopens the dataset and section the coordinator was on.
    pub fn open(&mut self, store: &Store, rows: &[Row]) -> Result<()> {
        self.stewards = crate::suggestions::stewards(rows);
        let id = store
            .setting("checklist.dataset")?
            .and_then(|s| s.parse::<InventoryId>().ok());
        self.section = store
            .setting("checklist.section")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
            .min(Bank::checklist().sections.len().saturating_sub(1));
        if self.open.as_ref().map(|o| &o.id) != id.as_ref() {
            self.notice = None;
        }
        self.scroll_to_section = true;
        self.open = match id {
            Some(id) => load(store, &id, &self.stewards)?,
            None => None,
        };
        self.shown = None;
        Ok(())
    }

    /// Goes to the section of a question and brings it into view; returns the
    /// section, for the app to remember.
    pub fn show_question(&mut self, question: &str) -> Option<usize> {
        let bank = Bank::checklist();
        let q = bank.question(question)?;
        let section = bank.sections.iter().position(|s| s.id == q.section)?;
        self.section = section;
        self.focus = Some(q.id.clone());
        self.scroll_to_section = true;
        Some(section)
    }

    /// Reads the open dataset again after a change, keeping what is typed.
    pub fn reread(&mut self, store: &Store, id: &InventoryId) -> Result<()> {
        let Some(open) = self.open.as_mut().filter(|o| &o.id == id) else {
            return Ok(());
        };
        if let Some(dataset) = store.dataset(id)? {
            open.dataset = dataset;
        }
        open.checks = store.checks(id)?;
        open.trail = store.trail(id)?;
        open.profile = store.profile(id)?;
        // The system may have changed, and with it its owners.
        open.offered.suggested =
            crate::suggestions::for_dataset(store, id, &open.dataset, &self.stewards)?;
        Ok(())
    }

    /// A question that fills a field was saved, or refused with a reason.
    pub fn field_saved(&mut self, field: Field, result: std::result::Result<(), String>) {
        if let Some(open) = &mut self.open {
            remember_error(&mut open.drafts, field, result);
        }
    }

    /// A check was saved, or refused with a reason.
    pub fn check_saved(&mut self, result: std::result::Result<(), String>) {
        if let Err(e) = result {
            self.notice = Some(Notice::error(e));
        }
    }

    /// "Submit for review" was carried out, or refused with a reason.
    pub fn submitted(&mut self, result: Result<()>) {
        self.notice = Some(Notice::from_result(&result, |_| {
            "Submitted for review. It goes to the Chief Data Officer with the next workbook you export.".into()
        }));
    }

    /// The dataset being answered, if any.
    pub fn dataset(&self) -> Option<&InventoryId> {
        self.open.as_ref().map(|o| &o.id)
    }

    pub fn section(&self) -> usize {
        self.section
    }

    fn set_section(&mut self, section: usize, requests: &mut Vec<Request>) {
        self.section = section.min(Bank::checklist().sections.len() - 1);
        self.scroll_to_section = true;
        requests.push(Request::Remember {
            key: "checklist.section",
            value: self.section.to_string(),
        });
    }

    /// Starts (or resumes) a dataset's checklist.
    fn select(&mut self, id: &InventoryId, requests: &mut Vec<Request>) {
        requests.push(Request::OpenChecklist(id.clone()));
    }

    pub fn ui(&mut self, ui: &mut Ui, rows: &[Row], requests: &mut Vec<Request>) {
        if self.open.is_none() {
            self.chooser_ui(ui, rows, requests);
            return;
        }
        self.header_ui(ui, requests);
        egui::Panel::bottom("checklist-nav").show(ui, |ui| self.nav_ui(ui, requests));
        egui::ScrollArea::vertical()
            .id_salt("checklist-section")
            .auto_shrink(false)
            .show(ui, |ui| self.sections_ui(ui, requests));
    }

    /// The list of datasets with their meters, and the department's meter.
    fn chooser_ui(&mut self, ui: &mut Ui, rows: &[Row], requests: &mut Vec<Request>) {
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
            self.select(&id, requests);
        }
    }

    fn header_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(open) = &self.open else { return };
        let done = completeness(&open.dataset, &open.checks).with_dictionary(open.profile.as_ref());
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
                let left = done.missing.len() + usize::from(done.dictionary_gap().is_some());
                let text = format!("{left} left to answer");
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
            self.missing_ui(ui, &done, requests);
        }
        self.tabs_ui(ui, requests);
        ui.separator();
        if back {
            requests.push(Request::Remember {
                key: "checklist.dataset",
                value: String::new(),
            });
            self.open = None;
            self.shown = None;
        }
    }

    /// Every missing or invalid answer, each a click away.
    fn missing_ui(&mut self, ui: &mut Ui, done: &Completeness, requests: &mut Vec<Request>) {
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
                    // The data dictionary is written in the dataset editor's
                    // Columns section.
                    if let (Some(gap), Some(open)) = (done.dictionary_gap(), &self.open)
                        && ui
                            .link(format!("Data dictionary: {gap}"))
                            .on_hover_text("Describe the columns in the dataset editor")
                            .clicked()
                    {
                        requests.push(Request::Open(open.id.clone()));
                    }
                });
        });
        if let Some((section, question)) = go {
            self.set_section(section, requests);
            self.focus = Some(question);
        }
    }

    fn tabs_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
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
            self.set_section(i, requests);
        }
    }

    fn nav_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let last = Bank::checklist().sections.len() - 1;
        notice_ui(ui, &self.notice);
        ui.horizontal(|ui| {
            if self.section > 0 && ui.button("⬅ Previous section").clicked() {
                self.set_section(self.section - 1, requests);
            }
            if self.section < last && ui.button("Next section ➡").clicked() {
                self.set_section(self.section + 1, requests);
            }
            ui.separator();
            self.submit_ui(ui, requests);
        });
    }

    fn submit_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(open) = &self.open else { return };
        if !matches!(open.dataset.status, Status::NotReady | Status::Returned) {
            ui.label(format!("Status: {}", open.dataset.status.label()));
            return;
        }
        let problems = submission_problems(&open.dataset, &open.checks);
        let button =
            super::widgets::primary_button_enabled(ui, problems.is_empty(), "Submit for review");
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
            requests.push(Write::Submit(open.id.clone()).into());
        }
    }

    /// Every section on one page, one after the other: the person answers
    /// down the page with the steward (a click a section less), and the tabs,
    /// "Next section" and the missing answers bring a section into view.
    fn sections_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let top = ui.clip_rect().top();
        let mut in_view = 0;
        for i in 0..Bank::checklist().sections.len() {
            if i > 0 {
                ui.add_space(16.0);
                ui.separator();
            }
            let heading = self.section_ui(ui, i, requests);
            if i == self.section && self.scroll_to_section {
                heading.scroll_to_me(Some(egui::Align::TOP));
                self.scroll_to_section = false;
            }
            if heading.rect.top() <= top + 8.0 {
                in_view = i;
            }
        }
        // The tab of the section scrolled to is the one marked, and the
        // checklist reopens there.
        if !self.scroll_to_section
            && in_view != self.section
            && ui.input(|i| i.smooth_scroll_delta.y != 0.0)
        {
            self.section = in_view;
            requests.push(Request::Remember {
                key: "checklist.section",
                value: in_view.to_string(),
            });
        }
    }

    /// One section: its heading (returned, to scroll to), guidance and questions.
    fn section_ui(
        &mut self,
        ui: &mut Ui,
        index: usize,
        requests: &mut Vec<Request>,
    ) -> egui::Response {
        let bank = Bank::checklist();
        let section = &bank.sections[index];
        let heading = ui.heading(format!("{}. {}", index + 1, section.title));
        ui.add(egui::Label::new(RichText::new(&section.guidance).weak()).wrap());
        ui.add_space(6.0);
        if section.id == "value" {
            self.suggestion_ui(ui, requests);
        }
        if section.id == "privacy"
            && let Some(open) = &self.open
        {
            super::columns_view::flags_ui(ui, open.profile.as_ref());
        }
        let texts: Vec<String> = match &self.open {
            Some(open) => Field::ALL.iter().map(|f| open.dataset.get(*f)).collect(),
            None => return heading,
        };
        for q in bank.in_section(&section.id) {
            ui.add_space(8.0);
            let required = q.is_required(|f| texts[f.index()].as_str());
            self.question_ui(ui, q, required, requests);
        }
        heading
    }

    fn suggestion_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
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
            self.save_field(q, s.rating.label(), requests);
        }
    }

    fn question_ui(
        &mut self,
        ui: &mut Ui,
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
                let changed = field_input(
                    ui,
                    &open.dataset,
                    field,
                    &mut open.drafts,
                    &open.offered,
                    label.id,
                );
                if let Some(error) = open.drafts.errors.get(&field) {
                    error_text(ui, error);
                }
                if let Some(value) = changed {
                    self.save_field(q, &value, requests);
                }
            }
            None => self.check_ui(ui, q, label.id, requests),
        }
        if focus {
            self.focus = None;
        }
        self.earlier_ui(ui, q);
    }

    fn save_field(&mut self, q: &'static Question, value: &str, requests: &mut Vec<Request>) {
        let Some(open) = &self.open else { return };
        requests.push(
            Write::Answer {
                id: open.id.clone(),
                question: q,
                value: value.to_string(),
            }
            .into(),
        );
    }

    /// Yes / No / Not applicable and a note; each saved at once.
    fn check_ui(
        &mut self,
        ui: &mut Ui,
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
            // Whose words: the steward's, as the coordinator takes them down.
            .hint_text("The steward's note (optional)")
            .desired_width(460.0);
        let note_changed = ui.add(edit).labelled_by(label).changed();
        let note = note.clone();
        if picked != current || note_changed {
            requests.push(
                Write::AnswerCheck {
                    id: open.id.clone(),
                    question: q,
                    answer: picked,
                    note,
                }
                .into(),
            );
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
                    // Who gave it, when the app knew (answers read from a file do not say).
                    let by = if t.by.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", t.by)
                    };
                    ui.label(format!(
                        "{}{by}: {answer}{note}",
                        t.at.format("%Y-%m-%d %H:%M")
                    ));
                }
            });
    }
}

fn load(store: &Store, id: &InventoryId, stewards: &[String]) -> Result<Option<Open>> {
    let Some(dataset) = store.dataset(id)? else {
        return Ok(None);
    };
    let suggested = crate::suggestions::for_dataset(store, id, &dataset, stewards)?;
    Ok(Some(Open {
        id: id.clone(),
        checks: store.checks(id)?,
        trail: store.trail(id)?,
        profile: store.profile(id)?,
        dataset,
        drafts: Drafts::default(),
        notes: Default::default(),
        offered: Offered {
            departments: Vec::new(),
            lists: store.lists()?,
            suggested,
            desk: store.desk()?,
        },
    }))
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
