//! The review path walked as the coordinator and the CDO would: submit a
//! complete dataset, import the CDO's "Changes requested", fix what the note
//! names, submit again; the CDO approves, plans and publishes; the Progress
//! screen counts what the database holds.

mod common;

use common::person::{click, nav, type_into};

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use inventory_desk::model::vocab::Vocabulary;
use inventory_desk::model::*;
use inventory_desk::review::Move;
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

fn open(db: &Path, screen: Screen, dialogs: FixedDialogs) -> Harness<'static, App> {
    let app = App::new(Store::open(db).unwrap(), Box::new(dialogs), Some(screen));
    common::harness_sized(app, 1400.0)
}

/// Parks, with "Street trees" whose checklist is complete and approved.
fn ready_file(dir: &tempfile::TempDir) -> (std::path::PathBuf, InventoryId) {
    let db = dir.path().join("inventory.sqlite3");
    let mut store = common::parks_at(&db, &["Street trees"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    inventory_desk::demo::complete_checklist(&mut store, &id).unwrap();
    (db, id)
}

/// Street trees submitted by the coordinator, and the window open on the
/// Review screen's waiting list: on the CDO's desk (`cdo`) or the
/// coordinator's own.
fn waiting(dir: &tempfile::TempDir, cdo: bool) -> (Harness<'static, App>, InventoryId) {
    let (db, id) = ready_file(dir);
    {
        let mut store = Store::open(&db).unwrap();
        store.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
    }
    if cdo {
        common::at_the_cdo_s_desk(&db);
    }
    let mut h = open(&db, Screen::Review, FixedDialogs::default());
    click(
        &mut h,
        if cdo {
            "Waiting for your decision (1)"
        } else {
            "Waiting for the CDO (1)"
        },
    );
    (h, id)
}

fn status(h: &Harness<'static, App>, id: &InventoryId) -> Status {
    h.state().store().dataset(id).unwrap().unwrap().status
}

#[test]
fn returned_work_is_fixed_from_the_cdo_note_and_submitted_again() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = ready_file(&dir);
    // The workbook the CDO's office returns (its About sheet says which desk
    // wrote it: only such a file brings the CDO's decisions).
    let file = dir.path().join("from-the-cdo.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Inventory").unwrap();
    let row = [
        [
            "Inventory ID",
            "Dataset Name",
            "CDO Decision",
            "CDO Notes",
            "Reviewed By",
        ],
        [
            &id.to_string(),
            "Street trees",
            "Changes requested",
            "Please add Keywords for the tree species.",
            "Chief Data Officer",
        ],
    ];
    for (r, cells) in row.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    let about = book.add_worksheet().set_name("About").unwrap();
    for (r, (key, value)) in [("schema", "inventory-desk/1"), ("desk", "cdo-office")]
        .iter()
        .enumerate()
    {
        about.write_string(r as u32, 0, *key).unwrap();
        about.write_string(r as u32, 1, *value).unwrap();
    }
    book.save(&file).unwrap();
    let dialogs = FixedDialogs {
        import: Some(file),
        export: None,
    };
    let mut h = open(&db, Screen::Checklist, dialogs);

    // The coordinator submits the complete dataset.
    click(&mut h, "Street trees");
    h.get_by_label("Complete ✔");
    click(&mut h, "Submit for review");
    assert_eq!(status(&h, &id), Status::Submitted);

    // The CDO's workbook comes back: the preview says the status moves.
    nav(&mut h, "Inventory");
    h.get_by_label("📥 Import…").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label(
        "The CDO's decision \"Changes requested\" moves it from Submitted for review to Returned.",
    );
    h.get_by_label("Apply 1 dataset").click();
    // The import is applied in the background.
    h.step();
    h.state_mut().finish_job();
    h.run();
    assert_eq!(status(&h, &id), Status::Returned);

    // Returned work: the note on top, a click to the field it names.
    nav(&mut h, "Review");
    h.get_by_label("Returned work (1)");
    h.get_by_label("Please add Keywords for the tree species.");
    click(&mut h, "Fix: Keywords");
    assert_eq!(h.state().screen(), Screen::Checklist);
    assert_eq!(h.state().checklist_at(), (Some(&id), 4));
    type_into(
        &mut h,
        "Which words would a resident search for?",
        "; oak; maple",
    );
    let keywords = h.state().store().dataset(&id).unwrap().unwrap().keywords;
    assert!(keywords.contains(&"maple".to_string()), "{keywords:?}");

    // Submitted again: it leaves the list.
    nav(&mut h, "Review");
    click(&mut h, "Submit for review");
    assert_eq!(status(&h, &id), Status::Submitted);
    h.get_by_label("Returned work (0)");
    h.get_by_label("Waiting for the CDO (1)");
    let history = h.state().store().history(&id).unwrap();
    let kinds: Vec<HistoryKind> = history.iter().map(|e| e.kind.clone()).collect();
    assert!(kinds.contains(&HistoryKind::Decision(CdoDecision::ChangesRequested)));
    assert!(kinds.contains(&HistoryKind::StatusChanged {
        from: Status::Returned,
        to: Status::Submitted
    }));
    assert!(
        history
            .iter()
            .any(|e| e.note == "Please add Keywords for the tree species.")
    );
}

#[test]
fn the_cdo_approves_plans_and_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, id) = waiting(&dir, true);
    assert_eq!(
        h.query_all_by_label("Street trees").count(),
        2,
        "listed and shown"
    );
    click(&mut h, "Approve");
    // The decision is asked once more: it goes to the department.
    assert_eq!(status(&h, &id), Status::Submitted);
    click(&mut h, "Yes: Approve");
    assert_eq!(status(&h, &id), Status::Approved);

    h.get_by_role_and_label(Role::CheckBox, "Blog post").click();
    h.run();
    type_into(&mut h, "Announced by", "Press office");
    type_into(&mut h, "Portal link", "https://data.parks.gov/d/trees");
    click(&mut h, "Mark published");
    assert_eq!(status(&h, &id), Status::Published);
    let plan = h.state().store().plan(&id).unwrap();
    assert_eq!(plan.tactics, [Tactic::BlogPost]);
    assert_eq!(plan.announced_by, "Press office");
    assert_eq!(plan.published_on, Some(inventory_desk::store::now().date()));
    h.get_by_label("Published (1)");
}

