//! The Engagement screen: Tactical Data Engagement projects, each carried
//! through Find, Refine, Design and Implement with the guide's words beside
//! every step. Every edit is saved at once.

use egui::{RichText, Ui};

use super::inventory_table::Row;
use super::notice::{Notice, notice_ui};
use super::requests::{Request, Write};
use super::widgets::labelled;
use crate::engagement::StepId;
use crate::engagement::guide::{Guide, Step};
use crate::engagement::project::{Project, Stage, UseCase, UsedTactic};
use crate::store::{Result, Store};

#[derive(Default)]
pub struct EngagementScreen {
    projects: Option<Vec<Project>>,
    open: Option<Project>,
    /// The step page shown for the open project.
    step: Option<StepId>,
    new_focus: String,
    find: String,
    notice: Option<Notice>,
}

impl EngagementScreen {
    /// Reopens the project and step the coordinator was on.
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.projects = None;
        let project = store.setting("engagement.project")?.unwrap_or_default();
        let step = store.setting("engagement.step")?.unwrap_or_default();
        self.open = match project.parse() {
            Ok(id) => store.project(id)?,
            Err(_) => None,
        };
        self.step = StepId::ALL
            .into_iter()
            .find(|s| s.label() == step)
            .or(Some(StepId::Find));
        Ok(())
    }

    /// Where the coordinator is, to remember for the next time.
    fn remember(&self) -> [Request; 2] {
        let id = self
            .open
            .as_ref()
            .and_then(|p| p.id)
            .map(|id| id.to_string());
        let step = self.step.map(|s| s.label()).unwrap_or("Find");
        [
            Request::Remember {
                key: "engagement.project",
                value: id.unwrap_or_default(),
            },
            Request::Remember {
                key: "engagement.step",
                value: step.to_string(),
            },
        ]
    }

    /// A project was saved, or refused with a reason; a new one opens. Returns
    /// what to remember.
    pub fn saved(&mut self, store: &Store, project: &Project, result: Result<i64>) -> Vec<Request> {
        let id = match result {
            Ok(id) => id,
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                return Vec::new();
            }
        };
        self.projects = None;
        self.notice = None;
        if project.id.is_some() {
            return Vec::new();
        }
        self.new_focus.clear();
        match store.project(id) {
            Ok(open) => self.open = open,
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
        self.step = Some(StepId::Find);
        self.remember().into()
    }

    /// The open project (tests).
    pub fn project(&self) -> Option<&Project> {
        self.open.as_ref()
    }

    pub fn ui(&mut self, ui: &mut Ui, store: &Store, rows: &[Row], requests: &mut Vec<Request>) {
        ui.heading("Engagement");
        notice_ui(ui, &self.notice);
        if self.open.is_some() {
            self.project_ui(ui, rows, requests);
        } else {
            self.list_ui(ui, store, requests);
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, store: &Store, requests: &mut Vec<Request>) {
        ui.label("After the inventory, help residents use the data: pick a focus area and carry it through the guide's four steps, Find, Refine, Design and Implement.");
        ui.horizontal(|ui| {
            labelled(
                ui,
                "Focus area",
                egui::TextEdit::singleline(&mut self.new_focus)
                    .hint_text("e.g. Vacant lots in the East district")
                    .desired_width(320.0),
            );
            if ui.button("Start a project").clicked() {
                let p = Project::new(&self.new_focus, crate::store::now().date());
                requests.push(Write::SaveProject(p).into());
            }
        });
        if self.projects.is_none() {
            match store.projects() {
                Ok(projects) => self.projects = Some(projects),
                Err(e) => self.notice = Some(Notice::error(e.to_string())),
            }
        }
        let projects = self.projects.as_deref().unwrap_or_default();
        let mut picked = None;
        for p in projects.iter() {
            ui.horizontal(|ui| {
                if ui.button(&p.focus_area).clicked() {
                    picked = p.id;
                }
                ui.label(
                    RichText::new(format!("{} · started {}", p.stage.label(), p.started)).weak(),
                );
            });
        }
        if let Some(id) = picked {
            match store.project(id) {
                Ok(open) => self.open = open,
                Err(e) => self.notice = Some(Notice::error(e.to_string())),
            }
            self.step = self.open.as_ref().map(|p| match p.stage {
                Stage::Step(s) => s,
                Stage::Done => StepId::Implement,
            });
            requests.extend(self.remember());
        }
    }

    fn project_ui(&mut self, ui: &mut Ui, rows: &[Row], requests: &mut Vec<Request>) {
        let Some(mut p) = self.open.clone() else {
            return;
        };
        let before = p.clone();
        let mut close = false;
        ui.horizontal(|ui| {
            close = ui.button("⬅ All projects").clicked();
            ui.heading(&p.focus_area);
            ui.label(RichText::new(format!("Stage: {}", p.stage.label())).strong());
            if p.stage != Stage::Done {
                let next = p.stage.next();
                let text = match next {
                    Stage::Done => "Mark done".to_string(),
                    other => format!("Move to {}", other.label()),
                };
                if ui.button(text).clicked() {
                    p.advance(crate::store::now().date());
                    if let Stage::Step(s) = next {
                        self.step = Some(s);
                    }
                }
            }
            if ui.button("Export as a document…").clicked() {
                requests.push(Request::ExportProject(p.clone()));
            }
        });
        ui.label(RichText::new(p.timeline()).weak());
        ui.horizontal(|ui| {
            for s in StepId::ALL {
                let text = format!("{}. {}", s.number(), s.label());
                if ui.selectable_label(self.step == Some(s), text).clicked() {
                    self.step = Some(s);
                }
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("engagement-step")
            .auto_shrink(false)
            .show(ui, |ui| {
                let step = self.step.unwrap_or(StepId::Find);
                let guide_step = Guide::get().step(step);
                step_header(ui, guide_step);
                tactics_ui(ui, &mut p, guide_step);
                match step {
                    StepId::Find => find_ui(ui, &mut p, guide_step),
                    StepId::Refine => refine_ui(ui, &mut p),
                    StepId::Design => design_ui(ui, &mut p),
                    StepId::Implement => implement_ui(ui, &mut p),
                }
                ui.add_space(8.0);
                datasets_ui(ui, &mut p, rows, &mut self.find);
                ui.add_space(8.0);
                text_box(ui, "Collaborators", &mut p.collaborators, 2);
                text_box(ui, "Notes", &mut p.notes, 3);
            });
        let step_before = self.step;
        if p != before {
            requests.push(Write::SaveProject(p.clone()).into());
        }
        self.open = Some(p);
        if close {
            self.open = None;
            self.projects = None;
        }
        if close || step_before != self.step || p_changed_step(&before, self.open.as_ref()) {
            requests.extend(self.remember());
        }
    }
}

/// Whether the project's stage moved (so the step shown changes with it).
fn p_changed_step(before: &Project, now: Option<&Project>) -> bool {
    now.is_some_and(|p| p.stage != before.stage)
}

fn step_header(ui: &mut Ui, step: &Step) {
    ui.heading(format!("Step {}: {}", step.id.number(), step.title));
    egui::Grid::new("tde-step").num_columns(2).show(ui, |ui| {
        for (k, v) in [
            ("The action", &step.action),
            ("The engagement", &step.engagement),
            ("The collaborators", &step.collaborators),
            ("The result", &step.result),
        ] {
            ui.label(RichText::new(k).strong());
            ui.add(egui::Label::new(v.as_str()).wrap());
            ui.end_row();
        }
    });
    egui::CollapsingHeader::new("What the guide says")
        .id_salt(("guide", step.id.label()))
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(&step.guidance).weak()).wrap());
        });
    ui.add_space(6.0);
}

