//! The import preview: what a file would change, before anything changes.
//! Counts, each dataset with its changed fields old ➡ new, conflicts side by side
//! with a choice per field, errors with sheet and cell, and Apply or Cancel.

use std::collections::HashMap;

use egui::{Color32, RichText, Ui};

use super::Request;
use super::import_held::HeldState;
use super::pager::Pager;
use crate::model::InventoryId;
use crate::model::vocab::Vocabulary;
use crate::word_diff::{Part, is_long, word_diff};
use crate::workbook::columns::column;
use crate::workbook::limits::count_of;
use crate::workbook::merge::{
    CheckChange, Choice, Decisions, FieldChange, ItemKind, Plan, PlanChange, PlanItem, describe,
    describe_check, describe_plan_change,
};
use crate::workbook::plan_attributes::AttributeChange;

pub struct ImportPreview {
    pub plan: Plan,
    pub decisions: Decisions,
    show_unchanged: bool,
    /// Fixes typed for held rows, the department chosen, the new codes.
    held: HeldState,
    /// Each dataset's checklist answers, plan and dictionary changes, found
    /// once rather than by scanning every change for every card each frame.
    by_dataset: ByDataset,
    /// The items a card is shown for (indexes into `plan.items`), for the
    /// value of `show_unchanged` they were listed with.
    shown: Option<(bool, Vec<usize>)>,
    /// The page of `shown` on screen.
    pager: Pager,
}

/// Where each dataset's other changes are in the plan.
#[derive(Default)]
struct ByDataset {
    checks: HashMap<InventoryId, Vec<usize>>,
    attributes: HashMap<InventoryId, Vec<usize>>,
    plans: HashMap<InventoryId, usize>,
}

impl ByDataset {
    fn of(plan: &Plan) -> Self {
        let mut index = ByDataset::default();
        for (k, c) in plan.checks.iter().enumerate() {
            index.checks.entry(c.id.clone()).or_default().push(k);
        }
        for (k, c) in plan.attribute_changes.iter().enumerate() {
            index.attributes.entry(c.id.clone()).or_default().push(k);
        }
        for (k, c) in plan.plan_changes.iter().enumerate() {
            index.plans.entry(c.id.clone()).or_insert(k);
        }
        index
    }

    fn checks<'p>(&self, plan: &'p Plan, id: Option<&InventoryId>) -> Vec<&'p CheckChange> {
        let found = id.and_then(|id| self.checks.get(id));
        found.map_or_else(Vec::new, |ks| ks.iter().map(|&k| &plan.checks[k]).collect())
    }

    fn attributes<'p>(&self, plan: &'p Plan, id: Option<&InventoryId>) -> Vec<&'p AttributeChange> {
        let found = id.and_then(|id| self.attributes.get(id));
        found.map_or_else(Vec::new, |ks| {
            ks.iter().map(|&k| &plan.attribute_changes[k]).collect()
        })
    }

    fn plan<'p>(&self, plan: &'p Plan, id: Option<&InventoryId>) -> Option<&'p PlanChange> {
        let k = id.and_then(|id| self.plans.get(id))?;
        Some(&plan.plan_changes[*k])
    }

    /// Whether an unchanged dataset has nothing else to show either.
    fn quiet(&self, item: &PlanItem) -> bool {
        let id = item.id.as_ref();
        id.is_none_or(|id| {
            !self.checks.contains_key(id)
                && !self.attributes.contains_key(id)
                && !self.plans.contains_key(id)
        }) && item.notes.is_empty()
    }
}

impl ImportPreview {
    pub fn new(plan: Plan) -> Self {
        ImportPreview {
            by_dataset: ByDataset::of(&plan),
            plan,
            decisions: Decisions::default(),
            show_unchanged: false,
            held: HeldState::default(),
            shown: None,
            pager: Pager::default(),
        }
    }

