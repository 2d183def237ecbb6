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
        let path = lock_path(db);
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
}
