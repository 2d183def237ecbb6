//! Backup copies of the inventory: one before each import, one a day, the last
//! ten kept; restoring one; and files readable by their owner only.
//!
//! A copy is written under a temporary name, checked (SQLite's `quick_check`,
//! the same rows as the inventory), and only then given its name,
//! `<stem>-<yyyymmdd>-<hhmmss>.<ms>.sqlite3`; a copy that fails is deleted. So
//! a full disk or a kill never leaves a file with a copy's name, and only
//! files with exactly that name and that read back as an inventory count as
//! copies: for the list to restore from, for the daily copy and for pruning.
//!
//! Each copy records in itself (two settings) a sequence number, one more
//! than the newest copy beside it, and when it was made. Copies are ordered by
//! that number, not by their names or times, which go backwards with the
//! computer's clock (daylight saving, travel); and the copy just made is
//! never the one pruned.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags, OptionalExtension};

use super::{BACKUPS_KEPT, BadCopy, Refusal, Result, Store, StoreError, backup_dir};

/// The setting of a copy that orders it among the others.
const SEQUENCE: &str = "backup.sequence";
/// The setting of a copy that says when it was made (`2026-11-22 10:15:00`).
const MADE: &str = "backup.made";
/// What a copy being written is called until it is checked.
const WRITING: &str = ".writing-";

/// A backup copy on disk, one that reads back as an inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was made, as recorded in it (`2026-11-22 10:15:00`); for a copy
    /// of an earlier version of the app, from its name.
    pub made: String,
    pub bytes: u64,
    /// Its place among the copies: higher is newer (0: made by an earlier version).
    pub sequence: i64,
}

/// Why a copy just written was deleted instead of kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CopyFailed {
    #[error("the copy did not read back whole (SQLite's quick_check found damage)")]
    Damaged,
    #[error("the copy's table {table} has {copy} rows where the inventory has {inventory}")]
    Rows {
        table: String,
        copy: i64,
        inventory: i64,
    },
}

impl Store {
    /// Every backup copy of this inventory, newest first.
    pub fn backups(&self) -> Vec<Backup> {
        match self.path() {
            Some(path) => backups_of(path),
            None => Vec::new(),
        }
    }

    /// Makes the day's backup copy, unless one was made today already.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        if self.backups().iter().any(|b| b.made.starts_with(&today)) {
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

/// The backup copies of the inventory at `db`, newest first: only files named
/// exactly as its copies are that read back as an inventory (not a 0-byte or
/// cut-short file, nor the copies of `inventory-old.sqlite3` beside it).
pub fn backups_of(db: &Path) -> Vec<Backup> {
    let stem = stem(db);
    let Ok(entries) = std::fs::read_dir(backup_dir(db)) else {
        return Vec::new();
    };
    let mut out: Vec<Backup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stamp = copy_stamp(&stem, &name)?;
            read_copy(&e.path(), stamp)
        })
        .collect();
    out.sort_by(|a, b| (b.sequence, &b.made, &b.path).cmp(&(a.sequence, &a.made, &a.path)));
    out
}

/// The time stamp in `name` if it is exactly the name of a copy of the
/// inventory called `stem`: `<stem>-20261122-101500.123.sqlite3`, maybe with
/// `-2` (a second copy in the same millisecond) before `.sqlite3`.
fn copy_stamp<'a>(stem: &str, name: &'a str) -> Option<&'a str> {
    let stamp = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".sqlite3")?;
    let (time, extra) = match stamp.get(19..) {
        Some(rest) if !rest.is_empty() => (&stamp[..19], rest),
        _ => (stamp, ""),
    };
    let shape = time.len() == 19
        && time.char_indices().all(|(i, c)| match i {
            8 => c == '-',
            15 => c == '.',
            _ => c.is_ascii_digit(),
        });
    let extra_ok = extra.is_empty()
        || extra
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    (shape && extra_ok).then_some(time)
}

