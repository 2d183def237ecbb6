//! Review: the path from Not ready to Published, list by list.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use inventory_desk::model::Status;
use inventory_desk::ui::Screen;

use crate::common;
use crate::common::person::click;
use crate::{parks_on, parks_with};

#[test]
fn an_inventory_with_nothing_returned_says_so() {
    let (_dir, h) = parks_on(Screen::Review, &["Street Trees"]);
    h.get_by_label("Returned work (0)");
    h.get_by_label("Nothing sent back: no returned work.");
    h.get_by_label("Choose a dataset in the list.");
}

#[test]
fn a_submitted_dataset_waits_for_the_cdo() {
    let (_dir, store, _) = parks_with(&[("Street Trees", Status::Submitted)]);
    let mut h = common::harness(store, Screen::Review);
    click(&mut h, "Waiting for the CDO (1)");
    h.get_by_role_and_label(Role::Button, "Street Trees");
}

#[test]
fn returned_work_with_a_complete_checklist_is_submitted_again() {
    let (_dir, mut store, ids) = parks_with(&[("Street Trees", Status::Returned)]);
    let id = &ids[0];
    inventory_desk::demo::complete_checklist(&mut store, id).unwrap();
    let mut h = common::harness(store, Screen::Review);
    h.get_by_label("Returned work (1)");
    click(&mut h, "Submit for review");
    h.get_by_label("Returned work (0)");
    h.get_by_label("Waiting for the CDO (1)");
    let status = h.state().store().dataset(id).unwrap().unwrap().status;
    assert_eq!(status, Status::Submitted);
}
