//! Department: the department's name, approver and coordinators.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use inventory_desk::ui::Screen;

use crate::common::person::{click, type_into};
use crate::parks_on;

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
