//! The dataset editor: every field, grouped as the checklist's sections; each
//! change saved at once; the review history in its own tab; duplicate and
//! delete (with a confirmation, and an undo on the inventory screen).

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use super::widgets::{Drafts, Offered, field_ui, remember_error};
use crate::checklist::{Checks, completeness};
use crate::model::{Dataset, Distribution, Field, HistoryEntry, InventoryId};
use crate::quality::{Concerns, Dimension, Score};
use crate::questions::Bank;
use crate::store::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Details,
    History,
}

pub struct DatasetEditor {
    pub id: InventoryId,
    pub dataset: Dataset,
    drafts: Drafts,
    tab: Tab,
    history: Vec<HistoryEntry>,
    confirm_delete: bool,
    withdraw: super::withdraw::WithdrawDialog,
    /// The departments and the inventory's lists the dropdowns offer.
    offered: Offered,
    /// The checklist's check answers, for the meter.
    checks: Checks,
    /// The engagement projects that use this dataset.
    projects: Vec<(i64, String)>,
    /// The dataset's distributions, as saved.
    distributions: Vec<Distribution>,
    /// The target publication date, when it has passed unpublished.
    target_missed: Option<chrono::NaiveDate>,
    /// The distribution being typed: its index (`None`: a new one) and parts.
    editing: Option<(Option<usize>, Distribution)>,
    /// The profile of a sample of the data, and who may see each column.
    pub(super) columns: super::columns_view::ColumnsView,
    /// The metadata quality score, computed when the dataset is (re)read.
    score: Option<Score>,
    /// Where the score's top improvement sent the person: brought into view
    /// and shown standing out on the next frame.
    focus: Option<Concerns>,
    /// "Publish to the portal" (the CDO's desk, Approved or Published).
    pub publish: super::publish_panel::PublishPanel,
}

impl DatasetEditor {
    /// The editor on a dataset; `None` when there is no such dataset.
    pub fn open(store: &Store, id: &InventoryId) -> Result<Option<Self>> {
        let Some(dataset) = store.dataset(id)? else {
            return Ok(None);
        };
        let offered = Offered::read(store)?;
        let score = Some(crate::quality::score_in(store, &dataset)?);
        let publish = super::publish_panel::PublishPanel::read(store, id, &dataset, offered.desk);
        Ok(Some(DatasetEditor {
            score,
            focus: None,
            publish,
            id: id.clone(),
            history: store.history(id)?,
            checks: store.checks(id)?,
            projects: store.projects_using(id)?,
            distributions: store.distributions(id)?,
            columns: super::columns_view::ColumnsView::new(store.profile(id)?)
                .with_base(store.dictionary_base()?),
            editing: None,
            target_missed: missed(&dataset),
            dataset,
            drafts: Drafts::default(),
            tab: Tab::Details,
            confirm_delete: false,
            withdraw: Default::default(),
            offered,
        }))
    }

    /// Reads the dataset again after a change (here or elsewhere), keeping
    /// what is typed in the boxes.
    pub fn reread(&mut self, store: &Store, id: &InventoryId) -> Result<()> {
        if &self.id != id {
            return Ok(());
        }
        if let Some(dataset) = store.dataset(id)? {
            self.target_missed = missed(&dataset);
            self.dataset = dataset;
        }
        self.history = store.history(id)?;
        self.checks = store.checks(id)?;
        self.distributions = store.distributions(id)?;
        self.columns.reread(store.profile(id)?);
        self.offered = Offered::read(store)?;
        self.score = Some(crate::quality::score_in(store, &self.dataset)?);
        let fresh =
            super::publish_panel::PublishPanel::read(store, id, &self.dataset, self.offered.desk);
        self.publish.reread(fresh);
        Ok(())
    }

    /// A field typed here was saved, or refused with a reason.
    pub fn field_saved(&mut self, field: Field, result: std::result::Result<(), String>) {
        remember_error(&mut self.drafts, field, result);
    }

