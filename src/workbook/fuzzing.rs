//! The import path that the fuzzer drives (`fuzz/fuzz_targets/import.rs`) and that
//! `tests/fuzz_corpus.rs` replays on stable: bytes become a file, the file is read
//! with `read_file`, and the import is planned against a small inventory. Nothing
//! here may panic, whatever the bytes; see docs/fuzzing.md.

use std::cell::RefCell;
use std::path::PathBuf;

use crate::model::{Classification, Dataset, Department, DepartmentCode};
use crate::store::Store;

/// The extension a fuzz input is saved with: its first byte chooses (even: a
/// workbook, odd: a CSV file), and the rest is the file.
pub fn split_input(data: &[u8]) -> (&'static str, &[u8]) {
    match data.split_first() {
        Some((selector, rest)) if selector & 1 == 1 => ("csv", rest),
        Some((_, rest)) => ("xlsx", rest),
        None => ("xlsx", data),
    }
}

/// An inventory with one department (Parks, PRK) and three datasets.
pub fn small_inventory() -> Store {
    let mut store = Store::open_in_memory().expect("an in-memory inventory opens");
    let parks: DepartmentCode = "PRK".parse().expect("a valid code");
    store
        .save_department(&Department::new(parks.clone(), "Parks"))
        .expect("the department is saved");
    let mut trees = Dataset::named("Street Trees");
    trees.classification = Some(Classification::Public);
    trees.contents = "Every street tree".into();
    for dataset in [
        trees,
        Dataset::named("Pools"),
        Dataset::named("Park Permits"),
    ] {
        store
            .create_dataset(&parks, dataset)
            .expect("the dataset is saved");
    }
    store
}

struct Scratch {
    _dir: tempfile::TempDir,
    file: PathBuf,
    store: Store,
}

thread_local! {
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

/// Saves `data` as a file (see `split_input`), reads it and plans its import.
/// Returns the number of problems found, so callers can see something happened.
pub fn import_bytes(data: &[u8]) -> usize {
    let (ext, body) = split_input(data);
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let scratch = scratch.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            Scratch {
                file: dir.path().join("input"),
                _dir: dir,
                store: small_inventory(),
            }
        });
        let path = scratch.file.with_extension(ext);
        std::fs::write(&path, body).expect("the temporary file is written");
        let problems = match super::import::read_file(&path) {
            Err(_) => 1,
            Ok(content) => {
                let plan = super::merge::plan(&scratch.store, path.clone(), content)
                    .expect("planning reads the inventory");
                plan.errors.len() + plan.warnings.len()
            }
        };
        let _ = std::fs::remove_file(&path);
        problems
    })
}
