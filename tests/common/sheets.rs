//! What the tests of the workbook's side sheets (Checklist, Publication Plan)
//! share: reading an exported workbook, making one by hand, an export sent to
//! the CDO and returned, and finding a located problem.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use inventory_desk::model::{Dataset, InventoryId};
use inventory_desk::store::Store;
use inventory_desk::workbook::export::{ExportContent, export_xlsx, write_workbook};
use inventory_desk::workbook::import::{FileContent, Problem, read_file};
use inventory_desk::workbook::merge::{Decisions, Plan, apply, plan};
use rust_xlsxwriter::Workbook;

/// The sheets of an exported workbook, in order.
#[allow(dead_code)]
pub const SHEETS: [&str; 11] = [
    "Instructions",
    "CDO Review",
    "Inventory",
    "Data Sources",
    "Checklist",
    "Publication Plan",
    "Attributes",
    "Distributions",
    "Departments",
    "Lists",
    "About",
];

/// An in-memory inventory with Parks (PRK) and a dataset for each name, with
/// their IDs in the same order.
pub fn parks_with(names: &[&str]) -> (Store, Vec<InventoryId>) {
    let mut store = super::store_with_parks();
    let mut ids = Vec::new();
    for name in names {
        let d = store
            .create_dataset(&super::parks(), Dataset::named(name))
            .unwrap();
        ids.push(d.id.unwrap());
    }
    (store, ids)
}

/// The whole inventory exported to `out.xlsx` in a new folder, which goes
/// when the returned `TempDir` is dropped.
pub fn exported(store: &mut Store) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    export_xlsx(store, &path, None).unwrap();
    (dir, path)
}

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

/// The first row's words: a sheet's header.
pub fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(text).collect()
}

/// The words of every cell of the Instructions sheet.
pub fn instructions(path: &Path) -> Vec<String> {
    sheet_rows(path, "Instructions")
        .iter()
        .flatten()
        .map(text)
        .collect()
}

/// A cell that holds a real date, not a text; `what` names it if it does not.
pub fn date_of(cell: &Data, what: &str) -> NaiveDate {
    match cell {
        Data::DateTime(d) => d.as_datetime().unwrap().date(),
        other => panic!("{what} should be a real date, found {other:?}"),
    }
}

/// A side sheet of a workbook made by hand: its headers, then rows of text
/// from row 2 (an empty text leaves its cell empty).
pub struct Side<'a> {
    pub sheet: &'a str,
    pub headers: &'a [&'a str],
    pub rows: &'a [&'a [&'a str]],
}

/// A workbook made by hand: an Inventory sheet (name, ID), then `sides`.
pub fn hand_made(path: &Path, datasets: &[(&str, &str)], sides: &[Side]) {
    let mut book = Workbook::new();
    let inventory = book.add_worksheet().set_name("Inventory").unwrap();
    inventory.write_string(0, 0, "Dataset Name").unwrap();
    inventory.write_string(0, 1, "Inventory ID").unwrap();
    for (r, (name, id)) in datasets.iter().enumerate() {
        inventory.write_string(r as u32 + 1, 0, *name).unwrap();
        inventory.write_string(r as u32 + 1, 1, *id).unwrap();
    }
    for side in sides {
        let sheet = book.add_worksheet().set_name(side.sheet).unwrap();
        for (c, h) in side.headers.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, cells) in side.rows.iter().enumerate() {
            for (c, value) in cells.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32 + 1, c as u16, *value).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// A message a coordinator can read: a sentence, no code.
pub fn assert_plain(problem: &Problem) {
    let m = &problem.message;
    assert!(m.len() > 20 && m.len() < 600, "{m}");
    let first = m.chars().next().unwrap();
    assert!(first.is_uppercase() || first == '"', "{m}");
    for code in ["Err(", "Some(", "None", "::", "{", "}", "\\\""] {
        assert!(!m.contains(code), "{m}");
    }
}

/// The problem at `cell` of `sheet`, in plain words.
pub fn located<'a>(errors: &'a [Problem], sheet: &str, cell: &str) -> &'a Problem {
    let problem = errors
        .iter()
        .find(|e| e.cell == cell)
        .unwrap_or_else(|| panic!("no error at {cell}: {errors:#?}"));
    assert_eq!(problem.sheet, sheet);
    assert_plain(problem);
    problem
}

