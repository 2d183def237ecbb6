//! Two desks: a department's coordinator and the CDO's office, each with an
//! inventory of its own, and the workbooks that carry a dataset between them.
//! Only the CDO's desk decides; a department's workbook arrives at the CDO's
//! desk with the statuses the department reached.

mod common;

use common::cli::{Env, code, stderr, stdout};

use inventory_desk::desk::Desk;
use inventory_desk::model::*;
use inventory_desk::review::Move;
use inventory_desk::store::Store;
use inventory_desk::workbook::export::export_xlsx;
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{Decisions, apply, plan};

/// Parks' inventory with one dataset, Street Trees, and its ID.
fn street_trees() -> (Store, InventoryId) {
    let mut parks = common::store_with_parks();
    let id = parks
        .create_dataset(&common::parks(), Dataset::named("Street Trees"))
        .unwrap()
        .id
        .unwrap();
    (parks, id)
}

/// Imports `file` into `store` whole, as the preview's Apply does.
fn import(store: &mut Store, file: &std::path::Path) {
    let content = read_file(file).unwrap();
    let plan = plan(store, file.to_path_buf(), content).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    apply(store, &plan, &Decisions::default()).unwrap();
}

/// The CDO's office, set up on its desk.
fn cdo_office() -> Store {
    let mut cdo = Store::open_in_memory().unwrap();
    cdo.choose_desk(Desk::CdoOffice).unwrap();
    cdo.save_department(&Department::new(
        "CDO".parse().unwrap(),
        "Office of the Chief Data Officer",
    ))
    .unwrap();
    cdo
}

#[test]
fn a_dataset_goes_from_the_coordinator_to_the_cdo_and_back_returned_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    // The coordinator: two datasets, one complete and submitted.
    let (mut parks, trees) = street_trees();
    parks
        .create_dataset(&common::parks(), Dataset::named("Playgrounds"))
        .unwrap();
    inventory_desk::demo::complete_checklist(&mut parks, &trees).unwrap();
    parks.move_dataset(&trees, Move::Submit, "Ana", "").unwrap();
    let sent = dir.path().join("parks-to-the-cdo.xlsx");
    export_xlsx(&mut parks, &sent, None).unwrap();

    // The CDO's office imports it: the submitted dataset waits for the CDO,
    // the other is Not ready, in the department the workbook names.
    let mut cdo = cdo_office();
    import(&mut cdo, &sent);
    let at_cdo = cdo.dataset(&trees).unwrap().unwrap();
    assert_eq!(at_cdo.status, Status::Submitted);
    assert_eq!(at_cdo.department, "Parks");
    let others: Vec<Status> = cdo
        .datasets()
        .unwrap()
        .iter()
        .filter(|d| d.name == "Playgrounds")
        .map(|d| d.status)
        .collect();
    assert_eq!(others, [Status::NotReady]);

    // The CDO returns it with a note, and exports Parks' workbook.
    cdo.move_dataset(
        &trees,
        Move::Decide(CdoDecision::ChangesRequested),
        "Dana Lee",
        "Add the tree species to Keywords.",
    )
    .unwrap();
    let back = dir.path().join("parks-from-the-cdo.xlsx");
    export_xlsx(&mut cdo, &back, Some(&common::parks())).unwrap();

    // The coordinator imports it: Returned, with the CDO's note and name.
    import(&mut parks, &back);
    let home = parks.dataset(&trees).unwrap().unwrap();
    assert_eq!(home.status, Status::Returned);
    assert_eq!(home.cdo_notes, "Add the tree species to Keywords.");
    assert_eq!(home.reviewed_by, "Dana Lee");
    let returned: Vec<String> = parks
        .returned()
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(returned, ["Street Trees"]);
    assert!(parks.history(&trees).unwrap().iter().any(|e| e.kind
        == HistoryKind::Decision(CdoDecision::ChangesRequested)
        && e.by == "Dana Lee"));
}

