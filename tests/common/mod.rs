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
