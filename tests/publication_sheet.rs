//! The publication plan travels: the handoff workbook carries each dataset's
//! plan on a `Publication Plan` sheet, and an import reads the changes the CDO
//! and the communications team made to it back. What it shares with the
//! Checklist sheet is in `side_sheets.rs`.

mod common;

use std::path::Path;

use calamine::Data;
use chrono::NaiveDate;
use common::sheets::{
    self, Sent, Side, assert_unknown_dataset_refused, date_of, exported, header, parks_with,
    sheet_rows, text,
};
use inventory_desk::model::*;
use inventory_desk::store::Store;
use inventory_desk::workbook::columns::PLAN_HEADERS;
use inventory_desk::workbook::import::{Problem, read_file};
use inventory_desk::workbook::merge::{Decisions, apply, describe_plan_change, plan};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Parks with three datasets; the first and the third have a plan.
fn planned_store() -> (Store, Vec<InventoryId>) {
    let (mut store, ids) = parks_with(&["Street Trees", "Playgrounds", "=Pool Hours"]);
    store.save_plan(&ids[0], &trees_plan()).unwrap();
    let pools = PublicationPlan {
        tactics: vec![Tactic::SocialMedia],
        announced_by: "=Press Office".into(),
        ..Default::default()
    };
    store.save_plan(&ids[2], &pools).unwrap();
    (store, ids)
}

fn trees_plan() -> PublicationPlan {
    PublicationPlan {
        tactics: vec![Tactic::BlogPost, Tactic::PressRelease],
        announce_on: Some(day(2027, 3, 1)),
        announced_by: "Communications Office".into(),
        maintained_by: "Kim Lee".into(),
        published_on: Some(day(2027, 2, 15)),
        last_refreshed: Some(day(2027, 4, 1)),
    }
}

#[test]
fn the_publication_plan_sheet_has_a_row_per_planned_dataset() {
    let (mut store, ids) = planned_store();
    let (_dir, path) = exported(&mut store);
    let rows = sheet_rows(&path, "Publication Plan");
    assert_eq!(rows.len(), 3, "the header and the two planned datasets");
    let trees: Vec<String> = rows[1][..6].iter().map(text).collect();
    assert_eq!(
        trees[..3],
        [
            ids[0].to_string(),
            "Street Trees".into(),
            "Blog post; Press release".into()
        ]
    );
    assert_eq!(trees[4..], ["Communications Office", "Kim Lee"]);
    assert_eq!(date_of(&rows[1][3], "a plan's date"), day(2027, 3, 1));
    assert_eq!(date_of(&rows[1][6], "a plan's date"), day(2027, 2, 15));
    assert_eq!(date_of(&rows[1][7], "a plan's date"), day(2027, 4, 1));
    // Text that looks like a formula stays text; a date left empty stays empty.
    let pools = &rows[2];
    assert_eq!(pools[1], Data::String("=Pool Hours".into()));
    assert_eq!(pools[4], Data::String("=Press Office".into()));
    assert_eq!(pools[3], Data::Empty);
}

#[test]
fn the_sheet_is_there_with_its_header_when_no_dataset_has_a_plan() {
    let (mut store, _) = parks_with(&["Street Trees"]);
    let (_dir, path) = exported(&mut store);
    let rows = sheet_rows(&path, "Publication Plan");
    assert_eq!(rows.len(), 1);
    assert_eq!(header(&rows), PLAN_HEADERS);
}

fn sent() -> Sent {
    let (store, ids) = planned_store();
    Sent::new(store, ids)
}

#[test]
fn an_untouched_export_imports_with_no_plan_changes() {
    let s = sent();
    let plan = s.returned(|_| {});
    assert!(plan.problems().is_empty(), "{:?}", plan.problems());
    assert_eq!(plan.plans(), 0, "{:?}", plan.plan_changes);
    assert!(!plan.has_changes());
}