#[test]
fn a_department_s_workbook_claiming_submitted_without_a_complete_checklist_arrives_not_ready() {
    let dir = tempfile::tempdir().unwrap();
    let mut parks = common::store_with_parks();
    // Written into the file by hand: the checklist was never filled.
    let id = parks
        .create_dataset(
            &common::parks(),
            Dataset {
                status: Status::Submitted,
                ..Dataset::named("Street Trees")
            },
        )
        .unwrap()
        .id
        .unwrap();
    let sent = dir.path().join("parks.xlsx");
    export_xlsx(&mut parks, &sent, None).unwrap();
    let mut cdo = cdo_office();
    let content = read_file(&sent).unwrap();
    let planned = plan(&cdo, sent.clone(), content).unwrap();
    let refused = planned.refused_moves();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].why.contains("starts as Not ready"),
        "{}",
        refused[0].why
    );
    apply(&mut cdo, &planned, &Decisions::default()).unwrap();
    assert_eq!(cdo.dataset(&id).unwrap().unwrap().status, Status::NotReady);
}

#[test]
fn a_coordinator_s_inventory_cannot_be_turned_into_the_cdo_s() {
    let (mut parks, _) = common::sheets::parks_with(&["Street Trees"]);
    let e = parks.choose_desk(Desk::CdoOffice).unwrap_err();
    assert!(
        e.to_string()
            .contains("is a coordinator's desk; that cannot change"),
        "{e}"
    );
    assert!(parks.set_setting("desk", "cdo-office").is_err());
    assert_eq!(parks.desk().unwrap(), Desk::Department);
}

#[test]
fn the_command_line_writes_one_workbook_per_department_named_for_it() {
    let env = Env::with_demo();
    let out = env.run(&["export", "returned", "--each-department"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.starts_with("Wrote 1 workbook to returned"), "{said}");
    let files: Vec<String> = std::fs::read_dir(env.path("returned"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].starts_with("returned-") && files[0].ends_with(".xlsx"));
    assert!(said.contains(&files[0]), "{said}");
    // It reads back as the department's own workbook.
    let content = read_file(&env.path("returned").join(&files[0])).unwrap();
    assert_eq!(content.rows.len(), 3);
}

#[test]
fn a_department_arrives_at_the_cdo_s_desk_with_its_coordinators_approver_and_start_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut parks = common::store_with_parks();
    let mut department = parks.department(&common::parks()).unwrap().unwrap();
    department.coordinators = vec![Coordinator {
        name: "Ana Ruiz".into(),
        email: "ana@parks.city.gov".into(),
    }];
    department.approver = "Director Lee".into();
    department.start_date = chrono::NaiveDate::from_ymd_opt(2026, 9, 1);
    parks.save_department(&department).unwrap();
    parks
        .create_dataset(&common::parks(), Dataset::named("Street Trees"))
        .unwrap();
    let sent = dir.path().join("parks.xlsx");
    export_xlsx(&mut parks, &sent, None).unwrap();

    let mut cdo = cdo_office();
    import(&mut cdo, &sent);
    assert_eq!(
        cdo.department(&common::parks()).unwrap().unwrap(),
        department
    );

    // A later workbook names a new approver: the CDO's desk takes it, and
    // the preview says so.
    department.approver = "Deputy Director Kim".into();
    parks.save_department(&department).unwrap();
    export_xlsx(&mut parks, &sent, None).unwrap();
    let planned = plan(&cdo, sent.clone(), read_file(&sent).unwrap()).unwrap();
    let said: Vec<String> = planned
        .department_updates
        .iter()
        .flat_map(|u| u.describe())
        .collect();
    assert_eq!(
        said,
        ["Parks: Leadership Approver: Director Lee ➡ Deputy Director Kim"]
    );
    apply(&mut cdo, &planned, &Decisions::default()).unwrap();
    assert_eq!(
        cdo.department(&common::parks()).unwrap().unwrap().approver,
        "Deputy Director Kim"
    );
}

#[test]
fn a_coordinator_s_own_department_details_are_not_changed_by_a_returned_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut parks = common::store_with_parks();
    parks
        .create_dataset(&common::parks(), Dataset::named("Street Trees"))
        .unwrap();
    let mut cdo = cdo_office();
    let sent = dir.path().join("parks.xlsx");
    export_xlsx(&mut parks, &sent, None).unwrap();
    import(&mut cdo, &sent);
    let mut at_cdo = cdo.department(&common::parks()).unwrap().unwrap();
    at_cdo.approver = "Someone at the CDO's office".into();
    cdo.save_department(&at_cdo).unwrap();
    let back = dir.path().join("back.xlsx");
    export_xlsx(&mut cdo, &back, Some(&common::parks())).unwrap();
    let planned = plan(&parks, back.clone(), read_file(&back).unwrap()).unwrap();
    assert!(planned.department_updates.is_empty());
    apply(&mut parks, &planned, &Decisions::default()).unwrap();
    assert_eq!(
        parks
            .department(&common::parks())
            .unwrap()
            .unwrap()
            .approver,
        ""
    );
}

