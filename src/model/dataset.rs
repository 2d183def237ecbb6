//! One dataset of the inventory, with every field of the handoff workbook.
//!
//! `Field` names each field once; `Dataset::get` and `Dataset::set` turn a field into
//! its canonical text and back. Import, export, merge, the store and the editor all
//! go through these two, so a value is read and written one way everywhere.

use chrono::{NaiveDate, NaiveDateTime};

use super::dates::{format_date, parse_date};
use super::id::InventoryId;
use super::vocab::*;

/// Declares `Field` and `Field::ALL` from one list, so the two cannot differ.
macro_rules! fields {
    ($($variant:ident),+ $(,)?) => {
        /// The fields of a dataset, in the order of the workbook's `Inventory` columns.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum Field {
            $($variant),+
        }

        impl Field {
            /// Every field, in workbook order.
            pub const ALL: [Field; 48] = [$(Field::$variant),+];
        }
    };
}

fields!(
    Name,
    ContactEmail,
    Contents,
    SystemOfRecord,
    SensitiveData,
    SensitiveComments,
    Department,
    Division,
    Steward,
    CollectionMechanism,
    Format,
    StartDate,
    EndDate,
    GeographicCoverage,
    Granularity,
    UpdateFrequency,
    CollectionFrequency,
    ExistingPublication,
    PublicationLink,
    Classification,
    SecurityLevel,
    Quality,
    QualityDetails,
    Priority,
    PriorityComments,
    TechnicalChallenges,
    RecordsRequests,
    Category,
    Keywords,
    License,
    CitywideGoal,
    DepartmentMission,
    FrequentlyRequested,
    PerformanceOrBudget,
    LegislativeReports,
    GrantReports,
    MeasurementOrTransaction,
    DrivesVisualizations,
    Status,
    TargetPublicationDate,
    ApprovedBy,
    ApprovalDate,
    CdoDecision,
    CdoNotes,
    ReviewedBy,
    ReviewedOn,
    LastUpdated,
    InventoryId,
);

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
    /// `Yes` or blank (the Step 1 prompts).
    Flag,
    Id,
}

impl Field {
    /// The eight Step 1 prompt flags, in the guide's order.
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

