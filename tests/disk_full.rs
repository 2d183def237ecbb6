//! A full disk loses nothing: a write that does not fit says so in plain words,
//! changes nothing, and the app goes on; once there is room, the next write
//! saves. The disk is "filled" with SQLite's `max_page_count`, through
//! `Store::limit_size_for_tests`: the database may not grow by one more page.

mod common;

use common::demo_store;
use common::person::{open_first_dataset, type_into};

use egui_kittest::kittest::Queryable;
use inventory_desk::model::InventoryId;
use inventory_desk::store::{DISK_FULL_MESSAGE, Store, StoreError};
use inventory_desk::ui::Screen;
use inventory_desk::workbook::merge::{Decisions, apply, plan_file};

/// Text long enough to need new pages of the database (a page is 4 KiB).
fn long_text() -> String {
    "The street tree census, block by block. ".repeat(500)
}

#[test]
fn an_edit_on_a_full_disk_is_refused_plainly_and_saves_once_there_is_room() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(demo_store(&dir, 5), Screen::Inventory);
    open_first_dataset(&mut h);
    let id: InventoryId = h.state().editing().unwrap().clone();
    type_into(&mut h, "Who is the data steward?", "Kim Lee");
    let before = h.state().store().dataset(&id).unwrap().unwrap();
    assert!(before.steward.ends_with("Kim Lee"), "typed at the end");

    h.state().store().limit_size_for_tests(Some(0)).unwrap();
    type_into(&mut h, "What does it contain?", &long_text());
    h.get_by_label(DISK_FULL_MESSAGE);
    let now = h.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(now, before, "nothing was changed, the earlier edit is kept");

    // The app still answers: the other tab opens, and the editor comes back
    // with the refused text still in its box, ready to be saved again.
    h.get_by_label_contains("Review history").click();
    h.run();
    h.get_by_label("Details").click();
    h.run();
    h.get_by_label(DISK_FULL_MESSAGE);

    h.state().store().limit_size_for_tests(None).unwrap();
    type_into(&mut h, "What does it contain?", ".");
    assert!(h.query_by_label(DISK_FULL_MESSAGE).is_none());
    let saved = h.state().store().dataset(&id).unwrap().unwrap();
    assert!(
        saved.contents.contains(&long_text()),
        "the typed text is saved"
    );
    assert_eq!(saved.steward, before.steward);
}

/// Every dataset with its fields and its checklist answers.
fn content(store: &Store) -> Vec<(String, usize)> {
    store
        .datasets()
        .unwrap()
        .into_iter()
        .map(|d| {
            let checks = store.checks(d.id.as_ref().unwrap()).unwrap().len();
            (format!("{d:?}"), checks)
        })
        .collect()
}

#[test]
fn an_import_on_a_full_disk_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, 20);
    let file = dir.path().join("new.csv");
    let mut csv = String::from("Dataset Name,Dataset Description,Data Steward\n");
    for i in 0..300 {
        csv.push_str(&format!("Counts {i},Counted every day at site {i},Lee\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let plan = plan_file(&store, &file).unwrap();
    let before = content(&store);

    store.limit_size_for_tests(Some(2)).unwrap();
    let e = apply(&mut store, &plan, &Decisions::default()).unwrap_err();
    assert!(matches!(e, StoreError::DiskFull), "{e:?}");
    assert_eq!(e.to_string(), DISK_FULL_MESSAGE);
    assert_eq!(content(&store), before);
    drop(store);
    // As it is on disk, read by a new connection (the limit holds for one).
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    assert_eq!(content(&store), before);

    let applied = apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(applied.added, 300);
    assert_eq!(store.dataset_count().unwrap(), 320);
}

#[test]
fn a_step1_line_typed_on_a_full_disk_says_it_is_not_saved_yet_and_is_kept_later() {
    use inventory_desk::step1::{self, Page};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, 3);
    step1::set_page(&mut store, Page::Prompt(0)).unwrap();
    let mut h = common::harness(store, Screen::Step1);
    let lines = "New datasets, one per line";
    h.state().store().limit_size_for_tests(Some(0)).unwrap();
    type_into(&mut h, lines, &long_text());
    h.get_by_label_contains(DISK_FULL_MESSAGE);
    h.get_by_label_contains("What you typed is not saved yet");
    assert_eq!(
        step1::draft(h.state().store(), Page::Prompt(0), "lines"),
        ""
    );

    h.state().store().limit_size_for_tests(None).unwrap();
    type_into(&mut h, lines, "\nTree inventory");
    assert!(h.query_by_label_contains(DISK_FULL_MESSAGE).is_none());
    let kept = step1::draft(h.state().store(), Page::Prompt(0), "lines");
    assert!(kept.starts_with(long_text().trim()) && kept.ends_with("Tree inventory"));
}

#[test]
fn a_failed_xlsx_export_keeps_the_file_already_at_the_target() {
    use inventory_desk::workbook::WorkbookError;
    use inventory_desk::workbook::export::export_xlsx;
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir, 20);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("inventory.xlsx");
    export_xlsx(&mut store, &target, None).unwrap();
    let before = std::fs::read(&target).unwrap();

    // Recording the export is what hits the full disk.
    store.limit_size_for_tests(Some(0)).unwrap();
    let e = export_xlsx(&mut store, &target, None).unwrap_err();
    assert!(
        matches!(&e, WorkbookError::Store(StoreError::DiskFull)),
        "{e:?}"
    );
    assert_eq!(e.to_string(), DISK_FULL_MESSAGE);
    assert_eq!(
        std::fs::read(&target).unwrap(),
        before,
        "the old file is there, byte for byte"
    );
    let left: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["inventory.xlsx"], "no .part file is left beside it");
}
