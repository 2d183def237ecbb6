//! Turns a sheet of cells into datasets, or into problems located by sheet, cell
//! and column. Nothing here touches the inventory: `merge` decides what changes.
//!
//! Why one file of this length: reading the Inventory sheet row by row, its
//! located problems and its notes are one pass over the cells; the side sheets,
//! the mapping and the values are in modules of their own.

use std::collections::HashSet;
use std::path::Path;

use super::choices::ImportChoices;
use super::columns::{COLUMNS, SOURCE_HEADERS, column, match_header};
use super::content::problem;
use super::limits::{Limits, count_text};
use super::mapping;
use super::read::{Book, Cell, ReadAhead, Sheet, read_book_streaming_ahead};
use super::values::{Tally, read_value};
use super::{
    ABOUT, ATTRIBUTES, CDO_REVIEW, CHECKLIST, DATA_SOURCES, DEPARTMENTS, DISTRIBUTIONS, INVENTORY,
    PUBLICATION_PLAN, SCHEMA, WorkbookError, is_continued_sheet,
};
use crate::model::{DataSource, Dataset, Field, FieldKind};

pub use super::content::{FileCheck, FileContent, FilePlan, FileRow, HeldRow, Problem, RowProblem};
use super::held::hold_inventory_row;

mod streamed;
use streamed::Early;

/// Reads and checks a file. A file that cannot be opened at all is an `Err`;
/// everything wrong inside it is a located problem in the result.
pub fn read_file(path: &Path) -> Result<FileContent, WorkbookError> {
    read_file_within(path, &Limits::DEFAULT)
}

/// `read_file`, with the choices the person made about the file (see `choices`).
pub fn read_file_with(path: &Path, choices: &ImportChoices) -> Result<FileContent, WorkbookError> {
    let mut content = read_file_within_with(path, &Limits::DEFAULT, choices)?;
    super::fixes::apply_department(&mut content, choices.department.as_deref());
    // A portal's catalog that names no publisher (Socrata's v1.0 array): its
    // datasets belong to the department the person chose.
    if content.from_portal && choices.department.is_some() {
        if !content.fields.contains(&Field::Department) {
            content.fields.push(Field::Department);
        }
    }
    Ok(content)
}

/// `read_file` with other limits than the app's (see `limits`).
pub fn read_file_within(path: &Path, limits: &Limits) -> Result<FileContent, WorkbookError> {
    read_file_within_with(path, limits, &ImportChoices::default())
}

/// `read_file_within`, with the choices the person made about the file.
fn read_file_within_with(
    path: &Path,
    limits: &Limits,
    choices: &ImportChoices,
) -> Result<FileContent, WorkbookError> {
    // A portal's catalog (data.json) is read as the catalog it is, never as a
    // spreadsheet (its lines would become datasets named `}`).
    if path.exists() && super::portal_catalog::is_catalog_json(path) {
        return super::portal_catalog::read_json(path, limits);
    }
    let (mut book, early) = read_checking(path, limits, choices)?;
    super::fixes::apply_fixes(&mut book, choices);
    // A Project Open Data CSV: the portal's catalog as a table.
    if book.is_csv
        && let Some(sheet) = book.sheets.first()
        && super::portal_catalog::is_pod_csv(sheet)
    {
        let mut content = super::portal_catalog::read_pod_csv(sheet);
        content.warnings.extend(book.warnings.iter().cloned());
        return Ok(content);
    }
    let content = parse_book_early(&book, limits, choices, early);
    let_go(book);
    Ok(content)
}

/// The sheets an import reads (the benchmark reads the same with calamine alone).
pub const IMPORT_SHEETS: [&str; 9] = [
    INVENTORY,
    CDO_REVIEW,
    DATA_SOURCES,
    CHECKLIST,
    PUBLICATION_PLAN,
    ATTRIBUTES,
    DISTRIBUTIONS,
    DEPARTMENTS,
    ABOUT,
];

/// The sheets of a file that an import reads, not yet checked.
pub fn read_import_book(path: &Path, limits: &Limits) -> Result<Book, WorkbookError> {
    read_book_streaming_ahead(path, &IMPORT_SHEETS, limits, None, Some(READ_AHEAD))
}

/// The Checklist sheets are read before the Inventory sheet (and counted in
/// the limits first): `read_checking` checks them while the Inventory sheet
/// is read.
const READ_AHEAD: ReadAhead<'static> = (INVENTORY, &[CHECKLIST]);

