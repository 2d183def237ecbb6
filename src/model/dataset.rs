//! One dataset of the inventory, with every field of the handoff workbook.
//!
//! The field table (`fields.rs`) names each field once; `Dataset::get` and
//! `Dataset::set` turn a field into its canonical text and back through it. Import,
//! export, merge, the store and the editor all go through these two, so a value is
//! read and written one way everywhere. `FieldValue` says how each type of member
//! does it.

use chrono::{NaiveDate, NaiveDateTime};

use super::dates::{format_date, parse_date};
use super::fields::{FIELDS, Field, FieldKind};
use super::id::InventoryId;
use super::vocab::*;

/// The end of a dataset's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum EndDate {
    /// Still being collected.
    Current,
    On(NaiveDate),
}

/// One dataset, as the coordinator and the data steward describe it. Each member
/// is named by a row of the field table (`fields.rs`); a test there checks that
/// none is left out.
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
    /// A name from the inventory's categories, or the text as written.
    pub category: String,
    pub keywords: Vec<String>,
    /// A name from the inventory's licenses, or the text as written.
    pub license: String,
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
    /// What imported files said that fits no other field, as `Column: value` lines.
    pub other_details: String,
    /// The dataset's identifier on the portal, kept as the catalog gave it:
    /// the app's data.json writes it again, so harvesters keep their record.
    pub portal_identifier: String,
    /// When the portal first issued it, as the catalog wrote it (a date, a
    /// date and time, or a year).
    pub issued: String,
    /// When the portal last changed it, as the catalog wrote it.
    pub modified: String,
    pub landing_page: String,
    /// The link to its data dictionary (`describedBy`).
    pub described_by: String,
    /// Related documents (`references`), one link per line.
    pub related_documents: String,
}

impl Default for Status {
    fn default() -> Self {
        Status::NotReady
    }
}

