//! Reads the `Publication Plan` sheet of a returned workbook: one dataset's
//! publication plan a row, each cell checked and every problem located like
//! the Inventory's. Whether a row changes anything is for `merge` to say.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::cell_ref;
use super::columns::{PLAN_HEADERS, plan_col as col};
use super::content::{FileContent, FilePlan, Problem, problem};
use super::read::{Cell, Sheet};
use crate::model::dataset::{MAX_TEXT, clean_text, shorten};
use crate::model::dates::parse_date;
use crate::model::vocab::normalize;
use crate::model::{InventoryId, PublicationPlan, Tactic};

/// For each of `PLAN_HEADERS`, the sheet column that holds it.
type Columns = [Option<usize>; PLAN_HEADERS.len()];

/// Reads the Publication Plan sheet into `content.plans`, its problems into
/// `content.errors` and `content.warnings`.
pub(super) fn read_plans(sheet: &Sheet, content: &mut FileContent) {
    let Some((header_row, columns)) = find_header(sheet) else {
        content.warnings.push(Problem {
            sheet: sheet.name.clone(),
            cell: String::new(),
            column: String::new(),
            message: "This sheet has no Inventory ID column next to the plan's columns, so its plans were not read. Keep its header row as the app wrote it.".into(),
        });
        return;
    };
    warn_unknown_headers(sheet, header_row, &columns, content);
    let mut seen: HashMap<InventoryId, usize> = HashMap::new();
    for r in header_row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Cell::is_empty) {
            continue;
        }
        let Some(plan) = read_row(sheet, r, &columns, content) else {
            continue;
        };
        if let Some(first) = seen.insert(plan.id.clone(), r) {
            let c = columns[col::ID].unwrap_or(0);
            content.errors.push(problem(sheet, r, c, PLAN_HEADERS[col::ID], format!(
                "The dataset {} has a plan on row {} too. Keep one of the two rows and delete the other.",
                plan.id,
                first + 1
            )));
            continue;
        }
        content.plans.push(plan);
    }
}

/// The header row (in the first ten) that names the most of the sheet's
/// columns, among those that name Inventory ID and at least one part of the
/// plan.
fn find_header(sheet: &Sheet) -> Option<(usize, Columns)> {
    let keys: Vec<String> = PLAN_HEADERS.iter().map(|h| normalize(h)).collect();
    let mut best: Option<(usize, Columns, usize)> = None;
    for (r, row) in sheet.rows.iter().take(10).enumerate() {
        let mut columns: Columns = [None; PLAN_HEADERS.len()];
        for (c, cell) in row.iter().enumerate() {
            let key = normalize(&cell.text());
            if let Some(i) = keys.iter().position(|k| *k == key) {
                columns[i].get_or_insert(c);
            }
        }
        let parts = (0..PLAN_HEADERS.len())
            .filter(|i| *i != col::ID && *i != col::NAME)
            .filter(|i| columns[*i].is_some())
            .count();
        if columns[col::ID].is_none() || parts == 0 {
            continue;
        }
        let score = columns.iter().flatten().count();
        if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
            best = Some((r, columns, score));
        }
    }
    best.map(|(r, c, _)| (r, c))
}

/// Headers the app does not know, or that repeat, are read past with a warning.
fn warn_unknown_headers(
    sheet: &Sheet,
    header_row: usize,
    columns: &Columns,
    content: &mut FileContent,
) {
    for (c, cell) in sheet.rows[header_row].iter().enumerate() {
        let header = cell.text();
        let header = header.trim();
        if header.is_empty() || columns.contains(&Some(c)) {
            continue;
        }
        let repeated = PLAN_HEADERS
            .iter()
            .any(|h| normalize(h) == normalize(header));
        let message = if repeated {
            "a second column with this name, ignored: only the first is read"
        } else {
            "unknown column, ignored"
        };
        content
            .warnings
            .push(problem(sheet, header_row, c, header, message));
    }
}

