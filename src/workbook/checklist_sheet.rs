//! Reads the `Checklist` sheet(s) of a returned workbook: one answered check a
//! row, each cell checked and every problem located like the Inventory's.
//! Whether a row changes anything is for `merge` to say.

use super::FastMap;
use super::columns::{CHECKLIST_HEADERS, checklist_col as col, column};
use super::content::{FileCheck, FileContent};
use super::read::Sheet;
use super::side_sheet::Need::{Optional, Required};
use super::side_sheet::{Cells, SideSheet, SideTable};
use crate::model::dataset::shorten;
use crate::model::vocab::{Vocabulary, normalize};
use crate::model::{CheckAnswer, InventoryId};
use crate::questions::{Bank, Question};

const N: usize = CHECKLIST_HEADERS.len();

/// The cells of one row.
type Row<'a> = Cells<'a, N>;

/// The sheet's columns (Inventory ID, Section, Question, Answer, Note, Answered
/// On): an answer is read only next to its dataset and its question. Section
/// is there for people, but a spreadsheet error in it is still one.
const TABLE: SideTable<N> = SideTable::new(
    &CHECKLIST_HEADERS,
    [Required, Optional, Required, Required, Optional, Optional],
    "This sheet has no Inventory ID, Question and Answer columns, so its answers were not read. Keep its header row as the app wrote it.",
);

/// Reads a workbook's Checklist sheets, one after the other (`Checklist`,
/// `Checklist (2)` …), remembering where each check was first answered.
pub(super) struct ChecklistReader {
    /// (ID, question id) → (the sheet's place in `sheets`, row).
    seen: FastMap<(InventoryId, &'static str), (usize, usize)>,
    sheets: Vec<String>,
    questions: QuestionIndex,
}

impl ChecklistReader {
    pub(super) fn new() -> Self {
        ChecklistReader {
            seen: FastMap::default(),
            sheets: Vec::new(),
            questions: QuestionIndex::new(),
        }
    }

    /// Reads one Checklist sheet into `content.checks`, its problems into
    /// `content.errors`, `content.warnings` and `content.held`.
    pub(super) fn read(&mut self, sheet: &Sheet, content: &mut FileContent) {
        let Some(side) = TABLE.open(sheet, content) else {
            return;
        };
        let this = self.sheets.len();
        self.sheets.push(sheet.name.clone());
        // One name for the sheet's rows: a city's file has a row per dataset
        // and question.
        let name: std::sync::Arc<str> = sheet.name.as_str().into();
        self.seen.reserve(sheet.rows.len());
        content.checks.reserve(sheet.rows.len());
        for r in side.rows() {
            let Some((check, question)) = read_row(&side, r, &name, &self.questions, content)
            else {
                continue;
            };
            let key = (check.id.clone(), question.id.as_str());
            if let Some(&(first_sheet, first_row)) = self.seen.get(&key) {
                let place = if first_sheet == this {
                    format!("row {}", first_row + 1)
                } else {
                    format!(
                        "the sheet {}, row {}",
                        self.sheets[first_sheet],
                        first_row + 1
                    )
                };
                let twice = side.problem(r, col::QUESTION, format!(
                    "This question is answered for {} on {place} too. Keep one of the two rows and delete the other.",
                    check.id
                ));
                side.hold(r, vec![twice], content);
                continue;
            }
            self.seen.insert(key, (this, r));
            content.checks.push(check);
        }
    }
}

/// The bank's checks, found by their words (ignoring case, spaces and
/// punctuation) or by their id.
struct QuestionIndex {
    by_id: FastMap<&'static str, &'static Question>,
    /// Each question as the app writes it: most rows, found without
    /// normalizing their words (a city's workbook has a row per dataset and
    /// question).
    by_text: FastMap<&'static str, &'static Question>,
    by_words: FastMap<String, &'static Question>,
}

impl QuestionIndex {
    fn new() -> Self {
        let bank = Bank::checklist();
        let mut by_words = FastMap::default();
        for q in &bank.questions {
            by_words.insert(normalize(&q.text), q);
        }
        for q in &bank.questions {
            by_words.entry(normalize(&q.id)).or_insert(q);
        }
        QuestionIndex {
            by_id: bank.questions.iter().map(|q| (q.id.as_str(), q)).collect(),
            by_text: bank
                .questions
                .iter()
                .map(|q| (q.text.as_str(), q))
                .collect(),
            by_words,
        }
    }

    fn find(&self, text: &str) -> Option<&'static Question> {
        let text = text.trim();
        self.by_text
            .get(text)
            .or_else(|| self.by_id.get(text))
            .or_else(|| self.by_words.get(&normalize(text)))
            .copied()
    }
}

/// One row, checked, with its question; `None` when it has a problem
/// (reported).
fn read_row(
    side: &SideSheet<'_, N>,
    r: usize,
    sheet: &std::sync::Arc<str>,
    questions: &QuestionIndex,
    content: &mut FileContent,
) -> Option<(FileCheck, &'static Question)> {
    side.read_row(r, content, |cells| {
        let id = cells.id(col::ID);
        let question = question(cells, questions);
        let answer = answer(cells);
        let note = cells.words(col::NOTE, "note");
        let on = cells.date(col::ANSWERED_ON, "the day the answer was given");
        let question = question?;
        let check = FileCheck {
            sheet: sheet.clone(),
            row: r,
            id_column: side.sheet_column(col::ID),
            id: id?,
            question_id: question.id.clone(),
            answer: answer?,
            note: note?,
            on: on?,
        };
        Some((check, question))
    })
}

fn question(cells: &mut Row<'_>, questions: &QuestionIndex) -> Option<&'static Question> {
    let text = cells.text(col::QUESTION);
    if text.is_empty() {
        cells.error(col::QUESTION, "This row has no question. Keep the question as the app wrote it, or clear the whole row.".into());
        return None;
    }
    let Some(question) = questions.find(&text) else {
        cells.error(col::QUESTION, format!(
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
        cells.error(col::QUESTION, format!(
            "\"{}\" is not a Yes, No or Not applicable question: its answer goes {place}. Move it there, and clear this row.",
            question.text
        ));
        return None;
    }
    Some(question)
}

/// `Some(None)`: blank, not answered.
fn answer(cells: &mut Row<'_>) -> Option<Option<CheckAnswer>> {
    let text = cells.text(col::ANSWER);
    if text.is_empty() {
        return Some(None);
    }
    let answer = CheckAnswer::parse(&text);
    if answer.is_none() {
        cells.error(col::ANSWER, format!(
            "\"{}\" is not an answer to a check. Choose Yes, No or Not applicable from the list, or clear the cell.",
            shorten(&text)
        ));
        return None;
    }
    Some(answer)
}
