//! Engagement: projects carried through the guide's four steps.

use egui_kittest::kittest::Queryable;
use inventory_desk::engagement::StepId;
use inventory_desk::engagement::guide::Guide;
use inventory_desk::ui::Screen;

use crate::common::person::{click, type_into};
use crate::parks_on;

#[test]
fn starting_a_project_opens_it_on_its_find_step() {
    let (_dir, mut h) = parks_on(Screen::Engagement, &["Street Trees"]);
    type_into(&mut h, "Focus area", "Vacant lots");
    click(&mut h, "Start a project");
    h.get_by_label(&Guide::get().step(StepId::Find).action);
    let projects = h.state().store().projects().unwrap();
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].focus_area, "Vacant lots");
}

#[test]
fn a_project_without_a_focus_area_is_not_started_and_says_why() {
    let (_dir, mut h) = parks_on(Screen::Engagement, &[]);
    click(&mut h, "Start a project");
    h.get_by_label_contains("Give the project a focus area");
    assert!(h.state().store().projects().unwrap().is_empty());
}
