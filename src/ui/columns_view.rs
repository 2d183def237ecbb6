//! The dataset editor's "Columns" section: the profile of a sample of the
//! data (read in the background by the one job runner), each column's type,
//! empties, distinct values, smallest and largest, examples, its personal data
//! flags with why, and who may see it; then the data dictionary: each
//! column's description, unit and what an empty cell means, edited in place
//! and saved when the box is left. Each change is a Request.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use crate::model::InventoryId;
use crate::profile::dictionary::{draft_description, draft_unit};
use crate::profile::{Access, ColumnProfile, Part, Profile};

/// What the section shows and what is being typed in it.
#[derive(Default)]
pub struct ColumnsView {
    pub profile: Option<Profile>,
    /// The notes being typed for columns not released, by column.
    notes: HashMap<usize, String>,
    /// The dictionary being typed, by column and part.
    words: HashMap<(usize, Part), String>,
    /// Where the data dictionaries will be published, as typed.
    base: String,
    /// The suggestions the person said no to, by what they fill and value:
    /// not offered again while the editor is open.
    declined: std::collections::HashSet<(String, String)>,
}

impl ColumnsView {
    pub fn new(profile: Option<Profile>) -> Self {
        ColumnsView {
            profile,
            notes: HashMap::new(),
            words: HashMap::new(),
            base: String::new(),
            declined: Default::default(),
        }
    }

    /// The view, with where the data dictionaries will be published (a setting).
    pub fn with_base(mut self, base: Option<String>) -> Self {
        self.base = base.unwrap_or_default();
        self
    }

    /// The address of the dictionaries as saved (or as it stays, refused).
    pub fn base_saved(&mut self, base: Option<String>) {
        self.base = base.unwrap_or_default();
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
        let part = |p: &Option<Profile>, i: usize, part: Part| {
            p.as_ref()
                .and_then(|p| p.columns.get(i))
                .map(|c| (c.name.clone(), part.of(c).to_string()))
        };
        self.words
            .retain(|(i, p), _| part(&old, *i, *p) == part(&profile, *i, *p));
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
                    ui.add_space(8.0);
                    self.dictionary_ui(ui, id, requests);
                }
            });
    }

    /// What the sample suggests for the dataset's fields (its time span,
    /// area, update frequency, format and media type), each with why: taken
    /// with a click, or declined. Nothing is offered over a value already
    /// there.
    pub fn suggestions_ui(
        &mut self,
        ui: &mut Ui,
        id: &InventoryId,
        dataset: &crate::model::Dataset,
        distributions: &[crate::model::Distribution],
        requests: &mut Vec<Request>,
    ) {
        use crate::profile::suggest::{Take, from_profile};
        let Some(profile) = &self.profile else {
            return;
        };
        let offered: Vec<_> = from_profile(profile, dataset, distributions)
            .into_iter()
            .filter(|s| !self.declined.contains(&(s.what.clone(), s.value.clone())))
            .collect();
        if offered.is_empty() {
            return;
        }
        ui.label(RichText::new("Suggested from the sample").strong());
        ui.label(RichText::new("What the sample says of the dataset. Take what is right; nothing is filled in unless you take it.").weak());
        for s in offered {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{}: {}", s.what, s.value));
                ui.label(RichText::new(format!("({})", s.why)).weak());
                let take = ui.small_button("Use this");
                let words = format!("Use the suggested {}", s.what);
                take.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
                if take.clicked() {
                    let write = match s.take.clone() {
                        Take::Field(field, text) => Write::SetField {
                            id: id.clone(),
                            field,
                            text,
                        },
                        Take::Distribution {
                            index,
                            distribution,
                        } => Write::EditDistribution {
                            id: id.clone(),
                            index,
                            distribution,
                        },
                        Take::NewDistribution(distribution) => Write::AddDistribution {
                            id: id.clone(),
                            distribution,
                        },
                    };
                    requests.push(write.into());
                }
                let no = ui.small_button("Not this");
                let words = format!("Not the suggested {}", s.what);
                no.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
                if no.clicked() {
                    self.declined.insert((s.what.clone(), s.value.clone()));
                }
            });
        }
    }

    /// The data dictionary: a row per column, its three parts edited in
    /// place; a box left empty shows the app's draft in grey.
    fn dictionary_ui(&mut self, ui: &mut Ui, id: &InventoryId, requests: &mut Vec<Request>) {
        let Some(profile) = &self.profile else {
            return;
        };
        ui.label(RichText::new("Data dictionary").strong());
        ui.label(RichText::new("Say in plain words what each column holds, its unit, and what an empty cell means. A grey draft shows what the app read from the sample; the workbook's Attributes sheet and the data dictionary files carry what you write.").weak());
        if ui
            .button("Fill the empty descriptions with the drafts")
            .on_hover_text("Writes the grey drafts into the columns that have no description or unit yet; nothing you wrote is changed")
            .clicked()
        {
            requests.push(Write::DraftDictionary(id.clone()).into());
        }
        egui::Grid::new("dictionary-grid")
            .striped(true)
            .num_columns(4)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                ui.strong("Column");
                for part in Part::ALL {
                    ui.strong(part_heading(part));
                }
                ui.end_row();
                for (index, column) in profile.columns.iter().enumerate() {
                    ui.label(&column.name);
                    for part in Part::ALL {
                        let typed = self
                            .words
                            .entry((index, part))
                            .or_insert_with(|| part.of(column).to_string());
                        part_ui(ui, id, (index, column), part, typed, requests);
                    }
                    ui.end_row();
                }
            });
        ui.horizontal(|ui| {
            let label = ui.label("Where the data dictionaries will be published:");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.base)
                        .hint_text("https://data.city.gov/dictionaries/")
                        .desired_width(320.0),
                )
                .on_hover_text("The web folder where you will put the files that File › Export the data dictionaries… writes: the open data catalog then links each dataset's data dictionary there. Left empty, it links none.")
                .labelled_by(label.id);
            if edit.lost_focus() {
                requests.push(Write::SetDictionaryBase(self.base.clone()).into());
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

/// A part's heading in the dictionary's grid.
fn part_heading(part: Part) -> &'static str {
    match part {
        Part::Description => "Description",
        Part::Unit => "Unit",
        Part::EmptyMeans => "An empty cell means",
    }
}

