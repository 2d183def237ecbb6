//! The import preview's value maps: for each choice column, the values the file
//! writes that are none of the field's choices, how many rows say each, and
//! what each is read as (a choice, or kept as written in Other Details),
//! changeable with a dropdown labelled by the value. Changing one reads the file
//! again with that choice. Below, the values read other than as written.

use egui::{RichText, Ui};

use super::Request;
use crate::workbook::choices::ValueChoice;
use crate::workbook::merge::Plan;
use crate::workbook::values::{MappedValue, ValueMap};

/// The dropdown's entry for "not read into the field".
const KEEP: &str = "Keep as written";

/// The value maps and the values read differently; nothing when the file has none.
pub fn values_ui(ui: &mut Ui, plan: &Plan, requests: &mut Vec<Request>) {
    if !plan.value_maps.is_empty() {
        let count: usize = plan.value_maps.iter().map(|m| m.values.len()).sum();
        egui::CollapsingHeader::new(format!("Values the app does not know ({count})"))
            .default_open(true)
            .show(ui, |ui| {
                ui.label(
                    "These values are none of their column's choices. Each is kept as written in the dataset's Other Details, so nothing is lost, unless you choose the choice it means.",
                );
                egui::ScrollArea::vertical()
                    .id_salt("value-maps")
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for map in &plan.value_maps {
                            map_ui(ui, plan, map, requests);
                        }
                    });
            });
    }
    if !plan.reinterpretations.is_empty() {
        egui::CollapsingHeader::new(format!(
            "Read differently from the file ({})",
            plan.reinterpretations.len()
        ))
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("read-differently")
                .max_height(200.0)
                .show(ui, |ui| {
                    for r in &plan.reinterpretations {
                        ui.label(&r.message);
                    }
                });
        });
    }
}

/// One field's table: value, rows, mapped to.
fn map_ui(ui: &mut Ui, plan: &Plan, map: &ValueMap, requests: &mut Vec<Request>) {
    let title = if map.column.is_empty() || map.column == map.field_header {
        map.field_header.clone()
    } else {
        format!("{} (the file's {})", map.field_header, map.column)
    };
    ui.label(RichText::new(title).strong());
    egui::Grid::new(("value-map", map.field))
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for h in ["Value in the file", "Rows", "Mapped to", ""] {
                ui.strong(h);
            }
            ui.end_row();
            for value in &map.values {
                if let Some(chosen) = value_row(ui, map, value) {
                    let mut choices = plan.choices.clone();
                    choices
                        .values
                        .entry(map.field)
                        .or_default()
                        .insert(value.value.clone(), chosen);
                    requests.push(Request::ReadAgain(choices));
                }
                ui.end_row();
            }
        });
    ui.add_space(8.0);
}

/// One value's row; the choice made, if it changed.
fn value_row(ui: &mut Ui, map: &ValueMap, value: &MappedValue) -> Option<ValueChoice> {
    let label = ui.label(crate::model::dataset::shorten(&value.value));
    ui.label(format!("{} (first in {})", value.rows, value.cell));
    let current = value.mapped_to.clone();
    let mut selected = current.clone();
    let response = egui::ComboBox::from_id_salt(("mapped-to", map.field, &value.value))
        .selected_text(selected.as_deref().unwrap_or(KEEP))
        .width(200.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut selected, None, KEEP);
            for choice in &map.choices {
                ui.selectable_value(&mut selected, Some(choice.clone()), choice);
            }
        });
    response.response.labelled_by(label.id);
    let mut used = None;
    match (&value.suggestion, &current) {
        (Some(suggestion), None) => {
            if ui
                .small_button(format!("Use {suggestion}"))
                .on_hover_text("The words of this value suggest this choice")
                .clicked()
            {
                used = Some(suggestion.clone());
            }
        }
        _ => {
            ui.label("");
        }
    }
    let chosen = used.or(selected);
    if chosen == current {
        return None;
    }
    Some(match chosen {
        Some(label) => ValueChoice::Label(label),
        None => ValueChoice::KeepAsWritten,
    })
}
