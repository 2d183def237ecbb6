//! Progress: the three steps and the counts of the inventory.

use egui_kittest::kittest::Queryable;
use inventory_desk::model::Status;
use inventory_desk::ui::Screen;

use crate::common;
use crate::{parks_on, parks_with};

#[test]
fn the_three_steps_are_shown_in_order() {
    let (_dir, h) = parks_on(Screen::Progress, &[]);
    h.get_by_label("The three steps");
    h.get_by_label("1. Systems of record");
    h.get_by_label("2. Datasets (the eight prompts)");
    h.get_by_label("3. Attributes (the checklist)");
    h.get_by_label("0 systems listed");
}

#[test]
fn the_datasets_are_counted_by_status() {
    let (_dir, store, _) = parks_with(&[
        ("Street Trees", Status::NotReady),
        ("Pool Visits", Status::NotReady),
        ("Tree Permits", Status::Submitted),
    ]);
    let h = common::harness(store, Screen::Progress);
    h.get_by_label("Not ready: 2");
    h.get_by_label("Submitted for review: 1");
    h.get_by_label("Published: 0");
    h.get_by_label("3 datasets; 0 of 8 prompts answered");
}

#[test]
fn rows_that_arrive_from_the_background_are_counted_without_leaving_the_screen() {
    let (dir, store) = common::parks_file(&[]);
    let mut h = common::harness(store, Screen::Progress);
    h.get_by_label("Not ready: 0");
    // Another connection adds what a large inventory holds, then the rows
    // are read in the background as when a large inventory opens.
    let mut other =
        inventory_desk::store::Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    for name in ["Street Trees", "Pool Visits", "Tree Permits"] {
        other
            .create_dataset(
                &common::parks(),
                inventory_desk::model::Dataset::named(name),
            )
            .unwrap();
    }
    h.state_mut().start_load(3);
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label("Not ready: 3");
}

#[test]
fn the_publishing_plan_flags_a_target_date_passed_before_publication() {
    let (_dir, store) = crate::past_their_target();
    // Tall enough to draw the plan, which a person scrolls to.
    let mut h = common::harness_sized(common::app(store, Screen::Progress), 2400.0);
    h.get_by_label("2 planned, 1 published, 1 past the target ⚠");
    h.get_by_label("Datasets planned for 2020-01").click();
    h.run();
    h.get_by_label("Street Trees (Approved, ⚠ past its target date)");
}
