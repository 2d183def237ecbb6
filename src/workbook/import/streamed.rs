//! Checks the Inventory sheet of our own workbook row by row while the file is
//! still being read: the reader sends each row as soon as it is past it (see
//! `read::Piece`), and what is found is exactly what checking the whole sheet
//! afterwards finds (`read_inventory`), in the same order.
//!
//! Only a sheet whose header row (in its first ten rows) names the inventory's
//! own columns, each once, is checked early, and only when no cell was fixed in
//! the preview: anything else (a foreign file's mapping looks at whole columns,
//! a repeated column at all its values) is checked once the whole sheet is in.
//! A cell that comes after its row was sent makes the sheet checked afterwards
//! too.

use std::sync::mpsc::Receiver;

use super::super::checklist_sheet::ChecklistReader;
use super::super::choices::ImportChoices;
use super::super::limits::Limits;
use super::super::read::{Cell, Piece, Sheet};
use super::super::values::Tally;
use super::{
    FileContent, FileRow, HeaderRow, HeldRow, Problem, RowReader, check_headers, find_header,
    hold_inventory_row, is_ours, set_columns, take_rows, too_many_rows,
};
use crate::model::Field;

/// The rows `find_header` looks at for the header.
const HEADER_SEARCH: usize = 10;

/// The rows received, and what was checked of them as they came.
pub(super) struct Received {
    pub(super) rows: Vec<Vec<Cell>>,
    pub(super) early: Option<Early>,
    /// The Checklist sheets the reader sent whole, ahead of the streamed sheet.
    pub(super) ahead: Vec<Sheet>,
    /// What was read of them while the streamed sheet was read: `None` when
    /// they are to be read with the rest (the person fixed cells in the
    /// preview, which are put in first).
    pub(super) checklist: Option<FileContent>,
}

/// Receives a sheet's rows until the reader stops sending, checking each row
/// as it comes when the sheet is our own workbook's.
pub(super) fn receive(
    pieces: Receiver<Piece>,
    limits: &Limits,
    choices: &ImportChoices,
) -> Received {
    let mut sheet = Sheet::default();
    let mut early: Option<Early> = None;
    let mut decided = false;
    let mut ahead = Vec::new();
    let mut checklist = choices.fixes.is_empty().then(FileContent::default);
    let mut checklists = ChecklistReader::new();
    for piece in pieces {
        match piece {
            Piece::Whole(whole) => {
                if let Some(content) = &mut checklist {
                    checklists.read(&whole, content);
                }
                ahead.push(whole);
                continue;
            }
            Piece::Sheet(name) => sheet.name = name,
            Piece::Rows(rows) => sheet.rows.extend(rows),
            Piece::Late { row, col, cell } => {
                if sheet.rows.len() <= row {
                    sheet.rows.resize_with(row + 1, Vec::new);
                }
                let cells = &mut sheet.rows[row];
                if cells.len() <= col {
                    cells.resize(col + 1, Cell::Empty);
                }
                cells[col] = cell;
                // A row checked already has changed: the whole sheet is
                // checked once it is in.
                early = None;
                decided = true;
            }
        }
        if !decided && sheet.rows.len() >= HEADER_SEARCH {
            early = Early::start(&sheet, choices);
            decided = true;
        }
        if let Some(early) = &mut early {
            early.check(&sheet, limits, choices);
        }
    }
    Received {
        rows: sheet.rows,
        early,
        checklist: checklist.filter(|_| !ahead.is_empty()),
        ahead,
    }
}

/// What was checked of the sheet so far.
pub(super) struct Early {
    header_row: usize,
    fields: Vec<Option<Field>>,
    /// No column is kept in Other Details: the sheet is our own.
    kept: Vec<Option<String>>,
    /// The header row's own warnings (an unknown column).
    header_warnings: Vec<Problem>,
    header: HeaderRow,
    /// The rows that repeat the header, each noted.
    repeats: Vec<Problem>,
    rows: Vec<FileRow>,
    held: Vec<HeldRow>,
    tally: Tally,
    /// The rows with values below the header, counted against the limit.
    count: usize,
    /// The next row to check.
    next: usize,
}

impl Early {
    /// Starts checking a sheet of which the first rows are in; `None` when it
    /// is to be checked whole (see the module's note).
    fn start(sheet: &Sheet, choices: &ImportChoices) -> Option<Early> {
        if !choices.fixes.is_empty() || !is_ours(sheet, &FileContent::default()) {
            return None;
        }
        let (header_row, mut fields) = find_header(sheet)?;
        if repeats_a_field(&fields) {
            return None;
        }
        let mut header_notes = FileContent::default();
        check_headers(sheet, header_row, &mut fields, &mut header_notes, true);
        Some(Early {
            header_row,
            kept: vec![None; fields.len()],
            fields,
            header_warnings: header_notes.warnings,
            header: HeaderRow::of(sheet, header_row),
            repeats: Vec::new(),
            rows: Vec::new(),
            held: Vec::new(),
            tally: Tally::default(),
            count: 0,
            next: header_row + 1,
        })
    }

