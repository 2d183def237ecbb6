//! Reads the `Checklist` sheet(s) of a returned workbook: one answered check a
//! row, each cell checked and every problem located like the Inventory's.
//! Whether a row changes anything is for `merge` to say.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::cell_ref;
use super::columns::{CHECKLIST_HEADERS, checklist_col as col, column};
use super::content::{FileCheck, FileContent, Problem, problem};
use super::read::{Cell, Sheet};
use crate::model::dataset::{MAX_TEXT, clean_text, shorten};
use crate::model::dates::parse_date;
use crate::model::vocab::{Vocabulary, normalize};
use crate::model::{CheckAnswer, InventoryId};
use crate::questions::{Bank, Question};

/// Where each check was first seen in the file: (ID, question id) → (sheet, row).
pub(super) type Seen = HashMap<(InventoryId, String), (String, usize)>;

/// For each of `CHECKLIST_HEADERS`, the sheet column that holds it.
type Columns = [Option<usize>; CHECKLIST_HEADERS.len()];

/// Reads one Checklist sheet into `content.checks`, its problems into
/// `content.errors` and `content.warnings`.
pub(super) fn read_checklist(sheet: &Sheet, content: &mut FileContent, seen: &mut Seen) {
    let Some((header_row, columns)) = find_header(sheet) else {
        content.warnings.push(Problem {
            sheet: sheet.name.clone(),
            cell: String::new(),
            column: String::new(),
            message: "This sheet has no Inventory ID, Question and Answer columns, so its answers were not read. Keep its header row as the app wrote it.".into(),
        });
        return;
    };
    warn_unknown_headers(sheet, header_row, &columns, content);
    let questions = QuestionIndex::new();
    for r in header_row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Cell::is_empty) {
            continue;
        }
        let Some(check) = read_row(sheet, r, &columns, &questions, content) else {
            continue;
        };
        let key = (check.id.clone(), check.question_id.clone());
        if let Some((first_sheet, first_row)) = seen.get(&key) {
            let place = if *first_sheet == sheet.name {
                format!("row {}", first_row + 1)
            } else {
                format!("the sheet {first_sheet}, row {}", first_row + 1)
            };
            let c = columns[col::QUESTION].unwrap_or(0);
            content.errors.push(problem(sheet, r, c, CHECKLIST_HEADERS[col::QUESTION], format!(
                "This question is answered for {} on {place} too. Keep one of the two rows and delete the other.",
                check.id
            )));
            continue;
        }
        seen.insert(key, (sheet.name.clone(), r));
        content.checks.push(check);
    }
}

