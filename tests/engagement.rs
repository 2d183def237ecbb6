//! An engagement project carried through the four steps of Tactical Data
//! Engagement, by the labels on the screen, then shared as a document.

mod common;

use common::person::{click, type_into};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use inventory_desk::engagement::StepId;
use inventory_desk::engagement::guide::Guide;
use inventory_desk::engagement::project::Stage;
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

#[test]
fn a_project_goes_through_find_refine_design_and_implement_and_is_shared() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    inventory_desk::demo::fill(&mut store, 30, 2).unwrap();
    let dataset = store.datasets().unwrap().remove(0);
    let out = dir.path().join("project.md");
    let dialogs = FixedDialogs {
        import: None,
        export: Some(out.clone()),
    };
    let app = App::new(store, Box::new(dialogs), Some(Screen::Engagement));
    let mut h = common::harness_sized(app, 2400.0);
    let guide = Guide::get();

    type_into(&mut h, "Focus area", "Vacant lots");
    click(&mut h, "Start a project");
    h.get_by_label(&guide.step(StepId::Find).action);

    // Find: a tactic used, what came of it, and a criterion ticked.
    let tactic = &guide.step(StepId::Find).tactics[0];
    h.get_by_role_and_label(Role::CheckBox, &tactic.name)
        .click();
    h.run();
    type_into(
        &mut h,
        &format!("What came of \"{}\"", tactic.name),
        "Blight at every meeting",
    );
    click(
        &mut h,
        &format!("{}: 0 of {}", tactic.name, tactic.criteria.len()),
    );
    h.get_by_role_and_label(Role::CheckBox, &tactic.criteria[0])
        .click();
    h.run();
    h.get_by_label(&format!("{}: 1 of {}", tactic.name, tactic.criteria.len()));
    click(&mut h, "Move to Refine");

    // Refine: a use case with a persona, and a worksheet answer.
    h.get_by_label(&guide.step(StepId::Refine).action);
    click(&mut h, "Add a use case");
    type_into(&mut h, "Use case 1", "Block clubs clean lots");
    type_into(&mut h, "Persona of use case 1", "A block club leader");
    let part = &guide.worksheet[1];
    click(&mut h, &format!("{}. {}", part.number, part.title));
    type_into(&mut h, &part.questions[0], "Parcel records");
    click(&mut h, "Move to Design");

    // Design: the use case chosen, the plan.
    h.get_by_role_and_label(Role::RadioButton, "Block clubs clean lots")
        .click();
    h.run();
    type_into(
        &mut h,
        "The plan for the intervention",
        "A map of lots and owners",
    );
    click(&mut h, "Move to Implement");

    // Implement: the outcome; the data supply; done.
    type_into(&mut h, "The outcome", "40 lots cleaned");
    type_into(&mut h, "Find a dataset to add", &dataset.name);
    click(&mut h, &format!("+ {}", dataset.name));
    click(&mut h, "Mark done");

    let p = h.state().engagement_project().unwrap().clone();
    assert_eq!(p.stage, Stage::Done);
    let today = inventory_desk::store::now().date();
    for stage in ["Refine", "Design", "Implement", "Done"] {
        assert_eq!(p.reached.get(stage), Some(&today), "{stage}");
    }
    assert_eq!(p.chosen, Some(0));
    assert_eq!(p.use_cases[0].persona, "A block club leader");
    assert_eq!(p.answer(&part.id, 0), "Parcel records");
    assert_eq!(p.datasets, [dataset.id.clone().unwrap()]);
    let saved = h.state().store().project(p.id.unwrap()).unwrap().unwrap();
    assert_eq!(saved, p, "every edit is saved at once");
    // The dataset side shows the project.
    let using = h
        .state()
        .store()
        .projects_using(dataset.id.as_ref().unwrap())
        .unwrap();
    assert_eq!(using[0].1, "Vacant lots");

    click(&mut h, "Export as a document…");
    let md = std::fs::read_to_string(&out).unwrap();
    for part in [
        "# Vacant lots",
        "Done since",
        "Blight at every meeting",
        "Block clubs clean lots",
        "40 lots cleaned",
        &dataset.name,
    ] {
        assert!(md.contains(part), "{part} not in\n{md}");
    }

    // Closed and opened again: the same project, on the step it was on.
    drop(h);
    let store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    let app = App::new(store, Box::new(FixedDialogs::default()), None);
    let h = common::harness_sized(app, 2400.0);
    assert_eq!(h.state().screen(), Screen::Engagement);
    assert_eq!(h.state().engagement_project().unwrap().id, p.id);
    h.get_by_label(&guide.step(StepId::Implement).action);
}
