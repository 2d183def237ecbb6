//! Reads any spreadsheet a coordinator may bring (xlsx, xls, ods, csv) into plain
//! sheets of cells, with each cell's real position kept for error messages.
//!
//! Why one file of this length: the limits every format is read within (cells,
//! rows, bytes, memory) are checked cell by cell in one reader, so no format
//! can skip one; the CSV text and the OLE check are modules of their own.

use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDateTime;

use super::content::Problem;
use super::limits::{self, HEADER_ROWS, Limits, Signature, ZipKind};
use super::{FileRefusal, WorkbookError, cell_ref};

mod csv_text;

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
            Cell::DateTime(t) if t.time() == chrono::NaiveTime::MIN => day_text(t.date()),
            Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Cell::Bool(true) => "Yes".into(),
            Cell::Bool(false) => "No".into(),
            Cell::Error(e) => e.clone(),
        };
        std::borrow::Cow::Owned(owned)
    }
}

/// A day as `2024-03-01`, as chrono's `%Y-%m-%d` writes it: written digit by
/// digit for the years of four digits (every date cell of a workbook).
fn day_text(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = day.year();
    if !(0..=9999).contains(&year) {
        return day.format("%Y-%m-%d").to_string();
    }
    let mut text = String::with_capacity(10);
    for (n, width) in [(year as u32, 4), (day.month(), 2), (day.day(), 2)] {
        if width == 2 {
            text.push('-');
        }
        for place in (0..width).rev() {
            text.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
        }
    }
    text
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
    /// What the reader had to guess, located (a CSV's encoding, a quote never
    /// closed): import shows them as warnings.
    pub warnings: Vec<Problem>,
}

impl Book {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// What a reader sends of one sheet while it reads it, so that its rows are
/// checked while the rest of the file is still being read (see
/// `read_book_streaming`).
#[derive(Debug)]
pub enum Piece {
    /// The sheet's name, sent first.
    Sheet(String),
    /// The next rows of the sheet, each whole: the reader is past them.
    Rows(Vec<Vec<Cell>>),
    /// A cell of a row sent already (a file whose cells are not in order of
    /// their rows): whoever checked that row must check it again.
    Late { row: usize, col: usize, cell: Cell },
    /// A whole sheet read ahead of the streamed one (see
    /// `read_book_streaming_ahead`), for the receiver to check while the
    /// streamed sheet is read. The book keeps its place, with no rows: the
    /// receiver gives it back.
    Whole(Sheet),
}

/// Where a reader sends the rows of the sheet it streams.
pub type Stream = std::sync::mpsc::SyncSender<Piece>;

/// The rows sent in one piece: small enough that checking starts at once,
/// big enough that sending costs nothing beside reading.
const ROWS_PER_PIECE: usize = 256;

/// Which of a file's sheets is streamed: the first named `name` (ignoring
/// case), or else the first sheet, as the import finds the Inventory sheet.
fn streamed_sheet(names: &[String], name: &str) -> usize {
    names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(name))
        .unwrap_or(0)
}

/// The order the sheets are read in: the file's, but for the sheets read ahead
/// (`is_ahead`), which come just before the sheet at `before`.
fn reading_order(
    names: &[String],
    before: Option<usize>,
    is_ahead: &dyn Fn(usize, &str) -> bool,
) -> Vec<usize> {
    let all = 0..names.len();
    let Some(before) = before else {
        return all.collect();
    };
    let ahead = |i: &usize| is_ahead(*i, &names[*i]);
    let mut order: Vec<usize> = (0..before).filter(|i| !ahead(i)).collect();
    order.extend(all.clone().filter(ahead));
    order.extend((before..names.len()).filter(|i| !ahead(i)));
    order
}

/// Whether a sheet is one of `wanted` (ignoring case), or a continuation of one
/// (`Checklist (2)`).
fn is_wanted(wanted: &[&str], name: &str) -> bool {
    wanted.iter().any(|w| super::is_continued_sheet(w, name))
}

