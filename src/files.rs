//! The files a person exports: the name the app suggests, the format told from
//! a file's name, and writing any of them. The window and the command line
//! share this, so both name and write files the same way.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::DepartmentCode;
use crate::progress::Watch;
use crate::store::Store;
use crate::workbook::WorkbookError;

/// The formats an inventory can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The handoff workbook (Appendix A), which reads back with a three-way merge.
    Xlsx,
    /// The Inventory sheet alone, as CSV.
    Csv,
    /// The open data catalog (Project Open Data v1.1) for the portal.
    #[value(name = "data.json")]
    DataJson,
    /// The data dictionaries: a Frictionless Table Schema (JSON) file per
    /// dataset whose columns are described, into the folder given.
    #[value(name = "table-schema")]
    TableSchema,
    /// The same catalog as DCAT-US 3.0, a preview (docs/catalog.md); only when
    /// asked for with `--format dcat-us-3`: a .json name stays v1.1.
    #[value(name = "dcat-us-3")]
    DcatUs3,
}

impl Format {
    /// The format a file's name ends with (.xlsx, .csv, .json), ignoring case.
    pub fn from_name(path: &Path) -> Option<Format> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_lowercase();
        if name.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else if name.ends_with(".csv") {
            Some(Format::Csv)
        } else if name.ends_with(".json") {
            Some(Format::DataJson)
        } else {
            None
        }
    }
}

/// Why an export may not be written where it was asked to be: the file is the
/// inventory, one of its own files, or a backup copy. Writing there would
/// destroy the work the export is made from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetRefused {
    #[error(
        "{} is the inventory itself: exporting onto it would replace the inventory with the export. Nothing was changed; choose another name for the export (such as inventory.xlsx).",
        .target.display()
    )]
    Inventory { target: PathBuf },
    #[error(
        "{} is one of the inventory's own files (beside {}): exporting onto it could damage the inventory. Nothing was changed; choose another name for the export.",
        .target.display(),
        .db.display()
    )]
    InventoryFile { target: PathBuf, db: PathBuf },
    #[error(
        "{} is in the inventory's backups folder ({}), which holds the copies to restore from. Nothing was changed; choose another folder for the export.",
        .target.display(),
        .backups.display()
    )]
    Backups { target: PathBuf, backups: PathBuf },
}

/// Refuses an export target that is the inventory at `db` (links resolved),
/// its `-wal`, `-shm`, `-journal` or `.lock` file, or anything in its
/// `backups/` folder. The window and the command line both ask this before
/// they export.
pub fn check_target(db: &Path, target: &Path) -> Result<(), TargetRefused> {
    use crate::store::{backup_dir, lock_path, real_path};
    if db.as_os_str().is_empty() {
        // An inventory kept in memory (tests) has no files to overwrite.
        return Ok(());
    }
    let real_target = real_path(target);
    // The inventory as given and as it really is: SQLite names its journal
    // files after the real file, the lock is named after it too.
    let mut dbs = vec![std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf())];
    let real_db = real_path(db);
    if !dbs.contains(&real_db) {
        dbs.push(real_db);
    }
    for db_form in &dbs {
        if real_target == real_path(db_form) || same_file(target, db_form) {
            return Err(TargetRefused::Inventory {
                target: target.to_path_buf(),
            });
        }
        let mut own = vec![lock_path(db_form)];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = db_form.file_name().unwrap_or_default().to_os_string();
            name.push(suffix);
            own.push(db_form.with_file_name(name));
        }
        if own
            .iter()
            .any(|f| real_path(f) == real_target || same_file(target, f))
        {
            return Err(TargetRefused::InventoryFile {
                target: target.to_path_buf(),
                db: db.to_path_buf(),
            });
        }
        let backups = real_path(&backup_dir(db_form));
        if real_target.starts_with(&backups) {
            return Err(TargetRefused::Backups {
                target: target.to_path_buf(),
                backups,
            });
        }
    }
    Ok(())
}

/// Whether two paths name the same existing file, a hard link included.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// A workbook or a CSV file, and how many datasets it holds.
    Datasets { path: PathBuf, count: usize },
    /// A catalog, with the datasets it held back.
    Catalog(crate::catalog::Written),
    /// The data dictionaries' files.
    TableSchemas(crate::profile::schema_files::SchemasWritten),
}

