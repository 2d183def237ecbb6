//! The publication plan travels: the handoff workbook carries each dataset's
//! plan on a `Publication Plan` sheet, and an import reads the changes the CDO
//! and the communications team made to it back.

mod common;

use common::xlsx::{self, Sent, date, sheet_names, sheet_rows, text};

use std::path::Path;

use calamine::Data;
use chrono::NaiveDate;
use inventory_desk::cli::{Command, run};
use inventory_desk::model::*;
use inventory_desk::store::Store;
use inventory_desk::workbook::columns::{COLUMNS, PLAN_HEADERS};
use inventory_desk::workbook::export::{export_xlsx, write_workbook};
use inventory_desk::workbook::import::{Problem, read_file};
use inventory_desk::workbook::merge::{Decisions, Plan, apply, describe_plan_change, plan};
use rust_xlsxwriter::Workbook;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Parks with three datasets; the first and the third have a plan.
fn planned_store() -> (Store, Vec<InventoryId>) {
    let mut store = common::store_with_parks();
    let mut ids = Vec::new();
    for name in ["Street Trees", "Playgrounds", "=Pool Hours"] {
        let d = store
            .create_dataset(&common::parks(), Dataset::named(name))
            .unwrap();
        ids.push(d.id.unwrap());
    }
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
fn the_publication_plan_sheet_follows_the_checklist_with_its_headers_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, ids) = planned_store();
    let path = dir.path().join("out.xlsx");
    export_xlsx(&mut store, &path, None).unwrap();
    assert_eq!(
        sheet_names(&path),
        [
            "Instructions",
            "Inventory",
            "Data Sources",
            "Checklist",
            "Publication Plan",
            "Lists",
            "About"
        ]
    );
    let rows = sheet_rows(&path, "Publication Plan");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header, PLAN_HEADERS);
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
    assert_eq!(date(&rows[1][3]), day(2027, 3, 1));
    assert_eq!(date(&rows[1][6]), day(2027, 2, 15));
    assert_eq!(date(&rows[1][7]), day(2027, 4, 1));
    // Text that looks like a formula stays text; a date left empty stays empty.
    let pools = &rows[2];
    assert_eq!(pools[1], Data::String("=Pool Hours".into()));
    assert_eq!(pools[4], Data::String("=Press Office".into()));
    assert_eq!(pools[3], Data::Empty);
}

#[test]
fn the_sheet_is_there_with_its_header_when_no_dataset_has_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::store_with_parks();
    store
        .create_dataset(&common::parks(), Dataset::named("Street Trees"))
        .unwrap();
    let path = dir.path().join("out.xlsx");
    export_xlsx(&mut store, &path, None).unwrap();
    let rows = sheet_rows(&path, "Publication Plan");
    assert_eq!(rows.len(), 1);
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header, PLAN_HEADERS);
}

#[test]
fn the_instructions_say_what_the_publication_plan_sheet_is() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = planned_store();
    let path = dir.path().join("out.xlsx");
    export_xlsx(&mut store, &path, None).unwrap();
    let words: Vec<String> = sheet_rows(&path, "Instructions")
        .iter()
        .flatten()
        .map(text)
        .collect();
    assert!(
        words.iter().any(|w| w.contains("Publication Plan sheet")
            && w.contains("communications team")
            && w.contains("fill it in")),
        "{words:?}"
    );
    for header in PLAN_HEADERS {
        assert!(words.iter().any(|w| w == header), "{header}");
    }
    assert!(
        words
            .iter()
            .any(|w| w == "Blog post, Social media, Press release, Public event, Hackathon")
    );
}

#[test]
fn the_instructions_and_the_app_s_help_say_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = planned_store();
    let path = dir.path().join("out.xlsx");
    export_xlsx(&mut store, &path, None).unwrap();
    let words: Vec<String> = sheet_rows(&path, "Instructions")
        .iter()
        .flatten()
        .map(text)
        .collect();
    for help in &inventory_desk::help::HELP {
        assert!(words.iter().any(|w| w == help.title), "{}", help.title);
        assert!(words.iter().any(|w| w == help.text), "{}", help.name);
    }
}

fn sent() -> Sent {
    let (store, ids) = planned_store();
    Sent::new(store, ids)
}

impl Sent {
    /// The CDO changes the Publication Plan sheet and sends the file back.
    fn returned(&self, edit: impl FnOnce(&mut Vec<(InventoryId, PublicationPlan)>)) -> Plan {
        let mut back = self.content.clone();
        edit(&mut back.plans);
        let path = self.dir.path().join("returned.xlsx");
        write_workbook(&back, &path).unwrap();
        let content = read_file(&path).unwrap();
        assert!(content.errors.is_empty(), "{:?}", content.errors);
        plan(&self.store, path, content).unwrap()
    }
}

