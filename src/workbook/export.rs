//! Writes the handoff workbook exactly as `docs/workbook.md` says: the
//! Instructions, the CDO Review sheet (`cdo_review`), the columns of
//! `columns::COLUMNS`, the systems of record, the checklist's answers, the
//! publication plans, dropdowns, header notes, a frozen and filtered header,
//! greyed read-only columns, the CDO's columns in their own colour, the print
//! setup of every sheet (`print`), and an `About` sheet that lets the returned
//! file be merged three ways.
//!
//! Why one file of this length: each sheet is a short function of its own, but
//! they share the formats, the dropdown lists and the column table, and a
//! reader checking the contract finds every sheet of the workbook in order here.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDateTime;
use rand::Rng;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};

use super::columns::{
    CHECKLIST_HEADERS, CHECKLIST_HELP, CHECKLIST_WIDTHS, COLUMNS, Column, PLAN_HEADERS, PLAN_HELP,
    PLAN_WIDTHS, SOURCE_HEADERS, checklist_col, plan_col,
};
use super::{
    ABOUT, CHECKLIST, DATA_SOURCES, DISTRIBUTIONS, INVENTORY, LISTS, MAX_DATA_ROWS,
    PUBLICATION_PLAN, SCHEMA, WorkbookError, column_letters, continued_sheet_name,
};
use crate::model::vocab::Vocabulary;
use crate::model::{
    CheckAnswer, DataSource, Dataset, Department, DepartmentCode, Distribution, EndDate, Field,
    FieldKind, InventoryId, List, Lists, PublicationPlan,
};
use crate::progress::{Cancelled, Unwatched, Watch};
use crate::questions::{Bank, Question};
use crate::store::{CheckRow, Missing, Store};

/// Rows below the data that still get dropdowns, for datasets the CDO adds.
const SPARE_ROWS: u32 = 500;

/// What was exported.
#[derive(Debug, Clone)]
pub struct ExportSummary {
    pub export_id: String,
    pub datasets: usize,
}

/// Everything one workbook holds, read from the store.
#[derive(Clone)]
pub struct ExportContent {
    pub export_id: String,
    pub exported_at: NaiveDateTime,
    /// The department the file is for, or `None` for the whole inventory.
    pub department: Option<Department>,
    pub datasets: Vec<Dataset>,
    pub sources: Vec<DataSource>,
    /// The answered checks of those datasets, in Inventory ID order and then
    /// the checklist's.
    pub checks: Vec<CheckRow>,
    /// The publication plans of those datasets that have one, in Inventory ID
    /// order.
    pub plans: Vec<(InventoryId, PublicationPlan)>,
    /// The distributions of those datasets, in Inventory ID order and then
    /// each dataset's own order.
    pub distributions: Vec<(InventoryId, Distribution)>,
    /// The profiles of those datasets that have one, in Inventory ID order:
    /// the Attributes sheet (the data dictionary).
    pub profiles: Vec<(InventoryId, crate::profile::Profile)>,
    /// Where each dataset's data dictionary is published, as data.json links
    /// it: the CDO Review sheet's metadata score counts it.
    pub dictionaries: HashMap<InventoryId, String>,
    /// The inventory's own lists: the Category and License dropdowns.
    pub lists: Lists,
    /// The departments of the file, with their people and start dates (the
    /// Departments sheet).
    pub departments: Vec<Department>,
    /// Whose desk writes the file (the About sheet says so): on a
    /// department's desk, the CDO's columns come only from the CDO's office.
    pub desk: crate::desk::Desk,
}

