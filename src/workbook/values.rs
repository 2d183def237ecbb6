//! Reading an imported cell the way the people who wrote the file meant it.
//!
//! `Dataset::set` takes what a person types in the app, and refuses what it does
//! not know. A file made elsewhere says things the app's lists do not: "Unknown",
//! "N/A", a year alone for a start date, a link without `https://`, the city's own
//! classification names. One such value must not refuse the whole file, and none
//! may be lost or changed without saying so. So each cell is read here:
//!
//! - empty-meaning words ("Unknown", "N/A", "Null", "TBD", "-"…) read as blank in a
//!   field that checks its values (a choice, a date, a link, an email, a Yes);
//!   in free text only the placeholders a database writes ("NULL", "#N/A") do,
//!   since there "None" or "Unknown" may be what a person meant to say. A field's
//!   own list comes first: "Unknown" is Unsure for Contains Sensitive Data, and
//!   "None" is a choice of Geographic Granularity and Records Requests. For a Yes
//!   or No field "None" reads as No (no publication, no sensitive data).
//! - a year alone is the year's first day for a Start Date, its last for an End
//!   Date (a text `2016` or a number cell 2016.0);
//! - a link without `https://` gets it, when the text looks like an address
//!   (`www.x.gov/a`, `data.x.gov`), never a word or an email address;
//! - a value of a choice field that is none of its choices is kept as written in
//!   Other Details, and listed in a value map (how many rows, a suggested choice
//!   when one is close) where the person may choose what it means;
//! - words in a link column ("Internal", "Mainframe") are kept as written in
//!   Other Details too: they say where the data is. A mistyped date, email
//!   address or Yes is still a problem of its row, to be corrected: each has one
//!   right form, and the message says it.
//!
//! Each way a value was read other than as written is counted, by column and
//! value, and shown: "the file says Confidential; read as Sensitive".
//!
//! Why one file of this length: every way a cell is read other than as written
//! sits here with its tests, so the list above is the whole of it.

use std::collections::BTreeMap;

use super::choices::{ImportChoices, ValueChoice};
use super::read::Sheet;
use crate::model::dataset::{FieldError, clean_text, cleaned};
use crate::model::vocab::normalize;
use crate::model::{Dataset, Field, FieldKind};

/// How one cell was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reading {
    /// As the file writes it (or in a form the field always reads, a date as 3/1/2024).
    AsWritten,
    /// Into the field, but not as written: `read_as` is the field's text (empty: blank).
    Reinterpreted { read_as: String, why: Why },
    /// Into the field as the person chose in the value map.
    Chosen(String),
    /// None of the choice field's choices: kept in Other Details, listed in a value map.
    NotAChoice,
    /// Words in a link column: kept in Other Details.
    Kept,
}

impl Reading {
    /// Whether the value goes to Other Details as written.
    pub(super) fn is_kept(&self) -> bool {
        matches!(self, Reading::NotAChoice | Reading::Kept)
    }
}

/// Why a value was read other than as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Why {
    /// A word that means "no value".
    EmptyWord,
    /// "None" in a Yes or No field.
    NoneMeansNo,
    /// Another word for one of the field's choices.
    Synonym,
    /// A year alone, read as its first or last day.
    Year,
    /// A link given `https://`.
    Link,
    /// A word for data still being collected.
    Current,
}

