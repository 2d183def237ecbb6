//! THE table of workbook columns. Export writes it, import matches headers against
//! it, the Instructions sheet prints it as a glossary, and the editor labels its
//! fields with it: one table, so none of them can drift from the others.

use crate::model::vocab::normalize;
use crate::model::{Field, FieldKind};

/// One column of the `Inventory` sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub field: Field,
    /// The header text, exactly as `workbook.md` writes it.
    pub header: &'static str,
    /// Other headers that mean this column, from the layouts cities already use.
    pub aliases: &'static [&'static str],
    /// Guidance for the person filling it in: the header note and the glossary.
    pub help: &'static str,
    /// Column width in characters.
    pub width: f64,
}

impl Column {
    pub fn kind(&self) -> FieldKind {
        self.field.kind()
    }

    /// The allowed values of a choice column, or of a flag column (`Yes`).
    pub fn allowed(&self) -> Option<Vec<&'static str>> {
        match self.kind() {
            FieldKind::Choice(labels) => Some(labels()),
            FieldKind::Flag => Some(vec!["Yes"]),
            _ => None,
        }
    }
}

macro_rules! col {
    ($field:ident, $header:literal, [$($alias:literal),*], $width:literal, $help:literal) => {
        Column { field: Field::$field, header: $header, aliases: &[$($alias),*], width: $width as f64, help: $help }
    };
}