/// Reads a file: `.csv` (or `.txt`) as CSV, anything else as a spreadsheet, told
/// apart by its first bytes rather than its name. Only the sheets named in `wanted`
/// (ignoring case, with their continuations) and the first sheet are read, so a big
/// workbook does not cost more than it must. A file past the `limits` is refused
/// before it is unpacked or while it is read, never after.
pub fn read_book(path: &Path, wanted: &[&str]) -> Result<Book, WorkbookError> {
    read_book_within(path, wanted, &Limits::DEFAULT)
}

/// `read_book` with other limits than the app's.
pub fn read_book_within(
    path: &Path,
    wanted: &[&str],
    limits: &Limits,
) -> Result<Book, WorkbookError> {
    read_book_streaming(path, wanted, limits, None)
}

/// `read_book_within`, sending the rows of one sheet (`stream`: its name, see
/// `streamed_sheet`) as they are read. That sheet's rows are then not in the
/// book: the receiver has them all. Only .xlsx and .xlsb files are read cell by
/// cell and streamed; any other file's sheets are all in the book, and nothing
/// is sent. The sender is dropped when the reading ends, however it ends.
pub fn read_book_streaming(
    path: &Path,
    wanted: &[&str],
    limits: &Limits,
    stream: Option<(&str, Stream)>,
) -> Result<Book, WorkbookError> {
    read_book_streaming_ahead(path, wanted, limits, stream, None)
}

/// Sheets read before another: `sheets` (with their continuations) just
/// before `before` (found as `streamed_sheet` finds the streamed one).
pub type ReadAhead<'a> = (&'a str, &'a [&'a str]);

/// `read_book_streaming`, reading the sheets `ahead` names before the one it
/// names, and, when a sheet is streamed, sending each of them whole
/// (`Piece::Whole`) as soon as it is read: their checking then overlaps the
/// reading of the streamed sheet instead of following the whole file. The
/// limits count the sheets in the order they are read.
pub fn read_book_streaming_ahead(
    path: &Path,
    wanted: &[&str],
    limits: &Limits,
    stream: Option<(&str, Stream)>,
    ahead: Option<ReadAhead<'_>>,
) -> Result<Book, WorkbookError> {
    if !path.exists() {
        return Err(WorkbookError::read(path, FileRefusal::NoSuchFile));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let signature = limits::signature(path).map_err(|e| WorkbookError::read(path, e))?;
    // A workbook saved with a .csv name is read as the workbook it is.
    let workbook = matches!(signature, Signature::Zip | Signature::Ole | Signature::Pdf);
    if (ext == "csv" || ext == "txt") && !workbook {
        return csv_text::read_csv(path, limits);
    }
    let refuse = |reason: FileRefusal| WorkbookError::read(path, reason);
    match signature {
        Signature::Zip => match limits::check_zip(path, limits).map_err(refuse)? {
            ZipKind::Xlsx => read_xlsx(path, wanted, limits, stream, ahead).map_err(refuse),
            ZipKind::Xlsb => {
                guarded(|| read_xlsb(path, wanted, limits, stream, ahead)).map_err(refuse)
            }
            ZipKind::Ods => read_with::<calamine::Ods<_>>(path, wanted, limits).map_err(refuse),
            ZipKind::Other => Err(refuse(FileRefusal::ZipNotWorkbook)),
        },
        Signature::Ole => {
            if limits::is_encrypted_package(path).map_err(|e| WorkbookError::read(path, e))? {
                return Err(refuse(FileRefusal::Password));
            }
            super::ole::check_ole(path, limits).map_err(refuse)?;
            read_with::<calamine::Xls<_>>(path, wanted, limits).map_err(refuse)
        }
        Signature::Empty => Err(refuse(FileRefusal::Empty)),
        Signature::Pdf => Err(refuse(FileRefusal::Pdf)),
        Signature::Text => Err(refuse(text_message(path, &ext))),
        Signature::Unknown => Err(refuse(FileRefusal::NotASpreadsheet)),
    }
}

/// What to say of a text file with a spreadsheet's name.
fn text_message(path: &Path, ext: &str) -> FileRefusal {
    let mut head = String::new();
    if let Ok(file) = std::fs::File::open(path) {
        use std::io::Read;
        let mut bytes = Vec::new();
        let _ = file.take(512).read_to_end(&mut bytes);
        head = String::from_utf8_lossy(&bytes)
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_lowercase();
    }
    let ext = ext.to_string();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<table")
    {
        FileRefusal::WebPage { ext }
    } else if head.starts_with("<?xml") || head.starts_with('<') {
        FileRefusal::Xml { ext }
    } else {
        FileRefusal::PlainText { ext }
    }
}

/// Which sheets a file may hold many rows in: a Checklist sheet has a row per
/// answer and may use every row a sheet has; the others hold datasets.
fn row_limit(name: &str, limits: &Limits) -> (usize, bool) {
    if super::is_continued_sheet(super::CHECKLIST, name) {
        (SHEET_ROWS, false)
    } else {
        ((limits.rows + HEADER_ROWS).min(SHEET_ROWS), true)
    }
}

/// The rows a spreadsheet sheet has (Excel's 1,048,576).
const SHEET_ROWS: usize = super::MAX_DATA_ROWS + 1;

/// What all the sheets of one file have used so far of the limits.
struct Budget<'a> {
    limits: &'a Limits,
    cells: usize,
    text: usize,
}