/// A copy as its file says, or `None` when it does not read back as an
/// inventory. Cheap: the header, the size it promises, and two settings; the
/// full check was made before the copy got its name (and again on restore).
fn read_copy(path: &Path, stamp: &str) -> Option<Backup> {
    let bytes = whole_sqlite_file(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let setting = |key: &str| -> rusqlite::Result<Option<String>> {
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
    };
    let sequence = setting(SEQUENCE).ok()?;
    let made = setting(MADE).ok()?;
    Some(Backup {
        path: path.to_path_buf(),
        made: made.unwrap_or_else(|| readable_stamp(stamp)),
        bytes,
        sequence: sequence.and_then(|s| s.parse().ok()).unwrap_or(0),
    })
}

/// The file's size if it starts as an SQLite database does and is as long as
/// its header says (a copy cut short by a full disk is shorter).
fn whole_sqlite_file(path: &Path) -> Option<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut header = [0u8; 100];
    file.read_exact(&mut header).ok()?;
    if &header[..16] != b"SQLite format 3\0" {
        return None;
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    // The page count is valid when the two change counters agree.
    if header[24..28] == header[92..96] && len < page_size * pages {
        return None;
    }
    Some(len)
}

/// Now, as copies are named: `20261122-101500.123`.
pub(super) fn copy_stamp_now() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S%.3f").to_string()
}

/// Writes a copy of the database at `path` into `backups/` beside it: under a
/// temporary name, then checked, then renamed; a copy that fails is deleted.
/// Keeps the newest ten checked copies (never pruning this one) and returns
/// the copy's path.
pub(super) fn copy_to_backups(conn: &Connection, path: &Path) -> Result<PathBuf> {
    let dir = backup_dir(path);
    let fail = |source: Box<dyn std::error::Error + Send + Sync>| StoreError::Backup {
        path: dir.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| fail(e.into()))?;
    let stem = stem(path);
    remove_left_behind(&dir, &stem);
    let sequence = backups_of(path).first().map_or(0, |b| b.sequence) + 1;
    let now = chrono::Local::now();
    let stamp = now.format("%Y%m%d-%H%M%S%.3f");
    let temp = dir.join(format!(
        "{WRITING}{stem}-{stamp}-{}.sqlite3",
        std::process::id()
    ));
    let written = write_checked_copy(
        conn,
        &temp,
        sequence,
        &now.format("%Y-%m-%d %H:%M:%S").to_string(),
    );
    let renamed = written.and_then(|()| {
        let mut target = dir.join(format!("{stem}-{stamp}.sqlite3"));
        let mut n = 1;
        while target.exists() {
            target = dir.join(format!("{stem}-{stamp}-{n}.sqlite3"));
            n += 1;
        }
        std::fs::rename(&temp, &target).map_err(|e| StoreError::Backup {
            path: target.clone(),
            source: e.into(),
        })?;
        Ok(target)
    });
    let target = match renamed {
        Ok(target) => target,
        Err(e) => {
            remove_with_journals(&temp);
            return Err(e);
        }
    };
    prune(path, &target);
    Ok(target)
}