/// `read_import_book`, with the Inventory sheet's rows checked on this thread
/// while another reads the file: reading and checking a big workbook take
/// about as long as each other, and the machine has two cores. Only our own
/// workbook's rows are checked so (see `streamed`); what was checked comes
/// back with the book, whose Inventory sheet holds every row as if it had been
/// read alone.
fn read_checking(
    path: &Path,
    limits: &Limits,
    choices: &ImportChoices,
) -> Result<(Book, Checked), WorkbookError> {
    // Some pieces ahead: the reader does not wait for a row being checked,
    // nor while the Checklist sheets it sent ahead are read, and what is read
    // but not checked stays small.
    const PIECES_AHEAD: usize = 32;
    let (sender, receiver) = std::sync::mpsc::sync_channel(PIECES_AHEAD);
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || {
            let stream = Some((INVENTORY, sender));
            read_book_streaming_ahead(path, &IMPORT_SHEETS, limits, stream, Some(READ_AHEAD))
        });
        let received = streamed::receive(receiver, limits, choices);
        let mut book = reading.join().unwrap_or_else(|_| {
            Err(WorkbookError::read(path, super::FileRefusal::ReaderStopped))
        })?;
        // The reader kept none of the rows it sent (a file it did not
        // stream keeps them all, and nothing was sent).
        let inventory = book
            .sheets
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(INVENTORY))
            .or((!book.sheets.is_empty()).then_some(0));
        if let Some(sheet) = inventory.map(|i| &mut book.sheets[i])
            && sheet.rows.is_empty()
        {
            sheet.rows = received.rows;
        }
        // The sheets sent ahead go back to their places, which the reader
        // kept empty.
        for whole in received.ahead {
            let place = book.sheets.iter_mut().find(|s| s.name == whole.name);
            if let Some(place) = place.filter(|s| s.rows.is_empty()) {
                *place = whole;
            }
        }
        let checked = Checked {
            inventory: received.early,
            checklist: received.checklist,
        };
        Ok((book, checked))
    })
}

/// What was checked of a workbook while it was read.
#[derive(Default)]
struct Checked {
    /// The Inventory sheet's rows (see `streamed`).
    inventory: Option<Early>,
    /// The Checklist sheets, read ahead of the Inventory sheet.
    checklist: Option<FileContent>,
}

/// The signature of the headers of a file that is not our own workbook (see
/// `mapping::signature`): the key its remembered choices are found by. `None`
/// for our own workbook, and for a sheet without headers.
pub fn header_signature(book: &Book) -> Option<String> {
    let mut about = FileContent::default();
    if let Some(sheet) = book.sheet(ABOUT) {
        read_about(sheet, &mut about);
    }
    let sheet = book.sheet(INVENTORY).or_else(|| book.sheets.first())?;
    if is_ours(sheet, &about) {
        return None;
    }
    let row = mapping::header_row(sheet)?;
    Some(mapping::map_sheet(sheet, row, &ImportChoices::default()).signature)
}

/// A file read for an import: checked already when it is our own workbook; for
/// a foreign file, its sheets and the signature its remembered choices are
/// found by (see `merge::plan_file_with`).
pub enum Read {
    Checked(FileContent),
    Foreign { book: Book, signature: String },
}

/// Reads a file, and checks it at once unless it is a foreign file.
pub fn read_with_signature(path: &Path, choices: &ImportChoices) -> Result<Read, WorkbookError> {
    // A portal's catalog is read as the catalog it is, with no column mapping.
    if path.exists() && super::portal_catalog::is_catalog_json(path) {
        return read_file_with(path, choices).map(Read::Checked);
    }
    let (book, checked) = read_checking(path, &Limits::DEFAULT, choices)?;
    if book.is_csv
        && let Some(sheet) = book.sheets.first()
        && super::portal_catalog::is_pod_csv(sheet)
    {
        return read_file_with(path, choices).map(Read::Checked);
    }
    Ok(match header_signature(&book) {
        Some(signature) => Read::Foreign { book, signature },
        None => Read::Checked(parse_checked(book, choices, checked)),
    })
}

/// Checks a file's sheets with the person's choices: their fixed cells first,
/// then the department they chose for rows that name none.
pub fn parse_with_choices(book: Book, choices: &ImportChoices) -> FileContent {
    parse_checked(book, choices, Checked::default())
}

