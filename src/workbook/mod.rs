//! The handoff workbook: the Appendix A inventory as an `.xlsx` file for the CDO,
//! and everything that reads it back (and the spreadsheets cities already keep).
//!
//! `columns` is the field table (`model::fields`) seen as the Inventory sheet's
//! columns, with the other sheets' columns; `export` and `csv` write it; `read`
//! turns any spreadsheet into rows of text; `import` validates those rows into
//! datasets with located problems (`checklist_sheet` the checklist's answers,
//! `plan_sheet` the publication plans, both read by `side_sheet`), all kept in
//! the types of `content`; `merge` plans what an import would change.

pub mod attributes_sheet;
mod cdo_review;
mod checklist_sheet;
pub mod choices;
pub mod columns;
mod content;
pub mod csv;
pub mod department_sheet;
mod distribution_sheet;
pub mod export;
mod fixes;
pub mod fuzzing;
mod held;
pub mod import;
mod instructions;
pub mod limits;
pub mod mapping;
pub mod merge;
pub mod new_values;
mod ole;
pub mod path;
pub mod plan_attributes;
pub mod plan_departments;
mod plan_sheet;
pub mod portal_catalog;
mod print;
pub mod read;
mod refusal;
mod side_sheet;
pub mod values;

/// The import's maps and sets keyed by dataset or by name: an import of a
/// city's workbook fills and reads them 100,000 times (see Cargo.toml).
pub(crate) type FastMap<K, V> = foldhash::HashMap<K, V>;
pub(crate) type FastSet<T> = foldhash::HashSet<T>;

use std::path::{Path, PathBuf};

use crate::store::StoreError;
pub use refusal::FileRefusal;

/// The schema id written to the `About` sheet.
pub const SCHEMA: &str = "inventory-desk/1";

/// Sheet names, as the contract spells them.
pub const INSTRUCTIONS: &str = "Instructions";
pub const CDO_REVIEW: &str = "CDO Review";
pub const INVENTORY: &str = "Inventory";
pub const DATA_SOURCES: &str = "Data Sources";
pub const CHECKLIST: &str = "Checklist";
pub const PUBLICATION_PLAN: &str = "Publication Plan";
pub const ATTRIBUTES: &str = "Attributes";
pub const DISTRIBUTIONS: &str = "Distributions";
pub const DEPARTMENTS: &str = "Departments";
pub const LISTS: &str = "Lists";
pub const ABOUT: &str = "About";

/// The most data rows one sheet holds below its header (Excel's 1,048,576 rows).
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// The name of the `n`th (1-based) sheet of a list too long for one sheet:
/// `Checklist`, then `Checklist (2)`, `Checklist (3)`…
pub fn continued_sheet_name(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base} ({n})")
    }
}

