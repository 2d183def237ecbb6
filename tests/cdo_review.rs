//! The workbook as the Chief Data Officer gets it: a CDO Review sheet right
//! after Instructions, whose decisions come back on import through the
//! three-way merge and the review path; a decision the two sheets give
//! differently is a located conflict; Publication Status is the app's; and
//! every sheet prints landscape, one page wide, with its header on each page.

mod common;

use std::io::Read;
use std::path::Path;

use common::sheets::{
    Sent, exported, header, instructions, located, resaved, sheet_names, sheet_rows, text,
};
use inventory_desk::model::*;
use inventory_desk::workbook::columns::REVIEW_HEADERS;
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{Decisions, ItemKind, Plan, apply, plan};

/// Two datasets of Parks, submitted for review and sent to the CDO.
fn sent() -> Sent {
    Sent::submitted(["Street Trees", "Playgrounds"].map(|name| {
        let mut d = Dataset::named(name);
        d.steward = "Kim Lee".into();
        d.classification = Some(Classification::Public);
        d
    }))
}

impl Sent {
    /// The sent workbook as the CDO returns it, with `edits` typed into it
    /// (sheet, cell, text): what importing it plans.
    fn typed_into(&self, edits: &[(&str, &str, &str)]) -> Plan {
        let path = self.dir.path().join("typed.xlsx");
        resaved(&self.dir.path().join("sent.xlsx"), &path, edits);
        let content = read_file(&path).unwrap();
        assert!(content.problems().is_empty(), "{:?}", content.problems());
        plan(&self.store, path, content).unwrap()
    }

    fn dataset(&self, i: usize) -> Dataset {
        self.store.dataset(&self.ids[i]).unwrap().unwrap()
    }
}

/// One part of the written file (`xl/workbook.xml`), as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The XML of the `n`th sheet (1-based), as the export writes them in order.
fn sheet_xml(path: &Path, n: usize) -> String {
    part(path, &format!("xl/worksheets/sheet{n}.xml"))
}

#[test]
fn the_cdo_review_sheet_is_second_with_what_the_cdo_decides_by() {
    let mut s = sent();
    // A note the CDO wrote (at the CDO's desk; a coordinator's cannot).
    let mut d = s.store.dataset(&s.ids[0]).unwrap().unwrap();
    d.cdo_notes = "Drop the addresses.".into();
    s.store.update_dataset(&d).unwrap();
    let (_dir, path) = exported(&mut s.store);
    let names = sheet_names(&path);
    assert_eq!(names[..3], ["Instructions", "CDO Review", "Inventory"]);
    let rows = sheet_rows(&path, "CDO Review");
    assert_eq!(header(&rows), REVIEW_HEADERS);
    assert_eq!(rows.len(), 3, "one row per dataset");
    let first: Vec<String> = rows[1].iter().map(text).collect();
    assert_eq!(first[0], s.ids[0].to_string());
    assert_eq!(first[1..4], ["Street Trees", "Parks", "Kim Lee"]);
    assert_eq!(first[5], "Public");
    assert_eq!(first[6], "", "not decided yet");
    assert_eq!(first[7], "Drop the addresses.");
    // Checklist Complete is a real percentage, not text.
    assert!(matches!(rows[1][4], calamine::Data::Float(p) if (0.0..=1.0).contains(&p)));
}

#[test]
fn the_cdo_review_sheet_locks_all_but_the_cdo_s_columns_and_offers_the_decisions() {
    let mut s = sent();
    let (_dir, path) = exported(&mut s.store);
    let xml = sheet_xml(&path, 2);
    assert!(xml.contains("<sheetProtection"), "the sheet is protected");
    assert!(
        xml.contains(r#"<dataValidation type="list""#) && xml.contains(r#"sqref="G2:G3""#),
        "the CDO Decision column has a dropdown: {xml}"
    );
    // The Inventory's CDO columns and the CDO Review's have their own colour.
    let styles = part(&path, "xl/styles.xml");
    assert!(styles.contains("FFFFD966"), "the CDO's amber header");
}

#[test]
fn decisions_entered_only_on_the_cdo_review_sheet_come_back_through_the_review_path() {
    let mut s = sent();
    let plan = s.typed_into(&[
        ("CDO Review", "G2", "Changes requested"),
        ("CDO Review", "H2", "Remove the addresses."),
        ("CDO Review", "I2", "Chief Data Officer"),
        ("CDO Review", "J2", "2026-05-04"),
        ("CDO Review", "G3", "Approved"),
    ]);
    assert!(plan.three_way);
    assert!(plan.held.is_empty(), "{:?}", plan.held);
    assert_eq!(plan.count(ItemKind::Changed), 2);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let trees = s.dataset(0);
    assert_eq!(trees.cdo_decision, Some(CdoDecision::ChangesRequested));
    assert_eq!(trees.cdo_notes, "Remove the addresses.");
    assert_eq!(trees.reviewed_by, "Chief Data Officer");
    assert_eq!(
        trees.reviewed_on,
        chrono::NaiveDate::from_ymd_opt(2026, 5, 4)
    );
    assert_eq!(trees.status, Status::Returned, "the decision moves it");
    assert_eq!(s.dataset(1).status, Status::Approved);
    let history = s.store.history(&s.ids[0]).unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.kind == HistoryKind::Decision(CdoDecision::ChangesRequested))
    );
}

#[test]
fn a_decision_changed_only_on_the_inventory_sheet_is_taken_too() {
    let mut s = sent();
    let plan = s.typed_into(&[("Inventory", "AQ2", "Not publishable")]);
    assert!(plan.held.is_empty(), "{:?}", plan.held);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(s.dataset(0).status, Status::NotPublishable);
}

