//! THE table of dataset fields: one row per field, in the order of the workbook's
//! `Inventory` columns, and nothing about a field written anywhere else.
//!
//! A row gives the field's stable key (its column in the database; never rename
//! it), the member of `Dataset` that holds it, its kind (which decides parsing,
//! cell types and widgets), its width in the workbook, its header and the other
//! headers that mean it (aliases, from the layouts cities already use), and the
//! help shown under the header and in the glossary. From those rows the `fields!`
//! macro makes the `Field` enum, `Field::ALL` and `FIELDS`, with each field's
//! get, set, blank and compare taken from its member's type (`FieldValue` in
//! `dataset.rs`), so the enum, the table and the accessors cannot differ.
//! The workbook, the store, the editor, the question banks and `docs/workbook.md`
//! all read this table.
//!
//! To add a field: give `Dataset` a member (a type that already has a
//! `FieldValue`, or give it one); add a row at the END of the table (columns 1–48
//! keep their places in the workbook); add a migration with the column named by
//! its key (`ALTER TABLE datasets ADD COLUMN key TEXT NOT NULL DEFAULT ''`); and add
//! its row to the column table of `docs/workbook.md` (a test compares the two).
//!
//! Why one file of this length: the table is the point of the file (one row per
//! field, 55 rows), and its tests sit under it; split, the table and the rules
//! that read it could drift apart.

use super::dataset::{Dataset, FieldError, FieldValue};
use super::lists::List;
use super::vocab::*;

/// What kind of value a field holds: decides parsing, cell types and widgets.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    Text,
    LongText,
    Email,
    Url,
    Date,
    /// A date, or the word `Current` for data still being collected.
    EndDate,
    DateTime,
    /// One of a vocabulary's labels; the function lists them.
    Choice(fn() -> Vec<&'static str>),
    /// Text checked against one of the inventory's own lists (its categories,
    /// its licenses): a value not on the list is kept as written.
    Listed(List),
    /// `Yes` or blank (the Step 1 prompts).
    Flag,
    Id,
}

/// One row of the field table.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub field: Field,
    /// The stable name of the field: its column in the database. Never renamed.
    pub key: &'static str,
    pub kind: FieldKind,
    /// The workbook's header text, exactly as `docs/workbook.md` writes it.
    pub header: &'static str,
    /// Other headers that mean this field, from the layouts cities already use.
    pub aliases: &'static [&'static str],
    /// Guidance for the person filling it in: the header note, the glossary and
    /// the editor's tooltip.
    pub help: &'static str,
    /// Column width in the workbook, in characters.
    pub width: f64,
    // The accessors: only `Dataset` calls them, after cleaning the text.
    pub(super) get: fn(&Dataset) -> String,
    pub(super) set: fn(&mut Dataset, FieldKind, String) -> Result<(), FieldError>,
    pub(super) is_blank: fn(&Dataset) -> bool,
    /// Whether the field's text (`get`) is the one given.
    pub(super) is: fn(&Dataset, &str) -> bool,
    pub(super) same: fn(&Dataset, &Dataset) -> bool,
    /// Feeds the field's value to a hasher: equal values (`same`) hash alike.
    pub(super) hash: fn(&Dataset, &mut dyn std::hash::Hasher),
}

impl FieldSpec {
    /// The allowed values of a choice field, or of a flag (`Yes`).
    pub fn allowed(&self) -> Option<Vec<&'static str>> {
        match self.kind {
            FieldKind::Choice(labels) => Some(labels()),
            FieldKind::Flag => Some(vec!["Yes"]),
            _ => None,
        }
    }

    /// The inventory's list the field's values come from, if any.
    pub fn list(&self) -> Option<List> {
        match self.kind {
            FieldKind::Listed(list) => Some(list),
            _ => None,
        }
    }
}

/// A row's `kind`: `Choice(V)` names the vocabulary `V`, `Listed(L)` the
/// inventory's list `List::L`.
macro_rules! field_kind {
    (Choice($vocab:ty)) => {
        FieldKind::Choice(<$vocab as Vocabulary>::labels)
    };
    (Listed($list:ident)) => {
        FieldKind::Listed(List::$list)
    };
    ($kind:ident) => {
        FieldKind::$kind
    };
}

