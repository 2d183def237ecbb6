//! Reads any spreadsheet a coordinator may bring (xlsx, xls, ods, csv) into plain
//! sheets of cells, with each cell's real position kept for error messages.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDateTime;

use super::WorkbookError;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    DateTime(NaiveDateTime),
    Bool(bool),
    /// A spreadsheet error such as `#REF!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text for a field; dates keep only the day unless they have a time.
    pub fn text(&self) -> String {
        self.as_text().into_owned()
    }

    /// `text` without copying text cells: import reads millions of them.
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        let owned = match self {
            Cell::Text(t) => return std::borrow::Cow::Borrowed(t),
            Cell::Empty => String::new(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(t) if t.time() == chrono::NaiveTime::MIN => {
                t.format("%Y-%m-%d").to_string()
            }
            Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Cell::Bool(true) => "Yes".into(),
            Cell::Bool(false) => "No".into(),
            Cell::Error(e) => e.clone(),
        };
        std::borrow::Cow::Owned(owned)
    }
}

/// One sheet; `rows[r][c]` is the cell at row `r`, column `c` counted from A1.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// The sheets of a file that import looks at.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
    /// A CSV file: one sheet, named after the file.
    pub is_csv: bool,
}

impl Book {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// Whether a sheet is one of `wanted` (ignoring case), or a continuation of one
/// (`Checklist (2)`).
fn is_wanted(wanted: &[&str], name: &str) -> bool {
    wanted.iter().any(|w| super::is_continued_sheet(w, name))
}

/// Reads a file by its extension: `.csv` (or `.txt`) as CSV, anything else as a
/// spreadsheet. Only the sheets named in `wanted` (ignoring case, with their
/// continuations) and the first sheet are read, so a big workbook does not cost
/// more than it must.
pub fn read_book(path: &Path, wanted: &[&str]) -> Result<Book, WorkbookError> {
    if !path.exists() {
        return Err(WorkbookError::read(
            path,
            "there is no such file. Check the name and the folder",
        ));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if ext == "csv" || ext == "txt" {
        return read_csv(path);
    }
    if ext == "xlsx" || ext == "xlsm" {
        // Not a workbook inside (an .xls renamed, say)? The general reader below says so.
        if let Ok(book) = read_xlsx(path, wanted) {
            return Ok(book);
        }
    }
    let mut workbook = open_workbook_auto(path).map_err(|e| {
        WorkbookError::read(path, format!("it is not a spreadsheet this app can open ({e}). Save it as .xlsx or .csv and try again"))
    })?;
    let names = workbook.sheet_names().to_vec();
    let mut sheets = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i != 0 && !is_wanted(wanted, name) {
            continue;
        }
        let range = workbook.worksheet_range(name).map_err(|e| {
            WorkbookError::read(
                path,
                format!("the sheet \"{name}\" could not be read ({e})"),
            )
        })?;
        sheets.push(sheet_from_range(name, &range));
    }
    Ok(Book {
        sheets,
        is_csv: false,
    })
}

/// Reads an .xlsx cell by cell as calamine parses it, building our cells once
/// rather than copying a whole calamine range: the biggest part of an import.
fn read_xlsx(path: &Path, wanted: &[&str]) -> Result<Book, String> {
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| e.to_string())?;
    let names = workbook.sheet_names().to_vec();
    let mut sheets = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i != 0 && !is_wanted(wanted, name) {
            continue;
        }
        let mut reader = workbook
            .worksheet_cells_reader(name)
            .map_err(|e| e.to_string())?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let value = convert_ref(cell.get_value());
            if value == Cell::Empty {
                continue;
            }
            let (r, c) = cell.get_position();
            let (r, c) = (r as usize, c as usize);
            if rows.len() <= r {
                rows.resize_with(r + 1, Vec::new);
            }
            let row = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = value;
        }
        sheets.push(Sheet {
            name: name.to_string(),
            rows,
        });
    }
    Ok(Book {
        sheets,
        is_csv: false,
    })
}

fn convert_ref(data: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(t) => Cell::DateTime(t),
            None => Cell::Number(d.as_f64()),
        },
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn sheet_from_range(name: &str, range: &calamine::Range<Data>) -> Sheet {
    let (top, left) = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left];
        cells.extend(row.iter().map(convert));
        rows.push(cells);
    }
    Sheet {
        name: name.to_string(),
        rows,
    }
}

fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) => Cell::DateTime(t),
            None => Cell::Number(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn read_csv(path: &Path) -> Result<Book, WorkbookError> {
    let bytes = std::fs::read(path).map_err(|e| WorkbookError::read(path, e))?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        // Excel on Windows often saves CSV as Windows-1252; keep what can be kept.
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The reader skips empty lines, but a spreadsheet shows each as an empty row:
    // they are kept, so that cell references match what the person sees. A row's
    // index is the line breaks before it, less those inside quoted cells.
    let bytes = text.as_bytes();
    let (mut scanned, mut breaks_before, mut breaks_in_cells) = (0usize, 0usize, 0usize);
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            WorkbookError::read(path, format!("line {} is not valid CSV ({e})", i + 1))
        })?;
        if let Some(position) = record.position() {
            let mut start = (position.byte() as usize).clamp(scanned, bytes.len());
            while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                start += 1;
            }
            breaks_before += bytes[scanned..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            scanned = start;
            while rows.len() < breaks_before.saturating_sub(breaks_in_cells) {
                rows.push(Vec::new());
            }
        }
        breaks_in_cells += record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
        rows.push(
            record
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(super::csv::unguard(v).to_string())
                    }
                })
                .collect(),
        );
    }
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("CSV")
        .to_string();
    Ok(Book {
        sheets: vec![Sheet { name, rows }],
        is_csv: true,
    })
}