    /// The database column that holds this field.
    pub fn key(self) -> &'static str {
        use Field::*;
        match self {
            Name => "name",
            ContactEmail => "contact_email",
            Contents => "contents",
            SystemOfRecord => "system_of_record",
            SensitiveData => "sensitive_data",
            SensitiveComments => "sensitive_comments",
            Department => "department",
            Division => "division",
            Steward => "steward",
            CollectionMechanism => "collection_mechanism",
            Format => "format",
            StartDate => "start_date",
            EndDate => "end_date",
            GeographicCoverage => "geographic_coverage",
            Granularity => "granularity",
            UpdateFrequency => "update_frequency",
            CollectionFrequency => "collection_frequency",
            ExistingPublication => "existing_publication",
            PublicationLink => "publication_link",
            Classification => "classification",
            SecurityLevel => "security_level",
            Quality => "quality",
            QualityDetails => "quality_details",
            Priority => "priority",
            PriorityComments => "priority_comments",
            TechnicalChallenges => "technical_challenges",
            RecordsRequests => "records_requests",
            Category => "category",
            Keywords => "keywords",
            License => "license",
            CitywideGoal => "citywide_goal",
            DepartmentMission => "department_mission",
            FrequentlyRequested => "frequently_requested",
            PerformanceOrBudget => "performance_or_budget",
            LegislativeReports => "legislative_reports",
            GrantReports => "grant_reports",
            MeasurementOrTransaction => "measurement_or_transaction",
            DrivesVisualizations => "drives_visualizations",
            Status => "status",
            TargetPublicationDate => "target_publication_date",
            ApprovedBy => "approved_by",
            ApprovalDate => "approval_date",
            CdoDecision => "cdo_decision",
            CdoNotes => "cdo_notes",
            ReviewedBy => "reviewed_by",
            ReviewedOn => "reviewed_on",
            LastUpdated => "last_updated",
            InventoryId => "inventory_id",
        }
    }

    pub fn kind(self) -> FieldKind {
        use Field::*;
        match self {
            Name | SystemOfRecord | Department | Division | Steward | CollectionMechanism
            | Format | GeographicCoverage | Keywords | ApprovedBy | ReviewedBy => FieldKind::Text,
            Contents | SensitiveComments | QualityDetails | PriorityComments
            | TechnicalChallenges | CdoNotes => FieldKind::LongText,
            ContactEmail => FieldKind::Email,
            PublicationLink => FieldKind::Url,
            StartDate | TargetPublicationDate | ApprovalDate | ReviewedOn => FieldKind::Date,
            EndDate => FieldKind::EndDate,
            LastUpdated => FieldKind::DateTime,
            SensitiveData => FieldKind::Choice(crate::model::vocab::SensitiveData::labels),
            Granularity => FieldKind::Choice(crate::model::vocab::Granularity::labels),
            UpdateFrequency | CollectionFrequency => FieldKind::Choice(Frequency::labels),
            ExistingPublication => FieldKind::Choice(YesNo::labels),
            Classification => FieldKind::Choice(crate::model::vocab::Classification::labels),
            SecurityLevel => FieldKind::Choice(crate::model::vocab::SecurityLevel::labels),
            Quality | Priority => FieldKind::Choice(Rating::labels),
            RecordsRequests => FieldKind::Choice(crate::model::vocab::RecordsRequests::labels),
            Category => FieldKind::Choice(crate::model::vocab::Category::labels),
            License => FieldKind::Choice(crate::model::vocab::License::labels),
            Status => FieldKind::Choice(crate::model::vocab::Status::labels),
            CdoDecision => FieldKind::Choice(crate::model::vocab::CdoDecision::labels),
            CitywideGoal
            | DepartmentMission
            | FrequentlyRequested
            | PerformanceOrBudget
            | LegislativeReports
            | GrantReports
            | MeasurementOrTransaction
            | DrivesVisualizations => FieldKind::Flag,
            InventoryId => FieldKind::Id,
        }
    }

    /// Fields the app keeps itself; a file cannot change them.
    pub fn is_read_only(self) -> bool {
        matches!(self, Field::LastUpdated | Field::InventoryId)
    }
}

/// The end of a dataset's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EndDate {
    /// Still being collected.
    Current,
    On(NaiveDate),
}

/// One dataset, as the coordinator and the data steward describe it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    pub id: Option<InventoryId>,
    pub name: String,
    pub contact_email: String,
    pub contents: String,
    pub system_of_record: String,
    pub sensitive_data: Option<SensitiveData>,
    pub sensitive_comments: String,
    pub department: String,
    pub division: String,
    pub steward: String,
    pub collection_mechanism: String,
    pub format: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<EndDate>,
    pub geographic_coverage: String,
    pub granularity: Option<Granularity>,
    pub update_frequency: Option<Frequency>,
    pub collection_frequency: Option<Frequency>,
    pub existing_publication: Option<YesNo>,
    pub publication_link: String,
    pub classification: Option<Classification>,
    pub security_level: Option<SecurityLevel>,
    pub quality: Option<Rating>,
    pub quality_details: String,
    pub priority: Option<Rating>,
    pub priority_comments: String,
    pub technical_challenges: String,
    pub records_requests: Option<RecordsRequests>,
    pub category: Option<Category>,
    pub keywords: Vec<String>,
    pub license: Option<License>,
    /// Answers to the eight Step 1 prompts, in `Field::PROMPTS` order.
    pub prompts: [bool; 8],
    pub status: Status,
    pub target_publication_date: Option<NaiveDate>,
    pub approved_by: String,
    pub approval_date: Option<NaiveDate>,
    pub cdo_decision: Option<CdoDecision>,
    pub cdo_notes: String,
    pub reviewed_by: String,
    pub reviewed_on: Option<NaiveDate>,
    pub last_updated: Option<NaiveDateTime>,
}

