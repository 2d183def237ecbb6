//! The `CDO Review` sheet: the Chief Data Officer's page of the workbook. It
//! is written right after Instructions, one row per dataset with what the CDO
//! decides by (greyed and locked) and the CDO's four columns (unlocked, the
//! decision a dropdown). Import reads those four columns back and settles
//! them with the Inventory's own CDO columns, which the file keeps for the
//! round trip. THE RULE (docs/workbook.md, "The CDO Review sheet"), for each
//! of the four cells of a dataset:
//!
//! - both sheets say the same: that is the value;
//! - they differ, and the file is one of this inventory's exports: the sheet
//!   whose cell changed since the export wins (the CDO Review sheet when only
//!   it changed, the Inventory when only it did);
//! - both changed to different values, or the file is not one of this
//!   inventory's exports (nothing tells which is newer): a conflict, located
//!   on both cells, and the dataset's row is held until the file says one
//!   thing. The app never picks one silently.
//!
//! What comes out goes through the three-way merge and the review path like
//! any other value of the Inventory sheet.

use std::collections::HashMap;

use rust_xlsxwriter::{
    DataValidation, Format, Formula, Note, ProtectionOptions, Worksheet, XlsxError,
};

use super::columns::{REVIEW_HEADERS, REVIEW_HELP, REVIEW_WIDTHS, column, review_col as col};
use super::content::{FileContent, FileReview, FileRow};
use super::export::{cdo_header_format, list_columns, read_only_format, read_only_header_format};
use super::held::HeldRow;
use super::read::Sheet;
use super::side_sheet::Need::{Part, Required, Unread};
use super::side_sheet::{SideSheet, SideTable};
use super::{CDO_REVIEW, LISTS, cell_ref, column_letters};
use crate::checklist::{Checks, completeness};
use crate::model::dataset::shorten;
use crate::model::{Dataset, Field, InventoryId, Lists};
use crate::store::{CheckRow, field_hash};

const N: usize = REVIEW_HEADERS.len();

/// The sheet's columns as import reads them: the Inventory ID and the CDO's
/// four; the others are for reading only.
const TABLE: SideTable<N> = SideTable::new(
    &REVIEW_HEADERS,
    [
        Required, Unread, Unread, Unread, Unread, Unread, Part, Part, Part, Part, Unread,
    ],
    "This sheet has no Inventory ID column next to the CDO's columns, so its decisions were not read. Keep its header row as the app wrote it.",
);

// ------------------------------------------------------------------- writing

/// Writes the CDO Review sheet: a row per dataset, in the Inventory's order.
pub(super) fn write_sheet(
    ws: &mut Worksheet,
    content: &super::export::ExportContent,
) -> Result<(), XlsxError> {
    let (datasets, checks, lists) = (&content.datasets, &content.checks, &content.lists);
    ws.set_name(CDO_REVIEW)?;
    write_header(ws)?;
    let by_dataset = checks_by_dataset(checks);
    let quality = Quality::of(content);
    let none = Checks::new();
    let read_only = read_only_format().set_text_wrap();
    let percent = read_only_format().set_num_format("0%");
    let open = Format::new().set_unlocked().set_text_wrap();
    let open_date = Format::new().set_unlocked().set_num_format("yyyy-mm-dd");
    for (r, d) in datasets.iter().enumerate() {
        let row = r as u32 + 1;
        let checks =
            d.id.as_ref()
                .and_then(|id| by_dataset.get(id))
                .unwrap_or(&none);
        let reading = [
            (col::ID, d.id_text()),
            (col::NAME, d.name.clone()),
            (col::DEPARTMENT, d.department.clone()),
            (col::STEWARD, d.steward.clone()),
            (col::CLASSIFICATION, d.get(Field::Classification)),
        ];
        for (c, text) in &reading {
            // write_string never turns "=SUM(…)" into a formula: text stays text.
            ws.write_string_with_format(row, *c as u16, text, &read_only)?;
        }
        let done = f64::from(completeness(d, checks).percent()) / 100.0;
        ws.write_number_with_format(row, col::CHECKLIST as u16, done, &percent)?;
        let score = quality.score(d);
        ws.write_string_with_format(row, col::QUALITY as u16, score.summary(), &read_only)?;
        for (c, field) in col::CDO {
            let c = c as u16;
            match (field, d.reviewed_on) {
                (Field::ReviewedOn, Some(day)) => {
                    ws.write_date_with_format(row, c, &day, &open_date)?;
                }
                (Field::ReviewedOn, None) => {
                    ws.write_blank(row, c, &open_date)?;
                }
                _ => {
                    ws.write_string_with_format(row, c, d.get(field), &open)?;
                }
            }
        }
        // A note as long as a page stays readable, as on Instructions.
        let notes = d.get(Field::CdoNotes);
        let name_lines = (d.name.as_str(), REVIEW_WIDTHS[col::NAME]);
        let notes_lines = (notes.as_str(), REVIEW_WIDTHS[col::NOTES]);
        if notes.len() > 40 || d.name.len() > 30 {
            ws.set_row_height(row, super::print::row_height([name_lines, notes_lines]))?;
        }
    }
    let last = (datasets.len() as u32).max(1);
    let c = col::DECISION as u16;
    ws.add_data_validation(1, c, last, c, &decision_dropdown(lists)?)?;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, datasets.len() as u32, (N - 1) as u16)?;
    // Locked, not sealed: no password, so a CDO who must can unprotect it
    // (Review, Unprotect Sheet); the lock says which cells are not the CDO's.
    ws.protect_with_options(&ProtectionOptions {
        sort: true,
        use_autofilter: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    super::print::page_setup(ws, Some((0, 0)))
}

/// What the metadata score reads of the file's content, grouped by dataset
/// once, not searched for each row.
struct Quality<'a> {
    content: &'a super::export::ExportContent,
    distributions: HashMap<&'a InventoryId, Vec<crate::model::Distribution>>,
    plans: HashMap<&'a InventoryId, &'a crate::model::PublicationPlan>,
}

