//! The inventory on disk: one SQLite file per user.
//!
//! This is the only module with SQL. Every public method that writes opens its own
//! transaction, so an edit is either saved whole or not at all, and a killed app
//! or a full disk leaves the file as it was. WAL mode keeps readers and the writer
//! apart and survives a crash mid-write.

mod backups;
mod checklist;
mod datasets;
mod departments;
mod exports;
mod history;
mod review;
mod sources;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use rusqlite_migration::{M, Migrations};

pub use backups::Backup;
pub use checklist::{CheckRow, TrailEntry};
pub use datasets::{DatasetSummary, DeletedDataset, PromptRow};
pub use exports::{Attached, ExportSnapshot, Write, check_hash, dataset_hashes, field_hash};
pub use review::{Planned, RefreshWatch};
pub use sources::SourceDeletion;

/// What can go wrong with the inventory file, in words a coordinator can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "Could not open the inventory file {path}: {source}. Check that the folder exists and that you may write to it."
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "The inventory file {path} is from a newer version of Inventory Desk (or is not an inventory). Update the app to open it."
    )]
    TooNew { path: PathBuf },
    #[error(
        "The inventory file could not be read or saved: {0}. Nothing was changed; if the disk is full, free some space and try again."
    )]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("Could not make a backup copy at {path}: {source}. Nothing was changed.")]
    Backup {
        path: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How many backup copies of the database are kept beside it.
pub const BACKUPS_KEPT: usize = 10;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_initial.sql")),
        M::up(include_str!("migrations/002_checklist.sql")),
        M::up(include_str!("migrations/003_export_checks.sql")),
        M::up(include_str!("migrations/004_publication.sql")),
    ])
}

/// An open inventory database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (or creates) the inventory at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(parent);
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        // Before the first write: SQLite gives its journal files the same mode.
        backups::owner_only(path);
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// A throwaway inventory in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_default();
        let open_err = |source| StoreError::Open {
            path: shown.clone(),
            source,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_err)?;
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(open_err)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(open_err)?;
        }
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_err)?;
        if version > migrations_count() {
            return Err(StoreError::TooNew { path: shown });
        }
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => open_err(err),
            _ => StoreError::TooNew {
                path: shown.clone(),
            },
        })?;
        Ok(Store { conn, path })
    }

    /// Where the database file is, if it is on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A setting kept in the database (last screen, wizard progress…).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Copies the whole database to a new file in `backups/` beside it and keeps
    /// the newest ten. Returns the copy's path; `None` for an in-memory database.
    pub fn backup(&self) -> Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let dir = backup_dir(path);
        let fail = |source: Box<dyn std::error::Error + Send + Sync>| StoreError::Backup {
            path: dir.clone(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(|e| fail(e.into()))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("inventory");
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
        let mut target = dir.join(format!("{stem}-{stamp}.sqlite3"));
        let mut n = 1;
        while target.exists() {
            target = dir.join(format!("{stem}-{stamp}-{n}.sqlite3"));
            n += 1;
        }
        self.conn
            .execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map_err(|e| StoreError::Backup {
                path: target.clone(),
                source: e.into(),
            })?;
        backups::owner_only(&target);
        prune_backups(&dir, stem);
        Ok(Some(target))
    }
}

fn migrations_count() -> i64 {
    4
}

/// The folder that holds backup copies of the database at `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn prune_backups(dir: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{stem}-")) && n.ends_with(".sqlite3"))
        })
        .collect();
    // Names carry a sortable time stamp: the oldest sort first.
    copies.sort();
    while copies.len() > BACKUPS_KEPT {
        let _ = std::fs::remove_file(copies.remove(0));
    }
}

/// The time stamp written with every change, in the computer's local time.
pub fn now() -> chrono::NaiveDateTime {
    let t = chrono::Local::now().naive_local();
    // Whole seconds: the workbook shows no more, and a round trip must compare equal.
    t.with_nanosecond_zero()
}

trait WholeSeconds {
    fn with_nanosecond_zero(self) -> Self;
}

impl WholeSeconds for chrono::NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn a_file_database_is_created_with_wal_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/inv.sqlite3");
        {
            let mut s = Store::open(&path).unwrap();
            s.set_setting("screen", "sources").unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.setting("screen").unwrap().as_deref(), Some("sources"));
        let mode: String = s
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_database_from_a_newer_app_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { .. })));
    }

    #[test]
    fn backups_are_made_and_only_ten_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inv.sqlite3");
        let s = Store::open(&path).unwrap();
        for _ in 0..12 {
            assert!(s.backup().unwrap().unwrap().exists());
        }
        let n = std::fs::read_dir(backup_dir(&path)).unwrap().count();
        assert_eq!(n, BACKUPS_KEPT);
    }
}