/// Declares `Field`, `Field::ALL` and `FIELDS` from the rows below, so the three
/// cannot differ. `member` is the `Dataset` member that holds the field (an index
/// for the Step 1 prompts, which share one array); `kind: Choice(V)` names the
/// vocabulary `V` whose labels the field takes, `kind: Listed(L)` the
/// inventory's list whose names it is checked against.
macro_rules! fields {
    ($(
        $variant:ident {
            key: $key:literal,
            member: $member:ident $([$index:literal])?,
            kind: $kind:ident $(($arg:ident))?,
            width: $width:literal,
            header: $header:literal,
            aliases: [$($alias:literal),* $(,)?],
            help: $help:literal $(,)?
        }
    ),+ $(,)?) => {
        /// The fields of a dataset, in the order of the workbook's `Inventory` columns.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum Field {
            $(#[doc = $help] $variant),+
        }

        impl Field {
            /// How many fields there are.
            pub const COUNT: usize = [$(Field::$variant),+].len();
            /// Every field, in workbook order.
            pub const ALL: [Field; Field::COUNT] = [$(Field::$variant),+];
        }

        /// Every field, in workbook order: `FIELDS[f.index()].field == f`.
        pub static FIELDS: [FieldSpec; Field::COUNT] = [$(FieldSpec {
            field: Field::$variant,
            key: $key,
            kind: field_kind!($kind $(($arg))?),
            header: $header,
            aliases: &[$($alias),*],
            help: $help,
            width: $width as f64,
            get: |d| FieldValue::to_text(&d.$member $([$index])?),
            set: |d, kind, text| {
                d.$member $([$index])? = FieldValue::from_text(kind, text)?;
                Ok(())
            },
            is_blank: |d| FieldValue::is_blank(&d.$member $([$index])?),
            is: |d, text| FieldValue::text_is(&d.$member $([$index])?, text),
            same: |a, b| a.$member $([$index])? == b.$member $([$index])?,
            hash: |d, mut h| std::hash::Hash::hash(&d.$member $([$index])?, &mut h),
        }),+];

        /// The `Dataset` member of each field, for the test that every member has one.
        #[cfg(test)]
        const MEMBERS: [&str; Field::COUNT] = [$(stringify!($member)),+];
    };
}