/// Reads `text` into `field` of `dataset`. `Err` only for what cannot be kept
/// either (a text longer than a cell holds, an Inventory ID that is not one).
pub(super) fn read_value(
    dataset: &mut Dataset,
    field: Field,
    text: &str,
    choices: &ImportChoices,
) -> Result<Reading, FieldError> {
    let value = cleaned(text);
    let value = value.as_ref();
    let kind = field.kind();
    let is_choice = matches!(kind, FieldKind::Choice(_));
    if is_choice && !value.is_empty() {
        match choices.value(field, value) {
            Some(ValueChoice::Label(label)) => {
                // A label the field does not have (a typo in a mapping file) is
                // not forced in: the value is kept, and the map shows it kept.
                return Ok(match dataset.set(field, label) {
                    Ok(()) => Reading::Chosen(dataset.get(field)),
                    Err(_) => Reading::NotAChoice,
                });
            }
            Some(ValueChoice::KeepAsWritten) => return Ok(Reading::NotAChoice),
            None => {}
        }
    }
    if is_placeholder(field, value) {
        dataset.set(field, "")?;
        return Ok(blank());
    }
    let refused = match dataset.set(field, value) {
        Ok(()) => return Ok(as_read(dataset, field, value)),
        Err(e) => e,
    };
    if matches!(refused, FieldError::TooLong { .. }) || matches!(kind, FieldKind::Id) {
        return Err(refused);
    }
    if is_empty_word(value) {
        if is_yes_no(field) && normalize(value) == "none" && dataset.set(field, "No").is_ok() {
            return Ok(Reading::Reinterpreted {
                read_as: dataset.get(field),
                why: Why::NoneMeansNo,
            });
        }
        dataset.set(field, "")?;
        return Ok(blank());
    }
    if let Some(day) = year_day(field, value) {
        if dataset.set(field, &day).is_ok() {
            return Ok(Reading::Reinterpreted {
                read_as: day,
                why: Why::Year,
            });
        }
    }
    if matches!(kind, FieldKind::Url) && looks_like_address(value) {
        let link = format!("https://{value}");
        if dataset.set(field, &link).is_ok() {
            return Ok(Reading::Reinterpreted {
                read_as: link,
                why: Why::Link,
            });
        }
    }
    match kind {
        FieldKind::Choice(_) => Ok(Reading::NotAChoice),
        // A link column that holds words ("Internal", "Mainframe", a system's
        // name) says where the data is: that is kept, not refused.
        FieldKind::Url => Ok(Reading::Kept),
        // A date, an email or a Yes that is mistyped has one right form: the
        // row waits for it to be corrected, with where and how.
        _ => Err(refused),
    }
}

fn blank() -> Reading {
    Reading::Reinterpreted {
        read_as: String::new(),
        why: Why::EmptyWord,
    }
}

/// What a value the field took reads as, when that is not what the file writes.
fn as_read(dataset: &Dataset, field: Field, value: &str) -> Reading {
    let reinterpreted = |read_as: String, why| Reading::Reinterpreted { read_as, why };
    match field.kind() {
        FieldKind::Choice(_) if !value.is_empty() => {
            let label = dataset.get(field);
            // "public" for "Public" is the same word; "Open" for Public is not.
            if label == value || normalize(&label) == normalize(value) {
                Reading::AsWritten
            } else {
                reinterpreted(label, Why::Synonym)
            }
        }
        FieldKind::EndDate if dataset.get(field) == "Current" && normalize(value) != "current" => {
            reinterpreted("Current".into(), Why::Current)
        }
        FieldKind::Url if dataset.get(field) != value => {
            reinterpreted(dataset.get(field), Why::Link)
        }
        _ => Reading::AsWritten,
    }
}

/// The words that mean "no value" in a file, compared as `normalize` writes them
/// (so "N/A", "n.a." and "#N/A" are all `na`). A text of punctuation alone ("-",
/// "?", "—") means no value too. Not "NaN": a number cell that is not a number
/// is a damaged cell, to be shown as one.
const EMPTY_WORDS: &[&str] = &[
    "unknown",
    "unk",
    "null",
    "nil",
    "na",
    "none",
    "tbd",
    "tba",
    "tobedetermined",
    "notknown",
    "notavailable",
    "notapplicable",
    "notspecified",
    "unspecified",
    "nodata",
    "blank",
    "missing",
    "undefined",
];

/// Whether a value means "no value".
pub fn is_empty_word(value: &str) -> bool {
    let key = normalize(value);
    (key.is_empty() && !value.trim().is_empty()) || EMPTY_WORDS.contains(&key.as_str())
}

/// A database's placeholder for no value in a free-text field. A person's
/// "None" or "Unknown" there is what they wrote, and is kept; a dataset's name
/// is never blanked.
fn is_placeholder(field: Field, value: &str) -> bool {
    matches!(field.kind(), FieldKind::Text | FieldKind::LongText)
        && field != Field::Name
        && ["null", "#n/a", "nan"]
            .iter()
            .any(|word| value.eq_ignore_ascii_case(word))
}

/// Whether the field's choices are Yes and No.
fn is_yes_no(field: Field) -> bool {
    match field.kind() {
        FieldKind::Choice(labels) => labels().contains(&"No"),
        FieldKind::Flag => true,
        _ => false,
    }
}