impl<'a> Quality<'a> {
    fn of(content: &'a super::export::ExportContent) -> Self {
        let mut distributions: HashMap<&InventoryId, Vec<_>> = HashMap::new();
        for (id, d) in &content.distributions {
            distributions.entry(id).or_default().push(d.clone());
        }
        let plans = content.plans.iter().map(|(id, p)| (id, p)).collect();
        Quality {
            content,
            distributions,
            plans,
        }
    }

    fn score(&self, d: &Dataset) -> crate::quality::Score {
        let id = d.id.as_ref();
        crate::quality::score(
            d,
            crate::catalog::FactsOf {
                departments: &self.content.departments,
                distributions: id
                    .and_then(|id| self.distributions.get(id))
                    .map_or(&[][..], Vec::as_slice),
                plan: id.and_then(|id| self.plans.get(id)).copied(),
                lists: &self.content.lists,
                dictionary: id
                    .and_then(|id| self.content.dictionaries.get(id))
                    .map(String::as_str),
            },
        )
    }
}

fn write_header(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let cdo = cdo_header_format();
    let grey = read_only_header_format();
    let cdo_columns: Vec<usize> = col::CDO.iter().map(|(c, _)| *c).collect();
    for (c, title) in REVIEW_HEADERS.iter().enumerate() {
        let c16 = c as u16;
        let format = if cdo_columns.contains(&c) {
            &cdo
        } else {
            &grey
        };
        ws.write_string_with_format(0, c16, *title, format)?;
        ws.set_column_width(c16, REVIEW_WIDTHS[c])?;
        let note = Note::new(REVIEW_HELP[c])
            .set_author("Inventory Desk")
            .add_author_prefix(false);
        ws.insert_note(0, c16, &note)?;
    }
    let height = super::print::row_height(REVIEW_HEADERS.iter().copied().zip(REVIEW_WIDTHS));
    ws.set_row_height(0, height.max(32.0))?;
    Ok(())
}

/// The CDO Decision dropdown: the same list of the `Lists` sheet as the
/// Inventory's CDO Decision column.
fn decision_dropdown(lists: &Lists) -> Result<DataValidation, XlsxError> {
    let (index, _, values) = list_columns(lists)
        .into_iter()
        .find(|(_, c, _)| c.field == Field::CdoDecision)
        .expect("CDO Decision is a choice column");
    let letters = column_letters(index);
    let formula = format!("='{LISTS}'!${letters}$2:${letters}${}", values.len() + 1);
    DataValidation::new()
        .allow_list_formula(Formula::new(&formula))
        .set_error_title("Not one of the choices")?
        .set_error_message(
            "Choose Approved, Changes requested or Not publishable, or clear the cell.",
        )
}

/// The exported answers, by dataset.
fn checks_by_dataset(checks: &[CheckRow]) -> HashMap<&InventoryId, Checks> {
    let mut by: HashMap<&InventoryId, Checks> = HashMap::new();
    for c in checks {
        by.entry(&c.id)
            .or_default()
            .insert(c.question_id.clone(), c.state.clone());
    }
    by
}

// ------------------------------------------------------------------- reading

