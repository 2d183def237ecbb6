//! Turns a sheet of cells into datasets, or into problems located by sheet, cell
//! and column. Nothing here touches the inventory: `merge` decides what changes.

use std::collections::HashMap;
use std::path::Path;

use super::choices::ImportChoices;
use super::columns::{COLUMNS, SOURCE_HEADERS, column, match_header};
use super::content::problem;
use super::limits::{Limits, count_text};
use super::read::{Book, Cell, Sheet, read_book_within};
use super::{
    ABOUT, CHECKLIST, DATA_SOURCES, INVENTORY, PUBLICATION_PLAN, SCHEMA, WorkbookError,
    is_continued_sheet,
};
use crate::model::{DataSource, Dataset, Field, FieldKind};

pub use super::content::{FileCheck, FileContent, FilePlan, FileRow, HeldRow, Problem, RowProblem};
use super::held::hold_inventory_row;

/// Reads and checks a file. A file that cannot be opened at all is an `Err`;
/// everything wrong inside it is a located problem in the result.
pub fn read_file(path: &Path) -> Result<FileContent, WorkbookError> {
    read_file_within(path, &Limits::DEFAULT)
}

/// `read_file`, with the choices the person made about the file (see `choices`).
pub fn read_file_with(path: &Path, choices: &ImportChoices) -> Result<FileContent, WorkbookError> {
    let limits = &Limits::DEFAULT;
    let mut book = read_book_within(
        path,
        &[INVENTORY, DATA_SOURCES, CHECKLIST, PUBLICATION_PLAN, ABOUT],
        limits,
    )?;
    super::fixes::apply_fixes(&mut book, &choices.fixes);
    let mut content = parse_book_within(&book, limits);
    super::fixes::apply_department(&mut content, choices.department.as_deref());
    Ok(content)
}

/// `read_file` with other limits than the app's (see `limits`).
pub fn read_file_within(path: &Path, limits: &Limits) -> Result<FileContent, WorkbookError> {
    let book = read_book_within(
        path,
        &[INVENTORY, DATA_SOURCES, CHECKLIST, PUBLICATION_PLAN, ABOUT],
        limits,
    )?;
    Ok(parse_book_within(&book, limits))
}

/// Checks the sheets of a workbook already read.
pub fn parse_book(book: &Book) -> FileContent {
    parse_book_within(book, &Limits::DEFAULT)
}

/// `parse_book` with other limits than the app's.
pub fn parse_book_within(book: &Book, limits: &Limits) -> FileContent {
    let sheet = book.sheet(INVENTORY).or_else(|| book.sheets.first());
    let mut content = FileContent::default();
    let Some(sheet) = sheet else {
        content.errors.push(Problem {
            sheet: String::new(),
            cell: String::new(),
            column: String::new(),
            message: "The file has no sheets, so it holds no datasets. Check that you chose the right file, or save it again from your spreadsheet program.".into(),
        });
        return content;
    };
    content.sheet = sheet.name.clone();
    if book.sheets.iter().all(is_blank) {
        let message = if book.is_csv {
            "The file is empty: it has no rows at all. Check that you chose the right file, or save it again from your spreadsheet program.".to_string()
        } else {
            let names: Vec<String> = book
                .sheets
                .iter()
                .map(|s| format!("\"{}\"", s.name))
                .collect();
            format!(
                "The workbook has no data: its sheet{} {} {} empty. Check that you chose the right file, or that it was saved after the inventory was typed in.",
                if names.len() == 1 { "" } else { "s" },
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" }
            )
        };
        content.errors.push(Problem {
            sheet: sheet.name.clone(),
            cell: String::new(),
            column: String::new(),
            message,
        });
        return content;
    }
    content.warnings.extend(book.warnings.iter().cloned());
    if let Some(about) = book.sheet(ABOUT) {
        read_about(about, &mut content);
    }
    read_inventory(sheet, &mut content, limits, book.is_csv);
    if let Some(sources) = book.sheet(DATA_SOURCES) {
        content.sources = read_sources(sources);
    }
    // A sheet named Checklist that holds the datasets themselves (a Los Angeles
    // style checklist) was read above as the inventory: not twice.
    let inventory = content.sheet.clone();
    let checklists = book
        .sheets
        .iter()
        .filter(|s| !book.is_csv && s.name != inventory)
        .filter(|s| is_continued_sheet(CHECKLIST, &s.name));
    let mut seen = HashMap::new();
    for sheet in checklists {
        super::checklist_sheet::read_checklist(sheet, &mut content, &mut seen);
    }
    // Absent (an older export, another layout): the plans are left as they are.
    let plans = book
        .sheet(PUBLICATION_PLAN)
        .filter(|s| !book.is_csv && s.name != inventory);
    if let Some(sheet) = plans {
        super::plan_sheet::read_plans(sheet, &mut content);
    }
    content
}