/// `parse_with_choices`, with what was checked of the Inventory sheet as it
/// was read.
fn parse_checked(mut book: Book, choices: &ImportChoices, early: Checked) -> FileContent {
    super::fixes::apply_fixes(&mut book, choices);
    let mut content = parse_book_early(&book, &Limits::DEFAULT, choices, early);
    super::fixes::apply_department(&mut content, choices.department.as_deref());
    let_go(book);
    content
}

/// Lets a big book go on another thread: freeing 100,000 rows' cells one by
/// one is a quarter of a second the import need not wait for.
fn let_go(book: Book) {
    const BIG: usize = 10_000;
    if book.sheets.iter().map(|s| s.rows.len()).sum::<usize>() >= BIG {
        std::thread::spawn(move || drop(book));
    }
}

/// Checks the sheets of a workbook already read.
pub fn parse_book(book: &Book) -> FileContent {
    parse_book_within(book, &Limits::DEFAULT)
}

/// `parse_book` with other limits than the app's.
pub fn parse_book_within(book: &Book, limits: &Limits) -> FileContent {
    parse_book_with(book, limits, &ImportChoices::default())
}

/// `parse_book_within`, with the choices the person made about the file.
pub fn parse_book_with(book: &Book, limits: &Limits, choices: &ImportChoices) -> FileContent {
    parse_book_early(book, limits, choices, Checked::default())
}

