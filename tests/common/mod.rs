//! Helpers shared by the integration tests: inventories to start from, the app in
//! a test window (`harness`), what a person does in it (`person`), and reading a
//! written workbook back or making one by hand (`sheets`).
#![allow(dead_code)]

#[cfg(feature = "gui")]
mod window;

#[cfg(feature = "gui")]
#[allow(unused_imports)] // each test binary uses some of them
pub use window::{app, harness, harness_sized, harness_with};

use std::path::Path;

use inventory_desk::model::{Department, DepartmentCode};
use inventory_desk::store::Store;

pub mod cli;
pub mod sheets;

pub fn parks() -> DepartmentCode {
    "PRK".parse().unwrap()
}

/// An in-memory inventory with one department, Parks (PRK).
pub fn store_with_parks() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_department(&Department::new(parks(), "Parks"))
        .unwrap();
    store
}

/// An inventory file in a new folder with Parks (PRK) and a dataset for each name.
/// The folder goes when the returned `TempDir` is dropped.
pub fn parks_file(names: &[&str]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = parks_at(&dir.path().join("inventory.sqlite3"), names);
    (dir, store)
}

/// A new inventory file at `db` with Parks (PRK) and a dataset for each name.
pub fn parks_at(db: &Path, names: &[&str]) -> Store {
    let mut store = Store::open(db).unwrap();
    store
        .save_department(&Department::new(parks(), "Parks"))
        .unwrap();
    for name in names {
        store
            .create_dataset(&parks(), inventory_desk::model::Dataset::named(name))
            .unwrap();
    }
    store
}

/// An inventory file in `dir` with the demo department and `n` sample datasets.
pub fn demo_store(dir: &tempfile::TempDir, n: usize) -> Store {
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    inventory_desk::demo::fill(&mut store, n, 3).unwrap();
    store
}

/// A message a coordinator can read: words and the value, no code or debug text.
/// Puts the inventory file on the CDO's desk, as if its datasets had come
/// in the departments' workbooks. `choose_desk` refuses once an inventory
/// holds datasets (a coordinator cannot become the CDO), so a test that starts
/// from a department's datasets writes the setting itself.
#[allow(dead_code)]
pub fn at_the_cdo_s_desk(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "INSERT INTO settings(key, value) VALUES ('desk', 'cdo-office')
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [],
    )
    .unwrap();
}

pub fn assert_plain(message: &str) {
    assert!(message.len() > 20, "too short to help: {message:?}");
    assert!(message.len() < 600, "too long: {message:?}");
    let first = message.chars().next().unwrap();
    assert!(
        first.is_uppercase() || first == '"',
        "should start like a sentence: {message:?}"
    );
    for code in [
        "Err(",
        "Ok(",
        "Some(",
        "None)",
        "::",
        "{",
        "}",
        "\\\"",
        "panicked",
        "Error {",
        "Field",
        "Cell::",
        "ParseIntError",
        "rusqlite",
    ] {
        assert!(
            !message.contains(code),
            "message shows {code:?}: {message:?}"
        );
    }
}

/// What a person does in the app, by the labels they read on the screen.
#[cfg(feature = "gui")]
pub mod person {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use inventory_desk::ui::App;

    /// Clicks the one thing that `label` names.
    pub fn click(h: &mut Harness<'static, App>, label: &str) {
        h.get_by_label(label).click();
        h.run();
    }

    /// Presses a key.
    pub fn press(h: &mut Harness<'static, App>, key: egui::Key) {
        h.key_press(key);
        h.run();
    }

    /// Opens the first dataset of the inventory table in the editor, by the keyboard.
    pub fn open_first_dataset(h: &mut Harness<'static, App>) {
        press(h, egui::Key::ArrowDown);
        press(h, egui::Key::Enter);
    }

    /// Goes to a screen of the navigation.
    pub fn nav(h: &mut Harness<'static, App>, title: &str) {
        h.get_by_role_and_label(Role::Button, title).click();
        h.run();
    }

    /// Focuses the text box (one line, several, or a hidden password) a label
    /// names and types into it.
    pub fn type_into(h: &mut Harness<'static, App>, label: &str, text: &str) {
        let role = [Role::TextInput, Role::PasswordInput]
            .into_iter()
            .find(|r| h.query_by_role_and_label(*r, label).is_some())
            .unwrap_or(Role::MultilineTextInput);
        h.get_by_role_and_label(role, label).focus();
        h.run();
        h.get_by_role_and_label(role, label).type_text(text);
        h.run();
    }
}
