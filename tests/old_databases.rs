//! Inventories made by earlier versions of the app open in this one with every
//! row kept, and one from a newer version is refused and left byte for byte.
//!
//! `tests/fixtures/inventory-vN.sqlite3` is an inventory as the app left it at
//! schema version N, for every version before the current one: a department,
//! its systems, datasets (one with every field filled in), their review
//! history, an export's snapshot, settings, from version 2 on checklist
//! answers with their trail, and from version 4 on a publication plan. They are
//! made by `make_missing_fixtures` below, which applies only the first N
//! migrations and copies in the rows of an inventory made by today's app:
//!
//! ```text
//! cargo test --test old_databases -- --ignored make_missing_fixtures
//! ```
//!
//! It writes only the fixtures that are missing: when a migration is added,
//! run it once to make the fixture of the version before (a test fails until
//! then), and commit it. The existing ones stand for files already out there;
//! delete one to make it again.
//!
//! Opening an older file makes a copy of it first, in `backups/`, as it was:
//! the migration itself runs in one transaction, but the copy lets the
//! coordinator go back to the older app, which refuses the updated file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use inventory_desk::model::vocab::Vocabulary;
use inventory_desk::model::{CheckAnswer, Dataset, Field, FieldKind};
use inventory_desk::questions::Bank;
use inventory_desk::store::{Store, StoreError, backup_dir, schema_version};
use rusqlite::Connection;

/// The migrations, in order (their names start with their number), as the
/// app applies them.
fn migrations() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// Every schema version before the current one.
fn earlier_versions() -> std::ops::Range<usize> {
    1..schema_version() as usize
}

/// The name of the dataset with every field filled in.
const EVERY_FIELD: &str = "Street trees (every field)";

fn fixture(version: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/inventory-v{version}.sqlite3"))
}

fn user_version(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

/// Each table's column names and its rows (as text, sorted).
type Tables = BTreeMap<String, (Vec<String>, Vec<String>)>;

fn tables(db: &Path) -> Tables {
    let conn = Connection::open(db).unwrap();
    table_names(&conn)
        .into_iter()
        .map(|t| {
            let columns = column_names(&conn, &t);
            let rows = rows(&conn, &t, &columns);
            (t, (columns, rows))
        })
        .collect()
}

fn table_names(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|t| t.unwrap())
        .collect()
}

fn column_names(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|c| c.unwrap())
        .collect()
}

fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<String> {
    let list = quoted(columns);
    let mut stmt = conn
        .prepare(&format!("SELECT {list} FROM \"{table}\""))
        .unwrap();
    let mut out: Vec<String> = stmt
        .query_map([], |r| {
            let cells: Vec<String> = (0..columns.len())
                .map(|i| cell(r.get_ref(i).unwrap()))
                .collect();
            Ok(cells.join(" | "))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    out.sort();
    out
}

fn cell(value: rusqlite::types::ValueRef) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
        other => format!("{other:?}"),
    }
}

fn quoted(columns: &[String]) -> String {
    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    names.join(", ")
}

fn count(old: &Tables, table: &str) -> usize {
    old.get(table).map_or(0, |(_, rows)| rows.len())
}

/// Opens a copy of the fixture of `version` with the app, and checks that
/// nothing was lost and everything reads.
fn opens_with_every_row_kept(version: usize) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    std::fs::copy(fixture(version), &db).unwrap();
    assert_eq!(user_version(&db), version as i64);
    let old = tables(&db);
    assert!(count(&old, "datasets") > 3 && count(&old, "history") > 0);

    let mut store = Store::open(&db).unwrap();
    assert_eq!(user_version(&db), schema_version());
    let now = tables(&db);
    for (table, (columns, rows)) in &old {
        let conn = Connection::open(&db).unwrap();
        assert_eq!(&self::rows(&conn, table, columns), rows, "{table}");
        assert!(now.contains_key(table));
    }
    everything_reads(&store, &old, version);
    still_writes(&mut store);
    drop(store);
    copy_of_the_old_file_is_kept(&db, version, &old);
}

