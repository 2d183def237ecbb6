//! The workbook's columns. The `Inventory` sheet has one column per dataset field,
//! in the order of the field table (`model::fields`), under the field's header,
//! with its help as the header's note and its width: the workbook reads that table
//! and keeps no copy of it. What belongs to the workbook alone is here: how a
//! foreign header is matched, and the columns of the Data Sources, Checklist and
//! Publication Plan sheets.

use crate::model::Field;

/// The `Inventory` sheet's columns are the fields: one column is one row of the
/// field table, and `COLUMNS[c]` is column `c`.
pub use crate::model::fields::{FIELDS as COLUMNS, FieldSpec as Column};

/// The column of a field.
pub fn column(field: Field) -> &'static Column {
    field.spec()
}

/// Finds the column a header names, by its text or an alias, ignoring case, spaces
/// and punctuation, and anything after a colon ("Data source: What system…").
pub fn match_header(header: &str) -> Option<Field> {
    // Project Open Data's `dataQuality` is a true/false flag, not the High/Medium/Low
    // of Data Quality: left unknown, so a catalog CSV is not refused for it.
    if header.trim() == "dataQuality" {
        return None;
    }
    Field::from_header(header)
}

/// Columns of the `Data Sources` sheet, in order.
pub const SOURCE_HEADERS: [&str; 9] = [
    "System Name",
    "Description",
    "Business Owner",
    "Technical Owner",
    "Vendor",
    "Product",
    "Format",
    "Planned Changes",
    "Department",
];

/// Columns of the `Checklist` sheet, in order: one row per answered check.
pub const CHECKLIST_HEADERS: [&str; 6] = [
    "Inventory ID",
    "Section",
    "Question",
    "Answer",
    "Note",
    "Answered On",
];

/// What each column of the `Checklist` sheet holds: its header note, and the
/// Instructions sheet's glossary.
pub const CHECKLIST_HELP: [&str; 6] = [
    "The dataset's permanent ID, as on the Inventory sheet.",
    "The part of the data submission checklist the question belongs to.",
    "The question, as the checklist asks it. Do not reword it: the app finds the question by these words.",
    "Yes, No or Not applicable.",
    "Anything the answer needs explained.",
    "The day the answer was given.",
];

/// Column widths of the `Checklist` sheet, in characters.
pub const CHECKLIST_WIDTHS: [f64; 6] = [12.0, 24.0, 60.0, 16.0, 48.0, 12.0];

/// Positions in `CHECKLIST_HEADERS`.
pub mod checklist_col {
    pub const ID: usize = 0;
    pub const SECTION: usize = 1;
    pub const QUESTION: usize = 2;
    pub const ANSWER: usize = 3;
    pub const NOTE: usize = 4;
    pub const ANSWERED_ON: usize = 5;
}

/// Columns of the `Publication Plan` sheet, in order: one row per dataset with
/// a publication plan (the playbook's Step 3, strategic publication).
pub const PLAN_HEADERS: [&str; 8] = [
    "Inventory ID",
    "Dataset Name",
    "Tactics",
    "Announce On",
    "Announced By",
    "Kept Up To Date By",
    "Published On",
    "Last Refreshed",
];

/// What each column of the `Publication Plan` sheet holds: its header note, and
/// the Instructions sheet's glossary.
pub const PLAN_HELP: [&str; 8] = [
    "The dataset's permanent ID, as on the Inventory sheet. Keep it as it is: the app finds the dataset by it.",
    "The dataset's name, for reading only: change it on the Inventory sheet.",
    "How the release is announced: one or more of Blog post, Social media, Press release, Public event, Hackathon, separated by semicolons (Blog post; Press release).",
    "The day the release is announced.",
    "Who announces it: a person, or a team such as the communications office.",
    "Who keeps the data up to date once it is published.",
    "The day it went live on the open data portal.",
    "The day its data was last refreshed on the portal.",
];

/// Column widths of the `Publication Plan` sheet, in characters.
pub const PLAN_WIDTHS: [f64; 8] = [12.0, 36.0, 34.0, 14.0, 26.0, 26.0, 14.0, 14.0];

