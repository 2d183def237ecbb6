//! Two windows (or a window and an import) on one inventory: the first holds
//! the inventory's lock and writes; a second window opens read-only with a
//! banner and refuses every edit with the same words; a second import is
//! refused at once with exit status 3. Nothing is lost or mixed either way.

mod common;

use common::person::{open_first_dataset, type_into};

use std::path::Path;
use std::process::{Command, Output};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use inventory_desk::store::{READ_ONLY_MESSAGE, Store};
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

const BIN: &str = env!("CARGO_BIN_EXE_inventory-desk");

fn window(store: Store, dialogs: FixedDialogs) -> Harness<'static, App> {
    common::harness_with(App::new(store, Box::new(dialogs), Some(Screen::Inventory)))
}

fn demo_inventory(db: &Path, n: usize) {
    let mut store = Store::open(db).unwrap();
    inventory_desk::demo::fill(&mut store, n, 3).unwrap();
}

#[test]
fn a_second_window_is_read_only_with_a_banner_and_the_first_still_saves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    demo_inventory(&db, 5);
    let out = dir.path().join("out.csv");
    let mut first = window(
        Store::open_instance(&db).unwrap(),
        FixedDialogs {
            import: None,
            export: Some(out.clone()),
        },
    );
    let mut second = window(Store::open_instance(&db).unwrap(), FixedDialogs::default());
    assert!(first.query_by_label(READ_ONLY_MESSAGE).is_none());
    second.get_by_label(READ_ONLY_MESSAGE);

    open_first_dataset(&mut second);
    let id = second.state().editing().unwrap().clone();
    let before = second.state().store().dataset(&id).unwrap().unwrap();
    type_into(&mut second, "Who is the data steward?", " (second window)");
    // The banner, and the same words beside the refused field.
    assert_eq!(second.get_all_by_label(READ_ONLY_MESSAGE).count(), 2);
    assert_eq!(first.state().store().dataset(&id).unwrap().unwrap(), before);
    // A new dataset is refused too, in the status bar.
    second.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    second.run();
    assert_eq!(second.state().notice(), Some(READ_ONLY_MESSAGE));
    assert_eq!(first.state().store().dataset_count().unwrap(), 5);

    open_first_dataset(&mut first);
    type_into(&mut first, "Who is the data steward?", " (first window)");
    let saved = first.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(saved.steward, format!("{} (first window)", before.steward));
    // The first window's background work opens its own connections, without
    // the lock: an export runs as usual.
    first.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    first.step();
    first.state_mut().finish_job();
    first.run();
    first.get_by_label_contains("Exported 5 datasets to");

    // "Show the latest changes" reads what the first window saved.
    second.get_by_label("Show the latest changes").click();
    second.run();
    let row = second
        .state()
        .table()
        .visible_rows()
        .next()
        .unwrap()
        .clone();
    assert_eq!(row.steward, saved.steward);

    // Once the first window closes, the second takes the inventory over.
    drop(first);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    second.run();
    assert!(second.query_by_label(READ_ONLY_MESSAGE).is_none());
    second.get_by_label_contains("The other window was closed");
    type_into(&mut second, "Who is the data steward?", "!");
    let now = second.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(now.steward, format!("{}!", saved.steward));
}

/// The command line as a user runs it, on the database at `db`.
fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("INVENTORY_DESK_DB")
        .output()
        .unwrap()
}

fn new_datasets_csv(path: &Path, n: usize) {
    let mut csv = String::from("Dataset Name,Data Steward\n");
    for i in 0..n {
        csv.push_str(&format!("Meter readings {i},Ana Ruiz\n"));
    }
    std::fs::write(path, csv).unwrap();
}

#[test]
fn an_import_while_a_window_is_open_is_refused_at_once_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    demo_inventory(&db, 3);
    let file = dir.path().join("new.csv");
    new_datasets_csv(&file, 2);
    let file = file.to_str().unwrap();
    // What `inventory-desk` does when it opens its window.
    let window = Store::open_instance(&db).unwrap();
    assert!(!window.is_read_only());

    let out = run(&db, &["import", file]);
    assert_eq!(out.status.code(), Some(3));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("is open in an Inventory Desk window, or another import is running")
            && said.contains("Nothing was changed"),
        "{said}"
    );
    assert_eq!(window.dataset_count().unwrap(), 3);
    assert!(!dir.path().join("backups").exists(), "not even a copy");
    // Only reading: a dry run, an export.
    assert_eq!(
        run(&db, &["import", "--dry-run", file]).status.code(),
        Some(0)
    );
    let csv = dir.path().join("out.csv");
    assert_eq!(
        run(&db, &["export", csv.to_str().unwrap()]).status.code(),
        Some(0)
    );

    drop(window);
    assert_eq!(run(&db, &["import", file]).status.code(), Some(0));
    assert_eq!(Store::open(&db).unwrap().dataset_count().unwrap(), 5);
}

#[test]
fn of_two_imports_started_together_one_runs_and_the_other_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    demo_inventory(&db, 0);
    let file = dir.path().join("new.csv");
    new_datasets_csv(&file, 2_000);
    let start = |db: &Path| {
        Command::new(BIN)
            .arg("--db")
            .arg(db)
            .args(["import", file.to_str().unwrap()])
            .env_remove("INVENTORY_DESK_DB")
            .output()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| start(&db).unwrap());
        let b = s.spawn(|| start(&db).unwrap());
        (a.join().unwrap(), b.join().unwrap())
    });
    let mut codes = [a.status.code(), b.status.code()];
    codes.sort();
    assert_eq!(codes, [Some(0), Some(3)], "{a:?} {b:?}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.dataset_count().unwrap(), 2_000, "imported once");
    assert_eq!(
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .count(),
        1
    );
}
