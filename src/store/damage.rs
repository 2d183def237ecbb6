//! A damaged inventory: found when the file is opened, never written to, and
//! put right only by restoring one of its backup copies.
//!
//! A file of 0 bytes where an inventory was, or one that SQLite's
//! `quick_check` finds damaged (a disk that lost a block, a copy cut short),
//! would otherwise look like an empty inventory, and the app would write into
//! it: a new department, the daily "backup" that pushes a good copy out. So
//! `Store::open` refuses it with `StoreError::Damaged`, which names the file and
//! the copies that can be restored; the window shows that as a screen of its
//! own, and the command line exits with status 3, the file left as it was.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode};

use super::backups::{check_copy, copy_stamp_now, owner_only, stem};
use super::{Backup, InstanceLock, Result, Store, StoreError, backup_dir, backups_of};

/// What is wrong with an inventory file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("it is empty (0 bytes)")]
    Empty,
    #[error("it is not an inventory file, or its beginning is damaged")]
    NotADatabase,
    #[error("the app's check of the file found damaged parts")]
    FailsCheck,
}

/// What `StoreError::Damaged` says: what happened, what was done (nothing),
/// and what to do.
pub(super) fn damaged_message(path: &Path, why: &Damage, backups: &[Backup]) -> String {
    let what = format!(
        "The inventory file {} is damaged: {why}. Inventory Desk did not change it and will not write to it.",
        path.display()
    );
    match backups.first() {
        Some(newest) => format!(
            "{what} Open Inventory Desk (from the desktop menu) to restore one of its {} backup copies; the newest, from {}, is {}.",
            backups.len(),
            newest.made,
            newest.path.display()
        ),
        None => format!(
            "{what} There are no backup copies of it in {}. Keep the file (your IT support may be able to rescue it) and start a new inventory under another file name (on the command line: --db NEW-FILE).",
            backup_dir(path).display()
        ),
    }
}

fn damaged(path: &Path, why: Damage) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        why,
        backups: backups_of(path),
    }
}

/// Before SQLite opens the file: a 0-byte file where an inventory is asked
/// for is damaged, not a new inventory (SQLite would make it one).
pub(super) fn refuse_empty(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == 0 => Err(damaged(path, Damage::Empty)),
        _ => Ok(()),
    }
}

/// SQLite's `quick_check` (the pages and their records, not whether each
/// index agrees with its table, which `integrity_check` adds at several times
/// the cost). Reads only.
pub(super) fn refuse_damaged(conn: &Connection, path: &Path) -> Result<()> {
    let result: rusqlite::Result<String> =
        conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0));
    match result {
        Ok(ok) if ok == "ok" => Ok(()),
        Ok(_) => Err(damaged(path, Damage::FailsCheck)),
        Err(e) => Err(damaged_or(path, e)),
    }
}

/// An error while opening: a file that is not a database (or whose pages are
/// damaged) is `Damaged`; anything else as `open_error` says.
pub(super) fn damaged_or(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => damaged(path, Damage::NotADatabase),
        Some(ErrorCode::DatabaseCorrupt) => damaged(path, Damage::FailsCheck),
        _ => super::open_error(path)(e),
    }
}