/// One part of one column's dictionary, saved when the box is left. Its
/// name for a screen reader says which ("Description of Park").
fn part_ui(
    ui: &mut Ui,
    id: &InventoryId,
    (index, column): (usize, &ColumnProfile),
    part: Part,
    typed: &mut String,
    requests: &mut Vec<Request>,
) {
    let draft = match part {
        Part::Description => draft_description(column),
        Part::Unit => draft_unit(column),
        Part::EmptyMeans => String::new(),
    };
    let hint = match part {
        Part::EmptyMeans if column.empty == 0 => "No empty cells in the sample".to_string(),
        Part::EmptyMeans => "Not recorded, not applicable…".to_string(),
        _ => draft,
    };
    // A description may take a few lines; a unit and an empty meaning are
    // short, and Enter saves them.
    let edit = match part {
        Part::Description => egui::TextEdit::multiline(typed)
            .desired_rows(2)
            .desired_width(320.0),
        Part::Unit => egui::TextEdit::singleline(typed).desired_width(110.0),
        Part::EmptyMeans => egui::TextEdit::singleline(typed).desired_width(200.0),
    };
    let edit = ui.add(edit.hint_text(hint));
    let name = format!("{} of {}", part_heading(part), column.name);
    ui.ctx()
        .accesskit_node_builder(edit.id, |node| node.set_label(name));
    if edit.lost_focus() && typed.trim() != part.of(column) {
        requests.push(
            Write::SetColumnPart {
                id: id.clone(),
                column: index,
                part,
                text: typed.clone(),
            }
            .into(),
        );
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
