//! Helpers shared by the integration tests.
#![allow(dead_code)]

use inventory_desk::model::{Department, DepartmentCode};
use inventory_desk::store::Store;

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
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    store
        .save_department(&Department::new(parks(), "Parks"))
        .unwrap();
    for name in names {
        store
            .create_dataset(&parks(), inventory_desk::model::Dataset::named(name))
            .unwrap();
    }
    (dir, store)
}
