//! Long work as a person meets it: a bar in the status bar, Cancel where the
//! work can stop, and a message that says what really happened.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use inventory_desk::progress::{Cancelled, Watch};
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};
use inventory_desk::workbook::WorkbookError;
use inventory_desk::workbook::export::export_xlsx_watched;

/// The tests of this file one at a time: a test that must click Cancel while
/// the work runs should not share the two cores with another's work.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// An inventory file with `n` demo datasets: big enough that its export or
/// import takes the app a while, so Cancel can be clicked in time.
fn big_inventory(dir: &tempfile::TempDir, n: usize) -> std::path::PathBuf {
    let db = dir.path().join("inventory.sqlite3");
    let mut store = Store::open(&db).unwrap();
    inventory_desk::demo::fill(&mut store, n, 3).unwrap();
    db
}

fn open(db: &std::path::Path, dialogs: FixedDialogs) -> Harness<'static, App> {
    let app = App::new(
        Store::open(db).unwrap(),
        Box::new(dialogs),
        Some(Screen::Inventory),
    );
    common::harness_with(app)
}

fn exports_recorded(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM exports", [], |r| r.get(0))
        .unwrap()
}

/// Files the app left in a folder, apart from the inventory and its copies.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("inventory.sqlite3") && n != "backups")
        .collect();
    names.sort();
    names
}

#[test]
fn cancelling_an_export_leaves_no_file_and_no_record_of_it() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let db = big_inventory(&dir, 300);
    let out = dir.path().join("out.xlsx");
    let dialogs = FixedDialogs {
        import: None,
        export: Some(out.clone()),
    };
    let mut h = open(&db, dialogs);
    // Another program holds the inventory for a moment, so the export cannot
    // record itself before Cancel is clicked, however fast the machine.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.step();
    h.get_by_label_contains("Exporting to");
    h.get_by_label("Cancel").click();
    h.step();
    other.execute_batch("COMMIT").unwrap();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label_contains("Export cancelled: no file was written");
    assert!(!out.exists(), "no workbook");
    assert_eq!(
        files_in(dir.path()),
        Vec::<String>::new(),
        "no half-written file"
    );
    assert_eq!(exports_recorded(&db), 0, "no export remembered for a merge");
}

/// The lines of a CSV of `n` new datasets.
fn csv_of(n: usize) -> String {
    let mut text = String::from("Dataset Name,Description\n");
    for i in 0..n {
        text.push_str(&format!(
            "Street segment {i},Pavement condition of one block\n"
        ));
    }
    text
}

#[test]
fn cancelling_the_reading_of_an_import_shows_no_preview_and_changes_nothing() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let db = big_inventory(&dir, 10);
    // Big enough that reading and comparing it takes the app seconds, while
    // Cancel is clicked two frames after the work starts.
    let file = dir.path().join("big.csv");
    std::fs::write(&file, csv_of(300_000)).unwrap();
    let before = Store::open(&db).unwrap().datasets().unwrap();
    let dialogs = FixedDialogs {
        import: Some(file),
        export: None,
    };
    let mut h = open(&db, dialogs);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    h.step();
    h.get_by_label_contains("Reading");
    h.get_by_label("Cancel").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label_contains("Import cancelled: the file was not read into the inventory");
    assert!(h.query_by_label_contains("Import preview").is_none());
    assert_eq!(h.state().store().datasets().unwrap(), before);
}

#[test]
fn cancel_is_not_offered_while_an_import_is_written() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let db = big_inventory(&dir, 10);
    let file = dir.path().join("new.csv");
    std::fs::write(&file, csv_of(3000)).unwrap();
    let dialogs = FixedDialogs {
        import: Some(file),
        export: None,
    };
    let mut h = open(&db, dialogs);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label("Apply 3000 datasets").click();
    h.step();
    h.step();
    if let Some((label, can_stop)) = h.state().work_shown() {
        assert!(label.starts_with("Importing"), "{label}");
        assert!(!can_stop);
        h.get_by_label_contains("Importing");
        assert!(
            h.query_by_label("Cancel").is_none(),
            "one transaction runs to its end"
        );
    }
    h.state_mut().finish_job();
    h.run();
    h.get_by_label_contains("Imported: 3000 added, 0 updated.");
}

/// Stops the work at its `n`th safe point.
struct StopAt {
    n: u32,
    seen: std::sync::atomic::AtomicU32,
}

impl Watch for StopAt {
    fn progress(&self, _done: u64, _total: u64) {}
    fn stop_asked(&self) -> bool {
        self.seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 >= self.n
    }
}

#[test]
fn an_export_stopped_at_any_safe_point_leaves_the_old_file_and_no_record() {
    let _alone = alone();
    let dir = tempfile::tempdir().unwrap();
    let db = big_inventory(&dir, 20);
    let out = dir.path().join("out.xlsx");
    std::fs::write(&out, b"last week's workbook").unwrap();
    // One safe point before the sheets, one after each of eight steps, one
    // before the rename.
    for n in 1..=10 {
        let mut store = Store::open(&db).unwrap();
        let stop = StopAt {
            n,
            seen: Default::default(),
        };
        let result = export_xlsx_watched(&mut store, &out, None, &stop);
        assert!(
            matches!(result, Err(WorkbookError::Cancelled(Cancelled))),
            "stopped at safe point {n}: {result:?}"
        );
        assert_eq!(std::fs::read(&out).unwrap(), b"last week's workbook");
        assert_eq!(files_in(dir.path()), ["out.xlsx"]);
        assert_eq!(exports_recorded(&db), 0);
    }
    let mut store = Store::open(&db).unwrap();
    let stop = StopAt {
        n: 11,
        seen: Default::default(),
    };
    let summary = export_xlsx_watched(&mut store, &out, None, &stop).unwrap();
    assert_eq!(summary.datasets, 20);
    assert_eq!(exports_recorded(&db), 1);
}