/// The columns of the `Distributions` sheet: one row per distribution of a
/// dataset, in the dataset's order.
pub const DISTRIBUTION_HEADERS: [&str; 7] = [
    "Inventory ID",
    "Title",
    "Download URL",
    "Access URL",
    "Media Type",
    "Format",
    "Description",
];

/// What each column of the `Distributions` sheet holds: its header note.
pub const DISTRIBUTION_HELP: [&str; 7] = [
    "The dataset's permanent ID, as on the Inventory sheet. Keep it as it is: the app finds the dataset by it.",
    "The distribution's name, like \"Trees (CSV)\" or \"Data dictionary\".",
    "The web address of the file itself, to download.",
    "The web address of a page, an API or a map that gives the data.",
    "The file's media type, like text/csv or application/json.",
    "The format in words, like CSV or GeoJSON.",
    "Anything a reader should know about this distribution.",
];

/// Column widths of the `Distributions` sheet, in characters.
pub const DISTRIBUTION_WIDTHS: [f64; 7] = [12.0, 30.0, 40.0, 40.0, 18.0, 12.0, 36.0];

/// The columns of the `Attributes` sheet: the data dictionary, one row per
/// column of each dataset's sample. The seven first, then the unit and
/// what an empty cell means. Description, Unit and Empty Cell Means are read
/// back; the others are the app's (grey).
pub const ATTRIBUTE_HEADERS: [&str; 9] = [
    "Inventory ID",
    "Column",
    "Type",
    "Description",
    "Example",
    "Personal Data",
    "Access",
    "Unit",
    "Empty Cell Means",
];

/// What each column of the `Attributes` sheet holds: its header note.
pub const ATTRIBUTE_HELP: [&str; 9] = [
    "Do not edit. The dataset's permanent ID, as on the Inventory sheet: the app finds the dataset by it.",
    "Do not edit. The column's header in the data, as the sample file wrote it: the app finds the column by it.",
    "Do not edit. The type the app read from the sample's values.",
    "What the column holds, in plain words a resident understands. You may write or correct it.",
    "Do not edit. Values from the sample; none for a column that looks like personal data.",
    "Do not edit. Why the column looks like personal data, or No.",
    "Do not edit. Who may see the column: Public, Protected or Not released (set in the app).",
    "The unit of its values, like feet or US dollars. You may write or correct it.",
    "What an empty cell means, like \"not inspected yet\". You may write or correct it.",
];

/// Column widths of the `Attributes` sheet, in characters.
pub const ATTRIBUTE_WIDTHS: [f64; 9] = [12.0, 24.0, 14.0, 48.0, 30.0, 30.0, 12.0, 14.0, 28.0];

/// Positions in `ATTRIBUTE_HEADERS`.
pub mod attribute_col {
    pub const ID: usize = 0;
    pub const COLUMN: usize = 1;
    pub const TYPE: usize = 2;
    pub const DESCRIPTION: usize = 3;
    pub const EXAMPLE: usize = 4;
    pub const PERSONAL: usize = 5;
    pub const ACCESS: usize = 6;
    pub const UNIT: usize = 7;
    pub const EMPTY_MEANS: usize = 8;
}

/// Columns of the `CDO Review` sheet, in order: one row per dataset, what the
/// Chief Data Officer reads to decide (greyed, never read back), then the
/// CDO's four columns, the same as the Inventory's (`Field::REVIEW`).
pub const REVIEW_HEADERS: [&str; 11] = [
    "Inventory ID",
    "Dataset Name",
    "Department",
    "Data Steward",
    "Checklist Complete",
    "Data Classification",
    "CDO Decision",
    "CDO Notes",
    "Reviewed By",
    "Reviewed On",
    "Metadata Score",
];