fn read_about(about: &Sheet, content: &mut FileContent) {
    for (r, row) in about.rows.iter().enumerate() {
        let key = row.first().map(Cell::text).unwrap_or_default();
        let value = row
            .get(1)
            .map(Cell::text)
            .unwrap_or_default()
            .trim()
            .to_string();
        match key.trim() {
            "export_id" if !value.is_empty() => content.export_id = Some(value),
            "department_code" if !value.is_empty() => content.department_code = Some(value),
            "schema" if value != SCHEMA && value.starts_with("inventory-desk/") => {
                content.errors.push(problem(about, r, 1, "", format!(
                    "This file was made by a newer version of Inventory Desk ({value}). Update the app to import it."
                )));
            }
            _ => {}
        }
    }
}

/// The Inventory sheet of a book (the sheet named so, or the first), its
/// header row and each column's field, as the import reads them: where a fix
/// typed in the preview goes.
pub(super) fn inventory_columns(
    book: &mut Book,
) -> Option<(&mut Sheet, usize, Vec<Option<Field>>)> {
    let index = book
        .sheets
        .iter()
        .position(|s| s.name.eq_ignore_ascii_case(INVENTORY))
        .or((!book.sheets.is_empty()).then_some(0))?;
    let sheet = &mut book.sheets[index];
    let (header_row, fields) = find_header(sheet)?;
    Some((sheet, header_row, fields))
}

/// The header row (in the first ten) that names the most known columns and
/// includes Dataset Name, with each column's field.
fn find_header(sheet: &Sheet) -> Option<(usize, Vec<Option<Field>>)> {
    let mut best: Option<(usize, Vec<Option<Field>>, usize)> = None;
    for (r, row) in sheet.rows.iter().take(10).enumerate() {
        let fields: Vec<Option<Field>> = row.iter().map(|c| match_header(&c.text())).collect();
        if !fields.contains(&Some(Field::Name)) {
            continue;
        }
        let score = fields.iter().flatten().count();
        if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
            best = Some((r, fields, score));
        }
    }
    best.map(|(r, f, _)| (r, f))
}

/// The first few of a list of headers, each cut short: a message stays readable
/// whatever the file's first rows hold.
fn shorten_list(items: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut list: Vec<String> = items
        .iter()
        .take(SHOWN)
        .map(|h| {
            let h = h.trim();
            match h.char_indices().nth(40) {
                Some((end, _)) => format!("{}…", &h[..end]),
                None => h.to_string(),
            }
        })
        .collect();
    if items.len() > SHOWN {
        list.push(format!("and {} more", items.len() - SHOWN));
    }
    list.join(", ")
}

/// Whether a sheet has no value in any cell.
fn is_blank(sheet: &Sheet) -> bool {
    sheet.rows.iter().all(|r| r.iter().all(Cell::is_empty))
}

