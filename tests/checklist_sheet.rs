//! The checklist travels: the handoff workbook carries the checks' answers on a
//! `Checklist` sheet, and an import reads the CDO's changes to them back.
//! What it shares with the Publication Plan sheet is in `side_sheets.rs`.

mod common;

use std::path::Path;

use calamine::Data;
use chrono::NaiveDate;
use common::sheets::{
    self, Sent, Side, assert_unknown_dataset_refused, date_of, exported, header, parks_with,
    sheet_names, sheet_rows, text,
};
use inventory_desk::model::vocab::Vocabulary as _;
use inventory_desk::model::*;
use inventory_desk::questions::{Bank, Question};
use inventory_desk::store::{CheckRow, Store};
use inventory_desk::workbook::columns::CHECKLIST_HEADERS;
use inventory_desk::workbook::export::{ExportContent, export_xlsx, write_workbook_with_limit};
use inventory_desk::workbook::import::{FileContent, Problem, read_file};
use inventory_desk::workbook::merge::{Decisions, apply, describe_check, plan};

fn q(id: &str) -> &'static Question {
    Bank::checklist().question(id).unwrap()
}

/// Parks with two datasets; the second answered first, out of the bank's order.
fn answered_store() -> (Store, Vec<InventoryId>) {
    let (mut store, ids) = parks_with(&["Street Trees", "Playgrounds"]);
    let answers = [
        (1, "historical", Some(CheckAnswer::NotApplicable), ""),
        (
            1,
            "documented",
            Some(CheckAnswer::No),
            "No data dictionary yet",
        ),
        (
            0,
            "vetted",
            Some(CheckAnswer::Yes),
            "Compared with the annual report",
        ),
        (0, "documented", None, "Ask the steward"),
    ];
    for (i, question, answer, note) in answers {
        store
            .answer_check(&ids[i], q(question), answer, note)
            .unwrap();
    }
    (store, ids)
}

#[test]
fn the_checklist_sheet_has_a_row_per_answer_in_inventory_id_order() {
    let (mut store, ids) = answered_store();
    let (_dir, path) = exported(&mut store);
    let rows = sheet_rows(&path, "Checklist");
    let body: Vec<Vec<String>> = rows[1..]
        .iter()
        .map(|r| r[..5].iter().map(text).collect())
        .collect();
    let row = |id: &InventoryId, section: &str, question: &str, answer: &str, note: &str| {
        vec![
            id.to_string(),
            section.to_string(),
            question.to_string(),
            answer.to_string(),
            note.to_string(),
        ]
    };
    // Inventory ID order, then the checklist's order (documented comes before vetted).
    assert_eq!(
        body,
        vec![
            row(
                &ids[0],
                "Description and steward",
                &q("documented").text,
                "",
                "Ask the steward"
            ),
            row(
                &ids[0],
                "Quality",
                &q("vetted").text,
                "Yes",
                "Compared with the annual report"
            ),
            row(
                &ids[1],
                "Description and steward",
                &q("documented").text,
                "No",
                "No data dictionary yet"
            ),
            row(
                &ids[1],
                "Quality",
                &q("historical").text,
                "Not applicable",
                ""
            ),
        ]
    );
    let today = inventory_desk::store::now().date();
    for r in &rows[1..] {
        assert_eq!(date_of(&r[5], "Answered On"), today);
    }
}

#[test]
fn only_the_exported_department_s_answers_travel() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = answered_store();
    let streets: DepartmentCode = "STR".parse().unwrap();
    store
        .save_department(&Department::new(streets.clone(), "Streets"))
        .unwrap();
    let potholes = store
        .create_dataset(&streets, Dataset::named("Potholes"))
        .unwrap();
    store
        .answer_check(
            potholes.id.as_ref().unwrap(),
            q("vetted"),
            Some(CheckAnswer::Yes),
            "",
        )
        .unwrap();
    let path = dir.path().join("parks.xlsx");
    export_xlsx(&mut store, &path, Some(&common::parks())).unwrap();
    let rows = sheet_rows(&path, "Checklist");
    assert_eq!(rows.len(), 5, "the header and Parks' four answers");
    assert!(rows[1..].iter().all(|r| text(&r[0]).starts_with("PRK-")));
}

