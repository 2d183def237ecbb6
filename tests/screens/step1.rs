//! Step 1 Prompts: the wizard that lists the department's datasets.

use egui::accesskit::Role;
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

/// Chooses which datasets a prompt page shows.
fn show(h: &mut egui_kittest::Harness<'static, inventory_desk::ui::App>, which: &str) {
    h.get_by_role_and_label(Role::ComboBox, "Show:").click();
    h.run();
    h.get_by_role_and_label(Role::Button, which).click();
    h.run();
}

/// Parks with a dataset in the first prompt and two in none, opened on the
/// second prompt's page.
fn on_the_second_prompt(
    names_in_no_prompt: &str,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, inventory_desk::ui::App>,
) {
    let (dir, mut store) = crate::common::parks_file(&[]);
    let parks = crate::common::parks();
    inventory_desk::step1::add_datasets(&mut store, &parks, 0, "Street Trees", "").unwrap();
    inventory_desk::step1::add_datasets(&mut store, &parks, 1, names_in_no_prompt, "").unwrap();
    // Untick them from the second prompt: they are in no prompt.
    for row in store.prompt_rows(&parks).unwrap() {
        if row.prompts[1] {
            inventory_desk::step1::set_prompt(&mut store, &row.id, 1, false).unwrap();
        }
    }
    inventory_desk::step1::set_page(&mut store, inventory_desk::step1::Page::Prompt(1)).unwrap();
    (dir, crate::common::harness(store, Screen::Step1))
}

#[test]
fn a_prompt_page_shows_the_datasets_not_yet_in_another_prompt_and_finds_words_in_any_order() {
    let (_dir, mut h) = on_the_second_prompt("Pool Visits\nTree Permits");
    h.get_by_label("Page 4 of 11");
    h.get_by_label("Street Trees");
    show(&mut h, "Not yet in any other prompt");
    assert!(h.query_by_label("Street Trees").is_none());
    h.get_by_label("Pool Visits");
    type_into(&mut h, "Find:", "permits tree");
    h.get_by_label("Tree Permits");
    assert!(h.query_by_label("Pool Visits").is_none());
    h.get_by_label("Showing 1 of 3.");
}

#[test]
fn a_ticked_dataset_stays_in_the_list_it_was_ticked_in() {
    let (_dir, mut h) = on_the_second_prompt("Pool Visits");
    show(&mut h, "Not yet in any other prompt");
    click(&mut h, "Pool Visits");
    h.get_by_label("Pool Visits");
    h.get_by_label_contains("(1 of 2 ticked)");
}

#[test]
fn a_long_list_opens_on_the_datasets_still_to_place() {
    let names: Vec<String> = (1..=250).map(|n| format!("Park survey {n}")).collect();
    let (_dir, h) = on_the_second_prompt(&names.join("\n"));
    let shown = h.get_by_role_and_label(Role::ComboBox, "Show:").value();
    assert_eq!(shown.as_deref(), Some("Not yet in any other prompt"));
    h.get_by_label("Showing 250 of 251.");
}

#[test]
fn the_summary_lists_each_prompt_in_full_and_leads_to_the_checklist() {
    let (_dir, mut h) = parks_on(Screen::Step1, &["Street Trees"]);
    click(&mut h, "Go to the summary");
    let first = &inventory_desk::step1::prompts()[0].text;
    // On one line, or two: not a column a few letters wide.
    let shown = h.get_by_label(first).rect();
    assert!(
        shown.height() < 40.0 && shown.width() > 200.0,
        "the prompt is squeezed: {shown:?}"
    );
    click(&mut h, "Next: the checklist ➡");
    assert_eq!(h.state().screen(), Screen::Checklist);
}
