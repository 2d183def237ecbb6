//! The Data Sources screen: the systems of record (the systems inventory, Step
//! 1's first month). List, add, edit, delete; deleting a system that datasets
//! use asks what to do with them.

use std::collections::HashMap;
use std::rc::Rc;

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use super::widgets::{error_text, labelled_text};
use crate::model::DataSource;
use crate::store::{Result, SourceDeletion, Store};

#[derive(Default)]
pub struct SourcesView {
    /// The source being added or edited.
    form: Option<DataSource>,
    problem: Option<String>,
    /// A delete waiting for the person's choice: (id, name, datasets using it).
    deleting: Option<(i64, String, usize)>,
    move_to: String,
    /// The systems and how many datasets name each, read once rather than every
    /// frame; `None` after a change, so the next frame reads them again.
    listing: Option<Rc<Listing>>,
    /// Why the systems could not be read.
    unreadable: Option<String>,
}

struct Listing {
    sources: Vec<DataSource>,
    /// Datasets per system, by lower-case name.
    usage: HashMap<String, usize>,
}

impl Listing {
    fn load(store: &Store) -> Result<Self> {
        Ok(Listing {
            sources: store.sources()?,
            usage: store.source_usage()?,
        })
    }
}

impl SourcesView {
    /// Counts again on the next frame (after an import or an edit elsewhere).
    pub fn refresh(&mut self) {
        self.listing = None;
        self.unreadable = None;
    }

    /// A system was saved, or refused with a reason.
    pub fn saved(&mut self, result: Result<()>) {
        match result {
            Ok(()) => {
                self.form = None;
                self.problem = None;
                self.listing = None;
            }
            Err(e) => self.problem = Some(e.to_string()),
        }
    }

    /// A system was deleted, or refused with a reason.
    pub fn deleted(&mut self, result: Result<()>) {
        self.listing = None;
        if let Err(e) = result {
            self.problem = Some(e.to_string());
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, store: &Store, requests: &mut Vec<Request>) {
        ui.heading("Data sources");
        ui.label("The systems of record where your department's data lives: databases, applications, shared spreadsheets. List them first; datasets then name the system they come from.");
        ui.add_space(6.0);
        if self.listing.is_none() && self.unreadable.is_none() {
            match Listing::load(store) {
                Ok(listing) => self.listing = Some(Rc::new(listing)),
                Err(e) => self.unreadable = Some(e.to_string()),
            }
        }
        let Some(listing) = self.listing.clone() else {
            if let Some(e) = &self.unreadable {
                error_text(ui, e);
            }
            return;
        };
        let (sources, usage) = (&listing.sources, &listing.usage);
        if ui.button("Add a system").clicked() {
            self.form = Some(DataSource::default());
            self.problem = None;
        }
        ui.add_space(6.0);
        if let Some(form) = &mut self.form {
            let mut close = false;
            let mut save = false;
            ui.group(|ui| {
                ui.strong(if form.id.is_some() {
                    "Edit the system"
                } else {
                    "New system"
                });
                egui::Grid::new("source-form")
                    .num_columns(2)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        let fields: [(&str, &mut String); 8] = [
                            ("System name", &mut form.name),
                            ("Description", &mut form.description),
                            ("Business owner", &mut form.business_owner),
                            ("Technical owner", &mut form.technical_owner),
                            ("Vendor", &mut form.vendor),
                            ("Product", &mut form.product),
                            ("Format", &mut form.format),
                            ("Planned changes", &mut form.planned_changes),
                        ];
                        for (label, value) in fields {
                            labelled_text(ui, label, value, "");
                            ui.end_row();
                        }
                    });
                if let Some(p) = &self.problem {
                    error_text(ui, p);
                }
                ui.horizontal(|ui| {
                    save = ui.button("Save").clicked();
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
            if save {
                requests.push(Write::SaveSource(form.clone()).into());
            }
            if close {
                self.form = None;
                self.problem = None;
            }
        }
        if sources.is_empty() {
            ui.label("No systems listed yet.");
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("sources")
                .striped(true)
                .num_columns(6)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for h in [
                        "System",
                        "Description",
                        "Business owner",
                        "Vendor",
                        "Datasets",
                        "",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for s in sources {
                        let used = usage.get(&s.name.to_lowercase()).copied().unwrap_or(0);
                        ui.label(RichText::new(&s.name).strong());
                        ui.label(&s.description);
                        ui.label(&s.business_owner);
                        ui.label(&s.vendor);
                        ui.label(used.to_string());
                        ui.horizontal(|ui| {
                            if ui.small_button("Edit").clicked() {
                                self.form = Some(s.clone());
                            }
                            if ui.small_button("Delete").clicked() {
                                match (s.id, used) {
                                    (Some(id), 0) => requests.push(
                                        Write::DeleteSource {
                                            id,
                                            then: SourceDeletion::KeepNameOnDatasets,
                                        }
                                        .into(),
                                    ),
                                    (Some(id), n) => self.deleting = Some((id, s.name.clone(), n)),
                                    _ => {}
                                }
                            }
                        });
                        ui.end_row();
                    }
                });
        });
        self.delete_ui(ui, sources, requests);
    }

    /// Asks what to do with the datasets of a system being deleted.
    fn delete_ui(&mut self, ui: &mut Ui, sources: &[DataSource], requests: &mut Vec<Request>) {
        let Some((id, name, used)) = self.deleting.clone() else {
            return;
        };
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::unique("delete-source")).show(ui.ctx(), |ui| {
            ui.heading(format!("Delete {name}?"));
            ui.label(format!(
                "{used} datasets name {name} as their system of record. What should happen to them?"
            ));
            if ui
                .button(format!("Keep \"{name}\" written on the datasets"))
                .clicked()
            {
                choice = Some(SourceDeletion::KeepNameOnDatasets);
            }
            if ui.button("Leave their system of record empty").clicked() {
                choice = Some(SourceDeletion::ClearFromDatasets);
            }
            ui.horizontal(|ui| {
                let others: Vec<&DataSource> =
                    sources.iter().filter(|s| s.id != Some(id)).collect();
                if !others.is_empty() {
                    egui::ComboBox::from_label("Move them to")
                        .selected_text(if self.move_to.is_empty() {
                            "choose a system"
                        } else {
                            &self.move_to
                        })
                        .show_ui(ui, |ui| {
                            for s in others {
                                ui.selectable_value(&mut self.move_to, s.name.clone(), &s.name);
                            }
                        });
                    if ui
                        .add_enabled(
                            !self.move_to.is_empty(),
                            egui::Button::new("Move and delete"),
                        )
                        .clicked()
                    {
                        choice = Some(SourceDeletion::MoveDatasetsTo(self.move_to.clone()));
                    }
                }
            });
            if ui.button("Cancel").clicked() {
                self.deleting = None;
            }
        });
        if modal.should_close() {
            self.deleting = None;
        }
        if let Some(choice) = choice {
            requests.push(Write::DeleteSource { id, then: choice }.into());
            self.deleting = None;
            self.move_to.clear();
        }
    }
}