#[test]
fn a_note_that_looks_like_a_formula_stays_text() {
    let (mut store, ids) = answered_store();
    store
        .answer_check(&ids[0], q("complete"), Some(CheckAnswer::Yes), "=SUM(A1)")
        .unwrap();
    let (_dir, path) = exported(&mut store);
    let rows = sheet_rows(&path, "Checklist");
    let note = rows
        .iter()
        .find(|r| text(&r[2]) == q("complete").text)
        .map(|r| r[4].clone())
        .unwrap();
    assert_eq!(note, Data::String("=SUM(A1)".into()));
    // And it reads back as the same text: no change.
    let content = read_file(&path).unwrap();
    assert!(content.checks.iter().any(|c| c.note == "=SUM(A1)"));
    let plan = plan(&store, path, content).unwrap();
    assert_eq!(plan.checklist(), 0);
}

fn sent() -> Sent {
    let (store, ids) = answered_store();
    Sent::new(store, ids)
}

/// Sent, then the coordinator answers a check of the first dataset anew.
fn sent_then_answered_here() -> (Sent, InventoryId) {
    let mut s = sent();
    let id = s.ids[0].clone();
    s.store
        .answer_check(&id, q("vetted"), Some(CheckAnswer::No), "Found errors")
        .unwrap();
    (s, id)
}

fn find<'a>(checks: &'a mut [CheckRow], id: &InventoryId, question: &str) -> &'a mut CheckRow {
    checks
        .iter_mut()
        .find(|c| c.id == *id && c.question_id == question)
        .unwrap()
}

#[test]
fn an_answer_and_a_note_the_cdo_changed_are_planned_applied_and_kept_in_the_trail() {
    let mut s = sent();
    let id = s.ids[0].clone();
    let plan = s.returned(|back| {
        let c = find(&mut back.checks, &id, "vetted");
        c.state.answer = Some(CheckAnswer::No);
        c.state.note = "The totals do not match the annual report".into();
    });
    assert!(plan.problems().is_empty(), "{:?}", plan.problems());
    assert_eq!(plan.checklist(), 1);
    assert!(plan.has_changes());
    let change = &plan.checks[0];
    assert_eq!((&change.id, change.question_id.as_str()), (&id, "vetted"));
    assert_eq!(change.old.as_ref().unwrap().answer, Some(CheckAnswer::Yes));
    assert_eq!(change.new.answer, Some(CheckAnswer::No));
    assert_eq!(plan.checks_of(&id).count(), 1);
    let shown = describe_check(change);
    assert!(shown.contains("Yes, with the note"), "{shown}");
    assert!(shown.contains("➡ No, with the note"), "{shown}");

    let applied = apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(applied.checklist, 1);
    let now = s.store.checks(&id).unwrap();
    assert_eq!(now["vetted"].answer, Some(CheckAnswer::No));
    assert_eq!(
        now["vetted"].note,
        "The totals do not match the annual report"
    );
    let trail: Vec<(String, String)> = s
        .store
        .trail(&id)
        .unwrap()
        .into_iter()
        .filter(|t| t.question_id == "vetted")
        .map(|t| (t.answer, t.note))
        .collect();
    assert_eq!(
        trail,
        [
            ("Yes".into(), "Compared with the annual report".into()),
            (
                "No".into(),
                "The totals do not match the annual report".into()
            )
        ]
    );
}

#[test]
fn the_answered_on_day_of_the_file_is_kept_when_the_cdo_gives_one() {
    let mut s = sent();
    let id = s.ids[1].clone();
    let cdo_day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let plan = s.returned(|back| {
        let c = find(&mut back.checks, &id, "historical");
        c.state.answer = Some(CheckAnswer::Yes);
        c.state.on = cdo_day;
        // The CDO changes an answer but leaves its day: that day was the old answer's.
        find(&mut back.checks, &id, "documented").state.answer = Some(CheckAnswer::Yes);
    });
    assert_eq!(plan.checklist(), 2);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let now = s.store.checks(&id).unwrap();
    assert_eq!(now["historical"].on, cdo_day);
    assert_eq!(now["documented"].on, inventory_desk::store::now().date());
    let trail = s.store.trail(&id).unwrap();
    let last = trail
        .iter()
        .rev()
        .find(|t| t.question_id == "historical")
        .unwrap();
    assert_eq!((last.answer.as_str(), last.at.date()), ("Yes", cdo_day));
}

