//! What one value looks like (a whole number, a date, an email address…), and
//! the type a column of such values has.

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::workbook::read::Cell;

/// The type of a column, read from its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ColumnType {
    Text,
    WholeNumber,
    Decimal,
    Date,
    DateTime,
    YesNo,
    Email,
    WebAddress,
    /// Decimal degrees north or south, by the header and the values' range.
    Latitude,
    /// Decimal degrees east or west, by the header and the values' range.
    Longitude,
    /// Both in one cell: "32.7157, -117.1611" or "POINT (-117.16 32.71)".
    Coordinates,
}

impl ColumnType {
    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            ColumnType::Text => "Text",
            ColumnType::WholeNumber => "Whole number",
            ColumnType::Decimal => "Decimal number",
            ColumnType::Date => "Date",
            ColumnType::DateTime => "Date and time",
            ColumnType::YesNo => "Yes/No",
            ColumnType::Email => "Email address",
            ColumnType::WebAddress => "Web address",
            ColumnType::Latitude => "Latitude",
            ColumnType::Longitude => "Longitude",
            ColumnType::Coordinates => "Latitude and longitude",
        }
    }

    /// Whether its smallest and largest are numbers.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            ColumnType::WholeNumber
                | ColumnType::Decimal
                | ColumnType::Latitude
                | ColumnType::Longitude
        )
    }

    pub fn is_date(self) -> bool {
        matches!(self, ColumnType::Date | ColumnType::DateTime)
    }
}

/// What one value is, with what its smallest and largest are taken from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Whole(f64),
    Decimal(f64),
    Date(NaiveDateTime),
    DateTime(NaiveDateTime),
    YesNo,
    Email,
    Web,
    Coordinates,
    Text,
}

impl Value {
    pub fn kind(self) -> ColumnType {
        match self {
            Value::Whole(_) => ColumnType::WholeNumber,
            Value::Decimal(_) => ColumnType::Decimal,
            Value::Date(_) => ColumnType::Date,
            Value::DateTime(_) => ColumnType::DateTime,
            Value::YesNo => ColumnType::YesNo,
            Value::Email => ColumnType::Email,
            Value::Web => ColumnType::WebAddress,
            Value::Coordinates => ColumnType::Coordinates,
            Value::Text => ColumnType::Text,
        }
    }

    pub fn number(self) -> Option<f64> {
        match self {
            Value::Whole(n) | Value::Decimal(n) => Some(n),
            _ => None,
        }
    }

    pub fn moment(self) -> Option<NaiveDateTime> {
        match self {
            Value::Date(t) | Value::DateTime(t) => Some(t),
            _ => None,
        }
    }
}

/// What a non-empty cell holds: a spreadsheet's own numbers, dates and
/// booleans as they are; text read for the shapes people write.
pub fn read_value(cell: &Cell, text: &str) -> Value {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 => Value::Whole(*n),
        Cell::Number(n) => Value::Decimal(*n),
        Cell::DateTime(t) if t.time() == NaiveTime::MIN => Value::Date(*t),
        Cell::DateTime(t) => Value::DateTime(*t),
        Cell::Bool(_) => Value::YesNo,
        Cell::Error(_) | Cell::Empty => Value::Text,
        Cell::Text(_) => read_text(text.trim()),
    }
}

fn read_text(text: &str) -> Value {
    if let Some(n) = whole(text) {
        return Value::Whole(n);
    }
    // A leading zero (a ZIP code, an ID) is text kept as written, not a number.
    let unsigned = text.strip_prefix('-').unwrap_or(text).as_bytes();
    if unsigned.len() > 1 && unsigned[0] == b'0' && unsigned[1].is_ascii_digit() {
        return Value::Text;
    }
    if let Ok(n) = text.parse::<f64>()
        && n.is_finite()
        && text.bytes().any(|b| b.is_ascii_digit())
    {
        return Value::Decimal(n);
    }
    if is_yes_no(text) {
        return Value::YesNo;
    }
    if let Some(t) = date_time(text) {
        return if t.time() == NaiveTime::MIN && !has_time(text) {
            Value::Date(t)
        } else {
            Value::DateTime(t)
        };
    }
    if is_email(text) {
        return Value::Email;
    }
    if is_web(text) {
        return Value::Web;
    }
    if coordinates(text).is_some() {
        return Value::Coordinates;
    }
    Value::Text
}

/// A whole number, with or without thousands commas ("1,234").
fn whole(text: &str) -> Option<f64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let plain = digits.bytes().all(|b| b.is_ascii_digit());
    let grouped = digits.contains(',')
        && digits.split(',').enumerate().all(|(i, g)| {
            g.bytes().all(|b| b.is_ascii_digit())
                && if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                }
        });
    if !(plain || grouped) {
        return None;
    }
    if plain && digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    text.replace(',', "").parse::<i64>().ok().map(|n| n as f64)
}

const YES_NO: [&str; 8] = ["yes", "no", "true", "false", "y", "n", "t", "f"];

