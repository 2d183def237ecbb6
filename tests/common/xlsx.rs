//! Reading a written workbook back, cell by cell, with calamine; writing one by
//! hand, as another program would; and an inventory sent to the CDO as a workbook.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use inventory_desk::model::InventoryId;
use inventory_desk::store::Store;
use inventory_desk::workbook::export::{ExportContent, write_workbook};
use rust_xlsxwriter::Workbook;

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

/// A workbook made by hand: an Inventory sheet (name, ID) and a sheet called
/// `sheet` of `headers` and `rows` (text, from row 2; an empty text leaves its cell empty).
pub fn hand_made(
    path: &Path,
    datasets: &[(&str, &str)],
    sheet: &str,
    headers: &[&str],
    rows: &[&[&str]],
) {
    let mut book = Workbook::new();
    let inventory = book.add_worksheet().set_name("Inventory").unwrap();
    inventory.write_string(0, 0, "Dataset Name").unwrap();
    inventory.write_string(0, 1, "Inventory ID").unwrap();
    for (r, (name, id)) in datasets.iter().enumerate() {
        inventory.write_string(r as u32 + 1, 0, *name).unwrap();
        inventory.write_string(r as u32 + 1, 1, *id).unwrap();
    }
    let side = book.add_worksheet().set_name(sheet).unwrap();
    for (c, h) in headers.iter().enumerate() {
        side.write_string(0, c as u16, *h).unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, value) in cells.iter().enumerate() {
            if !value.is_empty() {
                side.write_string(r as u32 + 1, c as u16, *value).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// An inventory sent to the CDO: the workbook written and the export recorded.
pub struct Sent {
    pub store: Store,
    pub ids: Vec<InventoryId>,
    /// The folder of `sent.xlsx`.
    pub dir: tempfile::TempDir,
    pub content: ExportContent,
}

impl Sent {
    /// Writes the inventory to `sent.xlsx` in a new folder and records the export,
    /// as an export to the CDO does. `ids` are the datasets a test works with.
    pub fn new(mut store: Store, ids: Vec<InventoryId>) -> Sent {
        let dir = tempfile::tempdir().unwrap();
        let content = ExportContent::load(&store, None).unwrap();
        write_workbook(&content, &dir.path().join("sent.xlsx")).unwrap();
        store
            .record_export(&content.export_id, None, &content.datasets, &content.checks)
            .unwrap();
        Sent {
            store,
            ids,
            dir,
            content,
        }
    }
}
