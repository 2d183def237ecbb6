//! Everything a coordinator does can be done with the keyboard alone: Tab moves
//! the focus from control to control, Enter or Space presses the one focused.

mod common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

fn harness(store: Store, screen: Screen) -> Harness<'static, App> {
    let app = App::new(store, Box::new(FixedDialogs::default()), Some(screen));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_eframe(move |_cc| app);
    h.run();
    h
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