/// Every column of the `Inventory` sheet, in order. Columns 1–6 are the guide's
/// Appendix A template; later information goes after column 48, never between.
pub const COLUMNS: [Column; 48] = [
    col!(
        Name,
        "Dataset Name",
        [
            "Dataset",
            "Data Set Name",
            "Dataset Title",
            "Title",
            "Name",
            "Name of Dataset"
        ],
        32,
        "The dataset's name in plain English, without acronyms. Required."
    ),
    col!(
        ContactEmail,
        "Contact Email Address",
        [
            "Email",
            "Contact Email",
            "Steward Email",
            "hasEmail",
            "Data Steward (Business knowledge) - Email",
            "Data Steward Email",
            "Contact Point Email",
            "mbox"
        ],
        28,
        "Email address of the data steward: the person who knows this data best."
    ),
    col!(
        Contents,
        "Contents",
        [
            "Description",
            "Brief description",
            "Brief description of data",
            "Dataset Description",
            "Summary",
            "Data Description"
        ],
        48,
        "What the dataset describes, written for someone who does not work in your department."
    ),
    col!(
        SystemOfRecord,
        "System of Record",
        [
            "Data source",
            "Source System",
            "System",
            "Source",
            "Information System",
            "Database"
        ],
        24,
        "The system or database the data lives in: a name from the Data Sources sheet, or any name."
    ),
    col!(
        SensitiveData,
        "Contains Sensitive Data",
        [
            "Sensitive",
            "Sensitive Data",
            "Contains PII",
            "PII",
            "Personally Identifiable Information",
            "Contains Personal Information"
        ],
        14,
        "Does it hold personal, confidential or security-related information? Yes, No or Unsure."
    ),
    col!(
        SensitiveComments,
        "Sensitive Data Comments",
        [
            "Sensitive Data Notes",
            "Privacy Notes",
            "Sensitivity Comments"
        ],
        36,
        "What could be done to make it shareable: remove columns, aggregate, band ages or amounts, blur locations."
    ),
    col!(
        Department,
        "Department",
        [
            "Dept",
            "Agency",
            "publisher",
            "Department Name",
            "Owning Department"
        ],
        22,
        "The department that owns the dataset."
    ),
    col!(
        Division,
        "Division",
        ["Bureau", "Section", "Office", "Program", "Unit"],
        18,
        "The division or bureau within the department."
    ),
    col!(
        Steward,
        "Data Steward",
        [
            "Steward",
            "fn",
            "Contact Name",
            "Data Owner",
            "Data Steward (Business knowledge)",
            "Data Steward Name",
            "Contact Point"
        ],
        22,
        "The data steward's name."
    ),
    col!(
        CollectionMechanism,
        "Data Collection Mechanism",
        [
            "Collection Method",
            "How is the data collected",
            "Collection Mechanism",
            "Data Collection Method"
        ],
        22,
        "How the data is collected: inspections, calls, applications, sensors, forms…"
    ),
    col!(
        Format,
        "Format",
        ["File Format", "Data Format", "mediaType"],
        16,
        "What form the data is in today: Excel, SQL database, PDF, GIS layer…"
    ),
    col!(
        StartDate,
        "Start Date",
        [
            "Coverage Start",
            "Temporal Start",
            "Data Start Date",
            "Earliest Date"
        ],
        12,
        "The date of the oldest record."
    ),
    col!(
        EndDate,
        "End Date",
        [
            "Coverage End",
            "Temporal End",
            "Data End Date",
            "Latest Date"
        ],
        12,
        "The date of the newest record, or Current if the data is still being collected."
    ),
    col!(
        GeographicCoverage,
        "Geographic Coverage",
        ["spatial", "Geography", "Coverage Area", "Geographic Area"],
        20,
        "The area the data covers, for example City of Springfield."
    ),
    col!(
        Granularity,
        "Geographic Granularity",
        [
            "Geographic Unit",
            "Spatial Granularity",
            "Location Granularity",
            "Granularity"
        ],
        16,
        "The smallest area one record describes."
    ),
    col!(
        UpdateFrequency,
        "Update Frequency",
        [
            "accrualPeriodicity",
            "Frequency of data change",
            "Refresh Frequency",
            "Frequency",
            "Publishing Frequency",
            "How often is the data updated"
        ],
        18,
        "How often the dataset is refreshed."
    ),
    col!(
        CollectionFrequency,
        "Collection Frequency",
        [
            "Frequency of Collection",
            "How often is the data collected",
            "Data Collection Frequency"
        ],
        18,
        "How often new data is collected."
    ),
    col!(
        ExistingPublication,
        "Existing Publication",
        [
            "Already Published",
            "Currently Published",
            "Publicly Available",
            "Published Elsewhere"
        ],
        12,
        "Is the data already published somewhere (a website, a report, a portal)?"
    ),
    col!(
        PublicationLink,
        "Link to Existing Publication",
        [
            "landingPage",
            "URL",
            "Link",
            "accessURL",
            "downloadURL",
            "Website",
            "Publication Link"
        ],
        30,
        "Where it is published today: the web address."
    ),
    col!(
        Classification,
        "Data Classification",
        ["accessLevel", "Classification", "Access Level"],
        14,
        "Public: anyone may see it. Protected: for city use, may be shared with care. Sensitive: must not be released as is."
    ),
    col!(
        SecurityLevel,
        "Security Level",
        ["Security", "Security Classification"],
        12,
        "The security level the city's security office assigns."
    ),
    col!(
        Quality,
        "Data Quality",
        ["Quality", "Quality Level"],
        12,
        "How complete and accurate the data is: High, Medium or Low."
    ),
    col!(
        QualityDetails,
        "Data Quality Details",
        ["Quality Notes", "Quality Details", "Data Quality Notes"],
        32,
        "Known gaps, errors, or checks that are done."
    ),
    col!(
        Priority,
        "Priority",
        [
            "Priority/value",
            "Value",
            "Priority Level",
            "Publication Priority"
        ],
        10,
        "How valuable it would be to publish: High, Medium or Low."
    ),
    col!(
        PriorityComments,
        "Priority Comments",
        [
            "Priority Notes",
            "Value Comments",
            "Why it matters",
            "Value Notes"
        ],
        32,
        "Why this priority: who would use it, what questions it answers."
    ),
    col!(
        TechnicalChallenges,
        "Technical Challenges",
        ["Challenges", "Technical Issues", "Barriers"],
        32,
        "Anything that makes publishing hard: an old system, manual exports, missing fields."
    ),
    col!(
        RecordsRequests,
        "Records Requests",
        [
            "PRA Frequency",
            "Records Request Frequency",
            "FOIA Requests",
            "Public Records Requests",
            "Right to Know Requests"
        ],
        14,
        "How often the public asks for this data through records requests."
    ),
    col!(
        Category,
        "Category",
        ["theme", "Topic", "Subject"],
        16,
        "The portal category it belongs in."
    ),
    col!(
        Keywords,
        "Keywords",
        ["keyword", "Tags", "Key Words"],
        24,
        "Words people would search for, separated by semicolons (;)."
    ),
    col!(
        License,
        "License",
        ["Licence", "License Type"],
        14,
        "The license it would be published under. CC0 1.0 puts it in the public domain."
    ),
    col!(
        CitywideGoal,
        "Citywide Goal",
        [],
        10,
        "Step 1, prompt 1: directly related to citywide goals or priorities? Yes or blank."
    ),
    col!(
        DepartmentMission,
        "Department Mission",
        [],
        10,
        "Step 1, prompt 2: related to your department's mission? Yes or blank."
    ),
    col!(
        FrequentlyRequested,
        "Frequently Requested",
        [],
        10,
        "Step 1, prompt 3: often requested through Right to Know, FOIA or 311 requests? Yes or blank."
    ),
    col!(
        PerformanceOrBudget,
        "Performance or Budget",
        [],
        10,
        "Step 1, prompt 4: used in performance-based budgeting or evaluation? Yes or blank."
    ),
    col!(
        LegislativeReports,
        "Legislative Reports",
        [],
        10,
        "Step 1, prompt 5: used to compile reports for city council or cabinet? Yes or blank."
    ),
    col!(
        GrantReports,
        "Grant Reports",
        [],
        10,
        "Step 1, prompt 6: used for reports on federal, state or nonprofit grants? Yes or blank."
    ),
    col!(
        MeasurementOrTransaction,
        "Measurement or Transaction",
        [],
        10,
        "Step 1, prompt 7: records a measurement or transaction, or informs about services? Yes or blank."
    ),
    col!(
        DrivesVisualizations,
        "Drives Visualizations",
        [],
        10,
        "Step 1, prompt 8: drives lists, tables, charts, maps or other visuals? Yes or blank."
    ),
    col!(
        Status,
        "Publication Status",
        ["Status", "Workflow Status", "Review Status"],
        18,
        "Where the dataset is: Not ready, Submitted for review, Approved, Published, Returned, Not publishable."
    ),
    col!(
        TargetPublicationDate,
        "Target Publication Date",
        [
            "Target Date",
            "Planned Publication Date",
            "Publication Date"
        ],
        14,
        "When the department plans to publish it."
    ),
    col!(
        ApprovedBy,
        "Approved by Department",
        ["Department Approver", "Approved By", "Leadership Approval"],
        20,
        "The department leader who approved the release."
    ),
    col!(
        ApprovalDate,
        "Department Approval Date",
        ["Approval Date", "Date Approved"],
        14,
        "The day the department leader approved it."
    ),
    col!(
        CdoDecision,
        "CDO Decision",
        ["Decision", "Review Decision"],
        16,
        "For the Chief Data Officer: Approved, Changes requested or Not publishable. Blank: not reviewed yet."
    ),
    col!(
        CdoNotes,
        "CDO Notes",
        ["Review Notes", "Reviewer Notes", "Notes"],
        36,
        "For the Chief Data Officer: what to change, or why it cannot be published."
    ),
    col!(
        ReviewedBy,
        "Reviewed By",
        ["Reviewer"],
        16,
        "For the Chief Data Officer: who reviewed it."
    ),
    col!(
        ReviewedOn,
        "Reviewed On",
        ["Review Date", "Date Reviewed"],
        12,
        "For the Chief Data Officer: the day of the review."
    ),
    col!(
        LastUpdated,
        "Last Updated",
        ["Last Modified", "modified"],
        18,
        "When the dataset last changed in the app. Kept by the app: do not edit."
    ),
    col!(
        InventoryId,
        "Inventory ID",
        ["Inventory Number", "Inventory No"],
        12,
        "The dataset's permanent ID. Do not edit: the app uses it to match rows when the file comes back. Leave it empty on new rows."
    ),
];