/// Why a value could not be taken. Its `Display` is the sentence for the person
/// who typed it; the text it quotes is kept whole and shortened only there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error(
        "This text is {length} characters long; a spreadsheet cell holds at most {}. Shorten it, or move the details to a linked document.",
        MAX_TEXT
    )]
    TooLong { length: usize },
    /// Not one of a vocabulary's labels (nor a synonym).
    #[error("\"{}\" is not {name}. Choose one of: {}", shorten(.text), .labels.join(", "))]
    NotAChoice {
        text: String,
        /// The vocabulary's name, like "a data classification".
        name: &'static str,
        labels: Vec<&'static str>,
    },
    #[error("\"{}\" is not a date. Write it like 2024-03-31 or 3/31/2024", shorten(.0))]
    NotADate(String),
    /// A date before 1900 or after 9999.
    #[error(
        "\"{}\" is too far in the past or the future: write a date from 1900-01-01 to 9999-12-31",
        shorten(.0)
    )]
    DateOutOfRange(String),
    #[error(
        "\"{}\" is not an end date. Write a date like 2024-03-31, or Current if the data is still being collected",
        shorten(.0)
    )]
    NotAnEndDate(String),
    #[error("\"{}\" is not a date and time", shorten(.0))]
    NotADateTime(String),
    /// A Step 1 prompt takes Yes or blank.
    #[error("\"{}\" is not an answer here. Write Yes, or leave the cell empty", shorten(.0))]
    NotAnAnswer(String),
    #[error(
        "\"{}\" is not an email address. Write the data steward's address, like jane.doe@city.gov",
        shorten(.0)
    )]
    NotAnEmail(String),
    #[error(
        "\"{}\" is not a web link. Copy the address from the browser, starting with https://",
        shorten(.0)
    )]
    NotALink(String),
    #[error("\"{0}\" is not a department code: use three letters, like PRK or DOT")]
    NotADepartmentCode(String),
    #[error(
        "\"{0}\" is not an Inventory ID: it should look like ABC-0001 (a three-letter department code, a dash and four digits). Leave it as the app wrote it, or empty it for a new dataset"
    )]
    NotAnInventoryId(String),
    /// A period that ends before it starts.
    #[error(
        "The Start Date {start} is after the End Date {end}: the data cannot end before it starts. Correct one of the two dates"
    )]
    StartAfterEnd { start: String, end: String },
}

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
        (field.spec().get)(self)
    }

    /// Whether `get(field)` is `text`, without copying a text field's value:
    /// an import compares the CDO's cells of every row.
    pub fn holds(&self, field: Field, text: &str) -> bool {
        (field.spec().is)(self, text)
    }

    /// Whether two datasets hold the same values, apart from when each was last
    /// saved (the app's own record). Compares the typed values, field by field
    /// of the table, without building any text.
    pub fn same_content(&self, other: &Dataset) -> bool {
        FIELDS
            .iter()
            .filter(|s| s.field != Field::LastUpdated)
            .all(|s| (s.same)(self, other))
    }

    /// A hash of what `same_content` compares: two datasets with the same
    /// content hash alike. The seed is drawn once per run, so a file cannot
    /// be made to hash like a dataset it differs from; two different
    /// datasets share a hash once in 2^64. An import hashes each row while
    /// it is fresh from the file and each stored dataset as it loads, and
    /// compares the hashes (see `workbook::merge`).
    pub fn content_hash(&self) -> u64 {
        use std::hash::{BuildHasher, Hasher};
        static SEED: std::sync::LazyLock<foldhash::quality::FixedState> =
            std::sync::LazyLock::new(|| foldhash::quality::FixedState::with_seed(rand::random()));
        let mut hasher = SEED.build_hasher();
        for spec in FIELDS.iter().filter(|s| s.field != Field::LastUpdated) {
            (spec.hash)(self, &mut hasher);
        }
        hasher.finish()
    }

    /// Whether the field is empty, without building its text (the checklist asks
    /// this of every dataset, and there may be 100,000 of them).
    pub fn is_blank(&self, field: Field) -> bool {
        (field.spec().is_blank)(self)
    }

    /// Sets the field from text, accepting synonyms and everyday date formats.
    /// Blank text empties the field. On error the dataset is unchanged.
    pub fn set(&mut self, field: Field, text: &str) -> Result<(), FieldError> {
        let text = clean_text(text);
        let length = match text.is_ascii() {
            true => text.len(),
            false => text.chars().count(),
        };
        if length > MAX_TEXT {
            return Err(FieldError::TooLong { length });
        }
        let spec = field.spec();
        (spec.set)(self, spec.kind, text)
    }

    /// Refuses a Start Date after the End Date, naming both (the store asks
    /// it of every dataset a person saves; the catalog holds such a dataset back).
    pub fn dates_in_order(&self) -> Result<(), FieldError> {
        match (self.start_date, self.end_date) {
            (Some(start), Some(EndDate::On(end))) if start > end => {
                Err(FieldError::StartAfterEnd {
                    start: format_date(start),
                    end: format_date(end),
                })
            }
            _ => Ok(()),
        }
    }

    /// The Inventory ID as text, or empty for a dataset not saved yet.
    pub fn id_text(&self) -> String {
        self.get(Field::InventoryId)
    }
}

/// How one type of `Dataset` member turns into a field's canonical text and
/// back. The field table names only the member; its type brings the rest, so
/// every date field reads and writes dates one way, every choice field its
/// vocabulary one way, and so on.
pub(super) trait FieldValue: Sized {
    fn to_text(&self) -> String;
    /// Empty, without building the text.
    fn is_blank(&self) -> bool;
    /// Reads cleaned text (trimmed, within a cell's size); blank empties the field.
    fn from_text(kind: FieldKind, text: String) -> Result<Self, FieldError>;
    /// Whether `to_text` would give `text`; without building it where the
    /// value is text already.
    fn text_is(&self, text: &str) -> bool {
        self.to_text() == text
    }
}

/// Free text; an email address or a web link is checked by its kind. A value
/// of one of the inventory's lists is kept as written: only the store knows the
/// lists, and matches it to an entry there.
impl FieldValue for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn text_is(&self, text: &str) -> bool {
        self == text
    }
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
    fn from_text(kind: FieldKind, text: String) -> Result<Self, FieldError> {
        match kind {
            FieldKind::Email => parse_email(&text),
            FieldKind::Url => parse_url(&text),
            _ => Ok(text),
        }
    }
}