/// One row, checked; `None` when it has a problem (reported).
fn read_row(
    sheet: &Sheet,
    r: usize,
    columns: &Columns,
    content: &mut FileContent,
) -> Option<FilePlan> {
    let mut row = Row {
        sheet,
        r,
        columns,
        errors: Vec::new(),
    };
    if !row.spreadsheet_errors() {
        content.errors.append(&mut row.errors);
        return None;
    }
    let id = row.id();
    let tactics = row.tactics();
    let announce_on = row.date(col::ANNOUNCE_ON);
    let announced_by = row.words(col::ANNOUNCED_BY);
    let maintained_by = row.words(col::MAINTAINED_BY);
    let published_on = row.date(col::PUBLISHED_ON);
    let last_refreshed = row.date(col::LAST_REFRESHED);
    content.errors.append(&mut row.errors);
    let plan = PublicationPlan {
        tactics: tactics?,
        announce_on: announce_on?,
        announced_by: announced_by?,
        maintained_by: maintained_by?,
        published_on: published_on?,
        last_refreshed: last_refreshed?,
    };
    Some(FilePlan {
        sheet: sheet.name.clone(),
        row: r,
        id_cell: cell_ref(r, columns[col::ID].unwrap_or(0)),
        id: id?,
        plan,
        given: columns.map(|c| c.is_some()),
    })
}

/// The cells of one row, and the problems found in them.
struct Row<'a> {
    sheet: &'a Sheet,
    r: usize,
    columns: &'a Columns,
    errors: Vec<Problem>,
}

impl Row<'_> {
    /// The cell under one of the plan's columns (empty if the sheet lacks it).
    fn cell(&self, c: usize) -> &Cell {
        match self.columns[c] {
            Some(sc) => self.sheet.cell(self.r, sc),
            None => &Cell::Empty,
        }
    }

    fn text(&self, c: usize) -> String {
        self.cell(c).text().trim().to_string()
    }

    fn error(&mut self, c: usize, message: String) {
        let sc = self.columns[c].unwrap_or(0);
        let header = PLAN_HEADERS[c];
        self.errors
            .push(problem(self.sheet, self.r, sc, header, message));
    }

    /// Reports cells that show a spreadsheet error (#REF!…); false if any does.
    /// Dataset Name is not read, so its cell does not count.
    fn spreadsheet_errors(&mut self) -> bool {
        for c in (0..PLAN_HEADERS.len()).filter(|c| *c != col::NAME) {
            if let Cell::Error(e) = self.cell(c) {
                let message = format!(
                    "The cell shows the spreadsheet error {e}. Replace it with a value or clear it."
                );
                self.error(c, message);
            }
        }
        self.errors.is_empty()
    }

    fn id(&mut self) -> Option<InventoryId> {
        let text = self.text(col::ID);
        if text.is_empty() {
            self.error(col::ID, "This row has no Inventory ID. Copy the dataset's Inventory ID from the Inventory sheet, or clear the whole row.".into());
            return None;
        }
        let id = text.parse().ok();
        if id.is_none() {
            self.error(col::ID, format!(
                "\"{}\" is not an Inventory ID: it should look like ABC-0001, as on the Inventory sheet. Correct it, or clear the whole row.",
                shorten(&text)
            ));
        }
        id
    }

    fn tactics(&mut self) -> Option<Vec<Tactic>> {
        let text = self.text(col::TACTICS);
        match PublicationPlan::parse_tactics(&text) {
            Ok(tactics) => Some(tactics),
            Err(why) => {
                self.error(col::TACTICS, format!(
                    "{why} Write one or more of them, separated by semicolons (Blog post; Press release), or clear the cell."
                ));
                None
            }
        }
    }

    /// A name or a team, cleaned as the Inventory's text is.
    fn words(&mut self, c: usize) -> Option<String> {
        let text = clean_text(&self.cell(c).as_text());
        let length = text.chars().count();
        if length > MAX_TEXT {
            self.error(c, format!(
                "This cell is {length} characters long; a spreadsheet cell holds at most {MAX_TEXT}. Shorten it."
            ));
            return None;
        }
        Some(text)
    }

    /// `Some(None)`: no date given.
    fn date(&mut self, c: usize) -> Option<Option<NaiveDate>> {
        let text = self.text(c);
        if text.is_empty() {
            return Some(None);
        }
        let date = parse_date(&text);
        if date.is_none() {
            self.error(
                c,
                format!(
                    "\"{}\" is not a date. Write the day, like 2024-03-31, or clear the cell.",
                    shorten(&text)
                ),
            );
            return None;
        }
        Some(date)
    }
}