/// The header row (in the first ten) that names the most of the sheet's
/// columns, among those that name Inventory ID, Question and Answer.
fn find_header(sheet: &Sheet) -> Option<(usize, Columns)> {
    let keys: Vec<String> = CHECKLIST_HEADERS.iter().map(|h| normalize(h)).collect();
    let mut best: Option<(usize, Columns, usize)> = None;
    for (r, row) in sheet.rows.iter().take(10).enumerate() {
        let mut columns: Columns = [None; CHECKLIST_HEADERS.len()];
        for (c, cell) in row.iter().enumerate() {
            let key = normalize(&cell.text());
            if let Some(i) = keys.iter().position(|k| *k == key) {
                columns[i].get_or_insert(c);
            }
        }
        let required = [col::ID, col::QUESTION, col::ANSWER];
        if required.iter().any(|i| columns[*i].is_none()) {
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
        let repeated = CHECKLIST_HEADERS
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

/// The bank's checks, found by their words (ignoring case, spaces and
/// punctuation) or by their id.
struct QuestionIndex {
    by_id: HashMap<&'static str, &'static Question>,
    by_words: HashMap<String, &'static Question>,
}

impl QuestionIndex {
    fn new() -> Self {
        let bank = Bank::checklist();
        let mut by_words = HashMap::new();
        for q in &bank.questions {
            by_words.insert(normalize(&q.text), q);
        }
        for q in &bank.questions {
            by_words.entry(normalize(&q.id)).or_insert(q);
        }
        QuestionIndex {
            by_id: bank.questions.iter().map(|q| (q.id.as_str(), q)).collect(),
            by_words,
        }
    }

    fn find(&self, text: &str) -> Option<&'static Question> {
        let text = text.trim();
        self.by_id
            .get(text)
            .or_else(|| self.by_words.get(&normalize(text)))
            .copied()
    }
}

/// One row, checked; `None` when it has a problem (reported).
fn read_row(
    sheet: &Sheet,
    r: usize,
    columns: &Columns,
    questions: &QuestionIndex,
    content: &mut FileContent,
) -> Option<FileCheck> {
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
    let question = row.question(questions);
    let answer = row.answer();
    let note = row.note();
    let on = row.answered_on();
    content.errors.append(&mut row.errors);
    Some(FileCheck {
        sheet: sheet.name.clone(),
        row: r,
        id_cell: cell_ref(r, columns[col::ID].unwrap_or(0)),
        id: id?,
        question_id: question?.id.clone(),
        answer: answer?,
        note: note?,
        on: on?,
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
    /// The cell under one of the checklist's columns (empty if the sheet lacks it).
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
        let header = CHECKLIST_HEADERS[c];
        self.errors
            .push(problem(self.sheet, self.r, sc, header, message));
    }

    /// Reports cells that show a spreadsheet error (#REF!…); false if any does.
    fn spreadsheet_errors(&mut self) -> bool {
        for c in 0..CHECKLIST_HEADERS.len() {
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

    fn question(&mut self, questions: &QuestionIndex) -> Option<&'static Question> {
        let text = self.text(col::QUESTION);
        if text.is_empty() {
            self.error(col::QUESTION, "This row has no question. Keep the question as the app wrote it, or clear the whole row.".into());
            return None;
        }
        let Some(question) = questions.find(&text) else {
            self.error(col::QUESTION, format!(
                "\"{}\" is not a question of the data submission checklist. Keep the question as the app wrote it, or clear the whole row.",
                shorten(&text)
            ));
            return None;
        };
        if !question.is_check() {
            let place = match question.field() {
                Some(field) => format!("in the Inventory sheet's {} column", column(field).header),
                None => "in the app".to_string(),
            };
            self.error(col::QUESTION, format!(
                "\"{}\" is not a Yes, No or Not applicable question: its answer goes {place}. Move it there, and clear this row.",
                question.text
            ));
            return None;
        }
        Some(question)
    }

    /// `Some(None)`: blank, not answered.
    fn answer(&mut self) -> Option<Option<CheckAnswer>> {
        let text = self.text(col::ANSWER);
        if text.is_empty() {
            return Some(None);
        }
        let answer = CheckAnswer::parse(&text);
        if answer.is_none() {
            self.error(col::ANSWER, format!(
                "\"{}\" is not an answer to a check. Choose Yes, No or Not applicable from the list, or clear the cell.",
                shorten(&text)
            ));
            return None;
        }
        Some(answer)
    }

    fn note(&mut self) -> Option<String> {
        let note = clean_text(&self.cell(col::NOTE).as_text());
        let length = note.chars().count();
        if length > MAX_TEXT {
            self.error(col::NOTE, format!(
                "This note is {length} characters long; a spreadsheet cell holds at most {MAX_TEXT}. Shorten it."
            ));
            return None;
        }
        Some(note)
    }

    /// `Some(None)`: no date given.
    fn answered_on(&mut self) -> Option<Option<NaiveDate>> {
        let text = self.text(col::ANSWERED_ON);
        if text.is_empty() {
            return Some(None);
        }
        let date = parse_date(&text);
        if date.is_none() {
            self.error(col::ANSWERED_ON, format!(
                "\"{}\" is not a date. Write the day the answer was given, like 2024-03-31, or clear the cell.",
                shorten(&text)
            ));
            return None;
        }
        Some(date)
    }
}
