//! The import preview's value maps, used as a coordinator would: by the labels
//! on the screen (issue 15, item 3).

mod common;

use common::demo_store;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use inventory_desk::model::Classification;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

/// Lets the app's background work (reading the file) finish and draws it.
fn finish(h: &mut egui_kittest::Harness<'static, App>) {
    h.step();
    h.state_mut().finish_job();
    h.run();
}

#[test]
fn choosing_what_a_value_means_in_the_preview_reads_the_file_again_and_imports_it_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("district.csv");
    std::fs::write(
        &file,
        "Dataset Name,Data Classification,Update Frequency\n\
         Fleet,For District Government Use,Daily\n\
         Crashes,Open,Unknown\n",
    )
    .unwrap();
    let dialogs = FixedDialogs {
        import: Some(file),
        export: None,
    };
    let app = App::new(
        demo_store(&dir, 3),
        Box::new(dialogs),
        Some(Screen::Inventory),
    );
    let mut h = common::harness_sized(app, 1400.0);
    h.get_by_label("📥 Import…").click();
    finish(&mut h);
    h.get_by_label("Import preview: district.csv");
    h.get_by_label("Values the app does not know (1)");
    h.get_by_label("1 (first in B2)");
    h.get_by_label_contains("Read differently from the file");
    h.get_by_label_contains("The file says \"Unknown\" in 1 row of Update Frequency");
    h.get_by_label_contains("The file says \"Open\" in 1 row of Data Classification");

    // Kept as written until a choice is made.
    h.get_by_role_and_label(Role::ComboBox, "For District Government Use")
        .click();
    h.run();
    // The file is read again, in the background, with that choice.
    h.get_by_role_and_label(Role::Button, "Protected").click();
    finish(&mut h);
    h.get_by_label("Import preview: district.csv");
    let combo = h.get_by_role_and_label(Role::ComboBox, "For District Government Use");
    assert_eq!(
        combo.value().as_deref(),
        Some("Protected"),
        "the choice is shown"
    );

    h.get_by_label("Apply 2 datasets").click();
    finish(&mut h);
    let fleet = h
        .state()
        .store()
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "Fleet")
        .unwrap();
    assert_eq!(fleet.classification, Some(Classification::Protected));
    assert_eq!(fleet.other_details, "");
}