#[test]
fn a_move_the_path_does_not_allow_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, id) = waiting(&dir, true);
    assert!(h.query_by_label("Mark published").is_none());
    // Returning without a note is refused, and says what to write.
    click(&mut h, "Return with changes requested");
    click(&mut h, "Yes: Return with changes requested");
    h.get_by_label_contains("Write a note for the coordinator");
    assert_eq!(status(&h, &id), Status::Submitted);
}

#[test]
fn the_progress_screen_counts_what_the_database_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        inventory_desk::demo::fill(&mut store, 120, 7).unwrap();
    }
    let h = open(&db, Screen::Progress, FixedDialogs::default());
    let datasets = h.state().store().datasets().unwrap();
    for s in Status::ALL {
        let n = datasets.iter().filter(|d| d.status == *s).count();
        h.get_by_label(&format!("{}: {n}", s.label()));
    }
    for c in Classification::ALL {
        let n = datasets
            .iter()
            .filter(|d| d.classification == Some(*c))
            .count();
        h.get_by_label(&format!("{}: {n}", c.label()));
    }
    h.get_by_label("1. Systems of record");
    h.get_by_label_contains("Refresh watch:");
    h.get_by_label_contains("Publishing plan");
}

#[test]
fn the_preview_shows_the_cdo_s_checklist_answers_and_publication_plan() {
    use inventory_desk::workbook::export::{ExportContent, write_workbook};
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = ready_file(&dir);
    let file = dir.path().join("back.xlsx");
    {
        let store = Store::open(&db).unwrap();
        let mut content = ExportContent::load(&store, None).unwrap();
        let vetted = content
            .checks
            .iter_mut()
            .find(|c| c.question_id == "vetted")
            .unwrap();
        vetted.state.answer = Some(CheckAnswer::No);
        vetted.state.note = "Totals differ from the annual report".into();
        content.plans = vec![(
            id.clone(),
            PublicationPlan {
                tactics: vec![Tactic::PressRelease],
                announced_by: "Communications".into(),
                ..Default::default()
            },
        )];
        write_workbook(&content, &file).unwrap();
    }
    let dialogs = FixedDialogs {
        import: Some(file),
        export: None,
    };
    let mut h = open(&db, Screen::Inventory, dialogs);
    h.get_by_label("📥 Import…").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label_contains("Has it been checked for reasonableness and accuracy?: Yes ➡ No");
    h.get_by_label_contains("Publication plan:");
    h.get_by_label("Apply 0 datasets and 2 other changes")
        .click();
    // The import is applied in the background.
    h.step();
    h.state_mut().finish_job();
    h.run();
    let store = h.state().store();
    assert_eq!(
        store.checks(&id).unwrap()["vetted"].answer,
        Some(CheckAnswer::No)
    );
    assert_eq!(store.plan(&id).unwrap().tactics, [Tactic::PressRelease]);
}

