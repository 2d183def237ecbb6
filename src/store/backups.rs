//! Backup copies of the inventory: one before each import, one a day, the last
//! ten kept; restoring one; and files readable by their owner only.

use std::path::{Path, PathBuf};

use rusqlite::MAIN_DB;

use super::{BadCopy, Refusal, Result, Store, StoreError, backup_dir};

/// A backup copy on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was made, from its name (`inventory-20261122-101500.123.sqlite3`).
    pub made: String,
    pub bytes: u64,
}

impl Store {
    /// Every backup copy of this inventory, newest first.
    pub fn backups(&self) -> Vec<Backup> {
        let Some(path) = self.path() else {
            return Vec::new();
        };
        let stem = stem(path);
        let Ok(entries) = std::fs::read_dir(backup_dir(path)) else {
            return Vec::new();
        };
        let mut out: Vec<Backup> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                let stamp = name
                    .strip_prefix(&format!("{stem}-"))?
                    .strip_suffix(".sqlite3")?;
                Some(Backup {
                    made: readable_stamp(stamp),
                    bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                    path: e.path(),
                })
            })
            .collect();
        out.sort_by(|a, b| b.path.cmp(&a.path));
        out
    }

    /// Makes the day's backup copy, unless one was made today already.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        let today = chrono::Local::now().format("%Y%m%d").to_string();
        let Some(path) = self.path() else {
            return Ok(None);
        };
        let prefix = format!("{}-{today}", stem(path));
        let made_today = self.backups().iter().any(|b| {
            b.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        });
        if made_today {
            return Ok(None);
        }
        self.backup()
    }

    /// Replaces the inventory with a backup copy, after keeping a copy of the
    /// inventory as it is now (so a restore can itself be undone). The copy is
    /// checked before anything is replaced; SQLite's backup API swaps the
    /// pages in one step, so a failure leaves the inventory as it was.
    ///
    /// A copy made by an earlier version of the app (the one kept before an
    /// update, or an old daily copy) is brought up to date once restored.
    pub fn restore_backup(&mut self, copy: &Path) -> Result<Option<PathBuf>> {
        self.writable()?;
        check_copy(copy)?;
        let before = self.backup()?;
        self.conn
            .restore(MAIN_DB, copy, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|e| match StoreError::from(e) {
                StoreError::Sql(source) => StoreError::NotRestored {
                    copy: copy.to_path_buf(),
                    source,
                },
                plain => plain,
            })?;
        let shown = self.path().map(Path::to_path_buf).unwrap_or_default();
        super::migrate(&mut self.conn, &shown)?;
        Ok(before)
    }
}

/// Refuses a file that is not a readable inventory, before it replaces one.
fn check_copy(copy: &Path) -> Result<()> {
    let refuse = |why: BadCopy| {
        Err(Refusal::NotACopy {
            copy: copy.to_path_buf(),
            why,
        }
        .into())
    };
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return refuse(BadCopy::CannotOpen);
    };
    let ok: std::result::Result<String, _> =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0));
    if ok.as_deref() != Ok("ok") {
        return refuse(BadCopy::Damaged);
    }
    let has_datasets: std::result::Result<i64, _> = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'datasets'",
        [],
        |r| r.get(0),
    );
    if has_datasets != Ok(1) {
        return refuse(BadCopy::NotAnInventory);
    }
    let version: std::result::Result<i64, _> =
        conn.pragma_query_value(None, "user_version", |r| r.get(0));
    if version.is_ok_and(|v| v > super::migrations_count()) {
        return refuse(BadCopy::TooNew);
    }
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("inventory")
        .to_string()
}

/// `20261122-101500.123` → `2026-11-22 10:15:00`.
fn readable_stamp(stamp: &str) -> String {
    let digits: String = stamp.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 14 {
        return stamp.to_string();
    }
    format!(
        "{}-{}-{} {}:{}:{}",
        &digits[0..4],
        &digits[4..6],
        &digits[6..8],
        &digits[8..10],
        &digits[10..12],
        &digits[12..14]
    )
}

/// Makes a file readable and writable by its owner only (Unix); the inventory
/// holds names and email addresses of staff.
pub fn owner_only(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if path.exists() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, Department, DepartmentCode};

    fn store(dir: &tempfile::TempDir) -> Store {
        let mut s = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        s.save_department(&Department::new(code.clone(), "Parks"))
            .unwrap();
        s.create_dataset(&code, Dataset::named("Trees")).unwrap();
        s
    }

    #[test]
    fn one_backup_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir);
        assert!(s.daily_backup().unwrap().is_some());
        assert!(s.daily_backup().unwrap().is_none());
        assert_eq!(s.backups().len(), 1);
        assert!(s.backups()[0].made.starts_with("20"));
    }

    #[test]
    fn a_backup_is_restored_and_the_state_before_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(&dir);
        let copy = s.backup().unwrap().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        s.create_dataset(&code, Dataset::named("Benches")).unwrap();
        assert_eq!(s.dataset_count().unwrap(), 2);
        let before = s.restore_backup(&copy).unwrap().unwrap();
        assert_eq!(s.dataset_count().unwrap(), 1);
        // The state before the restore is itself a copy that can be restored.
        s.restore_backup(&before).unwrap();
        assert_eq!(s.dataset_count().unwrap(), 2);
    }

    #[test]
    fn a_file_that_is_not_an_inventory_is_not_restored() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(&dir);
        let bad = dir.path().join("notes.sqlite3");
        std::fs::write(&bad, b"not a database at all").unwrap();
        let e = s.restore_backup(&bad).unwrap_err().to_string();
        assert!(
            e.contains("cannot be restored") && e.contains("Nothing was changed"),
            "{e}"
        );
        assert_eq!(s.dataset_count().unwrap(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn the_inventory_and_its_backups_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir);
        let copy = s.backup().unwrap().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(s.path().unwrap()), 0o600);
        assert_eq!(mode(&copy), 0o600);
        let wal = dir.path().join("inventory.sqlite3-wal");
        if wal.exists() {
            assert_eq!(mode(&wal), 0o600);
        }
    }
}
