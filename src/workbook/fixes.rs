//! What the person typed in the preview, put into the file as it is read: a
//! fixed cell replaces the file's text before the row is read (so a fixed row
//! is checked like any other), and the department chosen for a file that
//! names none is given to each row without one.

use super::choices::ImportChoices;
use super::content::FileContent;
use super::read::{Book, Cell};

/// Writes each fix into its cell of the Inventory sheet. A fix for a field the
/// sheet has no column for is not taken: it would give that field to every row.
pub(super) fn apply_fixes(book: &mut Book, choices: &ImportChoices) {
    if choices.fixes.is_empty() {
        return;
    }
    let Some((sheet, header_row, fields)) = super::import::inventory_columns(book, choices) else {
        return;
    };
    for fix in &choices.fixes {
        let Some(col) = fields.iter().position(|f| *f == Some(fix.field)) else {
            continue;
        };
        if fix.row <= header_row || fix.row >= sheet.rows.len() {
            continue; // only the rows of datasets are fixed
        }
        let row = &mut sheet.rows[fix.row];
        if row.len() <= col {
            row.resize(col + 1, Cell::Empty);
        }
        row[col] = Cell::Text(fix.text.clone());
    }
}

/// Gives the chosen department to every row that names none.
pub(super) fn apply_department(content: &mut FileContent, department: Option<&str>) {
    let Some(department) = department.map(str::trim).filter(|d| !d.is_empty()) else {
        return;
    };
    for row in &mut content.rows {
        if row.dataset.department.trim().is_empty() {
            row.dataset_mut().department = department.to_string();
        }
    }
}
