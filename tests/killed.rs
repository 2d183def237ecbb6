//! A killed app loses nothing: the real binary is killed (SIGKILL on Unix, as a
//! crash, a power cut of the process or the task manager would) at many moments
//! of an import and of `demo`. Each time, the database opens, SQLite finds it
//! whole, and it holds either what it held before or the complete result:
//! never a part of an import.
//!
//! Each kind of run is measured once to completion, then killed at offsets
//! spread over that time: half over the whole run, half over its writing phase
//! (after the backup copy appears), where a kill could do harm.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use inventory_desk::store::Store;
use rusqlite::Connection;

const BIN: &str = env!("CARGO_BIN_EXE_inventory-desk");

/// How many times an import is killed.
const IMPORT_ROUNDS: u32 = 30;
/// How many times `demo` is killed.
const DEMO_ROUNDS: u32 = 20;

/// The tests of this file run one at a time: each measures a run and then
/// kills copies of it, and a test running beside it would skew the timings.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Every table's rows as text, sorted. Time stamps of the run are blanked,
/// since the reference run and the killed runs happen at different seconds.
type Dump = BTreeMap<String, Vec<String>>;

fn dump(db: &Path) -> Dump {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|t| t.unwrap())
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let rows = table_rows(&conn, &t);
            (t, rows)
        })
        .collect()
}