/// A file whose `sheet` has a row, at `cell`, for the dataset `id` that neither
/// the file's Inventory nor the inventory has: the plan holds that row and
/// says so there, and applying brings nothing of it in.
pub fn assert_unknown_dataset_refused(
    path: PathBuf,
    content: FileContent,
    (sheet, cell, id): (&str, &str, &str),
) {
    let mut store = super::store_with_parks();
    let plan = plan(&store, path, content).unwrap();
    assert!(!plan.has_errors(), "a row's problem: {:?}", plan.errors);
    let problems = plan.problems();
    let e = located(&problems, sheet, cell);
    assert_eq!(e.column, "Inventory ID");
    assert!(e.message.contains(id), "{}", e.message);
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let id: InventoryId = id.parse().unwrap();
    assert!(store.dataset(&id).unwrap().is_none(), "{id} is not made up");
}

/// An inventory sent to the CDO: the workbook written and the export recorded.
pub struct Sent {
    pub store: Store,
    pub ids: Vec<InventoryId>,
    pub dir: tempfile::TempDir,
    pub content: ExportContent,
}

impl Sent {
    /// An inventory of Parks holding `datasets`, each submitted for review,
    /// sent to the CDO.
    pub fn submitted(datasets: impl IntoIterator<Item = Dataset>) -> Sent {
        let mut store = super::store_with_parks();
        let ids = datasets
            .into_iter()
            .map(|mut d| {
                d.status = inventory_desk::model::Status::Submitted;
                let made = store.create_dataset(&super::parks(), d).unwrap();
                made.id.unwrap()
            })
            .collect();
        Sent::new(store, ids)
    }

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

    /// The CDO changes the workbook and sends it back: what importing it plans.
    pub fn returned(&self, edit: impl FnOnce(&mut ExportContent)) -> Plan {
        let mut back = self.content.clone();
        edit(&mut back);
        let path = self.dir.path().join("returned.xlsx");
        write_workbook(&back, &path).unwrap();
        let content = read_file(&path).unwrap();
        assert!(content.problems().is_empty(), "{:?}", content.problems());
        plan(&self.store, path, content).unwrap()
    }
}

/// The workbook at `from` as another spreadsheet program saves it again after
/// a person typed into it: every sheet and cell copied to `to` (dates as
/// `yyyy-mm-dd` text), with `edit(sheet, cell, text)` giving the cells typed
/// over, by sheet name and reference (`("CDO Review", "G2")`).
#[allow(dead_code)]
pub fn resaved(from: &Path, to: &Path, edits: &[(&str, &str, &str)]) {
    let mut source: Xlsx<_> = open_workbook(from).unwrap();
    let mut book = Workbook::new();
    for name in source.sheet_names().to_vec() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = book.add_worksheet().set_name(&name).unwrap();
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (top + r as u32, (left + c as u32) as u16);
                match cell {
                    Data::Empty | Data::Error(_) => {}
                    Data::Float(n) => drop(sheet.write_number(r, c, *n).unwrap()),
                    Data::Int(n) => drop(sheet.write_number(r, c, *n as f64).unwrap()),
                    Data::Bool(b) => drop(sheet.write_boolean(r, c, *b).unwrap()),
                    Data::DateTime(d) => {
                        let t = d.as_datetime().unwrap();
                        let text = if t.time() == chrono::NaiveTime::MIN {
                            t.format("%Y-%m-%d").to_string()
                        } else {
                            t.format("%Y-%m-%d %H:%M:%S").to_string()
                        };
                        sheet.write_string(r, c, text).unwrap();
                    }
                    other => drop(sheet.write_string(r, c, other.to_string()).unwrap()),
                }
            }
        }
        for (_, cell, text) in edits.iter().filter(|(s, _, _)| *s == name) {
            let (r, c) = cell_position(cell);
            sheet.write_string(r, c, *text).unwrap();
        }
    }
    book.save(to).unwrap();
}

/// `G2` → (1, 6): a cell reference as 0-based row and column.
fn cell_position(cell: &str) -> (u32, u16) {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1)
        - 1;
    let row: u32 = cell[letters.len()..].parse().unwrap();
    (row - 1, col as u16)
}
