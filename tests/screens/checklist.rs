//! Checklist: the data submission checklist, one dataset at a time.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use inventory_desk::questions::Bank;
use inventory_desk::ui::Screen;

use crate::common::person::{click, type_into};
use crate::parks_on;

#[test]
fn every_dataset_of_the_department_can_be_chosen() {
    let (_dir, h) = parks_on(Screen::Checklist, &["Street Trees", "Pool Visits"]);
    h.get_by_label("Data submission checklist");
    h.get_by_label("0 of 2 datasets complete; 0 past Not ready.");
    h.get_by_label("Street Trees");
    h.get_by_label("Pool Visits");
}

#[test]
fn finding_a_dataset_narrows_the_list() {
    let (_dir, mut h) = parks_on(Screen::Checklist, &["Street Trees", "Pool Visits"]);
    type_into(&mut h, "Find a dataset:", "pool");
    h.get_by_label("Pool Visits");
    assert!(h.query_by_label("Street Trees").is_none());
}

#[test]
fn an_inventory_without_datasets_says_where_to_list_them() {
    let (_dir, h) = parks_on(Screen::Checklist, &[]);
    h.get_by_label("No datasets yet: list them in the Step 1 prompts or on the Inventory screen.");
}

#[test]
fn choosing_a_dataset_opens_its_checklist_at_the_first_section() {
    let (_dir, mut h) = parks_on(Screen::Checklist, &["Street Trees"]);
    click(&mut h, "Street Trees");
    // The section's heading (its tab has the same words).
    let sections = &Bank::checklist().sections;
    h.get_by_role_and_label(Role::Label, &format!("1. {}", sections[0].title));
    click(&mut h, "Next section ➡");
    h.get_by_role_and_label(Role::Label, &format!("2. {}", sections[1].title));
    click(&mut h, "⬅ All datasets");
    h.get_by_label("Data submission checklist");
}

/// Parks with its approver, a system and its owner, and Street Trees kept in
/// that system; the checklist open on Street Trees at `section`.
fn trees_with_what_the_app_knows(
    section: usize,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, inventory_desk::ui::App>,
) {
    use inventory_desk::model::{DataSource, Dataset, Department};
    let (dir, mut store) = crate::common::parks_file(&[]);
    let parks = crate::common::parks();
    let mut d = Department::new(parks.clone(), "Parks");
    d.approver = "Director Lee".into();
    store.save_department(&d).unwrap();
    store
        .save_source(&DataSource {
            department: Some(parks.clone()),
            name: "Parks GIS".into(),
            business_owner: "Kim Park".into(),
            ..DataSource::default()
        })
        .unwrap();
    let mut trees = Dataset::named("Street Trees");
    trees.system_of_record = "Parks GIS".into();
    let id = store.create_dataset(&parks, trees).unwrap().id.unwrap();
    store
        .set_setting("checklist.dataset", &id.to_string())
        .unwrap();
    store
        .set_setting("checklist.section", &section.to_string())
        .unwrap();
    (dir, crate::common::harness(store, Screen::Checklist))
}

fn trees(
    h: &egui_kittest::Harness<'static, inventory_desk::ui::App>,
) -> inventory_desk::model::Dataset {
    h.state().store().datasets().unwrap().remove(0)
}

#[test]
fn the_owner_of_the_dataset_s_system_is_suggested_as_its_steward() {
    let (_dir, mut h) = trees_with_what_the_app_knows(0);
    click(&mut h, "Data Steward: Kim Park");
    assert_eq!(trees(&h).steward, "Kim Park");
    assert!(
        h.query_by_label("Data Steward: Kim Park").is_none(),
        "a suggestion taken is not offered again"
    );
}

#[test]
fn the_department_s_approver_is_suggested_for_the_approval() {
    let approval = Bank::checklist()
        .sections
        .iter()
        .position(|s| s.id == "approval")
        .unwrap();
    let (_dir, mut h) = trees_with_what_the_app_knows(approval);
    click(&mut h, "Approved by Department: Director Lee");
    assert_eq!(trees(&h).approved_by, "Director Lee");
}

#[test]
fn an_unanswered_approval_date_shows_no_date() {
    let approval = Bank::checklist()
        .sections
        .iter()
        .position(|s| s.id == "approval")
        .unwrap();
    let (_dir, mut h) = trees_with_what_the_app_knows(approval);
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert!(h.query_by_label_contains(&today).is_none());
    click(&mut h, "Department Approval Date: today");
    assert_eq!(
        trees(&h).approval_date,
        Some(chrono::Local::now().date_naive())
    );
}