#[test]
fn an_untouched_export_imports_with_no_plan_changes() {
    let s = sent();
    let plan = s.returned(|_| {});
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
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
    let plan = s.returned(|plans| {
        plans.insert(1, (playgrounds.clone(), new_plan.clone()));
        plans[0].1.tactics.push(Tactic::SocialMedia);
    });
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
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
fn a_rejected_dataset_keeps_its_plan() {
    let mut s = sent();
    let trees = s.ids[0].clone();
    let plan = s.returned(|plans| plans[0].1.maintained_by = "Someone Else".into());
    assert_eq!(plan.plans(), 1);
    let row = plan
        .items
        .iter()
        .find(|i| i.id.as_ref() == Some(&trees))
        .unwrap()
        .row;
    let mut decisions = Decisions::default();
    decisions.rejected.insert(row);
    let applied = apply(&mut s.store, &plan, &decisions).unwrap();
    assert_eq!(applied.plans, 0);
    assert_eq!(s.store.plan(&trees).unwrap(), trees_plan());
}

#[test]
fn an_emptied_row_removes_the_plan() {
    let mut s = sent();
    let trees = s.ids[0].clone();
    let plan = s.returned(|plans| plans[0].1 = PublicationPlan::default());
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
    xlsx::hand_made(path, datasets, "Publication Plan", headers, rows);
}

fn located<'a>(errors: &'a [Problem], cell: &str) -> &'a Problem {
    let problem = errors
        .iter()
        .find(|e| e.cell == cell)
        .unwrap_or_else(|| panic!("no error at {cell}: {errors:#?}"));
    assert_eq!(problem.sheet, "Publication Plan");
    common::assert_plain(&problem.message);
    problem
}

#[test]
fn an_unknown_tactic_is_located_named_and_nothing_is_applied() {
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
    assert_eq!(content.errors.len(), 1, "{:#?}", content.errors);
    let e = located(&content.errors, "C2");
    assert_eq!(e.column, "Tactics");
    assert!(e.message.contains("\"billboard\""), "{}", e.message);
    for tactic in Tactic::ALL {
        use inventory_desk::model::vocab::Vocabulary as _;
        assert!(e.message.contains(tactic.label()), "{}", e.message);
    }
    let plan = plan(&store, path, content).unwrap();
    assert!(plan.has_errors());
    assert!(apply(&mut store, &plan, &Decisions::default()).is_err());
    assert_eq!(store.datasets().unwrap().len(), 1, "Dog Parks not added");
    assert!(store.plans(None).unwrap().is_empty());
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
    assert_eq!(located(&content.errors, "D2").column, "Announce On");
    assert_eq!(located(&content.errors, "A4").column, "Inventory ID");
    assert_eq!(located(&content.errors, "A5").column, "Inventory ID");
    assert_eq!(located(&content.errors, "H6").column, "Last Refreshed");
    assert_eq!(content.errors.len(), 4, "{:#?}", content.errors);

    // PRK-0009 is neither in the file's Inventory nor in the inventory.
    let mut store = common::store_with_parks();
    let plan = plan(&store, path, content).unwrap();
    let e = located(&plan.errors, "A3");
    assert_eq!(e.column, "Inventory ID");
    assert!(e.message.contains("PRK-0009"), "{}", e.message);
    assert!(apply(&mut store, &plan, &Decisions::default()).is_err());
    assert!(store.datasets().unwrap().is_empty());
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
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    let plan = plan(&store, path, content).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
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

#[test]
fn a_file_without_a_publication_plan_sheet_imports_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Inventory").unwrap();
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, col.header).unwrap();
    }
    sheet.write_string(1, 0, "Dog Parks").unwrap();
    book.save(&path).unwrap();
    let (mut store, ids) = planned_store();
    let content = read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    assert!(content.plans.is_empty());
    let plan = plan(&store, path, content).unwrap();
    assert_eq!(plan.plans(), 0);
    let applied = apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!((applied.added, applied.plans), (1, 0));
    assert_eq!(
        store.plan(&ids[0]).unwrap(),
        trees_plan(),
        "plans the file does not mention stay"
    );
}

#[test]
fn the_cli_counts_the_changed_plans() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    let id = {
        let store = common::parks_at(&db, &["Street Trees"]);
        store.datasets().unwrap()[0].id.clone().unwrap().to_string()
    };
    let file = dir.path().join("back.xlsx");
    hand_made(
        &file,
        &[("Street Trees", &id)],
        &PLAN_HEADERS,
        &[&[&id, "", "Social media", "2027-05-01", "", "", "", ""]],
    );
    let report = |command| -> serde_json::Value {
        let out = match run(Some(&db), command) {
            Ok(out) => out,
            Err(e) => panic!("{e:?}"),
        };
        serde_json::from_str(&out).unwrap()
    };
    let checked = report(Command::Check {
        file: file.clone(),
        json: true,
    });
    assert_eq!(checked["plans"], 1, "{checked}");
    let import = |dry_run| Command::Import {
        file: file.clone(),
        dry_run,
        json: true,
    };
    let dry = report(import(true));
    assert_eq!(
        (dry["plans"].as_u64(), dry["updated"].as_u64()),
        (Some(1), Some(0))
    );
    let done = report(import(false));
    assert_eq!(done["applied"], true, "{done}");
    let store = Store::open(&db).unwrap();
    let plan = store.plan(&id.parse().unwrap()).unwrap();
    assert_eq!(plan.tactics, [Tactic::SocialMedia]);
    assert_eq!(plan.announce_on, Some(day(2027, 5, 1)));
    // The same file again changes nothing more.
    assert_eq!(report(import(true))["plans"], 0);
}
