//! The top of the import preview for a file that is not our own workbook: each
//! column of the file with three of its values and where it goes, changeable.
//! A change reads the file again with the new choice (`Request::ReadAgain`); the
//! choices are remembered for the next file with the same headers when the
//! import is applied.

use egui::{RichText, Ui};

use super::Request;
use crate::model::Field;
use crate::workbook::choices::{ColumnChoice, ImportChoices};
use crate::workbook::mapping::{Confidence, MappedColumn, Mapping};

/// The file's columns, each with a list of where it may go.
pub fn mapping_ui(
    ui: &mut Ui,
    mapping: &Mapping,
    choices: &ImportChoices,
    requests: &mut Vec<Request>,
) {
    ui.label(RichText::new("Columns of the file").strong());
    if mapping.needs_names() {
        ui.label(
            RichText::new("Choose the column that holds the datasets' names")
                .color(ui.visuals().warn_fg_color)
                .strong(),
        );
    } else {
        ui.label(
            RichText::new(
                "Each column goes where shown. Change one and the file is read again; columns in Other Details keep their values as \"Column: value\" lines.",
            )
            .weak(),
        );
    }
    egui::ScrollArea::vertical()
        .id_salt("import-mapping")
        .max_height(240.0)
        .show(ui, |ui| {
            egui::Grid::new("import-mapping-grid")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    // The choice next to the column it is for: a window of any
                    // width shows both; samples and reasons are cut short.
                    for h in ["Column", "Goes to", "Sample values", "Why"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for column in &mapping.columns {
                        if let Some(choice) = column_row(ui, column) {
                            let mut next = choices.clone();
                            next.columns.insert(column.header.clone(), choice);
                            requests.push(Request::ReadAgain(next));
                        }
                        ui.end_row();
                    }
                });
        });
    ui.separator();
}

/// One column's row; returns the person's new choice, if they made one.
fn column_row(ui: &mut Ui, column: &MappedColumn) -> Option<ColumnChoice> {
    let header = ui
        .label(format!(
            "{} · {}",
            column.letters(),
            cut(&column.header, 40)
        ))
        .on_hover_text(&column.header);
    let mut selected = column.choice.clone();
    let response = egui::ComboBox::from_id_salt(("import-mapping", column.index))
        .selected_text(column.choice.label())
        .width(220.0)
        .show_ui(ui, |ui| {
            for field in Field::ALL {
                if matches!(field, Field::LastUpdated | Field::OtherDetails) {
                    continue;
                }
                ui.selectable_value(&mut selected, ColumnChoice::Field(field), field.header());
            }
            ui.selectable_value(&mut selected, ColumnChoice::OtherDetails, "Other Details");
            ui.selectable_value(&mut selected, ColumnChoice::Skip, "Not imported");
        });
    response.response.labelled_by(header.id);
    let samples: Vec<String> = column.samples.iter().map(|s| cut(s, 18)).collect();
    ui.label(RichText::new(samples.join(" · ")).weak());
    let why = match column.confidence {
        Confidence::Chosen => "your choice".to_string(),
        _ => column.reason.clone(),
    };
    ui.label(RichText::new(cut(&why, 40)).weak())
        .on_hover_text(&why);
    (selected != column.choice).then_some(selected)
}

/// `text` cut to `most` characters, with an ellipsis when cut.
fn cut(text: &str, most: usize) -> String {
    match text.char_indices().nth(most) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}
