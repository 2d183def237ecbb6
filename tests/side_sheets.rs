//! What the workbook's two side sheets, the Checklist and the Publication
//! Plan, do alike: one reader reads both over their declared columns, the
//! Instructions explain both, and an import treats both as parts of a dataset.
//! What each sheet holds is tested in `checklist_sheet.rs` and
//! `publication_sheet.rs`.

mod common;

use chrono::NaiveDate;
use common::sheets::SHEETS;
use common::sheets::{
    Sent, Side, exported, hand_made, header, instructions, parks_with, sheet_names, sheet_rows,
};
use inventory_desk::cli::{Command, run};
use inventory_desk::model::*;
use inventory_desk::questions::Bank;
use inventory_desk::store::Store;
use inventory_desk::workbook::columns::{
    CHECKLIST_HEADERS, COLUMNS, DISTRIBUTION_HEADERS, PLAN_HEADERS,
};
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{Decisions, apply, plan};
use rust_xlsxwriter::Workbook;

const SIDE_SHEETS: [&str; 3] = ["Checklist", "Publication Plan", "Distributions"];

fn trees_plan() -> PublicationPlan {
    PublicationPlan {
        tactics: vec![Tactic::BlogPost, Tactic::PressRelease],
        announced_by: "Communications Office".into(),
        maintained_by: "Kim Lee".into(),
        ..Default::default()
    }
}

/// Parks with Street Trees and Playgrounds; Street Trees' data is vetted and
/// its publication planned.
fn answered_and_planned() -> (Store, Vec<InventoryId>) {
    let (mut store, ids) = parks_with(&["Street Trees", "Playgrounds"]);
    let vetted = Bank::checklist().question("vetted").unwrap();
    store
        .answer_check(&ids[0], vetted, Some(CheckAnswer::Yes), "")
        .unwrap();
    store.save_plan(&ids[0], &trees_plan()).unwrap();
    (store, ids)
}

fn vetted(store: &Store, id: &InventoryId) -> Option<CheckAnswer> {
    store.checks(id).unwrap()["vetted"].answer
}

#[test]
fn the_side_sheets_follow_data_sources_each_with_its_headers() {
    let (mut store, _) = answered_and_planned();
    let (_dir, path) = exported(&mut store);
    assert_eq!(sheet_names(&path), SHEETS);
    let headers: [&[&str]; 3] = [&CHECKLIST_HEADERS, &PLAN_HEADERS, &DISTRIBUTION_HEADERS];
    for (name, headers) in SIDE_SHEETS.into_iter().zip(headers) {
        assert_eq!(header(&sheet_rows(&path, name)), headers, "{name}");
    }
}

#[test]
fn a_sheet_named_like_a_side_sheet_without_its_columns_is_skipped_with_a_warning() {
    for name in SIDE_SHEETS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.xlsx");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("Inventory").unwrap();
        sheet.write_string(0, 0, "Dataset Name").unwrap();
        sheet.write_string(1, 0, "Street Trees").unwrap();
        let other = book.add_worksheet().set_name(name).unwrap();
        other.write_string(0, 0, "Step").unwrap();
        other.write_string(1, 0, "Call the steward").unwrap();
        book.save(&path).unwrap();
        let content = read_file(&path).unwrap();
        assert!(content.problems().is_empty(), "{:?}", content.problems());
        assert_eq!(content.warnings.len(), 1, "{name}");
        assert_eq!(content.warnings[0].sheet, name);
        assert!(content.warnings[0].message.contains("were not read"));
    }
}

#[test]
fn a_file_without_side_sheets_imports_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Inventory").unwrap();
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, col.header).unwrap();
    }
    sheet.write_string(1, 0, "Dog Parks").unwrap();
    book.save(&path).unwrap();
    let (mut store, ids) = answered_and_planned();
    let content = read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:?}", content.problems());
    assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    assert!(content.checks.is_empty());
    assert!(content.plans.is_empty());
    let plan = plan(&store, path, content).unwrap();
    assert_eq!((plan.checklist(), plan.plans()), (0, 0));
    let applied = apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!((applied.added, applied.checklist, applied.plans), (1, 0, 0));
    assert_eq!(
        vetted(&store, &ids[0]),
        Some(CheckAnswer::Yes),
        "answers the file does not mention stay"
    );
    assert_eq!(
        store.plan(&ids[0]).unwrap(),
        trees_plan(),
        "plans the file does not mention stay"
    );
}