/// `VACUUM INTO` the file `temp`, record the copy's sequence and time in it,
/// then check it: the same rows as the inventory, and SQLite's `quick_check`.
fn write_checked_copy(conn: &Connection, temp: &Path, sequence: i64, made: &str) -> Result<()> {
    let failed = |source: Box<dyn std::error::Error + Send + Sync>| StoreError::Backup {
        path: temp.to_path_buf(),
        source,
    };
    let sql = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => StoreError::DiskFull,
        _ => failed(e.into()),
    };
    let before = row_counts(conn).map_err(sql)?;
    conn.execute("VACUUM INTO ?1", [temp.to_string_lossy()])
        .map_err(sql)?;
    owner_only(temp);
    let copy = Connection::open(temp).map_err(sql)?;
    let in_copy = row_counts(&copy).map_err(sql)?;
    if in_copy != before {
        // Another connection may have written in between: compare again.
        let now = row_counts(conn).map_err(sql)?;
        if let Some((table, inventory)) = now
            .iter()
            .find(|(t, n)| in_copy.iter().find(|(c, _)| c == t).map(|(_, m)| m) != Some(n))
        {
            let copy = in_copy
                .iter()
                .find(|(c, _)| c == table)
                .map_or(0, |(_, m)| *m);
            return Err(failed(Box::new(CopyFailed::Rows {
                table: table.clone(),
                copy,
                inventory: *inventory,
            })));
        }
    }
    copy.execute_batch(&format!(
        "INSERT INTO settings(key, value) VALUES ('{SEQUENCE}', '{sequence}'), ('{MADE}', '{made}')
         ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    ))
    .map_err(sql)?;
    let ok: rusqlite::Result<String> = copy.query_row("PRAGMA quick_check", [], |r| r.get(0));
    if ok.as_deref() != Ok("ok") {
        return Err(failed(Box::new(CopyFailed::Damaged)));
    }
    copy.close().map_err(|(_, e)| sql(e))?;
    Ok(())
}

/// The number of rows of every table, by name.
fn row_counts(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\"")),
                [],
                |r| r.get(0),
            )?;
            Ok((t, n))
        })
        .collect()
}