/// The column of a field.
pub fn column(field: Field) -> &'static Column {
    &COLUMNS[field.index()]
}

/// Finds the column a header names, by its text or an alias, ignoring case, spaces
/// and punctuation, and anything after a colon ("Data source: What system…").
pub fn match_header(header: &str) -> Option<Field> {
    // Project Open Data's `dataQuality` is a true/false flag, not the High/Medium/Low
    // of Data Quality: left unknown, so a catalog CSV is not refused for it.
    if header.trim() == "dataQuality" {
        return None;
    }
    let before_colon = header.split(':').next().unwrap_or(header);
    let key = normalize(before_colon);
    if key.is_empty() {
        return None;
    }
    COLUMNS
        .iter()
        .find(|c| normalize(c.header) == key || c.aliases.iter().any(|a| normalize(a) == key))
        .map(|c| c.field)
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
    fn the_table_follows_the_field_order_and_has_48_columns() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(c.field.index(), i, "{}", c.header);
        }
        assert_eq!(COLUMNS[0].header, "Dataset Name");
        assert_eq!(COLUMNS[5].header, "Sensitive Data Comments");
        assert_eq!(COLUMNS[47].header, "Inventory ID");
    }

    #[test]
    fn no_header_or_alias_means_two_columns() {
        let mut seen = std::collections::HashMap::new();
        for c in &COLUMNS {
            for name in std::iter::once(&c.header).chain(c.aliases.iter()) {
                if let Some(other) = seen
                    .insert(normalize(name), c.header)
                    .filter(|o| *o != c.header)
                {
                    panic!("{name} is used by {other} and {}", c.header);
                }
            }
        }
    }

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
}