    /// The items with a card: all of them, or all but the unchanged ones
    /// with nothing else to show.
    fn shown(&mut self) -> &[usize] {
        let listed_for = self.shown.as_ref().map(|(with, _)| *with);
        if listed_for != Some(self.show_unchanged) {
            let items = self.plan.items.iter().enumerate();
            let list = items
                .filter(|(_, item)| {
                    self.show_unchanged
                        || item.kind != ItemKind::Unchanged
                        || !self.by_dataset.quiet(item)
                })
                .map(|(k, _)| k)
                .collect();
            self.shown = Some((self.show_unchanged, list));
            self.pager.reset();
        }
        self.shown.as_ref().map_or(&[], |(_, list)| list)
    }

    pub fn ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let file = self
            .plan
            .file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        ui.heading(format!("Import preview: {file}"));
        if self.plan.has_errors() {
            // What stops the file first; the columns below may be the fix.
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    self.errors_ui(ui, requests);
                    if let Some(mapping) = &self.plan.mapping {
                        super::import_mapping::mapping_ui(
                            ui,
                            mapping,
                            &self.plan.choices,
                            requests,
                        );
                    }
                });
            return;
        }
        ui.label(if self.plan.three_way {
            "This file is one you exported. Changes made by the CDO are shown below; your own changes since the export are kept."
        } else {
            "This file did not come from this inventory's exports, so every difference is shown as a change."
        });
        self.counts_ui(ui);
        // Apply and Cancel stay in sight; everything to read or choose scrolls.
        let codes_ok = self.held.codes_ok(&self.plan);
        self.actions_ui(ui, codes_ok, requests);
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                // Long lines wrap at the window's edge, not at the widest table's.
                ui.set_max_width(ui.available_width());
                if let Some(mapping) = &self.plan.mapping {
                    super::import_mapping::mapping_ui(ui, mapping, &self.plan.choices, requests);
                }
                self.held.department_ui(ui, &self.plan, requests);
                self.review_path_ui(ui);
                self.held.new_departments_ui(ui, &mut self.plan);
                department_details_ui(ui, &self.plan);
                super::import_lists::ui(ui, &self.plan, &mut self.decisions);
                super::import_values::values_ui(ui, &self.plan, requests);
                self.held.held_ui(ui, &self.plan, requests);
                self.notes_ui(ui);
                self.items_ui(ui);
            });
    }

    /// The file's notes (columns kept aside, values read differently…): folded
    /// when there are many, so the changes stay in reach.
    fn notes_ui(&self, ui: &mut Ui) {
        let notes = &self.plan.warnings;
        if notes.is_empty() {
            return;
        }
        egui::CollapsingHeader::new(format!(
            "{} about the file",
            count_of(notes.len(), "note", "notes")
        ))
        .default_open(notes.len() <= 12)
        .show(ui, |ui| {
            for w in notes {
                ui.label(RichText::new(format!("Note: {w}")).weak());
            }
        });
    }

    /// Apply, Cancel and the unchanged datasets' switch.
    fn actions_ui(&mut self, ui: &mut Ui, codes_ok: bool, requests: &mut Vec<Request>) {
        ui.horizontal(|ui| {
            let accepted = self
                .plan
                .items
                .iter()
                .filter(|i| {
                    i.kind != ItemKind::Unchanged && !self.decisions.rejected.contains(&i.row)
                })
                .count();
            let apply = super::widgets::primary_button_enabled(
                ui,
                self.plan.has_changes() && codes_ok,
                apply_label(
                    accepted,
                    self.plan.checklist() + self.plan.plans() + self.plan.attributes(),
                ),
            );
            if apply.clicked() {
                requests.push(Request::ApplyImport);
            }
            if ui.button("Cancel").clicked() {
                requests.push(Request::CancelImport);
            }
            ui.checkbox(&mut self.show_unchanged, "Show unchanged datasets");
        });
    }

    /// What the review path did not let the file do: new datasets that start
    /// as Not ready, and each status move refused.
    fn review_path_ui(&self, ui: &mut Ui) {
        let refused = self.plan.refused_moves();
        for line in crate::workbook::path::new_rows_summary(&refused) {
            ui.label(RichText::new(line).italics());
        }
        let moves: Vec<_> = refused.iter().filter(|m| m.from.is_some()).collect();
        if moves.is_empty() {
            return;
        }
        ui.label(format!(
            "{} the review path does not allow:",
            count_of(moves.len(), "status change", "status changes")
        ));
        for m in moves {
            ui.label(RichText::new(m.describe()).italics());
        }
    }

    fn counts_ui(&self, ui: &mut Ui) {
        let p = &self.plan;
        ui.horizontal_wrapped(|ui| {
            for (label, n) in [
                ("added", p.count(ItemKind::Added)),
                ("changed", p.count(ItemKind::Changed)),
                ("unchanged", p.count(ItemKind::Unchanged)),
                ("reviewed by the CDO", p.reviewed()),
                ("conflicts", p.conflicts()),
                ("not in the file", p.not_in_file.len()),
                ("checklist answers changed", p.checklist()),
                ("publication plans changed", p.plans()),
                ("data dictionary entries changed", p.attributes()),
            ] {
                ui.label(RichText::new(n.to_string()).strong().size(18.0));
                ui.label(label);
                ui.add_space(12.0);
            }
        });
        if !p.not_in_file.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{} datasets are not in the file; they stay as they are.",
                    p.not_in_file.len()
                ))
                .weak(),
            );
        }
        if !p.new_sources.is_empty() {
            let names: Vec<&str> = p.new_sources.iter().map(|s| s.name.as_str()).collect();
            ui.label(format!("New systems of record: {}", names.join(", ")));
        }
    }

    /// The datasets' cards, a page at a time.
    fn items_ui(&mut self, ui: &mut Ui) {
        let total = self.shown().len();
        self.pager.ui(ui, total, "Datasets", "above");
        let range = self.pager.range(total);
        let on_page: Vec<usize> = self.shown()[range].to_vec();
        for k in on_page {
            self.item_ui(ui, k);
        }
        self.pager.ui_below(ui, total, "Datasets");
    }

    /// One dataset's card: its changes, its checklist answers, plan and
    /// dictionary, its conflicts with a choice each.
    fn item_ui(&mut self, ui: &mut Ui, k: usize) {
        {
            let item = &self.plan.items[k];
            let checks = self.by_dataset.checks(&self.plan, item.id.as_ref());
            let plan_change = self.by_dataset.plan(&self.plan, item.id.as_ref());
            let attributes = self.by_dataset.attributes(&self.plan, item.id.as_ref());
            let quiet = self.by_dataset.quiet(item);
            let id = item
                .id
                .as_ref()
                .map(|i| i.to_string())
                .unwrap_or_else(|| "new".into());
            let tag = match item.kind {
                ItemKind::Added => "New",
                ItemKind::Changed if !item.conflicts.is_empty() => "Conflict",
                ItemKind::Changed => "Changed",
                ItemKind::Unchanged => "Unchanged",
            };
            let applies = applies(
                item,
                &checks,
                plan_change.is_some() || !attributes.is_empty(),
                &self.decisions,
            );
            card(ui, applies, |ui| {
                ui.horizontal(|ui| {
                    let mut accept = !self.decisions.rejected.contains(&item.row);
                    if !applies {
                        // Nothing of this row would change the inventory: no
                        // tick that would say otherwise.
                        ui.label(RichText::new(&item.name).strong());
                        ui.label(
                            RichText::new("✋ Will not be applied")
                                .strong()
                                .color(ui.visuals().warn_fg_color),
                        );
                    } else if item.kind != ItemKind::Unchanged || !quiet {
                        let checkbox = ui.checkbox(&mut accept, RichText::new(&item.name).strong());
                        if checkbox
                            .on_hover_text("Untick to leave this dataset as it is")
                            .changed()
                        {
                            if accept {
                                self.decisions.rejected.remove(&item.row);
                            } else {
                                self.decisions.rejected.insert(item.row);
                            }
                        }
                    } else {
                        ui.label(RichText::new(&item.name).strong());
                    }
                    ui.label(RichText::new(format!("{id} · row {} · {tag}", item.row + 1)).weak());
                });
                for change in &item.changes {
                    if item.kind == ItemKind::Added {
                        continue;
                    }
                    change_ui(ui, change);
                }
                if item.kind == ItemKind::Added {
                    ui.label(
                        RichText::new(format!("{} fields filled in", item.changes.len())).weak(),
                    );
                }
                if let Some(refused) = &item.refused {
                    ui.label(
                        RichText::new(format!(
                            "Not applied: the status stays {}.",
                            refused.from.map_or("Not ready", |s| s.label())
                        ))
                        .color(ui.visuals().warn_fg_color),
                    );
                }
                for note in &item.notes {
                    ui.add(egui::Label::new(RichText::new(note).italics()).wrap());
                }
                if let Some(change) = plan_change {
                    ui.label(describe_plan_change(change));
                }
                for check in &checks {
                    ui.label(format!("Checklist · {}", describe_check(check)));
                }
                for change in &attributes {
                    ui.label(format!(
                        "Data dictionary · {}",
                        crate::workbook::plan_attributes::describe_attribute(change)
                    ));
                }
                for conflict in &item.conflicts {
                    let header = column(conflict.field).header;
                    ui.label(
                        RichText::new(format!("{header}: changed by you and by the CDO"))
                            .color(Color32::from_rgb(200, 120, 0)),
                    );
                    let key = (item.row, conflict.field);
                    let mut choice = self
                        .decisions
                        .conflicts
                        .get(&key)
                        .copied()
                        .unwrap_or_default();
                    ui.horizontal_wrapped(|ui| {
                        ui.radio_value(
                            &mut choice,
                            Choice::Yours,
                            format!("Keep yours: {}", shown(&conflict.yours)),
                        );
                        ui.radio_value(
                            &mut choice,
                            Choice::Theirs,
                            format!("Take the CDO's: {}", shown(&conflict.theirs)),
                        );
                    });
                    if is_long(&conflict.yours) || is_long(&conflict.theirs) {
                        ui.label(RichText::new("From yours to the CDO's, word by word:").weak());
                        diff_ui(ui, &conflict.yours, &conflict.theirs);
                    }
                    if choice == Choice::Yours {
                        ui.label(
                            RichText::new(format!(
                                "Not applied: the file's {header} is left out; yours stays."
                            ))
                            .color(ui.visuals().warn_fg_color),
                        );
                    }
                    self.decisions.conflicts.insert(key, choice);
                }
            });
        }
    }

    fn errors_ui(&self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let n = self.plan.errors.len();
        ui.label(
            RichText::new(format!(
                "The file has {}, so nothing was imported. Fix {} in the file and import it again.",
                count_of(n, "problem", "problems"),
                if n == 1 { "it" } else { "them" }
            ))
            .color(ui.visuals().error_fg_color),
        );
        if ui.button("Close").clicked() {
            requests.push(Request::CancelImport);
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::Grid::new("import-errors")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for h in ["Sheet", "Cell", "Column", "What is wrong"] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for e in &self.plan.errors {
                            ui.label(&e.sheet);
                            ui.label(&e.cell);
                            ui.label(&e.column);
                            ui.label(&e.message);
                            ui.end_row();
                        }
                    });
            });
    }
}