/// A year alone (`2016`, or `2016.0` from a number cell) as the day it stands
/// for: the first of the year for a Start Date, the last for an End Date.
fn year_day(field: Field, value: &str) -> Option<String> {
    let digits = value
        .strip_suffix(".0")
        .or_else(|| value.strip_suffix(".00"))
        .unwrap_or(value);
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u32 = digits.parse().ok()?;
    if !(1900..=9999).contains(&year) {
        return None;
    }
    match field {
        Field::StartDate => Some(format!("{year}-01-01")),
        Field::EndDate => Some(format!("{year}-12-31")),
        _ => None,
    }
}

/// Whether a text without a scheme is a web address: a host with a dot and a
/// top-level name of letters (`data.x.gov`, `www.x.gov/a`), no spaces, no `@`.
fn looks_like_address(value: &str) -> bool {
    if value.contains("://") || value.contains('@') || value.chars().any(char::is_whitespace) {
        return false;
    }
    let host = value.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let valid_label = |l: &&str| {
        !l.is_empty()
            && !l.starts_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    labels.len() >= 2
        && labels.iter().all(valid_label)
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

// ---- What the import shows: value maps and values read differently ----

/// One value of a choice field that is none of its choices, with what it is read as.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MappedValue {
    /// The value as the file writes it (trimmed).
    pub value: String,
    /// How many rows say it.
    pub rows: usize,
    /// The first cell that says it (`C7`).
    pub cell: String,
    /// A choice close to it, when one is clearly meant; never applied without a choice.
    pub suggestion: Option<String>,
    /// The choice it is read as; `None`: kept as written in Other Details.
    pub mapped_to: Option<String>,
}

/// The values of one choice field's column that are none of its choices.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ValueMap {
    #[serde(skip)]
    pub field: Field,
    /// The field's stable key ("update_frequency"), as a mapping file names it.
    pub field_key: String,
    /// The field's header in the app ("Update Frequency").
    pub field_header: String,
    /// The column's header in the file ("UPDATE_INTERVAL").
    pub column: String,
    /// The field's choices, for the dropdown.
    pub choices: Vec<String>,
    /// Most rows first.
    pub values: Vec<MappedValue>,
}

/// A value read other than as written, by column and value, with a count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reinterpretation {
    pub sheet: String,
    /// The column's header in the file.
    pub column: String,
    /// The field's header in the app.
    pub field_header: String,
    /// The first cell that says it.
    pub cell: String,
    pub rows: usize,
    pub file_says: String,
    /// What the field holds now; empty when read as blank or kept in Other Details.
    pub read_as: String,
    /// The sentence for the person.
    pub message: String,
}

impl std::fmt::Display for Reinterpretation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.sheet, self.message)
    }
}

/// The values read other than as written, counted while the rows are read (each
/// thread keeps its own, merged after).
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// By column and value as written.
    seen: BTreeMap<(usize, String), Seen>,
}

#[derive(Debug)]
struct Seen {
    field: Field,
    reading: Reading,
    rows: usize,
    first_row: usize,
}

impl Tally {
    /// Counts one cell, unless it was read as written.
    pub(super) fn add(
        &mut self,
        col: usize,
        field: Field,
        value: &str,
        reading: Reading,
        row: usize,
    ) {
        if reading == Reading::AsWritten {
            return;
        }
        let key = (col, clean_text(value));
        match self.seen.get_mut(&key) {
            Some(seen) => {
                seen.rows += 1;
                seen.first_row = seen.first_row.min(row);
            }
            None => {
                self.seen.insert(
                    key,
                    Seen {
                        field,
                        reading,
                        rows: 1,
                        first_row: row,
                    },
                );
            }
        }
    }

    /// Adds another thread's counts.
    pub(super) fn merge(&mut self, other: Tally) {
        for (key, seen) in other.seen {
            match self.seen.get_mut(&key) {
                Some(mine) => {
                    mine.rows += seen.rows;
                    mine.first_row = mine.first_row.min(seen.first_row);
                }
                None => {
                    self.seen.insert(key, seen);
                }
            }
        }
    }