    pub fn ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        ui.horizontal(|ui| {
            if ui.button("⬅ Back to the inventory").clicked() {
                requests.push(Request::CloseEditor);
            }
            ui.heading(&self.dataset.name);
            ui.label(RichText::new(self.id.to_string()).weak());
        });
        let done = completeness(&self.dataset, &self.checks)
            .with_dictionary(self.columns.profile.as_ref());
        ui.horizontal(|ui| {
            ui.label("Checklist:");
            ui.add(
                egui::ProgressBar::new(f32::from(done.percent()) / 100.0)
                    .desired_width(200.0)
                    .text(format!("{} of {} answered", done.answered, done.required)),
            );
        });
        if let Some(gap) = done.dictionary_gap() {
            ui.label(RichText::new(format!("Data dictionary: {gap}")).weak());
        }
        if !done.missing.is_empty() {
            // The questions themselves, as the checklist asks them.
            let names: Vec<&str> = done
                .missing
                .iter()
                .take(3)
                .map(|m| m.question.text.as_str())
                .collect();
            let more = if done.missing.len() > 3 {
                format!(" and {} more", done.missing.len() - 3)
            } else {
                String::new()
            };
            ui.add(
                egui::Label::new(
                    RichText::new(format!("Not answered yet: {}{more}", names.join(" "))).weak(),
                )
                .wrap(),
            );
        }
        self.score_ui(ui, requests);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::Details, "Details");
            ui.selectable_value(
                &mut self.tab,
                Tab::History,
                format!("Review history ({})", self.history.len()),
            );
            ui.separator();
            if ui
                .button("Duplicate")
                .on_hover_text("Make a copy under a new ID")
                .clicked()
            {
                requests.push(Write::Duplicate(self.id.clone()).into());
            }
            if super::widgets::primary_button(ui, "Answer the checklist")
                .on_hover_text("Go through the data submission checklist, a section at a time")
                .clicked()
            {
                requests.push(Request::OpenChecklist(self.id.clone()));
            }
            // Open data is permanent: what was published is withdrawn, not deleted.
            if crate::store::is_kept(self.dataset.status) {
                if self.dataset.status == crate::model::Status::Published {
                    self.withdraw.button(ui);
                }
            } else if ui.button("Delete…").clicked() {
                self.confirm_delete = true;
            }
        });
        ui.separator();
        match self.tab {
            Tab::Details => self.details_ui(ui, requests),
            Tab::History => self.history_ui(ui),
        }
        self.confirm_delete_ui(ui, requests);
        self.withdraw.ui(ui, &self.id, &self.dataset.name, requests);
    }

    /// The metadata quality score: its band, the one thing worth the most
    /// points to do next (a button that brings its field into view), and the
    /// breakdown. Said apart from the checklist, in words that tell them apart.
    fn score_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(score) = &self.score else { return };
        ui.horizontal(|ui| {
            ui.label("Metadata score:");
            ui.strong(score.summary());
            if let Some(top) = score.top_improvement() {
                let text = format!(
                    "Top improvement: {} ({}, +{} points)",
                    top.indicator.label(),
                    top.concerns.label(),
                    top.possible
                );
                if ui
                    .button(text)
                    .on_hover_text("Show where to fill it in")
                    .clicked()
                {
                    self.tab = Tab::Details;
                    self.focus = Some(top.concerns);
                    if top.concerns == Concerns::PublicationPlan {
                        // The plan's dates are kept on the review path.
                        requests.push(Request::OpenReview(self.id.clone()));
                    }
                }
            }
        });
        ui.label(
            RichText::new("How findable and reusable its entry in the portal's catalog is. The checklist above says how complete its review is; this says how well the published description will serve the people who look for the data.")
                .weak(),
        );
        egui::CollapsingHeader::new("Score breakdown")
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("score-breakdown")
                    .striped(true)
                    .num_columns(5)
                    .show(ui, |ui| {
                        ui.strong("Dimension");
                        ui.strong("What it asks");
                        ui.strong("Earned");
                        ui.strong("Points");
                        ui.strong("Where");
                        ui.end_row();
                        for dimension in Dimension::ALL {
                            for e in score
                                .breakdown
                                .iter()
                                .filter(|e| e.indicator.dimension() == dimension)
                            {
                                ui.label(dimension.label());
                                ui.label(e.indicator.label());
                                ui.label(if e.is_earned() { "Yes" } else { "Not yet" });
                                ui.label(format!("{} of {}", e.earned, e.possible));
                                ui.label(e.concerns.label());
                                ui.end_row();
                            }
                        }
                    });
            });
    }

    fn details_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                let bank = Bank::checklist();
                for section in &bank.sections {
                    let fields: Vec<Field> =
                        bank.in_section(&section.id).filter_map(|q| q.field()).collect();
                    if fields.is_empty() {
                        continue;
                    }
                    self.group_ui(ui, &section.title, &section.guidance, &fields, requests);
                }
                self.review_line_ui(ui, requests);
                self.group_ui(
                    ui,
                    "Department and review",
                    "The department the dataset belongs to, where it is on the review path, and the Chief Data Officer's review.",
                    &[
                        Field::Department,
                        Field::CdoNotes,
                        Field::ReviewedBy,
                        Field::ReviewedOn,
                    ],
                    requests,
                );
                self.group_ui(
                    ui,
                    "On the open data portal",
                    "What the portal's catalog says of the dataset. Keep the Portal Identifier as the portal gave it: the portal's harvesters match the dataset by it.",
                    &Field::PORTAL,
                    requests,
                );
                self.columns.ui(ui, &self.id, requests);
                self.columns.suggestions_ui(
                    ui,
                    &self.id,
                    &self.dataset,
                    &self.distributions,
                    requests,
                );
                self.distributions_ui(ui, requests);
                if !self.dataset.is_blank(Field::OtherDetails) {
                    self.group_ui(
                        ui,
                        "Other details from imported files",
                        "What an imported file said that fits no other field, kept as written. Move each line to its field, then clear it here.",
                        &[Field::OtherDetails],
                        requests,
                    );
                }
                egui::CollapsingHeader::new(RichText::new("Step 1 prompts").strong())
                    .default_open(false)
                    .show(ui, |ui| {
                        egui::Grid::new("prompts").num_columns(2).show(ui, |ui| {
                            for field in Field::PROMPTS {
                                self.field_row(ui, field, requests);
                            }
                        });
                    });
                egui::Grid::new("kept-by-app")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for field in [Field::InventoryId, Field::LastUpdated] {
                            self.field_row(ui, field, requests);
                        }
                    });
            });
    }

    fn group_ui(
        &mut self,
        ui: &mut Ui,
        title: &str,
        guidance: &str,
        fields: &[Field],
        requests: &mut Vec<Request>,
    ) {
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .default_open(true)
            .show(ui, |ui| {
                ui.label(RichText::new(guidance).weak());
                egui::Grid::new(title)
                    .num_columns(2)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        for field in fields {
                            self.field_row(ui, *field, requests);
                        }
                    });
            });
    }

    /// The dataset's distributions: each with Edit and Remove, and Add.
    fn distributions_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let title = format!("Distributions ({})", self.distributions.len());
        let focus = self.focus == Some(Concerns::Distributions);
        if focus {
            self.focus = None;
        }
        let header = egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt("distributions")
            .default_open(true)
            .open(focus.then_some(true))
            .show(ui, |ui| {
                ui.label(RichText::new("The ways to get the data: the file to download, its data dictionary, a page, an API or a map. The catalog (data.json) lists each one.").weak());
                for (index, d) in self.distributions.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(d.label());
                        let link = [&d.download_url, &d.access_url]
                            .into_iter()
                            .find(|l| !l.is_empty());
                        if let Some(link) = link.filter(|l| l.as_str() != d.label()) {
                            ui.label(RichText::new(link.as_str()).weak());
                        }
                        if !d.format.is_empty() || !d.media_type.is_empty() {
                            let format = if d.format.is_empty() { &d.media_type } else { &d.format };
                            ui.label(RichText::new(format!("({format})")).weak());
                        }
                        if ui.button("Edit").clicked() {
                            self.editing = Some((Some(index), d.clone()));
                        }
                        if ui.button("Remove").clicked() {
                            requests.push(
                                Write::RemoveDistribution {
                                    id: self.id.clone(),
                                    index,
                                }
                                .into(),
                            );
                        }
                    });
                }
                if self.editing.is_none() && ui.button("Add a distribution").clicked() {
                    self.editing = Some((None, Distribution::default()));
                }
                self.distribution_form_ui(ui, requests);
            });
        if focus {
            header
                .header_response
                .scroll_to_me(Some(egui::Align::Center));
        }
    }

    /// The form of the distribution being added or changed.
    fn distribution_form_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some((index, draft)) = &mut self.editing else {
            return;
        };
        let mut done = false;
        ui.group(|ui| {
            egui::Grid::new("distribution-form")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, part) in [
                        ("Title", &mut draft.title),
                        ("Download URL", &mut draft.download_url),
                        ("Access URL", &mut draft.access_url),
                        ("Media Type", &mut draft.media_type),
                        ("File format", &mut draft.format),
                        ("Description", &mut draft.description),
                    ] {
                        let label = ui.label(label);
                        ui.text_edit_singleline(part).labelled_by(label.id);
                        ui.end_row();
                    }
                });
            ui.horizontal(|ui| {
                let save = if index.is_some() {
                    "Save the distribution"
                } else {
                    "Add it"
                };
                if ui
                    .add_enabled(!draft.is_empty(), egui::Button::new(save))
                    .clicked()
                {
                    let id = self.id.clone();
                    let distribution = Distribution::from_parts(draft.parts().map(str::to_string));
                    requests.push(
                        match index {
                            Some(index) => Write::EditDistribution {
                                id,
                                index: *index,
                                distribution,
                            },
                            None => Write::AddDistribution { id, distribution },
                        }
                        .into(),
                    );
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        });
        if done {
            self.editing = None;
        }
    }

    /// Where the dataset is on the review path; moves are made on the Review
    /// screen, where each is checked.
    fn review_line_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        if !self.projects.is_empty() {
            let names: Vec<&str> = self.projects.iter().map(|(_, n)| n.as_str()).collect();
            ui.label(format!("Used by engagement projects: {}", names.join(", ")));
        }
        use crate::model::vocab::Vocabulary;
        ui.horizontal(|ui| {
            ui.label(RichText::new("Status:").strong());
            ui.label(self.dataset.status.label());
            if let Some(decision) = self.dataset.cdo_decision {
                ui.label(RichText::new(format!("(CDO: {})", decision.label())).weak());
            }
            if ui.button("Open in the review path").clicked() {
                requests.push(Request::OpenReview(self.id.clone()));
            }
        });
        let id = self.id.clone();
        self.publish.ui(ui, &id, false, requests);
        if let Some(target) = self.target_missed {
            ui.label(
                RichText::new(format!("⚠ {}", crate::model::target_missed_text(target)))
                    .color(ui.visuals().warn_fg_color),
            );
        }
    }

    /// One field: draws it, and asks for a change to be saved at once.
    fn field_row(&mut self, ui: &mut Ui, field: Field, requests: &mut Vec<Request>) {
        if Field::REVIEW.contains(&field) && self.offered.desk == crate::desk::Desk::Department {
            super::widgets::shown_field(ui, &self.dataset, field);
            return;
        }
        let focus = self.focus == Some(Concerns::Field(field));
        if focus {
            self.focus = None;
        }
        let changed = field_ui(
            ui,
            &self.dataset,
            field,
            &mut self.drafts,
            &self.offered,
            focus,
        );
        let Some(text) = changed else {
            return;
        };
        requests.push(
            Write::SetField {
                id: self.id.clone(),
                field,
                text,
            }
            .into(),
        );
    }

    fn history_ui(&self, ui: &mut Ui) {
        if self.history.is_empty() {
            ui.label("No status changes or review notes yet. They appear here as the dataset moves along the review path.");
            return;
        }
        egui::Grid::new("history")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                ui.strong("When");
                ui.strong("What");
                ui.strong("Who");
                // The note is the words of the person in the Who column.
                ui.strong("Their note");
                ui.end_row();
                for entry in self.history.iter().rev() {
                    ui.label(entry.at.format("%Y-%m-%d %H:%M").to_string());
                    ui.label(entry.summary());
                    ui.label(&entry.by);
                    ui.label(&entry.note);
                    ui.end_row();
                }
            });
    }

    fn confirm_delete_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        if !self.confirm_delete {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("confirm-delete")).show(ui.ctx(), |ui| {
            ui.heading("Delete this dataset?");
            ui.label(format!("\"{}\" ({}) and its review history will be removed. You can undo this right after.", self.dataset.name, self.id));
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    requests.push(Write::Delete(self.id.clone()).into());
                    self.confirm_delete = false;
                }
                if ui.button("Cancel").clicked() {
                    self.confirm_delete = false;
                }
            });
        });
        if modal.should_close() {
            self.confirm_delete = false;
        }
    }
}

/// The dataset's target date if it has passed unpublished, read when the
/// dataset is (re)read, not each frame.
fn missed(d: &Dataset) -> Option<chrono::NaiveDate> {
    crate::model::target_missed(
        d.status,
        d.target_publication_date,
        crate::store::now().date(),
    )
}
