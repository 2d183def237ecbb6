//! Screens that later versions fill (Step 1 wizard, checklist wizard, review
//! queue, progress, engagement). Each already says what it is for, shows what
//! the inventory knows today, and leads to the place where the work can be done.

use egui::{RichText, Ui};

use super::inventory_table::Row;
use super::{Request, Screen};
use crate::model::vocab::Vocabulary;
use crate::model::{Field, Status};
use crate::workbook::columns::column;

/// The eight Step 1 prompts, in the inventory guide's words.
pub const PROMPTS: [&str; 8] = [
    "Directly related to citywide goals or priorities?",
    "Related to your department's mission? Consider your department's strategic plan, any existing goals or performance objectives, your department's website, and any regular reports.",
    "Regularly or frequently requested through Right to Know requests, FOIA requests, or 311 requests?",
    "Used in performance-based budgeting or evaluation (if applicable)?",
    "Used to compile reports for a legislative body (city council or cabinet meeting)?",
    "Used for reports on federal, state, or nonprofit grants?",
    "Used to record a measurement or transaction, and/or provides information on government services, initiatives or resources?",
    "Drive lists, tables, graphs, charts, maps, or other visualizations that your department uses?",
];

pub fn ui(ui: &mut Ui, screen: Screen, rows: &[Row], requests: &mut Vec<Request>) {
    ui.heading(screen.title());
    match screen {
        Screen::Step1 => step1(ui, rows),
        Screen::Checklist => checklist(ui, rows),
        Screen::Review => review(ui, rows),
        Screen::Progress => progress(ui, rows),
        Screen::Engagement => engagement(ui),
        _ => {}
    }
    ui.add_space(12.0);
    if ui.button("Go to the inventory").clicked() {
        requests.push(Request::Go(Screen::Inventory));
    }
}

fn step1(ui: &mut Ui, rows: &[Row]) {
    ui.label("Of the data that you regularly create, maintain, or manage, which datasets are…");
    ui.label(RichText::new("A page per prompt is on its way. Today, tick the prompts a dataset answers in its editor, under \"Step 1 prompts\".").weak());
    ui.add_space(8.0);
    egui::Grid::new("prompts")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for (i, (prompt, field)) in PROMPTS.iter().zip(Field::PROMPTS).enumerate() {
                let count = rows.iter().filter(|r| r.prompts & (1 << i) != 0).count();
                ui.label(format!("{}.", i + 1));
                // The count first: a long prompt must not push it off the screen.
                ui.label(format!("{count} datasets"));
                ui.add(egui::Label::new(*prompt).wrap())
                    .on_hover_text(column(field).help);
                ui.end_row();
            }
        });
}

fn checklist(ui: &mut Ui, rows: &[Row]) {
    ui.label("The data submission checklist, filled with each dataset's data steward: description, source, coverage, refresh, publication, privacy, quality, value and approval.");
    ui.label(RichText::new("Open a dataset from the inventory to answer its checklist; the editor groups the questions by these sections and shows what is missing.").weak());
    let complete = rows.iter().filter(|r| r.complete == 100).count();
    ui.label(format!(
        "{complete} of {} datasets have a complete checklist.",
        rows.len()
    ));
}

fn review(ui: &mut Ui, rows: &[Row]) {
    ui.label("The review path: Not ready ➡ Submitted for review ➡ Approved ➡ Published, or Returned / Not publishable with the CDO's notes.");
    status_counts(ui, rows);
}

fn progress(ui: &mut Ui, rows: &[Row]) {
    ui.label("The three steps of the inventory (systems, datasets, attributes), one month each, and where every dataset stands.");
    status_counts(ui, rows);
}

fn engagement(ui: &mut Ui) {
    ui.label("Tactical Data Engagement: work with residents on the use of open data in four steps: Find, Refine, Design, Implement.");
    ui.label(
        RichText::new(
            "Focus areas, use cases and plans linked to your datasets will be kept here.",
        )
        .weak(),
    );
}

fn status_counts(ui: &mut Ui, rows: &[Row]) {
    egui::Grid::new("status-counts")
        .num_columns(2)
        .show(ui, |ui| {
            for status in Status::ALL {
                ui.label(status.label());
                ui.label(
                    rows.iter()
                        .filter(|r| r.status == *status)
                        .count()
                        .to_string(),
                );
                ui.end_row();
            }
        });
}