/// A value a field may lack: blank text is `None`, and `None` is blank.
impl<T: OptionalValue> FieldValue for Option<T> {
    fn to_text(&self) -> String {
        self.as_ref().map(T::to_text).unwrap_or_default()
    }
    fn is_blank(&self) -> bool {
        self.is_none()
    }
    fn from_text(_: FieldKind, text: String) -> Result<Self, FieldError> {
        T::read(&text)
    }
}

/// The values held as `Option<T>`: each says how it is written, and reads text
/// into `None` when blank.
pub(super) trait OptionalValue: Sized {
    fn to_text(&self) -> String;
    fn read(text: &str) -> Result<Option<Self>, FieldError>;
}

/// A choice: one of the vocabulary's labels.
impl<V: Vocabulary> OptionalValue for V {
    fn to_text(&self) -> String {
        self.label().to_string()
    }
    fn read(text: &str) -> Result<Option<Self>, FieldError> {
        choice(text)
    }
}

/// Every dataset has a status: blank text sets the first, Not ready.
impl FieldValue for Status {
    fn to_text(&self) -> String {
        self.label().to_string()
    }
    fn is_blank(&self) -> bool {
        false
    }
    fn from_text(_: FieldKind, text: String) -> Result<Self, FieldError> {
        Ok(choice(&text)?.unwrap_or_default())
    }
}

impl OptionalValue for NaiveDate {
    fn to_text(&self) -> String {
        format_date(*self)
    }
    fn read(text: &str) -> Result<Option<Self>, FieldError> {
        opt_date(text)
    }
}

impl OptionalValue for EndDate {
    fn to_text(&self) -> String {
        match self {
            EndDate::Current => "Current".to_string(),
            EndDate::On(d) => format_date(*d),
        }
    }
    fn read(text: &str) -> Result<Option<Self>, FieldError> {
        parse_end_date(text)
    }
}

/// When the app last saved the dataset, to the second.
impl OptionalValue for NaiveDateTime {
    fn to_text(&self) -> String {
        self.format("%Y-%m-%d %H:%M:%S").to_string()
    }
    fn read(text: &str) -> Result<Option<Self>, FieldError> {
        if text.is_empty() {
            return Ok(None);
        }
        parse_date_time(text).map(Some)
    }
}