fn read_inventory(sheet: &Sheet, content: &mut FileContent, limits: &Limits, is_csv: bool) {
    let Some((header_row, mut fields)) = find_header(sheet) else {
        // The headers are the fullest of the first rows, not a title row above them.
        let found: Vec<String> = sheet
            .rows
            .iter()
            .take(10)
            .filter(|r| r.iter().any(|c| !c.is_empty()))
            .rev()
            .max_by_key(|r| r.iter().filter(|c| !c.is_empty()).count())
            .map(|r| {
                r.iter()
                    .map(Cell::text)
                    .filter(|t| !t.trim().is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let none_known = found.iter().all(|h| match_header(h).is_none());
        let found = if found.is_empty() {
            "no column headers at all".to_string()
        } else {
            shorten_list(&found)
        };
        let message = if none_known {
            format!(
                "None of this sheet's columns is one this app knows, so the datasets cannot be found. The columns found are: {found}. The header row should name the inventory's columns, such as Dataset Name, Description and Data Classification: export a workbook from the app to see them all, then import again."
            )
        } else {
            format!(
                "This sheet has no Dataset Name column, so the datasets cannot be found. The columns found are: {found}. Name the column that holds the dataset names \"Dataset Name\" and import again."
            )
        };
        content.errors.push(Problem {
            sheet: sheet.name.clone(),
            cell: String::new(),
            column: String::new(),
            message,
        });
        return;
    };
    check_headers(sheet, header_row, &mut fields, content);
    if let Some(problem) = too_many_rows(sheet, header_row, limits) {
        content.errors.push(problem);
        return;
    }
    content.columns = fields.clone();
    content.fields = fields
        .iter()
        .flatten()
        .copied()
        .filter(|f| *f != Field::LastUpdated)
        .collect();
    // In a CSV file, a value right of the last header is a row split by a
    // separator inside a value (an unquoted comma in a description): every value
    // after it sits one column right of its header. That row is held, with where.
    let held = if is_csv {
        rows_wider_than_header(sheet, header_row, content)
    } else {
        Vec::new()
    };
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    for file_row in read_rows(sheet, header_row, &fields, content, &held) {
        if let Some(id) = &file_row.dataset.id {
            let id = id.to_string();
            if let Some(&first) = seen_ids.get(&id) {
                let col = fields
                    .iter()
                    .position(|f| *f == Some(Field::InventoryId))
                    .unwrap_or(0);
                let twice = problem(
                    sheet,
                    file_row.row,
                    col,
                    "Inventory ID",
                    format!(
                        "The Inventory ID {id} is also on row {}. Each dataset must appear once: delete one of the two rows, or empty the ID of a row that is a new dataset.",
                        first + 1
                    ),
                );
                let held =
                    hold_inventory_row(sheet, header_row, file_row.row, &fields, vec![twice]);
                content.held.push(held);
                continue;
            }
            seen_ids.insert(id, file_row.row);
        }
        content.rows.push(file_row);
    }
    content.held.sort_by_key(|h| h.row);
}

/// The rows of a CSV file with a value right of the header's last column, each
/// with a located problem; sorted.
fn rows_wider_than_header(
    sheet: &Sheet,
    header_row: usize,
    content: &mut FileContent,
) -> Vec<usize> {
    let width = sheet.rows[header_row]
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |c| c + 1);
    let mut held = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        let Some(last) = row.iter().rposition(|c| !c.is_empty()) else {
            continue;
        };
        if last < width {
            continue;
        }
        let cells = row.len().min(last + 1);
        let mut row_held = super::held::HeldRow::at(sheet, header_row, r);
        row_held.add(problem(sheet, r, width, "", format!(
            "This row has {} values but the header names {} columns, so its values after a separator inside a value (a comma in a description) would go into the wrong columns. Put that value in double quotes (\"a, b\"), or remove the separator, and import again. Row {} was not read.",
            count_text(cells),
            count_text(width),
            count_text(r + 1)
        )), None);
        content.held.push(row_held);
        held.push(r);
    }
    held
}

/// A value quoted in a message, cut short: a cell may hold a megabyte.
fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// A message with every quoted value in it (`"…"`) cut short.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = rest.find('"') else {
            break;
        };
        out.push_str(&shorten(&rest[..close]));
        out.push('"');
        rest = &rest[close + 1..];
    }
    out.push_str(&shorten_long(rest));
    out
}

