//! The inventory: the table of datasets, its search, and a new dataset.

use egui_kittest::kittest::Queryable;
use inventory_desk::ui::Screen;

use crate::common::person::{click, type_into};
use crate::parks_on;

#[test]
fn an_inventory_without_datasets_says_so_and_offers_a_new_one() {
    let (_dir, h) = parks_on(Screen::Inventory, &[]);
    h.get_by_label_contains("No datasets yet.");
    h.get_by_label("New dataset");
}

#[test]
fn the_table_lists_every_dataset_by_name() {
    let (_dir, h) = parks_on(Screen::Inventory, &["Street Trees", "Pool Visits"]);
    h.get_by_label("Showing 2 of 2 datasets");
    h.get_by_label("Street Trees");
    h.get_by_label("Pool Visits");
}

#[test]
fn searching_shows_only_the_datasets_that_match() {
    let (_dir, mut h) = parks_on(
        Screen::Inventory,
        &["Street Trees", "Pool Visits", "Tree Permits"],
    );
    type_into(&mut h, "Search", "tree");
    h.get_by_label("Showing 2 of 3 datasets");
    h.get_by_label("Street Trees");
    h.get_by_label("Tree Permits");
    assert!(h.query_by_label("Pool Visits").is_none());
}

#[test]
fn adding_a_dataset_opens_it_and_the_table_lists_it_on_the_way_back() {
    let (_dir, mut h) = parks_on(Screen::Inventory, &["Street Trees"]);
    click(&mut h, "➕ New dataset");
    h.get_by_label("Added PRK-0002. Give it a name and fill in what you know.");
    click(&mut h, "⬅ Back to the inventory");
    h.get_by_label("Showing 2 of 2 datasets");
    h.get_by_label("New dataset");
    assert_eq!(h.state().store().dataset_count().unwrap(), 2);
}

#[test]
fn the_editor_adds_changes_and_removes_a_dataset_s_distributions() {
    // A tall window: the distributions are below every section of the checklist.
    let (_dir, store) = crate::common::parks_file(&["Street Trees"]);
    let app = crate::common::app(store, Screen::Inventory);
    let mut h = crate::common::harness_sized(app, 6000.0);
    click(&mut h, "➕ New dataset");
    h.get_by_label("Distributions (0)");
    click(&mut h, "Add a distribution");
    type_into(&mut h, "Title", "Trees CSV");
    type_into(&mut h, "Download URL", "https://data.city.gov/trees.csv");
    click(&mut h, "Add it");
    h.get_by_label("Distributions (1)");
    h.get_by_label("Trees CSV");
    click(&mut h, "Edit");
    type_into(&mut h, "File format", "CSV");
    click(&mut h, "Save the distribution");
    h.get_by_label("(CSV)");
    click(&mut h, "Remove");
    h.get_by_label("Distributions (0)");
    assert!(h.query_by_label("Trees CSV").is_none());
}

#[test]
fn twins_show_their_ids_and_a_search_finds_the_words_in_any_order() {
    let (_dir, mut h) = parks_on(
        Screen::Inventory,
        &[
            "Sewer Mains",
            "Sewer Mains",
            "East District Sewer Overflows",
        ],
    );
    h.get_by_label("PRK-0001 · Sewer Mains");
    h.get_by_label("PRK-0002 · Sewer Mains");
    h.get_by_label("East District Sewer Overflows");
    type_into(&mut h, "Search", "sewer east");
    h.get_by_label("Showing 1 of 3 datasets");
    h.get_by_label("East District Sewer Overflows");
}

#[test]
fn a_search_that_finds_nothing_says_so_and_clears_with_one_click() {
    let (_dir, mut h) = parks_on(Screen::Inventory, &["Street Trees", "Pool Visits"]);
    type_into(&mut h, "Search", "bridges");
    h.get_by_label("No dataset matches \"bridges\".");
    click(&mut h, "Clear the search");
    h.get_by_label("Showing 2 of 2 datasets");
    h.get_by_label("Street Trees");
}