/// The step's tactics as choices, each with what came of it.
fn tactics_ui(ui: &mut Ui, p: &mut Project, step: &Step) {
    ui.label(RichText::new(&step.tactics_title).strong());
    for t in &step.tactics {
        let mut on = p.tactics.contains_key(&t.id);
        if ui
            .checkbox(&mut on, &t.name)
            .on_hover_text(&t.description)
            .changed()
        {
            if on {
                p.tactics.insert(t.id.clone(), UsedTactic::default());
            } else {
                p.tactics.remove(&t.id);
            }
        }
        ui.indent(("tactic", &t.id), |ui| {
            ui.add(egui::Label::new(RichText::new(&t.description).weak()).wrap());
            if let Some(used) = p.tactics.get_mut(&t.id) {
                text_box(
                    ui,
                    &format!("What came of \"{}\"", t.name),
                    &mut used.outcome,
                    2,
                );
            }
        });
    }
}

/// Find: the criteria checklists, ticked to see which tactic fits.
fn find_ui(ui: &mut Ui, p: &mut Project, step: &Step) {
    ui.add_space(6.0);
    ui.label(RichText::new("Which tactic fits? Tick what is true of your city").strong());
    for t in step.tactics.iter().filter(|t| !t.criteria.is_empty()) {
        let (yes, all) = p.fit(t);
        egui::CollapsingHeader::new(format!("{}: {yes} of {all}", t.name))
            .id_salt(("criteria", &t.id))
            .show(ui, |ui| {
                for (i, c) in t.criteria.iter().enumerate() {
                    let ticked = p.criteria.entry(t.id.clone()).or_default();
                    let mut on = ticked.contains(&i);
                    if ui.checkbox(&mut on, c).changed() {
                        if on {
                            ticked.push(i);
                        } else {
                            ticked.retain(|x| *x != i);
                        }
                    }
                }
            });
    }
    p.criteria.retain(|_, v| !v.is_empty());
}

