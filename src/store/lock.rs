//! One writer per inventory: the first app window (or writing command) on a
//! database holds an exclusive advisory lock on a sibling file, `<db>.lock`.
//!
//! SQLite already keeps the file whole when two connections write, but two
//! windows editing the same dataset would overwrite each other's typing, and an
//! import planned in one window could be applied over changes made in the other.
//! The lock makes the second window read-only instead. The operating system
//! drops the lock when the process ends, even when it is killed, so a crash
//! never leaves an inventory locked. The lock file itself stays beside the
//! database (removing it would let two processes lock two different files).
//!
//! The lock is named after the database's real path, links resolved, so that a
//! window opened through a link and a command given the file itself take the
//! same lock. A lock that cannot be taken (its file cannot be opened for
//! writing) counts as held: the callers refuse to write rather than go on
//! unguarded.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The lock of one inventory, held until dropped.
#[derive(Debug)]
pub struct InstanceLock {
    // Held only for its lock: closing the file releases it.
    _file: File,
}

impl InstanceLock {
    /// Takes the lock of the inventory at `db` if no other window or command
    /// holds it: `Ok(None)` when one does. Never waits.
    pub fn try_acquire(db: &Path) -> std::io::Result<Option<InstanceLock>> {
        let path = lock_path(&real_path(db));
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(InstanceLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }
}

/// Why a command that writes could not claim the inventory: another window or
/// command holds it, or its lock could not be taken at all (which counts as held).
#[derive(Debug, thiserror::Error)]
pub enum Held {
    #[error(
        "The inventory {} is open in an Inventory Desk window, or another import is running. Nothing was changed: close the window (or wait for the import to finish) and try again.",
        .db.display()
    )]
    ByAnother { db: PathBuf },
    #[error(
        "The inventory {} could not be claimed for writing: its lock file {} could not be opened ({source}). Nothing was changed: check that you may write to that folder, then try again.",
        .db.display(),
        .lock.display()
    )]
    LockUnavailable {
        db: PathBuf,
        lock: PathBuf,
        source: std::io::Error,
    },
}

impl InstanceLock {
    /// Takes the lock of the inventory at `db` for a command that writes, or
    /// says why it cannot: held by another, or not to be taken at all.
    pub fn claim(db: &Path) -> Result<InstanceLock, Held> {
        match InstanceLock::try_acquire(db) {
            Ok(Some(lock)) => Ok(lock),
            Ok(None) => Err(Held::ByAnother {
                db: db.to_path_buf(),
            }),
            Err(source) => Err(Held::LockUnavailable {
                db: db.to_path_buf(),
                lock: lock_path(&real_path(db)),
                source,
            }),
        }
    }
}

/// The path of `path` with its links resolved and made absolute: the file
/// itself when it exists, else its folder's real path joined with its name,
/// else `path` as given.
pub fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// `inventory.sqlite3` → `inventory.sqlite3.lock`, in the same folder.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    db.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_held_once_and_released_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("inv.sqlite3");
        let first = InstanceLock::try_acquire(&db).unwrap();
        assert!(first.is_some());
        assert!(InstanceLock::try_acquire(&db).unwrap().is_none());
        drop(first);
        assert!(InstanceLock::try_acquire(&db).unwrap().is_some());
        assert_eq!(lock_path(&db), dir.path().join("inv.sqlite3.lock"));
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_holds_through_a_link_and_one_that_cannot_be_taken_counts_as_held() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("inv.sqlite3");
        std::fs::write(&db, b"").unwrap();
        let link = dir.path().join("link.sqlite3");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let first = InstanceLock::try_acquire(&db).unwrap();
        assert!(first.is_some());
        assert!(InstanceLock::try_acquire(&link).unwrap().is_none());
        assert!(matches!(
            InstanceLock::claim(&link),
            Err(Held::ByAnother { .. })
        ));
        drop(first);
        // A lock file that cannot be opened for writing (here a folder).
        let other = dir.path().join("other.sqlite3");
        std::fs::create_dir(lock_path(&other)).unwrap();
        let e = InstanceLock::claim(&other).unwrap_err();
        assert!(matches!(e, Held::LockUnavailable { .. }), "{e:?}");
        assert!(e.to_string().contains("other.sqlite3.lock"), "{e}");
    }
}