impl Store {
    /// Puts a backup copy in place of a damaged inventory at `db` and opens
    /// it. The damaged file is not deleted: it is moved into `backups/` as
    /// `<stem>-damaged-<time>.sqlite3` (with its `-wal`), where it may still be
    /// rescued. Returns the opened inventory and where the damaged file went.
    pub fn restore_over_damaged(db: &Path, copy: &Path) -> Result<(Store, PathBuf)> {
        check_copy(copy)?;
        let lock = match InstanceLock::try_acquire(db) {
            Ok(Some(lock)) => Some(lock),
            Ok(None) => return Err(StoreError::ReadOnly),
            Err(_) => None,
        };
        let dir = backup_dir(db);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |e: std::io::Error| StoreError::Backup {
                path,
                source: e.into(),
            }
        };
        // The copy first goes beside the inventory, so that the last step is
        // one rename on the same disk.
        let mut temp_name = db.file_name().unwrap_or_default().to_os_string();
        temp_name.push(".restoring");
        let temp = db.with_file_name(temp_name);
        std::fs::copy(copy, &temp).map_err(io(&temp))?;
        owner_only(&temp);
        let kept = dir.join(format!("{}-damaged-{}.sqlite3", stem(db), copy_stamp_now()));
        let sibling = |path: &Path, suffix: &str| {
            let mut name = path.as_os_str().to_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        let moved = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::rename(db, &kept))
            .map_err(io(db));
        if let Err(e) = moved {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        let _ = std::fs::rename(sibling(db, "-wal"), sibling(&kept, "-wal"));
        let _ = std::fs::remove_file(sibling(db, "-shm"));
        if let Err(e) = std::fs::rename(&temp, db).map_err(io(db)) {
            // Put the damaged file back: the inventory stays as it was found.
            let _ = std::fs::rename(&kept, db);
            let _ = std::fs::rename(sibling(&kept, "-wal"), sibling(db, "-wal"));
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        let mut store = Store::open(db)?;
        store.lock = lock;
        Ok((store, kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, EXIT_IO, run};

    /// An inventory file with 300 sample datasets and one backup copy.
    fn inventory(dir: &tempfile::TempDir) -> PathBuf {
        let db = dir.path().join("inventory.sqlite3");
        let mut store = Store::open(&db).unwrap();
        crate::demo::fill(&mut store, 300, 1).unwrap();
        store.backup().unwrap().unwrap();
        db
    }

    /// Flips every bit of the 4 KB page in the middle of the file, as a disk
    /// that lost a block would.
    pub(crate) fn flip_middle(db: &Path) {
        let mut bytes = std::fs::read(db).unwrap();
        let middle = bytes.len() / 2 / 4096 * 4096;
        for b in &mut bytes[middle..middle + 4096] {
            *b ^= 0xFF;
        }
        std::fs::write(db, bytes).unwrap();
    }

    fn demo(db: &Path) -> crate::cli::Failure {
        let command = Command::Demo {
            datasets: 5,
            seed: 1,
        };
        run(Some(db), command).unwrap_err()
    }

    #[test]
    fn a_damaged_inventory_is_refused_when_opened_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let db = inventory(&dir);
        flip_middle(&db);
        let bytes = std::fs::read(&db).unwrap();
        for opened in [Store::open(&db), Store::open_instance(&db)] {
            let e = opened.err().expect("refused");
            assert!(
                matches!(&e, StoreError::Damaged { why: Damage::FailsCheck, backups, .. } if backups.len() == 1),
                "{e:?}"
            );
            let said = e.to_string();
            assert!(
                said.contains(&db.display().to_string()) && said.contains("restore"),
                "{said}"
            );
        }
        // The command line: a plain message, exit 3, nothing changed; demo too.
        let failure = demo(&db);
        assert_eq!(failure.code, EXIT_IO);
        assert!(
            failure.message.contains("is damaged"),
            "{}",
            failure.message
        );
        assert!(
            std::fs::read(&db).unwrap() == bytes,
            "the file is as it was"
        );
        assert_eq!(backups_of(&db).len(), 1, "no copy of the damaged file");
    }

    #[test]
    fn an_empty_inventory_file_is_damaged_not_a_new_inventory() {
        let dir = tempfile::tempdir().unwrap();
        let db = inventory(&dir);
        std::fs::write(&db, b"").unwrap();
        let _ = std::fs::remove_file(dir.path().join("inventory.sqlite3-wal"));
        let e = Store::open(&db).err().expect("refused");
        assert!(
            matches!(
                e,
                StoreError::Damaged {
                    why: Damage::Empty,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(demo(&db).code, EXIT_IO);
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "still 0 bytes");
        assert_eq!(
            backups_of(&db).len(),
            1,
            "its daily copy pushes out no good one"
        );
        // A file that is not there yet is a new inventory, as before.
        assert!(Store::open(&dir.path().join("new.sqlite3")).is_ok());
    }

    #[test]
    fn a_backup_copy_is_put_in_place_of_a_damaged_inventory_which_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let db = inventory(&dir);
        flip_middle(&db);
        let damaged_bytes = std::fs::read(&db).unwrap();
        let copy = backups_of(&db)[0].path.clone();
        let (store, kept) = Store::restore_over_damaged(&db, &copy).unwrap();
        assert_eq!(store.dataset_count().unwrap(), 300);
        assert!(
            std::fs::read(&kept).unwrap() == damaged_bytes,
            "the damaged file is kept"
        );
        assert!(!store.is_read_only());
        drop(store);
        assert!(Store::open(&db).is_ok());
    }
}
