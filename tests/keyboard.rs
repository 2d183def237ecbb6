//! Everything a coordinator does can be done with the keyboard alone: Tab moves
//! the focus from control to control, Enter or Space presses the one focused.

mod common;

use common::person::press;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use inventory_desk::store::Store;
use inventory_desk::ui::theme::ThemeChoice;
use inventory_desk::ui::{App, Screen};

fn harness(store: Store, screen: Screen) -> Harness<'static, App> {
    common::harness_sized(common::app(store, screen), 900.0)
}

/// Presses Tab until the control named `label` has the focus; false if it
/// never gets it.
fn tab_to(h: &mut Harness<'static, App>, label: &str) -> bool {
    for _ in 0..200 {
        if h.query_all_by_label(label).any(|n| n.is_focused()) {
            return true;
        }
        h.key_press(Key::Tab);
        h.run();
    }
    false
}

#[test]
fn every_screen_of_the_navigation_is_reached_with_tab_and_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    inventory_desk::demo::fill(&mut store, 5, 1).unwrap();
    let mut h = harness(store, Screen::Inventory);
    for screen in [
        Screen::Step1,
        Screen::Checklist,
        Screen::Review,
        Screen::Progress,
        Screen::Department,
    ] {
        assert!(tab_to(&mut h, screen.title()), "{}", screen.title());
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().screen(), screen);
    }
}

#[test]
fn a_check_is_answered_with_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .save_department(&inventory_desk::model::Department::new(
            common::parks(),
            "Parks",
        ))
        .unwrap();
    let d = store
        .create_dataset(
            &common::parks(),
            inventory_desk::model::Dataset::named("Trees"),
        )
        .unwrap();
    let id = d.id.unwrap();
    let mut h = harness(store, Screen::Checklist);
    assert!(tab_to(&mut h, "Trees"));
    h.key_press(Key::Enter);
    h.run();
    let yes = "Are unclear terms, codes and column names explained in plain English?: Yes";
    assert!(tab_to(&mut h, yes));
    h.key_press(Key::Space);
    h.run();
    let checks = h.state().store().checks(&id).unwrap();
    assert_eq!(
        checks["documented"].answer,
        Some(inventory_desk::model::CheckAnswer::Yes)
    );
}

/// Types as the keyboard does, into the control that has the focus.
fn type_keys(h: &mut Harness<'static, App>, text: &str) {
    h.input_mut().events.push(egui::Event::Text(text.into()));
    h.run();
}

/// Tabs to `label` and presses Enter on it.
fn activate(h: &mut Harness<'static, App>, label: &str) {
    assert!(tab_to(h, label), "Tab never reaches \"{label}\"");
    press(h, Key::Enter);
}

/// Tabs to the text box `label` and types `text` at its end.
fn fill(h: &mut Harness<'static, App>, label: &str, text: &str) {
    assert!(tab_to(h, label), "Tab never reaches \"{label}\"");
    press(h, Key::End);
    type_keys(h, text);
}

#[test]
fn the_inventory_is_searched_a_dataset_opened_and_edited_with_the_keyboard() {
    let (_dir, store) = common::parks_file(&["Street trees", "Pools"]);
    let mut h = harness(store, Screen::Inventory);
    fill(&mut h, "Search", "pool");
    // Escape leaves the search box; the arrows then move through the rows.
    press(&mut h, Key::Escape);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    let id = h.state().editing().cloned().expect("Enter opens the row");
    assert_eq!(
        h.state().store().dataset(&id).unwrap().unwrap().name,
        "Pools"
    );
    fill(&mut h, "Who is the data steward?", "Kim Lee");
    let saved = h.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(saved.steward, "Kim Lee");
    activate(&mut h, "⬅ Back to the inventory");
    assert!(h.state().editing().is_none());
}

#[test]
fn a_system_of_record_is_added_with_the_keyboard() {
    let (_dir, store) = common::parks_file(&[]);
    let mut h = harness(store, Screen::Sources);
    activate(&mut h, "Add a system");
    fill(&mut h, "System name", "Permits database");
    activate(&mut h, "Save");
    let sources = h.state().store().sources().unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].name, "Permits database");
}

#[test]
fn step_1_is_walked_with_the_keyboard() {
    let (_dir, store) = common::parks_file(&[]);
    let mut h = harness(store, Screen::Step1);
    activate(&mut h, "Next ➡");
    assert_eq!(h.state().step1_page().map(|p| p.index()), Some(1));
    fill(&mut h, "New systems, one per line", "Permits database");
    activate(&mut h, "Next ➡");
    assert_eq!(h.state().step1_page().map(|p| p.index()), Some(2));
    let sources = h.state().store().sources().unwrap();
    assert_eq!(
        sources[0].name, "Permits database",
        "leaving the page adds the line"
    );
}