/// `parse_book_with`, taking what was checked of the Inventory sheet while the
/// file was read (`early`) rather than checking its rows again.
fn parse_book_early(
    book: &Book,
    limits: &Limits,
    choices: &ImportChoices,
    early: Checked,
) -> FileContent {
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
    match early.inventory {
        Some(inventory) => inventory.finish(sheet, &mut content, limits),
        None => read_inventory(sheet, &mut content, limits, book.is_csv, choices),
    }
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
    match early.checklist {
        Some(read) => content.take_checklist(read),
        None => {
            let mut reader = super::checklist_sheet::ChecklistReader::new();
            for sheet in checklists {
                reader.read(sheet, &mut content);
            }
        }
    }
    // Absent (an older export, another layout): the plans are left as they are.
    let plans = book
        .sheet(PUBLICATION_PLAN)
        .filter(|s| !book.is_csv && s.name != inventory);
    if let Some(sheet) = plans {
        super::plan_sheet::read_plans(sheet, &mut content);
    }
    let attributes = book
        .sheet(ATTRIBUTES)
        .filter(|s| !book.is_csv && s.name != inventory);
    if let Some(sheet) = attributes {
        super::attributes_sheet::read(sheet, &mut content);
    }
    let distributions = book
        .sheet(DISTRIBUTIONS)
        .filter(|s| !book.is_csv && s.name != inventory);
    if let Some(sheet) = distributions {
        super::distribution_sheet::read_distributions(sheet, &mut content);
    }
    // The CDO's decisions, where the CDO is told to write them; `merge`
    // settles them with the Inventory's own CDO columns (`cdo_review`).
    let reviews = book
        .sheet(CDO_REVIEW)
        .filter(|s| !book.is_csv && s.name != inventory);
    if let Some(sheet) = reviews {
        super::cdo_review::read_sheet(sheet, &mut content);
    }
    let departments = book
        .sheet(DEPARTMENTS)
        .filter(|s| !book.is_csv && s.name != inventory);
    if let Some(sheet) = departments {
        super::department_sheet::read(sheet, &mut content);
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
            "desk" if !value.is_empty() => content.desk = Some(value),
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
pub(super) fn inventory_columns<'b>(
    book: &'b mut Book,
    choices: &ImportChoices,
) -> Option<(&'b mut Sheet, usize, Vec<Option<Field>>)> {
    let mut about = FileContent::default();
    if let Some(sheet) = book.sheet(ABOUT) {
        read_about(sheet, &mut about);
    }
    let index = book
        .sheets
        .iter()
        .position(|s| s.name.eq_ignore_ascii_case(INVENTORY))
        .or((!book.sheets.is_empty()).then_some(0))?;
    // The columns as the reading finds them: our own workbook by its headers,
    // a foreign file through its mapping (with the person's choices).
    let (header_row, fields) = if is_ours(&book.sheets[index], &about) {
        find_header(&book.sheets[index])?
    } else {
        let row = mapping::header_row(&book.sheets[index])?;
        let fields = mapping::map_sheet(&book.sheets[index], row, choices).fields();
        (row, fields)
    };
    Some((&mut book.sheets[index], header_row, fields))
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

/// Whether a sheet is our own workbook's: the file has our About sheet, or its
/// header row (with Dataset Name) names only the inventory's own columns, each
/// by its exact header. Ours is read as it always was, with no mapping.
fn is_ours(sheet: &Sheet, about: &FileContent) -> bool {
    if about.export_id.is_some() {
        return true;
    }
    find_header(sheet).is_some_and(|(r, _)| {
        sheet.rows[r]
            .iter()
            .map(|c| c.text())
            .filter(|h| !h.trim().is_empty())
            .all(|h| {
                let key = crate::model::vocab::normalize(&h);
                COLUMNS
                    .iter()
                    .any(|c| crate::model::vocab::normalize(c.header) == key)
            })
    })
}

/// The problem of a sheet where no column is the datasets' names, listing the
/// columns of its real header row.
fn no_names(sheet: &Sheet, header_row: Option<usize>, mapped: bool) -> Problem {
    let found: Vec<String> = header_row
        .and_then(|r| sheet.rows.get(r))
        .map(|r| {
            r.iter()
                .map(Cell::text)
                .filter(|t| !t.trim().is_empty())
                .collect()
        })
        .unwrap_or_default();
    let none_known = found
        .iter()
        .all(|h| mapping::guess_header(h).is_none() && match_header(h).is_none());
    let found = if found.is_empty() {
        "no column headers at all".to_string()
    } else {
        shorten_list(&found)
    };
    // Each message is whole sentences: a choice in the preview first, when
    // the file is mapped, then what to change in the file.
    let (choose, or) = if mapped {
        (
            " Choose the column that holds the datasets' names in the import preview (on the command line, give it in a --map file).",
            "Or, in the file, ",
        )
    } else {
        ("", "In the file, ")
    };
    let message = if none_known {
        format!(
            "None of this sheet's columns is one this app knows, so the datasets cannot be found. The columns found are: {found}.{choose} {or}give the header row the inventory's column names, such as Dataset Name, Description and Data Classification (export a workbook from the app to see them all), then import again."
        )
    } else {
        format!(
            "This sheet has no Dataset Name column, so the datasets cannot be found. The columns found are: {found}.{choose} {or}name the column that holds the dataset names \"Dataset Name\" and import again."
        )
    };
    Problem {
        sheet: sheet.name.clone(),
        cell: String::new(),
        column: String::new(),
        message,
    }
}

/// The columns read and how: each column's field, and the header of each
/// column kept in Other Details.
struct Layout {
    header_row: usize,
    fields: Vec<Option<Field>>,
    kept: Vec<Option<String>>,
}

/// Finds the header row and each column's target: our own workbook by its
/// headers, any other file through the mapping (with the person's choices).
fn layout(sheet: &Sheet, content: &mut FileContent, choices: &ImportChoices) -> Option<Layout> {
    if is_ours(sheet, content) {
        let Some((header_row, fields)) = find_header(sheet) else {
            content
                .errors
                .push(no_names(sheet, mapping::header_row(sheet), false));
            return None;
        };
        let kept = vec![None; fields.len()];
        return Some(Layout {
            header_row,
            fields,
            kept,
        });
    }
    let Some(header_row) = mapping::header_row(sheet) else {
        content.errors.push(no_names(sheet, None, true));
        return None;
    };
    let mapping = mapping::map_sheet(sheet, header_row, choices);
    let width = sheet.rows[header_row].len();
    let mut fields = mapping.fields();
    let mut kept = mapping.kept();
    fields.resize(width.max(fields.len()), None);
    kept.resize(fields.len(), None);
    for c in &mapping.columns {
        if let Some(message) = left_aside(c) {
            content.warnings.push(problem(
                sheet,
                header_row,
                c.index,
                &shorten(&c.header),
                message,
            ));
        }
    }
    let needs_names = mapping.needs_names();
    content.mapping = Some(mapping);
    if needs_names {
        content.errors.push(no_names(sheet, Some(header_row), true));
        return None;
    }
    Some(Layout {
        header_row,
        fields,
        kept,
    })
}

/// What to say of a column of a foreign file that is in no field.
fn left_aside(column: &mapping::MappedColumn) -> Option<String> {
    use super::choices::ColumnChoice;
    let chosen = column.confidence == mapping::Confidence::Chosen;
    match column.choice {
        ColumnChoice::Field(_) => None,
        ColumnChoice::Skip => Some("not imported, as chosen".into()),
        ColumnChoice::OtherDetails if chosen => {
            Some("kept in Other Details (Column: value), as chosen".into())
        }
        ColumnChoice::OtherDetails => {
            let mut reason = column.reason.clone();
            if let Some(first) = reason.get(..1) {
                reason.replace_range(..1, &first.to_uppercase());
            }
            Some(format!("{reason} (Column: value)."))
        }
    }
}

fn read_inventory(
    sheet: &Sheet,
    content: &mut FileContent,
    limits: &Limits,
    is_csv: bool,
    choices: &ImportChoices,
) {
    let Some(Layout {
        header_row,
        mut fields,
        kept,
    }) = layout(sheet, content, choices)
    else {
        return;
    };
    let foreign = content.mapping.is_some();
    check_headers(sheet, header_row, &mut fields, content, !foreign);
    if let Some(problem) = too_many_rows(sheet, header_row, limits) {
        content.errors.push(problem);
        return;
    }
    set_columns(content, &fields, &kept);
    // In a CSV file, a value right of the last header is a row split by a
    // separator inside a value (an unquoted comma in a description): every value
    // after it sits one column right of its header. That row is held, with where.
    let mut held = if is_csv {
        rows_wider_than_header(sheet, header_row, content)
    } else {
        Vec::new()
    };
    held.extend(headers_again(sheet, header_row, content));
    held.sort_unstable();
    held.dedup();
    let (file_rows, tally) = read_rows(sheet, header_row, &fields, &kept, content, &held, choices);
    (content.value_maps, content.reinterpretations) = tally.finish(sheet, header_row);
    take_rows(sheet, header_row, &fields, file_rows, content);
}

/// The columns the sheet gives, and the fields the import takes from it.
fn set_columns(content: &mut FileContent, fields: &[Option<Field>], kept: &[Option<String>]) {
    content.columns = fields.to_vec();
    content.fields = fields
        .iter()
        .flatten()
        .copied()
        .filter(|f| *f != Field::LastUpdated)
        .collect();
    if kept.iter().any(Option::is_some) && !content.fields.contains(&Field::OtherDetails) {
        content.fields.push(Field::OtherDetails);
    }
}

/// Takes the rows read, in the sheet's order: a row whose Inventory ID an
/// earlier row has is held, not taken.
fn take_rows(
    sheet: &Sheet,
    header_row: usize,
    fields: &[Option<Field>],
    mut file_rows: Vec<FileRow>,
    content: &mut FileContent,
) {
    // The rows that give an ID an earlier row gave, found without a copy of
    // each ID; the rows stay where they are (100,000 of them are 80 MB).
    let twice: Vec<(usize, usize)> = {
        let mut seen: super::FastMap<&crate::model::InventoryId, usize> =
            super::FastMap::with_capacity_and_hasher(file_rows.len(), Default::default());
        let rows = file_rows.iter().enumerate();
        rows.filter_map(|(k, file_row)| {
            let id = file_row.dataset.id.as_ref()?;
            match seen.entry(id) {
                std::collections::hash_map::Entry::Occupied(first) => Some((k, *first.get())),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(file_row.row);
                    None
                }
            }
        })
        .collect()
    };
    if !twice.is_empty() {
        let col = fields
            .iter()
            .position(|f| *f == Some(Field::InventoryId))
            .unwrap_or(0);
        for &(k, first) in &twice {
            let file_row = &file_rows[k];
            let id = file_row.dataset.id_text();
            let problem = problem(
                sheet,
                file_row.row,
                col,
                "Inventory ID",
                format!(
                    "The Inventory ID {id} is also on row {}. Each dataset must appear once: delete one of the two rows, or empty the ID of a row that is a new dataset.",
                    first + 1
                ),
            );
            let held = hold_inventory_row(sheet, header_row, file_row.row, fields, vec![problem]);
            content.held.push(held);
        }
        let held: HashSet<usize> = twice.iter().map(|(k, _)| *k).collect();
        let mut k = 0;
        file_rows.retain(|_| {
            k += 1;
            !held.contains(&(k - 1))
        });
    }
    if content.rows.is_empty() {
        content.rows = file_rows;
    } else {
        content.rows.append(&mut file_rows);
    }
    content.held.sort_by_key(|h| h.row);
}

/// The rows below the header that repeat it (two files pasted one under the
/// other, a header printed on every page): not datasets, so not read, each
/// with a note of where.
fn headers_again(sheet: &Sheet, header_row: usize, content: &mut FileContent) -> Vec<usize> {
    let header = HeaderRow::of(sheet, header_row);
    let mut again = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        if header.is_repeated_by(row) {
            content.warnings.push(HeaderRow::repeated(sheet, r));
            again.push(r);
        }
    }
    again
}