impl Exported {
    /// How many datasets the file holds.
    pub fn count(&self) -> usize {
        match self {
            Exported::Datasets { count, .. } => *count,
            Exported::Catalog(w) => w.listed,
            Exported::TableSchemas(w) => w.written.len(),
        }
    }

    /// Datasets left out of a catalog, to fix.
    pub fn held_back(&self) -> usize {
        match self {
            Exported::Datasets { .. } | Exported::TableSchemas(_) => 0,
            Exported::Catalog(w) => w.held.len(),
        }
    }

    /// What the window and the command line say.
    pub fn message(&self) -> String {
        match self {
            Exported::Datasets { path, count } => {
                format!("Exported {count} datasets to {}.", path.display())
            }
            Exported::Catalog(w) => w.message(),
            Exported::TableSchemas(w) => w.message(),
        }
    }
}

/// Writes the inventory (or one department's part) to `path`; the workbook
/// reports its sheets to `watch` and stops when asked. Says how many
/// datasets were written (and, for a catalog, which were held back).
pub fn export(
    store: &mut Store,
    path: &Path,
    format: Format,
    department: Option<&DepartmentCode>,
    catalog: crate::catalog::Options,
    watch: &dyn Watch,
) -> Result<Exported, WorkbookError> {
    // A department that is not there has nothing to export: no file is made
    // (or replaced by an empty one), whatever the format.
    if let Some(code) = department
        && store.department(code)?.is_none()
    {
        return Err(WorkbookError::Store(
            crate::store::Missing::DepartmentToExport(code.clone()).into(),
        ));
    }
    let count = match format {
        Format::Xlsx => {
            crate::workbook::export::export_xlsx_watched(store, path, department, watch)?.datasets
        }
        Format::Csv => crate::workbook::csv::export_csv(store, path, department)?,
        Format::DataJson => {
            return Ok(Exported::Catalog(crate::catalog::export_data_json_with(
                store, path, department, catalog,
            )?));
        }
        Format::TableSchema => {
            return Ok(Exported::TableSchemas(
                crate::profile::schema_files::export_table_schemas(store, path, department)?,
            ));
        }
        Format::DcatUs3 => {
            return Ok(Exported::Catalog(crate::catalog::export_catalog(
                store,
                path,
                department,
                catalog,
                crate::catalog::Version::V3,
            )?));
        }
    };
    Ok(Exported::Datasets {
        path: path.to_path_buf(),
        count,
    })
}

/// One department's workbook written by `export_each_department`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentExport {
    pub code: DepartmentCode,
    pub name: String,
    pub path: PathBuf,
    pub datasets: usize,
}

/// The CDO's office sends each department its own workbook back: one file per
/// department that has datasets, in `folder` (made if missing), named for the
/// department (`returned-PRK-parks-and-recreation-2026-12-01.xlsx`), which the
/// coordinator imports with the three-way merge. Each file is written whole or
/// not at all, as every export; a failure stops there and names the
/// department, and the files already written stay (they are whole).
pub fn export_each_department(
    store: &mut Store,
    folder: &Path,
    day: NaiveDate,
    watch: &dyn Watch,
) -> Result<Vec<DepartmentExport>, WorkbookError> {
    std::fs::create_dir_all(folder).map_err(|e| WorkbookError::write(folder, e))?;
    let counts = store.dataset_counts_by_department()?;
    let mut written = Vec::new();
    for d in store.departments()? {
        let Some(&n) = counts.get(&d.code).filter(|n| **n > 0) else {
            continue;
        };
        let path = folder.join(returned_name(&d.code, &d.name, day));
        if let Some(db) = store.path() {
            check_target(db, &path).map_err(|e| WorkbookError::write(&path, e))?;
        }
        crate::workbook::export::export_xlsx_watched(store, &path, Some(&d.code), watch)?;
        written.push(DepartmentExport {
            code: d.code,
            name: d.name,
            path,
            datasets: n,
        });
    }
    Ok(written)
}

/// "returned-PRK-parks-and-recreation-2026-12-01.xlsx": the code first, so
/// the files sort by department, and the name, so a person sees whose it is.
pub fn returned_name(code: &DepartmentCode, name: &str, day: NaiveDate) -> String {
    format!(
        "returned-{code}-{}-{}.xlsx",
        slug(name),
        day.format("%Y-%m-%d")
    )
}

/// A name made of lower-case letters, digits and dashes, for a file: "Street
/// Trees (2024)" → "street-trees-2024".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "untitled".into()
    } else {
        out.into()
    }
}

