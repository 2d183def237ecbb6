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

#[test]
fn refine_ends_with_the_worksheet_s_outline_and_a_pitch_started_from_the_template() {
    let (_dir, store) = crate::common::parks_file(&[]);
    // Tall: the outline is below the worksheet, where a person scrolls to.
    let app = crate::common::app(store, Screen::Engagement);
    let mut h = crate::common::harness_sized(app, 4000.0);
    type_into(&mut h, "Focus area", "Vacant lots");
    click(&mut h, "Start a project");
    click(&mut h, "2. Refine");
    h.get_by_label("Finding and Refining outline");
    h.get_by_label("Data Supply");
    h.get_by_label("Next Steps");
    h.get_by_label(&format!(
        "The guide's template: {}",
        Guide::get().worksheet_pitch
    ));
    click(&mut h, "Start from the template");
    let pitch = h.state().store().projects().unwrap()[0].pitch.clone();
    assert!(pitch.contains("to address Vacant lots, which"), "{pitch}");
}
