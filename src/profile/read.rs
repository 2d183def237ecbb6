//! Reads a sample file through the import's reader (its limits, CSV in any
//! encoding) and profiles its first sheet row by row. An .xlsx is streamed:
//! its rows are profiled while the rest is read, and each piece is let go
//! once counted; the other formats come whole from the reader, within its
//! limits. The first row with a value is the header row.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

use super::Profile;
use super::column::Tally;
use crate::progress::{Cancelled, Watch};
use crate::workbook::limits::Limits;
use crate::workbook::read::{Book, Cell, Piece, read_book_streaming};
use crate::workbook::{FileRefusal, WorkbookError, column_letters};

/// How often the rows are checked for a request to stop, and progress told.
const ROWS_PER_CHECK: u64 = 4_096;

/// Profiles the first sheet of a sample file within the import's limits.
pub fn profile_file(path: &Path, watch: &dyn Watch) -> Result<Profile, WorkbookError> {
    profile_file_within(path, Limits::DEFAULT, watch)
}

/// `profile_file` with other limits than the app's (tests).
pub fn profile_file_within(
    path: &Path,
    limits: Limits,
    watch: &dyn Watch,
) -> Result<Profile, WorkbookError> {
    watch.checkpoint()?;
    let file_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let (pieces, book) = start_reading(path.to_path_buf(), limits);
    let mut profiler = Profiler::default();
    // The streamed sheet's rows, as the reader sends them.
    loop {
        match pieces.recv_timeout(Duration::from_millis(100)) {
            Ok(Piece::Sheet(name)) => profiler.sheet = name,
            Ok(Piece::Rows(rows)) => {
                for row in &rows {
                    profiler.row(row, watch, 0)?;
                }
            }
            Ok(Piece::Late { row, col, cell }) => profiler.late(row, col, &cell),
            // Asked for none: only the first sheet is profiled.
            Ok(Piece::Whole(_)) => {}
            Err(RecvTimeoutError::Timeout) => watch.checkpoint()?,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    let book = wait_for(&book, path, watch)?.map_err(|e| *e)?;
    // A file that was not streamed: its first sheet is in the book.
    if let Some(sheet) = book.sheets.into_iter().next()
        && !sheet.rows.is_empty()
    {
        profiler.sheet = sheet.name;
        let total = sheet.rows.len() as u64;
        for row in &sheet.rows {
            profiler.row(row, watch, total)?;
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(profiler.finish(name, file_bytes))
}

type BookResult = Result<Book, Box<WorkbookError>>;

/// Reads the file on a thread of its own, which sends the rows it streams and
/// then the book. Asked to stop, the profile returns at once; the reader then
/// ends within the import's limits and lets its rows go.
fn start_reading(path: PathBuf, limits: Limits) -> (Receiver<Piece>, Receiver<BookResult>) {
    const PIECES_AHEAD: usize = 8;
    let (sender, pieces) = sync_channel(PIECES_AHEAD);
    let (done, book) = sync_channel(1);
    std::thread::spawn(move || {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_book_streaming(&path, &[], &limits, Some(("", sender)))
        }))
        .unwrap_or_else(|_| Err(WorkbookError::read(&path, FileRefusal::ReaderStopped)));
        let _ = done.send(read.map_err(Box::new));
    });
    (pieces, book)
}

fn wait_for(
    book: &Receiver<BookResult>,
    path: &Path,
    watch: &dyn Watch,
) -> Result<BookResult, Cancelled> {
    loop {
        match book.recv_timeout(Duration::from_millis(100)) {
            Ok(result) => return Ok(result),
            Err(RecvTimeoutError::Timeout) => watch.checkpoint()?,
            Err(RecvTimeoutError::Disconnected) => {
                return Ok(Err(Box::new(WorkbookError::read(
                    path,
                    FileRefusal::ReaderStopped,
                ))));
            }
        }
    }
}

/// The columns' tallies as the rows go by.
#[derive(Default)]
struct Profiler {
    sheet: String,
    /// The sheet's rows seen so far, blank ones too: where a late cell is.
    seen: usize,
    /// The header row's place, once found.
    header_row: Option<usize>,
    columns: Vec<Tally>,
    rows: u64,
}

impl Profiler {
    fn row(&mut self, cells: &[Cell], watch: &dyn Watch, total: u64) -> Result<(), Cancelled> {
        let at = self.seen;
        self.seen += 1;
        if cells.iter().all(Cell::is_empty) {
            return Ok(());
        }
        if self.header_row.is_none() {
            self.header_row = Some(at);
            for (i, c) in cells.iter().enumerate() {
                let name = self.unique(header_name(c, i), i);
                self.columns.push(Tally::named(name));
            }
            return Ok(());
        }
        self.widen(cells.len());
        for (i, column) in self.columns.iter_mut().enumerate() {
            column.add(cells.get(i).unwrap_or(&Cell::Empty));
        }
        self.rows += 1;
        if self.rows.is_multiple_of(ROWS_PER_CHECK) {
            watch.progress(self.seen as u64, total);
            watch.checkpoint()?;
        }
        Ok(())
    }

    /// A column's name, or, when an earlier column has it already (a sample
    /// with "Notes" twice), the name with its column's letter: the data
    /// dictionary and each column's access are kept by name, and two columns
    /// of one name would share one description.
    fn unique(&self, name: String, index: usize) -> String {
        let taken = |n: &str| {
            self.columns
                .iter()
                .any(|c| c.name().trim().eq_ignore_ascii_case(n.trim()))
        };
        if !taken(&name) {
            return name;
        }
        format!("{name} (column {})", column_letters(index))
    }

    /// A row wider than the header: its extra columns are named by letter,
    /// and were empty in the rows before.
    fn widen(&mut self, width: usize) {
        while self.columns.len() < width {
            let at = self.columns.len();
            let mut tally = Tally::named(self.unique(header_name(&Cell::Empty, at), at));
            for _ in 0..self.rows {
                tally.add_empty();
            }
            self.columns.push(tally);
        }
    }

    fn late(&mut self, row: usize, col: usize, cell: &Cell) {
        match self.header_row {
            Some(header) if row > header => {
                self.widen(col + 1);
                self.columns[col].add_late(cell);
            }
            // A header cell out of order: the header is read as it came.
            _ => {}
        }
    }

    fn finish(self, file_name: String, file_bytes: u64) -> Profile {
        Profile {
            file_name,
            sheet: self.sheet,
            file_bytes,
            rows: self.rows,
            read_on: chrono::Local::now().date_naive(),
            columns: self.columns.into_iter().map(Tally::finish).collect(),
        }
    }
}

/// A header as written, or "Column C" for a column without one.
fn header_name(cell: &Cell, index: usize) -> String {
    let text = cell.as_text();
    let text = text.trim();
    if text.is_empty() {
        format!("Column {}", column_letters(index))
    } else {
        text.to_string()
    }
}