    /// Checks the rows received since the last call, as `read_rows` does.
    fn check(&mut self, sheet: &Sheet, limits: &Limits, choices: &ImportChoices) {
        let reader = RowReader {
            sheet,
            header_row: self.header_row,
            fields: &self.fields,
            kept: &self.kept,
            choices,
            foreign: false,
        };
        for r in self.next..sheet.rows.len() {
            let row = &sheet.rows[r];
            if row.iter().all(Cell::is_empty) {
                continue;
            }
            self.count += 1;
            if self.count > limits.rows {
                continue; // the sheet is refused whole: its rows are not read
            }
            if self.header.is_repeated_by(row) {
                self.repeats.push(HeaderRow::repeated(sheet, r));
                continue;
            }
            // Each row's problems are its own: a row with any is held.
            let mut scratch = FileContent::default();
            let read = reader.read_row(r, &mut scratch, &mut self.tally);
            if scratch.errors.is_empty() {
                self.rows.extend(read);
            } else {
                let fields = &self.fields;
                let held = hold_inventory_row(sheet, self.header_row, r, fields, scratch.errors);
                self.held.push(held);
            }
        }
        self.next = self.next.max(sheet.rows.len());
    }

    /// Puts what was found into `content`, as `read_inventory` would have:
    /// `sheet` is the whole sheet, every row of which was checked.
    pub(super) fn finish(self, sheet: &Sheet, content: &mut FileContent, limits: &Limits) {
        let Early {
            header_row,
            fields,
            kept,
            header_warnings,
            repeats,
            rows,
            held,
            tally,
            count,
            ..
        } = self;
        content.warnings.extend(header_warnings);
        if count > limits.rows
            && let Some(problem) = too_many_rows(sheet, header_row, limits)
        {
            content.errors.push(problem);
            return;
        }
        set_columns(content, &fields, &kept);
        content.warnings.extend(repeats);
        content.held.extend(held);
        (content.value_maps, content.reinterpretations) = tally.finish(sheet, header_row);
        take_rows(sheet, header_row, &fields, rows, content);
    }
}

