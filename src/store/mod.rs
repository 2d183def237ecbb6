//! The inventory on disk: one SQLite file per user.
//!
//! This is the only module with SQL. Every public method that writes opens its own
//! transaction, so an edit is either saved whole or not at all, and a killed app
//! or a full disk leaves the file as it was. WAL mode keeps readers and the writer
//! apart and survives a crash mid-write. Only one window writes to a file at a
//! time (see `lock`); another window on the same file is read-only.

mod backups;
mod checklist;
mod damage;
mod datasets;
mod departments;
mod desk;
mod distributions;
mod engagement;
mod exports;
mod history;
mod lists;
mod lock;
mod mappings;
mod portal;
mod profiles;
mod refusal;
mod release_review;
mod removal;
mod review;
mod sources;
mod table;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};

use backups::copy_to_backups;
use rusqlite_migration::{M, Migrations};

use crate::model::Field;

pub use backups::{Backup, CopyFailed, backups_of};
pub use checklist::{CheckRow, TrailEntry};
pub use damage::Damage;
pub use datasets::PromptRow;
pub use exports::{Attached, ExportSnapshot, Write, check_hash, dataset_hashes, field_hash};
pub use lock::{Held, InstanceLock, lock_path, real_path};
pub use portal::PortalCall;
pub use profiles::DICTIONARY_BASE;
pub use refusal::{BadCopy, Missing, Refusal};
pub use removal::{DeletedDataset, is_kept};
pub use review::{Planned, RefreshWatch};
pub use sources::SourceDeletion;
pub use table::{Search, TableRow};

/// What a write in a read-only window says; the window's banner says the same.
pub const READ_ONLY_MESSAGE: &str = "This inventory is open in another Inventory Desk window. This window is read-only: close the other window to make changes here.";

