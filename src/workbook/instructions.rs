//! The Instructions sheet, the first the CDO sees: who the file is from, how
//! to review it and send it back, a glossary of every column, and last, help
//! for the Chief Data Officer on the CDO Review sheet. Every row is as tall as
//! its wrapped text (`print::row_height`), so nothing prints on top of
//! anything else. Import never reads this sheet.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::columns::{
    CHECKLIST_HEADERS, CHECKLIST_HELP, COLUMNS, PLAN_HEADERS, PLAN_HELP, REVIEW_HEADERS,
    REVIEW_HELP, checklist_col, plan_col, review_col,
};
use super::export::{ExportContent, header_format};
use super::{CDO_REVIEW, INSTRUCTIONS};
use crate::model::vocab::Vocabulary;
use crate::model::{CheckAnswer, FieldKind, Tactic};

/// The widths of the sheet's three columns, in characters.
const WIDTHS: [f64; 3] = [28.0, 80.0, 60.0];

/// The numbered steps for the person who reviews the file.
const STEPS: [&str; 9] = [
    "1. Chief Data Officer: open the CDO Review sheet, right after this one. Each row is one dataset, with what you decide by: its name, department, data steward, how much of its data submission checklist is answered, and its classification.",
    "2. For each dataset you reviewed, choose CDO Decision from the list (Approved, Changes requested or Not publishable), and fill in CDO Notes, Reviewed By and Reviewed On. Leave the row blank for a dataset you have not reviewed. The grey columns are for reading: they are locked.",
    "3. The Inventory sheet holds every column of each dataset. Its CDO columns (in the same amber as on CDO Review) hold the same decisions for the app: you need not fill them in there. If you change a decision in both places, give it the same value in both: a dataset whose two sheets say different things is sent back to be settled.",
    "4. You may correct any other cell of the Inventory sheet; the coordinator will see each correction and accept or reject it. To add a dataset, fill in a new row at the bottom and leave Inventory ID empty.",
    "5. Do not edit the grey columns of the Inventory sheet (Publication Status, Last Updated, Inventory ID): the app keeps them. Your decision moves the Publication Status when the coordinator imports the file.",
    "6. The Checklist sheet holds the data submission checklist's answers: one row for each question answered for a dataset (Yes, No or Not applicable, with a note and the day it was answered). Read it to see how each dataset was checked. You may change an answer or a note there, or add a row; the coordinator will see each change and accept or reject it. Keep each row's Inventory ID and Question as they are.",
    "7. The Publication Plan sheet is the plan for announcing each approved dataset (Step 3 of the playbook, strategic publication): how the release is announced (Tactics: Blog post, Social media, Press release, Public event or Hackathon, several separated by semicolons), when and by whom, who keeps the data up to date, when it went live on the portal and when its data was last refreshed. It has one row for each dataset with a plan. The Chief Data Officer and the communications team may fill it in or correct it, and add a row for another dataset by copying its Inventory ID from the Inventory sheet; the coordinator will see each change and accept or reject it. Dataset Name is there for reading only.",
    "8. The Attributes sheet is the data dictionary: one row for each column of a dataset's data, read from a sample file, with its type, an example (none for a column that looks like personal data) and who may see it. You may write or correct a column's Description, Unit and Empty Cell Means; the coordinator will see each change. Keep each row's Inventory ID and Column as they are; the grey columns are the app's.",
    "9. Keep the file as .xlsx, with its sheets and their names, and send it back to the coordinator, who imports it into Inventory Desk.",
];

/// The closing help for the Chief Data Officer: what each decision means,
/// and how the file goes back.
const FOR_THE_CDO: [(&str, &str); 6] = [
    (
        "Approved",
        "The dataset may be published. Add in CDO Notes anything the department should do when it publishes (a column to leave out, a note for readers).",
    ),
    (
        "Changes requested",
        "The department must change something first: say what in CDO Notes. The dataset goes back to the coordinator as Returned; once fixed, it is submitted to you again.",
    ),
    (
        "Not publishable",
        "The dataset cannot be published: say why in CDO Notes (personal data that cannot be removed, a legal limit). It stays in the inventory, marked Not publishable.",
    ),
    (
        "Reviewed By and Reviewed On",
        "Your name, or the name of the person in your office who reviewed the dataset, and the day of the review, like 2024-03-31.",
    ),
    (
        "Sending it back",
        "Save the file as .xlsx in Excel or LibreOffice (not as CSV: the other sheets would be lost), keep the sheets as they are, and send it to the coordinator named at the top of this sheet.",
    ),
    (
        "What happens next",
        "The coordinator imports the file into Inventory Desk, sees each decision and each correction you made, and accepts or rejects the corrections. Your decisions move each dataset along the review path: Approved to Approved, Changes requested to Returned, Not publishable to Not publishable.",
    ),
];