/// Whether anything of a row would change the inventory: a field, a
/// checklist answer, a publication plan, or a conflict settled with the
/// file's value. A row whose status move is refused and whose conflicts all
/// keep yours changes nothing.
fn applies(
    item: &PlanItem,
    checks: &[&crate::workbook::merge::CheckChange],
    plan_change: bool,
    decisions: &Decisions,
) -> bool {
    let quiet = checks.is_empty() && !plan_change;
    let takes_theirs = item
        .conflicts
        .iter()
        .any(|c| decisions.conflicts.get(&(item.row, c.field)).copied() == Some(Choice::Theirs));
    match item.kind {
        ItemKind::Added => true,
        ItemKind::Changed => !item.changes.is_empty() || takes_theirs || !quiet,
        // Shown for a note (a refused move) or its answers and plan.
        ItemKind::Unchanged => !quiet,
    }
}

/// A dataset's card: a plain group, or, when nothing in it will be applied,
/// a group drawn in the warning colour on a faint fill, so that it looks
/// unlike the cards that will change the inventory.
pub fn card<R>(ui: &mut Ui, applies: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let mut frame = egui::Frame::group(ui.style());
    if !applies {
        frame = frame
            .stroke(egui::Stroke::new(2.0, ui.visuals().warn_fg_color))
            .fill(ui.visuals().faint_bg_color);
    }
    frame.show(ui, add).inner
}