/// Whether `name` is `base` or one of its continuations, ignoring case.
pub fn is_continued_sheet(base: &str, name: &str) -> bool {
    let name = name.trim();
    if name.eq_ignore_ascii_case(base) {
        return true;
    }
    let Some(rest) = name
        .get(..base.len())
        .filter(|head| head.eq_ignore_ascii_case(base))
        .and_then(|_| name.get(base.len()..))
    else {
        return false;
    };
    rest.strip_prefix(" (")
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Failures to read or write a whole file (as opposed to problems in its cells).
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(
        "Could not write {path}: {message}. Nothing was saved there; check that the folder exists, that the file is not open in Excel, and that the disk has space."
    )]
    Write { path: PathBuf, message: String },
    #[error("Could not read {path}: {reason}")]
    Read { path: PathBuf, reason: FileRefusal },
    /// A `data.json` that a portal would not accept, with what it would refuse
    /// (one line each); it was not written.
    #[error("{}", catalog_refused(.problems))]
    CatalogRefused { problems: Vec<String> },
    /// A `data.json` that would list no dataset: not written over one that
    /// lists some, nor when every dataset cleared for it is held back.
    #[error("{}", empty_catalog(.path, *.listed_there, .held))]
    EmptyCatalog {
        path: PathBuf,
        /// How many datasets the file already there lists.
        listed_there: usize,
        /// Each dataset held back, as `catalog::HeldBack` says it.
        held: Vec<String>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The person asked the work to stop, and it stopped before changing anything.
    #[error(transparent)]
    Cancelled(#[from] crate::progress::Cancelled),
}

impl WorkbookError {
    pub(crate) fn write(path: &Path, message: impl std::fmt::Display) -> Self {
        WorkbookError::Write {
            path: path.to_path_buf(),
            message: message.to_string(),
        }
    }
    pub(crate) fn read(path: &Path, reason: impl Into<FileRefusal>) -> Self {
        WorkbookError::Read {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

/// The spreadsheet column letters for a 0-based index: 0 → A, 27 → AB.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// What `WorkbookError::CatalogRefused` says: the first 20 problems, and how
/// many more there are.
fn catalog_refused(problems: &[String]) -> String {
    let shown: Vec<&str> = problems.iter().take(20).map(String::as_str).collect();
    let more = problems.len().saturating_sub(20);
    let more = if more > 0 {
        format!("\n…and {more} more.")
    } else {
        String::new()
    };
    format!(
        "The catalog was not written: {} entries would not be accepted by a portal. Fix these and export again:\n{}{more}",
        problems.len(),
        shown.join("\n")
    )
}

/// What `WorkbookError::EmptyCatalog` says.
fn empty_catalog(path: &Path, listed_there: usize, held: &[String]) -> String {
    let count = limits::count_of;
    let mut text = format!(
        "The catalog was not written: it would list no dataset, so {} was left as it was.",
        path.display()
    );
    if listed_there > 0 {
        text.push_str(&format!(
            " That file lists {}, and a portal that reads an empty catalog removes every dataset it took from the last one.",
            count(listed_there, "dataset", "datasets")
        ));
    }
    if !held.is_empty() {
        text.push_str(&format!(
            " {} held back; fix them and export again:",
            count(held.len(), "dataset is", "datasets are")
        ));
        for line in held.iter().take(20) {
            text.push_str(&format!("\n  {line}"));
        }
        if held.len() > 20 {
            text.push_str(&format!("\n…and {} more.", held.len() - 20));
        }
    } else {
        text.push_str(
            " Check the department chosen, or approve datasets before exporting the catalog.",
        );
    }
    text
}

/// A cell reference such as `C7`, from 0-based row and column.
pub fn cell_ref(row: usize, col: usize) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// How the temporary files of an export beside its target are named.
const PART_PREFIX: &str = ".inventory-desk-";
const PART_SUFFIX: &str = ".part";

/// A part file older than this was left by an export that was killed (no
/// export takes a day), and is removed by the next export to that folder.
pub const PART_LEFT_BEHIND: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// A temporary file beside `path`, removed when dropped unless it is persisted
/// (renamed) into place. Part files of this app's earlier exports that were
/// killed before they could remove their own are cleared away first.
///
/// It gets the person's usual permissions (0666 less the umask, so 0644 under
/// the usual umask 022), not tempfile's private 0600: an export is meant to be
/// handed on, and a CDO on a shared folder must be able to open it. Only the
/// inventory and its backups are private.
pub(crate) fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, WorkbookError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    remove_left_behind_parts(dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(PART_PREFIX).suffix(PART_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
        .tempfile_in(dir)
        .map_err(|e| WorkbookError::write(path, e))
}

/// Removes this app's own part files (`.inventory-desk-*.part`) in `dir` that
/// are older than `PART_LEFT_BEHIND`: a killed export cannot remove its own.
/// Only files of that name, only in that folder; failures are left for next time.
fn remove_left_behind_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(PART_PREFIX) && name.ends_with(PART_SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > PART_LEFT_BEHIND);
        if meta.is_file() && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes through a temporary file beside `path` and renames it into place, so a
/// full disk or a crash never leaves half a file where the old one was.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), WorkbookError> {
    let temp = temp_beside(path)?;
    write(temp.path()).map_err(|e| WorkbookError::write(path, e))?;
    temp.persist(path)
        .map_err(|e| WorkbookError::write(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet_scheme() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(47), "AV");
        assert_eq!(column_letters(51), "AZ");
        assert_eq!(cell_ref(6, 2), "C7");
    }

    #[test]
    fn an_export_clears_away_old_part_files_of_killed_exports_and_only_ours() {
        let dir = tempfile::tempdir().unwrap();
        let two_days = std::time::SystemTime::now() - 2 * PART_LEFT_BEHIND;
        let make = |name: &str, old: bool| {
            let p = dir.path().join(name);
            std::fs::write(&p, b"half a workbook").unwrap();
            if old {
                let f = std::fs::File::options().write(true).open(&p).unwrap();
                f.set_modified(two_days).unwrap();
            }
            p
        };
        let killed = make(".inventory-desk-a1B2c3.part", true);
        let running = make(".inventory-desk-d4E5f6.part", false);
        let theirs = make(".other-app-a1B2c3.part", true);
        let kept = make("inventory-desk-notes.part", true);
        let target = dir.path().join("inventory.csv");
        write_atomically(&target, |temp| {
            std::fs::write(temp, "a,b\n").map_err(|e| e.to_string())
        })
        .unwrap();
        assert!(!killed.exists(), "a day-old part file of ours is removed");
        assert!(
            running.exists(),
            "a recent one may be another export's, still running"
        );
        assert!(theirs.exists() && kept.exists(), "only our own pattern");
        assert!(target.exists());
    }

    #[test]
    fn a_long_sheet_continues_in_numbered_sheets() {
        assert_eq!(continued_sheet_name(CHECKLIST, 1), "Checklist");
        assert_eq!(continued_sheet_name(CHECKLIST, 3), "Checklist (3)");
        assert!(is_continued_sheet(CHECKLIST, "checklist"));
        assert!(is_continued_sheet(CHECKLIST, "Checklist (12)"));
        assert!(!is_continued_sheet(CHECKLIST, "Checklist (x)"));
        assert!(!is_continued_sheet(CHECKLIST, "Checklist 2"));
        assert!(!is_continued_sheet(CHECKLIST, "Checklists"));
        assert!(!is_continued_sheet(CHECKLIST, "Check"));
    }
}
