//! Reading a written workbook back, cell by cell, with calamine.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;

/// The workbook's sheets, in order.
pub fn sheet_names(path: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names().to_vec()
}

/// Every row of a sheet, headers first.
pub fn sheet_rows(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

/// A cell as text: empty for an empty cell, the debug form of anything not text.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

/// The day a date cell holds; a cell that is not a real date fails the test.
pub fn date(cell: &Data) -> NaiveDate {
    match cell {
        Data::DateTime(d) => d.as_datetime().unwrap().date(),
        other => panic!("the cell should be a real date, found {other:?}"),
    }
}