/// The rest of a message, cut when it is far longer than a sentence.
fn shorten_long(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(2_000) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// Refuses a sheet with more data rows than the limit, before any is read.
fn too_many_rows(sheet: &Sheet, header_row: usize, limits: &Limits) -> Option<Problem> {
    let mut count = 0usize;
    for r in header_row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Cell::is_empty) {
            continue;
        }
        count += 1;
        if count > limits.rows {
            let most = count_text(limits.rows);
            return Some(problem(
                sheet,
                r,
                0,
                "",
                format!(
                    "This sheet has more than {most} rows of data: the one past the limit is row {}. This app imports at most {most} datasets at a time: split the inventory into smaller files and import them one after the other.",
                    count_text(r + 1)
                ),
            ));
        }
    }
    None
}

/// Reads every non-blank row below the header. A big sheet is read in two
/// halves at once (the machine has at least two cores); rows and problems keep
/// the sheet's order.
fn read_rows(
    sheet: &Sheet,
    header_row: usize,
    fields: &[Option<Field>],
    content: &mut FileContent,
    held: &[usize],
) -> Vec<FileRow> {
    const ROWS_PER_THREAD: usize = 2_000;
    let body: Vec<usize> = (header_row + 1..sheet.rows.len())
        .filter(|r| !sheet.rows[*r].iter().all(Cell::is_empty))
        .filter(|r| held.binary_search(r).is_err())
        .collect();
    let halves = body.len().div_ceil(2).max(ROWS_PER_THREAD);
    let parsed: Vec<(Vec<FileRow>, Vec<HeldRow>, Vec<Problem>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = body
            .chunks(halves)
            .map(|chunk| {
                scope.spawn(move || {
                    // Each row's problems are its own: a row with any is held.
                    let mut rows = Vec::with_capacity(chunk.len());
                    let mut held = Vec::new();
                    for r in chunk {
                        let mut scratch = FileContent::default();
                        let row = read_row(sheet, *r, fields, &mut scratch);
                        if scratch.errors.is_empty() {
                            rows.extend(row);
                        } else {
                            held.push(hold_inventory_row(
                                sheet,
                                header_row,
                                *r,
                                fields,
                                scratch.errors,
                            ));
                        }
                    }
                    (rows, held, Vec::new())
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| {
                    let message = "Part of this sheet could not be read; nothing was imported. Save the file again from your spreadsheet program and retry.";
                    (Vec::new(), Vec::new(), vec![Problem { sheet: sheet.name.clone(), cell: String::new(), column: String::new(), message: message.into() }])
                })
            })
            .collect()
    });
    let mut rows = Vec::with_capacity(body.len());
    for (part, held, errors) in parsed {
        rows.extend(part);
        content.held.extend(held);
        content.errors.extend(errors);
    }
    rows
}

/// Warns about columns it does not know. A column that repeats another (two
/// Description columns) is an error when it holds values, since only one can be
/// read and the other's would be lost; an empty repeat is a warning. Either way
/// the message names both columns, and the repeat is dropped.
fn check_headers(
    sheet: &Sheet,
    header_row: usize,
    fields: &mut [Option<Field>],
    content: &mut FileContent,
) {
    let mut seen: Vec<(Field, usize)> = Vec::new();
    for (c, cell) in sheet.rows[header_row].iter().enumerate() {
        let header = cell.text();
        match fields[c] {
            None if !header.trim().is_empty() => {
                content.warnings.push(problem(
                    sheet,
                    header_row,
                    c,
                    &shorten(header.trim()),
                    "unknown column, ignored",
                ));
            }
            Some(field) => match seen.iter().find(|(f, _)| *f == field) {
                Some(&(_, first)) => {
                    let first_header = sheet.cell(header_row, first).text();
                    let (here, there) = (super::column_letters(c), super::column_letters(first));
                    let both = format!(
                        "Column {here} (\"{}\") and column {there} (\"{}\") are both the {} column",
                        shorten(header.trim()),
                        shorten(first_header.trim()),
                        column(field).header
                    );
                    let has_values = sheet
                        .rows
                        .iter()
                        .skip(header_row + 1)
                        .any(|row| row.get(c).is_some_and(|v| !v.is_empty()));
                    if has_values {
                        content.errors.push(problem(sheet, header_row, c, &shorten(header.trim()), format!(
                            "{both}, and only one can be read. Move what column {here} holds into column {there}, delete column {here}, and import again."
                        )));
                    } else {
                        content.warnings.push(problem(sheet, header_row, c, &shorten(header.trim()), format!(
                            "{both}. Column {here} is empty, so it is ignored: only column {there} is read."
                        )));
                    }
                    fields[c] = None;
                }
                None => seen.push((field, c)),
            },
            None => {}
        }
    }
}