/// Refine: use cases with personas and user stories, and the worksheet.
fn refine_ui(ui: &mut Ui, p: &mut Project) {
    ui.add_space(6.0);
    ui.label(RichText::new("Use cases").strong());
    let mut remove = None;
    for (i, uc) in p.use_cases.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            text_line(ui, &format!("Use case {}", i + 1), &mut uc.title);
            text_box(
                ui,
                &format!("Persona of use case {}", i + 1),
                &mut uc.persona,
                2,
            );
            text_box(
                ui,
                &format!("User story of use case {}", i + 1),
                &mut uc.story,
                2,
            );
            if ui.small_button("Remove this use case").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        p.use_cases.remove(i);
        if p.chosen == Some(i) {
            p.chosen = None;
        }
    }
    if ui.button("Add a use case").clicked() {
        p.use_cases.push(UseCase::default());
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Worksheet: refining an opportunity").strong());
    ui.add(egui::Label::new(RichText::new(&Guide::get().worksheet_intro).weak()).wrap());
    for part in &Guide::get().worksheet {
        egui::CollapsingHeader::new(format!("{}. {}", part.number, part.title))
            .id_salt(("worksheet", &part.id))
            .show(ui, |ui| {
                for (i, q) in part.questions.iter().enumerate() {
                    let mut text = p.answer(&part.id, i).to_string();
                    if text_box(ui, q, &mut text, 2) {
                        p.set_answer(&part.id, i, &text);
                    }
                }
            });
    }
    outline_ui(ui, p);
}

/// The worksheet's closing "Finding and Refining outline" (its boxes filled
/// by the answers above) and the pitch, written from the guide's template.
fn outline_ui(ui: &mut Ui, p: &mut Project) {
    ui.add_space(6.0);
    ui.label(RichText::new("Finding and Refining outline").strong());
    egui::Grid::new("outline").num_columns(2).show(ui, |ui| {
        for (title, text) in p.outline() {
            ui.label(RichText::new(title).strong());
            if text.is_empty() {
                ui.label(
                    RichText::new("Not answered yet: its part of the worksheet above fills it")
                        .weak(),
                );
            } else {
                ui.add(egui::Label::new(text).wrap());
            }
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new("My Tactical Data Engagement pitch").strong());
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "The guide's template: {}",
                Guide::get().worksheet_pitch
            ))
            .weak(),
        )
        .wrap(),
    );
    if p.pitch.trim().is_empty()
        && ui
            .button("Start from the template")
            .on_hover_text(
                "Copies the template with your focus area; replace the other [WORDS IN BRACKETS]",
            )
            .clicked()
    {
        p.pitch = p.pitch_draft();
    }
    text_box(ui, "Your pitch", &mut p.pitch, 4);
}