#[test]
fn an_answer_only_the_coordinator_changed_since_the_export_is_kept() {
    let (s, _) = sent_then_answered_here();
    let plan = s.returned(|_| {});
    assert_eq!(plan.checklist(), 0, "{:?}", plan.checks);
    assert!(!plan.has_changes());
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn an_answer_both_changed_keeps_the_coordinator_s_and_says_so() {
    let (mut s, id) = sent_then_answered_here();
    let plan = s.returned(|back| {
        find(&mut back.checks, &id, "vetted").state.answer = Some(CheckAnswer::NotApplicable);
    });
    assert_eq!(plan.checklist(), 0);
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    let w = &plan.warnings[0];
    assert_eq!(
        (w.sheet.as_str(), w.column.as_str()),
        ("Checklist", "Answer")
    );
    assert!(w.message.contains("Your answer (No"), "{}", w.message);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let now = s.store.checks(&id).unwrap();
    assert_eq!(now["vetted"].answer, Some(CheckAnswer::No));
}

#[test]
fn a_cleared_answer_and_note_clear_the_check() {
    let mut s = sent();
    let id = s.ids[1].clone();
    let plan = s.returned(|back| {
        let c = find(&mut back.checks, &id, "documented");
        c.state.answer = None;
        c.state.note.clear();
    });
    assert_eq!(plan.checklist(), 1);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let now = s.store.checks(&id).unwrap();
    assert_eq!(now["documented"].answer, None);
    assert_eq!(now["documented"].note, "");
}

/// A workbook made by hand: an Inventory sheet (name, ID) and a Checklist sheet
/// of `CHECKLIST_HEADERS` and `checks` (rows of text, from row 2).
fn hand_made(path: &Path, datasets: &[(&str, &str)], checks: &[&[&str]]) {
    let headers = &CHECKLIST_HEADERS;
    let side = Side {
        sheet: "Checklist",
        headers,
        rows: checks,
    };
    sheets::hand_made(path, datasets, &[side]);
}

fn located(content: &FileContent, cell: &str) -> Problem {
    sheets::located(&content.problems(), "Checklist", cell).clone()
}

#[test]
fn an_answer_that_is_not_yes_no_or_not_applicable_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("maybe.xlsx");
    let vetted = &q("vetted").text;
    hand_made(
        &path,
        &[("Street Trees", "PRK-0001")],
        &[&["PRK-0001", "Quality", vetted, "Maybe", "", ""]],
    );
    let content = read_file(&path).unwrap();
    assert_eq!(content.problems().len(), 1, "{:#?}", content.problems());
    let e = located(&content, "D2");
    assert_eq!(e.column, "Answer");
    assert!(e.message.contains("\"Maybe\""), "{}", e.message);
    assert!(
        e.message.contains("Yes, No or Not applicable"),
        "{}",
        e.message
    );
}

#[test]
fn every_problem_of_the_checklist_sheet_is_located_and_nothing_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.xlsx");
    let vetted = q("vetted").text.as_str();
    let complete = q("complete").text.as_str();
    hand_made(
        &path,
        &[("Street Trees", "PRK-0001")],
        &[
            &["PRK-0001", "", "Is the coffee good?", "Yes", "", ""],
            &["PRK-0001", "", vetted, "Yes", "", "next week"],
            &["PRK-0002", "", vetted, "No", "", ""],
            &["PRK-0001", "", "Who is the data steward?", "Yes", "", ""],
            &["Trees", "", vetted, "Yes", "", ""],
            &["PRK-0001", "", "complete", "yes", "by id", "2026-01-05"],
            &["PRK-0001", "", complete, "No", "", ""],
            &["", "", "", "", "", ""],
            &["", "", vetted, "Yes", "", ""],
        ],
    );
    let content = read_file(&path).unwrap();
    let unknown = located(&content, "C2");
    assert_eq!(unknown.column, "Question");
    assert!(unknown.message.contains("\"Is the coffee good?\""));
    assert_eq!(located(&content, "F3").column, "Answered On");
    let steward = located(&content, "C5");
    assert!(
        steward.message.contains("Data Steward column"),
        "{}",
        steward.message
    );
    assert_eq!(located(&content, "A6").column, "Inventory ID");
    let twice = located(&content, "C8");
    assert!(twice.message.contains("row 7"), "{}", twice.message);
    assert_eq!(located(&content, "A10").column, "Inventory ID");
    assert_eq!(content.problems().len(), 6, "{:#?}", content.problems());
    // The question written as its id was found.
    assert!(content.checks.iter().any(|c| c.question_id == "complete"
        && c.note == "by id"
        && c.on == NaiveDate::from_ymd_opt(2026, 1, 5)));

    // PRK-0002 is neither in the file's Inventory nor in the inventory.
    assert_unknown_dataset_refused(path, content, ("Checklist", "A4", "PRK-0002"));
}

