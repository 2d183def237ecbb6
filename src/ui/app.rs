//! The eframe app: state, navigation, dialogs.

use super::Launch;

pub struct App {
    launch: Launch,
}

impl App {
    pub fn new(_cc: &eframe::CreationContext<'_>, launch: Launch) -> Self {
        App { launch }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Inventory Desk");
            ui.label(format!("Inventory file: {}", self.launch.db.display()));
        });
    }
}