#[test]
fn the_review_and_progress_screens_show_one_department_or_the_whole_city() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        inventory_desk::demo::fill(&mut store, 40, 5).unwrap();
        let fire: DepartmentCode = "FIR".parse().unwrap();
        store
            .save_department(&Department::new(fire.clone(), "Fire"))
            .unwrap();
        for name in ["Hydrants", "Response times"] {
            let d = store.create_dataset(&fire, Dataset::named(name)).unwrap();
            inventory_desk::demo::complete_checklist(&mut store, d.id.as_ref().unwrap()).unwrap();
            store
                .move_dataset(d.id.as_ref().unwrap(), Move::Submit, "Lee", "")
                .unwrap();
        }
    }
    let mut h = open(&db, Screen::Review, FixedDialogs::default());
    let all = h
        .state()
        .store()
        .datasets()
        .unwrap()
        .iter()
        .filter(|d| d.status == Status::Submitted)
        .count();
    h.get_by_label(&format!("Waiting for the CDO ({all})"));
    h.get_by_role_and_label(Role::ComboBox, "Department")
        .click();
    h.run();
    click(&mut h, "Fire");
    h.get_by_label("Waiting for the CDO (2)");
    h.get_by_label("Returned work (0)");

    h.state_mut().go_to(Screen::Progress);
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Department")
        .click();
    h.run();
    // "Fire" is also a row of every department's steps: the choice is the
    // one in the open list.
    let choice = h
        .query_all_by_label("Fire")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .unwrap();
    choice.click();
    h.run();
    h.get_by_label("Submitted for review: 2");
    h.get_by_label("Not ready: 0");
}

#[test]
fn on_a_coordinator_s_desk_no_control_records_a_cdo_decision_but_the_one_for_what_the_cdo_sent() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, id) = waiting(&dir, false);
    h.get_by_label_contains("Coordinator's desk");
    for decision in [
        "Approve",
        "Return with changes requested",
        "Mark not publishable",
    ] {
        assert!(
            h.query_by_label(decision).is_none(),
            "{decision} is the CDO's to click"
        );
    }
    // The coordinator takes it back, or records what the CDO sent.
    h.get_by_label("Take back");
    click(&mut h, "Record a decision the CDO sent");
    h.get_by_role_and_label(Role::ComboBox, "The CDO's decision")
        .click();
    h.run();
    click(&mut h, "Changes requested");
    type_into(&mut h, "Who decided", "Dana Lee");
    click(&mut h, "Record the CDO's decision");
    // Every part is required: the date and the note are missing.
    h.get_by_label_contains("Write the day the CDO decided");
    assert_eq!(status(&h, &id), Status::Submitted);
    type_into(&mut h, "Decided on", "2026-11-30");
    type_into(
        &mut h,
        "The CDO's note",
        "Add the tree species to Keywords.",
    );
    click(&mut h, "Record the CDO's decision");
    assert_eq!(status(&h, &id), Status::Returned);
    let d = h.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(d.reviewed_by, "Dana Lee");
    assert_eq!(d.cdo_notes, "Add the tree species to Keywords.");
    let history = h.state().store().history(&id).unwrap();
    assert!(
        history.iter().any(
            |e| e.note.starts_with("Recorded by ") && e.note.contains("from the CDO's message")
        ),
        "{history:?}"
    );
}

