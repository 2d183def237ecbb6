//! Problems are per row, not per file: a row with a problem is held, with its
//! dataset's name, and every other row applies; one fact about the whole file
//! is one problem (the department question). A file cannot skip the review
//! path. Department codes are the initials people use; two rows with one name
//! are two datasets, matched the same way the next time.

mod common;

use std::path::{Path, PathBuf};

use common::sheets::Sent;
use inventory_desk::model::*;
use inventory_desk::store::Store;
use inventory_desk::workbook::choices::{CellFix, ImportChoices};
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{Decisions, ItemKind, Plan, apply, plan, plan_file_with};
use inventory_desk::workbook::path::new_rows_summary;

/// A CSV file written in a new folder (kept with the returned `TempDir`).
fn csv(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.csv");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn planned(store: &Store, path: &Path) -> Plan {
    plan(store, path.to_path_buf(), read_file(path).unwrap()).unwrap()
}

fn planned_with(store: &Store, path: &Path, choices: &ImportChoices) -> Plan {
    plan_file_with(store, path, choices, &inventory_desk::progress::Unwatched).unwrap()
}

fn named<'a>(store: &'a [Dataset], name: &str) -> Vec<&'a Dataset> {
    store.iter().filter(|d| d.name == name).collect()
}

#[test]
fn a_row_with_a_bad_email_is_held_and_the_others_apply() {
    let mut store = common::store_with_parks();
    let (_dir, path) = csv("Dataset Name,Department,Contact Email Address\n\
         Street Trees,Parks,lee@city.gov\n\
         Pool Attendance,Parks,not an address\n\
         Trail Counts,Parks,\n");
    let plan = planned(&store, &path);
    assert!(!plan.has_errors(), "{:?}", plan.errors);
    assert_eq!(plan.held.len(), 1, "{:?}", plan.held);
    let held = &plan.held[0];
    assert_eq!((held.name.as_str(), held.row), ("Pool Attendance", 2));
    assert_eq!(held.problems.len(), 1);
    let problem = &held.problems[0];
    assert_eq!(problem.cell, "C3");
    assert_eq!(problem.column, "Contact Email Address");
    assert_eq!(problem.field, Some(Field::ContactEmail));
    common::assert_plain(&problem.message);
    assert_eq!(
        held.value("Contact Email Address"),
        Some("not an address"),
        "the row's values are kept to show"
    );
    assert_eq!(plan.count(ItemKind::Added), 2);

    let applied = apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!((applied.added, applied.held), (2, 1));
    let all = store.datasets().unwrap();
    assert_eq!(named(&all, "Street Trees").len(), 1);
    assert_eq!(named(&all, "Trail Counts").len(), 1);
    assert!(named(&all, "Pool Attendance").is_empty());
}

#[test]
fn a_problem_about_the_whole_file_still_refuses_it() {
    let mut store = common::store_with_parks();
    let (_dir, path) = csv("Colour,Size\nred,big\n");
    let plan = planned(&store, &path);
    assert!(plan.has_errors());
    assert!(plan.held.is_empty());
    assert!(apply(&mut store, &plan, &Decisions::default()).is_err());
}

/// Ten datasets submitted for review, sent to the CDO.
fn ten_sent() -> Sent {
    Sent::submitted((0..10).map(|i| Dataset::named(&format!("Dataset {i}"))))
}

#[test]
fn the_cdos_workbook_with_three_typos_applies_its_seven_valid_decisions() {
    let mut s = ten_sent();
    let back = s.dir.path().join("returned.xlsx");
    let mut content = s.content.clone();
    for (i, d) in content.datasets.iter_mut().enumerate() {
        d.cdo_decision = Some(CdoDecision::Approved);
        d.reviewed_by = "Chief Data Officer".into();
        if i < 3 {
            d.contact_email = format!("cdo at city {i}"); // a typo: not an address
        }
    }
    inventory_desk::workbook::export::write_workbook(&content, &back).unwrap();
    let read = read_file(&back).unwrap();
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(read.held.len(), 3);
    let plan = plan(&s.store, back, read).unwrap();
    assert!(plan.three_way);
    assert_eq!(plan.held.len(), 3);
    for held in &plan.held {
        assert!(held.name.starts_with("Dataset "), "{held:?}");
        assert_eq!(held.problems[0].column, "Contact Email Address");
    }
    assert_eq!(plan.reviewed(), 7);

    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let statuses: Vec<Status> = s
        .ids
        .iter()
        .map(|id| s.store.dataset(id).unwrap().unwrap().status)
        .collect();
    assert_eq!(
        statuses[..3],
        [Status::Submitted; 3],
        "held: left as they were"
    );
    assert_eq!(statuses[3..], [Status::Approved; 7], "the seven decisions");
}