/// One changed field: "Header: old ➡ new" on a line, or, for a long text,
/// the header and the whole text with the words removed and added marked.
fn change_ui(ui: &mut Ui, change: &FieldChange) {
    if !is_long(&change.old) && !is_long(&change.new) {
        ui.label(describe(change));
        return;
    }
    ui.label(format!(
        "{}, word by word ([− removed] [+ added]):",
        column(change.field).header
    ));
    diff_ui(ui, &change.old, &change.new);
}

/// The whole of the new text, wrapping, with the words it removes struck
/// through and the words it adds underlined, each in its colour and inside
/// `[− …]` / `[+ …]`, so that colour is not the only sign.
pub fn diff_ui(ui: &mut Ui, old: &str, new: &str) {
    let runs = word_diff(old, new);
    let visuals = ui.visuals();
    let (removed, added) = if visuals.dark_mode {
        (visuals.error_fg_color, Color32::from_rgb(0x81, 0xc9, 0x95))
    } else {
        (visuals.error_fg_color, Color32::from_rgb(0x1b, 0x6b, 0x2c))
    };
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style().clone();
    let mut add = |text: RichText| {
        text.append_to(
            &mut job,
            &style,
            egui::FontSelection::Default,
            egui::Align::Min,
        )
    };
    for (part, text) in &runs {
        match part {
            Part::Same => add(RichText::new(*text)),
            Part::Removed => add(RichText::new(format!("[− {text}]"))
                .strikethrough()
                .color(removed)),
            Part::Added => add(RichText::new(format!("[+ {text}]"))
                .underline()
                .strong()
                .color(added)),
        }
    }
    if runs.is_empty() {
        add(RichText::new("(empty)").weak());
    }
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| ui.add(egui::Label::new(job).wrap()));
}

/// "Apply 3 datasets", "Apply 3 datasets and 2 other changes" (checklist
/// answers and publication plans).
fn apply_label(datasets_accepted: usize, others: usize) -> String {
    match others {
        0 => format!("Apply {}", datasets(datasets_accepted)),
        1 => format!("Apply {} and 1 other change", datasets(datasets_accepted)),
        n => format!(
            "Apply {} and {n} other changes",
            datasets(datasets_accepted)
        ),
    }
}

/// "1 dataset", "7 datasets".
fn datasets(n: usize) -> String {
    if n == 1 {
        "1 dataset".into()
    } else {
        format!("{n} datasets")
    }
}

fn shown(value: &str) -> String {
    if value.is_empty() {
        "(empty)".into()
    } else {
        crate::model::dataset::shorten(value)
    }
}

/// What the file's Departments sheet brings of departments' people and start
/// dates, a line each, so no department's details change unseen.
fn department_details_ui(ui: &mut Ui, plan: &crate::workbook::merge::Plan) {
    if plan.department_updates.is_empty() {
        return;
    }
    ui.label(RichText::new("Departments' details").strong());
    for line in plan.department_updates.iter().flat_map(|u| u.describe()) {
        ui.add(egui::Label::new(line).wrap());
    }
}
