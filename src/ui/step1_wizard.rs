//! The Step 1 wizard: who answers for the department, its systems of record,
//! the eight prompts one page each (tick datasets already listed, or add new
//! ones a line each, with ideas beside), and a summary.
//!
//! Every keystroke in a box is kept in the inventory as a draft (see
//! `crate::step1`), and leaving a page adds its pending lines, so nothing
//! typed is lost.
//!
//! Why one file of this length: the wizard's pages share one state (the draft
//! lines, the filter of a prompt page, the page shown); the rules they follow
//! are in the core (`crate::step1`), so what is here is only drawing.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::notice::{Notice, notice_ui};
use super::requests::{Request, Write};
use super::widgets::{error_text, labelled};
use crate::model::DepartmentCode;
use crate::model::vocab::Vocabulary;
use crate::questions::{Bank, DepartmentField, Fills};
use crate::samples::SAMPLE_DATASETS;
use crate::step1::{self, Action, Done, Page, Summary};
use crate::store::{PromptRow, Result, Store};

#[derive(Default)]
pub struct Step1Wizard {
    code: Option<DepartmentCode>,
    page: Option<Page>,
    /// The contact answers as typed, and why one was refused.
    contact: HashMap<String, String>,
    contact_errors: HashMap<String, String>,
    systems_text: String,
    /// The new datasets typed on a prompt page, and their system.
    lines: String,
    system: String,
    rows: Vec<PromptRow>,
    sources: Vec<String>,
    /// Which listed datasets a prompt page shows.
    filter: Listed,
    /// The listed rows matching the filter, and the filter they match.
    shown: Option<(Listed, Vec<usize>)>,
    /// How many listed datasets the page's prompt ticks, counted once.
    ticked: Option<usize>,
    /// How many listed datasets each system holds, counted once.
    system_counts: Option<HashMap<String, usize>>,
    summary: Summary,
    notice: Option<Notice>,
    /// Why the last draft could not be kept (a full disk, a read-only window):
    /// the text is still in its box, but would be lost with the window.
    draft_error: Option<String>,
}

impl Step1Wizard {
    /// Reads where the wizard was and what it shows; called when the screen opens.
    pub fn open(&mut self, store: &Store) -> Result<()> {
        self.code = store.home_department()?.map(|d| d.code);
        let page = step1::page(store);
        self.load_page(store, page)
    }

    pub fn page(&self) -> Option<Page> {
        self.page
    }

    fn load_page(&mut self, store: &Store, page: Page) -> Result<()> {
        self.page = Some(page);
        self.contact.clear();
        self.contact_errors.clear();
        let Some(code) = self.code.clone() else {
            return Ok(());
        };
        for q in step1::contact_questions() {
            if let Fills::Department(field) = q.fills {
                let draft = step1::draft(store, Page::Contact, &q.id);
                let value = if draft.is_empty() {
                    step1::contact_value(store, &code, field)
                } else {
                    draft
                };
                self.contact.insert(q.id.clone(), value);
            }
        }
        self.systems_text = step1::draft(store, Page::Systems, "lines");
        self.lines = step1::draft(store, page, "lines");
        self.system = step1::draft(store, page, "system");
        self.sources = store.sources()?.into_iter().map(|s| s.name).collect();
        if page == Page::Summary {
            self.summary = step1::summary(store, &code)?;
        }
        self.refresh(store)?;
        self.filter = Listed::first_for(self.rows.len());
        Ok(())
    }

    /// Reads the listed datasets again.
    fn refresh(&mut self, store: &Store) -> Result<()> {
        if let Some(code) = &self.code {
            self.rows = store.prompt_rows(code)?;
            self.shown = None;
            self.ticked = None;
            self.system_counts = None;
        }
        Ok(())
    }

    /// Asks for a change through the Step 1 flow of the core.
    fn ask(requests: &mut Vec<Request>, action: Action) {
        requests.push(Write::Step1(action).into());
    }