fn everything_reads(store: &Store, old: &Tables, version: usize) {
    let datasets = store.datasets().unwrap();
    assert_eq!(datasets.len(), count(old, "datasets"));
    let every = datasets.iter().find(|d| d.name == EVERY_FIELD).unwrap();
    // A field added by a later version has no column in the old file: it opens blank.
    let old_columns = &old["datasets"].0;
    for field in Field::ALL
        .into_iter()
        .filter(|f| old_columns.iter().any(|c| c == f.spec().key))
    {
        assert!(!every.get(field).is_empty(), "{field:?} of {EVERY_FIELD}");
    }
    let ids = datasets.iter().map(|d| d.id.clone().unwrap());
    let (mut history, mut checks, mut trail, mut plans) = (0, 0, 0, 0);
    for id in ids {
        history += store.history(&id).unwrap().len();
        checks += store.checks(&id).unwrap().len();
        trail += store.trail(&id).unwrap().len();
        plans += usize::from(!store.plan(&id).unwrap().is_empty());
    }
    assert_eq!(history, count(old, "history"), "every history entry reads");
    assert_eq!(checks, count(old, "checklist_answers"));
    assert_eq!(trail, count(old, "checklist_trail"));
    assert_eq!(plans, count(old, "publication_plans"));
    assert_eq!(version >= 2, checks > 0 && trail > checks);
    assert_eq!(version >= 4, plans > 0);
    assert_eq!(store.sources().unwrap().len(), count(old, "data_sources"));
    assert_eq!(
        store.departments().unwrap().len(),
        count(old, "departments")
    );
    assert_eq!(store.setting("screen").unwrap().as_deref(), Some("review"));
    // The first column of `exports` is the export's ID.
    let export_id = old["exports"].1[0].split(" | ").next().unwrap();
    let snapshot = store.export_snapshot(export_id).unwrap().unwrap();
    assert_eq!(snapshot.rows.len(), count(old, "export_rows"));
}

/// The updated file takes edits, a publication plan (version 4) included.
fn still_writes(store: &mut Store) {
    let every = store
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| d.name == EVERY_FIELD)
        .unwrap();
    let id = every.id.clone().unwrap();
    store.set_field(&id, Field::Steward, "Kim Lee").unwrap();
    let plan = inventory_desk::model::PublicationPlan {
        announced_by: "Communications".into(),
        ..Default::default()
    };
    store.save_plan(&id, &plan).unwrap();
    assert_eq!(store.plan(&id).unwrap().announced_by, "Communications");
}

/// One copy of the file as the older app left it; opening again makes no
/// other; and the copy can be restored (it is brought up to date).
fn copy_of_the_old_file_is_kept(db: &Path, version: usize, old: &Tables) {
    let copies = || -> Vec<PathBuf> {
        std::fs::read_dir(backup_dir(db))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    };
    let kept = copies();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(user_version(&kept[0]), version as i64);
    // The copy records when it was made (two `backup.` settings), and is
    // otherwise the file as it was.
    let mut copy = tables(&kept[0]);
    if let Some((_, rows)) = copy.get_mut("settings") {
        rows.retain(|r| !r.starts_with("backup."));
    }
    assert_eq!(&copy, old, "the copy is the file as it was");
    let mut store = Store::open(db).unwrap();
    assert_eq!(copies().len(), 1, "no copy when nothing is updated");
    store.restore_backup(&kept[0]).unwrap();
    assert_eq!(user_version(db), schema_version());
    assert_eq!(store.dataset_count().unwrap(), count(old, "datasets"));
    assert_eq!(store.setting("screen").unwrap().as_deref(), Some("review"));
}

#[test]
fn every_earlier_version_has_a_fixture() {
    for version in earlier_versions() {
        assert!(
            fixture(version).exists(),
            "no fixture of version {version}: run `cargo test --test old_databases -- --ignored make_missing_fixtures` and commit it"
        );
    }
    assert_eq!(migrations().len() as i64, schema_version());
}

#[test]
fn an_inventory_of_every_earlier_version_opens_with_every_row_kept() {
    for version in earlier_versions() {
        eprintln!("version {version}");
        opens_with_every_row_kept(version);
    }
}

#[test]
fn an_inventory_from_a_newer_version_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    std::fs::copy(fixture(3), &db).unwrap();
    Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let bytes = std::fs::read(&db).unwrap();
    for attempt in [Store::open(&db), Store::open_instance(&db)] {
        let e = attempt.err().unwrap();
        assert!(matches!(e, StoreError::TooNew { .. }), "{e:?}");
        assert!(
            e.to_string().contains("newer version of Inventory Desk"),
            "{e}"
        );
    }
    assert!(
        std::fs::read(&db).unwrap() == bytes,
        "the file is unchanged"
    );
    assert!(!backup_dir(&db).exists());
}