#[test]
fn answers_of_a_dataset_the_file_adds_are_saved_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moving.xlsx");
    let vetted = q("vetted").text.as_str();
    hand_made(
        &path,
        &[("Street Trees", "PRK-0042")],
        &[&[
            "PRK-0042",
            "Quality",
            vetted,
            "Yes",
            "From the other office",
            "2025-12-01",
        ]],
    );
    let mut store = common::store_with_parks();
    let plan = plan(&store, path.clone(), read_file(&path).unwrap()).unwrap();
    assert!(plan.problems().is_empty(), "{:?}", plan.problems());
    assert_eq!(plan.checklist(), 1);
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let id: InventoryId = "PRK-0042".parse().unwrap();
    let check = &store.checks(&id).unwrap()["vetted"];
    assert_eq!(check.answer, Some(CheckAnswer::Yes));
    assert_eq!(check.on, NaiveDate::from_ymd_opt(2025, 12, 1).unwrap());
}

#[test]
fn a_long_checklist_continues_on_numbered_sheets_and_reads_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::store_with_parks();
    let checks: Vec<&Question> = Bank::checklist()
        .questions
        .iter()
        .filter(|q| q.is_check())
        .collect();
    for name in ["Street Trees", "Playgrounds"] {
        let d = store
            .create_dataset(&common::parks(), Dataset::named(name))
            .unwrap();
        for (i, question) in checks.iter().take(12).enumerate() {
            let answer = CheckAnswer::ALL[i % 3];
            store
                .answer_check(d.id.as_ref().unwrap(), question, Some(answer), "")
                .unwrap();
        }
    }
    let content = ExportContent::load(&store, None).unwrap();
    assert_eq!(content.checks.len(), 24);
    let path = dir.path().join("long.xlsx");
    write_workbook_with_limit(&content, &path, 10).unwrap();
    store
        .record_export(&content.export_id, None, &content.datasets, &content.checks)
        .unwrap();
    assert_eq!(
        sheet_names(&path),
        [
            "Instructions",
            "CDO Review",
            "Inventory",
            "Data Sources",
            "Checklist",
            "Checklist (2)",
            "Checklist (3)",
            "Publication Plan",
            "Attributes",
            "Distributions",
            "Departments",
            "Lists",
            "About"
        ]
    );
    for (name, rows) in [
        ("Checklist", 10),
        ("Checklist (2)", 10),
        ("Checklist (3)", 4),
    ] {
        let sheet = sheet_rows(&path, name);
        assert_eq!(header(&sheet), CHECKLIST_HEADERS, "{name}");
        assert_eq!(sheet.len() - 1, rows, "{name}");
    }
    let read = read_file(&path).unwrap();
    assert!(read.problems().is_empty(), "{:?}", read.problems());
    assert_eq!(read.checks.len(), 24);
    let plan = plan(&store, path, read).unwrap();
    assert_eq!(plan.checklist(), 0);
    assert!(!plan.has_changes());
}

#[test]
fn answers_round_trip_unchanged_even_from_another_inventory() {
    let (mut store, _) = answered_store();
    let (dir, path) = exported(&mut store);
    let content = read_file(&path).unwrap();
    assert_eq!(content.checks.len(), 4);
    assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    // A copy of the inventory that did not make the export: a two-way diff.
    let copy = dir.path().join("copy.sqlite3");
    {
        let mut other = Store::open(&copy).unwrap();
        other
            .save_department(&Department::new(common::parks(), "Parks"))
            .unwrap();
        let before = plan(&other, path.clone(), content.clone()).unwrap();
        apply(&mut other, &before, &Decisions::default()).unwrap();
        assert_eq!(before.checklist(), 4);
    }
    let other = Store::open(&copy).unwrap();
    let again = plan(&other, path, content).unwrap();
    assert_eq!(again.checklist(), 0);
}