impl ExportContent {
    /// Reads what to export: one department's datasets, or all of them.
    pub fn load(store: &Store, department: Option<&DepartmentCode>) -> Result<Self, WorkbookError> {
        let (department, datasets) = match department {
            Some(code) => {
                let dept = store.department(code)?.ok_or_else(|| {
                    WorkbookError::Store(Missing::DepartmentToExport(code.clone()).into())
                })?;
                (Some(dept), store.datasets_of(code)?)
            }
            None => {
                let departments = store.departments()?;
                let only = if departments.len() == 1 {
                    departments.into_iter().next()
                } else {
                    None
                };
                (only, store.datasets()?)
            }
        };
        let sources = store
            .sources()?
            .into_iter()
            .filter(|s| match (&department, &s.department) {
                (Some(d), Some(sd)) => d.code == *sd,
                _ => true,
            })
            .collect();
        // A question the bank no longer asks has no words to show: left out.
        let bank = Bank::checklist();
        let checks = store
            .all_checks(department.as_ref().map(|d| &d.code))?
            .into_iter()
            .filter(|c| {
                bank.question(&c.question_id)
                    .is_some_and(Question::is_check)
            })
            .collect();
        // An emptied plan is no plan: it gets no row.
        let plans = store
            .plans(department.as_ref().map(|d| &d.code))?
            .into_iter()
            .filter(|(_, plan)| !plan.is_empty())
            .collect();
        let mut all = store.all_distributions()?;
        let mut ids: Vec<&InventoryId> = datasets.iter().filter_map(|d| d.id.as_ref()).collect();
        ids.sort();
        let distributions = ids
            .into_iter()
            .flat_map(|id| {
                all.remove(id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |d| (id.clone(), d))
            })
            .collect();
        let mut all_profiles = store.all_profiles()?;
        let mut profiled: Vec<&InventoryId> =
            datasets.iter().filter_map(|d| d.id.as_ref()).collect();
        profiled.sort();
        let profiles = profiled
            .into_iter()
            .filter_map(|id| Some((id.clone(), all_profiles.remove(id)?)))
            .collect();
        let departments = match &department {
            Some(d) => vec![d.clone()],
            None => store.departments()?,
        };
        Ok(ExportContent {
            export_id: new_export_id(),
            exported_at: crate::store::now(),
            departments,
            desk: store.desk()?,
            department,
            datasets,
            sources,
            checks,
            plans,
            distributions,
            profiles,
            dictionaries: crate::profile::schema_files::dictionary_links(store)?,
            lists: store.lists()?,
        })
    }
}

/// A fresh id for an export: its time and a random part, so two exports in the
/// same second still differ.
pub fn new_export_id() -> String {
    let random: u32 = rand::rng().random();
    format!(
        "{}-{random:08x}",
        chrono::Local::now().format("%Y%m%dT%H%M%S")
    )
}

/// Exports the inventory (or one department) to `path` and remembers the export
/// so the returned file can be merged three ways.
pub fn export_xlsx(
    store: &mut Store,
    path: &Path,
    department: Option<&DepartmentCode>,
) -> Result<ExportSummary, WorkbookError> {
    export_xlsx_watched(store, path, department, &Unwatched)
}

/// `export_xlsx`, reporting the sheets written and stopping when asked: between
/// sheets, and last of all just before the new file takes the place of the old.
/// Until that rename nothing is visible: a failure or a stop leaves the file
/// already at `path` as it was and no export recorded.
pub fn export_xlsx_watched(
    store: &mut Store,
    path: &Path,
    department: Option<&DepartmentCode>,
    watch: &dyn Watch,
) -> Result<ExportSummary, WorkbookError> {
    let content = ExportContent::load(store, department)?;
    watch.checkpoint()?;
    let temp = super::temp_beside(path)?;
    // The file is written on a second thread while the snapshot is recorded: the
    // two take about as long as writing alone.
    let (written, recorded) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write_sheets(&content, temp.path(), MAX_DATA_ROWS, watch));
        let recorded = store
            .record_export(
                &content.export_id,
                department,
                &content.datasets,
                &content.checks,
            )
            .and_then(|()| store.record_export_attributes(&content.export_id, &content.profiles));
        let written = writer.join().unwrap_or(Err(Stop::Crashed));
        (written, recorded)
    });
    let finished = match (written, recorded) {
        (Ok(()), Ok(())) => watch.checkpoint().map_err(WorkbookError::from),
        (Err(stop), _) => Err(stop.into_error(path)),
        (Ok(()), Err(e)) => return Err(e.into()),
    }
    .and_then(|()| {
        temp.persist(path)
            .map(|_| ())
            .map_err(|e| WorkbookError::write(path, e.error))
    });
    if let Err(e) = finished {
        // A workbook whose export is remembered but was never written would
        // mislead the next three-way merge: forget it.
        let _ = store.forget_export(&content.export_id);
        return Err(e);
    }
    Ok(ExportSummary {
        export_id: content.export_id,
        datasets: content.datasets.len(),
    })
}