impl Default for Status {
    fn default() -> Self {
        Status::NotReady
    }
}

/// Why a value could not be taken, in words for the person who typed it.
pub type FieldError = String;

impl Dataset {
    /// A new dataset with only a name.
    pub fn named(name: &str) -> Self {
        Dataset {
            name: clean_text(name),
            ..Dataset::default()
        }
    }

    /// The field as canonical text: what the workbook shows and what merges compare.
    pub fn get(&self, field: Field) -> String {
        use Field as F;
        match field {
            F::Name => self.name.clone(),
            F::ContactEmail => self.contact_email.clone(),
            F::Contents => self.contents.clone(),
            F::SystemOfRecord => self.system_of_record.clone(),
            F::SensitiveData => label(self.sensitive_data),
            F::SensitiveComments => self.sensitive_comments.clone(),
            F::Department => self.department.clone(),
            F::Division => self.division.clone(),
            F::Steward => self.steward.clone(),
            F::CollectionMechanism => self.collection_mechanism.clone(),
            F::Format => self.format.clone(),
            F::StartDate => date(self.start_date),
            F::EndDate => match self.end_date {
                None => String::new(),
                Some(EndDate::Current) => "Current".to_string(),
                Some(EndDate::On(d)) => format_date(d),
            },
            F::GeographicCoverage => self.geographic_coverage.clone(),
            F::Granularity => label(self.granularity),
            F::UpdateFrequency => label(self.update_frequency),
            F::CollectionFrequency => label(self.collection_frequency),
            F::ExistingPublication => label(self.existing_publication),
            F::PublicationLink => self.publication_link.clone(),
            F::Classification => label(self.classification),
            F::SecurityLevel => label(self.security_level),
            F::Quality => label(self.quality),
            F::QualityDetails => self.quality_details.clone(),
            F::Priority => label(self.priority),
            F::PriorityComments => self.priority_comments.clone(),
            F::TechnicalChallenges => self.technical_challenges.clone(),
            F::RecordsRequests => label(self.records_requests),
            F::Category => label(self.category),
            F::Keywords => self.keywords.join("; "),
            F::License => label(self.license),
            F::Status => self.status.label().to_string(),
            F::TargetPublicationDate => date(self.target_publication_date),
            F::ApprovedBy => self.approved_by.clone(),
            F::ApprovalDate => date(self.approval_date),
            F::CdoDecision => label(self.cdo_decision),
            F::CdoNotes => self.cdo_notes.clone(),
            F::ReviewedBy => self.reviewed_by.clone(),
            F::ReviewedOn => date(self.reviewed_on),
            F::LastUpdated => self
                .last_updated
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default(),
            F::InventoryId => self.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            prompt => {
                let flag = self.prompts[prompt_index(prompt)];
                if flag {
                    "Yes".to_string()
                } else {
                    String::new()
                }
            }
        }
    }

