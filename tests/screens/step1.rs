//! Step 1 Prompts: the wizard that lists the department's datasets.

use egui_kittest::kittest::Queryable;
use inventory_desk::ui::Screen;

use crate::common::person::{click, type_into};
use crate::parks_on;

const CONTACT: &str = "Who is the department's point of contact for the inventory?";

#[test]
fn the_first_page_asks_who_answers_for_the_department() {
    let (_dir, h) = parks_on(Screen::Step1, &[]);
    h.get_by_label("Page 1 of 11");
    h.get_by_label(CONTACT);
    h.get_by_label("Who in department leadership approves datasets for publication?");
}

#[test]
fn the_point_of_contact_typed_on_the_first_page_is_the_first_coordinator() {
    let (_dir, mut h) = parks_on(Screen::Step1, &[]);
    type_into(&mut h, CONTACT, "Ana Ruiz");
    let parks = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(parks.coordinators[0].name, "Ana Ruiz");
}

#[test]
fn next_leads_to_the_systems_of_record_and_the_summary_is_one_click_away() {
    let (_dir, mut h) = parks_on(Screen::Step1, &["Street Trees", "Pool Visits"]);
    click(&mut h, "Next ➡");
    h.get_by_label("Page 2 of 11");
    h.get_by_label("New systems, one per line");
    click(&mut h, "Go to the summary");
    h.get_by_label("Page 11 of 11");
    h.get_by_label("2 datasets listed");
}