// Columns 1–6 are the guide's Appendix A template. Later fields go after column
// 48, never between: people know the columns by their places.
fields! {
    Name {
        key: "name", member: name, kind: Text, width: 32,
        header: "Dataset Name",
        aliases: ["Dataset", "Data Set Name", "Dataset Title", "Title", "Name", "Name of Dataset"],
        help: "The dataset's name in plain English, without acronyms. Required.",
    },
    ContactEmail {
        key: "contact_email", member: contact_email, kind: Email, width: 28,
        header: "Contact Email Address",
        aliases: [
            "Email", "Contact Email", "Steward Email", "hasEmail",
            "Data Steward (Business knowledge) - Email", "Data Steward Email",
            "Contact Point Email", "mbox"
        ],
        help: "Email address of the data steward: the person who knows this data best.",
    },
    Contents {
        key: "contents", member: contents, kind: LongText, width: 48,
        header: "Contents",
        aliases: [
            "Description", "Brief description", "Brief description of data", "Dataset Description",
            "Summary", "Data Description"
        ],
        help: "What the dataset describes, written for someone who does not work in your department.",
    },
    SystemOfRecord {
        key: "system_of_record", member: system_of_record, kind: Text, width: 24,
        header: "System of Record",
        aliases: [
            "Data source", "Source System", "System", "Source", "Information System", "Database"
        ],
        help: "The system or database the data lives in: a name from the Data Sources sheet, or any name.",
    },
    SensitiveData {
        key: "sensitive_data", member: sensitive_data, kind: Choice(SensitiveData), width: 14,
        header: "Contains Sensitive Data",
        aliases: [
            "Sensitive", "Sensitive Data", "Contains PII", "PII",
            "Personally Identifiable Information", "Contains Personal Information"
        ],
        help: "Does it hold personal, confidential or security-related information? Yes, No or Unsure.",
    },
    SensitiveComments {
        key: "sensitive_comments", member: sensitive_comments, kind: LongText, width: 36,
        header: "Sensitive Data Comments",
        aliases: ["Sensitive Data Notes", "Privacy Notes", "Sensitivity Comments"],
        help: "What could be done to make it shareable: remove columns, aggregate, band ages or amounts, blur locations.",
    },
    Department {
        key: "department", member: department, kind: Text, width: 22,
        header: "Department",
        aliases: ["Dept", "Agency", "publisher", "Department Name", "Owning Department"],
        help: "The department that owns the dataset.",
    },
    Division {
        key: "division", member: division, kind: Text, width: 18,
        header: "Division",
        aliases: ["Bureau", "Section", "Office", "Program", "Unit"],
        help: "The division or bureau within the department.",
    },
    Steward {
        key: "steward", member: steward, kind: Text, width: 22,
        header: "Data Steward",
        aliases: [
            "Steward", "fn", "Contact Name", "Data Owner", "Data Steward (Business knowledge)",
            "Data Steward Name", "Contact Point", "Data Custodian", "Responsible Person"
        ],
        help: "The data steward's name.",
    },
    CollectionMechanism {
        key: "collection_mechanism", member: collection_mechanism, kind: Text, width: 22,
        header: "Data Collection Mechanism",
        aliases: [
            "Collection Method", "How is the data collected", "Collection Mechanism",
            "Data Collection Method"
        ],
        help: "How the data is collected: inspections, calls, applications, sensors, forms…",
    },
    Format {
        key: "format", member: format, kind: Text, width: 16,
        header: "Format",
        aliases: ["File Format", "Data Format", "mediaType", "Dataset Type", "Storage Format"],
        help: "What form the data is in today: Excel, SQL database, PDF, GIS layer…",
    },
    StartDate {
        key: "start_date", member: start_date, kind: Date, width: 12,
        header: "Start Date",
        aliases: ["Coverage Start", "Temporal Start", "Data Start Date", "Earliest Date"],
        help: "The date of the oldest record.",
    },
    EndDate {
        key: "end_date", member: end_date, kind: EndDate, width: 12,
        header: "End Date",
        aliases: ["Coverage End", "Temporal End", "Data End Date", "Latest Date"],
        help: "The date of the newest record, or Current if the data is still being collected.",
    },
    GeographicCoverage {
        key: "geographic_coverage", member: geographic_coverage, kind: Text, width: 20,
        header: "Geographic Coverage",
        aliases: ["spatial", "Geography", "Coverage Area", "Geographic Area"],
        help: "The area the data covers, for example City of Springfield.",
    },
    Granularity {
        key: "granularity", member: granularity, kind: Choice(Granularity), width: 16,
        header: "Geographic Granularity",
        aliases: ["Geographic Unit", "Spatial Granularity", "Location Granularity", "Granularity"],
        help: "The smallest area one record describes.",
    },
    UpdateFrequency {
        key: "update_frequency", member: update_frequency, kind: Choice(Frequency), width: 18,
        header: "Update Frequency",
        aliases: [
            "accrualPeriodicity", "Frequency of data change", "Refresh Frequency", "Frequency",
            "Publishing Frequency", "How often is the data updated"
        ],
        help: "How often the dataset is refreshed.",
    },
    CollectionFrequency {
        key: "collection_frequency", member: collection_frequency, kind: Choice(Frequency), width: 18,
        header: "Collection Frequency",
        aliases: [
            "Frequency of Collection", "How often is the data collected",
            "Data Collection Frequency"
        ],
        help: "How often new data is collected.",
    },
    ExistingPublication {
        key: "existing_publication", member: existing_publication, kind: Choice(YesNo), width: 12,
        header: "Existing Publication",
        aliases: [
            "Already Published", "Currently Published", "Publicly Available",
            "Published Elsewhere", "Open Data Portal", "On Open Data Portal"
        ],
        help: "Is the data already published somewhere (a website, a report, a portal)?",
    },
    PublicationLink {
        key: "publication_link", member: publication_link, kind: Url, width: 30,
        header: "Link to Existing Publication",
        aliases: [
            "URL", "Link", "accessURL", "downloadURL", "Website",
            "Publication Link"
        ],
        help: "Where it is published today: the web address.",
    },
    Classification {
        key: "classification", member: classification, kind: Choice(Classification), width: 14,
        header: "Data Classification",
        aliases: ["accessLevel", "Classification", "Access Level"],
        help: "Public: anyone may see it. Protected: for city use, may be shared with care. Sensitive: must not be released as is.",
    },
    SecurityLevel {
        key: "security_level", member: security_level, kind: Choice(SecurityLevel), width: 12,
        header: "Security Level",
        aliases: ["Security", "Security Classification"],
        help: "The security level the city's security office assigns.",
    },
    Quality {
        key: "quality", member: quality, kind: Choice(Rating), width: 12,
        header: "Data Quality",
        aliases: ["Quality", "Quality Level"],
        help: "How complete and accurate the data is: High, Medium or Low.",
    },
    QualityDetails {
        key: "quality_details", member: quality_details, kind: LongText, width: 32,
        header: "Data Quality Details",
        aliases: ["Quality Notes", "Quality Details", "Data Quality Notes"],
        help: "Known gaps, errors, or checks that are done.",
    },
    Priority {
        key: "priority", member: priority, kind: Choice(Rating), width: 10,
        header: "Priority",
        aliases: ["Priority/value", "Value", "Priority Level", "Publication Priority"],
        help: "How valuable it would be to publish: High, Medium or Low.",
    },
    PriorityComments {
        key: "priority_comments", member: priority_comments, kind: LongText, width: 32,
        header: "Priority Comments",
        aliases: ["Priority Notes", "Value Comments", "Why it matters", "Value Notes"],
        help: "Why this priority: who would use it, what questions it answers.",
    },
    TechnicalChallenges {
        key: "technical_challenges", member: technical_challenges, kind: LongText, width: 32,
        header: "Technical Challenges",
        aliases: ["Challenges", "Technical Issues", "Barriers"],
        help: "Anything that makes publishing hard: an old system, manual exports, missing fields.",
    },
    RecordsRequests {
        key: "records_requests", member: records_requests, kind: Choice(RecordsRequests), width: 14,
        header: "Records Requests",
        aliases: [
            "PRA Frequency", "Records Request Frequency", "FOIA Requests",
            "Public Records Requests", "Right to Know Requests"
        ],
        help: "How often the public asks for this data through records requests.",
    },
    Category {
        key: "category", member: category, kind: Listed(Categories), width: 16,
        header: "Category",
        aliases: ["theme", "Topic", "Subject"],
        help: "The portal category it belongs in.",
    },
    Keywords {
        key: "keywords", member: keywords, kind: Text, width: 24,
        header: "Keywords",
        aliases: ["keyword", "Tags", "Key Words"],
        help: "Words people would search for, separated by semicolons (;).",
    },
    License {
        key: "license", member: license, kind: Listed(Licenses), width: 14,
        header: "License",
        aliases: ["Licence", "License Type"],
        help: "The license it would be published under. CC0 1.0 puts it in the public domain.",
    },
    CitywideGoal {
        key: "citywide_goal", member: prompts[0], kind: Flag, width: 10,
        header: "Citywide Goal",
        aliases: [],
        help: "Step 1, prompt 1: directly related to citywide goals or priorities? Yes or blank.",
    },
    DepartmentMission {
        key: "department_mission", member: prompts[1], kind: Flag, width: 10,
        header: "Department Mission",
        aliases: [],
        help: "Step 1, prompt 2: related to your department's mission? Yes or blank.",
    },
    FrequentlyRequested {
        key: "frequently_requested", member: prompts[2], kind: Flag, width: 10,
        header: "Frequently Requested",
        aliases: [],
        help: "Step 1, prompt 3: often requested through Right to Know, FOIA or 311 requests? Yes or blank.",
    },
    PerformanceOrBudget {
        key: "performance_or_budget", member: prompts[3], kind: Flag, width: 10,
        header: "Performance or Budget",
        aliases: [],
        help: "Step 1, prompt 4: used in performance-based budgeting or evaluation? Yes or blank.",
    },
    LegislativeReports {
        key: "legislative_reports", member: prompts[4], kind: Flag, width: 10,
        header: "Legislative Reports",
        aliases: [],
        help: "Step 1, prompt 5: used to compile reports for city council or cabinet? Yes or blank.",
    },
    GrantReports {
        key: "grant_reports", member: prompts[5], kind: Flag, width: 10,
        header: "Grant Reports",
        aliases: [],
        help: "Step 1, prompt 6: used for reports on federal, state or nonprofit grants? Yes or blank.",
    },
    MeasurementOrTransaction {
        key: "measurement_or_transaction", member: prompts[6], kind: Flag, width: 10,
        header: "Measurement or Transaction",
        aliases: [],
        help: "Step 1, prompt 7: records a measurement or transaction, or informs about services? Yes or blank.",
    },
    DrivesVisualizations {
        key: "drives_visualizations", member: prompts[7], kind: Flag, width: 10,
        header: "Drives Visualizations",
        aliases: [],
        help: "Step 1, prompt 8: drives lists, tables, charts, maps or other visuals? Yes or blank.",
    },
    Status {
        key: "status", member: status, kind: Choice(Status), width: 18,
        header: "Publication Status",
        aliases: ["Status", "Workflow Status", "Review Status"],
        help: "Where the dataset is: Not ready, Submitted for review, Approved, Published, Returned, Not publishable.",
    },
    TargetPublicationDate {
        key: "target_publication_date", member: target_publication_date, kind: Date, width: 14,
        header: "Target Publication Date",
        aliases: ["Target Date", "Planned Publication Date", "Publication Date"],
        help: "When the department plans to publish it.",
    },
    ApprovedBy {
        key: "approved_by", member: approved_by, kind: Text, width: 20,
        header: "Approved by Department",
        aliases: ["Department Approver", "Approved By", "Leadership Approval"],
        help: "The department leader who approved the release.",
    },
    ApprovalDate {
        key: "approval_date", member: approval_date, kind: Date, width: 14,
        header: "Department Approval Date",
        aliases: ["Approval Date", "Date Approved"],
        help: "The day the department leader approved it.",
    },
    CdoDecision {
        key: "cdo_decision", member: cdo_decision, kind: Choice(CdoDecision), width: 16,
        header: "CDO Decision",
        aliases: ["Decision", "Review Decision"],
        help: "For the Chief Data Officer: Approved, Changes requested or Not publishable. Blank: not reviewed yet.",
    },
    CdoNotes {
        key: "cdo_notes", member: cdo_notes, kind: LongText, width: 36,
        header: "CDO Notes",
        aliases: ["Review Notes", "Reviewer Notes", "Notes"],
        help: "For the Chief Data Officer: what to change, or why it cannot be published.",
    },
    ReviewedBy {
        key: "reviewed_by", member: reviewed_by, kind: Text, width: 16,
        header: "Reviewed By",
        aliases: ["Reviewer"],
        help: "For the Chief Data Officer: who reviewed it.",
    },
    ReviewedOn {
        key: "reviewed_on", member: reviewed_on, kind: Date, width: 12,
        header: "Reviewed On",
        aliases: ["Review Date", "Date Reviewed"],
        help: "For the Chief Data Officer: the day of the review.",
    },
    LastUpdated {
        key: "last_updated", member: last_updated, kind: DateTime, width: 18,
        header: "Last Updated",
        aliases: ["Last Modified"],
        help: "When the dataset last changed in the app. Kept by the app: do not edit.",
    },
    InventoryId {
        key: "inventory_id", member: id, kind: Id, width: 12,
        header: "Inventory ID",
        aliases: ["Inventory Number", "Inventory No"],
        help: "The dataset's permanent ID. Do not edit: the app uses it to match rows when the file comes back. Leave it empty on new rows.",
    },
    OtherDetails {
        key: "other_details", member: other_details, kind: LongText, width: 40,
        header: "Other Details",
        aliases: ["Other Details From The File"],
        help: "What an imported file said that fits no other column, kept as written, one line each (Column: value). Edit or clear it once it is in the right place.",
    },
    PortalIdentifier {
        key: "portal_identifier", member: portal_identifier, kind: Text, width: 28,
        header: "Portal Identifier",
        aliases: ["identifier", "Portal ID", "Dataset Identifier"],
        help: "The dataset's identifier on the open data portal, kept as the portal gave it. Do not change it: the portal's catalog is matched by it, and a new one would make every harvester delete and recreate the record.",
    },
    Issued {
        key: "issued", member: issued, kind: Text, width: 14,
        header: "Issued",
        aliases: ["Date Issued", "Release Date", "releaseDate", "First Published"],
        help: "When the dataset was first published on the portal: a date (2024-03-31), a date and time, or a year, as the portal wrote it.",
    },
    Modified {
        key: "modified", member: modified, kind: Text, width: 18,
        header: "Modified",
        aliases: ["Date Modified", "Portal Modified", "Last Modified on Portal"],
        help: "When the dataset last changed on the portal: a date (2024-03-31), a date and time, or a year, as the portal wrote it.",
    },
    LandingPage {
        key: "landing_page", member: landing_page, kind: Url, width: 30,
        header: "Landing Page",
        aliases: ["landingPage", "Homepage URL"],
        help: "The dataset's own page on the portal or the department's website.",
    },
    DescribedBy {
        key: "described_by", member: described_by, kind: Url, width: 30,
        header: "Data Dictionary",
        aliases: ["describedBy", "Data Dictionary URL", "Data Dictionary Link"],
        help: "The link to the data dictionary: what each column of the data means.",
    },
    RelatedDocuments {
        key: "related_documents", member: related_documents, kind: LongText, width: 36,
        header: "Related Documents",
        aliases: ["references", "Related Links", "Related Documents URL"],
        help: "Links to documents about the dataset (user guides, methodology), one per line.",
    },
}