/// Reads the CDO Review sheet into `content.reviews`, its problems into
/// `content.held` and `content.warnings`.
pub(super) fn read_sheet(sheet: &Sheet, content: &mut FileContent) {
    let Some(side) = TABLE.open(sheet, content) else {
        return;
    };
    let given = side.given();
    let rows: Vec<usize> = side.rows().collect();
    // One dataset to read each cell's value into, as the app writes it: a
    // fresh one per cell was most of this sheet's reading at 100,000 rows.
    let mut scratch = Dataset::default();
    let read: Vec<(usize, FileReview)> = rows
        .into_iter()
        .filter_map(|r| {
            let review = read_row(&side, r, &given, &mut scratch, content)?;
            Some((r, review))
        })
        .collect();
    let reviews = side.first_per_dataset(read, |review| &review.id, |id, first| format!(
        "The dataset {id} has a row on this sheet already, row {}. Keep one of the two rows and delete the other.",
        first + 1
    ), content);
    content.reviews.extend(reviews);
}

/// One row, checked; `None` when it has a problem (reported).
fn read_row(
    side: &SideSheet<'_, N>,
    r: usize,
    given: &[bool; N],
    read: &mut Dataset,
    content: &mut FileContent,
) -> Option<FileReview> {
    side.read_row(r, content, |cells| {
        let id = cells.id(col::ID);
        let mut values = Vec::new();
        let mut ok = true;
        for (c, field) in col::CDO.into_iter().filter(|(c, _)| given[*c]) {
            // Setting a field sets all of it: nothing of an earlier row stays.
            match read.set(field, &cells.cell(c).as_text()) {
                Ok(()) => values.push((field, read.get(field), side.sheet_column(c))),
                Err(e) => {
                    cells.error(c, e.to_string());
                    ok = false;
                }
            }
        }
        let id = id?;
        ok.then(|| FileReview {
            sheet: side.sheet.name.clone(),
            row: r,
            id_column: side.sheet_column(col::ID),
            id,
            values,
        })
    })
}

// ------------------------------------------------------------------ settling

/// What settling the CDO Review sheet with the Inventory needs of the plan.
pub(super) struct Settle<'a> {
    /// The sheet the datasets were read from, and each of its columns' field.
    pub sheet: &'a str,
    pub columns: &'a [Option<Field>],
    /// The inventory's datasets by ID: a CDO column the Inventory sheet lacks
    /// leaves the datasets the CDO Review sheet does not list as they are.
    pub current: &'a super::FastMap<&'a InventoryId, &'a Dataset>,
    /// The export's snapshot of a dataset (each field's hash), when the file
    /// is one of this inventory's exports and held that dataset.
    pub base: &'a dyn Fn(&InventoryId) -> Option<Vec<u64>>,
}