#[test]
fn the_instructions_say_what_each_side_sheet_is() {
    let (mut store, _) = answered_and_planned();
    let (_dir, path) = exported(&mut store);
    let words = instructions(&path);
    let sides: [(&[&str], &[&str], &str); 2] = [
        (
            &["Checklist sheet", "change an answer"],
            &CHECKLIST_HEADERS,
            "Yes, No, Not applicable",
        ),
        (
            &[
                "Publication Plan sheet",
                "communications team",
                "fill it in",
            ],
            &PLAN_HEADERS,
            "Blog post, Social media, Press release, Public event, Hackathon",
        ),
    ];
    for (about, headers, choices) in sides {
        assert!(
            words
                .iter()
                .any(|w| about.iter().all(|part| w.contains(part))),
            "{about:?}: {words:?}"
        );
        for header in headers {
            assert!(words.iter().any(|w| w == header), "{header}");
        }
        assert!(words.iter().any(|w| w == choices), "{choices}");
    }
}

#[test]
fn a_rejected_dataset_keeps_its_answers_and_its_plan() {
    let (store, ids) = answered_and_planned();
    let mut s = Sent::new(store, ids);
    let trees = s.ids[0].clone();
    let plan = s.returned(|back| {
        let check = back.checks.iter_mut().find(|c| c.question_id == "vetted");
        check.unwrap().state.answer = Some(CheckAnswer::No);
        back.plans[0].1.maintained_by = "Someone Else".into();
    });
    assert_eq!((plan.checklist(), plan.plans()), (1, 1));
    // The preview lists the dataset, unchanged but for its checklist and plan.
    let row = plan
        .items
        .iter()
        .find(|i| i.id.as_ref() == Some(&trees))
        .unwrap()
        .row;
    let mut decisions = Decisions::default();
    decisions.rejected.insert(row);
    let applied = apply(&mut s.store, &plan, &decisions).unwrap();
    assert_eq!((applied.checklist, applied.plans), (0, 0));
    assert_eq!(vetted(&s.store, &trees), Some(CheckAnswer::Yes));
    assert_eq!(s.store.plan(&trees).unwrap(), trees_plan());
}

#[test]
fn the_cli_counts_the_changed_answers_and_plans() {
    let (dir, mut store) = common::parks_file(&["Street Trees"]);
    let db = dir.path().join("inventory.sqlite3");
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let question = Bank::checklist().question("vetted").unwrap();
    store
        .answer_check(&id, question, Some(CheckAnswer::Yes), "")
        .unwrap();
    drop(store);
    let file = dir.path().join("back.xlsx");
    let text = id.to_string();
    let words = "has it been checked for reasonableness and accuracy";
    hand_made(
        &file,
        &[("Street Trees", &text)],
        &[
            Side {
                sheet: "Checklist",
                headers: &CHECKLIST_HEADERS,
                rows: &[&[&text, "", words, "no", "", ""]],
            },
            Side {
                sheet: "Publication Plan",
                headers: &PLAN_HEADERS,
                rows: &[&[&text, "", "Social media", "2027-05-01", "", "", "", ""]],
            },
        ],
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
        map: None,
        department: None,
    });
    assert_eq!(checked["checklist"], 1, "{checked}");
    assert_eq!(checked["plans"], 1, "{checked}");
    let import = |dry_run| Command::Import {
        file: file.clone(),
        dry_run,
        json: true,
        map: None,
        department: None,
    };
    let dry = report(import(true));
    assert_eq!(
        (dry["checklist"].as_u64(), dry["plans"].as_u64()),
        (Some(1), Some(1)),
        "{dry}"
    );
    assert_eq!(dry["updated"], 0, "{dry}");
    let done = report(import(false));
    assert_eq!(done["applied"], true, "{done}");
    let store = Store::open(&db).unwrap();
    assert_eq!(vetted(&store, &id), Some(CheckAnswer::No));
    let plan = store.plan(&id).unwrap();
    assert_eq!(plan.tactics, [Tactic::SocialMedia]);
    assert_eq!(plan.announce_on, NaiveDate::from_ymd_opt(2027, 5, 1));
    // The same file again changes nothing more.
    let again = report(import(true));
    assert_eq!(again["checklist"], 0, "{again}");
    assert_eq!(again["plans"], 0, "{again}");
}