/// What each column of the `CDO Review` sheet holds: its header note.
pub const REVIEW_HELP: [&str; 11] = [
    "Do not edit. The dataset's permanent ID, as on the Inventory sheet: the app finds the dataset by it.",
    "Do not edit. The dataset's name, for reading: it is on the Inventory sheet.",
    "Do not edit. The department that owns the dataset.",
    "Do not edit. The data steward: the person who knows this data best.",
    "Do not edit. How much of the data submission checklist is answered, in percent: the answers are on the Checklist sheet.",
    "Do not edit. Who may see the data: Public, Protected or Sensitive.",
    "For the Chief Data Officer: Approved, Changes requested or Not publishable, from the list. Blank: not reviewed yet.",
    "For the Chief Data Officer: what to change, or why it cannot be published.",
    "For the Chief Data Officer: who reviewed it.",
    "For the Chief Data Officer: the day of the review, like 2024-03-31.",
    "Do not edit. How findable and reusable the dataset's entry in the portal's catalog is: points out of 375 and the band (Excellent, Good, Sufficient, Bad). Not the checklist: that says how complete the review is.",
];

/// Column widths of the `CDO Review` sheet, in characters.
pub const REVIEW_WIDTHS: [f64; 11] = [
    12.0, 32.0, 20.0, 20.0, 11.0, 14.0, 18.0, 48.0, 18.0, 12.0, 16.0,
];

/// Positions in `REVIEW_HEADERS`.
pub mod review_col {
    use crate::model::Field;

    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const DEPARTMENT: usize = 2;
    pub const STEWARD: usize = 3;
    pub const CHECKLIST: usize = 4;
    pub const CLASSIFICATION: usize = 5;
    pub const DECISION: usize = 6;
    pub const NOTES: usize = 7;
    pub const REVIEWED_BY: usize = 8;
    pub const REVIEWED_ON: usize = 9;
    /// The metadata quality score, for reading (after the CDO's columns, so
    /// that theirs keep their places in files already sent).
    pub const QUALITY: usize = 10;
    /// The CDO's columns, each with the field it is: the only ones read back.
    pub const CDO: [(usize, Field); 4] = [
        (DECISION, Field::CdoDecision),
        (NOTES, Field::CdoNotes),
        (REVIEWED_BY, Field::ReviewedBy),
        (REVIEWED_ON, Field::ReviewedOn),
    ];
}

/// Positions in `PLAN_HEADERS`.
pub mod plan_col {
    pub const ID: usize = 0;
    pub const NAME: usize = 1;
    pub const TACTICS: usize = 2;
    pub const ANNOUNCE_ON: usize = 3;
    pub const ANNOUNCED_BY: usize = 4;
    pub const MAINTAINED_BY: usize = 5;
    pub const PUBLISHED_ON: usize = 6;
    pub const LAST_REFRESHED: usize = 7;
    /// The date columns.
    pub const DATES: [usize; 3] = [ANNOUNCE_ON, PUBLISHED_ON, LAST_REFRESHED];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        assert_eq!(match_header("dataset name"), Some(Field::Name));
        assert_eq!(match_header("  DATASET_NAME "), Some(Field::Name));
        assert_eq!(
            match_header("Data source: What information system or database contains the data?"),
            Some(Field::SystemOfRecord)
        );
        assert_eq!(match_header("PRA Frequency"), Some(Field::RecordsRequests));
        assert_eq!(match_header("Notes 2"), None);
        assert_eq!(match_header("data quality"), Some(Field::Quality));
        assert_eq!(match_header("dataQuality"), None);
    }

    #[test]
    fn the_cdo_review_sheet_names_the_cdo_s_columns_as_the_inventory_does() {
        for (c, field) in review_col::CDO {
            assert_eq!(REVIEW_HEADERS[c], column(field).header);
        }
        let cdo: Vec<Field> = review_col::CDO.iter().map(|(_, f)| *f).collect();
        assert_eq!(cdo, Field::REVIEW);
        assert_eq!(
            REVIEW_HEADERS[review_col::ID],
            column(Field::InventoryId).header
        );
        assert_eq!(REVIEW_HEADERS[review_col::NAME], column(Field::Name).header);
        assert_eq!(
            REVIEW_HEADERS[review_col::STEWARD],
            column(Field::Steward).header
        );
        assert_eq!(
            REVIEW_HEADERS[review_col::CLASSIFICATION],
            column(Field::Classification).header
        );
    }
}