/// One sheet being built cell by cell, within the limits.
struct SheetBuilder<'a, 'b> {
    name: String,
    /// The rows from row `sent` on; those before it went to `stream`.
    rows: Vec<Vec<Cell>>,
    row_limit: usize,
    datasets: bool,
    budget: &'b mut Budget<'a>,
    stream: Option<Stream>,
    sent: usize,
    /// How wide each row sent was, for a late cell's share of the limits.
    sent_widths: Vec<usize>,
}

impl<'a, 'b> SheetBuilder<'a, 'b> {
    fn new(name: &str, budget: &'b mut Budget<'a>) -> Self {
        let (row_limit, datasets) = row_limit(name, budget.limits);
        SheetBuilder {
            name: name.to_string(),
            rows: Vec::new(),
            row_limit,
            datasets,
            budget,
            stream: None,
            sent: 0,
            sent_widths: Vec::new(),
        }
    }

    /// A sheet whose rows are sent to `stream` as soon as the reader is past
    /// them.
    fn streamed(name: &str, budget: &'b mut Budget<'a>, stream: Stream) -> Self {
        let _ = stream.send(Piece::Sheet(name.to_string()));
        SheetBuilder {
            stream: Some(stream),
            ..SheetBuilder::new(name, budget)
        }
    }

    /// Puts a non-empty cell at 0-based row `r`, column `c`.
    fn put(&mut self, r: usize, c: usize, value: Cell) -> Result<(), FileRefusal> {
        let limits = self.budget.limits;
        if r >= self.row_limit {
            return Err(if self.datasets {
                FileRefusal::TooManyRows {
                    sheet: self.name.clone(),
                    cell: cell_ref(r, c),
                    most: limits.rows,
                }
            } else {
                FileRefusal::PastLastRow {
                    sheet: self.name.clone(),
                    cell: cell_ref(r, c),
                }
            });
        }
        if c >= limits.columns {
            return Err(FileRefusal::PastLastColumn {
                sheet: self.name.clone(),
                cell: cell_ref(r, c),
                columns: limits.columns,
            });
        }
        if let Cell::Text(t) = &value {
            if t.len() > limits.cell_bytes {
                return Err(FileRefusal::CellTooLong {
                    sheet: self.name.clone(),
                    cell: cell_ref(r, c),
                    limit: limits.cell_bytes,
                });
            }
            self.budget.text += t.len();
            if self.budget.text > limits.text_bytes {
                return Err(FileRefusal::TooMuchText {
                    sheet: self.name.clone(),
                    cell: cell_ref(r, c),
                    limit: limits.text_bytes,
                });
            }
        }
        if r < self.sent {
            return self.put_late(r, c, value);
        }
        let at = r - self.sent;
        if self.rows.len() <= at {
            // A new row is likely as wide as the one before it: its cells
            // then go in without the row growing cell by cell. (Never wider
            // than a row already counted in the limits.)
            let before = match at.checked_sub(1) {
                Some(before) => self.rows.get(before).map(Vec::len),
                None => self.sent_widths.last().copied(),
            };
            let width = if at > self.rows.len() {
                0
            } else {
                before.unwrap_or(0)
            };
            self.rows.resize_with(at, Vec::new);
            self.rows.push(Vec::with_capacity(width));
        }
        let width = self.rows[at].len();
        if width <= c {
            self.grow(r, c, width)?;
            self.rows[at].resize(c + 1, Cell::Empty);
        }
        self.rows[at][c] = value;
        if at >= ROWS_PER_PIECE {
            self.send(at);
        }
        Ok(())
    }