/// Whether two columns are the same field: which one is read then depends on
/// their values, known only once the whole sheet is in.
fn repeats_a_field(fields: &[Option<Field>]) -> bool {
    let mut seen = std::collections::HashSet::new();
    fields.iter().flatten().any(|f| !seen.insert(*f))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::super::columns::{CHECKLIST_HEADERS, COLUMNS};
    use super::super::{parse_book_within, read_checking, read_file_within, read_import_book};
    use super::*;
    use crate::model::FieldKind;

    /// Our own workbook's columns over `rows` datasets, some of them wrong in
    /// the ways a returned workbook is: a bad email, a value that is none of
    /// its choices, the header again, a blank row, an ID given twice.
    fn own_workbook(path: &Path, rows: usize) {
        let mut book = rust_xlsxwriter::Workbook::new();
        inventory_sheet(&mut book, rows);
        book.save(path).unwrap();
    }

    /// `own_workbook` with two Checklist sheets after the Inventory sheet,
    /// some of their rows wrong: an answer that is none, a question that is
    /// not the checklist's, a row with no ID, a check answered twice (once on
    /// each sheet).
    fn own_workbook_with_checklists(path: &Path, rows: usize) {
        let mut book = rust_xlsxwriter::Workbook::new();
        inventory_sheet(&mut book, rows);
        let bank = crate::questions::Bank::checklist();
        let checks: Vec<&str> = (bank.questions.iter())
            .filter(|q| q.is_check())
            .map(|q| q.text.as_str())
            .collect();
        for (part, name) in ["Checklist", "Checklist (2)"].into_iter().enumerate() {
            let sheet = book.add_worksheet().set_name(name).unwrap();
            for (c, header) in CHECKLIST_HEADERS.iter().enumerate() {
                sheet.write_string(0, c as u16, *header).unwrap();
            }
            let mut r = 1;
            for i in 440..=460 {
                for (q, question) in checks.iter().enumerate() {
                    let id = match (part, i, q) {
                        (0, 441, 0) => String::new(),
                        (1, 460, 1) => "ABC-0440".into(), // answered on the first sheet too
                        _ => format!("ABC-{:04}", i + part * 100),
                    };
                    let answer = match (i + q) % 5 {
                        0 => "Maybe",
                        1 => "No",
                        _ => "Yes",
                    };
                    let question = if (i, q) == (445, 2) {
                        "Is it blue?"
                    } else {
                        question
                    };
                    let cells = [id.as_str(), "", question, answer, "", "2024-03-01"];
                    for (c, text) in cells.iter().enumerate() {
                        sheet.write_string(r, c as u16, *text).unwrap();
                    }
                    r += 1;
                }
            }
        }
        book.save(path).unwrap();
    }

    fn inventory_sheet(book: &mut rust_xlsxwriter::Workbook, rows: usize) {
        let sheet = book.add_worksheet().set_name("Inventory").unwrap();
        for (c, column) in COLUMNS.iter().enumerate() {
            sheet.write_string(0, c as u16, column.header).unwrap();
        }
        for i in 1..=rows {
            let r = i as u32;
            if i == 300 {
                for (c, column) in COLUMNS.iter().enumerate() {
                    sheet.write_string(r, c as u16, column.header).unwrap();
                }
                continue;
            }
            if i == 400 {
                continue;
            }
            for (c, column) in COLUMNS.iter().enumerate() {
                let c = c as u16;
                let text = match (column.field, column.field.kind()) {
                    (Field::Name, _) => format!("Dataset {i}"),
                    (Field::InventoryId, _) if i == 450 => "ABC-0449".into(),
                    (Field::InventoryId, _) if i >= 440 => format!("ABC-{i:04}"),
                    (_, FieldKind::Email) if i == 5 => "not an address".into(),
                    (_, FieldKind::Email) => format!("owner{i}@city.gov"),
                    (_, FieldKind::Choice(_)) if i % 7 == 0 => "Sometimes".into(),
                    (_, FieldKind::Choice(labels)) => labels()[i % labels().len()].to_string(),
                    (_, FieldKind::Date) => {
                        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                            + chrono::Days::new(i as u64);
                        sheet.write_datetime(r, c, day).unwrap();
                        continue;
                    }
                    (_, FieldKind::Text | FieldKind::LongText) => format!("Words {i}"),
                    _ => continue,
                };
                sheet.write_string(r, c, &text).unwrap();
            }
        }
    }

    /// What the whole sheet read first, then checked, finds.
    fn checked_whole(path: &Path, limits: &Limits) -> String {
        let book = read_import_book(path, limits).unwrap();
        format!("{:?}", parse_book_within(&book, limits))
    }

    #[test]
    fn rows_checked_as_they_are_read_find_what_the_whole_sheet_finds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inventory.xlsx");
        own_workbook(&path, 700);
        let limits = Limits::DEFAULT;
        let (_, early) = read_checking(&path, &limits, &ImportChoices::default()).unwrap();
        assert!(
            early.inventory.is_some(),
            "the rows were checked as they came"
        );
        let streamed = read_file_within(&path, &limits).unwrap();
        assert!(!streamed.held.is_empty() && !streamed.warnings.is_empty());
        assert!(streamed.rows.len() > 600);
        assert_eq!(format!("{streamed:?}"), checked_whole(&path, &limits));
    }

    #[test]
    fn checklist_sheets_read_ahead_find_what_reading_them_after_finds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inventory.xlsx");
        own_workbook_with_checklists(&path, 500);
        let limits = Limits::DEFAULT;
        let (book, early) = read_checking(&path, &limits, &ImportChoices::default()).unwrap();
        let read_ahead = early
            .checklist
            .expect("the Checklist sheets were read ahead");
        assert!(read_ahead.checks.len() > 100, "{}", read_ahead.checks.len());
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Inventory", "Checklist", "Checklist (2)"],
            "the file's order"
        );
        assert!(
            book.sheets.iter().all(|s| !s.rows.is_empty()),
            "every sheet is whole"
        );
        let streamed = read_file_within(&path, &limits).unwrap();
        let held = |sheet: &str| streamed.held.iter().filter(|h| h.sheet == sheet).count();
        assert!(
            held("Checklist") >= 3 && held("Checklist (2)") >= 2,
            "{:?}",
            streamed.held
        );
        assert!(
            (streamed.held.iter().flat_map(|h| &h.problems))
                .any(|p| p.message.contains("on the sheet Checklist, row")),
            "the check answered on both sheets"
        );
        assert_eq!(format!("{streamed:?}"), checked_whole(&path, &limits));
    }

    /// The Checklist sheets read ahead count in the limits before the
    /// Inventory sheet, as they do when the file is read whole: the same
    /// refusal either way, whichever limit the file passes first.
    #[test]
    fn a_file_past_a_limit_with_checklists_read_ahead_is_refused_as_when_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inventory.xlsx");
        own_workbook_with_checklists(&path, 500);
        for limits in [
            Limits {
                rows: 300,
                ..Limits::DEFAULT
            },
            Limits {
                cells: 12_000,
                ..Limits::DEFAULT
            },
            Limits {
                rows: 300,
                cells: 3_000,
                ..Limits::DEFAULT
            },
        ] {
            let streamed = match read_file_within(&path, &limits) {
                Ok(content) => {
                    assert_eq!(content.errors.len(), 1, "{:?}", content.errors);
                    format!("{content:?}")
                }
                Err(refused) => format!("{refused:?}"),
            };
            let whole = match read_import_book(&path, &limits) {
                Ok(book) => format!("{:?}", parse_book_within(&book, &limits)),
                Err(refused) => format!("{refused:?}"),
            };
            assert_eq!(streamed, whole);
        }
    }

    #[test]
    fn a_sheet_past_the_row_limit_is_refused_as_when_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inventory.xlsx");
        own_workbook(&path, 305);
        let limits = Limits {
            rows: 300,
            ..Limits::DEFAULT
        };
        let streamed = read_file_within(&path, &limits).unwrap();
        assert_eq!(streamed.errors.len(), 1, "{:?}", streamed.errors);
        assert!(streamed.rows.is_empty());
        assert_eq!(format!("{streamed:?}"), checked_whole(&path, &limits));
    }
}