/// Writes the Instructions sheet.
pub(super) fn write_sheet(
    ws: &mut Worksheet,
    content: &ExportContent,
    dept_name: &str,
) -> Result<(), XlsxError> {
    ws.set_name(INSTRUCTIONS)?;
    for (c, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    let title = Format::new().set_bold().set_font_size(16);
    ws.write_string_with_format(0, 0, "Open data inventory", &title)?;
    ws.set_row_height(0, 24)?;
    let mut sheet = Lines::new(ws, 2);
    for (key, value) in facts(content, dept_name) {
        sheet.line(&[Some(key), Some(&value), None], Look::Term)?;
    }
    sheet.skip();
    sheet.line(&[Some("How to review and return this file")], Look::Term)?;
    for step in STEPS {
        sheet.line(&[None, Some(step)], Look::Plain)?;
    }
    sheet.skip();
    glossaries(&mut sheet, content)?;
    sheet.skip();
    sheet.line(
        &[
            Some("For the Chief Data Officer"),
            Some(&format!(
                "How to fill in the {CDO_REVIEW} sheet and send the file back"
            )),
        ],
        Look::Heading,
    )?;
    for (term, help) in FOR_THE_CDO {
        sheet.line(&[Some(term), Some(help)], Look::Term)?;
    }
    super::print::page_setup(ws, None)
}

/// Who the file is from, and when.
fn facts(content: &ExportContent, dept_name: &str) -> [(&'static str, String); 4] {
    let coordinators = content
        .department
        .as_ref()
        .map(|d| {
            d.coordinators
                .iter()
                .map(|c| format!("{} <{}>", c.name, c.email))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    [
        ("Department", dept_name.to_string()),
        ("Coordinator", coordinators),
        (
            "Exported on",
            content.exported_at.format("%Y-%m-%d %H:%M").to_string(),
        ),
        ("Datasets", content.datasets.len().to_string()),
    ]
}

/// One glossary per sheet a person fills in: each column's guidance and its
/// allowed values.
fn glossaries(sheet: &mut Lines<'_>, content: &ExportContent) -> Result<(), XlsxError> {
    let date = "a date, like 2024-03-31";
    sheet.glossary_header("CDO Review column")?;
    for (c, (header, help)) in REVIEW_HEADERS.iter().zip(REVIEW_HELP).enumerate() {
        let allowed = match c {
            review_col::DECISION => crate::model::CdoDecision::labels().join(", "),
            review_col::REVIEWED_ON => date.to_string(),
            _ => String::new(),
        };
        sheet.line(&[Some(header), Some(help), Some(&allowed)], Look::Term)?;
    }
    sheet.skip();
    sheet.glossary_header("Inventory column")?;
    for column in &COLUMNS {
        let allowed = match column.kind {
            FieldKind::Date => date.to_string(),
            FieldKind::EndDate => "a date, or Current".to_string(),
            FieldKind::Listed(list) => content.lists.names(list).join(", "),
            _ => column.allowed().map(|v| v.join(", ")).unwrap_or_default(),
        };
        sheet.line(
            &[Some(column.header), Some(column.help), Some(&allowed)],
            Look::Term,
        )?;
    }
    sheet.skip();
    sheet.glossary_header("Checklist column")?;
    for (c, (header, help)) in CHECKLIST_HEADERS.iter().zip(CHECKLIST_HELP).enumerate() {
        let allowed = match c {
            checklist_col::ANSWER => CheckAnswer::labels().join(", "),
            checklist_col::ANSWERED_ON => date.to_string(),
            _ => String::new(),
        };
        sheet.line(&[Some(header), Some(help), Some(&allowed)], Look::Term)?;
    }
    sheet.skip();
    sheet.glossary_header("Publication Plan column")?;
    for (c, (header, help)) in PLAN_HEADERS.iter().zip(PLAN_HELP).enumerate() {
        let allowed = match c {
            plan_col::TACTICS => Tactic::labels().join(", "),
            c if plan_col::DATES.contains(&c) => date.to_string(),
            _ => String::new(),
        };
        sheet.line(&[Some(header), Some(help), Some(&allowed)], Look::Term)?;
    }
    Ok(())
}

/// How a line's first cell looks: a term in bold, a heading on a tint, or
/// plain text.
#[derive(Clone, Copy)]
enum Look {
    Term,
    Heading,
    Plain,
}

/// The sheet written line by line, each row as tall as its wrapped cells.
struct Lines<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    wrap: Format,
    bold: Format,
    heading: Format,
}

impl<'a> Lines<'a> {
    fn new(ws: &'a mut Worksheet, row: u32) -> Self {
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Lines {
            ws,
            row,
            bold: wrap.clone().set_bold(),
            wrap,
            heading: header_format(),
        }
    }

    /// An empty row between two parts.
    fn skip(&mut self) {
        self.row += 1;
    }

    /// Writes a row's cells (an empty or missing cell is left blank) and
    /// makes the row tall enough for them.
    fn line(&mut self, cells: &[Option<&str>], look: Look) -> Result<(), XlsxError> {
        for (c, text) in cells.iter().enumerate() {
            let Some(text) = text.filter(|t| !t.is_empty()) else {
                continue;
            };
            let format = match (look, c) {
                (Look::Heading, _) => &self.heading,
                (Look::Term, 0) => &self.bold,
                _ => &self.wrap,
            };
            self.ws
                .write_string_with_format(self.row, c as u16, text, format)?;
        }
        let sized = cells
            .iter()
            .zip(WIDTHS)
            .filter_map(|(text, width)| Some(((*text)?, width)));
        self.ws
            .set_row_height(self.row, super::print::row_height(sized))?;
        self.row += 1;
        Ok(())
    }

    /// The header of a glossary table.
    fn glossary_header(&mut self, first: &str) -> Result<(), XlsxError> {
        self.line(
            &[Some(first), Some("What to write"), Some("Allowed values")],
            Look::Heading,
        )
    }
}
