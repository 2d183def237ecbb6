//! The inventory as CSV: the same columns as the workbook, RFC 4180, UTF-8 with
//! a byte-order mark so Excel shows accents right, and cells that a spreadsheet
//! would run as a formula guarded with a leading apostrophe.

use std::io::Write;
use std::path::Path;

use super::WorkbookError;
use super::columns::COLUMNS;
use crate::model::{Dataset, DepartmentCode};
use crate::store::Store;

/// Characters that make Excel or LibreOffice treat a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Guards a value so a spreadsheet shows it as text instead of running it. A value
/// that already starts with apostrophes before such a character gets one more, so
/// `unguard` gives back exactly what was written.
pub fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Undoes `guard` when a CSV comes back.
pub fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// Writes datasets as CSV to any writer.
pub fn write_csv<W: Write>(out: W, datasets: &[Dataset]) -> Result<(), String> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())
        .map_err(|e| e.to_string())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(COLUMNS.iter().map(|c| c.header))
        .map_err(|e| e.to_string())?;
    for d in datasets {
        let record: Vec<String> = COLUMNS
            .iter()
            .map(|c| guard(&d.get(c.field)).into_owned())
            .collect();
        writer.write_record(&record).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())
}

/// Exports the inventory (or one department) as CSV to `path`.
pub fn export_csv(
    store: &Store,
    path: &Path,
    department: Option<&DepartmentCode>,
) -> Result<usize, WorkbookError> {
    let datasets = store.datasets_in(department)?;
    super::write_atomically(path, |temp| {
        let file = std::fs::File::create(temp).map_err(|e| e.to_string())?;
        write_csv(std::io::BufWriter::new(file), &datasets)
    })?;
    Ok(datasets.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_unguarded() {
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard("-5 days"), "'-5 days");
        assert_eq!(guard("Trees"), "Trees");
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'quoted'"), "'quoted'");
        for tricky in ["'-x", "''=y", "'", "'hello", "-"] {
            assert_eq!(unguard(&guard(tricky)), tricky);
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_the_48_headers() {
        let mut out = Vec::new();
        let mut d = Dataset::named("=cmd|' /C calc'!A0");
        d.contents = "line one\nline \"two\", three".into();
        write_csv(&mut out, &[d]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("\u{feff}Dataset Name,Contact Email Address,"));
        assert!(text.contains("\r\n'=cmd|' /C calc'!A0,"), "{text}");
        assert!(text.contains("\"line one\nline \"\"two\"\", three\""));
    }
}