    /// The value maps (one per choice field with values that are none of its
    /// choices, or that the person mapped) and the values read differently.
    pub(super) fn finish(
        self,
        sheet: &Sheet,
        header_row: usize,
    ) -> (Vec<ValueMap>, Vec<Reinterpretation>) {
        let mut maps: Vec<ValueMap> = Vec::new();
        let mut read = Vec::new();
        for ((col, value), seen) in self.seen {
            let column = sheet.cell(header_row, col).text().trim().to_string();
            let cell = super::cell_ref(seen.first_row, col);
            let field_header = seen.field.header().to_string();
            let mapped_to = match &seen.reading {
                Reading::Chosen(label) => Some(label.clone()),
                Reading::NotAChoice => None,
                other => {
                    read.push(reinterpretation(
                        sheet,
                        column,
                        field_header,
                        cell,
                        value,
                        &seen,
                        other,
                    ));
                    continue;
                }
            };
            let entry = MappedValue {
                suggestion: suggest(seen.field, &value),
                value,
                rows: seen.rows,
                cell,
                mapped_to,
            };
            match maps.iter_mut().find(|m| m.field == seen.field) {
                Some(map) => map.values.push(entry),
                None => maps.push(ValueMap {
                    field: seen.field,
                    field_key: seen.field.key().to_string(),
                    field_header,
                    column,
                    choices: seen
                        .field
                        .spec()
                        .allowed()
                        .unwrap_or_default()
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                    values: vec![entry],
                }),
            }
        }
        for map in &mut maps {
            map.values
                .sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.value.cmp(&b.value)));
        }
        (maps, read)
    }
}

/// The sentence for a value read differently.
fn reinterpretation(
    sheet: &Sheet,
    column: String,
    field_header: String,
    cell: String,
    value: String,
    seen: &Seen,
    reading: &Reading,
) -> Reinterpretation {
    let rows = match seen.rows {
        1 => "1 row".to_string(),
        n => format!("{} rows", super::limits::count_text(n)),
    };
    let shown = crate::model::dataset::shorten(&value);
    let named = if normalize(&column) == normalize(&field_header) || column.is_empty() {
        field_header.clone()
    } else {
        format!("{column} ({field_header})")
    };
    let says = format!("The file says \"{shown}\" in {rows} of {named}, first in {cell}");
    let (read_as, message) = match reading {
        Reading::Reinterpreted { read_as, why } => {
            let how = match why {
                Why::EmptyWord => "read as blank, since it means no value".to_string(),
                Why::NoneMeansNo => format!("read as {read_as}"),
                Why::Synonym => format!("read as {read_as}, the app's word for it"),
                Why::Year => format!(
                    "read as {read_as}, the {} day of that year",
                    if seen.field == Field::EndDate {
                        "last"
                    } else {
                        "first"
                    }
                ),
                Why::Link => format!("read as the web link {read_as}"),
                Why::Current => "read as Current: the data is still being collected".to_string(),
            };
            (read_as.clone(), format!("{says}: {how}."))
        }
        _ => (
            String::new(),
            format!(
                "{says}: it is {}, so it is kept as written in the dataset's Other Details and {field_header} is left blank. Correct it there if it belongs in {field_header}.",
                what_it_is_not(seen.field)
            ),
        ),
    };
    Reinterpretation {
        sheet: sheet.name.clone(),
        column,
        field_header,
        cell,
        rows: seen.rows,
        file_says: value,
        read_as,
        message,
    }
}

/// What a kept value is not, in words.
fn what_it_is_not(field: Field) -> &'static str {
    match field.kind() {
        FieldKind::Date | FieldKind::DateTime => "not a date",
        FieldKind::EndDate => "not a date (nor Current)",
        FieldKind::Url => "not a web link",
        FieldKind::Email => "not an email address",
        FieldKind::Flag => "not Yes or No",
        _ => "not a value this column takes",
    }
}

// ---- Suggestions ----

/// Phrases that say which choice is meant when no word of the field's lists is
/// in the value: a city's own name for data kept for its staff is Protected.
const HINTS: &[(Field, &str, &str)] = &[
    (Field::Classification, "government use", "Protected"),
    (Field::Classification, "internal use", "Protected"),
    (Field::Classification, "official use", "Protected"),
    (Field::Classification, "city use", "Protected"),
    (Field::Classification, "staff only", "Protected"),
];

/// Words that say the opposite of what follows: "Public Not Proactively
/// Released" is not simply Public.
const NEGATIONS: &[&str] = &["not", "no", "non", "never", "without", "un"];

