//! The dataset editor's "Columns" section: the profile of a sample of the
//! data (read in the background by the one job runner), each column's type,
//! empties, distinct values, smallest and largest, examples, its personal data
//! flags with why, and who may see it. Each access change is a Request.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use crate::model::InventoryId;
use crate::profile::{Access, ColumnProfile, Profile};

/// What the section shows and what is being typed in it.
#[derive(Default)]
pub struct ColumnsView {
    pub profile: Option<Profile>,
    /// The notes being typed for columns not released, by column.
    notes: HashMap<usize, String>,
}

impl ColumnsView {
    pub fn new(profile: Option<Profile>) -> Self {
        ColumnsView {
            profile,
            notes: HashMap::new(),
        }
    }

    /// The profile as saved, keeping notes still being typed.
    /// A note being typed is kept while its column and its saved note stay
    /// the same; once saved (or the sample read again) it is read anew.
    pub fn reread(&mut self, profile: Option<Profile>) {
        let old = self.profile.take();
        let saved = |p: &Option<Profile>, i: usize| {
            p.as_ref()
                .and_then(|p| p.columns.get(i))
                .map(|c| (c.name.clone(), c.access_note.clone()))
        };
        self.notes
            .retain(|i, _| saved(&old, *i) == saved(&profile, *i));
        self.profile = profile;
    }

    pub fn ui(&mut self, ui: &mut Ui, id: &InventoryId, requests: &mut Vec<Request>) {
        let title = match &self.profile {
            Some(p) => format!("Columns ({})", p.columns.len()),
            None => "Columns".to_string(),
        };
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt("columns")
            .default_open(true)
            .show(ui, |ui| {
                ui.label(RichText::new("What each column of the data holds, read from a sample file (CSV or a spreadsheet). Only this description is kept, never the rows. Columns that look like personal data are flagged and start as Protected.").weak());
                if ui
                    .button("Describe the columns from a sample file…")
                    .on_hover_text("Pick a CSV, .xlsx, .xls or .ods file with the data, or a part of it")
                    .clicked()
                {
                    requests.push(Request::DescribeColumns(id.clone()));
                }
                if self.profile.is_some() {
                    self.table_ui(ui, id, requests);
                }
            });
    }

    fn table_ui(&mut self, ui: &mut Ui, id: &InventoryId, requests: &mut Vec<Request>) {
        let Some(profile) = &self.profile else {
            return;
        };
        use crate::workbook::limits::{count_of, size_text};
        ui.label(format!(
            "From {} (sheet {}), read on {}: {}, {}.",
            profile.file_name,
            profile.sheet,
            profile.read_on,
            count_of(profile.rows as usize, "row", "rows"),
            size_text(profile.file_bytes)
        ));
        let rows = profile.rows;
        egui::Grid::new("columns-grid")
            .striped(true)
            .num_columns(8)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for heading in [
                    "Column",
                    "Type",
                    "Empty",
                    "Distinct values",
                    "Smallest – largest",
                    "Examples",
                    "Personal data",
                    "Access",
                ] {
                    ui.strong(heading);
                }
                ui.end_row();
                for (index, column) in profile.columns.iter().enumerate() {
                    let name = column_cells(ui, column, rows);
                    let note = self
                        .notes
                        .entry(index)
                        .or_insert_with(|| column.access_note.clone());
                    access_ui(ui, id, (index, name), column, note, requests);
                    ui.end_row();
                }
            });
    }
}

/// The figures of one column; gives the id of its name, which labels its
/// access box.
fn column_cells(ui: &mut Ui, column: &ColumnProfile, rows: u64) -> egui::Id {
    let name = ui.label(&column.name).id;
    ui.label(column.kind.label());
    ui.label(format!("{:.1}%", column.empty_percent(rows)));
    ui.label(column.distinct.to_string());
    ui.label(
        column
            .span
            .as_ref()
            .map(|s| s.text(column.kind))
            .unwrap_or_default(),
    );
    if column.is_personal() {
        ui.label(RichText::new("(not shown: personal data)").weak());
    } else {
        ui.label(column.examples.join(" · "));
    }
    if column.is_personal() {
        ui.add(
            egui::Label::new(
                RichText::new(format!("⚠ {}", column.personal_reasons()))
                    .color(ui.visuals().warn_fg_color),
            )
            .wrap(),
        );
    } else {
        ui.label("None found");
    }
    name
}

/// The access of one column, and for a column not released, the note on how
/// it is removed or aggregated (saved when the box is left).
fn access_ui(
    ui: &mut Ui,
    id: &InventoryId,
    (index, name): (usize, egui::Id),
    column: &ColumnProfile,
    note: &mut String,
    requests: &mut Vec<Request>,
) {
    ui.vertical(|ui| {
        let mut chosen = column.access;
        egui::ComboBox::from_id_salt(("access", index))
            .selected_text(chosen.label())
            .show_ui(ui, |ui| {
                for access in Access::ALL {
                    ui.selectable_value(&mut chosen, access, access.label());
                }
            })
            .response
            .labelled_by(name);
        let set = |access: Access, note: &str| -> Request {
            Write::SetColumnAccess {
                id: id.clone(),
                column: index,
                access,
                note: note.to_string(),
            }
            .into()
        };
        if chosen != column.access {
            requests.push(set(chosen, note));
        }
        // Any column kept from the public: its note can be written before it
        // is made Not released (a Public dataset requires the note first).
        if column.access != Access::Public {
            let edit = ui
                .add(
                    egui::TextEdit::singleline(note)
                        .hint_text("How it is removed or aggregated")
                        .desired_width(220.0),
                )
                .on_hover_text(
                    "How the column is removed or aggregated before the data is published",
                )
                .labelled_by(name);
            if edit.lost_focus() && note.trim() != column.access_note {
                requests.push(set(column.access, note));
            }
        }
    });
}

/// The checklist's privacy section: the columns flagged as personal data.
pub fn flags_ui(ui: &mut Ui, profile: Option<&Profile>) {
    let Some(profile) = profile else {
        return;
    };
    let flagged: Vec<&ColumnProfile> = profile.personal_columns().collect();
    if flagged.is_empty() {
        ui.label(format!(
            "No column of the sample {} looks like personal data.",
            profile.file_name
        ));
        return;
    }
    ui.label(
        RichText::new(format!(
            "Personal data in the sample {}:",
            profile.file_name
        ))
        .strong(),
    );
    for column in flagged {
        ui.label(format!(
            "• {} ({}): {}",
            column.name,
            column.access.label(),
            column.personal_reasons()
        ));
    }
}