    /// Keeps what is typed in one of the page's boxes.
    fn keep_draft(&self, requests: &mut Vec<Request>, page: Page, part: &'static str, text: &str) {
        Self::ask(
            requests,
            Action::Draft {
                page,
                part,
                text: text.to_string(),
            },
        );
    }

    /// Leaves the page for another: pending lines are added first.
    fn go_to(&mut self, page: Page, requests: &mut Vec<Request>) {
        let (Some(from), Some(code)) = (self.page, self.code.clone()) else {
            return;
        };
        Self::ask(
            requests,
            Action::GoTo {
                from,
                to: page,
                code,
                systems: self.systems_text.clone(),
                lines: self.lines.clone(),
                system: self.system.clone(),
            },
        );
    }

    /// What a change asked for did; the page reads what it shows again.
    pub fn after(&mut self, store: &Store, action: &Action, done: Done) {
        if !matches!(action, Action::Tick { .. }) {
            self.draft_error = done.draft_not_kept.clone();
        }
        let said = || match (&done.refused, &done.said) {
            (Some(e), _) => Some(Notice::error(e.clone())),
            (None, Some(said)) => Some(Notice::info(said.clone())),
            (None, None) => None,
        };
        let read = match action {
            Action::Draft { .. } => Ok(()),
            Action::Contact { question, .. } => {
                match &done.refused {
                    Some(e) => self.contact_errors.insert(question.clone(), e.clone()),
                    None => self.contact_errors.remove(question),
                };
                Ok(())
            }
            Action::AddSystems { .. } => {
                self.notice = said();
                if done.refused.is_none() {
                    self.systems_text.clear();
                }
                store
                    .sources()
                    .map(|s| self.sources = s.into_iter().map(|s| s.name).collect())
            }
            Action::AddDatasets { sample, .. } => {
                self.notice = said();
                if done.refused.is_none() && !sample {
                    self.lines.clear();
                }
                self.refresh(store)
            }
            Action::Tick { id, prompt, on } => {
                if done.refused.is_some() {
                    self.notice = said();
                    return self.refresh(store).unwrap_or_else(|e| {
                        self.notice = Some(Notice::error(e.to_string()));
                    });
                }
                // Changed where it is, not read again: a department may list
                // 100,000 datasets, and the ticked row stays where it was.
                if let Some(row) = self.rows.iter_mut().find(|r| &r.id == id) {
                    row.prompts[*prompt] = *on;
                }
                self.ticked = None;
                Ok(())
            }
            Action::GoTo { .. } => {
                self.notice = said();
                match done.page {
                    Some(page) => self.load_page(store, page),
                    None => Ok(()),
                }
            }
        };
        if let Err(e) = read {
            self.notice = Some(Notice::error(e.to_string()));
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(page) = self.page else {
            ui.label("Opening Step 1…");
            return;
        };
        if self.code.is_none() {
            ui.label("Set up your department first (Department, in the list on the left).");
            return;
        }
        self.header_ui(ui, page);
        egui::Panel::bottom("step1-nav").show(ui, |ui| {
            self.nav_ui(ui, page, requests);
        });
        if let Page::Prompt(i) = page {
            egui::Panel::right("step1-ideas")
                .default_size(300.0)
                .show(ui, |ui| self.ideas_ui(ui, i, requests));
        }
        egui::ScrollArea::vertical()
            .id_salt("step1-page")
            .auto_shrink(false)
            .show(ui, |ui| match page {
                Page::Contact => self.contact_ui(ui, requests),
                Page::Systems => self.systems_ui(ui, requests),
                Page::Prompt(i) => self.prompt_ui(ui, i, requests),
                Page::Summary => self.summary_ui(ui, requests),
            });
    }

    fn header_ui(&self, ui: &mut Ui, page: Page) {
        ui.horizontal(|ui| {
            ui.heading("Step 1: Identify datasets");
            ui.label(RichText::new(page.position()).strong());
        });
        ui.add(
            egui::ProgressBar::new((page.index() + 1) as f32 / Page::COUNT as f32)
                .desired_width(360.0)
                .text(page.title()),
        );
        ui.separator();
    }

    fn nav_ui(&mut self, ui: &mut Ui, page: Page, requests: &mut Vec<Request>) {
        if let Some(e) = &self.draft_error {
            error_text(
                ui,
                &format!("{e} What you typed is not saved yet: it stays in its box."),
            );
        }
        notice_ui(ui, &self.notice);
        ui.horizontal(|ui| {
            if page != Page::Contact && ui.button("⬅ Back").clicked() {
                self.notice = None;
                self.go_to(page.previous(), requests);
            }
            if page != Page::Summary && ui.button("Next ➡").clicked() {
                self.notice = None;
                self.go_to(page.next(), requests);
            }
            if page != Page::Summary && ui.button("Go to the summary").clicked() {
                self.notice = None;
                self.go_to(Page::Summary, requests);
            }
            if page == Page::Summary
                && super::widgets::primary_button(ui, "Next: the checklist ➡")
                    .on_hover_text(
                        "Fill the data submission checklist of each dataset with its data steward.",
                    )
                    .clicked()
            {
                requests.push(Request::Go(super::Screen::Checklist));
            }
        });
    }

    fn contact_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        section_intro(ui, "contact");
        let Some(code) = self.code.clone() else {
            return;
        };
        for q in step1::contact_questions() {
            let Fills::Department(field) = q.fills else {
                continue;
            };
            ui.add_space(6.0);
            let label = ui.label(RichText::new(&q.text).strong());
            ui.label(RichText::new(&q.guidance).weak());
            let text = self.contact.entry(q.id.clone()).or_default();
            let hint = match field {
                DepartmentField::ContactEmail => "name@city.gov",
                DepartmentField::ContactName => "e.g. Ana Ruiz",
                DepartmentField::Approver => "e.g. Director Lee",
            };
            let edit = egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(360.0);
            if ui.add(edit).labelled_by(label.id).changed() {
                Self::ask(
                    requests,
                    Action::Contact {
                        code: code.clone(),
                        question: q.id.clone(),
                        field,
                        text: text.clone(),
                    },
                );
            }
            if let Some(e) = self.contact_errors.get(&q.id) {
                error_text(ui, e);
            }
        }
    }