/// Why writing the sheets stopped.
enum Stop {
    Asked(Cancelled),
    Failed(XlsxError),
    /// The writing thread panicked.
    Crashed,
}

impl Stop {
    fn into_error(self, path: &Path) -> WorkbookError {
        match self {
            Stop::Asked(c) => c.into(),
            Stop::Failed(e) => WorkbookError::write(path, e),
            Stop::Crashed => WorkbookError::write(path, "the export stopped unexpectedly"),
        }
    }
}

impl From<XlsxError> for Stop {
    fn from(e: XlsxError) -> Self {
        Stop::Failed(e)
    }
}

impl From<Cancelled> for Stop {
    fn from(c: Cancelled) -> Self {
        Stop::Asked(c)
    }
}

/// Writes the sheets to `path`.
pub fn write_workbook(content: &ExportContent, path: &Path) -> Result<(), XlsxError> {
    write_workbook_with_limit(content, path, MAX_DATA_ROWS)
}

/// `write_workbook` with at most `rows_per_sheet` checklist rows on one sheet,
/// so that tests can see the Checklist continue without a million rows.
pub fn write_workbook_with_limit(
    content: &ExportContent,
    path: &Path,
    rows_per_sheet: usize,
) -> Result<(), XlsxError> {
    match write_sheets(content, path, rows_per_sheet, &Unwatched) {
        Ok(()) => Ok(()),
        Err(Stop::Failed(e)) => Err(e),
        // Nobody can ask unwatched work to stop; a crashed writer is a failure.
        Err(Stop::Asked(_) | Stop::Crashed) => Err(XlsxError::ParameterError(
            "the export stopped unexpectedly".into(),
        )),
    }
}

/// How many steps `write_sheets` reports: the sheets (Publication Plan and
/// Distributions as one), then saving the file.
const EXPORT_STEPS: u64 = 9;

/// Builds the sheets one after the other, checking between them whether to stop.
fn write_sheets(
    content: &ExportContent,
    path: &Path,
    rows_per_sheet: usize,
    watch: &dyn Watch,
) -> Result<(), Stop> {
    let mut workbook = Workbook::new();
    let dept_name = content
        .department
        .as_ref()
        .map(|d| d.name.clone())
        .unwrap_or_else(|| "All departments".into());
    let created = ExcelDateTime::parse_from_str(
        &content.exported_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&format!("Open data inventory: {dept_name}"))
            .set_author(&dept_name)
            .set_company(&dept_name)
            .set_subject("Data inventory (Appendix A) for the Chief Data Officer")
            .set_creation_datetime(&created),
    );
    let step = |n: u64| -> Result<(), Stop> {
        watch.progress(n, EXPORT_STEPS);
        Ok(watch.checkpoint()?)
    };
    super::instructions::write_sheet(workbook.add_worksheet(), content, &dept_name)?;
    step(1)?;
    super::cdo_review::write_sheet(workbook.add_worksheet(), content)?;
    step(2)?;
    inventory_sheet(workbook.add_worksheet(), &content.datasets, &content.lists)?;
    step(3)?;
    sources_sheet(workbook.add_worksheet(), &content.sources)?;
    step(4)?;
    checklist_sheets(&mut workbook, &content.checks, rows_per_sheet)?;
    step(5)?;
    plan_sheet(workbook.add_worksheet(), content)?;
    super::attributes_sheet::write(workbook.add_worksheet(), &content.profiles)?;
    distribution_sheet(workbook.add_worksheet(), &content.distributions)?;
    super::department_sheet::write(workbook.add_worksheet(), &content.departments)?;
    step(6)?;
    lists_sheet(workbook.add_worksheet(), &content.lists)?;
    step(7)?;
    about_sheet(workbook.add_worksheet(), content, &dept_name)?;
    step(8)?;
    workbook.save(path)?;
    watch.progress(EXPORT_STEPS, EXPORT_STEPS);
    Ok(())
}