/// The header row's texts, to tell a row that repeats it.
struct HeaderRow {
    texts: Vec<String>,
}

impl HeaderRow {
    fn of(sheet: &Sheet, header_row: usize) -> Self {
        let texts = sheet.rows[header_row]
            .iter()
            .map(|c| c.text().trim().to_lowercase())
            .collect();
        HeaderRow { texts }
    }

    /// Whether a row has values and each is its column's header.
    fn is_repeated_by(&self, row: &[Cell]) -> bool {
        row.iter().any(|c| !c.is_empty())
            && row.iter().enumerate().all(|(c, cell)| {
                cell.is_empty()
                    || self
                        .texts
                        .get(c)
                        .is_some_and(|h| *h == cell.text().trim().to_lowercase())
            })
    }

    /// The note of row `r`, which repeats the header.
    fn repeated(sheet: &Sheet, r: usize) -> Problem {
        problem(
            sheet,
            r,
            0,
            "",
            format!(
                "Row {} repeats the header row, so it is not a dataset: it was not read.",
                count_text(r + 1)
            ),
        )
    }
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
/// the sheet's order. Also counts the values read other than as written.
fn read_rows(
    sheet: &Sheet,
    header_row: usize,
    fields: &[Option<Field>],
    kept: &[Option<String>],
    content: &mut FileContent,
    held: &[usize],
    choices: &ImportChoices,
) -> (Vec<FileRow>, Tally) {
    const ROWS_PER_THREAD: usize = 2_000;
    let body: Vec<usize> = (header_row + 1..sheet.rows.len())
        .filter(|r| !sheet.rows[*r].iter().all(Cell::is_empty))
        .filter(|r| held.binary_search(r).is_err())
        .collect();
    let halves = body.len().div_ceil(2).max(ROWS_PER_THREAD);
    let reader = RowReader {
        sheet,
        header_row,
        fields,
        kept,
        choices,
        foreign: content.mapping.is_some(),
    };
    let reader = &reader;
    let parsed: Vec<(Vec<FileRow>, Vec<HeldRow>, Vec<Problem>, Tally)> = std::thread::scope(
        |scope| {
            let workers: Vec<_> = body
                .chunks(halves)
                .map(|chunk| {
                    scope.spawn(move || {
                        // Each row's problems are its own: a row with any is held.
                        let mut rows = Vec::with_capacity(chunk.len());
                        let mut held = Vec::new();
                        let mut tally = Tally::default();
                        for r in chunk {
                            let mut scratch = FileContent::default();
                            let row = reader.read_row(*r, &mut scratch, &mut tally);
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
                        (rows, held, Vec::new(), tally)
                    })
                })
                .collect();
            workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| {
                    let message = "Part of this sheet could not be read; nothing was imported. Save the file again from your spreadsheet program and retry.";
                    (Vec::new(), Vec::new(), vec![Problem { sheet: sheet.name.clone(), cell: String::new(), column: String::new(), message: message.into() }], Tally::default())
                })
            })
            .collect()
        },
    );
    let mut rows = Vec::with_capacity(body.len());
    let mut all = Tally::default();
    for (part, held, errors, tally) in parsed {
        rows.extend(part);
        content.held.extend(held);
        content.errors.extend(errors);
        all.merge(tally);
    }
    (rows, all)
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
    warn_unknown: bool,
) {
    let mut seen: Vec<(Field, usize)> = Vec::new();
    for (c, cell) in sheet.rows[header_row].iter().enumerate() {
        let header = cell.text();
        match fields[c] {
            None if warn_unknown && !header.trim().is_empty() => {
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

/// What reading one row needs: where the header is, each column's field, and
/// the choices made about the file's values.
struct RowReader<'a> {
    sheet: &'a Sheet,
    header_row: usize,
    fields: &'a [Option<Field>],
    /// The header of each column kept in Other Details (`Column: value`).
    kept: &'a [Option<String>],
    choices: &'a ImportChoices,
    /// A file that is not our own workbook: what it writes in a date, email or
    /// Yes column that is none of those ("Spring 2001", "2011?") is what the
    /// department wrote, kept as written, not a typo to fix before import.
    foreign: bool,
}

impl RowReader<'_> {
    fn read_row(&self, r: usize, content: &mut FileContent, tally: &mut Tally) -> Option<FileRow> {
        let (sheet, fields) = (self.sheet, self.fields);
        let mut dataset = Dataset::default();
        let mut ok = true;
        let mut name_cell_error = false;
        // Values no field takes, as `Column: value` lines for Other Details.
        let mut kept: Vec<String> = Vec::new();
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
            let read = match read_value(&mut dataset, field, &text, self.choices) {
                Err(e) if self.foreign && keeps_when_foreign(field, &e) => {
                    Ok(super::values::Reading::Kept)
                }
                read => read,
            };
            match read {
                Ok(reading) => {
                    if reading.is_kept() {
                        let file_header = sheet.cell(self.header_row, c).text();
                        let file_header = match file_header.trim() {
                            "" => header.to_string(),
                            h => h.to_string(),
                        };
                        kept.push(format!("{file_header}: {}", text.trim()));
                    }
                    tally.add(c, field, &text, reading, r);
                }
                Err(e) => {
                    content.errors.push(problem(
                        sheet,
                        r,
                        c,
                        header,
                        shorten_quoted(&e.to_string()),
                    ));
                    ok = false;
                }
            }
        }
        kept.extend(self.kept_columns(r));
        if !kept.is_empty() && !keep_in_other_details(&mut dataset, &kept) {
            let c = fields
                .iter()
                .position(|f| *f == Some(Field::OtherDetails))
                .unwrap_or(0);
            content.errors.push(problem(sheet, r, c, "Other Details", format!(
                "This row's values that fit no column ({}) are too long to keep in Other Details: a cell holds at most {} characters. Shorten them and import again.",
                shorten_list(&kept),
                count_text(crate::model::dataset::MAX_TEXT)
            )));
            ok = false;
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
        // Our own workbook's rows are compared with the stored datasets by
        // this hash (see `merge::first_pass`); a foreign file's rows have no
        // IDs to compare by.
        let content_hash = (!self.foreign).then(|| dataset.content_hash());
        ok.then_some(FileRow {
            row: r,
            dataset,
            distributions: None,
            content_hash,
        })
    }
}

impl RowReader<'_> {
    /// The row's values of the columns kept in Other Details, as `Column: value`
    /// lines (a file's own Other Details column as it is).
    fn kept_columns(&self, r: usize) -> impl Iterator<Item = String> + '_ {
        self.kept.iter().enumerate().filter_map(move |(c, header)| {
            let header = header.as_ref()?;
            let cell = self.sheet.cell(r, c);
            if cell.is_empty() {
                return None;
            }
            let text = cell.as_text();
            Some(
                if header.eq_ignore_ascii_case(Field::OtherDetails.header()) {
                    text.trim().to_string()
                } else {
                    // The value is kept whole; a header is only its label.
                    format!("{}: {}", shorten(header.trim()), text.trim())
                },
            )
        })
    }
}

/// Whether a value a field refuses is kept as written in Other Details when the
/// file is not our own workbook: anything but the name, the ID, and a value too
/// long for any cell.
fn keeps_when_foreign(field: Field, refused: &crate::model::dataset::FieldError) -> bool {
    !matches!(
        field,
        Field::Name | Field::InventoryId | Field::OtherDetails
    ) && !matches!(refused, crate::model::dataset::FieldError::TooLong { .. })
}

/// Adds the kept lines to the dataset's Other Details, after what the file's
/// own Other Details column says (a line already there is not repeated).
/// `false` when they do not fit in a cell.
fn keep_in_other_details(dataset: &mut Dataset, kept: &[String]) -> bool {
    // The lines already there, looked up at once: a row of 1,000 columns kept
    // aside compared each line with all the others (minutes for a file).
    let mut seen: std::collections::HashSet<&str> = dataset.other_details.lines().collect();
    let mut details = dataset.other_details.clone();
    for line in kept {
        if !seen.insert(line.as_str()) {
            continue;
        }
        if !details.is_empty() {
            details.push('\n');
        }
        details.push_str(line);
    }
    dataset.set(Field::OtherDetails, &details).is_ok()
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