#[test]
fn a_fixed_cell_lets_the_held_row_apply() {
    let mut store = common::store_with_parks();
    let (_dir, path) = csv("Dataset Name,Department,Contact Email Address\n\
         Street Trees,Parks,lee@city.gov\n\
         Pool Attendance,Parks,not an address\n");
    let first = planned_with(&store, &path, &ImportChoices::default());
    let held = &first.held[0];
    let choices = ImportChoices {
        fixes: vec![CellFix {
            row: held.row,
            field: held.problems[0].field.unwrap(),
            text: "pools@city.gov".into(),
        }],
        ..ImportChoices::default()
    };
    let again = planned_with(&store, &path, &choices);
    assert!(again.held.is_empty(), "{:?}", again.held);
    assert_eq!(again.count(ItemKind::Added), 2);
    assert_eq!(
        again.choices, choices,
        "the plan keeps what it was read with"
    );
    apply(&mut store, &again, &Decisions::default()).unwrap();
    let all = store.datasets().unwrap();
    assert_eq!(
        named(&all, "Pool Attendance")[0].contact_email,
        "pools@city.gov"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap().lines().nth(2),
        Some("Pool Attendance,Parks,not an address"),
        "the file itself is never changed"
    );
}

#[test]
fn a_file_naming_no_department_is_one_problem_and_one_question() {
    let mut store = Store::open_in_memory().unwrap();
    let mut text = String::from("Dataset Name,Description\n");
    for i in 0..40 {
        text.push_str(&format!("Dataset {i},About {i}\n"));
    }
    let (_dir, path) = csv(&text);
    let plan = planned_with(&store, &path, &ImportChoices::default());
    assert!(
        plan.errors.is_empty() && plan.held.is_empty(),
        "no problem per row"
    );
    let question = plan.department_question.as_ref().expect("asked once");
    assert_eq!(question.count, 40);
    assert!(
        question.message.contains("40 datasets"),
        "{}",
        question.message
    );
    assert!(question.message.contains("--department"));
    common::assert_plain(&question.message);
    assert!(plan.items.is_empty(), "they wait for the answer");

    let choices = ImportChoices {
        department: Some("Department of Transportation".into()),
        ..ImportChoices::default()
    };
    let plan = planned_with(&store, &path, &choices);
    assert!(plan.department_question.is_none());
    assert_eq!(plan.count(ItemKind::Added), 40);
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let all = store.datasets().unwrap();
    assert_eq!(all.len(), 40);
    assert!(
        all.iter()
            .all(|d| d.department == "Department of Transportation")
    );
    assert!(all.iter().all(|d| d.id_text().starts_with("DOT-")));
}

#[test]
fn a_new_row_marked_published_starts_not_ready() {
    let mut store = common::store_with_parks();
    let (_dir, path) = csv("Dataset Name,Department,Publication Status\n\
         Street Trees,Parks,Published\n\
         Pool Attendance,Parks,Published\n\
         Trail Counts,Parks,Not ready\n");
    let plan = planned(&store, &path);
    let refused = plan.refused_moves();
    assert_eq!(refused.len(), 2);
    assert_eq!((refused[0].from, refused[0].to), (None, Status::Published));
    assert_eq!(
        new_rows_summary(&refused),
        ["2 new datasets start as Not ready: the file says Published; that needs the review path."]
    );
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert!(
        store
            .datasets()
            .unwrap()
            .iter()
            .all(|d| d.status == Status::NotReady)
    );
}

#[test]
fn submitted_is_refused_without_a_complete_checklist_and_the_departments_approval() {
    let mut store = common::store_with_parks();
    let d = store
        .create_dataset(&common::parks(), Dataset::named("Street Trees"))
        .unwrap();
    let id = d.id.clone().unwrap();
    let (_dir, path) = csv(&format!(
        "Inventory ID,Dataset Name,Publication Status\n{id},Street Trees,Submitted for review\n"
    ));
    let plan = planned(&store, &path);
    let refused = plan.refused_moves();
    assert_eq!(refused.len(), 1, "{:?}", plan.items[0].notes);
    let m = refused[0];
    assert_eq!((m.from, m.to), (Some(Status::NotReady), Status::Submitted));
    assert!(
        m.why.contains("Department leadership has not approved it"),
        "{}",
        m.why
    );
    assert_eq!(plan.items[0].kind, ItemKind::Unchanged);
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(
        store.dataset(&id).unwrap().unwrap().status,
        Status::NotReady
    );
}