impl Settle<'_> {
    /// Applies THE RULE (see the top of this file) to the file's rows: each
    /// CDO cell of the CDO Review sheet is settled with the Inventory's. Rows
    /// with a conflict are taken out and held, with both cells named.
    pub fn apply(
        &self,
        rows: Vec<FileRow>,
        fields: &mut Vec<Field>,
        reviews: Vec<FileReview>,
        held: &mut Vec<HeldRow>,
    ) -> Vec<FileRow> {
        if reviews.is_empty() {
            return rows;
        }
        let mut rows = rows;
        // A CDO column only the CDO Review sheet has: read from it, and
        // left as it is for every dataset it does not list.
        let missing: Vec<Field> = reviews
            .iter()
            .flat_map(|r| r.values.iter().map(|(f, _, _)| *f))
            .filter(|f| !fields.contains(f))
            .fold(Vec::new(), |mut v, f| {
                if !v.contains(&f) {
                    v.push(f);
                }
                v
            });
        for row in &mut rows {
            for field in &missing {
                let now = row.dataset.id.as_ref().and_then(|id| self.current.get(id));
                if let Some(d) = now {
                    let _ = row.dataset_mut().set(*field, &d.get(*field));
                }
            }
        }
        fields.extend(missing.iter().copied());
        let index: super::FastMap<InventoryId, usize> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.dataset.id.clone()?, i)))
            .collect();
        let mut conflicted: Vec<(usize, Vec<Conflict>)> = Vec::new();
        for review in reviews {
            let Some(&i) = index.get(&review.id) else {
                self.not_on_inventory(&review, held);
                continue;
            };
            let conflicts = self.settle_row(&mut rows[i], &review, &missing);
            if !conflicts.is_empty() {
                conflicted.push((i, conflicts));
            }
        }
        if conflicted.is_empty() {
            return rows;
        }
        let mut hold: HashMap<usize, Vec<Conflict>> = conflicted.into_iter().collect();
        let mut kept = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            match hold.remove(&i) {
                Some(conflicts) => held.push(self.held(&row, fields, conflicts)),
                None => kept.push(row),
            }
        }
        kept
    }

    /// Settles one dataset's CDO cells; returns the cells in conflict.
    fn settle_row(
        &self,
        row: &mut FileRow,
        review: &FileReview,
        missing: &[Field],
    ) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        // The export's snapshot is read only for a row whose CDO cells differ
        // from the Inventory's: most rows agree, and a read per row would be
        // 100,000 reads of the inventory for a city's workbook.
        let mut base: Option<Option<Vec<u64>>> = None;
        for (field, theirs, column) in &review.values {
            if row.dataset.holds(*field, theirs) {
                continue;
            }
            let inventory = row.dataset.get(*field);
            let take_review = missing.contains(field)
                || match base
                    .get_or_insert_with(|| (self.base)(&review.id))
                    .as_ref()
                    .and_then(|b| b.get(field.index()))
                {
                    Some(&hash) if field_hash(&inventory) == hash => true,
                    Some(&hash) if field_hash(theirs) == hash => false,
                    exported => {
                        conflicts.push(Conflict {
                            field: *field,
                            review_cell: format!("{} {}", review.sheet, review.cell(*column)),
                            review: theirs.clone(),
                            inventory,
                            since_export: exported.is_some(),
                        });
                        continue;
                    }
                };
            if take_review && row.dataset_mut().set(*field, theirs).is_err() {
                // Read from the same text a moment ago: cannot fail.
                continue;
            }
        }
        conflicts
    }

    /// A row of the CDO Review sheet whose dataset is not on the Inventory
    /// sheet: held, unless that dataset's Inventory row is held already (its
    /// decision waits with it).
    fn not_on_inventory(&self, review: &FileReview, held: &mut Vec<HeldRow>) {
        let waits = held
            .iter()
            .any(|h| h.sheet == self.sheet && h.id.as_ref() == Some(&review.id));
        if waits {
            return;
        }
        let mut row = HeldRow {
            sheet: review.sheet.clone(),
            row: review.row,
            name: String::new(),
            id: Some(review.id.clone()),
            problems: Vec::new(),
            values: review
                .values
                .iter()
                .map(|(f, v, _)| (column(*f).header.to_string(), v.clone()))
                .collect(),
        };
        row.add_at_cell(review.cell(review.id_column), "Inventory ID", None, format!(
            "The dataset {} is on this sheet but not on the Inventory sheet, so its decision was not read. Put its row back on the Inventory sheet (as the app exported it), or delete this row.",
            review.id
        ));
        held.push(row);
    }

    /// The held row of a dataset whose two sheets say different things.
    fn held(&self, row: &FileRow, fields: &[Field], conflicts: Vec<Conflict>) -> HeldRow {
        let mut held = HeldRow::of_dataset(self.sheet, row.row, &row.dataset, fields);
        for c in conflicts {
            let at = self
                .columns
                .iter()
                .position(|f| *f == Some(c.field))
                .map(|col| cell_ref(row.row, col))
                .unwrap_or_default();
            let header = column(c.field).header;
            held.add_at_cell(at.clone(), header, None, c.describe(&self.sheet_cell(&at)));
        }
        held
    }

    fn sheet_cell(&self, cell: &str) -> String {
        format!("{} {cell}", self.sheet)
    }
}

/// One of the CDO's cells that the two sheets give differently.
struct Conflict {
    field: Field,
    /// "CDO Review G5".
    review_cell: String,
    review: String,
    inventory: String,
    /// Whether the file is one of this inventory's exports: then both cells
    /// changed since; otherwise nothing tells which is newer.
    since_export: bool,
}

impl Conflict {
    fn describe(&self, inventory_cell: &str) -> String {
        let said = |v: &str| {
            if v.is_empty() {
                "nothing (empty)".to_string()
            } else {
                format!("\"{}\"", shorten(v))
            }
        };
        let why = if self.since_export {
            "both were changed since the export"
        } else {
            "this file is not one this inventory exported, so nothing tells which is newer"
        };
        format!(
            "{} says {} on the CDO Review sheet ({}) and {} on the Inventory sheet ({inventory_cell}): {why}. Make the two cells the same in the file (the CDO Review sheet is the one the CDO fills in), then import again. Nothing of this dataset is imported until then.",
            column(self.field).header,
            said(&self.review),
            self.review_cell,
            said(&self.inventory),
        )
    }
}
