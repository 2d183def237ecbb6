//! What the person decided about a file that is not our own workbook, before it
//! is read into datasets: which field each column goes to, what each unknown value
//! means, which department the rows belong to, and the cells they fixed in the
//! preview. The import reads a file *with* these choices; the preview changes them
//! and reads again; the inventory remembers them for the next file with the same
//! headers; `--map FILE` gives them on the command line.
//!
//! Nothing here decides anything: `mapping` guesses the columns, `values` reads the
//! cells, and both take what is here over their guesses.

use std::collections::BTreeMap;

use crate::model::Field;

/// Where one column of a file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnChoice {
    /// Into this field.
    Field(Field),
    /// Kept as written in the dataset's Other Details (`Column: value`).
    OtherDetails,
    /// Not imported at all: the person chose to leave this column behind.
    Skip,
}

/// What one value of a choice field means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueChoice {
    /// One of the field's choices, by its label.
    Label(String),
    /// Not read into the field: kept as written in Other Details.
    KeepAsWritten,
}

/// A cell the person corrected in the preview: the 0-based row of the sheet, the
/// field, and the text to read instead of the file's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellFix {
    pub row: usize,
    pub field: Field,
    pub text: String,
}

/// Every choice made about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportChoices {
    /// By the column's header as the file writes it (trimmed).
    pub columns: BTreeMap<String, ColumnChoice>,
    /// By field, then by the value as the file writes it (trimmed).
    pub values: BTreeMap<Field, BTreeMap<String, ValueChoice>>,
    /// The department of rows that name none, when the file names none.
    pub department: Option<String>,
    /// Corrections typed in the preview; never remembered for another file.
    pub fixes: Vec<CellFix>,
}

impl ImportChoices {
    /// Whether nothing was chosen: the file is read on guesses alone.
    pub fn is_empty(&self) -> bool {
        self == &ImportChoices::default()
    }

    /// The choice for a column's header, if the person made one.
    pub fn column(&self, header: &str) -> Option<&ColumnChoice> {
        self.columns.get(header.trim())
    }

    /// The choice for a value of a field, if the person made one.
    pub fn value(&self, field: Field, value: &str) -> Option<&ValueChoice> {
        self.values.get(&field)?.get(value.trim())
    }

    /// The fix typed for a cell, if any.
    pub fn fix(&self, row: usize, field: Field) -> Option<&str> {
        self.fixes
            .iter()
            .rev()
            .find(|f| f.row == row && f.field == field)
            .map(|f| f.text.as_str())
    }
}