pub(super) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin)
}

/// The header of a column the app keeps (Publication Status, Last Updated,
/// Inventory ID) or that is there for reading only: dark grey.
pub(super) fn read_only_header_format() -> Format {
    header_format().set_background_color(Color::RGB(0xBFBFBF))
}

/// The header of one of the CDO's columns, on the Inventory and the CDO
/// Review sheet alike: amber, so the CDO finds them among the others.
pub(super) fn cdo_header_format() -> Format {
    header_format()
        .set_background_color(Color::RGB(0xFFD966))
        .set_border_bottom(FormatBorder::Medium)
}

pub(super) fn read_only_format() -> Format {
    Format::new()
        .set_background_color(Color::RGB(0xE7E6E6))
        .set_font_color(Color::RGB(0x595959))
}

/// Whether the Inventory sheet greys a column as the app's to keep: the
/// app's own record, and the Publication Status, which only the review path
/// moves (import never takes it from a returned workbook).
fn kept_by_app(field: Field) -> bool {
    field.is_read_only() || field == Field::Status
}

fn inventory_sheet(
    ws: &mut Worksheet,
    datasets: &[Dataset],
    lists: &Lists,
) -> Result<(), XlsxError> {
    ws.set_name(INVENTORY)?;
    let header = header_format();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let date_time = read_only_format().set_num_format("yyyy-mm-dd hh:mm:ss");
    let read_only = read_only_format();
    let read_only_header = read_only_header_format();
    let cdo_header = cdo_header_format();
    // Narrowed together, if need be, so the sheet prints one page wide.
    let factor = super::print::width_factor(COLUMNS.iter().map(|c| c.width));
    for (c, column) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, column.width * factor)?;
        let read_only_col = kept_by_app(column.field);
        let format = if read_only_col {
            &read_only_header
        } else if Field::REVIEW.contains(&column.field) {
            &cdo_header
        } else {
            &header
        };
        ws.write_string_with_format(0, c, column.header, format)?;
        let note_text = match column.field {
            Field::Status => format!(
                "Do not edit: the app keeps it, and the CDO's decision moves it. {}",
                column.help
            ),
            _ if read_only_col => format!("Do not edit. {}", column.help),
            _ => column.help.to_string(),
        };
        ws.insert_note(
            0,
            c,
            &Note::new(&note_text)
                .set_author("Inventory Desk")
                .add_author_prefix(false),
        )?;
    }
    let headers = COLUMNS.iter().map(|c| (c.header, c.width * factor));
    ws.set_row_height(0, super::print::row_height(headers).max(32.0))?;
    for (r, dataset) in datasets.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, column) in COLUMNS.iter().enumerate() {
            write_cell(
                ws, r, c as u16, column, dataset, &date, &date_time, &read_only,
            )?;
        }
    }
    let last_row = datasets.len() as u32 + SPARE_ROWS;
    add_dropdowns(ws, last_row, lists)?;
    ws.set_freeze_panes(1, 1)?;
    ws.autofilter(0, 0, datasets.len() as u32, (COLUMNS.len() - 1) as u16)?;
    super::print::page_setup(ws, Some((0, 0)))
}