#[test]
fn the_cdo_reviews_security_quality_and_privacy_and_records_the_ciso_s_audit_before_approving() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, id) = waiting(&dir, true);
    h.get_by_label("Release review: security, quality and privacy");
    h.get_by_label("The department's checklist");
    // One question answered Yes; the rest are still open when approving.
    let first = &inventory_desk::questions::Bank::release_review().questions[0];
    h.get_by_label(&first.text);
    h.query_all_by_label("Yes").next().unwrap().click();
    h.run();
    let review = h.state().store().release_review(&id).unwrap();
    assert_eq!(review.answers[&first.id].answer, CheckAnswer::Yes);

    // The CISO's audit: who and when are required.
    click(&mut h, "Record the sign-off");
    h.get_by_label_contains("Write the day of the sign-off");
    type_into(&mut h, "Signed off by", "Sam Ortiz");
    type_into(&mut h, "Signed off on", "2026-11-30");
    click(&mut h, "Record the sign-off");
    let review = h.state().store().release_review(&id).unwrap();
    assert_eq!(review.sign_offs.len(), 1);
    assert_eq!(review.sign_offs[0].by, "Sam Ortiz");
    // Listed under Sign-offs, and in the history.
    let line = "The CISO's security audit: Cleared, by Sam Ortiz on 2026-11-30.";
    assert_eq!(
        h.query_all(egui_kittest::kittest::by().label_contains(line))
            .count(),
        2
    );

    click(&mut h, "Approve");
    h.get_by_label("The release review is not finished:");
    h.get_by_label_contains("Security: 2 questions not answered.");
    click(&mut h, "Yes: Approve");
    assert_eq!(status(&h, &id), Status::Approved);
}

#[test]
fn the_whole_city_s_progress_shows_every_department_s_steps_and_due_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        inventory_desk::demo::fill(&mut store, 20, 5).unwrap();
        let mut fire = Department::new("FIR".parse().unwrap(), "Fire");
        fire.start_date = chrono::NaiveDate::from_ymd_opt(2020, 1, 6);
        store.save_department(&fire).unwrap();
        store
            .create_dataset(&fire.code, Dataset::named("Hydrants"))
            .unwrap();
    }
    let h = open(&db, Screen::Progress, FixedDialogs::default());
    h.get_by_label("Every department's three steps");
    // Fire is named in the steps and again under the metadata scores.
    assert!(h.query_all_by_label("Fire").count() >= 2);
    // Fire listed no system by its first due date, long past.
    h.get_by_label("Overdue, due 2020-02-06");
    h.get_by_label("Overdue, due 2020-04-06");
}

#[test]
fn a_message_about_one_dataset_does_not_stay_above_another() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    {
        let mut store = common::parks_at(&db, &["Playgrounds", "Street trees"]);
        for d in store.datasets().unwrap() {
            let id = d.id.unwrap();
            inventory_desk::demo::complete_checklist(&mut store, &id).unwrap();
            store.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
        }
    }
    common::at_the_cdo_s_desk(&db);
    let mut h = open(&db, Screen::Review, FixedDialogs::default());
    click(&mut h, "Waiting for your decision (2)");
    click(&mut h, "Return with changes requested");
    click(&mut h, "Yes: Return with changes requested");
    h.get_by_label_contains("Write a note for the coordinator");
    h.query_all_by_label("Street trees").next().unwrap().click();
    h.run();
    assert!(
        h.query_by_label_contains("Write a note for the coordinator")
            .is_none(),
        "the refusal was about Playgrounds"
    );
}

#[test]
fn twins_in_one_department_are_told_apart_by_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    let ids: Vec<InventoryId> = {
        let mut store = common::parks_at(&db, &["Street trees", "Street trees", "Playgrounds"]);
        let ids: Vec<InventoryId> = store
            .datasets()
            .unwrap()
            .into_iter()
            .map(|d| d.id.unwrap())
            .collect();
        for id in &ids {
            inventory_desk::demo::complete_checklist(&mut store, id).unwrap();
            store.move_dataset(id, Move::Submit, "Ana", "").unwrap();
        }
        ids
    };
    let mut h = open(&db, Screen::Review, FixedDialogs::default());
    click(&mut h, "Waiting for the CDO (3)");
    for id in ids.iter().filter(|id| id.number < 3) {
        h.get_by_label(&format!("{id} · Street trees"));
    }
    // A name no other dataset has stays as it is.
    assert!(h.query_all_by_label("Playgrounds").count() >= 1);
}