#[test]
fn a_decision_the_two_sheets_give_differently_is_a_located_conflict_and_waits() {
    let mut s = sent();
    let plan = s.typed_into(&[
        ("CDO Review", "G2", "Approved"),
        ("Inventory", "AQ2", "Not publishable"),
        ("CDO Review", "G3", "Approved"),
    ]);
    assert_eq!(plan.held.len(), 1, "{:?}", plan.held);
    let held = &plan.held[0];
    assert_eq!(held.id.as_ref(), Some(&s.ids[0]));
    let problems = plan.problems();
    let p = located(&problems, "Inventory", "AQ2");
    assert_eq!(p.column, "CDO Decision");
    for words in [
        "\"Approved\"",
        "CDO Review G2",
        "\"Not publishable\"",
        "Inventory AQ2",
    ] {
        assert!(p.message.contains(words), "{words}: {}", p.message);
    }
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let trees = s.dataset(0);
    assert_eq!(
        (trees.cdo_decision, trees.status),
        (None, Status::Submitted)
    );
    assert_eq!(
        s.dataset(1).status,
        Status::Approved,
        "the other row applies"
    );
}

#[test]
fn the_same_decision_typed_on_both_sheets_is_no_conflict() {
    let mut s = sent();
    let plan = s.typed_into(&[
        ("CDO Review", "G2", "Approved"),
        ("Inventory", "AQ2", "approved"),
    ]);
    assert!(plan.held.is_empty(), "{:?}", plan.held);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(s.dataset(0).status, Status::Approved);
}

#[test]
fn a_returned_workbook_s_publication_status_is_never_taken() {
    let mut store = common::store_with_parks();
    let mut d = Dataset::named("Street Trees");
    d.status = Status::Approved;
    d.publication_link = "https://data.example.gov/trees".into();
    let id = store
        .create_dataset(&common::parks(), d)
        .unwrap()
        .id
        .unwrap();
    let mut s = Sent::new(store, vec![id.clone()]);
    // Approved to Published with the link is a move the path allows: still
    // not taken from the CDO's file.
    let plan = s.returned(|back| back.datasets[0].status = Status::Published);
    let refused = plan.refused_moves();
    assert_eq!(refused.len(), 1, "{:?}", plan.items);
    assert!(
        refused[0].why.contains("the app's to keep"),
        "{}",
        refused[0].why
    );
    assert_eq!(plan.items[0].kind, ItemKind::Unchanged);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(s.dataset(0).status, Status::Approved);
}

#[test]
fn publication_status_is_grey_with_no_dropdown_and_the_cdo_s_columns_stand_out() {
    let mut s = sent();
    let (_dir, path) = exported(&mut s.store);
    let xml = sheet_xml(&path, 3);
    // Publication Status is column AM of the Inventory sheet.
    let validations = &xml[xml.find("<dataValidations").unwrap()..];
    assert!(
        !validations.contains("sqref=\"AM2:"),
        "no dropdown on Publication Status"
    );
    assert!(
        validations.contains("sqref=\"AQ2:"),
        "CDO Decision keeps its dropdown"
    );
    let lists = sheet_rows(&path, "Lists");
    assert!(!header(&lists).contains(&"Publication Status".to_string()));
}

#[test]
fn every_sheet_prints_landscape_one_page_wide_with_its_header_row_on_each_page() {
    let mut s = sent();
    let (_dir, path) = exported(&mut s.store);
    let names = sheet_names(&path);
    for (i, name) in names.iter().enumerate() {
        let xml = sheet_xml(&path, i + 1);
        assert!(
            xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
            "{name}: fit to page"
        );
        assert!(
            xml.contains(r#"orientation="landscape""#),
            "{name}: landscape"
        );
        assert!(
            xml.contains(r#"fitToHeight="0""#),
            "{name}: any number of pages tall"
        );
        assert!(
            !xml.contains("fitToWidth=\"") || xml.contains("fitToWidth=\"1\""),
            "{name}: one page wide"
        );
    }
    let book = part(&path, "xl/workbook.xml");
    // Every sheet but the Instructions and the two hidden ones.
    for name in &common::sheets::SHEETS[1..8] {
        let titles = format!("'{name}'!$1:$1");
        let plain = format!("{name}!$1:$1");
        assert!(
            book.contains(&titles) || book.contains(&plain),
            "{name}: its header row repeats on each printed page: {book}"
        );
    }
}

#[test]
fn the_instructions_end_with_help_for_the_cdo_not_the_app_s_screens() {
    let mut s = sent();
    let (_dir, path) = exported(&mut s.store);
    let words = instructions(&path);
    let at = |w: &str| words.iter().position(|x| x == w);
    let cdo = at("For the Chief Data Officer").expect("a part for the CDO");
    assert!(at("Sending it back").unwrap() > cdo);
    assert!(
        at("Inventory column").unwrap() < cdo,
        "after the glossaries"
    );
    for help in &inventory_desk::help::HELP {
        assert!(!words.iter().any(|w| w == help.text), "{}", help.name);
    }
    assert!(words.iter().any(|w| w.contains("CDO Review sheet")));
}

#[test]
fn the_instructions_rows_are_tall_enough_for_their_wrapped_lines() {
    let mut s = sent();
    let (_dir, path) = exported(&mut s.store);
    let xml = sheet_xml(&path, 1);
    // The Publication Plan step wraps to several lines in its 80-wide column.
    let tall = xml
        .split("<row ")
        .filter(|r| r.contains("customHeight=\"1\""))
        .filter_map(|r| {
            let at = r.find(" ht=\"")? + 5;
            r[at..].split('"').next()?.parse::<f64>().ok()
        })
        .fold(0.0, f64::max);
    assert!(tall >= 75.0, "the tallest row is {tall} points");
}
