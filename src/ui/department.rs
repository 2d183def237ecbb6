//! The Department screen: the department's name and code, divisions, the
//! coordinators, the leader who approves releases, and the date the inventory
//! starts; and the city's lists of categories and licenses (`lists_editor`).
//! On first run the same form sets the department up.

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use super::widgets::{date_control, error_text, labelled, labelled_text};
use crate::desk::Desk;
use crate::model::department::code_for_name;
use crate::model::{Coordinator, Department, DepartmentCode};
use crate::store::Store;

/// The parts of the form a problem can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Name,
    Code,
    StartDate,
    /// The coordinator on this line, from 0.
    Coordinator(usize),
    /// The whole department (the inventory refused to save it).
    Saving,
}

type Problems = std::collections::HashMap<Part, String>;

/// The form, as typed; saved when valid.
#[derive(Default)]
pub struct DepartmentForm {
    /// The code of the department being edited; `None` when setting one up.
    editing: Option<DepartmentCode>,
    name: String,
    code: String,
    divisions: String,
    coordinators: Vec<(String, String)>,
    approver: String,
    start_date: String,
    /// What is wrong, at the part of the form it is about; each goes as
    /// soon as it is fixed.
    problems: Problems,
    /// At setup: the person asked to save (problems show from then on).
    tried: bool,
    saved_note: Option<String>,
    /// Every department of the inventory, for the list of the others.
    all: Option<Vec<Department>>,
    /// The categories and licenses of the city's portal.
    pub lists: super::lists_editor::ListsEditor,
    /// At setup: whose desk the new inventory is (fixed once saved).
    desk: Desk,
}

impl DepartmentForm {
    /// A blank form to set up a new department.
    pub fn new_department() -> Self {
        DepartmentForm {
            coordinators: vec![(String::new(), String::new())],
            ..Default::default()
        }
    }

    /// The form filled from a saved department.
    pub fn edit(d: &Department) -> Self {
        DepartmentForm {
            editing: Some(d.code.clone()),
            name: d.name.clone(),
            code: d.code.to_string(),
            divisions: d.divisions.join("\n"),
            coordinators: d
                .coordinators
                .iter()
                .map(|c| (c.name.clone(), c.email.clone()))
                .collect(),
            approver: d.approver.clone(),
            start_date: d.start_date.map(|d| d.to_string()).unwrap_or_default(),
            problems: Problems::new(),
            tried: false,
            saved_note: None,
            all: None,
            lists: Default::default(),
            desk: Desk::default(),
        }
    }

    /// Reads the departments again on the next frame (after an import).
    pub fn refresh(&mut self) {
        self.all = None;
        self.lists.refresh();
    }

    pub fn is_new(&self) -> bool {
        self.editing.is_none()
    }

