//! Start here: the inventory's steps, what is done of each, and one button
//! for the next.

use egui_kittest::kittest::Queryable;
use inventory_desk::model::{Coordinator, Department};
use inventory_desk::step1;
use inventory_desk::ui::Screen;

use crate::common;
use crate::common::person::click;

/// Parks with its coordinator, approver and start date given, two systems,
/// and three datasets, two of them through a prompt.
fn parks_under_way() -> (tempfile::TempDir, inventory_desk::store::Store) {
    let (dir, mut store) = common::parks_file(&["Added by hand"]);
    let mut parks = Department::new(common::parks(), "Parks");
    parks.coordinators = vec![Coordinator {
        name: "Ana Ruiz".into(),
        email: "ana.ruiz@city.gov".into(),
    }];
    parks.approver = "Director Lee".into();
    parks.start_date = chrono::NaiveDate::from_ymd_opt(2026, 9, 1);
    store.save_department(&parks).unwrap();
    step1::add_systems(&mut store, &common::parks(), "Parks GIS\nPermits").unwrap();
    step1::add_datasets(
        &mut store,
        &common::parks(),
        0,
        "Street Trees\nPool Visits",
        "",
    )
    .unwrap();
    (dir, store)
}

#[test]
fn each_step_says_what_is_done_counted_from_the_inventory() {
    let (_dir, store) = parks_under_way();
    let h = common::harness(store, Screen::StartHere);
    h.get_by_label("Coordinator, approver and start date given");
    h.get_by_label("2 systems listed");
    h.get_by_label("2 of 3 datasets through the prompts");
    h.get_by_label("0 checklists complete");
    h.get_by_label("Not exported yet");
}

#[test]
fn the_one_button_leads_to_the_first_step_not_done() {
    let (_dir, store) = parks_under_way();
    let mut h = common::harness(store, Screen::StartHere);
    assert!(
        h.query_by_label("Next: list your systems of record")
            .is_none()
    );
    click(&mut h, "Next: fill a checklist");
    assert_eq!(h.state().screen(), Screen::Checklist);
}

#[test]
fn a_department_without_its_approver_is_the_next_step() {
    let (_dir, store) = common::parks_file(&[]);
    let mut h = common::harness(store, Screen::StartHere);
    h.get_by_label(
        "Still to give: a coordinator, the leadership approver and the inventory start date",
    );
    click(&mut h, "Next: finish the department");
    assert_eq!(h.state().screen(), Screen::Department);
}

#[test]
fn an_inventory_opened_for_the_first_time_shows_its_steps() {
    let (_dir, store) = parks_under_way();
    let app = inventory_desk::ui::App::new(
        store,
        Box::new(inventory_desk::ui::jobs::FixedDialogs::default()),
        None,
    );
    let h = common::harness_with(app);
    assert_eq!(h.state().screen(), Screen::StartHere);
    h.get_by_label("Next: fill a checklist");
}

#[test]
fn the_start_here_title_leads_each_step_to_its_screen() {
    let (_dir, store) = parks_under_way();
    let mut h = common::harness(store, Screen::StartHere);
    click(&mut h, "3. The Step 1 prompts");
    assert_eq!(h.state().screen(), Screen::Step1);
}