#[test]
fn the_cdo_approves_with_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    inventory_desk::demo::fill(&mut store, 40, 5).unwrap();
    let waiting: Vec<_> = store
        .datasets()
        .unwrap()
        .into_iter()
        .filter(|d| d.status == inventory_desk::model::Status::Submitted)
        .collect();
    assert!(!waiting.is_empty(), "the demo has datasets waiting");
    common::at_the_cdo_s_desk(store.path().unwrap());
    let mut h = harness(store, Screen::Review);
    activate(
        &mut h,
        &format!("Waiting for your decision ({})", waiting.len()),
    );
    let mut names: Vec<&str> = waiting.iter().map(|d| d.name.as_str()).collect();
    names.sort();
    let first = waiting.iter().find(|d| d.name == names[0]).unwrap();
    activate(&mut h, &first.name);
    activate(&mut h, "Approve");
    activate(&mut h, "Yes: Approve");
    let id = first.id.as_ref().unwrap();
    let now = h.state().store().dataset(id).unwrap().unwrap();
    assert_eq!(now.status, inventory_desk::model::Status::Approved);
}

#[test]
fn the_progress_screen_leads_to_a_dataset_with_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    inventory_desk::demo::fill(&mut store, 40, 5).unwrap();
    let mut h = harness(store, Screen::Progress);
    // The first month of the publishing plan, opened, then its first dataset.
    let month = h
        .query_all(egui_kittest::kittest::by().label_contains("Datasets planned for "))
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .next()
        .expect("the publishing plan has a month");
    activate(&mut h, &month);
    let link = h
        .query_all(egui_kittest::kittest::by().role(egui::accesskit::Role::Link))
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .next()
        .expect("the month lists its datasets");
    activate(&mut h, &link);
    assert_eq!(h.state().screen(), Screen::Review);
}

#[test]
fn an_engagement_project_is_started_and_moved_on_with_the_keyboard() {
    let (_dir, store) = common::parks_file(&["Vacant lots"]);
    let mut h = harness(store, Screen::Engagement);
    fill(&mut h, "Focus area", "Blight");
    activate(&mut h, "Start a project");
    let project = h.state().engagement_project().expect("a project is open");
    assert_eq!(project.focus_area, "Blight");
    activate(&mut h, "Move to Refine");
    let project = h.state().engagement_project().unwrap();
    assert_eq!(project.stage.label(), "Refine");
}

#[test]
fn the_department_is_edited_with_the_keyboard() {
    let (_dir, store) = common::parks_file(&[]);
    let mut h = harness(store, Screen::Department);
    fill(&mut h, "Leadership approver", "Director Lee");
    let department = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(department.approver, "Director Lee");
}

#[test]
fn the_colours_are_chosen_with_the_keyboard_and_remembered() {
    let (dir, store) = common::parks_file(&[]);
    let mut h = harness(store, Screen::Inventory);
    activate(&mut h, "View");
    // Light, as the harness starts dark: the test then sees the change.
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    activate(&mut h, "Light colours");
    assert_eq!(h.state().theme(), ThemeChoice::Light);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    drop(h);
    let store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    let h = harness(store, Screen::Inventory);
    assert_eq!(h.state().theme(), ThemeChoice::Light);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
}

#[test]
fn the_table_is_one_tab_stop_whose_arrows_move_through_the_rows() {
    let (_dir, store) = common::parks_file(&["Pools", "Street trees"]);
    let mut h = harness(store, Screen::Inventory);
    assert!(tab_to(&mut h, "Row 1 of 2: Pools, Not ready"));
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowDown);
    // The focus stays on the table and now names the second row.
    assert!(
        h.query_all_by_label("Row 2 of 2: Street trees, Not ready")
            .any(|n| n.is_focused())
    );
    press(&mut h, Key::Enter);
    let id = h.state().editing().cloned().expect("Enter opens the row");
    let opened = h.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(opened.name, "Street trees");
}

#[test]
fn enter_on_a_button_presses_the_button_and_does_not_open_the_selected_row() {
    let (_dir, store) = common::parks_file(&["Pools", "Street trees"]);
    let mut h = harness(store, Screen::Inventory);
    press(&mut h, Key::ArrowDown);
    activate(&mut h, "Status");
    assert!(h.state().editing().is_none());
}