    /// Counts the cells a row grows by, from `width` to column `c`.
    fn grow(&mut self, r: usize, c: usize, width: usize) -> Result<(), FileRefusal> {
        let limits = self.budget.limits;
        self.budget.cells += c + 1 - width;
        if self.budget.cells > limits.cells {
            return Err(FileRefusal::TooManyCells {
                sheet: self.name.clone(),
                cell: cell_ref(r, c),
                limit: limits.cells,
            });
        }
        Ok(())
    }

    /// A cell of a row already sent: counted as if the row were still here,
    /// and sent on its own.
    fn put_late(&mut self, r: usize, c: usize, value: Cell) -> Result<(), FileRefusal> {
        let width = self.sent_widths[r];
        if width <= c {
            self.grow(r, c, width)?;
            self.sent_widths[r] = c + 1;
        }
        if let Some(stream) = &self.stream {
            let _ = stream.send(Piece::Late {
                row: r,
                col: c,
                cell: value,
            });
        }
        Ok(())
    }

    /// Sends the first `count` rows held (the reader is past them).
    fn send(&mut self, count: usize) {
        let Some(stream) = &self.stream else { return };
        let rows: Vec<Vec<Cell>> = self.rows.drain(..count).collect();
        self.sent_widths.extend(rows.iter().map(Vec::len));
        self.sent += count;
        // A receiver gone has stopped checking: the reading goes on, and
        // whoever joins the two tells what happened.
        let _ = stream.send(Piece::Rows(rows));
    }

    fn finish(mut self) -> Sheet {
        if self.stream.is_some() {
            self.send(self.rows.len());
        }
        Sheet {
            name: self.name,
            rows: self.rows,
        }
    }
}