    /// The department the form describes, or what is wrong with it, each
    /// problem at the part of the form it is about.
    fn to_department(&self) -> Result<Department, Problems> {
        let mut problems = Problems::new();
        if self.name.trim().is_empty() {
            problems.insert(Part::Name, "Give the department a name.".into());
        }
        let code: Option<DepartmentCode> = match self.code.trim() {
            "" => {
                problems.insert(
                    Part::Code,
                    "Give the department a three-letter code, like PRK.".into(),
                );
                None
            }
            typed => match typed.parse() {
                Ok(c) => Some(c),
                Err(_) => {
                    problems.insert(Part::Code, format!("\"{typed}\" is not a three-letter code: use three letters, like PRK or DOT."));
                    None
                }
            },
        };
        let start_date = match self.start_date.trim() {
            "" => None,
            t => match crate::model::dates::parse_date(t) {
                Some(d) => Some(d),
                None if crate::model::dates::is_out_of_range(t) => {
                    problems.insert(Part::StartDate, "That day is too far in the past or the future: give a date from 1900-01-01 to 9999-12-31.".into());
                    None
                }
                None => {
                    problems.insert(Part::StartDate, "This is not a date: write it like 2026-09-01, or use Today or the calendar.".into());
                    None
                }
            },
        };
        let mut department = Department::new(
            code.unwrap_or_else(|| "XXX".parse().expect("valid")),
            &self.name,
        );
        department.divisions = self
            .divisions
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        for (i, (name, email)) in self.coordinators.iter().enumerate() {
            if name.trim().is_empty() && email.trim().is_empty() {
                continue;
            }
            if crate::model::dataset::parse_email(email).is_err() {
                problems.insert(Part::Coordinator(i), format!("\"{}\" is not an email address: write it like name@city.gov, or leave it empty.", email.trim()));
            }
            department.coordinators.push(Coordinator {
                name: name.trim().into(),
                email: email.trim().into(),
            });
        }
        department.approver = self.approver.trim().into();
        department.start_date = start_date;
        // The model's own rules, for anything the parts above did not catch.
        if problems.is_empty()
            && let Some(p) = department.problems().into_iter().next()
        {
            problems.insert(Part::Saving, p);
        }
        if problems.is_empty() {
            Ok(department)
        } else {
            Err(problems)
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, store: &Store, requests: &mut Vec<Request>) {
        if self.is_new() {
            self.desk_ui(ui);
        } else {
            ui.heading("Department");
            ui.label("Changes are saved as you type.");
        }
        ui.add_space(8.0);
        let mut changed = false;
        let problems = self.problems.clone();
        let at = |ui: &mut Ui, part: Part| {
            if let Some(p) = problems.get(&part) {
                error_text(ui, p);
            }
        };
        egui::Grid::new("department-form").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
            let label = ui.label("Department name");
            ui.vertical(|ui| {
                let edit = egui::TextEdit::singleline(&mut self.name).hint_text("for example Parks and Recreation").desired_width(320.0);
                let name = ui.add(edit).labelled_by(label.id);
                if name.changed() && self.is_new() {
                    match store.departments() {
                        Ok(all) => {
                            let taken: Vec<DepartmentCode> = all.into_iter().map(|d| d.code).collect();
                            self.code = code_for_name(&self.name, &taken).to_string();
                        }
                        Err(e) => {
                            self.problems.insert(Part::Saving, e.to_string());
                        }
                    }
                }
                changed |= name.changed();
                at(ui, Part::Name);
            });
            ui.end_row();
            if self.is_new() {
                let label = ui.label("Three-letter code");
                ui.vertical(|ui| {
                    let edit = egui::TextEdit::singleline(&mut self.code).hint_text("filled in from the name").desired_width(320.0);
                    changed |= ui.add(edit).labelled_by(label.id).on_hover_text("Starts every Inventory ID, like PRK-0001.").changed();
                    at(ui, Part::Code);
                });
            } else {
                ui.label("Three-letter code");
                ui.label(RichText::new(&self.code).strong()).on_hover_text("Inventory IDs never change, so neither does the code.");
            }
            ui.end_row();
            changed |= labelled(ui, "Divisions (one per line)", egui::TextEdit::multiline(&mut self.divisions).desired_rows(3)).changed();
            ui.end_row();
            changed |= labelled_text(ui, "Leadership approver", &mut self.approver, "the leader who approves releases")
                .on_hover_text("The leader who approves each dataset's release.")
                .changed();
            ui.end_row();
            let label = ui.label("Inventory start date").on_hover_text("The three steps (systems, datasets, attributes) are due one month apart from this date.");
            ui.vertical(|ui| {
                changed |= date_control(ui, "Inventory start date", &mut self.start_date, label.id);
                at(ui, Part::StartDate);
            });
            ui.end_row();
        });
        ui.add_space(8.0);
        ui.strong("Open data coordinators");
        let mut remove = None;
        for (i, (name, email)) in self.coordinators.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let l = ui.label(format!("Coordinator {} name", i + 1));
                let edit = egui::TextEdit::singleline(name).hint_text("First and last name");
                changed |= ui
                    .add_sized([200.0, 22.0], edit)
                    .labelled_by(l.id)
                    .changed();
                let l = ui.label("email");
                let edit = egui::TextEdit::singleline(email).hint_text("name@city.gov");
                changed |= ui
                    .add_sized([240.0, 22.0], edit)
                    .labelled_by(l.id)
                    .changed();
                if ui.small_button("Remove").clicked() {
                    remove = Some(i);
                }
            });
            at(ui, Part::Coordinator(i));
        }
        if let Some(i) = remove {
            self.coordinators.remove(i);
            changed = true;
        }
        if ui.button("Add a coordinator").clicked() {
            self.coordinators.push((String::new(), String::new()));
        }
        ui.add_space(8.0);
        at(ui, Part::Saving);
        if self.is_new() {
            if super::widgets::primary_button(ui, "Save and start")
                .on_hover_text("Saves the department and shows the steps of the inventory.")
                .clicked()
            {
                self.tried = true;
                self.save(requests);
            } else if changed && self.tried {
                // Once asked to save, each problem goes as soon as it is fixed.
                self.problems = self.to_department().err().unwrap_or_default();
            }
        } else if changed {
            self.save(requests);
        }
        if let Some(note) = &self.saved_note {
            ui.label(RichText::new(note).weak());
        }
        self.others_ui(ui, store);
        if !self.is_new() {
            self.lists.ui(ui, store, requests);
        }
    }

    /// At setup: who works at this inventory, which decides who may record
    /// the CDO's decisions. Fixed once the inventory holds datasets.
    fn desk_ui(&mut self, ui: &mut Ui) {
        ui.heading("Who works at this inventory?");
        ui.horizontal_wrapped(|ui| {
            for desk in Desk::ALL {
                ui.radio_value(&mut self.desk, desk, desk.label());
            }
        });
        ui.label(RichText::new(match self.desk {
            Desk::Department => "You list your department's datasets, fill the checklists and send the workbook to the CDO. The CDO's decisions come back in the workbook the CDO returns.",
            Desk::CdoOffice => "You bring in every department's workbook, decide on each submitted dataset, publish, and return a workbook to each department.",
        }).weak());
        ui.add_space(8.0);
        match self.desk {
            Desk::Department => {
                ui.heading("Set up your department");
                ui.label("Tell us about the department whose data you are listing. You can change all of this later.");
            }
            Desk::CdoOffice => {
                ui.heading("Set up the CDO's office");
                ui.label("Name the office (for example Office of the Chief Data Officer) and who works in it; departments are added when their workbooks are imported.");
            }
        }
    }

    /// Asks for the department to be saved, once the form is valid; at
    /// setup, the desk is chosen first.
    fn save(&mut self, requests: &mut Vec<Request>) {
        match self.to_department() {
            Ok(department) => {
                self.problems.clear();
                if self.is_new() {
                    requests.push(Write::ChooseDesk(self.desk).into());
                }
                requests.push(Write::SaveDepartment(department).into())
            }
            Err(problems) => {
                self.problems = problems;
                self.saved_note = None;
            }
        }
    }

    /// The department was saved, or refused with a reason.
    pub fn saved(&mut self, department: Department, result: crate::store::Result<()>) {
        match result {
            Ok(()) => {
                self.problems.clear();
                self.all = None;
                self.saved_note = Some("Saved.".into());
                self.editing = Some(department.code);
            }
            Err(e) => {
                self.problems = Problems::from([(Part::Saving, e.to_string())]);
            }
        }
    }

    /// Other departments in this inventory (a citywide inventory has many).
    fn others_ui(&mut self, ui: &mut Ui, store: &Store) {
        if self.is_new() {
            return;
        }
        // Read once, not every frame; `refresh` and a save read them again.
        if self.all.is_none() {
            match store.departments() {
                Ok(all) => self.all = Some(all),
                Err(e) => {
                    error_text(ui, &e.to_string());
                    return;
                }
            }
        }
        let departments = self.all.clone().unwrap_or_default();
        if departments.len() < 2 {
            return;
        }
        ui.separator();
        ui.strong("Other departments in this inventory");
        for d in departments {
            if Some(&d.code) != self.editing.as_ref()
                && ui.link(format!("{} ({})", d.name, d.code)).clicked()
            {
                *self = DepartmentForm::edit(&d);
            }
        }
    }
}
