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
