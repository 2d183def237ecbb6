//! Department: the department's name, approver and coordinators.

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use inventory_desk::ui::Screen;

use crate::common::person::{click, type_into};
use crate::parks_on;

/// The words of the one message that contains `part`.
fn said(h: &egui_kittest::Harness<'static, inventory_desk::ui::App>, part: &str) -> String {
    let node = h.get_by_label_contains(part);
    let node = node.accesskit_node();
    node.label().or_else(|| node.value()).unwrap_or_default()
}

#[test]
fn the_department_is_shown_with_its_name_and_code() {
    let (_dir, h) = parks_on(Screen::Department, &[]);
    let name = h
        .get_by_role_and_label(Role::TextInput, "Department name")
        .value();
    assert_eq!(name.as_deref(), Some("Parks"));
    h.get_by_label("PRK");
}

#[test]
fn a_new_department_name_is_saved_as_it_is_typed() {
    let (_dir, mut h) = parks_on(Screen::Department, &[]);
    type_into(&mut h, "Department name", " and Recreation");
    let parks = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(parks.name, "Parks and Recreation");
}

#[test]
fn adding_a_coordinator_gives_a_name_and_an_email_to_fill_in() {
    let (_dir, mut h) = parks_on(Screen::Department, &[]);
    assert!(h.query_by_label("Coordinator 1 name").is_none());
    click(&mut h, "Add a coordinator");
    type_into(&mut h, "Coordinator 1 name", "Ana Ruiz");
    let parks = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(parks.coordinators[0].name, "Ana Ruiz");
}

#[test]
fn a_wrong_email_is_shown_at_its_coordinator_and_goes_once_fixed() {
    let (_dir, mut h) = parks_on(Screen::Department, &[]);
    click(&mut h, "Add a coordinator");
    type_into(&mut h, "email", "ana.ruiz");
    let problem = said(&h, "is not an email address");
    crate::common::assert_plain(&problem);
    assert!(problem.contains("\"ana.ruiz\""), "{problem}");
    type_into(&mut h, "email", "@city.gov");
    assert!(
        h.query_by_label_contains("is not an email address")
            .is_none()
    );
    let parks = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(parks.coordinators[0].email, "ana.ruiz@city.gov");
}

#[test]
fn an_empty_code_at_setup_asks_for_three_letters_without_empty_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let store = inventory_desk::store::Store::open(&dir.path().join("new.sqlite3")).unwrap();
    let mut h = crate::common::harness(store, Screen::Inventory);
    click(&mut h, "Save and start");
    h.get_by_label("Give the department a name.");
    let code = said(&h, "three-letter code, like PRK");
    assert!(!code.contains("\"\""), "{code}");
    type_into(&mut h, "Department name", "Parks and Recreation");
    assert!(h.query_by_label("Give the department a name.").is_none());
    assert!(
        h.query_by_label_contains("three-letter code, like PRK")
            .is_none()
    );
}

#[test]
fn the_start_date_says_not_set_until_today_is_chosen_and_can_be_cleared() {
    let (_dir, mut h) = parks_on(Screen::Department, &[]);
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let date = h.get_by_role_and_label(Role::TextInput, "Inventory start date");
    assert_eq!(date.value().as_deref(), Some(""));
    assert!(
        h.query_by_label_contains(&today).is_none(),
        "no date shown before one is set"
    );
    click(&mut h, "Inventory start date: today");
    let parks = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(parks.start_date, Some(chrono::Local::now().date_naive()));
    click(&mut h, "Inventory start date: clear");
    let parks = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(parks.start_date, None);
}

#[test]
fn a_start_date_that_is_not_a_date_is_said_at_the_date_and_not_saved() {
    let (_dir, mut h) = parks_on(Screen::Department, &[]);
    type_into(&mut h, "Inventory start date", "next month");
    let problem = said(&h, "This is not a date");
    crate::common::assert_plain(&problem);
    click(&mut h, "Inventory start date: today");
    assert!(h.query_by_label_contains("This is not a date").is_none());
}