    /// Whether two datasets hold the same values, apart from when each was last
    /// saved (the app's own record). Written out field by field so that a field
    /// added to `Dataset` and forgotten here does not compile.
    pub fn same_content(&self, other: &Dataset) -> bool {
        let Dataset {
            id,
            name,
            contact_email,
            contents,
            system_of_record,
            sensitive_data,
            sensitive_comments,
            department,
            division,
            steward,
            collection_mechanism,
            format,
            start_date,
            end_date,
            geographic_coverage,
            granularity,
            update_frequency,
            collection_frequency,
            existing_publication,
            publication_link,
            classification,
            security_level,
            quality,
            quality_details,
            priority,
            priority_comments,
            technical_challenges,
            records_requests,
            category,
            keywords,
            license,
            prompts,
            status,
            target_publication_date,
            approved_by,
            approval_date,
            cdo_decision,
            cdo_notes,
            reviewed_by,
            reviewed_on,
            last_updated: _,
        } = self;
        *id == other.id
            && *name == other.name
            && *contact_email == other.contact_email
            && *contents == other.contents
            && *system_of_record == other.system_of_record
            && *sensitive_data == other.sensitive_data
            && *sensitive_comments == other.sensitive_comments
            && *department == other.department
            && *division == other.division
            && *steward == other.steward
            && *collection_mechanism == other.collection_mechanism
            && *format == other.format
            && *start_date == other.start_date
            && *end_date == other.end_date
            && *geographic_coverage == other.geographic_coverage
            && *granularity == other.granularity
            && *update_frequency == other.update_frequency
            && *collection_frequency == other.collection_frequency
            && *existing_publication == other.existing_publication
            && *publication_link == other.publication_link
            && *classification == other.classification
            && *security_level == other.security_level
            && *quality == other.quality
            && *quality_details == other.quality_details
            && *priority == other.priority
            && *priority_comments == other.priority_comments
            && *technical_challenges == other.technical_challenges
            && *records_requests == other.records_requests
            && *category == other.category
            && *keywords == other.keywords
            && *license == other.license
            && *prompts == other.prompts
            && *status == other.status
            && *target_publication_date == other.target_publication_date
            && *approved_by == other.approved_by
            && *approval_date == other.approval_date
            && *cdo_decision == other.cdo_decision
            && *cdo_notes == other.cdo_notes
            && *reviewed_by == other.reviewed_by
            && *reviewed_on == other.reviewed_on
    }

    /// Whether the field is empty, without building its text (the checklist asks
    /// this of every dataset, and there may be 100,000 of them).
    pub fn is_blank(&self, field: Field) -> bool {
        use Field as F;
        match field {
            F::Name => self.name.is_empty(),
            F::ContactEmail => self.contact_email.is_empty(),
            F::Contents => self.contents.is_empty(),
            F::SystemOfRecord => self.system_of_record.is_empty(),
            F::SensitiveData => self.sensitive_data.is_none(),
            F::SensitiveComments => self.sensitive_comments.is_empty(),
            F::Department => self.department.is_empty(),
            F::Division => self.division.is_empty(),
            F::Steward => self.steward.is_empty(),
            F::CollectionMechanism => self.collection_mechanism.is_empty(),
            F::Format => self.format.is_empty(),
            F::StartDate => self.start_date.is_none(),
            F::EndDate => self.end_date.is_none(),
            F::GeographicCoverage => self.geographic_coverage.is_empty(),
            F::Granularity => self.granularity.is_none(),
            F::UpdateFrequency => self.update_frequency.is_none(),
            F::CollectionFrequency => self.collection_frequency.is_none(),
            F::ExistingPublication => self.existing_publication.is_none(),
            F::PublicationLink => self.publication_link.is_empty(),
            F::Classification => self.classification.is_none(),
            F::SecurityLevel => self.security_level.is_none(),
            F::Quality => self.quality.is_none(),
            F::QualityDetails => self.quality_details.is_empty(),
            F::Priority => self.priority.is_none(),
            F::PriorityComments => self.priority_comments.is_empty(),
            F::TechnicalChallenges => self.technical_challenges.is_empty(),
            F::RecordsRequests => self.records_requests.is_none(),
            F::Category => self.category.is_none(),
            F::Keywords => self.keywords.is_empty(),
            F::License => self.license.is_none(),
            F::Status => false,
            F::TargetPublicationDate => self.target_publication_date.is_none(),
            F::ApprovedBy => self.approved_by.is_empty(),
            F::ApprovalDate => self.approval_date.is_none(),
            F::CdoDecision => self.cdo_decision.is_none(),
            F::CdoNotes => self.cdo_notes.is_empty(),
            F::ReviewedBy => self.reviewed_by.is_empty(),
            F::ReviewedOn => self.reviewed_on.is_none(),
            F::LastUpdated => self.last_updated.is_none(),
            F::InventoryId => self.id.is_none(),
            prompt => !self.prompts[prompt_index(prompt)],
        }
    }

