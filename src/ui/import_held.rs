//! The import preview's rows that need a fix, and the questions about the
//! whole file that the person answers before applying: which department a
//! file that names none belongs to, and the codes of the departments it adds.
//!
//! A held row shows its dataset's name, and each problem with a text box
//! labelled with the field's header; "Read again with my fixes" reads the file
//! again with the typed cells in place of the file's (the file itself is never
//! changed). The other rows apply without the held ones.

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use super::Request;
use super::pager::Pager;
use super::widgets::{error_text, labelled};
use crate::model::{DepartmentCode, Field};
use crate::workbook::choices::CellFix;
use crate::workbook::merge::Plan;
use crate::workbook::plan_departments::code_refused;

/// What the person typed for the held rows and the department questions.
#[derive(Default)]
pub struct HeldState {
    /// The text typed for a cell, by (sheet row, field); empty means no fix.
    fixes: BTreeMap<(usize, Field), String>,
    /// The department chosen for rows that name none.
    department: String,
    /// The name typed for a new department, when "A new department" is chosen.
    new_department: String,
    /// The code typed for each new department, by its name.
    codes: BTreeMap<String, String>,
    /// The page of held rows on screen.
    pager: Pager,
}

/// The words of the dropdown's last choice.
const NEW_DEPARTMENT: &str = "A new department…";

impl HeldState {
    /// The held rows, each problem with a box for its fix, and the button
    /// that reads the file again with them.
    pub fn held_ui(&mut self, ui: &mut Ui, plan: &Plan, requests: &mut Vec<Request>) {
        if plan.held.is_empty() {
            return;
        }
        let rows = crate::workbook::limits::count_of(plan.held.len(), "row needs", "rows need");
        ui.label(
            RichText::new(format!(
                "{rows} a fix, so {} not imported; the other rows are. Fix them here, or in the file and import it again.",
                if plan.held.len() == 1 { "it is" } else { "they are" }
            ))
            .color(ui.visuals().warn_fg_color),
        );
        let total = plan.held.len();
        self.pager.ui(ui, total, "Rows", "above");
        let range = self.pager.range(total);
        for held in &plan.held[range] {
            // Drawn as a card that will not be applied, until it is fixed.
            super::import_preview::card(ui, false, |ui| {
                ui.label(RichText::new(format!("Needs a fix: {}", held.title())).strong());
                for problem in &held.problems {
                    ui.label(format!(
                        "{} ({}): {}",
                        problem.cell, problem.column, problem.message
                    ));
                    let Some(field) = problem.field else { continue };
                    let header = crate::workbook::columns::column(field).header;
                    let was = held.value(header).unwrap_or_default();
                    let text = self.fixes.entry((held.row, field)).or_default();
                    ui.horizontal(|ui| {
                        let edit = egui::TextEdit::singleline(text)
                            .hint_text(format!("the file says: {was}"))
                            .desired_width(320.0);
                        labelled(ui, header, edit);
                    });
                }
            });
        }
        self.pager.ui_below(ui, total, "Rows");
        let any_box = (plan.held.iter()).any(|h| h.problems.iter().any(|p| p.field.is_some()));
        if any_box {
            let typed = self.fixes.values().any(|t| !t.trim().is_empty());
            let again = ui.add_enabled(typed, egui::Button::new("Read again with my fixes"));
            if again.clicked() {
                requests.push(Request::ReadAgain(self.choices_with_fixes(plan)));
            }
        }
    }

    /// The plan's choices with the fixes typed here added.
    fn choices_with_fixes(&self, plan: &Plan) -> crate::workbook::choices::ImportChoices {
        let mut choices = plan.choices.clone();
        for ((row, field), text) in &self.fixes {
            if text.trim().is_empty() {
                continue;
            }
            choices
                .fixes
                .retain(|f| !(f.row == *row && f.field == *field));
            choices.fixes.push(CellFix {
                row: *row,
                field: *field,
                text: text.clone(),
            });
        }
        choices
    }

    /// Asks once which department the rows that name none belong to.
    pub fn department_ui(&mut self, ui: &mut Ui, plan: &Plan, requests: &mut Vec<Request>) {
        let Some(question) = &plan.department_question else {
            return;
        };
        ui.group(|ui| {
            ui.label(RichText::new("Which department are these datasets from?").strong());
            ui.label(&question.message);
            let shown = if self.department.is_empty() {
                "Choose a department".to_string()
            } else {
                self.department.clone()
            };
            ui.horizontal(|ui| {
                let label = ui.label("Department");
                egui::ComboBox::from_id_salt("import-department")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for name in &question.departments {
                            ui.selectable_value(&mut self.department, name.clone(), name);
                        }
                        ui.selectable_value(
                            &mut self.department,
                            NEW_DEPARTMENT.to_string(),
                            NEW_DEPARTMENT,
                        );
                    })
                    .response
                    .labelled_by(label.id);
            });
            if self.department == NEW_DEPARTMENT {
                let edit = egui::TextEdit::singleline(&mut self.new_department)
                    .hint_text("Department of Transportation")
                    .desired_width(320.0);
                ui.horizontal(|ui| labelled(ui, "New department's name", edit));
            }
            let chosen = match self.department.as_str() {
                NEW_DEPARTMENT => self.new_department.trim().to_string(),
                name => name.to_string(),
            };
            let again = ui.add_enabled(
                !chosen.is_empty(),
                egui::Button::new("Read again with this department"),
            );
            if again.clicked() {
                let mut choices = self.choices_with_fixes(plan);
                choices.department = Some(chosen);
                requests.push(Request::ReadAgain(choices));
            }
        });
    }

    /// The departments the import adds, each with its code in a box the
    /// person may change; a code that cannot be used says why.
    pub fn new_departments_ui(&mut self, ui: &mut Ui, plan: &mut Plan) {
        if plan.new_departments.is_empty() {
            return;
        }
        ui.label(RichText::new("New departments").strong());
        ui.label("Their datasets' Inventory IDs start with the code. Change it now if people know the department by other initials: it cannot change later.");
        let others = plan.new_departments.clone();
        for new in &mut plan.new_departments {
            let typed = self
                .codes
                .entry(new.name.clone())
                .or_insert_with(|| new.code.to_string());
            ui.horizontal(|ui| {
                let edit = egui::TextEdit::singleline(typed).desired_width(60.0);
                labelled(ui, format!("Code for {}", new.name), edit);
            });
            match code_refused(typed, &new.name, &plan.departments, &others) {
                Some(why) => error_text(ui, &why),
                None => {
                    if let Ok(code) = typed.parse::<DepartmentCode>() {
                        new.code = code;
                    }
                }
            }
        }
    }

    /// Whether every code typed for a new department can be used.
    pub fn codes_ok(&self, plan: &Plan) -> bool {
        plan.new_departments.iter().all(|new| {
            let typed = self
                .codes
                .get(&new.name)
                .cloned()
                .unwrap_or(new.code.to_string());
            code_refused(&typed, &new.name, &plan.departments, &plan.new_departments).is_none()
        })
    }
}
