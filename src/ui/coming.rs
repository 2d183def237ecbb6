//! Screens that later versions fill (review queue, progress, engagement). Each already says what it is for, shows what
//! the inventory knows today, and leads to the place where the work can be done.

use egui::{RichText, Ui};

use super::inventory_table::Row;
use super::{Request, Screen};
use crate::model::Status;
use crate::model::vocab::Vocabulary;

pub fn ui(ui: &mut Ui, screen: Screen, rows: &[Row], requests: &mut Vec<Request>) {
    ui.heading(screen.title());
    match screen {
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