    /// Sets the field from text, accepting synonyms and everyday date formats.
    /// Blank text empties the field. On error the dataset is unchanged.
    pub fn set(&mut self, field: Field, text: &str) -> Result<(), FieldError> {
        use Field as F;
        let text = clean_text(text);
        let length = text.chars().count();
        if length > MAX_TEXT {
            return Err(format!(
                "This text is {length} characters long; a spreadsheet cell holds at most {MAX_TEXT}. Shorten it, or move the details to a linked document."
            ));
        }
        let t = text.as_str();
        match field {
            F::Name => self.name = text,
            F::ContactEmail => self.contact_email = parse_email(t)?,
            F::Contents => self.contents = text,
            F::SystemOfRecord => self.system_of_record = text,
            F::SensitiveData => self.sensitive_data = choice(t)?,
            F::SensitiveComments => self.sensitive_comments = text,
            F::Department => self.department = text,
            F::Division => self.division = text,
            F::Steward => self.steward = text,
            F::CollectionMechanism => self.collection_mechanism = text,
            F::Format => self.format = text,
            F::StartDate => self.start_date = opt_date(t)?,
            F::EndDate => self.end_date = parse_end_date(t)?,
            F::GeographicCoverage => self.geographic_coverage = text,
            F::Granularity => self.granularity = choice(t)?,
            F::UpdateFrequency => self.update_frequency = choice(t)?,
            F::CollectionFrequency => self.collection_frequency = choice(t)?,
            F::ExistingPublication => self.existing_publication = choice(t)?,
            F::PublicationLink => self.publication_link = parse_url(t)?,
            F::Classification => self.classification = choice(t)?,
            F::SecurityLevel => self.security_level = choice(t)?,
            F::Quality => self.quality = choice(t)?,
            F::QualityDetails => self.quality_details = text,
            F::Priority => self.priority = choice(t)?,
            F::PriorityComments => self.priority_comments = text,
            F::TechnicalChallenges => self.technical_challenges = text,
            F::RecordsRequests => self.records_requests = choice(t)?,
            F::Category => self.category = choice(t)?,
            F::Keywords => self.keywords = parse_keywords(t),
            F::License => self.license = choice(t)?,
            F::Status => self.status = choice(t)?.unwrap_or_default(),
            F::TargetPublicationDate => self.target_publication_date = opt_date(t)?,
            F::ApprovedBy => self.approved_by = text,
            F::ApprovalDate => self.approval_date = opt_date(t)?,
            F::CdoDecision => self.cdo_decision = choice(t)?,
            F::CdoNotes => self.cdo_notes = text,
            F::ReviewedBy => self.reviewed_by = text,
            F::ReviewedOn => self.reviewed_on = opt_date(t)?,
            F::LastUpdated => {
                self.last_updated = if t.is_empty() {
                    None
                } else {
                    Some(parse_date_time(t)?)
                }
            }
            F::InventoryId => self.id = if t.is_empty() { None } else { Some(t.parse()?) },
            prompt => self.prompts[prompt_index(prompt)] = parse_flag(t)?,
        }
        Ok(())
    }

    /// The Inventory ID as text, or empty for a dataset not saved yet.
    pub fn id_text(&self) -> String {
        self.get(Field::InventoryId)
    }
}

fn prompt_index(field: Field) -> usize {
    Field::PROMPTS
        .iter()
        .position(|p| *p == field)
        .expect("only prompt fields reach here")
}

fn label<V: Vocabulary>(value: Option<V>) -> String {
    value.map(|v| v.label().to_string()).unwrap_or_default()
}