    fn systems_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        section_intro(ui, "systems");
        ui.label(RichText::new("Questions that help:").strong());
        for helper in &Bank::step1().system_helpers {
            ui.label(format!("• {helper}"));
        }
        ui.add_space(8.0);
        if self.sources.is_empty() {
            ui.label("No systems listed yet.");
        } else {
            ui.label(format!("Listed already: {}", self.sources.join(", ")));
        }
        ui.add_space(6.0);
        let label = ui.label(RichText::new("New systems, one per line").strong());
        let edit = egui::TextEdit::multiline(&mut self.systems_text)
            .desired_rows(5)
            .desired_width(460.0)
            .hint_text("e.g. Permits database\nInspections app (vendor hosted)\nBudget spreadsheet on the shared drive");
        if ui.add(edit).labelled_by(label.id).changed() {
            self.keep_draft(requests, Page::Systems, "lines", &self.systems_text);
        }
        if ui.button("Add these systems").clicked() {
            self.add_systems(requests);
        }
        ui.label(
            RichText::new(
                "Owners, vendors and planned changes can be added on the Data Sources screen.",
            )
            .weak(),
        );
    }

    fn add_systems(&mut self, requests: &mut Vec<Request>) {
        if let Some(code) = self.code.clone() {
            let text = self.systems_text.clone();
            Self::ask(requests, Action::AddSystems { code, text });
        }
    }

    fn prompt_ui(&mut self, ui: &mut Ui, i: usize, requests: &mut Vec<Request>) {
        let prompts = step1::prompts();
        let Some(q) = prompts.get(i) else { return };
        ui.label(RichText::new(&Bank::step1().intro).italics());
        ui.add(egui::Label::new(RichText::new(&q.text).heading()).wrap());
        ui.label(RichText::new(&q.guidance).weak());
        ui.add_space(8.0);
        self.add_lines_ui(ui, i, requests);
        ui.add_space(8.0);
        self.listed_ui(ui, i, requests);
    }

    fn add_lines_ui(&mut self, ui: &mut Ui, i: usize, requests: &mut Vec<Request>) {
        let page = Page::Prompt(i);
        let label = ui.label(RichText::new("New datasets, one per line").strong());
        let edit = egui::TextEdit::multiline(&mut self.lines)
            .desired_rows(4)
            .desired_width(460.0)
            .hint_text("e.g. Building permits issued\nRestaurant inspections");
        if ui.add(edit).labelled_by(label.id).changed() {
            self.keep_draft(requests, page, "lines", &self.lines);
        }
        ui.horizontal(|ui| {
            let label = ui.label("Kept in (optional):");
            let shown = if self.system.is_empty() {
                "(no system)".to_string()
            } else {
                self.system.clone()
            };
            let before = self.system.clone();
            egui::ComboBox::from_id_salt("step1-system")
                .selected_text(shown)
                .width(240.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.system, String::new(), "(no system)");
                    for s in &self.sources {
                        ui.selectable_value(&mut self.system, s.clone(), s);
                    }
                })
                .response
                .labelled_by(label.id);
            if self.system != before {
                self.keep_draft(requests, page, "system", &self.system);
            }
        });
        let count = step1::lines(&self.lines).len();
        let add = ui.add_enabled(
            count > 0,
            egui::Button::new(format!(
                "Add {count} dataset{} to this prompt",
                if count == 1 { "" } else { "s" }
            )),
        );
        if add.clicked() {
            self.add_lines(i, self.lines.clone(), false, requests);
        }
    }

    /// Adds lines to prompt `i`: the box's lines, or a sample dataset clicked.
    fn add_lines(&mut self, i: usize, text: String, sample: bool, requests: &mut Vec<Request>) {
        if let Some(code) = self.code.clone() {
            let system = self.system.clone();
            Self::ask(
                requests,
                Action::AddDatasets {
                    code,
                    prompt: i,
                    text,
                    system,
                    sample,
                },
            );
        }
    }

    fn listed_ui(&mut self, ui: &mut Ui, i: usize, requests: &mut Vec<Request>) {
        let ticked = *self
            .ticked
            .get_or_insert_with(|| self.rows.iter().filter(|r| r.prompts[i]).count());
        ui.label(
            RichText::new(format!(
                "Datasets already listed: tick the ones this prompt fits ({ticked} of {} ticked)",
                self.rows.len()
            ))
            .strong(),
        );
        if self.rows.is_empty() {
            ui.label("None yet: add them above, a line each.");
            return;
        }
        self.filter_ui(ui);
        // Filtered once per change of the filter, not every frame: a city
        // department may list 100,000 datasets.
        if self.shown.as_ref().is_none_or(|(f, _)| *f != self.filter) {
            let matching = self.filter.matching(&self.rows, i);
            self.shown = Some((self.filter.clone(), matching));
        }
        let (key, shown) = self.shown.take().unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("Showing {} of {}.", shown.len(), self.rows.len())).weak(),
            );
            if shown.is_empty() && ui.button("Show every dataset").clicked() {
                self.filter = Listed::default();
            }
        });
        let row_height = ui.spacing().interact_size.y + 2.0;
        let mut toggled = None;
        egui::ScrollArea::vertical()
            .id_salt("step1-listed")
            .auto_shrink([false, true])
            .max_height(320.0)
            .show_rows(ui, row_height, shown.len(), |ui, range| {
                for k in &shown[range] {
                    let row = &self.rows[*k];
                    let mut on = row.prompts[i];
                    ui.horizontal(|ui| {
                        if ui.checkbox(&mut on, &row.name).changed() {
                            toggled = Some((*k, on));
                        }
                        ui.label(RichText::new(format!("{}  {}", row.id, row.system)).weak());
                    });
                }
            });
        self.shown = Some((key, shown));
        if let Some((k, on)) = toggled {
            let id = self.rows[k].id.clone();
            Self::ask(requests, Action::Tick { id, prompt: i, on });
        }
    }

    /// Which datasets to show: those in no other prompt yet, one system's,
    /// and the words of their names.
    fn filter_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Show:");
            egui::ComboBox::from_id_salt("step1-show")
                .selected_text(self.filter.show.label())
                .show_ui(ui, |ui| {
                    for show in Show::ALL {
                        ui.selectable_value(&mut self.filter.show, show, show.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("System:");
            let shown = match &self.filter.system {
                None => "Any system",
                Some(s) if s.is_empty() => "(no system)",
                Some(s) => s.as_str(),
            };
            egui::ComboBox::from_id_salt("step1-filter-system")
                .selected_text(shown.to_string())
                .width(200.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.system, None, "Any system");
                    ui.selectable_value(
                        &mut self.filter.system,
                        Some(String::new()),
                        "(no system)",
                    );
                    for s in &self.sources {
                        ui.selectable_value(&mut self.filter.system, Some(s.clone()), s);
                    }
                })
                .response
                .labelled_by(label.id);
            labelled(
                ui,
                "Find:",
                egui::TextEdit::singleline(&mut self.filter.words)
                    .hint_text("words of a name")
                    .desired_width(200.0),
            );
        });
    }

    /// Brainstorm help: sample datasets that a click adds, the department's
    /// systems, and the six ways to brainstorm.
    fn ideas_ui(&mut self, ui: &mut Ui, i: usize, requests: &mut Vec<Request>) {
        ui.heading("Ideas");
        egui::ScrollArea::vertical()
            .id_salt("step1-ideas")
            .auto_shrink(false)
            .show(ui, |ui| {
                // The guide only says to compare with sample datasets by category; this
                // list and the ways to brainstorm are the app's own, and say so.
                ui.label(RichText::new("Datasets many city departments keep (the app's suggestions, by category): click one you keep to add it to this prompt.").weak());
                let mut picked = None;
                for (category, names) in SAMPLE_DATASETS {
                    egui::CollapsingHeader::new(category.label())
                        .id_salt(("samples", category.label()))
                        .show(ui, |ui| {
                            for name in *names {
                                let listed = self.rows.iter().any(|r| r.name.eq_ignore_ascii_case(name) && r.prompts[i]);
                                let text = if listed { format!("✔ {name}") } else { format!("+ {name}") };
                                if ui.add_enabled(!listed, egui::Button::new(text).frame(false)).clicked() {
                                    picked = Some(name.to_string());
                                }
                            }
                        });
                }
                if let Some(name) = picked {
                    self.add_lines(i, name, true, requests);
                }
                ui.add_space(8.0);
                ui.label(RichText::new("Your systems").strong());
                if self.sources.is_empty() {
                    ui.label(RichText::new("None listed yet (page 2).").weak());
                }
                                let counts = self.system_counts.get_or_insert_with(|| {
                    let mut counts = HashMap::new();
                    for r in &self.rows {
                        *counts.entry(r.system.clone()).or_insert(0usize) += 1;
                    }
                    counts
                });
                let counts = counts.clone();
                for s in self.sources.clone() {
                    let count = counts.get(&s).copied().unwrap_or(0);
                    if ui
                        .button(format!("{s} ({count})"))
                        .on_hover_text("What else does this system hold? New lines will be kept in it.")
                        .clicked()
                    {
                        self.system = s.clone();
                        self.keep_draft(requests, Page::Prompt(i), "system", &s);
                    }
                }
                ui.add_space(8.0);
                ui.label(RichText::new("Six ways to brainstorm (the app's tips)").strong());
                for way in &Bank::step1().brainstorm {
                    egui::CollapsingHeader::new(&way.title)
                        .id_salt(("way", &way.title))
                        .show(ui, |ui| {
                            ui.add(egui::Label::new(&way.text).wrap());
                        });
                }
            });
    }

    fn summary_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let s = self.summary.clone();
        ui.heading(format!("{} datasets listed", s.datasets));
        if s.datasets == 0 {
            ui.label("Go back to the prompts to list your datasets.");
        }
        if !s.by_system.is_empty() || s.without_system > 0 {
            ui.label(RichText::new("By system").strong());
            egui::Grid::new("step1-by-system")
                .striped(true)
                .show(ui, |ui| {
                    for (system, n) in &s.by_system {
                        ui.label(system);
                        ui.label(n.to_string());
                        ui.end_row();
                    }
                    if s.without_system > 0 {
                        ui.label(RichText::new("(no system given)").italics());
                        ui.label(s.without_system.to_string());
                        ui.end_row();
                    }
                });
        }
        if !s.systems_without_datasets.is_empty() {
            ui.label(format!(
                "Systems with no dataset yet: {}",
                s.systems_without_datasets.join(", ")
            ));
        }
        ui.add_space(8.0);
        ui.label(RichText::new("The prompts").strong());
        let prompts = step1::prompts();
        let mut go = None;
        // One prompt under another, its question across the page: a grid
        // column squeezed each question to a few letters wide.
        for (i, q) in prompts.iter().enumerate() {
            let n = s.per_prompt[i];
            ui.horizontal(|ui| {
                if ui.link(format!("Prompt {}", i + 1)).clicked() {
                    go = Some(Page::Prompt(i));
                }
                if n == 0 {
                    ui.label(RichText::new("still empty").color(ui.visuals().warn_fg_color));
                } else {
                    ui.label(format!("{n} datasets"));
                }
            });
            ui.add(egui::Label::new(RichText::new(&q.text).weak()).wrap());
            ui.add_space(4.0);
        }
        let empty = s.empty_prompts();
        if empty.is_empty() {
            ui.label("Every prompt has at least one dataset.");
        } else {
            let names: Vec<String> = empty.iter().map(|i| (i + 1).to_string()).collect();
            ui.label(format!("Still empty: prompt {}.", names.join(", ")));
        }
        if s.answering_none > 0 {
            ui.label(format!(
                "{} datasets answer no prompt yet.",
                s.answering_none
            ));
        }
        if let Some(page) = go {
            self.go_to(page, requests);
        }
    }
}