#[test]
fn approved_comes_only_from_the_cdos_decision() {
    let mut s = ten_sent();
    let id = s.ids[0].clone();
    let (_dir, path) = csv(&format!(
        "Inventory ID,Dataset Name,Publication Status\n{id},Dataset 0,Approved\n"
    ));
    let plan = planned(&s.store, &path);
    let refused = plan.refused_moves();
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].why.contains("CDO's decision"),
        "{}",
        refused[0].why
    );
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(
        s.store.dataset(&id).unwrap().unwrap().status,
        Status::Submitted
    );
}

#[test]
fn department_codes_are_the_initials_people_use_and_can_be_changed_before_import() {
    let mut store = common::store_with_parks();
    let (_dir, path) = csv("Dataset Name,Department\n\
         Bus Stops,Department of Transportation\n\
         Clinics,Department of Health\n\
         Budget,Department of Finance\n");
    let mut plan = planned(&store, &path);
    let codes: Vec<(&str, &str)> = plan
        .new_departments
        .iter()
        .map(|d| (d.name.as_str(), d.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("Department of Transportation", "DOT"),
            ("Department of Health", "DOH"),
            ("Department of Finance", "DOF"),
        ]
    );
    // Changed in the preview: Finance is known as FIN.
    plan.new_departments[2].code = "FIN".parse().unwrap();
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let ids: Vec<String> = store
        .datasets()
        .unwrap()
        .iter()
        .map(|d| d.id_text())
        .collect();
    for id in ["DOT-0001", "DOH-0001", "FIN-0001"] {
        assert!(ids.contains(&id.to_string()), "{ids:?}");
    }

    // A code another department has is refused, with why.
    let why = inventory_desk::workbook::plan_departments::code_refused(
        "PRK",
        "Department of Parking",
        &store.departments().unwrap(),
        &[],
    )
    .unwrap();
    assert_eq!(why, "PRK is already the code of Parks: choose another.");
}

#[test]
fn two_rows_with_one_name_are_both_imported_and_matched_the_same_way_again() {
    let mut store = common::store_with_parks();
    let file = "Dataset Name,Department,Description\n\
                Street Trees,Parks,North district\n\
                Street Trees,Parks,South district\n";
    let (_dir, path) = csv(file);
    let plan = planned(&store, &path);
    assert_eq!(plan.count(ItemKind::Added), 2);
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    let warning = &plan.warnings[0];
    assert_eq!(
        (warning.cell.as_str(), warning.column.as_str()),
        ("A3", "Dataset Name")
    );
    assert!(warning.message.contains("Rows 2, 3"), "{}", warning.message);
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let first = store.datasets().unwrap();

    // The same file again: each row finds its own dataset, nothing changes.
    let again = planned(&store, &path);
    assert!(
        again.errors.is_empty() && again.held.is_empty(),
        "{:?}",
        again.held
    );
    assert_eq!(again.count(ItemKind::Unchanged), 2);
    apply(&mut store, &again, &Decisions::default()).unwrap();
    assert_eq!(store.datasets().unwrap(), first);

    // The second row changed: only the second dataset changes.
    std::fs::write(&path, file.replace("South district", "South and east")).unwrap();
    let changed = planned(&store, &path);
    assert_eq!(changed.count(ItemKind::Changed), 1);
    apply(&mut store, &changed, &Decisions::default()).unwrap();
    let trees = store.datasets().unwrap();
    let descriptions: Vec<&str> = trees.iter().map(|d| d.contents.as_str()).collect();
    assert_eq!(descriptions, ["North district", "South and east"]);
}

#[test]
fn many_rows_of_one_name_are_one_short_warning_not_a_list_of_every_row() {
    let mut text = String::from("Dataset Name,Department\n");
    for _ in 0..25 {
        text.push_str("Trees,Parks\n");
    }
    let (_dir, path) = csv(&text);
    let store = common::store_with_parks();
    let plan = planned(&store, &path);
    let warning = plan
        .warnings
        .iter()
        .find(|w| w.message.contains("all name a dataset"))
        .unwrap();
    assert!(
        warning.message.starts_with(
            "Rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, and 15 more all name a dataset \"Trees\""
        ),
        "{}",
        warning.message
    );
    assert_eq!(plan.count(ItemKind::Added), 25);
}