#[test]
fn a_decision_a_department_s_file_claims_is_not_taken_at_the_cdo_s_desk() {
    let dir = tempfile::tempdir().unwrap();
    let mut parks = common::store_with_parks();
    // Typed into the department's own file: Approved, with a CDO decision.
    let id = parks
        .create_dataset(
            &common::parks(),
            Dataset {
                status: Status::Approved,
                cdo_decision: Some(CdoDecision::Approved),
                reviewed_by: "Someone".into(),
                ..Dataset::named("Street Trees")
            },
        )
        .unwrap()
        .id
        .unwrap();
    inventory_desk::demo::complete_checklist(&mut parks, &id).unwrap();
    let sent = dir.path().join("parks.xlsx");
    export_xlsx(&mut parks, &sent, None).unwrap();
    let mut cdo = cdo_office();
    let planned = plan(&cdo, sent.clone(), read_file(&sent).unwrap()).unwrap();
    let refused = planned.refused_moves();
    assert_eq!(refused.len(), 1, "{refused:?}");
    apply(&mut cdo, &planned, &Decisions::default()).unwrap();
    assert_eq!(cdo.dataset(&id).unwrap().unwrap().status, Status::NotReady);
}

#[test]
fn a_department_s_details_are_taken_only_from_its_own_workbook_and_not_blanked() {
    let dir = tempfile::tempdir().unwrap();
    let mut cdo = cdo_office();
    // Parks arrives with its approver.
    let mut parks = common::store_with_parks();
    let mut department = parks.department(&common::parks()).unwrap().unwrap();
    department.approver = "Director Lee".into();
    parks.save_department(&department).unwrap();
    parks
        .create_dataset(&common::parks(), Dataset::named("Street Trees"))
        .unwrap();
    let sent = dir.path().join("parks.xlsx");
    export_xlsx(&mut parks, &sent, None).unwrap();
    import(&mut cdo, &sent);
    // Its next workbook leaves the approver empty: the known one stays.
    department.approver.clear();
    parks.save_department(&department).unwrap();
    export_xlsx(&mut parks, &sent, None).unwrap();
    let planned = plan(&cdo, sent.clone(), read_file(&sent).unwrap()).unwrap();
    assert!(
        planned.department_updates.is_empty(),
        "{:?}",
        planned.department_updates
    );
    import(&mut cdo, &sent);
    assert_eq!(
        cdo.department(&common::parks()).unwrap().unwrap().approver,
        "Director Lee"
    );
}

#[test]
fn a_file_not_from_the_cdo_s_office_brings_no_cdo_decision_to_a_department_s_desk() {
    let dir = tempfile::tempdir().unwrap();
    let (mut parks, id) = street_trees();
    inventory_desk::demo::complete_checklist(&mut parks, &id).unwrap();
    parks.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
    // A CSV typed anywhere, saying the CDO approved.
    let typed = dir.path().join("approved.csv");
    std::fs::write(
        &typed,
        format!("Inventory ID,Dataset Name,CDO Decision,CDO Notes,Reviewed By\n{id},Street Trees,Approved,Fine.,Dana Lee\n"),
    )
    .unwrap();
    let planned = plan(&parks, typed.clone(), read_file(&typed).unwrap()).unwrap();
    assert!(
        planned.warnings.iter().any(|w| w
            .message
            .starts_with("1 row gives the CDO's decision, notes or review: left out.")),
        "{:?}",
        planned.warnings
    );
    apply(&mut parks, &planned, &Decisions::default()).unwrap();
    let d = parks.dataset(&id).unwrap().unwrap();
    assert_eq!((d.status, d.cdo_decision), (Status::Submitted, None));
    assert!(d.reviewed_by.is_empty());
}