impl Field {
    /// The eight Step 1 prompt flags, in the guide's order (and the order of
    /// `Dataset::prompts`).
    pub const PROMPTS: [Field; 8] = [
        Field::CitywideGoal,
        Field::DepartmentMission,
        Field::FrequentlyRequested,
        Field::PerformanceOrBudget,
        Field::LegislativeReports,
        Field::GrantReports,
        Field::MeasurementOrTransaction,
        Field::DrivesVisualizations,
    ];

    /// What a portal's own catalog says of a dataset, kept so the app's
    /// data.json says it again: the portal keeps them, the checklist does not
    /// ask them.
    pub const PORTAL: [Field; 6] = [
        Field::PortalIdentifier,
        Field::Issued,
        Field::Modified,
        Field::LandingPage,
        Field::DescribedBy,
        Field::RelatedDocuments,
    ];

    /// Fields the CDO fills in during review.
    pub const REVIEW: [Field; 4] = [
        Field::CdoDecision,
        Field::CdoNotes,
        Field::ReviewedBy,
        Field::ReviewedOn,
    ];

    /// Position in the workbook, from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The field's row of the table.
    pub fn spec(self) -> &'static FieldSpec {
        &FIELDS[self.index()]
    }

    /// The database column that holds this field.
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn kind(self) -> FieldKind {
        self.spec().kind
    }

    /// The workbook's header for this field.
    pub fn header(self) -> &'static str {
        self.spec().header
    }

    /// Fields the app keeps itself; a file cannot change them.
    pub fn is_read_only(self) -> bool {
        matches!(self, Field::LastUpdated | Field::InventoryId)
    }

    /// The field a header or one of its aliases names, ignoring case, spaces and
    /// punctuation, and anything after a colon ("Data source: What system…").
    pub fn from_header(header: &str) -> Option<Field> {
        let before_colon = header.split(':').next().unwrap_or(header);
        let key = normalize(before_colon);
        if key.is_empty() {
            return None;
        }
        HEADER_KEYS.get(&key).copied()
    }
}