#[allow(clippy::too_many_arguments)]
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    column: &Column,
    dataset: &Dataset,
    date: &Format,
    date_time: &Format,
    read_only: &Format,
) -> Result<(), XlsxError> {
    match column.field {
        Field::StartDate => write_date(ws, row, col, dataset.start_date, date),
        Field::TargetPublicationDate => {
            write_date(ws, row, col, dataset.target_publication_date, date)
        }
        Field::ApprovalDate => write_date(ws, row, col, dataset.approval_date, date),
        Field::ReviewedOn => write_date(ws, row, col, dataset.reviewed_on, date),
        Field::EndDate => match dataset.end_date {
            Some(EndDate::On(d)) => write_date(ws, row, col, Some(d), date),
            Some(EndDate::Current) => ws.write_string(row, col, "Current").map(|_| ()),
            None => Ok(()),
        },
        Field::LastUpdated => match dataset.last_updated {
            Some(t) => ws
                .write_datetime_with_format(row, col, &t, date_time)
                .map(|_| ()),
            None => ws.write_blank(row, col, date_time).map(|_| ()),
        },
        Field::InventoryId => ws
            .write_string_with_format(row, col, &dataset.id_text(), read_only)
            .map(|_| ()),
        Field::Status => ws
            .write_string_with_format(row, col, dataset.get(Field::Status), read_only)
            .map(|_| ()),
        field => {
            let text = dataset.get(field);
            if text.is_empty() {
                Ok(())
            } else {
                // write_string never turns "=SUM(…)" into a formula: text stays text.
                ws.write_string(row, col, &text).map(|_| ())
            }
        }
    }
}

fn write_date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<chrono::NaiveDate>,
    format: &Format,
) -> Result<(), XlsxError> {
    match value {
        Some(d) => ws.write_date_with_format(row, col, &d, format).map(|_| ()),
        None => Ok(()),
    }
}

/// The columns with a dropdown in the order their lists stand on the `Lists`
/// sheet, each with its values: a vocabulary's labels, or the inventory's own
/// list (categories, licenses). Publication Status has none: the app keeps it.
pub(super) fn list_columns(lists: &Lists) -> Vec<(usize, &'static Column, Vec<String>)> {
    COLUMNS
        .iter()
        .filter(|c| !kept_by_app(c.field))
        .filter_map(|c| match c.kind {
            FieldKind::Listed(list) => Some((c, lists.names(list))),
            _ => c
                .allowed()
                .map(|values| (c, values.iter().map(|v| v.to_string()).collect())),
        })
        .enumerate()
        .map(|(i, (c, v))| (i, c, v))
        .collect()
}

fn add_dropdowns(ws: &mut Worksheet, last_row: u32, lists: &Lists) -> Result<(), XlsxError> {
    for (list_index, column, values) in list_columns(lists) {
        if values.is_empty() {
            continue; // an emptied list offers nothing to choose
        }
        let letters = column_letters(list_index);
        let formula = format!("={LISTS}!${letters}$2:${letters}${}", values.len() + 1);
        let formula = formula.replacen(LISTS, &format!("'{LISTS}'"), 1);
        let validation = match column.list() {
            // The city's own list: another value is allowed (with a warning),
            // and the import offers to add it to the list.
            Some(list) => DataValidation::new()
                .allow_list_formula(Formula::new(&formula))
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title(&format!("Not on the list of {}", list.plural()))?
                .set_error_message(&format!(
                    "This {} is not on the inventory's list. Keep it if it is right: when the file is imported, the coordinator is asked whether to add it to the list.",
                    list.singular()
                ))?,
            None => DataValidation::new()
                .allow_list_formula(Formula::new(&formula))
                .set_error_title("Not one of the choices")?
                .set_error_message(&format!(
                    "Choose one of the values in the list for {}.",
                    column.header
                ))?,
        };
        let col = column.field.index() as u16;
        ws.add_data_validation(1, col, last_row, col, &validation)?;
    }
    Ok(())
}