/// Design: one use case, the plan, and the feedback gathered on it.
fn design_ui(ui: &mut Ui, p: &mut Project) {
    ui.add_space(6.0);
    ui.label(RichText::new("The use case to support").strong());
    if p.use_cases.is_empty() {
        ui.label("Add use cases in step 2, Refine, then choose one here.");
    }
    for (i, uc) in p.use_cases.iter().enumerate() {
        let title = if uc.title.is_empty() {
            format!("Use case {}", i + 1)
        } else {
            uc.title.clone()
        };
        if ui.radio(p.chosen == Some(i), title).clicked() {
            p.chosen = Some(i);
        }
    }
    text_box(ui, "The plan for the intervention", &mut p.plan, 4);
    text_box(ui, "Feedback gathered on the plan", &mut p.feedback, 3);
}

/// Implement: the intervention, its users, the feedback channel, the outcome.
fn implement_ui(ui: &mut Ui, p: &mut Project) {
    ui.add_space(6.0);
    text_box(ui, "The intervention", &mut p.intervention, 3);
    text_box(ui, "Its users", &mut p.users, 2);
    text_box(ui, "The feedback channel", &mut p.feedback_channel, 2);
    text_box(ui, "The outcome", &mut p.outcome, 3);
}

/// The data supply: datasets of the inventory the project uses, and ideas
/// from the datasets people ask for most.
fn datasets_ui(ui: &mut Ui, p: &mut Project, rows: &[Row], find: &mut String) {
    ui.label(RichText::new("Data supply: datasets of the inventory it uses").strong());
    let mut unlink = None;
    for id in &p.datasets {
        ui.horizontal(|ui| {
            let name = rows
                .iter()
                .find(|r| &r.id == id)
                .map_or(String::new(), |r| r.name.clone());
            ui.label(format!("{name} ({id})"));
            if ui.small_button(format!("Remove {name}")).clicked() {
                unlink = Some(id.clone());
            }
        });
    }
    if let Some(id) = unlink {
        p.datasets.retain(|d| d != &id);
    }
    ui.horizontal(|ui| {
        labelled(
            ui,
            "Find a dataset to add",
            egui::TextEdit::singleline(find)
                .hint_text("part of a name")
                .desired_width(260.0),
        );
    });
    let wanted = find.trim().to_lowercase();
    // "Frequently requested" is the third Step 1 prompt, and Records Requests
    // says how often people ask: requests hint at need.
    let requested = |r: &Row| r.prompts & (1 << 2) != 0 || r.requested_often;
    let candidates: Vec<&Row> = rows
        .iter()
        .filter(|r| !p.datasets.contains(&r.id))
        .filter(|r| {
            if wanted.is_empty() {
                requested(r)
            } else {
                r.name.to_lowercase().contains(&wanted)
            }
        })
        .take(8)
        .collect();
    if wanted.is_empty() && !candidates.is_empty() {
        ui.label(
            RichText::new("Datasets people ask for often (Step 1 prompt 3, Records Requests), a good place to start:")
                .weak(),
        );
    }
    for r in candidates {
        if ui.button(format!("+ {}", r.name)).clicked() {
            p.datasets.push(r.id.clone());
            find.clear();
        }
    }
}

/// A labelled multi-line box; true when changed.
fn text_box(ui: &mut Ui, label: &str, text: &mut String, rows: usize) -> bool {
    labelled(
        ui,
        label,
        egui::TextEdit::multiline(text)
            .desired_rows(rows)
            .desired_width(560.0),
    )
    .changed()
}

fn text_line(ui: &mut Ui, label: &str, text: &mut String) -> bool {
    labelled(
        ui,
        label,
        egui::TextEdit::singleline(text).desired_width(400.0),
    )
    .changed()
}