/// The name suggested for an export: `inventory-PRK-2026-12-01.xlsx` for one
/// department, `inventory-ALL-…` for a citywide inventory.
pub fn export_name(store: &Store, department: Option<&DepartmentCode>, day: NaiveDate) -> String {
    let several = store.departments().map(|d| d.len() > 1).unwrap_or(false);
    let code = match department {
        Some(code) => code.to_string(),
        None if several => "ALL".into(),
        None => store
            .home_department()
            .ok()
            .flatten()
            .map(|d| d.code.to_string())
            .unwrap_or_else(|| "ALL".into()),
    };
    format!("inventory-{code}-{}.xlsx", day.format("%Y-%m-%d"))
}

/// The name suggested for an engagement project's document.
pub fn project_name(focus_area: &str) -> String {
    format!("engagement-{}.md", slug(focus_area))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_keeps_letters_and_digits_and_joins_the_rest_with_dashes() {
        assert_eq!(slug("Street Trees (2024)"), "street-trees-2024");
        assert_eq!(slug("  Café — Permits  "), "café-permits");
        assert_eq!(slug("***"), "untitled");
        assert_eq!(project_name("Vacant lots"), "engagement-vacant-lots.md");
    }

    #[test]
    fn the_format_is_told_from_the_end_of_the_name() {
        assert_eq!(Format::from_name(Path::new("a/B.XLSX")), Some(Format::Xlsx));
        assert_eq!(
            Format::from_name(Path::new("data.json")),
            Some(Format::DataJson)
        );
        assert_eq!(Format::from_name(Path::new("list.csv")), Some(Format::Csv));
        assert_eq!(Format::from_name(Path::new("notes.txt")), None);
    }

    #[test]
    fn export_onto_the_inventory_its_own_files_or_its_backups_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("inventory.sqlite3");
        drop(Store::open(&db).unwrap());
        let refused = |target: &Path| check_target(&db, target).unwrap_err();
        assert!(matches!(refused(&db), TargetRefused::Inventory { .. }));
        // Through a folder written differently, and through links.
        let roundabout = dir.path().join("sub/../inventory.sqlite3");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(matches!(
            refused(&roundabout),
            TargetRefused::Inventory { .. }
        ));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            assert!(matches!(refused(&link), TargetRefused::Inventory { .. }));
            let hard = dir.path().join("hard.csv");
            std::fs::hard_link(&db, &hard).unwrap();
            assert!(matches!(refused(&hard), TargetRefused::Inventory { .. }));
            // The inventory opened through a link protects the real file too.
            let db_link = dir.path().join("db-link.sqlite3");
            std::os::unix::fs::symlink(&db, &db_link).unwrap();
            assert!(check_target(&db_link, &db).is_err());
        }
        for own in [
            "inventory.sqlite3-wal",
            "inventory.sqlite3-shm",
            "inventory.sqlite3.lock",
        ] {
            let e = refused(&dir.path().join(own));
            assert!(
                matches!(e, TargetRefused::InventoryFile { .. }),
                "{own}: {e:?}"
            );
        }
        let e = refused(&crate::store::backup_dir(&db).join("x.xlsx"));
        assert!(matches!(e, TargetRefused::Backups { .. }), "{e:?}");
        assert!(e.to_string().contains("choose another folder"), "{e}");
        let e = refused(&db);
        assert!(e.to_string().contains("inventory.sqlite3"), "{e}");
        // Anything else is fine.
        check_target(&db, &dir.path().join("inventory.xlsx")).unwrap();
        check_target(&db, &dir.path().join("inventory.sqlite3.csv")).unwrap();
        check_target(Path::new(""), &db).unwrap();
    }

    #[test]
    fn an_export_is_named_for_its_department_and_day() {
        let mut store = Store::open_in_memory().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            export_name(&store, None, day),
            "inventory-ALL-2026-12-01.xlsx"
        );
        let code: DepartmentCode = "PRK".parse().unwrap();
        store
            .save_department(&crate::model::Department::new(code.clone(), "Parks"))
            .unwrap();
        assert_eq!(
            export_name(&store, None, day),
            "inventory-PRK-2026-12-01.xlsx"
        );
        assert_eq!(
            export_name(&store, Some(&code), day),
            "inventory-PRK-2026-12-01.xlsx"
        );
    }
}