/// What a write says when the disk (or the database's size limit) is full.
pub const DISK_FULL_MESSAGE: &str = "The disk is full (or the inventory reached its size limit): nothing was changed; free some space and try again.";

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
    #[error("{}", DISK_FULL_MESSAGE)]
    DiskFull,
    #[error("{}", READ_ONLY_MESSAGE)]
    ReadOnly,
    #[error(
        "The inventory file could not be read or saved: {0}. Nothing was changed; if the disk is full, free some space and try again."
    )]
    Sql(rusqlite::Error),
    /// A dataset, department or prompt that is not (or no longer) there.
    #[error("{0}")]
    NotFound(Missing),
    /// A field the app keeps, or that only the review path changes, typed in
    /// an editor.
    #[error(
        "{}",
        if matches!(.0, Field::Status | Field::CdoDecision) {
            "The status and the CDO's decision change along the review path, on the Review screen (on a department's desk, the CDO's decisions come in the returned workbook or with \"Record a decision the CDO sent\")."
        } else {
            "This field is kept by the app and cannot be changed."
        }
    )]
    ReadOnlyField(Field),
    /// A change the inventory's rules do not allow; nothing was changed.
    #[error("{0}")]
    Refused(Refusal),
    /// The window that holds the file runs an older version of the app.
    #[error(
        "The inventory file {path} is open in another Inventory Desk window, which is an older version of the app (or is still opening it). Close the other window, then open the inventory again."
    )]
    HeldByOlderVersion { path: PathBuf },
    /// SQLite could not copy a checked backup over the inventory.
    #[error("The copy {copy} could not be restored: {source}. The inventory was not changed.")]
    NotRestored {
        copy: PathBuf,
        source: rusqlite::Error,
    },
    /// An engagement project saved in the inventory no longer reads back.
    #[error("The engagement project {id} could not be read: {source}.")]
    ProjectUnreadable { id: i64, source: serde_json::Error },
    /// The inventory file is damaged (0 bytes, or SQLite's check fails): it
    /// is not written to; `backups` are the copies that can be restored.
    #[error("{}", damage::damaged_message(.path, .why, .backups))]
    Damaged {
        path: PathBuf,
        why: Damage,
        backups: Vec<Backup>,
    },
    #[error(
        "Could not put the new inventory file in place at {path}: {source}. Check that the folder exists and that you may write to it."
    )]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Could not make a backup copy at {path}: {source}. Nothing was changed.")]
    Backup {
        path: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            // Only a window that another window holds gets a query-only
            // connection (`open_read_only`); a file that cannot be written at
            // all is refused when it is opened, so this is the other window.
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sql(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How many backup copies of the database are kept beside it.
pub const BACKUPS_KEPT: usize = 10;

/// The schema's steps, in order: a file's `user_version` is how many it has taken.
/// New steps go at the end, never between.
const MIGRATIONS: [&str; 14] = [
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_checklist.sql"),
    include_str!("migrations/003_export_checks.sql"),
    include_str!("migrations/004_publication.sql"),
    include_str!("migrations/005_engagement.sql"),
    include_str!("migrations/006_other_details.sql"),
    include_str!("migrations/007_portal.sql"),
    include_str!("migrations/008_mappings.sql"),
    include_str!("migrations/009_lists.sql"),
    include_str!("migrations/010_release_review.sql"),
    include_str!("migrations/011_trail_by.sql"),
    include_str!("migrations/012_profiles.sql"),
    include_str!("migrations/013_dictionary.sql"),
    include_str!("migrations/014_portal.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// An open inventory database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Another window holds the file: the connection is query-only, so every
    /// write is refused with `StoreError::ReadOnly`, until `take_over`.
    read_only: bool,
    /// This window's (or command's) claim on the file, from `open_instance`.
    lock: Option<InstanceLock>,
}

impl Store {
    /// Opens (or creates) the inventory at `path` and brings its schema up to
    /// date. Takes no lock: background work of a window uses this.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(parent);
        }
        if !path.exists() {
            create_whole(path)?;
        }
        damage::refuse_empty(path)?;
        let conn = Connection::open(path).map_err(open_error(path))?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// Opens the inventory for an app window or a command that writes. The
    /// first one on a file takes its lock and may write; while it runs, any
    /// other opens it read-only (`open_read_only`).
    pub fn open_instance(path: &Path) -> Result<Store> {
        match InstanceLock::try_acquire(path) {
            Ok(Some(lock)) => {
                let mut store = Store::open(path)?;
                store.lock = Some(lock);
                Ok(store)
            }
            // A lock that cannot be taken (its file cannot be opened for
            // writing) counts as held: this window only reads.
            Ok(None) | Err(_) => Store::open_read_only(path),
        }
    }

    /// Opens the inventory for a command that reads beside a window (an
    /// export, a dry run). It must exist: a mistyped path creates nothing. When
    /// no one holds it, it is opened as `open` does (an older file is brought
    /// up to date) and held until the store is dropped; when another window or
    /// command holds it, an older file is refused rather than updated under it.
    pub fn open_beside(path: &Path) -> Result<Store> {
        refuse_missing(path)?;
        match InstanceLock::try_acquire(path) {
            Ok(Some(lock)) => {
                let mut store = Store::open(path)?;
                store.lock = Some(lock);
                Ok(store)
            }
            Ok(None) | Err(_) => {
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn = Connection::open_with_flags(path, flags).map_err(open_error(path))?;
                let version = user_version(&conn).map_err(open_error(path))?;
                drop(conn);
                if (1..migrations_count()).contains(&version) {
                    return Err(StoreError::HeldByOlderVersion {
                        path: path.to_path_buf(),
                    });
                }
                Store::open(path)
            }
        }
    }

    /// Opens the inventory of another window: it reads as usual, and refuses
    /// every write with `READ_ONLY_MESSAGE`. Changes nothing in the file.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        // Not SQLITE_OPEN_READ_ONLY: `take_over` makes the same connection
        // writable once the other window has closed.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        damage::refuse_empty(path)?;
        let conn = Connection::open_with_flags(path, flags).map_err(open_error(path))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(open_error(path))?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_error(path))?;
        let version = user_version(&conn).map_err(|e| damage::damaged_or(path, e))?;
        if version > migrations_count() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
            });
        }
        if version < migrations_count() {
            // This window may not update the file under the other one.
            return Err(StoreError::HeldByOlderVersion {
                path: path.to_path_buf(),
            });
        }
        damage::refuse_damaged(&conn, path)?;
        conn.pragma_update(None, "query_only", true)
            .map_err(open_error(path))?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
            lock: None,
        })
    }

    /// A throwaway inventory in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_default();
        let open_err = open_error(&shown);
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(&open_err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(&open_err)?;
        // Before anything that writes, so that a file from a newer app (or one
        // that is not an inventory) is left byte for byte as it was.
        let version = user_version(&conn).map_err(|e| match &path {
            Some(path) => damage::damaged_or(path, e),
            None => open_err(e),
        })?;
        if version > migrations_count() {
            return Err(StoreError::TooNew { path: shown });
        }
        if let Some(path) = &path {
            // A damaged file looks empty: refuse it before anything writes.
            damage::refuse_damaged(&conn, path)?;
            refuse_unwritable(&conn, path)?;
            // After the checks, so that a refused file keeps its mode (a
            // read-only inventory must not be made writable by the run that
            // refuses it); before the first write, since SQLite gives its
            // journal files the same mode.
            backups::owner_only(path);
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(&open_err)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(&open_err)?;
            if (1..migrations_count()).contains(&version) {
                // A copy as the older app left it, so that the coordinator can
                // go back to that app (which would refuse the updated file).
                copy_to_backups(&conn, path)?;
            }
        }
        migrate(&mut conn, &shown)?;
        Ok(Store {
            conn,
            path,
            read_only: false,
            lock: None,
        })
    }

    /// Where the database file is, if it is on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether another window holds this inventory, so this one only reads.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// For a read-only window: once the other window has closed, takes the
    /// inventory's lock and lets this window write. Returns whether it did.
    pub fn take_over(&mut self) -> bool {
        let Some(path) = self.path.clone().filter(|_| self.read_only) else {
            return false;
        };
        let Ok(Some(lock)) = InstanceLock::try_acquire(&path) else {
            return false;
        };
        // The other window may have been a newer app that changed the schema.
        if user_version(&self.conn).ok() != Some(migrations_count())
            || self.conn.pragma_update(None, "query_only", false).is_err()
        {
            return false;
        }
        self.read_only = false;
        self.lock = Some(lock);
        true
    }

    /// Refuses a write that does not go through SQL (a restore) or that would
    /// make a backup copy first (an import), in a read-only window.
    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        Ok(())
    }

    /// For tests only: from now on, this connection acts as if the disk filled
    /// up after `pages` more database pages; `None` lifts the limit. (SQLite's
    /// `max_page_count`, which holds for this connection alone.)
    #[doc(hidden)]
    pub fn limit_size_for_tests(&self, pages: Option<i64>) -> Result<()> {
        let max = match pages {
            Some(more) => {
                let now: i64 = self
                    .conn
                    .pragma_query_value(None, "page_count", |r| r.get(0))?;
                now + more
            }
            None => 4_294_967_294,
        };
        self.conn.pragma_update(None, "max_page_count", max)?;
        Ok(())
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

    /// Runs `read` inside one read transaction: planning an import makes two
    /// small reads per dataset, and each outside a transaction takes and lets
    /// go of the file's lock; inside one, the plan also reads one state of the
    /// inventory, whatever another window saves meanwhile. Through `&self`
    /// nothing writes; with the journal in WAL mode a writer in another
    /// window is not kept waiting.
    pub fn in_one_read<T>(&self, read: impl FnOnce() -> T) -> T {
        let transaction = self.conn.unchecked_transaction();
        let out = read();
        if let Ok(transaction) = transaction {
            // Nothing was written: ending it either way lets go of the lock.
            let _ = transaction.commit();
        }
        out
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        if key == desk::DESK_KEY {
            // The desk is chosen once, through `choose_desk`.
            return Err(
                Refusal::NotThisDesk(crate::desk::NotThisDesk::Chosen(self.desk()?)).into(),
            );
        }
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
        match &self.path {
            Some(path) => copy_to_backups(&self.conn, path).map(Some),
            None => Ok(None),
        }
    }
}