fn is_yes_no(text: &str) -> bool {
    YES_NO.iter().any(|w| text.eq_ignore_ascii_case(w))
}

fn has_time(text: &str) -> bool {
    text.contains(':')
}

/// Dates and dates with a time, as cities' systems write them.
fn date_time(text: &str) -> Option<NaiveDateTime> {
    if text.len() < 6 || text.len() > 40 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // Only a value with a time is tried as a date and time: most are not.
    if has_time(text) {
        for items in &formats().date_times {
            if let Some(t) =
                parsed(text, items).and_then(|p| p.to_naive_datetime_with_offset(0).ok())
            {
                return Some(t);
            }
        }
        // With a time zone (2024-03-01T08:00:00Z): the local time as written.
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
            return Some(t.naive_local());
        }
        return None;
    }
    formats()
        .dates
        .iter()
        .find_map(|items| parsed(text, items)?.to_naive_date().ok())
        .map(|d| d.and_time(NaiveTime::MIN))
}

/// The text read with one format, as `NaiveDateTime::parse_from_str` reads it.
fn parsed(text: &str, items: &[Item<'static>]) -> Option<Parsed> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, items.iter()).ok()?;
    Some(parsed)
}

/// The formats of dates and of dates with a time, each read once: a sample
/// has millions of cells, and reading a format's text for each cell was a
/// fifth of the time a CSV took to profile.
struct Formats {
    date_times: Vec<Vec<Item<'static>>>,
    dates: Vec<Vec<Item<'static>>>,
}

fn formats() -> &'static Formats {
    const DATE_TIMES: [&str; 8] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %I:%M %p",
    ];
    const DATES: [&str; 6] = [
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%Y/%m/%d",
        "%d-%b-%Y",
        "%b %d, %Y",
        "%B %d, %Y",
    ];
    static FORMATS: std::sync::OnceLock<Formats> = std::sync::OnceLock::new();
    let items = |f: &'static str| StrftimeItems::new(f).collect::<Vec<_>>();
    FORMATS.get_or_init(|| Formats {
        date_times: DATE_TIMES.into_iter().map(items).collect(),
        dates: DATES.into_iter().map(items).collect(),
    })
}

/// An email address: one @, a name before it, a domain with a dot after it,
/// no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((name, domain)) = text.split_once('@') else {
        return false;
    };
    !name.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>'))
}

fn is_web(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
        && text.len() > 10
        && !text.contains(char::is_whitespace)
}

/// A point as one cell: "32.7157, -117.1611", "(32.7157, -117.1611)" or
/// "POINT (-117.1611 32.7157)" (longitude first, as WKT writes it). Gives
/// (latitude, longitude).
pub fn coordinates(text: &str) -> Option<(f64, f64)> {
    let upper = text.trim().to_ascii_uppercase();
    let (inner, wkt) = match upper.strip_prefix("POINT") {
        Some(rest) => (rest.trim(), true),
        None => (upper.as_str(), false),
    };
    let inner = inner
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let parts: Vec<&str> = if wkt {
        inner.split_whitespace().collect()
    } else {
        inner.split(',').map(str::trim).collect()
    };
    let [a, b] = parts.as_slice() else {
        return None;
    };
    let a: f64 = a.parse().ok()?;
    let b: f64 = b.parse().ok()?;
    let (lat, lon) = if wkt { (b, a) } else { (a, b) };
    // Degrees with a fraction: "3, 4" is two numbers, not a place.
    let fractions = a.fract() != 0.0 && b.fract() != 0.0;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) && fractions)
        .then_some((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> ColumnType {
        read_value(&Cell::Text(text.into()), text).kind()
    }

    #[test]
    fn each_shape_of_text_reads_as_its_type() {
        assert_eq!(kind("42"), ColumnType::WholeNumber);
        assert_eq!(kind("-1,234,567"), ColumnType::WholeNumber);
        assert_eq!(
            kind("092101"),
            ColumnType::Text,
            "a leading zero is kept as text"
        );
        assert_eq!(kind("3.25"), ColumnType::Decimal);
        assert_eq!(kind("Yes"), ColumnType::YesNo);
        assert_eq!(kind("2024-03-01"), ColumnType::Date);
        assert_eq!(kind("3/1/2024"), ColumnType::Date);
        assert_eq!(kind("2024-03-01 08:30"), ColumnType::DateTime);
        assert_eq!(kind("2024-03-01T08:30:00Z"), ColumnType::DateTime);
        assert_eq!(kind("jane.doe@sandiego.gov"), ColumnType::Email);
        assert_eq!(kind("https://data.sandiego.gov"), ColumnType::WebAddress);
        assert_eq!(kind("32.7157, -117.1611"), ColumnType::Coordinates);
        assert_eq!(kind("POINT (-117.1611 32.7157)"), ColumnType::Coordinates);
        assert_eq!(kind("Balboa Park"), ColumnType::Text);
        assert_eq!(kind("NaN"), ColumnType::Text);
        assert_eq!(kind("inf"), ColumnType::Text);
    }
}