/// Reads the wanted sheets of an opened calamine workbook cell by cell as calamine
/// parses them, building our cells once rather than copying a whole calamine range:
/// the biggest part of an import, and memory that grows only with what the limits
/// allow. calamine's .xlsx and .xlsb readers have this same API but no trait in
/// common, hence a macro.
macro_rules! read_cell_by_cell {
    ($workbook:expr, $wanted:expr, $limits:expr, $stream:expr, $ahead:expr) => {{
        let workbook = &mut $workbook;
        let names = workbook.sheet_names().to_vec();
        let mut stream: Option<(usize, Stream)> =
            $stream.map(|(name, stream)| (streamed_sheet(&names, name), stream));
        // The sheet the sheets read ahead go before, and those sheets.
        let ahead: Option<(usize, &[&str])> = $ahead
            .filter(|(_, sheets): &ReadAhead<'_>| !sheets.is_empty())
            .map(|(before, sheets)| (streamed_sheet(&names, before), sheets));
        let is_ahead = |i: usize, name: &str| {
            ahead.is_some_and(|(before, sheets)| {
                i != before && sheets.iter().any(|a| super::is_continued_sheet(a, name))
            })
        };
        // Where they go when a sheet is streamed.
        let send_ahead: Option<Stream> = (stream.as_ref())
            .filter(|_| ahead.is_some())
            .map(|(_, to)| to.clone());
        let mut budget = Budget {
            limits: $limits,
            cells: 0,
            text: 0,
        };
        // The book keeps the file's order of sheets, whatever order they are read in.
        let mut sheets: Vec<(usize, Sheet)> = Vec::new();
        for i in reading_order(&names, ahead.map(|(before, _)| before), &is_ahead) {
            let name = &names[i];
            if i != 0 && !is_wanted($wanted, name) {
                continue;
            }
            let damaged = |_| sheet_damaged(name);
            let mut reader = workbook.worksheet_cells_reader(name).map_err(damaged)?;
            let mut sheet = match stream.take_if(|(at, _)| *at == i) {
                Some((_, stream)) => SheetBuilder::streamed(name, &mut budget, stream),
                None => SheetBuilder::new(name, &mut budget),
            };
            // Cells holding an error value calamine does not know (Excel 365's
            // #SPILL!, #CALC!…): their place among the sheet's cells, and the value.
            let mut unknown_errors: Vec<(usize, String)> = Vec::new();
            let mut index = 0usize;
            loop {
                let cell = match reader.next_cell() {
                    Ok(Some(cell)) => cell,
                    Ok(None) => break,
                    Err(e) => match unknown_error(&e) {
                        // calamine stops inside that cell's value; the next call
                        // reads on from the cell after it.
                        Some(value) if unknown_errors.len() < UNKNOWN_ERRORS_KEPT => {
                            unknown_errors.push((index, value));
                            index += 1;
                            continue;
                        }
                        _ => return Err(sheet_damaged(name)),
                    },
                };
                index += 1;
                let value = convert_ref(cell.get_value());
                if value == Cell::Empty {
                    continue;
                }
                let (r, c) = cell.get_position();
                sheet.put(r as usize, c as usize, value)?;
            }
            drop(reader);
            if !unknown_errors.is_empty() {
                // A second pass that reads only where each cell is (not its value)
                // finds the cells that calamine could not give.
                let mut reader = workbook.worksheet_cells_reader(name).map_err(damaged)?;
                let mut wanted = unknown_errors.into_iter().peekable();
                let mut index = 0usize;
                while let Some(cell) = reader.next_formula().map_err(damaged)? {
                    if let Some((_, value)) = wanted.next_if(|(i, _)| *i == index) {
                        let (r, c) = cell.get_position();
                        sheet.put(r as usize, c as usize, Cell::Error(value))?;
                    }
                    if wanted.peek().is_none() {
                        break;
                    }
                    index += 1;
                }
            }
            let sheet = sheet.finish();
            match &send_ahead {
                Some(to) if is_ahead(i, name) => {
                    let kept = Sheet {
                        name: sheet.name.clone(),
                        rows: Vec::new(),
                    };
                    // A receiver gone has stopped checking: as for the rows.
                    let _ = to.send(Piece::Whole(sheet));
                    sheets.push((i, kept));
                }
                _ => sheets.push((i, sheet)),
            }
        }
        sheets.sort_by_key(|(i, _)| *i);
        Ok(Book {
            sheets: sheets.into_iter().map(|(_, sheet)| sheet).collect(),
            is_csv: false,
            warnings: Vec::new(),
        })
    }};
}

/// The most cells with an unknown error value kept in one sheet: past them, the
/// sheet is told as damaged (each one is read a second time to be located).
const UNKNOWN_ERRORS_KEPT: usize = 100_000;

/// The error values of Excel 365 that calamine does not know, as the cell shows
/// them; `None` for any other failure.
fn unknown_error<E: std::any::Any>(e: &E) -> Option<String> {
    let e = (e as &dyn std::any::Any).downcast_ref::<calamine::XlsxError>()?;
    match e {
        calamine::XlsxError::CellError(value) => {
            let value = value.trim();
            let known = value.len() <= 20
                && value.starts_with('#')
                && value[1..]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || matches!(c, '_' | '/' | '!' | '?' | '0'));
            known.then(|| value.to_string())
        }
        _ => None,
    }
}

fn read_xlsx(
    path: &Path,
    wanted: &[&str],
    limits: &Limits,
    stream: Option<(&str, Stream)>,
    ahead: Option<ReadAhead<'_>>,
) -> Result<Book, FileRefusal> {
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|_: calamine::XlsxError| limits::damaged())?;
    read_cell_by_cell!(workbook, wanted, limits, stream, ahead)
}

/// An .xlsb is read cell by cell too: calamine's range of a binary sheet spans every
/// cell between the first and the last, however far apart.
fn read_xlsb(
    path: &Path,
    wanted: &[&str],
    limits: &Limits,
    stream: Option<(&str, Stream)>,
    ahead: Option<ReadAhead<'_>>,
) -> Result<Book, FileRefusal> {
    let mut workbook: calamine::Xlsb<_> =
        calamine::open_workbook(path).map_err(|_: calamine::XlsbError| limits::damaged())?;
    read_cell_by_cell!(workbook, wanted, limits, stream, ahead)
}

