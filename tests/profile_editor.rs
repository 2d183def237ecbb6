//! Describing a dataset's columns from a sample file, in the dataset editor,
//! as a person does it: the button, the file, the columns with their figures
//! and personal data flags, and the access of a column.

mod common;

use common::person::{click, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use inventory_desk::profile::Access;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

#[test]
fn a_sample_is_described_from_the_editor_and_a_personal_column_is_kept_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::parks_at(&dir.path().join("inventory.sqlite3"), &["Park permits"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.path().join("permits.csv");
    std::fs::write(
        &sample,
        "Permit ID,Contact email,Park\n1,ana@example.org,Balboa Park\n2,kim@example.org,Presidio Park\n3,lee@example.org,Balboa Park\n",
    )
    .unwrap();
    let dialogs = FixedDialogs {
        import: Some(sample),
        export: None,
    };
    let app = App::new(store, Box::new(dialogs), Some(Screen::Inventory));
    // Tall enough to show the Columns section without scrolling.
    let mut h = common::harness_sized(app, 4000.0);
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("⬅ Back to the inventory");

    h.get_by_label("Describe the columns from a sample file…")
        .click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label(
        "Described 3 columns from permits.csv (3 rows). 1 column looks like personal data: check who may see it. The rows were not kept.",
    );
    h.get_by_label("Columns (3)");
    h.get_by_label("Whole number");
    h.get_by_label("1 – 3");
    h.get_by_label("Email address");
    h.get_by_label(
        "⚠ The header \"Contact email\" names email addresses, and 3 of 3 values look like email addresses",
    );
    h.get_by_label("(not shown: personal data)");
    h.get_by_label("Balboa Park · Presidio Park");
    assert!(h.query_by_label_contains("ana@example.org").is_none());

    // Not released, with how it is removed.
    h.get_by_role_and_label(Role::ComboBox, "Contact email")
        .click();
    h.run();
    click(&mut h, "Not released");
    let saved = h.state().store().profile(&id).unwrap().unwrap();
    assert_eq!(saved.columns[1].access, Access::NotReleased);
    type_into(&mut h, "Contact email", "Removed from the published file");
    h.key_press(egui::Key::Enter);
    h.run();
    let saved = h.state().store().profile(&id).unwrap().unwrap();
    assert_eq!(
        saved.columns[1].access_note,
        "Removed from the published file"
    );

    // The checklist's privacy section lists the flag, with its access.
    click(&mut h, "Answer the checklist");
    // The checklist is one page: its tab scrolls to the section.
    h.query_all_by_label("6. Classification and privacy")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Personal data in the sample permits.csv:");
    h.get_by_label(
        "• Contact email (Not released): The header \"Contact email\" names email addresses, and 3 of 3 values look like email addresses",
    );
}

/// One dataset of Parks opened in the editor, its columns described from a
/// sample CSV as a person does it: the button, the file, the work done.
fn described_in_editor(
    dir: &std::path::Path,
    dataset: &str,
    file: &str,
    text: &str,
) -> (
    egui_kittest::Harness<'static, App>,
    inventory_desk::model::InventoryId,
) {
    let store = common::parks_at(&dir.join("inventory.sqlite3"), &[dataset]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.join(file);
    std::fs::write(&sample, text).unwrap();
    let dialogs = FixedDialogs {
        import: Some(sample),
        export: None,
    };
    let app = App::new(store, Box::new(dialogs), Some(Screen::Inventory));
    let mut h = common::harness_sized(app, 4000.0);
    common::person::open_first_dataset(&mut h);
    h.get_by_label("Describe the columns from a sample file…")
        .click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    (h, id)
}

#[test]
fn a_column_is_described_in_place_and_the_meter_counts_the_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, id) = described_in_editor(
        dir.path(),
        "Park permits",
        "permits.csv",
        "Park,Height (ft)\nBalboa Park,12\nPresidio Park,40\n",
    );

    // The dictionary waits for its descriptions, and the meter says so.
    h.get_by_label("Data dictionary");
    h.get_by_label("Data dictionary: The columns “Park”, “Height (ft)” have no description yet.");

    // Typed in place, saved when the box is left.
    type_into(&mut h, "Description of Park", "The park the permit is for");
    h.get_by_label("Describe the columns from a sample file…")
        .focus();
    h.run();
    let saved = h.state().store().profile(&id).unwrap().unwrap();
    assert_eq!(saved.columns[0].description, "The park the permit is for");
    h.get_by_label("Data dictionary: The column “Height (ft)” has no description yet.");

    // The drafts fill what is still empty, never what was written.
    click(&mut h, "Fill the empty descriptions with the drafts");
    let saved = h.state().store().profile(&id).unwrap().unwrap();
    assert_eq!(saved.columns[0].description, "The park the permit is for");
    assert_eq!(
        saved.columns[1].description,
        "Height (ft): a whole number, from 12 to 40."
    );
    assert_eq!(saved.columns[1].unit, "feet");
    assert!(
        h.query_by_label_contains("have no description yet")
            .is_none()
            && h.query_by_label_contains("has no description yet")
                .is_none()
    );

    // Where the dictionaries will be published: a web address, or refused.
    type_into(
        &mut h,
        "Where the data dictionaries will be published:",
        "https://data.city.gov/dictionaries/",
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().store().dictionary_base().unwrap().as_deref(),
        Some("https://data.city.gov/dictionaries/")
    );
}

#[test]
fn a_suggestion_from_the_sample_is_taken_with_a_click_or_declined() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, id) = described_in_editor(
        dir.path(),
        "Tree inspections",
        "inspections.csv",
        "Tree ID,Inspected on\n1,2024-01-01\n2,2024-01-08\n3,2024-01-15\n",
    );

    h.get_by_label("Suggested from the sample");
    h.get_by_label("Start Date: 2024-01-01");
    h.get_by_label("(the earliest date in the column \"Inspected on\" of inspections.csv)");
    click(&mut h, "Use the suggested Start Date");
    let d = h.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(d.get(inventory_desk::model::Field::StartDate), "2024-01-01");
    assert!(
        h.query_by_label("Start Date: 2024-01-01").is_none(),
        "taken, no longer offered"
    );

    click(&mut h, "Not the suggested Update Frequency");
    assert!(h.query_by_label("Update Frequency: Weekly").is_none());
    let d = h.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(
        d.get(inventory_desk::model::Field::UpdateFrequency),
        "",
        "declined: left empty"
    );
    h.get_by_label("End Date: 2024-01-15");
}

#[test]
fn the_data_dictionaries_are_written_from_the_file_menu_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &["Park permits"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.path().join("permits.csv");
    std::fs::write(&sample, "Permit ID,Park\n1,Balboa Park\n2,Presidio Park\n").unwrap();
    let profile =
        inventory_desk::profile::profile_file(&sample, &inventory_desk::progress::Unwatched)
            .unwrap();
    store.save_profile(&id, &profile).unwrap();
    store
        .set_column_part(
            &id,
            1,
            inventory_desk::profile::Part::Description,
            "The park the permit is for",
        )
        .unwrap();
    let folder = dir.path().join("dictionaries");
    let dialogs = FixedDialogs {
        import: None,
        export: Some(folder.clone()),
    };
    let app = App::new(store, Box::new(dialogs), Some(Screen::Inventory));
    let mut h = common::harness_sized(app, 1000.0);
    click(&mut h, "File");
    // The work starts at once (a spinner turns): a step, not a run.
    h.get_by_label("Export the data dictionaries…").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    let file = folder.join(format!("{id}.json"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("The park the permit is for"), "{text}");
    h.get_by_label_contains("Wrote 1 data dictionary to");
}