fn sources_sheet(ws: &mut Worksheet, sources: &[DataSource]) -> Result<(), XlsxError> {
    ws.set_name(DATA_SOURCES)?;
    let header = header_format();
    for (c, h) in SOURCE_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
        ws.set_column_width(c as u16, if c == 1 || c == 7 { 40 } else { 20 })?;
    }
    for (r, s) in sources.iter().enumerate() {
        let r = r as u32 + 1;
        let values = [
            &s.name,
            &s.description,
            &s.business_owner,
            &s.technical_owner,
            &s.vendor,
            &s.product,
            &s.format,
            &s.planned_changes,
            &s.department
                .as_ref()
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ];
        for (c, v) in values.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, v.as_str())?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        sources.len() as u32,
        (SOURCE_HEADERS.len() - 1) as u16,
    )?;
    super::print::page_setup(ws, Some((0, 0)))
}

fn lists_sheet(ws: &mut Worksheet, lists: &Lists) -> Result<(), XlsxError> {
    ws.set_name(LISTS)?;
    let header = header_format();
    let answers = CheckAnswer::labels()
        .iter()
        .map(|v| v.to_string())
        .collect();
    // Each license's address, beside the last list so that no dropdown moves.
    let addresses = lists
        .entries(List::Licenses)
        .iter()
        .map(|e| e.url.clone())
        .collect();
    let columns = list_columns(lists)
        .into_iter()
        .map(|(_, column, values)| (column.header, values))
        .chain([("Checklist Answer", answers), (LICENSE_ADDRESS, addresses)]);
    for (i, (title, values)) in columns.enumerate() {
        let c = i as u16;
        ws.write_string_with_format(0, c, title, &header)?;
        ws.set_column_width(c, 22)?;
        for (r, v) in values.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c, v)?;
            }
        }
    }
    ws.set_hidden(true);
    super::print::page_setup(ws, Some((0, 0)))
}

/// The last column of the Lists sheet: the web address of each license, in
/// the order of the License column.
pub const LICENSE_ADDRESS: &str = "License Web Address";

/// The checklist's answers on `Checklist`, continued on `Checklist (2)`… when
/// there are more than one sheet holds. With no answers the sheet is still
/// there, with its header, for the CDO to fill in.
fn checklist_sheets(
    workbook: &mut Workbook,
    checks: &[CheckRow],
    rows_per_sheet: usize,
) -> Result<(), XlsxError> {
    let parts: Vec<&[CheckRow]> = if checks.is_empty() {
        vec![&[]]
    } else {
        checks
            .chunks(rows_per_sheet.clamp(1, MAX_DATA_ROWS))
            .collect()
    };
    for (i, part) in parts.into_iter().enumerate() {
        let name = continued_sheet_name(CHECKLIST, i + 1);
        checklist_sheet(workbook.add_worksheet(), &name, part, rows_per_sheet)?;
    }
    Ok(())
}

fn checklist_sheet(
    ws: &mut Worksheet,
    name: &str,
    checks: &[CheckRow],
    rows_per_sheet: usize,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let header = header_format();
    for (c, title) in CHECKLIST_HEADERS.iter().enumerate() {
        let c16 = c as u16;
        ws.write_string_with_format(0, c16, *title, &header)?;
        ws.set_column_width(c16, CHECKLIST_WIDTHS[c])?;
        let note = Note::new(CHECKLIST_HELP[c])
            .set_author("Inventory Desk")
            .add_author_prefix(false);
        ws.insert_note(0, c16, &note)?;
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let words = question_words();
    for (r, check) in checks.iter().enumerate() {
        write_check(ws, r as u32 + 1, check, &words, &date)?;
    }
    // Spare rows keep the dropdown for answers the CDO adds, within the sheet.
    let spare = (SPARE_ROWS as usize).min(rows_per_sheet.saturating_sub(checks.len()));
    let last_row = (checks.len() + spare).max(1) as u32;
    let answer = checklist_col::ANSWER as u16;
    ws.add_data_validation(1, answer, last_row, answer, &answer_dropdown()?)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        checks.len() as u32,
        (CHECKLIST_HEADERS.len() - 1) as u16,
    )?;
    super::print::page_setup(ws, Some((0, 0)))
}