fn date(value: Option<NaiveDate>) -> String {
    value.map(format_date).unwrap_or_default()
}

/// The most characters a spreadsheet cell holds (Excel's limit).
pub const MAX_TEXT: usize = 32_767;

/// Trims, keeps line breaks as `\n`, and drops control characters a spreadsheet
/// cannot hold.
pub fn clean_text(text: &str) -> String {
    let text = text.trim();
    // Control characters and the two non-characters cannot be stored in a workbook.
    let unwanted =
        |c: char| (c.is_control() && c != '\n' && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}';
    if !text.chars().any(unwanted) {
        return text.to_string();
    }
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter(|c| !unwanted(*c))
        .collect::<String>()
        .trim()
        .to_string()
}

fn choice<V: Vocabulary>(text: &str) -> Result<Option<V>, FieldError> {
    if text.is_empty() {
        return Ok(None);
    }
    V::parse(text).map(Some).ok_or_else(|| {
        format!(
            "\"{}\" is not {}. Choose one of: {}",
            shorten(text),
            V::NAME,
            V::labels().join(", ")
        )
    })
}

fn opt_date(text: &str) -> Result<Option<NaiveDate>, FieldError> {
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text).map(Some).ok_or_else(|| {
        format!(
            "\"{}\" is not a date. Write it like 2024-03-31 or 3/31/2024",
            shorten(text)
        )
    })
}

fn parse_end_date(text: &str) -> Result<Option<EndDate>, FieldError> {
    if text.is_empty() {
        return Ok(None);
    }
    let word = normalize(text);
    if [
        "current",
        "ongoing",
        "present",
        "now",
        "todate",
        "continuing",
    ]
    .contains(&word.as_str())
    {
        return Ok(Some(EndDate::Current));
    }
    parse_date(text).map(|d| Some(EndDate::On(d))).ok_or_else(|| {
        format!(
            "\"{}\" is not an end date. Write a date like 2024-03-31, or Current if the data is still being collected",
            shorten(text)
        )
    })
}

fn parse_date_time(text: &str) -> Result<NaiveDateTime, FieldError> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .or_else(|_| {
            parse_date(text)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .ok_or(())
        })
        .map_err(|_| format!("\"{}\" is not a date and time", shorten(text)))
}

fn parse_flag(text: &str) -> Result<bool, FieldError> {
    if text.is_empty() {
        return Ok(false);
    }
    match YesNo::parse(text) {
        Some(YesNo::Yes) => Ok(true),
        Some(YesNo::No) => Ok(false),
        None => Err(format!(
            "\"{}\" is not an answer here. Write Yes, or leave the cell empty",
            shorten(text)
        )),
    }
}

/// Checks an email address, accepting the `mailto:` form of catalogs.
pub fn parse_email(text: &str) -> Result<String, FieldError> {
    let address = text.strip_prefix("mailto:").unwrap_or(text).trim();
    if address.is_empty() {
        return Ok(String::new());
    }
    let valid = match address.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !address.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(address.to_string())
    } else {
        Err(format!(
            "\"{}\" is not an email address. Write the data steward's address, like jane.doe@city.gov",
            shorten(address)
        ))
    }
}

/// Checks a web link; a bare `www.` address gets `https://` in front.
pub fn parse_url(text: &str) -> Result<String, FieldError> {
    if text.is_empty() {
        return Ok(String::new());
    }
    let lower = text.to_lowercase();
    let link = if lower.starts_with("www.") {
        format!("https://{text}")
    } else {
        text.to_string()
    };
    let lower = link.to_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && link.len() > "https://".len()
        && !link.chars().any(char::is_whitespace);
    if ok {
        Ok(link)
    } else {
        Err(format!(
            "\"{}\" is not a web link. Copy the address from the browser, starting with https://",
            shorten(text)
        ))
    }
}