fn distribution(title: &str) -> Distribution {
    Distribution {
        title: title.into(),
        download_url: format!("https://data.city.gov/{title}.csv"),
        media_type: "text/csv".into(),
        format: "CSV".into(),
        ..Distribution::default()
    }
}

#[test]
fn distributions_travel_in_the_workbook_and_the_returned_sheet_replaces_each_list() {
    let (mut store, ids) = parks_with(&["Street Trees", "Playgrounds"]);
    store
        .set_distributions(
            &ids[0],
            &[distribution("trees"), distribution("dictionary")],
        )
        .unwrap();
    let (_dir, path) = exported(&mut store);
    let rows = sheet_rows(&path, "Distributions");
    assert_eq!(rows.len(), 3, "a header and one row per distribution");

    // The same file read back changes nothing.
    let content = read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    let unchanged = plan(&store, path.clone(), content).unwrap();
    assert!(!unchanged.has_changes(), "{:?}", unchanged.items);

    // Someone removes the dictionary and gives Playgrounds a map.
    let edited = _dir.path().join("edited.xlsx");
    let mut book = trees_and_playgrounds(&ids);
    let sheet = book.add_worksheet().set_name("Distributions").unwrap();
    for (c, header) in DISTRIBUTION_HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    let map = Distribution {
        title: "Map".into(),
        access_url: "https://maps.city.gov/playgrounds".into(),
        ..Distribution::default()
    };
    for (r, (id, d)) in [(&ids[0], distribution("trees")), (&ids[1], map.clone())]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(r as u32 + 1, 0, id.to_string()).unwrap();
        for (c, part) in d.parts().into_iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16 + 1, part)
                .unwrap();
        }
    }
    // A row for a dataset the file does not hold would be lost: a problem.
    sheet.write_string(3, 0, "PRK-0999").unwrap();
    sheet.write_string(3, 1, "Lost").unwrap();
    book.save(&edited).unwrap();
    let content = read_file(&edited).unwrap();
    assert_eq!(content.errors.len(), 1, "{:?}", content.errors);
    assert!(content.errors[0].message.contains("PRK-0999"));
    assert_eq!(content.errors[0].cell, "A4");

    let mut book = trees_and_playgrounds(&ids);
    let sheet = book.add_worksheet().set_name("Distributions").unwrap();
    for (c, header) in DISTRIBUTION_HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, ids[1].to_string()).unwrap();
    sheet.write_string(1, 1, "Map").unwrap();
    sheet
        .write_string(1, 3, "https://maps.city.gov/playgrounds")
        .unwrap();
    book.save(&edited).unwrap();
    let content = read_file(&edited).unwrap();
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    let changes = plan(&store, edited, content).unwrap();
    apply(&mut store, &changes, &Decisions::default()).unwrap();
    assert!(store.distributions(&ids[0]).unwrap().is_empty());
    assert_eq!(store.distributions(&ids[1]).unwrap(), [map]);
}

/// A workbook whose Inventory sheet holds Street Trees and Playgrounds under
/// their IDs, for a side sheet to be added to.
fn trees_and_playgrounds<T: ToString>(ids: &[T]) -> Workbook {
    let mut book = Workbook::new();
    let inventory = book.add_worksheet().set_name("Inventory").unwrap();
    inventory.write_string(0, 0, "Dataset Name").unwrap();
    inventory.write_string(0, 1, "Inventory ID").unwrap();
    for (r, (name, id)) in ["Street Trees", "Playgrounds"].iter().zip(ids).enumerate() {
        inventory.write_string(r as u32 + 1, 0, *name).unwrap();
        inventory
            .write_string(r as u32 + 1, 1, id.to_string())
            .unwrap();
    }
    book
}