#[test]
fn a_plan_the_cdo_filled_in_is_planned_applied_and_read_back() {
    let mut s = sent();
    let playgrounds = s.ids[1].clone();
    let trees = s.ids[0].clone();
    let new_plan = PublicationPlan {
        tactics: vec![Tactic::PublicEvent, Tactic::Hackathon],
        announce_on: Some(day(2027, 6, 1)),
        announced_by: "Mayor's Office".into(),
        maintained_by: "Parks GIS Team".into(),
        ..Default::default()
    };
    let plan = s.returned(|back| {
        back.plans
            .insert(1, (playgrounds.clone(), new_plan.clone()));
        back.plans[0].1.tactics.push(Tactic::SocialMedia);
    });
    assert!(plan.problems().is_empty(), "{:?}", plan.problems());
    assert_eq!(plan.plans(), 2, "{:?}", plan.plan_changes);
    assert!(plan.has_changes());
    let change = plan.plan_change_of(&playgrounds).unwrap();
    assert!(change.old.is_empty());
    assert_eq!(change.new, new_plan);
    let shown = describe_plan_change(plan.plan_change_of(&trees).unwrap());
    assert_eq!(
        shown,
        "Publication plan: Tactics: Blog post; Press release ➡ Blog post; Press release; Social media"
    );
    let shown = describe_plan_change(change);
    assert!(
        shown.starts_with("Publication plan: Tactics: (empty) ➡ Public event; Hackathon, Announce On: (empty) ➡ 2027-06-01"),
        "{shown}"
    );
    assert!(
        !shown.contains("Published On"),
        "only what differs: {shown}"
    );

    let applied = apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(applied.plans, 2);
    assert_eq!(s.store.plan(&playgrounds).unwrap(), new_plan);
    let mut expected = trees_plan();
    expected.tactics.push(Tactic::SocialMedia);
    assert_eq!(s.store.plan(&trees).unwrap(), expected);
}

#[test]
fn an_emptied_row_removes_the_plan() {
    let mut s = sent();
    let trees = s.ids[0].clone();
    let plan = s.returned(|back| back.plans[0].1 = PublicationPlan::default());
    assert_eq!(plan.plans(), 1);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert!(s.store.plan(&trees).unwrap().is_empty());
    let left: Vec<InventoryId> = s
        .store
        .plans(None)
        .unwrap()
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(left, [s.ids[2].clone()]);
}

/// A workbook made by hand: an Inventory sheet (name, ID) and a Publication
/// Plan sheet of `headers` and `rows` (text, from row 2).
fn hand_made(path: &Path, datasets: &[(&str, &str)], headers: &[&str], rows: &[&[&str]]) {
    let side = Side {
        sheet: "Publication Plan",
        headers,
        rows,
    };
    sheets::hand_made(path, datasets, &[side]);
}

fn located<'a>(errors: &'a [Problem], cell: &str) -> &'a Problem {
    sheets::located(errors, "Publication Plan", cell)
}

#[test]
fn an_unknown_tactic_is_located_named_and_its_row_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("billboard.xlsx");
    let mut store = common::store_with_parks();
    let trees = store
        .create_dataset(&common::parks(), Dataset::named("Street Trees"))
        .unwrap();
    let id = trees.id.unwrap().to_string();
    hand_made(
        &path,
        &[("Street Trees", &id), ("Dog Parks", "")],
        &PLAN_HEADERS,
        &[&[
            &id,
            "Street Trees",
            "Blog post; billboard",
            "",
            "Kim",
            "",
            "",
            "",
        ]],
    );
    let content = read_file(&path).unwrap();
    assert_eq!(content.problems().len(), 1, "{:#?}", content.problems());
    let problems = content.problems();
    let e = located(&problems, "C2");
    assert_eq!(e.column, "Tactics");
    assert!(e.message.contains("\"billboard\""), "{}", e.message);
    for tactic in Tactic::ALL {
        use inventory_desk::model::vocab::Vocabulary as _;
        assert!(e.message.contains(tactic.label()), "{}", e.message);
    }
    let plan = plan(&store, path, content).unwrap();
    assert!(!plan.has_errors(), "a row's problem holds the row");
    assert_eq!(plan.held.len(), 1);
    assert_eq!(plan.held[0].sheet, "Publication Plan");
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(store.datasets().unwrap().len(), 2, "Dog Parks added");
    assert!(
        store.plans(None).unwrap().is_empty(),
        "the held plan is not"
    );
}