/// Keywords are separated by `;` (or `,` in catalogs); blanks are dropped.
pub fn parse_keywords(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

/// Long values are cut in messages so one bad cell cannot flood the screen.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_what_it_was_given() {
        let mut d = Dataset::named("Building Permits");
        let values = [
            (Field::ContactEmail, "mailto:pat@city.gov", "pat@city.gov"),
            (Field::SensitiveData, "y", "Yes"),
            (Field::StartDate, "1/2/2020", "2020-01-02"),
            (Field::EndDate, "ongoing", "Current"),
            (Field::UpdateFrequency, "yearly", "Annual"),
            (
                Field::PublicationLink,
                "www.data.city.gov",
                "https://www.data.city.gov",
            ),
            (
                Field::Keywords,
                "permits; buildings,  construction ",
                "permits; buildings; construction",
            ),
            (Field::GrantReports, "x", "Yes"),
            (Field::Status, "stage 1", "Submitted for review"),
            (Field::InventoryId, "BLD-0042", "BLD-0042"),
        ];
        for (field, given, expected) in values {
            d.set(field, given).unwrap();
            assert_eq!(d.get(field), expected, "{field:?}");
        }
    }

    #[test]
    fn a_bad_value_leaves_the_field_as_it_was_and_says_why() {
        let mut d = Dataset::named("Crimes");
        d.set(Field::Classification, "Public").unwrap();
        let err = d.set(Field::Classification, "Secret").unwrap_err();
        assert!(err.contains("Public, Protected, Sensitive"), "{err}");
        assert_eq!(d.get(Field::Classification), "Public");
        assert!(
            d.set(Field::ContactEmail, "Pat Smith")
                .unwrap_err()
                .contains("email address")
        );
        assert!(
            d.set(Field::StartDate, "soon")
                .unwrap_err()
                .contains("not a date")
        );
    }

    #[test]
    fn is_blank_agrees_with_the_text_of_every_field() {
        let mut d = Dataset::default();
        for f in Field::ALL {
            assert_eq!(d.is_blank(f), d.get(f).is_empty(), "{f:?} empty");
        }
        d.name = "Trees".into();
        for (f, v) in [
            (Field::StartDate, "2020-01-01"),
            (Field::Keywords, "a"),
            (Field::GrantReports, "Yes"),
            (Field::InventoryId, "PRK-0001"),
            (Field::EndDate, "Current"),
        ] {
            d.set(f, v).unwrap();
        }
        d.last_updated =
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1).and_then(|x| x.and_hms_opt(1, 2, 3));
        for f in Field::ALL {
            assert_eq!(d.is_blank(f), d.get(f).is_empty(), "{f:?} filled");
        }
    }

    #[test]
    fn same_content_ignores_only_the_save_time() {
        let mut a = Dataset::named("Trees");
        let mut b = a.clone();
        b.last_updated =
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1).and_then(|x| x.and_hms_opt(0, 0, 0));
        assert!(a.same_content(&b));
        for field in Field::ALL.iter().filter(|f| **f != Field::LastUpdated) {
            let mut c = a.clone();
            let value = match field.kind() {
                FieldKind::Choice(labels) => labels()[0].to_string(),
                FieldKind::Flag => "Yes".into(),
                FieldKind::Date | FieldKind::EndDate => "2020-02-02".into(),
                FieldKind::Email => "a@b.org".into(),
                FieldKind::Url => "https://x.org".into(),
                FieldKind::Id => "ABC-0009".into(),
                _ => "changed".into(),
            };
            c.set(*field, &value).unwrap();
            if c.get(*field) != a.get(*field) {
                assert!(!a.same_content(&c), "{field:?}");
            }
        }
        a.status = crate::model::Status::Published;
        assert!(!a.same_content(&b));
    }

    #[test]
    fn field_order_matches_the_workbook_numbering() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
        }
        assert_eq!(Field::ALL[47], Field::InventoryId);
    }
}