/// Each check's section title and question text, by question id.
fn question_words() -> HashMap<&'static str, (&'static str, &'static str)> {
    let bank = Bank::checklist();
    bank.questions
        .iter()
        .map(|q| {
            let section = bank.section(&q.section).map(|s| s.title.as_str());
            (q.id.as_str(), (section.unwrap_or(""), q.text.as_str()))
        })
        .collect()
}

fn write_check(
    ws: &mut Worksheet,
    row: u32,
    check: &CheckRow,
    words: &HashMap<&str, (&str, &str)>,
    date: &Format,
) -> Result<(), XlsxError> {
    use checklist_col as col;
    let (section, question) = words
        .get(check.question_id.as_str())
        .copied()
        .unwrap_or_default();
    let id = check.id.to_string();
    let answer = check.state.answer.map(|a| a.label()).unwrap_or("");
    let cells = [
        (col::ID, id.as_str()),
        (col::SECTION, section),
        (col::QUESTION, question),
        (col::ANSWER, answer),
        (col::NOTE, check.state.note.as_str()),
    ];
    for (c, text) in cells {
        if !text.is_empty() {
            // write_string never turns "=SUM(…)" into a formula: text stays text.
            ws.write_string(row, c as u16, text)?;
        }
    }
    ws.write_date_with_format(row, col::ANSWERED_ON as u16, &check.state.on, date)?;
    Ok(())
}

/// The publication plans, one row per dataset that has one. With none the sheet
/// is still there, with its header, for the CDO and the communications team to
/// fill in.
fn plan_sheet(ws: &mut Worksheet, content: &ExportContent) -> Result<(), XlsxError> {
    ws.set_name(PUBLICATION_PLAN)?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    plan_header(ws, &date)?;
    let names: HashMap<&InventoryId, &str> = content
        .datasets
        .iter()
        .filter_map(|d| Some((d.id.as_ref()?, d.name.as_str())))
        .collect();
    let read_only = read_only_format();
    for (r, (id, plan)) in content.plans.iter().enumerate() {
        let name = names.get(id).copied().unwrap_or("");
        write_plan(ws, r as u32 + 1, id, name, plan, &date, &read_only)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        content.plans.len() as u32,
        (PLAN_HEADERS.len() - 1) as u16,
    )?;
    super::print::page_setup(ws, Some((0, 0)))
}

