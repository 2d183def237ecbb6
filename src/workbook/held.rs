//! Rows held back: a row of the file with a problem is not imported until the
//! problem is fixed, and every other row is. A problem about one row never
//! refuses the whole file (three typos in the CDO's workbook must not block
//! seven good decisions); only a problem about the whole file does (`errors`).
//!
//! A held row keeps where it is, the dataset's name (or, on a side sheet, the
//! Inventory ID), its problems, and its values as the file writes them, so the
//! preview can show it and the person can type a fix.

use super::content::Problem;
use super::read::{Cell, Sheet};
use crate::model::{Dataset, Field, InventoryId};

/// One row of the file held back because of its problems.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HeldRow {
    pub sheet: String,
    /// The row's 0-based index in the sheet (written 1-based, as Excel shows it).
    #[serde(serialize_with = "one_based")]
    pub row: usize,
    /// The dataset's name as the file writes it; empty when the row has none.
    pub name: String,
    /// The dataset's Inventory ID, when the row gives one that reads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<InventoryId>,
    /// Never empty: a row is held for its problems.
    pub problems: Vec<RowProblem>,
    /// The row's cells as written, under their column's header.
    pub values: Vec<(String, String)>,
}

/// A problem in one cell of a held row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowProblem {
    /// A cell reference such as `C7`, on the held row.
    pub cell: String,
    /// The column's header.
    pub column: String,
    /// The field the cell is read into, when a fix can be typed for it in the
    /// preview (Inventory sheet cells).
    #[serde(skip)]
    pub field: Option<Field>,
    pub message: String,
}

fn one_based<S: serde::Serializer>(row: &usize, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(*row as u64 + 1)
}

impl HeldRow {
    /// Row `r` of a sheet whose headers are on `header_row`, with its values
    /// and no problem yet.
    pub(super) fn at(sheet: &Sheet, header_row: usize, r: usize) -> Self {
        let headers = sheet.rows.get(header_row).map(Vec::as_slice).unwrap_or(&[]);
        let values = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .map(|(c, h)| (h.text().trim().to_string(), sheet.cell(r, c).text()))
            .collect();
        HeldRow {
            sheet: sheet.name.clone(),
            row: r,
            name: String::new(),
            id: None,
            problems: Vec::new(),
            values,
        }
    }

    /// A row already read into a dataset (held for what the inventory says of
    /// it), its values those of the fields the file has.
    pub(super) fn of_dataset(sheet: &str, row: usize, dataset: &Dataset, fields: &[Field]) -> Self {
        let values = fields
            .iter()
            .map(|f| {
                (
                    super::columns::column(*f).header.to_string(),
                    dataset.get(*f),
                )
            })
            .collect();
        HeldRow {
            sheet: sheet.to_string(),
            row,
            name: dataset.name.clone(),
            id: dataset.id.clone(),
            problems: Vec::new(),
            values,
        }
    }

    /// The row with the name and ID its cells give (`cell` reads a header's text).
    pub(super) fn named(mut self, name: &str, id: Option<InventoryId>) -> Self {
        self.name = name.trim().to_string();
        self.id = id;
        self
    }

    /// Adds a problem found in one of the row's cells.
    pub(super) fn add(&mut self, problem: Problem, field: Option<Field>) {
        self.problems.push(RowProblem {
            cell: problem.cell,
            column: problem.column,
            field,
            message: problem.message,
        });
    }

    /// A problem in a cell of this row (`cell` such as `C7`).
    pub(super) fn add_at_cell(
        &mut self,
        cell: String,
        column: &str,
        field: Option<Field>,
        message: String,
    ) {
        self.problems.push(RowProblem {
            cell,
            column: column.to_string(),
            field,
            message,
        });
    }

    /// The row's problems, each located by sheet and cell.
    pub fn located(&self) -> impl Iterator<Item = Problem> + '_ {
        self.problems.iter().map(|p| Problem {
            sheet: self.sheet.clone(),
            cell: p.cell.clone(),
            column: p.column.clone(),
            message: p.message.clone(),
        })
    }

    /// The value of the row under a header, as written.
    pub fn value(&self, header: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(header))
            .map(|(_, v)| v.as_str())
    }

    /// How the row is named in a list: its dataset's name, or its row.
    pub fn title(&self) -> String {
        let what = match (&self.id, self.name.is_empty()) {
            (_, false) => format!("\"{}\"", crate::model::dataset::shorten(&self.name)),
            (Some(id), true) => id.to_string(),
            (None, true) => "A row with no dataset name".to_string(),
        };
        format!("{what} ({} row {})", self.sheet, self.row + 1)
    }
}

/// The 0-based column of a cell reference (`C7` → 2).
pub(super) fn column_of(cell: &str) -> Option<usize> {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    if letters.is_empty() {
        return None;
    }
    let mut n = 0usize;
    for c in letters.bytes() {
        n = n.checked_mul(26)?.checked_add((c - b'A') as usize + 1)?;
    }
    Some(n - 1)
}

/// Holds row `r` of an Inventory sheet for `problems` (all in that row),
/// each with the field of its column when the person can type a fix.
pub(super) fn hold_inventory_row(
    sheet: &Sheet,
    header_row: usize,
    r: usize,
    fields: &[Option<Field>],
    problems: Vec<Problem>,
) -> HeldRow {
    let cell_of = |field: Field| {
        fields
            .iter()
            .position(|f| *f == Some(field))
            .map(|c| sheet.cell(r, c))
    };
    let text = |cell: Option<&Cell>| cell.map(Cell::text).unwrap_or_default();
    let name = text(cell_of(Field::Name));
    let id = text(cell_of(Field::InventoryId)).trim().parse().ok();
    let mut held = HeldRow::at(sheet, header_row, r).named(&name, id);
    for problem in problems {
        let field = column_of(&problem.cell)
            .and_then(|c| fields.get(c).copied().flatten())
            .filter(|f| !f.is_read_only() || *f == Field::InventoryId);
        held.add(problem, field);
    }
    held
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_reference_gives_its_column() {
        assert_eq!(column_of("A7"), Some(0));
        assert_eq!(column_of("C12"), Some(2));
        assert_eq!(column_of("AB3"), Some(27));
        assert_eq!(column_of(""), None);
        assert_eq!(column_of(&super::super::cell_ref(3, 701)), Some(701));
    }
}
