//! The files a person exports: the name the app suggests, the format told from
//! a file's name, and writing any of them. The window and the command line
//! share this, so both name and write files the same way.

use std::path::Path;

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

/// Writes the inventory (or one department's part) to `path`; the workbook
/// reports its sheets to `watch` and stops when asked. Returns how many
/// datasets were written.
pub fn export(
    store: &mut Store,
    path: &Path,
    format: Format,
    department: Option<&DepartmentCode>,
    catalog: crate::catalog::Options,
    watch: &dyn Watch,
) -> Result<usize, WorkbookError> {
    Ok(match format {
        Format::Xlsx => {
            crate::workbook::export::export_xlsx_watched(store, path, department, watch)?.datasets
        }
        Format::Csv => crate::workbook::csv::export_csv(store, path, department)?,
        Format::DataJson => {
            crate::catalog::export_data_json_with(store, path, department, catalog)?
        }
    })
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
        assert_eq!(Format::from_name(Path::new("data.json")), Some(Format::DataJson));
        assert_eq!(Format::from_name(Path::new("list.csv")), Some(Format::Csv));
        assert_eq!(Format::from_name(Path::new("notes.txt")), None);
    }

    #[test]
    fn an_export_is_named_for_its_department_and_day() {
        let mut store = Store::open_in_memory().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(export_name(&store, None, day), "inventory-ALL-2026-12-01.xlsx");
        let code: DepartmentCode = "PRK".parse().unwrap();
        store
            .save_department(&crate::model::Department::new(code.clone(), "Parks"))
            .unwrap();
        assert_eq!(export_name(&store, None, day), "inventory-PRK-2026-12-01.xlsx");
        assert_eq!(
            export_name(&store, Some(&code), day),
            "inventory-PRK-2026-12-01.xlsx"
        );
    }
}