/// Each field's header and aliases, normalized once: a file of 1,000 columns
/// looked up every one of them, normalized again, for each of its cells in the
/// rows where the header may be (seconds of work). The first field in table
/// order that names a key keeps it, as a search in that order would find.
static HEADER_KEYS: std::sync::LazyLock<std::collections::HashMap<String, Field>> =
    std::sync::LazyLock::new(|| {
        let mut keys = std::collections::HashMap::new();
        for spec in FIELDS.iter() {
            for name in std::iter::once(&spec.header).chain(spec.aliases) {
                keys.entry(normalize(name)).or_insert(spec.field);
            }
        }
        keys
    });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_field_order_and_has_48_fields() {
        for (i, s) in FIELDS.iter().enumerate() {
            assert_eq!(s.field.index(), i, "{}", s.header);
            assert_eq!(Field::ALL[i], s.field);
        }
        assert_eq!(FIELDS[0].header, "Dataset Name");
        assert_eq!(FIELDS[5].header, "Sensitive Data Comments");
        assert_eq!(FIELDS[47].header, "Inventory ID");
        assert_eq!(Field::ALL[47], Field::InventoryId);
    }

    #[test]
    fn no_header_or_alias_means_two_fields() {
        let mut seen = std::collections::HashMap::new();
        for s in &FIELDS {
            for name in std::iter::once(&s.header).chain(s.aliases.iter()) {
                if let Some(other) = seen
                    .insert(normalize(name), s.header)
                    .filter(|o| *o != s.header)
                {
                    panic!("{name} is used by {other} and {}", s.header);
                }
            }
        }
    }

    #[test]
    fn no_two_fields_share_a_key() {
        let mut keys: Vec<&str> = FIELDS.iter().map(|s| s.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Field::COUNT);
    }

    /// A member of `Dataset` that no row names would be left out of every
    /// get, set and compare: the table must name them all.
    #[test]
    fn every_member_of_a_dataset_is_a_field() {
        let value = serde_json::to_value(Dataset::default()).unwrap();
        let members = value.as_object().unwrap();
        for member in members.keys() {
            assert!(MEMBERS.contains(&member.as_str()), "{member} is in no row");
        }
        for member in MEMBERS {
            assert!(members.contains_key(member), "{member} is not a member");
        }
    }

    /// The prompts share `Dataset::prompts`: row and `PROMPTS` agree on the index.
    #[test]
    fn each_prompt_field_is_its_place_in_the_prompts() {
        for (i, field) in Field::PROMPTS.into_iter().enumerate() {
            let mut d = Dataset::default();
            d.set(field, "Yes").unwrap();
            let mut expected = [false; 8];
            expected[i] = true;
            assert_eq!(d.prompts, expected, "{field:?}");
            assert!(matches!(field.kind(), FieldKind::Flag));
        }
    }

    /// A choice row names its vocabulary: it must be the member's own, or the
    /// dropdown would offer labels the field refuses.
    #[test]
    fn every_choice_field_takes_each_label_it_offers() {
        for s in &FIELDS {
            for label in s.allowed().unwrap_or_default() {
                let mut d = Dataset::default();
                d.set(s.field, label).unwrap();
                assert_eq!(d.get(s.field), label, "{}", s.header);
            }
        }
    }

    #[test]
    fn headers_and_aliases_name_their_field() {
        assert_eq!(Field::from_header("dataset name"), Some(Field::Name));
        assert_eq!(
            Field::from_header("PRA Frequency"),
            Some(Field::RecordsRequests)
        );
        assert_eq!(
            Field::from_header("Data source: What information system?"),
            Some(Field::SystemOfRecord)
        );
        assert_eq!(Field::from_header("Notes 2"), None);
        assert_eq!(Field::from_header(":"), None);
    }
}