/// The distributions, one row each, in Inventory ID order. With none the
/// sheet is still there, with its header.
fn distribution_sheet(
    ws: &mut Worksheet,
    distributions: &[(InventoryId, Distribution)],
) -> Result<(), XlsxError> {
    use super::columns::{DISTRIBUTION_HEADERS, DISTRIBUTION_HELP, DISTRIBUTION_WIDTHS};
    ws.set_name(DISTRIBUTIONS)?;
    let header = header_format();
    for (c, title) in DISTRIBUTION_HEADERS.iter().enumerate() {
        let c16 = c as u16;
        ws.write_string_with_format(0, c16, *title, &header)?;
        ws.set_column_width(c16, DISTRIBUTION_WIDTHS[c])?;
        let note = Note::new(DISTRIBUTION_HELP[c])
            .set_author("Inventory Desk")
            .add_author_prefix(false);
        ws.insert_note(0, c16, &note)?;
    }
    ws.set_row_height(0, 32)?;
    for (r, (id, d)) in distributions.iter().enumerate() {
        let row = r as u32 + 1;
        // write_string never turns "=SUM(…)" into a formula: text stays text.
        ws.write_string(row, 0, id.to_string())?;
        for (c, text) in d.parts().into_iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(row, c as u16 + 1, text)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(
        0,
        0,
        distributions.len() as u32,
        (DISTRIBUTION_HEADERS.len() - 1) as u16,
    )?;
    super::print::page_setup(ws, Some((0, 0)))
}

/// The Publication Plan's header row, with its notes, widths and date columns.
fn plan_header(ws: &mut Worksheet, date: &Format) -> Result<(), XlsxError> {
    let header = header_format();
    // Dataset Name is only there to read by: grey, like the Inventory's own columns.
    let read_only_header = header.clone().set_background_color(Color::RGB(0xBFBFBF));
    for (c, title) in PLAN_HEADERS.iter().enumerate() {
        let c16 = c as u16;
        let format = if c == plan_col::NAME {
            &read_only_header
        } else {
            &header
        };
        ws.write_string_with_format(0, c16, *title, format)?;
        ws.set_column_width(c16, PLAN_WIDTHS[c])?;
        if plan_col::DATES.contains(&c) {
            // A date typed into a new row shows like the others.
            ws.set_column_format(c16, date)?;
        }
        let note = Note::new(PLAN_HELP[c])
            .set_author("Inventory Desk")
            .add_author_prefix(false);
        ws.insert_note(0, c16, &note)?;
    }
    ws.set_row_height(0, 32)?;
    Ok(())
}

fn write_plan(
    ws: &mut Worksheet,
    row: u32,
    id: &InventoryId,
    name: &str,
    plan: &PublicationPlan,
    date: &Format,
    read_only: &Format,
) -> Result<(), XlsxError> {
    use plan_col as col;
    // write_string never turns "=SUM(…)" into a formula: text stays text.
    ws.write_string(row, col::ID as u16, id.to_string())?;
    ws.write_string_with_format(row, col::NAME as u16, name, read_only)?;
    let texts = [
        (col::TACTICS, plan.tactics_text()),
        (col::ANNOUNCED_BY, plan.announced_by.clone()),
        (col::MAINTAINED_BY, plan.maintained_by.clone()),
    ];
    for (c, text) in texts {
        if !text.is_empty() {
            ws.write_string(row, c as u16, text)?;
        }
    }
    let dates = [
        (col::ANNOUNCE_ON, plan.announce_on),
        (col::PUBLISHED_ON, plan.published_on),
        (col::LAST_REFRESHED, plan.last_refreshed),
    ];
    for (c, day) in dates {
        write_date(ws, row, c as u16, day, date)?;
    }
    Ok(())
}

/// The Answer column's dropdown: the last list of the `Lists` sheet.
fn answer_dropdown() -> Result<DataValidation, XlsxError> {
    // Only the number of lists counts here, not their values.
    let letters = column_letters(list_columns(&Lists::default()).len());
    let formula = format!(
        "='{LISTS}'!${letters}$2:${letters}${}",
        CheckAnswer::labels().len() + 1
    );
    DataValidation::new()
        .allow_list_formula(Formula::new(&formula))
        .set_error_title("Not one of the choices")?
        .set_error_message("Choose Yes, No or Not applicable, or clear the cell.")
}

fn about_sheet(
    ws: &mut Worksheet,
    content: &ExportContent,
    dept_name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(ABOUT)?;
    let code = content
        .department
        .as_ref()
        .map(|d| d.code.to_string())
        .unwrap_or_default();
    let rows = [
        ("schema", SCHEMA.to_string()),
        ("export_id", content.export_id.clone()),
        (
            "exported_at",
            content.exported_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        ),
        ("department", dept_name.to_string()),
        ("department_code", code),
        ("app_version", env!("CARGO_PKG_VERSION").to_string()),
        ("datasets", content.datasets.len().to_string()),
        ("desk", content.desk.key().to_string()),
    ];
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 40)?;
    for (r, (key, value)) in rows.iter().enumerate() {
        ws.write_string(r as u32, 0, *key)?;
        ws.write_string(r as u32, 1, value)?;
    }
    ws.set_hidden(true);
    super::print::page_setup(ws, None)
}