/// Removes a copy being written and the files SQLite keeps beside it.
fn remove_with_journals(temp: &Path) {
    let _ = std::fs::remove_file(temp);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut name = temp.as_os_str().to_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Copies of this inventory that a killed run left half written (an hour is
/// far longer than any copy takes).
fn remove_left_behind(dir: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let ours = format!("{WRITING}{stem}-");
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().to_string();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if name.starts_with(&ours) && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Keeps the newest ten checked copies, and always `made` (the one just made).
fn prune(db: &Path, made: &Path) {
    let others: Vec<Backup> = backups_of(db)
        .into_iter()
        .filter(|b| b.path != made)
        .collect();
    for old in others.iter().skip(BACKUPS_KEPT.saturating_sub(1)) {
        let _ = std::fs::remove_file(&old.path);
    }
}

/// Refuses a file that is not a readable inventory, before it replaces one.
pub(super) fn check_copy(copy: &Path) -> Result<()> {
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

pub(super) fn stem(path: &Path) -> String {
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

    /// Today's date as copies are named, and a time stamp on it.
    fn today_named(time: &str) -> String {
        format!("{}-{time}", chrono::Local::now().format("%Y%m%d"))
    }

    #[test]
    fn broken_copies_are_not_offered_not_counted_and_not_taken_for_today() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir);
        let good = s.backup().unwrap().unwrap();
        let backups = backup_dir(s.path().unwrap());
        // What a full disk or a kill left with a copy's name: a 0-byte file,
        // and half a copy with its journal.
        let empty = backups.join(format!("inventory-{}.sqlite3", today_named("235959.001")));
        std::fs::write(&empty, b"").unwrap();
        let bytes = std::fs::read(&good).unwrap();
        let half = backups.join(format!("inventory-{}.sqlite3", today_named("235959.002")));
        std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
        std::fs::write(
            backups.join(format!(
                "inventory-{}.sqlite3-journal",
                today_named("235959.002")
            )),
            b"x",
        )
        .unwrap();
        std::fs::remove_file(&good).unwrap();
        let offered: Vec<PathBuf> = s.backups().into_iter().map(|b| b.path).collect();
        assert!(
            offered.is_empty(),
            "nothing to restore but broken files: {offered:?}"
        );
        let made = s.daily_backup().unwrap();
        assert!(made.is_some(), "a broken file is not today's copy");
        // Nine broken copies, newer than any good one, push none out.
        for n in 0..9 {
            std::fs::write(
                backups.join(format!("inventory-20991231-2359{n:02}.000.sqlite3")),
                b"",
            )
            .unwrap();
        }
        let mut kept = Vec::new();
        for _ in 0..BACKUPS_KEPT {
            kept.push(s.backup().unwrap().unwrap());
        }
        assert!(
            kept.iter().all(|k| k.exists()),
            "every checked copy is kept"
        );
        assert_eq!(s.backups().len(), BACKUPS_KEPT);
        assert!(s.backups().iter().all(|b| b.bytes > 0));
    }

    #[test]
    fn a_copy_is_checked_under_another_name_and_a_killed_one_is_cleared_away() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir);
        let backups = backup_dir(s.path().unwrap());
        std::fs::create_dir_all(&backups).unwrap();
        let killed = backups.join(format!("{WRITING}inventory-20260101-000000.000-77.sqlite3"));
        std::fs::write(&killed, b"half").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
        std::fs::File::options()
            .write(true)
            .open(&killed)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let copy = s.backup().unwrap().unwrap();
        assert!(!killed.exists(), "a copy a killed run left is removed");
        let names: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "only the checked copy, no temporary file: {names:?}"
        );
        let conn = Connection::open(&copy).unwrap();
        let count: i64 = conn
            .query_row("SELECT count(*) FROM datasets", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1);
        assert_eq!(s.backups()[0].sequence, 1);
    }

    #[test]
    fn copies_of_another_inventory_in_the_folder_are_not_taken_for_ours() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir);
        let other = Store::open(&dir.path().join("inventory-old.sqlite3")).unwrap();
        let theirs: Vec<PathBuf> = (0..BACKUPS_KEPT)
            .map(|_| other.backup().unwrap().unwrap())
            .collect();
        let ours = s.backup().unwrap().unwrap();
        assert!(ours.exists(), "the copy just made and reported is there");
        assert!(
            theirs.iter().all(|t| t.exists()),
            "the other inventory's copies are left alone"
        );
        assert_eq!(s.backups().len(), 1);
        assert_eq!(other.backups().len(), BACKUPS_KEPT);
    }

    #[test]
    fn copies_are_ordered_by_when_they_were_made_not_by_the_clock() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir);
        let backups = backup_dir(s.path().unwrap());
        // Ten copies made while the clock was an hour (here: years) ahead.
        let mut ahead = Vec::new();
        for n in 0..BACKUPS_KEPT {
            let made = s.backup().unwrap().unwrap();
            let renamed = backups.join(format!("inventory-20991231-23595{n}.000.sqlite3"));
            std::fs::rename(&made, &renamed).unwrap();
            ahead.push(renamed);
        }
        // The clock went back: the next copy's name sorts first.
        let just_made = s.backup().unwrap().unwrap();
        assert!(just_made.exists(), "the copy just made is not pruned");
        assert_eq!(s.backups()[0].path, just_made, "it is the newest");
        assert!(!ahead[0].exists(), "the oldest copy made is the one pruned");
        assert!(ahead[1..].iter().all(|p| p.exists()));
        assert_eq!(s.backups().len(), BACKUPS_KEPT);
    }

    #[test]
    fn only_names_of_our_copies_match() {
        let stamp = "20261122-101500.123";
        assert_eq!(
            copy_stamp("inventory", &format!("inventory-{stamp}.sqlite3")),
            Some(stamp)
        );
        assert_eq!(
            copy_stamp("inventory", &format!("inventory-{stamp}-2.sqlite3")),
            Some(stamp)
        );
        for other in [
            format!("inventory-old-{stamp}.sqlite3"),
            format!("inventory-{stamp}.sqlite3-journal"),
            format!("inventory-{stamp}-x.sqlite3"),
            format!("{WRITING}inventory-{stamp}.sqlite3"),
            "inventory-damaged-20261122-101500.123.sqlite3".to_string(),
        ] {
            assert_eq!(copy_stamp("inventory", &other), None, "{other}");
        }
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
