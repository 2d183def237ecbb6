//! What a file holds once read and checked: its datasets, its checklist answers
//! and publication plans, and every problem found in it, located by sheet, cell
//! and column. `import` fills a `FileContent`, with the side-sheet readers
//! (`checklist_sheet`, `plan_sheet`) adding their rows; `merge` reads it. The
//! types live here, below all of them, so that none of those modules needs
//! another's.

use chrono::NaiveDate;

use super::cell_ref;
use super::columns::{PLAN_HEADERS, plan_col as col};
use super::read::Sheet;
use super::values::{Reinterpretation, ValueMap};
use crate::model::{
    CheckAnswer, DataSource, Dataset, Distribution, Field, InventoryId, PublicationPlan,
};

pub use super::held::{HeldRow, RowProblem};

/// One problem found in a file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub sheet: String,
    /// A cell reference such as `C7`; empty when the problem is the whole file.
    pub cell: String,
    /// The column's header, when the problem is in a column.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.cell.is_empty(), self.column.is_empty()) {
            (true, _) => write!(f, "{}: {}", self.sheet, self.message),
            (false, true) => write!(f, "{} {}: {}", self.sheet, self.cell, self.message),
            (false, false) => write!(
                f,
                "{} {} ({}): {}",
                self.sheet, self.cell, self.column, self.message
            ),
        }
    }
}

/// A problem in one cell of a sheet (0-based row and column).
pub(super) fn problem(
    sheet: &Sheet,
    row: usize,
    col: usize,
    column: &str,
    message: impl Into<String>,
) -> Problem {
    Problem {
        sheet: sheet.name.clone(),
        cell: cell_ref(row, col),
        column: column.to_string(),
        message: message.into(),
    }
}

/// One dataset row of the file.
#[derive(Debug, Clone)]
pub struct FileRow {
    /// The row's 0-based index in the sheet (row 7 in Excel is 6).
    pub row: usize,
    pub dataset: Dataset,
    /// The dataset's distributions, when the file gives them (a catalog, or a
    /// workbook with a Distributions sheet): they replace the dataset's list.
    /// `None`: the file says nothing of them, and the list is left as it is.
    pub distributions: Option<Vec<Distribution>>,
    /// The dataset's `content_hash`, taken as the row was checked while it was
    /// fresh (our own workbook's rows); `None` once anything changed the
    /// dataset (`dataset_mut`), or when not taken. It spares the import a
    /// field-by-field compare with the stored dataset, 100,000 times.
    pub content_hash: Option<u64>,
}

impl FileRow {
    /// The dataset, to change it: the hash taken of it no longer holds.
    pub fn dataset_mut(&mut self) -> &mut Dataset {
        self.content_hash = None;
        &mut self.dataset
    }
}

/// One answer of the file's `Checklist` sheet, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    /// Shared by the sheet's rows: a city's workbook has a row per dataset
    /// and question.
    pub sheet: std::sync::Arc<str>,
    /// The row's 0-based index in the sheet.
    pub row: usize,
    /// The sheet's column (0-based) that holds the row's Inventory ID, for a
    /// problem found against the inventory later (see `id_cell`).
    pub id_column: usize,
    pub id: InventoryId,
    pub question_id: String,
    /// `None` with an empty note: the check is not answered.
    pub answer: Option<CheckAnswer>,
    pub note: String,
    /// Answered On, when the file gives one.
    pub on: Option<NaiveDate>,
}

impl FileContent {
    /// Takes in what was read of the Checklist sheets apart (ahead of the
    /// Inventory sheet, on another thread), as reading them here would have.
    pub(super) fn take_checklist(&mut self, read: FileContent) {
        self.errors.extend(read.errors);
        self.warnings.extend(read.warnings);
        self.held.extend(read.held);
        self.checks.extend(read.checks);
    }
}

impl FileCheck {
    /// Where the row's Inventory ID is (`A2`). Written out only for a
    /// problem: a city's workbook has a row per dataset and question.
    pub fn id_cell(&self) -> String {
        super::cell_ref(self.row, self.id_column)
    }
}

/// One row of the file's `Publication Plan` sheet, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePlan {
    pub sheet: String,
    /// The row's 0-based index in the sheet.
    pub row: usize,
    /// Where the row's Inventory ID is (`A2`), for a problem found against the
    /// inventory later.
    pub id_cell: String,
    pub id: InventoryId,
    /// The plan as the row gives it.
    pub plan: PublicationPlan,
    /// Which of `PLAN_HEADERS` the sheet has a column for: a column someone
    /// deleted leaves that part of the plan as it is.
    pub given: [bool; PLAN_HEADERS.len()],
}