fn sheet_damaged(name: &str) -> FileRefusal {
    FileRefusal::SheetDamaged {
        sheet: name.to_string(),
    }
}

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside calamine's reader of old `.xls`, `.xlsb` or `.ods`
/// files, where a panic (a bug of that reader, on a damaged file) is caught and told
/// as a damaged file. The fuzz target's panic hook lets those through, and aborts on
/// any other.
pub fn inside_guarded_reader() -> bool {
    GUARDED.with(|g| g.get())
}

/// Runs `read` with a panic turned into the message for a damaged file. Only the
/// readers of the rarer formats are run so: the `.xlsx` and CSV readers are fuzzed
/// and must not panic at all.
fn guarded(read: impl FnOnce() -> Result<Book, FileRefusal>) -> Result<Book, FileRefusal> {
    let before = GUARDED.with(|g| g.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(before));
    outcome.unwrap_or_else(|_| Err(limits::damaged()))
}

/// Reads an old `.xls` or an `.ods` through calamine's ranges.
fn read_with<R>(path: &Path, wanted: &[&str], limits: &Limits) -> Result<Book, FileRefusal>
where
    R: Reader<std::io::BufReader<std::fs::File>>,
    R::Error: std::any::Any,
{
    guarded(|| read_with_unguarded::<R>(path, wanted, limits))
}

fn read_with_unguarded<R>(
    path: &Path,
    wanted: &[&str],
    limits: &Limits,
) -> Result<Book, FileRefusal>
where
    R: Reader<std::io::BufReader<std::fs::File>>,
    R::Error: std::any::Any,
{
    let mut workbook: R = calamine::open_workbook(path).map_err(|e: R::Error| {
        let password = (&e as &dyn std::any::Any)
            .downcast_ref::<calamine::XlsError>()
            .is_some_and(|e| matches!(e, calamine::XlsError::Password));
        if password {
            FileRefusal::Password
        } else {
            FileRefusal::CannotOpen
        }
    })?;
    let names = workbook.sheet_names().to_vec();
    let mut budget = Budget {
        limits,
        cells: 0,
        text: 0,
    };
    let mut sheets = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i != 0 && !is_wanted(wanted, name) {
            continue;
        }
        let range = workbook
            .worksheet_range(name)
            .map_err(|_| sheet_damaged(name))?;
        sheets.push(sheet_from_range(name, &range, &mut budget)?);
    }
    Ok(Book {
        sheets,
        is_csv: false,
        warnings: Vec::new(),
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
        DataRef::DateTime(d) => date_cell(d),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// A date-styled number as a date, or as the number when no day has that serial:
/// calamine's conversion panics on serials far out of range (−inf, −1e308), so
/// only serials between the years 1 and 9999 are given to it.
fn date_cell(d: &calamine::ExcelDateTime) -> Cell {
    // 9999-12-31 is serial 2,958,465; 0001-01-01 is −693,593.
    const SERIALS: std::ops::RangeInclusive<f64> = -693_600.0..=2_958_500.0;
    let serial = d.as_f64();
    if !serial.is_finite() || !SERIALS.contains(&serial) {
        return Cell::Number(serial);
    }
    match d.as_datetime() {
        Some(t) => Cell::DateTime(t),
        None => Cell::Number(serial),
    }
}

fn sheet_from_range(
    name: &str,
    range: &calamine::Range<Data>,
    budget: &mut Budget<'_>,
) -> Result<Sheet, FileRefusal> {
    let (top, left) = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    let mut sheet = SheetBuilder::new(name, budget);
    for (r, c, data) in range.used_cells() {
        let value = convert(data);
        if value != Cell::Empty {
            sheet.put(top + r, left + c, value)?;
        }
    }
    Ok(sheet.finish())
}

fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date_cell(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_cell_reads_as_chrono_writes_it() {
        let first = chrono::NaiveDate::from_ymd_opt(-5, 1, 1).unwrap();
        for days in (0..3_700_000u64).step_by(997) {
            let day = first + chrono::Days::new(days);
            assert_eq!(day_text(day), day.format("%Y-%m-%d").to_string());
        }
    }
}
