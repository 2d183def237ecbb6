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