/// Maps an error while opening: a full disk says so; anything else names the file.
fn open_error(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + use<> {
    let path = path.to_path_buf();
    move |source| match source.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => StoreError::DiskFull,
        _ => StoreError::Open {
            path: path.clone(),
            source,
        },
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Refuses an inventory that is not there, for work that only reads one: it
/// is never created by a command that exports or checks.
pub fn refuse_missing(path: &Path) -> Result<()> {
    if path.exists() {
        Ok(())
    } else {
        Err(Missing::Inventory(path.to_path_buf()).into())
    }
}

/// A file SQLite could open for reading only (another user's, a read-only
/// disk) is refused at once, rather than failing at the first edit. So is a
/// file marked read-only, even for a user (an administrator) who could write
/// it anyway: someone marked it so that it is not changed.
fn refuse_unwritable(conn: &Connection, path: &Path) -> Result<()> {
    let marked_read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    if marked_read_only || conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        let source = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some("this computer lets you read the file but not change it".into()),
        );
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

/// Makes a new inventory beside `path` and puts it in place only once it is
/// whole: a process killed while the first inventory is made leaves no file at
/// all (and the next run starts again), never an empty one that would read as
/// damaged. Another process that made the file first wins; ours is dropped.
fn create_whole(path: &Path) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let new = path.with_file_name(format!(".{name}.new-{}", std::process::id()));
    let _ = std::fs::remove_file(&new);
    let made = Connection::open(&new)
        .map_err(open_error(path))
        .and_then(|conn| Store::prepare(conn, Some(new.clone())));
    let placed = made.and_then(|store| {
        drop(store); // closes the file, its journal folded in
        match std::fs::hard_link(&new, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // A disk that has no links (a memory stick): put it in place by name.
            Err(_) if !path.exists() => {
                std::fs::rename(&new, path).map_err(|source| StoreError::Create {
                    path: path.to_path_buf(),
                    source,
                })
            }
            Err(_) => Ok(()),
        }
    });
    for leftover in [
        new.clone(),
        new.with_extension("new-wal"),
        new.with_extension("new-shm"),
    ] {
        let _ = std::fs::remove_file(leftover);
    }
    placed
}

/// Brings the schema up to date, in one transaction: a failure changes nothing.
fn migrate(conn: &mut Connection, shown: &Path) -> Result<()> {
    migrations().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => open_error(shown)(err),
        _ => StoreError::TooNew {
            path: shown.to_path_buf(),
        },
    })
}