impl OptionalValue for InventoryId {
    fn to_text(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Result<Option<Self>, FieldError> {
        if text.is_empty() {
            return Ok(None);
        }
        text.parse().map(Some)
    }
}

/// Keywords, written `a; b`.
impl FieldValue for Vec<String> {
    fn to_text(&self) -> String {
        self.join("; ")
    }
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
    fn from_text(_: FieldKind, text: String) -> Result<Self, FieldError> {
        Ok(parse_keywords(&text))
    }
}

/// A Step 1 prompt: `Yes` or blank.
impl FieldValue for bool {
    fn to_text(&self) -> String {
        if *self {
            "Yes".to_string()
        } else {
            String::new()
        }
    }
    fn is_blank(&self) -> bool {
        !*self
    }
    fn from_text(_: FieldKind, text: String) -> Result<Self, FieldError> {
        parse_flag(&text)
    }
}

/// The most characters a spreadsheet cell holds (Excel's limit).
pub const MAX_TEXT: usize = 32_767;

/// Trims, keeps line breaks as `\n`, and drops control characters a spreadsheet
/// cannot hold.
pub fn clean_text(text: &str) -> String {
    cleaned(text).into_owned()
}

/// `clean_text`, borrowing the text when it is clean already (most cells):
/// an import looks at each cell before it keeps it.
pub fn cleaned(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    // Plain printable ASCII, most cells, has none of the characters below:
    // told without decoding each character.
    if printable_ascii(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    // Control characters and the two non-characters cannot be stored in a workbook.
    let unwanted =
        |c: char| (c.is_control() && c != '\n' && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}';
    if !text.chars().any(unwanted) {
        return std::borrow::Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let kept: String = text.chars().filter(|c| !unwanted(*c)).collect();
    std::borrow::Cow::Owned(kept.trim().to_string())
}

/// Whether every byte is printable ASCII (a space to a tilde). Each chunk is
/// tested whole, with no stop at the first other byte, so that the compiler
/// tests many bytes at once: an import cleans every cell of the file.
fn printable_ascii(text: &str) -> bool {
    text.as_bytes().chunks(32).all(|chunk| {
        chunk
            .iter()
            .fold(true, |all, &b| all & (b.wrapping_sub(0x20) < 0x5f))
    })
}

fn choice<V: Vocabulary>(text: &str) -> Result<Option<V>, FieldError> {
    if text.is_empty() {
        return Ok(None);
    }
    V::parse(text)
        .map(Some)
        .ok_or_else(|| FieldError::NotAChoice {
            text: text.to_string(),
            name: V::NAME,
            labels: V::labels(),
        })
}

fn opt_date(text: &str) -> Result<Option<NaiveDate>, FieldError> {
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text)
        .map(Some)
        .ok_or_else(|| date_refused(text, FieldError::NotADate))
}

/// Why a text is not a day the app keeps: not a date at all, or one too far off.
fn date_refused(text: &str, not_a_date: fn(String) -> FieldError) -> FieldError {
    if super::dates::is_out_of_range(text) {
        FieldError::DateOutOfRange(text.to_string())
    } else {
        not_a_date(text.to_string())
    }
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
    parse_date(text)
        .map(|d| Some(EndDate::On(d)))
        .ok_or_else(|| date_refused(text, FieldError::NotAnEndDate))
}

fn parse_date_time(text: &str) -> Result<NaiveDateTime, FieldError> {
    super::dates::iso_moment(text)
        .ok_or(())
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .or_else(|_| {
            parse_date(text)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .ok_or(())
        })
        .ok()
        .filter(|t| super::dates::in_range(t.date()))
        .ok_or_else(|| date_refused(text, FieldError::NotADateTime))
}

fn parse_flag(text: &str) -> Result<bool, FieldError> {
    if text.is_empty() {
        return Ok(false);
    }
    match YesNo::parse(text) {
        Some(YesNo::Yes) => Ok(true),
        Some(YesNo::No) => Ok(false),
        None => Err(FieldError::NotAnAnswer(text.to_string())),
    }
}

/// Checks an email address, accepting the `mailto:` form of catalogs.
pub fn parse_email(text: &str) -> Result<String, FieldError> {
    let address = text.strip_prefix("mailto:").unwrap_or(text).trim();
    if address.is_empty() {
        return Ok(String::new());
    }
    // The characters the portals' harvesters take (their schemas' pattern):
    // letters, digits and `_~!$&'()*+,;=:.-` before the @, letters, digits
    // and `_.-` after it; so no space, and none of `/ # % ? { } |`.
    let user_char = |c: char| c.is_alphanumeric() || "_~!$&'()*+,;=:.-".contains(c);
    let domain_char = |c: char| c.is_alphanumeric() || "_.-".contains(c);
    let valid = match address.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && user.chars().all(user_char)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain.chars().all(domain_char)
        }
        None => false,
    };
    if valid {
        Ok(address.to_string())
    } else {
        Err(FieldError::NotAnEmail(address.to_string()))
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
        Err(FieldError::NotALink(text.to_string()))
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

    /// `holds` answers what comparing `get` answers, for every field, filled
    /// and empty.
    #[test]
    fn holds_agrees_with_the_text_of_every_field() {
        let mut filled = Dataset::named("Building Permits");
        for (field, text) in [
            (Field::ContactEmail, "pat@city.gov"),
            (Field::SensitiveData, "Yes"),
            (Field::StartDate, "2020-01-02"),
            (Field::EndDate, "Current"),
            (Field::UpdateFrequency, "Annual"),
            (Field::PublicationLink, "https://www.data.city.gov"),
            (Field::Keywords, "permits; buildings"),
            (Field::Classification, "Public"),
            (Field::Status, "Submitted for review"),
            (Field::InventoryId, "BLD-0042"),
            (Field::LastUpdated, "2024-03-01 09:15:00"),
        ] {
            filled.set(field, text).unwrap();
        }
        for d in [Dataset::default(), filled] {
            for f in Field::ALL {
                let text = d.get(f);
                assert!(d.holds(f, &text), "{f:?} holds {text:?}");
                assert!(!d.holds(f, &format!("{text}x")), "{f:?}");
                assert_eq!(d.holds(f, ""), text.is_empty(), "{f:?}");
            }
        }
    }

    #[test]
    fn a_bad_value_leaves_the_field_as_it_was_and_says_why() {
        let mut d = Dataset::named("Crimes");
        d.set(Field::Classification, "Public").unwrap();
        let err = d.set(Field::Classification, "Secret").unwrap_err();
        assert!(
            err.to_string().contains("Public, Protected, Sensitive"),
            "{err}"
        );
        assert_eq!(d.get(Field::Classification), "Public");
        assert!(
            d.set(Field::ContactEmail, "Pat Smith")
                .unwrap_err()
                .to_string()
                .contains("email address")
        );
        assert!(
            d.set(Field::StartDate, "soon")
                .unwrap_err()
                .to_string()
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
    fn cleaning_keeps_plain_text_as_written_and_drops_control_characters() {
        assert_eq!(clean_text("  Street Trees ~ 2024 "), "Street Trees ~ 2024");
        assert_eq!(clean_text("a\u{7}b\r\nc\u{FFFE}"), "ab\nc");
        assert_eq!(clean_text("Café\tbar\u{85}"), "Café\tbar");
    }

    /// The test of many bytes at once agrees with the byte by byte one, on
    /// every byte at every place of texts longer and shorter than a chunk.
    #[test]
    fn printable_ascii_is_told_at_any_place_in_a_text() {
        let plain = |t: &str| t.bytes().all(|b| (0x20..0x7f).contains(&b));
        for len in [0, 1, 31, 32, 33, 70] {
            for at in 0..len {
                for byte in [0x00, 0x09, 0x1f, 0x20, 0x41, 0x7e, 0x7f] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let text = String::from_utf8(bytes).unwrap();
                    assert_eq!(printable_ascii(&text), plain(&text), "{len} {at} {byte}");
                }
            }
            let text = format!("{}é", "a".repeat(len));
            assert!(!printable_ascii(&text));
        }
    }

    #[test]
    fn same_content_ignores_only_the_save_time() {
        let mut a = Dataset::named("Trees");
        let mut b = a.clone();
        b.last_updated =
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1).and_then(|x| x.and_hms_opt(0, 0, 0));
        assert!(a.same_content(&b));
        assert_eq!(
            a.content_hash(),
            b.content_hash(),
            "the save time is not hashed"
        );
        for field in Field::ALL.iter().filter(|f| **f != Field::LastUpdated) {
            let mut c = a.clone();
            let value = match field.kind() {
                FieldKind::Choice(labels) => labels()[0].to_string(),
                FieldKind::Listed(list) => list.seed_names()[0].clone(),
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
                assert_ne!(a.content_hash(), c.content_hash(), "{field:?}");
            } else {
                assert_eq!(a.content_hash(), c.content_hash(), "{field:?}");
            }
        }
        a.status = crate::model::Status::Published;
        assert!(!a.same_content(&b));
        assert_ne!(a.content_hash(), b.content_hash());
    }

    #[test]
    fn two_fields_that_swap_their_texts_hash_apart() {
        let mut a = Dataset::named("Trees");
        a.contents = "Every tree".into();
        a.system_of_record = String::new();
        let mut b = Dataset::named("Trees");
        b.contents = String::new();
        b.system_of_record = "Every tree".into();
        assert_ne!(a.content_hash(), b.content_hash());
    }

    #[test]
    fn field_order_matches_the_workbook_numbering() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
        }
        assert_eq!(Field::ALL[47], Field::InventoryId);
    }
}