// ---- The generator of the fixtures ----

/// A value of the right kind for every field a person fills in.
fn every_field(department: &str, system: &str) -> Dataset {
    let mut d = Dataset::named(EVERY_FIELD);
    for field in Field::ALL.into_iter().filter(|f| !f.is_read_only()) {
        let value = match (field, field.kind()) {
            (Field::Name, _) => EVERY_FIELD.to_string(),
            (Field::Department, _) => department.to_string(),
            (Field::SystemOfRecord, _) => system.to_string(),
            (Field::Keywords, _) => "trees; canopy; shade".to_string(),
            (_, FieldKind::Text) => format!("{field:?} as the steward wrote it"),
            (_, FieldKind::LongText) => format!("{field:?}, first line.\nAnd a second line."),
            (_, FieldKind::Email) => "kim.lee@springfield.gov".to_string(),
            (_, FieldKind::Url) => "https://data.springfield.gov/street-trees".to_string(),
            (_, FieldKind::Date) => "2024-03-01".to_string(),
            (_, FieldKind::EndDate) => "Current".to_string(),
            (_, FieldKind::Flag) => "Yes".to_string(),
            (_, FieldKind::Choice(labels)) => labels().last().unwrap().to_string(),
            (_, FieldKind::Listed(list)) => list.seed_names().last().unwrap().clone(),
            (_, FieldKind::Id | FieldKind::DateTime) => continue,
        };
        d.set(field, &value).unwrap();
    }
    d
}

/// An inventory as today's app makes it, with something in every table.
fn source_inventory(path: &Path) {
    let mut store = Store::open(path).unwrap();
    inventory_desk::demo::fill(&mut store, 6, 11).unwrap();
    let department = store.home_department().unwrap().unwrap();
    let system = store.sources().unwrap()[0].name.clone();
    let d = store
        .create_dataset(&department.code, every_field(&department.name, &system))
        .unwrap();
    let id = d.id.unwrap();
    store
        .add_note(&id, "Renee Alvarez", "Checked with the arborist.")
        .unwrap();
    let plan = inventory_desk::model::PublicationPlan {
        announced_by: "Renee Alvarez".into(),
        maintained_by: "Urban Forestry".into(),
        ..Default::default()
    };
    store.save_plan(&id, &plan).unwrap();
    let question = Bank::checklist()
        .questions
        .iter()
        .find(|q| q.is_check())
        .unwrap();
    for answer in [CheckAnswer::No, CheckAnswer::Yes] {
        let note = format!("{} after the site visit", answer.label());
        store
            .answer_check(&id, question, Some(answer), &note)
            .unwrap();
    }
    store.set_setting("screen", "review").unwrap();
    let out = path.with_file_name("export.xlsx");
    inventory_desk::workbook::export::export_xlsx(&mut store, &out, None).unwrap();
}

/// A file at schema `version`, holding the rows of `source` that fit it.
fn write_fixture(source: &Path, version: usize, target: &Path) {
    let _ = std::fs::remove_file(target);
    let conn = Connection::open(target).unwrap();
    // Small pages keep the committed files small; tables are copied in name
    // order, not in the order their references need. A migration's seed rows
    // (the lists of 009) are replaced by the source's own.
    conn.execute_batch("PRAGMA page_size = 1024; PRAGMA foreign_keys = OFF;")
        .unwrap();
    for sql in &migrations()[..version] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    conn.execute("ATTACH ?1 AS src", [source.to_str().unwrap()])
        .unwrap();
    for table in table_names(&conn) {
        let list = quoted(&column_names(&conn, &table));
        conn.execute_batch(&format!(
            "INSERT OR REPLACE INTO main.\"{table}\" ({list}) SELECT {list} FROM src.\"{table}\";"
        ))
        .unwrap();
    }
    conn.execute_batch("DETACH src; VACUUM;").unwrap();
    // As the app left it: in WAL mode, everything checkpointed into the file.
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
}

#[test]
#[ignore = "writes to tests/fixtures; run by hand to add a fixture"]
fn make_missing_fixtures() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("today.sqlite3");
    source_inventory(&source);
    std::fs::create_dir_all(fixture(1).parent().unwrap()).unwrap();
    for version in earlier_versions().filter(|v| !fixture(*v).exists()) {
        write_fixture(&source, version, &fixture(version));
    }
}