fn table_rows(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
    let columns = stmt.column_count();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| {
            let cells: Vec<String> = (0..columns).map(|i| cell(r.get_ref(i).unwrap())).collect();
            Ok(cells.join("|"))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    rows.sort();
    rows
}

fn cell(value: rusqlite::types::ValueRef) -> String {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => "∅".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => blank_times(&String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

/// Replaces every `2026-11-22 14:41:46` (or with a `T`) by `<time>`.
fn blank_times(text: &str) -> String {
    const SHAPE: &[u8] = b"dddd-dd-dd?dd:dd:dd";
    let bytes = text.as_bytes();
    let fits = |at: usize| {
        bytes.len() >= at + SHAPE.len()
            && SHAPE.iter().zip(&bytes[at..]).all(|(s, b)| match s {
                b'd' => b.is_ascii_digit(),
                b'?' => *b == b' ' || *b == b'T',
                other => other == b,
            })
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if fits(i) {
            out.extend_from_slice(b"<time>");
            i += SHAPE.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("only ASCII was replaced")
}

/// After a kill: the app opens the file, and SQLite finds it whole.
fn opens_whole(db: &Path) {
    drop(Store::open(db).unwrap_or_else(|e| panic!("the app cannot open it: {e}")));
    let conn = Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

fn command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("INVENTORY_DESK_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// One complete run: how long it took, and when it began to write (the
/// backup copy an import makes first; for `demo`, the start).
struct Measured {
    total: Duration,
    writing_from: Duration,
}

fn measure(mut cmd: Command, backups: &Path) -> Measured {
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut writing_from = None;
    while child.try_wait().unwrap().is_none() {
        if writing_from.is_none() && backups.exists() {
            writing_from = Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let total = start.elapsed();
    assert!(child.wait().unwrap().success());
    Measured {
        total,
        writing_from: writing_from.unwrap_or_default(),
    }
}

/// Starts the command, kills it after `after` (unless it ended before).
fn run_and_kill(mut cmd: Command, after: Duration) {
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(after);
    let _ = child.kill();
    child.wait().unwrap();
}

/// `rounds` offsets: half spread over the whole run, half over its writing
/// phase, and a last one past its end (a run's length varies from one to the
/// next, so that one may still land in it).
fn offsets(m: &Measured, rounds: u32) -> Vec<Duration> {
    let half = rounds / 2;
    let whole = (0..half).map(|i| m.total.mul_f64(f64::from(i) / f64::from(half)));
    let writing = m.total.saturating_sub(m.writing_from);
    let late = (0..rounds - half - 1)
        .map(|i| m.writing_from + writing.mul_f64(f64::from(i) / f64::from(rounds - half - 1)));
    whole.chain(late).chain([m.total.mul_f64(1.25)]).collect()
}

/// A fresh folder holding a copy of `base` (the main file: it was closed, so
/// it has no WAL beside it).
fn fresh_copy(root: &Path, round: u32, base: Option<&Path>) -> PathBuf {
    let dir = root.join(format!("round-{round}"));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("inventory.sqlite3");
    if let Some(base) = base {
        std::fs::copy(base, &db).unwrap();
    }
    db
}

/// A workbook of 3,000 datasets (with checklist answers and publication plans)
/// and an inventory with the same department and systems but no dataset, so
/// that importing it writes many thousand rows.
fn import_setup(root: &Path) -> (PathBuf, PathBuf) {
    let workbook = root.join("inventory.xlsx");
    let mut full = Store::open(&root.join("full.sqlite3")).unwrap();
    inventory_desk::demo::fill(&mut full, 3_000, 7).unwrap();
    inventory_desk::workbook::export::export_xlsx(&mut full, &workbook, None).unwrap();
    let base = root.join("base.sqlite3");
    let mut store = Store::open(&base).unwrap();
    inventory_desk::demo::fill(&mut store, 0, 7).unwrap();
    drop(store);
    assert!(!root.join("base.sqlite3-wal").exists());
    (base, workbook)
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_inventory_before_or_after_never_between() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let root = tempfile::tempdir().unwrap();
    let (base, workbook) = import_setup(root.path());
    let workbook = workbook.to_str().unwrap().to_string();
    let before = dump(&base);

    let db = fresh_copy(root.path(), 0, Some(&base));
    let m = measure(
        command(&db, &["import", &workbook]),
        &db.with_file_name("backups"),
    );
    let after = dump(&db);
    assert_eq!(after["datasets"].len(), 3_000);
    assert_ne!(before, after);

    let (mut kept_before, mut kept_after) = (0, 0);
    for (round, offset) in (1..).zip(offsets(&m, IMPORT_ROUNDS)) {
        let db = fresh_copy(root.path(), round, Some(&base));
        run_and_kill(command(&db, &["import", &workbook]), offset);
        opens_whole(&db);
        let now = dump(&db);
        if now == before {
            kept_before += 1;
        } else if now == after {
            kept_after += 1;
        } else {
            panic!(
                "killed after {offset:?}, the inventory is neither as before nor as after the import"
            );
        }
    }
    eprintln!(
        "import of 3,000 datasets: a run takes {:?} (writing from {:?}); {IMPORT_ROUNDS} kills: {kept_before} left it as before, {kept_after} as after; {:?} in all",
        m.total,
        m.writing_from,
        started.elapsed()
    );
    assert!(kept_before > 0, "a kill at the start leaves it as before");
}

/// `demo` writes in steps, each in its own transaction: the department; the
/// systems with the datasets and their history; the checklist answers; the
/// publication plans. A kill leaves a number of whole steps, never part of one.
const DEMO_STEPS: [&[&str]; 4] = [
    &["departments"],
    &["data_sources", "datasets", "history"],
    &["checklist_answers", "checklist_trail"],
    &["publication_plans"],
];

/// The number of whole steps `now` holds, or a panic if it holds part of one.
fn demo_steps_done(now: &Dump, complete: &Dump) -> usize {
    let filled = |table: &str| !now[table].is_empty();
    let done = DEMO_STEPS
        .iter()
        .take_while(|step| step.iter().any(|t| filled(t)))
        .count();
    for (i, step) in DEMO_STEPS.iter().enumerate() {
        for table in step.iter().filter(|t| **t != "departments") {
            let expected: &[String] = if i < done { &complete[*table] } else { &[] };
            assert_eq!(now[*table], expected, "{table} after {done} whole steps");
        }
    }
    for (table, rows) in complete {
        if !DEMO_STEPS.iter().any(|s| s.contains(&table.as_str())) {
            assert_eq!(&now[table], rows, "{table} is never written by demo");
        }
    }
    done
}

/// The department row is written first and its next Inventory ID number grows
/// with the datasets: it must be exactly one past the datasets there are.
fn department_matches(db: &Path, done: usize) {
    let conn = Connection::open(db).unwrap();
    let (departments, next): (i64, Option<i64>) = conn
        .query_row(
            "SELECT count(*), max(next_number) FROM departments",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let datasets: i64 = conn
        .query_row("SELECT count(*) FROM datasets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(departments, i64::from(done > 0));
    if done > 0 {
        assert_eq!(next, Some(datasets + 1));
    }
}

#[test]
fn demo_killed_at_any_moment_leaves_whole_steps_only() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let root = tempfile::tempdir().unwrap();
    let args = ["demo", "--datasets", "3000", "--seed", "5"];
    let db = fresh_copy(root.path(), 0, None);
    let m = measure(command(&db, &args), &db.with_file_name("no-backup"));
    let complete = dump(&db);
    assert_eq!(complete["datasets"].len(), 3_000);

    let mut seen = BTreeMap::new();
    for (round, offset) in (1..).zip(offsets(&m, DEMO_ROUNDS)) {
        let db = fresh_copy(root.path(), round, None);
        run_and_kill(command(&db, &args), offset);
        opens_whole(&db);
        let done = demo_steps_done(&dump(&db), &complete);
        department_matches(&db, done);
        *seen.entry(done).or_insert(0) += 1;
    }
    eprintln!(
        "demo of 3,000 datasets: a run takes {:?}; {DEMO_ROUNDS} kills left these numbers of whole steps (of 4): {seen:?}; {:?} in all",
        m.total,
        started.elapsed()
    );
}