impl FilePlan {
    /// The plan as it would be saved: the row's values over `old`'s, for the
    /// columns the sheet has.
    pub fn over(&self, old: &PublicationPlan) -> PublicationPlan {
        let mut plan = old.clone();
        let file = &self.plan;
        let given = |c: usize| self.given[c];
        if given(col::TACTICS) {
            plan.tactics = file.tactics.clone();
        }
        if given(col::ANNOUNCE_ON) {
            plan.announce_on = file.announce_on;
        }
        if given(col::ANNOUNCED_BY) {
            plan.announced_by = file.announced_by.clone();
        }
        if given(col::MAINTAINED_BY) {
            plan.maintained_by = file.maintained_by.clone();
        }
        if given(col::PUBLISHED_ON) {
            plan.published_on = file.published_on;
        }
        if given(col::LAST_REFRESHED) {
            plan.last_refreshed = file.last_refreshed;
        }
        plan
    }
}

/// One row of the file's `CDO Review` sheet, checked: the CDO's columns it
/// gives for a dataset (see `cdo_review` for how they meet the Inventory's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReview {
    pub sheet: String,
    /// The row's 0-based index in the sheet.
    pub row: usize,
    /// The sheet's column (0-based) that holds the Inventory ID.
    pub id_column: usize,
    pub id: InventoryId,
    /// Each of the CDO's columns the sheet has: the field, its value as the
    /// app writes it, and the sheet's column (0-based) that holds it. The
    /// cells are named (`G2`) only for a problem: a city's sheet has 100,000 rows.
    pub values: Vec<(Field, String, usize)>,
}

impl FileReview {
    /// Where the row's cell in `column` is (`G2`).
    pub fn cell(&self, column: usize) -> String {
        super::cell_ref(self.row, column)
    }
}

/// What a file holds once read and checked.
#[derive(Debug, Clone, Default)]
pub struct FileContent {
    pub sheet: String,
    pub rows: Vec<FileRow>,
    /// The fields the file has a column for; others are left alone on import.
    pub fields: Vec<Field>,
    /// Each column of the Inventory sheet's header, by position, with the
    /// field it is read into: where a problem found later is located.
    pub columns: Vec<Option<Field>>,
    pub sources: Vec<DataSource>,
    /// The answers of the `Checklist` sheet(s); none when the file has none.
    pub checks: Vec<FileCheck>,
    /// The rows of the `Publication Plan` sheet; none when the file has none.
    pub plans: Vec<FilePlan>,
    /// The rows of the `Attributes` sheet (the data dictionary); none when
    /// the file has none.
    pub attributes: Vec<super::attributes_sheet::FileAttribute>,
    /// The rows of the `CDO Review` sheet; none when the file has none.
    pub reviews: Vec<FileReview>,
    /// The rows of the `Departments` sheet; none when the file has none.
    pub departments: Vec<super::department_sheet::FileDepartment>,
    /// The `export_id` of the About sheet, if this app made the file.
    pub export_id: Option<String>,
    /// The About sheet's `desk`: whose desk wrote the file, if this app did.
    pub desk: Option<String>,
    pub department_code: Option<String>,
    /// Whether the file is a portal's own catalog (data.json, a Project Open Data
    /// CSV): its datasets are already published, so they come in as Published
    /// without a CDO decision, and the review path's checks do not apply to them.
    pub from_portal: bool,
    /// The values of choice fields that are none of their choices, by field:
    /// kept in Other Details unless the person chose what they mean.
    pub value_maps: Vec<ValueMap>,
    /// The values read other than as the file writes them, by column and value.
    pub reinterpretations: Vec<Reinterpretation>,
    /// Where each column of a file that is not our own workbook goes, guessed
    /// and chosen (`mapping`); `None` for our own workbook, read by its headers.
    pub mapping: Option<super::mapping::Mapping>,
    /// Problems about the whole file (no names column, a newer app's file, a
    /// sheet that could not be read): any of them refuses the file.
    pub errors: Vec<Problem>,
    /// Rows with a problem, held back until it is fixed: the other rows apply.
    pub held: Vec<HeldRow>,
    pub warnings: Vec<Problem>,
}

impl FileContent {
    /// Every problem of the file, the whole file's first, then each held row's.
    pub fn problems(&self) -> Vec<Problem> {
        let rows = self.held.iter().flat_map(HeldRow::located);
        self.errors.iter().cloned().chain(rows).collect()
    }
}
