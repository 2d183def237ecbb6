//! Data Sources: the department's systems of record.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use inventory_desk::model::DataSource;
use inventory_desk::ui::{App, Screen};

use crate::common;
use crate::common::person::{click, type_into};
use crate::parks_on;

/// The systems the inventory holds, by name.
fn system_names(h: &Harness<'static, App>) -> Vec<String> {
    let sources = h.state().store().sources().unwrap();
    sources.into_iter().map(|s| s.name).collect()
}

#[test]
fn a_department_without_systems_says_none_are_listed_yet() {
    let (_dir, h) = parks_on(Screen::Sources, &[]);
    h.get_by_label("No systems listed yet.");
}

#[test]
fn adding_a_system_shows_it_in_the_list() {
    let (_dir, mut h) = parks_on(Screen::Sources, &[]);
    click(&mut h, "Add a system");
    type_into(&mut h, "System name", "Parks GIS");
    type_into(&mut h, "Vendor", "Esri");
    click(&mut h, "Save");
    h.get_by_label("Parks GIS");
    h.get_by_label("Esri");
    assert!(h.query_by_label("No systems listed yet.").is_none());
    assert_eq!(system_names(&h), ["Parks GIS"]);
}

#[test]
fn cancelling_a_new_system_adds_nothing() {
    let (_dir, mut h) = parks_on(Screen::Sources, &[]);
    click(&mut h, "Add a system");
    type_into(&mut h, "System name", "Parks GIS");
    click(&mut h, "Cancel");
    h.get_by_label("No systems listed yet.");
    assert!(system_names(&h).is_empty());
}

#[test]
fn deleting_a_system_no_dataset_uses_removes_it_at_once() {
    let (_dir, mut store) = common::parks_file(&[]);
    let gis = DataSource {
        department: Some(common::parks()),
        name: "Parks GIS".into(),
        ..Default::default()
    };
    store.save_source(&gis).unwrap();
    let mut h = common::harness(store, Screen::Sources);
    h.get_by_label("Parks GIS");
    click(&mut h, "Delete");
    h.get_by_label("No systems listed yet.");
    assert!(system_names(&h).is_empty());
}
