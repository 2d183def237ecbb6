//! "Start here": the coordinator's path through a first inventory (see
//! `crate::steps`), each step with what is done, and one button for the next.
//! Counted when the screen opens and when the rows arrive; drawing only reads.

use egui::{RichText, Ui};

use super::Screen;
use super::inventory_table::Row;
use super::requests::Request;
use super::widgets::error_text;
use crate::desk::Desk;
use crate::step1::Page;
use crate::steps::{Path, Step};
use crate::store::{Result, Store};

#[derive(Default)]
pub struct StartHere {
    path: Option<Path>,
    desk: Desk,
}

impl StartHere {
    /// Counts what is done; called when the screen opens and when the rows
    /// of a large inventory arrive from the background.
    pub fn refresh(&mut self, store: &Store, rows: &[Row]) -> Result<()> {
        self.desk = store.desk()?;
        self.path = Some(Path::read(store, rows)?);
        Ok(())
    }

    pub fn ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        ui.heading("Start here");
        if self.desk == Desk::CdoOffice {
            cdo_ui(ui, requests);
            return;
        }
        ui.label("Your inventory in five steps. Everything is saved as you go: stop at any time, and this page shows where you are.");
        ui.add_space(10.0);
        let Some(path) = &self.path else {
            error_text(
                ui,
                "The steps could not be counted: open this screen again.",
            );
            return;
        };
        egui::Grid::new("start-here")
            .num_columns(3)
            .spacing([16.0, 10.0])
            .show(ui, |ui| {
                for s in &path.steps {
                    let mark = if s.done { "✔ Done" } else { "To do" };
                    let color = if s.done {
                        ui.visuals().text_color()
                    } else {
                        ui.visuals().weak_text_color()
                    };
                    ui.label(RichText::new(mark).color(color));
                    if ui
                        .link(RichText::new(s.step.title()).strong())
                        .on_hover_text("Go to this step")
                        .clicked()
                    {
                        requests.push(request_for(s.step));
                    }
                    ui.label(&s.progress);
                    ui.end_row();
                }
            });
        ui.add_space(14.0);
        match path.next() {
            Some(step) => {
                // The one thing to do next, in the primary colours.
                let (fill, fg) = super::theme::primary_colours(ui.visuals());
                let button =
                    egui::Button::new(RichText::new(step.action()).strong().size(16.0).color(fg))
                        .fill(fill)
                        .min_size(egui::vec2(260.0, 34.0));
                if ui.add(button).clicked() {
                    requests.push(request_for(step));
                }
            }
            None => {
                ui.label(
                    RichText::new(
                        "Every step is done: your workbook is ready for the Chief Data Officer.",
                    )
                    .strong(),
                );
                ui.label("Keep going at your pace: more datasets through the prompts, more checklists with the stewards, and a new export when the CDO asks for one.");
            }
        }
    }
}

/// Where a step is done.
fn request_for(step: Step) -> Request {
    match step {
        Step::Department => Request::Go(Screen::Department),
        // The systems are named one a line on the wizard's own page, whose
        // Next leads on into the prompts; owners and vendors can wait for
        // the Data Sources screen.
        Step::Systems => Request::Step1From(Page::Systems),
        Step::Prompts => Request::Step1From(Page::Prompt(0)),
        Step::Checklists => Request::Go(Screen::Checklist),
        Step::Export => Request::Export,
    }
}

/// The CDO's desk has no coordinator's path: its work comes in the
/// departments' workbooks and is decided on Review.
fn cdo_ui(ui: &mut Ui, requests: &mut Vec<Request>) {
    ui.label("On the CDO's desk the work comes from the departments: import each department's workbook, decide on its submitted datasets on Review, then export a returned workbook for each department.");
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button("Import a department's workbook…").clicked() {
            requests.push(Request::Import);
        }
        if ui.button("Go to Review").clicked() {
            requests.push(Request::Go(Screen::Review));
        }
    });
}