/// The schema version this app reads and writes (the file's `user_version`).
pub fn schema_version() -> i64 {
    migrations_count()
}

fn migrations_count() -> i64 {
    MIGRATIONS.len() as i64
}

/// The folder that holds backup copies of the database at `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
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

/// An in-memory inventory with Parks (PRK) and one dataset, Trees: where the
/// store's own tests start.
#[cfg(test)]
fn parks_with_trees() -> (Store, crate::model::InventoryId) {
    use crate::model::{Dataset, Department, DepartmentCode};
    let mut s = Store::open_in_memory().unwrap();
    let code: DepartmentCode = "PRK".parse().unwrap();
    s.save_department(&Department::new(code.clone(), "Parks"))
        .unwrap();
    let d = s.create_dataset(&code, Dataset::named("Trees")).unwrap();
    (s, d.id.unwrap())
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
        conn.execute_batch("CREATE TABLE notes(text); INSERT INTO notes VALUES ('kept');")
            .unwrap();
        drop(conn);
        let bytes = std::fs::read(&path).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { .. })));
        assert!(matches!(
            Store::open_instance(&path),
            Err(StoreError::TooNew { .. })
        ));
        assert!(
            std::fs::read(&path).unwrap() == bytes,
            "the file is unchanged"
        );
        assert!(!backup_dir(&path).exists(), "no copy is made of it either");
    }

    #[test]
    fn a_full_disk_is_said_plainly_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("inv.sqlite3")).unwrap();
        s.set_setting("kept", "yes").unwrap();
        s.limit_size_for_tests(Some(0)).unwrap();
        let e = s.set_setting("big", &"x".repeat(100_000)).unwrap_err();
        assert!(matches!(e, StoreError::DiskFull), "{e:?}");
        assert_eq!(e.to_string(), DISK_FULL_MESSAGE);
        assert_eq!(s.setting("big").unwrap(), None);
        assert_eq!(s.setting("kept").unwrap().as_deref(), Some("yes"));
        s.limit_size_for_tests(None).unwrap();
        s.set_setting("big", "now it fits").unwrap();
    }

    #[test]
    fn a_second_window_reads_refuses_writes_and_takes_over_when_the_first_closes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inv.sqlite3");
        let mut first = Store::open_instance(&path).unwrap();
        let mut second = Store::open_instance(&path).unwrap();
        assert!(!first.is_read_only() && second.is_read_only());
        first.set_setting("by", "first").unwrap();
        let e = second.set_setting("by", "second").unwrap_err();
        assert_eq!(e.to_string(), READ_ONLY_MESSAGE);
        assert_eq!(second.setting("by").unwrap().as_deref(), Some("first"));
        assert!(!second.take_over(), "the first window still has it");
        drop(first);
        assert!(second.take_over());
        second.set_setting("by", "second").unwrap();
        assert!(Store::open_instance(&path).unwrap().is_read_only());
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