fn read_row(
    sheet: &Sheet,
    r: usize,
    fields: &[Option<Field>],
    content: &mut FileContent,
) -> Option<FileRow> {
    let mut dataset = Dataset::default();
    let mut ok = true;
    let mut name_cell_error = false;
    for (c, field) in fields.iter().enumerate() {
        let Some(field) = *field else { continue };
        if field == Field::LastUpdated {
            continue; // the app's own record: never taken from a file
        }
        let cell = sheet.cell(r, c);
        let header = column(field).header;
        if let Cell::Error(e) = cell {
            content.errors.push(problem(
                sheet,
                r,
                c,
                header,
                format!(
                    "The cell shows the spreadsheet error {}. Replace it with a value or clear it.",
                    shorten(e)
                ),
            ));
            ok = false;
            name_cell_error |= field == Field::Name;
            continue;
        }
        let text = cell_text(cell, field);
        if let Err(e) = dataset.set(field, &text) {
            content
                .errors
                .push(problem(sheet, r, c, header, shorten_quoted(&e.to_string())));
            ok = false;
        }
    }
    if dataset.name.is_empty() {
        if name_cell_error {
            return None; // already reported: the name cell holds an error
        }
        let c = fields
            .iter()
            .position(|f| *f == Some(Field::Name))
            .unwrap_or(0);
        content.errors.push(problem(sheet, r, c, "Dataset Name",
            "This row has values but no Dataset Name. Give the dataset a name, or clear the whole row. If the name is in merged cells, unmerge them and write the name on every row."));
        return None;
    }
    ok.then_some(FileRow { row: r, dataset })
}

/// A cell as the text `Dataset::set` reads, taking the column's kind into account.
fn cell_text(cell: &Cell, field: Field) -> std::borrow::Cow<'_, str> {
    match (cell, field.kind()) {
        (Cell::Bool(b), FieldKind::Flag) => {
            if *b {
                "Yes".into()
            } else {
                "".into()
            }
        }
        _ => cell.as_text(),
    }
}

fn read_sources(sheet: &Sheet) -> Vec<DataSource> {
    let Some(header) = sheet.rows.first() else {
        return Vec::new();
    };
    let index = |name: &str| {
        header
            .iter()
            .position(|c| c.text().trim().eq_ignore_ascii_case(name))
    };
    let cols: Vec<Option<usize>> = SOURCE_HEADERS.iter().map(|h| index(h)).collect();
    let get = |row: &Vec<Cell>, i: usize| {
        cols[i]
            .and_then(|c| row.get(c))
            .map(|c| c.text().trim().to_string())
            .unwrap_or_default()
    };
    sheet
        .rows
        .iter()
        .skip(1)
        .filter(|row| !get(row, 0).is_empty())
        .map(|row| DataSource {
            id: None,
            department: get(row, 8).parse().ok(),
            name: get(row, 0),
            description: get(row, 1),
            business_owner: get(row, 2),
            technical_owner: get(row, 3),
            vendor: get(row, 4),
            product: get(row, 5),
            format: get(row, 6),
            planned_changes: get(row, 7),
        })
        .collect()
}

/// The headers of every column, for messages that list what the file may use.
pub fn known_headers() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.header).collect()
}