#[test]
fn a_one_department_inventory_spends_no_column_on_the_department() {
    use egui::accesskit::Role;
    let (_dir, h) = parks_on(Screen::Inventory, &["Street Trees"]);
    // The navigation's Department button, and no column header beside it.
    let buttons = h.query_all_by_role_and_label(Role::Button, "Department");
    assert_eq!(buttons.count(), 1);
    assert!(h.query_by_label("Parks").is_none(), "no cell repeats Parks");
    h.get_by_role_and_label(Role::Button, "Status");
    // The navigation has a Checklist button too: the column's is the second.
    let checklist = h.query_all_by_role_and_label(Role::Button, "Checklist");
    assert_eq!(checklist.count(), 2);
    h.get_by_role_and_label(Role::Button, "Updated");
}

#[test]
fn an_inventory_of_two_departments_shows_each_dataset_s_department() {
    use egui::accesskit::Role;
    use inventory_desk::model::{Dataset, Department};
    let (_dir, mut store) = crate::common::parks_file(&["Street Trees"]);
    let fire: inventory_desk::model::DepartmentCode = "FIR".parse().unwrap();
    store
        .save_department(&Department::new(fire.clone(), "Fire"))
        .unwrap();
    store
        .create_dataset(&fire, Dataset::named("Hydrants"))
        .unwrap();
    let h = crate::common::harness(store, Screen::Inventory);
    let buttons = h.query_all_by_role_and_label(Role::Button, "Department");
    assert_eq!(buttons.count(), 2, "the navigation's and the column's");
    h.get_by_label("Fire");
}

#[test]
fn returned_work_stands_out_with_a_mark_beside_its_status() {
    use inventory_desk::model::Status;
    let (_dir, store, _ids) = crate::parks_with(&[
        ("Street Trees", Status::Returned),
        ("Pool Visits", Status::NotReady),
    ]);
    let h = crate::common::harness(store, Screen::Inventory);
    h.get_by_label("↩ Returned");
    h.get_by_label("Not ready");
}

#[test]
fn a_target_date_passed_before_publication_is_flagged_in_the_table() {
    let (_dir, store) = crate::past_their_target();
    let mut h = crate::common::harness(store, Screen::Inventory);
    h.get_by_label("Approved ⚠ past target");
    h.get_by_label("Published");
    h.get_by_label("Past target date only").click();
    h.run();
    h.get_by_label("Showing 1 of 2 datasets");
}

#[test]
fn a_published_dataset_is_withdrawn_from_the_portal_with_a_reason_not_deleted() {
    use inventory_desk::model::Status;
    let (_dir, store, ids) = crate::parks_with(&[("Pool Visits", Status::Published)]);
    let app = crate::common::app(store, Screen::Inventory);
    let mut h = crate::common::harness_sized(app, 2000.0);
    click(&mut h, "Row 1 of 1: Pool Visits, Published");
    crate::common::person::press(&mut h, egui::Key::Enter);
    assert!(
        h.query_by_label("Delete…").is_none(),
        "open data is permanent"
    );
    click(&mut h, "Withdraw from the portal…");
    h.get_by_label("Withdraw this dataset from the portal?");
    type_into(
        &mut h,
        "Why is it withdrawn? (required)",
        "Holds home addresses",
    );
    click(&mut h, "Withdraw");
    h.get_by_label(&format!(
        "Withdrew Pool Visits ({}) from the portal. It is kept, with the reason, in its history.",
        ids[0]
    ));
    h.get_by_label_contains("Review history (").click();
    h.run();
    h.get_by_label("Withdrawn from the portal: Holds home addresses");
    let d = h.state().store().dataset(&ids[0]).unwrap().unwrap();
    assert_eq!(d.status, Status::Withdrawn);
}