/// Words that join others and mean nothing alone.
const JOINERS: &[&str] = &[
    "and", "or", "of", "the", "for", "a", "an", "to", "in", "on", "by", "&",
];

/// Choices too general to be suggested from one word of a longer value
/// ("Administrative and Other Boundaries" is not the category Other).
const TOO_GENERAL: &[&str] = &["other", "none", "na", "general", "misc"];

/// The choice a value clearly means, by its words: a run of its words that the
/// field reads as exactly one choice ("Real-Time/Near Real-Time" holds "real
/// time", Continuously updated), or a hint phrase. `None` when no choice, or
/// more than one, is meant ("Restricted Confidential" reads as two).
pub fn suggest(field: Field, value: &str) -> Option<String> {
    if !matches!(field.kind(), FieldKind::Choice(_)) {
        return None;
    }
    let words: Vec<String> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let joined = words.join(" ");
    let hinted: Vec<&str> = HINTS
        .iter()
        .filter(|(f, phrase, _)| *f == field && joined.contains(phrase))
        .map(|(_, _, label)| *label)
        .collect();
    let negated = words.iter().any(|w| NEGATIONS.contains(&w.as_str()));
    let mut found: Vec<String> = hinted.iter().map(|l| l.to_string()).collect();
    for start in 0..words.len() {
        for end in start + 1..=words.len() {
            let run = &words[start..end];
            let edge = |w: &String| JOINERS.contains(&w.as_str());
            if run.first().is_some_and(edge) || run.last().is_some_and(edge) {
                continue;
            }
            // With a "not" in the value, only a run that holds it can be meant.
            if negated && !run.iter().any(|w| NEGATIONS.contains(&w.as_str())) {
                continue;
            }
            let phrase = run.join(" ");
            if normalize(&phrase).len() < 3 {
                continue;
            }
            for candidate in forms(&phrase, run.len()) {
                let mut scratch = Dataset::default();
                if scratch.set(field, &candidate).is_ok() && !scratch.is_blank(field) {
                    let label = scratch.get(field);
                    let general = TOO_GENERAL.contains(&normalize(&label).as_str());
                    if !(general && words.len() > 1) && !found.contains(&label) {
                        found.push(label);
                    }
                    break;
                }
            }
        }
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// A phrase and, for one word, its singular or plural ("Utility", "Utilities").
fn forms(phrase: &str, words: usize) -> Vec<String> {
    let mut forms = vec![phrase.to_string()];
    if words == 1 && phrase.len() > 3 {
        if let Some(stem) = phrase.strip_suffix("ies") {
            forms.push(format!("{stem}y"));
        } else if let Some(stem) = phrase.strip_suffix('y') {
            forms.push(format!("{stem}ies"));
        } else if let Some(stem) = phrase.strip_suffix('s') {
            forms.push(stem.to_string());
        } else {
            forms.push(format!("{phrase}s"));
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(field: Field, text: &str) -> (Reading, String) {
        let mut d = Dataset::named("Trees");
        let reading = read_value(&mut d, field, text, &ImportChoices::default()).unwrap();
        (reading, d.get(field))
    }

    #[test]
    fn empty_meaning_words_read_as_blank_in_fields_that_check_their_values() {
        for word in [
            "Unknown", "Null", "N/A", "n/a", "NA", "None", "-", "TBD", "?", "#N/A",
        ] {
            let (reading, text) = read(Field::UpdateFrequency, word);
            assert_eq!(reading, blank(), "{word}");
            assert_eq!(text, "", "{word}");
            let (reading, _) = read(Field::StartDate, word);
            assert_eq!(reading, blank(), "{word}");
        }
    }

    #[test]
    fn a_fields_own_word_comes_before_the_empty_words() {
        assert_eq!(read(Field::SensitiveData, "Unknown").1, "Unsure");
        assert_eq!(read(Field::Granularity, "None").1, "None");
        assert_eq!(read(Field::RecordsRequests, "None").1, "None");
        // In a Yes or No field, None means No, and says so.
        let (reading, text) = read(Field::ExistingPublication, "None");
        assert_eq!(text, "No");
        assert!(matches!(
            reading,
            Reading::Reinterpreted {
                why: Why::NoneMeansNo,
                ..
            }
        ));
    }

    #[test]
    fn free_text_keeps_a_persons_words_and_drops_a_databases_placeholder() {
        assert_eq!(read(Field::Steward, "Unknown").1, "Unknown");
        assert_eq!(read(Field::SensitiveComments, "None").1, "None");
        assert_eq!(read(Field::Steward, "NULL"), (blank(), String::new()));
        assert_eq!(read(Field::Name, "NULL").1, "NULL");
    }

    #[test]
    fn a_year_alone_is_the_first_day_of_a_start_and_the_last_of_an_end() {
        assert_eq!(read(Field::StartDate, "2016").1, "2016-01-01");
        assert_eq!(read(Field::StartDate, "2016.0").1, "2016-01-01");
        assert_eq!(read(Field::EndDate, "2016").1, "2016-12-31");
        let mut d = Dataset::named("Trees");
        let choices = ImportChoices::default();
        for (field, text) in [
            (Field::TargetPublicationDate, "2016"),
            (Field::StartDate, "1850"),
        ] {
            assert!(read_value(&mut d, field, text, &choices).is_err(), "{text}");
        }
    }

    #[test]
    fn a_link_without_its_scheme_gets_https_only_when_it_is_an_address() {
        for (given, link) in [
            ("data.city.gov", "https://data.city.gov"),
            ("maps.x.dc.gov/zr16", "https://maps.x.dc.gov/zr16"),
            ("www.city.gov", "https://www.city.gov"),
        ] {
            let (reading, text) = read(Field::PublicationLink, given);
            assert_eq!(text, link);
            assert!(matches!(
                reading,
                Reading::Reinterpreted { why: Why::Link, .. }
            ));
        }
        for kept in [
            "Internal",
            "system7",
            "ombudsman@dc.gov",
            "a.gov ; b.gov",
            "v1.2",
        ] {
            assert_eq!(
                read(Field::PublicationLink, kept),
                (Reading::Kept, String::new()),
                "{kept}"
            );
        }
        assert_eq!(
            read(Field::PublicationLink, "https://a.gov").0,
            Reading::AsWritten
        );
    }

    #[test]
    fn another_word_for_a_choice_is_read_and_shown() {
        let (reading, text) = read(Field::Classification, "Confidential");
        assert_eq!(text, "Sensitive");
        assert!(matches!(
            reading,
            Reading::Reinterpreted {
                why: Why::Synonym,
                ..
            }
        ));
        assert_eq!(read(Field::Classification, "public").0, Reading::AsWritten);
        assert_eq!(
            read(Field::Classification, "For District Government Use").0,
            Reading::NotAChoice
        );
    }

    #[test]
    fn a_choice_made_for_a_value_is_read_as_that_choice() {
        let mut choices = ImportChoices::default();
        choices
            .values
            .entry(Field::Classification)
            .or_default()
            .insert(
                "For District Government Use".into(),
                ValueChoice::Label("Protected".into()),
            );
        choices
            .values
            .entry(Field::Classification)
            .or_default()
            .insert("Open".into(), ValueChoice::KeepAsWritten);
        let mut d = Dataset::named("Trees");
        let r = read_value(
            &mut d,
            Field::Classification,
            " For District Government Use ",
            &choices,
        );
        assert_eq!(r.unwrap(), Reading::Chosen("Protected".into()));
        let mut d = Dataset::named("Trees");
        let r = read_value(&mut d, Field::Classification, "Open", &choices);
        assert_eq!(r.unwrap(), Reading::NotAChoice);
        assert_eq!(d.classification, None);
    }

    #[test]
    fn a_choice_is_suggested_only_when_its_words_clearly_mean_one() {
        let s = |f, v| suggest(f, v);
        assert_eq!(
            s(Field::UpdateFrequency, "Real-Time/Near Real-Time").as_deref(),
            Some("Continuously updated")
        );
        assert_eq!(
            s(Field::Classification, "For District Government Use").as_deref(),
            Some("Protected")
        );
        assert_eq!(
            s(Field::Classification, "Public Not Proactively Released"),
            None
        );
        assert_eq!(s(Field::Classification, "Restricted Confidential"), None);
        assert_eq!(s(Field::Quality, "Tier 2"), None);
        assert_eq!(s(Field::Priority, "Very important"), None);
    }
}