fn section_intro(ui: &mut Ui, id: &str) {
    if let Some(section) = Bank::step1().section(id) {
        ui.add(egui::Label::new(RichText::new(&section.guidance)).wrap());
        ui.add_space(6.0);
    }
}

/// What a prompt page shows of the datasets already listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Show {
    #[default]
    All,
    /// In no prompt but (perhaps) this one: the ones still to place.
    NotElsewhere,
    Ticked,
}

impl Show {
    const ALL: [Show; 3] = [Show::NotElsewhere, Show::Ticked, Show::All];

    fn label(self) -> &'static str {
        match self {
            Show::All => "Every dataset",
            Show::NotElsewhere => "Not yet in any other prompt",
            Show::Ticked => "Ticked for this prompt",
        }
    }
}

/// The filter of a prompt page's list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Listed {
    show: Show,
    /// One system's datasets; `Some("")` those with none.
    system: Option<String>,
    /// Words of the name, in any order.
    words: String,
}

impl Listed {
    /// A long list opens on the datasets still to place, not on all of them.
    fn first_for(count: usize) -> Listed {
        Listed {
            show: if count > 200 {
                Show::NotElsewhere
            } else {
                Show::All
            },
            ..Listed::default()
        }
    }

    /// The rows that match, by their index, for prompt `i`.
    fn matching(&self, rows: &[PromptRow], i: usize) -> Vec<usize> {
        let words: Vec<String> = self
            .words
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        (0..rows.len())
            .filter(|k| {
                let r = &rows[*k];
                let show = match self.show {
                    Show::All => true,
                    Show::Ticked => r.prompts[i],
                    Show::NotElsewhere => (0..8).all(|j| j == i || !r.prompts[j]),
                };
                let system = self.system.as_ref().is_none_or(|s| &r.system == s);
                show && system && {
                    let name = r.name.to_lowercase();
                    words.iter().all(|w| name.contains(w.as_str()))
                }
            })
            .collect()
    }
}
