//! Reading the dates people type into spreadsheets.
//!
//! Excel stores a date as a day count from 1899-12-30; people type `2024-03-01` or
//! `3/1/2024`. All of them become one `NaiveDate`.

use chrono::{Duration, NaiveDate, NaiveDateTime};

/// Reads `YYYY-MM-DD`, `M/D/YYYY`, an ISO date-time, or an Excel day number.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%m/%d/%Y") {
        return Some(date);
    }
    // Other ways people type a date into a text cell: 2024/03/01, 3-1-2024,
    // March 1, 2024, Mar 1 2024, 1 March 2024, 01-Mar-2024. Never day/month/year
    // with slashes, which reads two ways.
    for format in [
        "%Y/%m/%d",
        "%m-%d-%Y",
        "%B %d, %Y",
        "%B %d %Y",
        "%d %B %Y",
        "%d-%b-%Y",
    ] {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Some(date);
        }
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(dt.date());
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f") {
        return Some(dt.date());
    }
    if let Some((date, _)) = text.split_once('T') {
        if let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            return Some(date);
        }
    }
    excel_serial(text)
}

/// An Excel serial day number such as `45352` (from a CSV saved by Excel).
fn excel_serial(text: &str) -> Option<NaiveDate> {
    let days: f64 = text.parse().ok()?;
    // Only numbers that are plausibly dates (1900 to 2200), never "7" or "2024".
    if !(1.0..=120_000.0).contains(&days) || days < 3_000.0 {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(Duration::days(days.floor() as i64))
}

/// The date as the workbook and the database keep it.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ways_of_writing_a_date_are_read() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(parse_date("2024-03-01"), Some(d));
        assert_eq!(parse_date("3/1/2024"), Some(d));
        assert_eq!(parse_date("03/01/2024"), Some(d));
        assert_eq!(parse_date("2024-03-01T10:00:00"), Some(d));
        assert_eq!(parse_date("45352"), Some(d));
        for typed in [
            "2024/03/01",
            "3-1-2024",
            "March 1, 2024",
            "Mar 1, 2024",
            "march 1 2024",
            "1 March 2024",
            "1 Mar 2024",
            "01-Mar-2024",
        ] {
            assert_eq!(parse_date(typed), Some(d), "{typed}");
        }
        assert_eq!(parse_date("31/12/2024"), None, "day first reads two ways");
        assert_eq!(parse_date("March 32, 2024"), None);
        assert_eq!(parse_date("next week"), None);
        assert_eq!(parse_date("2024"), None);
        assert_eq!(parse_date("2024-02-30"), None);
    }
}
