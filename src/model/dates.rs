//! Reading the dates people type into spreadsheets.
//!
//! Excel stores a date as a day count from 1899-12-30; people type `2024-03-01` or
//! `3/1/2024`. All of them become one `NaiveDate`.
//!
//! Only days from 1900-01-01 to 9999-12-31 are kept: a spreadsheet shows no
//! others, and a day far outside them (chrono reads `+262142-12-31`) makes
//! every sum of days overflow. Every date that enters the app goes through
//! `parse_date` or `in_range`.

use chrono::{Duration, NaiveDate, NaiveDateTime};

/// The first day the app keeps.
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a day");
/// The last day the app keeps (a spreadsheet's last).
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day");

/// Whether the app keeps this day: 1900-01-01 to 9999-12-31.
pub fn in_range(date: NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&date)
}

/// Reads `YYYY-MM-DD`, `M/D/YYYY`, an ISO date-time, or an Excel day number,
/// as a day from 1900 to 9999; `None` for anything else.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_any_date(text).filter(|d| in_range(*d))
}

/// Whether the text is a date, but one before 1900 or after 9999 (so the
/// message can say why it is refused).
pub fn is_out_of_range(text: &str) -> bool {
    parse_any_date(text).is_some_and(|d| !in_range(d))
}

/// `2024-03-01` exactly (four, two and two digits): a day that is one.
fn iso_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// `2024-03-01 09:15:00` exactly, as the app writes a moment (every dataset's
/// Last Updated): read without chrono reading its format string each time.
pub(super) fn iso_moment(text: &str) -> Option<chrono::NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() != 19 || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let time = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    iso_day(&text[..10])?.and_hms_opt(time.0, time.1, time.2)
}

/// `parse_date` without the range.
fn parse_any_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // The app's own way (every date the store and our workbook hold), told
    // without chrono reading its format string for each of 100,000 rows.
    if let Some(date) = iso_day(text) {
        return Some(date);
    }
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

    #[test]
    fn the_apps_own_day_is_read_as_chrono_reads_it() {
        for text in [
            "2024-03-01",
            "0001-01-01",
            "9999-12-31",
            "2023-02-29",
            "2024-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "+2024-01-01",
            "2024-03-0a",
            "20240-3-01",
            "2024/03/01",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            if let Some(day) = iso_day(text) {
                assert_eq!(Some(day), chrono, "{text}");
            }
        }
        assert!(iso_day("2024-03-01").is_some());
    }

    #[test]
    fn the_apps_own_moment_is_read_as_chrono_reads_it() {
        for text in [
            "2024-03-01 09:15:00",
            "2024-03-01 23:59:59",
            "2024-03-01 24:00:00",
            "2024-03-01 12:60:00",
            "2023-02-29 10:00:00",
            "2024-03-01T09:15:00",
            "2024-03-01 9:15:00 ",
            "2024-03-01 09:15:0a",
            "2024-03-01 09-15-00",
        ] {
            let chrono = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok();
            if let Some(moment) = iso_moment(text) {
                assert_eq!(Some(moment), chrono, "{text}");
            }
        }
        assert!(iso_moment("2024-03-01 09:15:00").is_some());
    }
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

    #[test]
    fn only_days_from_1900_to_9999_are_read() {
        assert_eq!(parse_date("1900-01-01"), Some(FIRST_DAY));
        assert_eq!(parse_date("9999-12-31"), Some(LAST_DAY));
        for far in [
            "+262142-12-31",
            "+10000-01-01",
            "1899-12-31",
            "-0001-01-01",
            "0001-01-01",
        ] {
            assert_eq!(parse_date(far), None, "{far}");
            assert!(is_out_of_range(far), "{far}");
        }
        assert!(!is_out_of_range("next week"));
        assert!(!is_out_of_range("2024-03-01"));
    }
}