#[test]
fn every_problem_of_the_plan_sheet_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.xlsx");
    hand_made(
        &path,
        &[("Street Trees", "PRK-0001")],
        &PLAN_HEADERS,
        &[
            &["PRK-0001", "", "Blog", "next week", "", "", "", ""],
            &["PRK-0009", "", "Hackathon", "", "", "", "", ""],
            &["Trees", "", "Blog", "", "", "", "", ""],
            &["", "Playgrounds", "Blog", "", "", "", "", ""],
            &["PRK-0001", "", "", "", "", "", "2027-01-05", "31/31/2027"],
            &["", "", "", "", "", "", "", ""],
        ],
    );
    let content = read_file(&path).unwrap();
    assert_eq!(located(&content.problems(), "D2").column, "Announce On");
    assert_eq!(located(&content.problems(), "A4").column, "Inventory ID");
    assert_eq!(located(&content.problems(), "A5").column, "Inventory ID");
    assert_eq!(located(&content.problems(), "H6").column, "Last Refreshed");
    assert_eq!(content.problems().len(), 4, "{:#?}", content.problems());

    // PRK-0009 is neither in the file's Inventory nor in the inventory.
    let where_ = ("Publication Plan", "A3", "PRK-0009");
    assert_unknown_dataset_refused(path, content, where_);
}

#[test]
fn a_plan_written_by_hand_is_read_leniently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("by-hand.xlsx");
    // Headers in another order and case; Dataset Name left out; dates typed.
    hand_made(
        &path,
        &[("Street Trees", "PRK-0042")],
        &["tactics", "INVENTORY ID", "Published On", "Announced By"],
        &[&[
            "press, hack-a-thon",
            "PRK-0042",
            "3/1/2027",
            "  Press Office ",
        ]],
    );
    let mut store = common::store_with_parks();
    let content = read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:?}", content.problems());
    assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    let plan = plan(&store, path, content).unwrap();
    assert!(plan.problems().is_empty(), "{:?}", plan.problems());
    assert_eq!(plan.plans(), 1);
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    // The dataset the file adds is saved with its plan.
    let saved = store.plan(&"PRK-0042".parse().unwrap()).unwrap();
    assert_eq!(
        saved,
        PublicationPlan {
            tactics: vec![Tactic::PressRelease, Tactic::Hackathon],
            announced_by: "Press Office".into(),
            published_on: Some(day(2027, 3, 1)),
            ..Default::default()
        }
    );
}

#[test]
fn a_column_the_file_lacks_leaves_that_part_of_the_plan_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partial.xlsx");
    let (mut store, ids) = planned_store();
    let id = ids[0].to_string();
    hand_made(
        &path,
        &[("Street Trees", &id)],
        &["Inventory ID", "Kept Up To Date By"],
        &[&[&id, "Parks GIS Team"]],
    );
    let plan = plan(&store, path.clone(), read_file(&path).unwrap()).unwrap();
    assert_eq!(plan.plans(), 1);
    assert_eq!(
        describe_plan_change(&plan.plan_changes[0]),
        "Publication plan: Kept Up To Date By: Kim Lee ➡ Parks GIS Team"
    );
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let mut expected = trees_plan();
    expected.maintained_by = "Parks GIS Team".into();
    assert_eq!(store.plan(&ids[0]).unwrap(), expected);
}
