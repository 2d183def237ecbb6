//! Profiling a sample of a dataset's data (issue 18, items 1 and 2): every
//! figure of a generated CSV, .xlsx and .ods sample, each personal data
//! pattern with its reason, a 200,000-row file, that no row of a sample is
//! kept in the inventory, and the rule that a dataset with a column not
//! released is not Public without a note.

mod common;

use std::io::Write as _;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use inventory_desk::model::Field;
use inventory_desk::profile::{
    Access, ColumnType, Distinct, PersonalKind, Profile, Span, profile_file,
};
use inventory_desk::progress::{Shared, Unwatched};
use inventory_desk::workbook::WorkbookError;

const ROWS: usize = 40;

/// One cell of a generated sample, written in each format as that format
/// holds it (a number as a number in a workbook, as text in a CSV).
#[derive(Clone)]
enum Val {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Bool(bool),
}

impl Val {
    fn csv(&self) -> String {
        match self {
            Val::Empty => String::new(),
            Val::Text(t) => t.clone(),
            Val::Number(n) => n.to_string(),
            Val::Date(d) => d.format("%Y-%m-%d").to_string(),
            Val::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Val::Bool(true) => "Yes".into(),
            Val::Bool(false) => "No".into(),
        }
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A card number that passes the check digit: 4111 1111 111 then `n`, then
/// the digit that makes the Luhn sum end in 0.
fn card(n: usize) -> String {
    let body = format!("4111111111111{n:02}");
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|c| {
            let digits: Vec<u32> = c.chars().filter_map(|ch| ch.to_digit(10)).collect();
            inventory_desk::profile::personal::luhn(&digits)
        })
        .unwrap()
}

const PARKS: [&str; 5] = [
    "Balboa Park",
    "Mission Bay Park",
    "Presidio Park",
    "Kate Sessions Park",
    "Chollas Lake Park",
];

/// A value found in no example: the last row's park, and a personal column's
/// value. Nothing of it may be stored.
const MARKER: &str = "Zzyzx Marker Q7";
const MARKER_EMAIL: &str = "zzyzx.marker.q7@example.org";

fn lat(i: usize) -> f64 {
    32.7 + i as f64 * 0.001
}
fn lon(i: usize) -> f64 {
    -117.1 - i as f64 * 0.001
}

/// The sample: a column of each type and of each personal data pattern.
fn sample() -> (Vec<&'static str>, Vec<Vec<Val>>) {
    let headers = vec![
        "Permit ID",
        "Fee",
        "Issued",
        "Inspected at",
        "Paid",
        "Contact email",
        "Website",
        "Latitude",
        "Longitude",
        "Location",
        "Phone",
        "SSN",
        "Card number",
        "Home address",
        "DOB",
        "First name",
        "Applicant",
        "Notes",
        "Park",
    ];
    let names = ["Maria Lopez", "James Chen", "Ana Reyes", "John Park"];
    let rows = (0..ROWS)
        .map(|i| {
            vec![
                Val::Number((i + 1) as f64),
                Val::Number(i as f64 * 10.0 + 0.5),
                if i % 10 == 9 {
                    Val::Empty
                } else {
                    Val::Date(day(2024, 1, 1) + chrono::Days::new(i as u64))
                },
                Val::DateTime(day(2024, 3, 1).and_hms_opt(8, i as u32, 0).unwrap()),
                if i >= 38 {
                    Val::Empty
                } else {
                    Val::Bool(i % 2 == 0)
                },
                Val::Text(match i {
                    39 => MARKER_EMAIL.to_string(),
                    0..36 => format!("person{i}@example.org"),
                    _ => "none".into(),
                }),
                Val::Text(format!("https://parks.example.gov/p/{i}")),
                Val::Number(lat(i)),
                Val::Number(lon(i)),
                Val::Text(format!("{:.4}, {:.4}", lat(i), lon(i))),
                Val::Text(format!("(619) 555-{:04}", 1000 + i)),
                Val::Text(format!("{:03}-{:02}-{:04}", 100 + i, 10 + i, 1000 + i)),
                Val::Text(card(i)),
                Val::Text(format!("{} Park Blvd", 100 + i)),
                Val::Date(day(1980, 1, 1) + chrono::Days::new(i as u64 * 100)),
                Val::Text(names[i % 4].split(' ').next().unwrap().to_string()),
                Val::Text(names[i % 4].to_string()),
                Val::Text(if i == 0 {
                    "x".repeat(32_767)
                } else {
                    format!("Note {i}")
                }),
                Val::Text(if i == ROWS - 1 {
                    MARKER.to_string()
                } else {
                    PARKS[i % 5].to_string()
                }),
            ]
        })
        .collect();
    (headers, rows)
}

fn write_csv(path: &Path) {
    let (headers, rows) = sample();
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(&headers).unwrap();
    for row in rows {
        w.write_record(row.iter().map(Val::csv)).unwrap();
    }
    w.flush().unwrap();
}

fn write_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (headers, rows) = sample();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Permits").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Val::Empty => {}
                Val::Text(t) => {
                    sheet.write_string(r, c, t).unwrap();
                }
                Val::Number(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                Val::Date(d) => {
                    let d =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .unwrap();
                    sheet.write_datetime_with_format(r, c, d, &date).unwrap();
                }
                Val::DateTime(t) => {
                    let d =
                        ExcelDateTime::parse_from_str(&t.format("%Y-%m-%dT%H:%M:%S").to_string())
                            .unwrap();
                    sheet.write_datetime_with_format(r, c, d, &time).unwrap();
                }
                Val::Bool(b) => {
                    sheet.write_boolean(r, c, *b).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

use chrono::Datelike as _;

/// An OpenDocument spreadsheet, written by hand: a zip of a mimetype, a
/// manifest and the content, each cell with its own type.
fn write_ods(path: &Path) {
    use zip::write::SimpleFileOptions;
    let (headers, rows) = sample();
    let cell = |v: &Val| match v {
        Val::Empty => "<table:table-cell/>".to_string(),
        Val::Text(t) => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
            t.replace('&', "&amp;").replace('<', "&lt;")
        ),
        Val::Number(n) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
        ),
        Val::Date(d) => format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
        ),
        Val::DateTime(t) => format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{}\"><text:p>x</text:p></table:table-cell>",
            t.format("%Y-%m-%dT%H:%M:%S")
        ),
        Val::Bool(b) => format!(
            "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"{b}\"><text:p>{b}</text:p></table:table-cell>"
        ),
    };
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Permits"><table:table-row>"#,
    );
    for h in &headers {
        content.push_str(&cell(&Val::Text(h.to_string())));
    }
    content.push_str("</table:table-row>");
    for row in &rows {
        content.push_str("<table:table-row>");
        for v in row {
            content.push_str(&cell(v));
        }
        content.push_str("</table:table-row>");
    }
    content.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn profiled(write: fn(&Path), name: &str) -> (tempfile::TempDir, Profile) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    write(&path);
    let profile = profile_file(&path, &Unwatched).unwrap();
    assert_eq!(profile.file_name, name);
    assert_eq!(profile.file_bytes, std::fs::metadata(&path).unwrap().len());
    (dir, profile)
}

fn col<'a>(p: &'a Profile, name: &str) -> &'a inventory_desk::profile::ColumnProfile {
    p.column(name).unwrap_or_else(|| panic!("no column {name}"))
}

fn kinds(p: &Profile, name: &str) -> Vec<PersonalKind> {
    col(p, name).personal.iter().map(|f| f.kind).collect()
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap()
}

/// Every figure that is the same whatever the format.
fn check_every_figure(p: &Profile) {
    assert_eq!(p.rows, ROWS as u64);
    assert_eq!(p.columns.len(), 19);

    let id = col(p, "Permit ID");
    assert_eq!(id.kind, ColumnType::WholeNumber);
    assert_eq!((id.empty, id.other_values), (0, 0));
    assert_eq!(id.distinct, Distinct::Exactly(40));
    assert_eq!(
        id.span,
        Some(Span::Numbers {
            min: 1.0,
            max: 40.0
        })
    );
    assert_eq!(id.examples, ["1", "2", "3", "4", "5"]);
    assert!(id.personal.is_empty());
    assert_eq!(id.access, Access::Public);

    let fee = col(p, "Fee");
    assert_eq!(fee.kind, ColumnType::Decimal);
    assert_eq!(
        fee.span,
        Some(Span::Numbers {
            min: 0.5,
            max: 390.5
        })
    );

    let issued = col(p, "Issued");
    assert_eq!(issued.kind, ColumnType::Date);
    assert_eq!(issued.empty, 4);
    assert_eq!(issued.empty_percent(p.rows), 10.0);
    assert_eq!(issued.distinct, Distinct::Exactly(36));
    assert_eq!(
        issued.span,
        Some(Span::Dates {
            first: midnight(day(2024, 1, 1)),
            last: midnight(day(2024, 2, 8)),
        })
    );
    assert_eq!(
        issued.span.as_ref().unwrap().text(issued.kind),
        "2024-01-01 – 2024-02-08"
    );

    let inspected = col(p, "Inspected at");
    assert_eq!(inspected.kind, ColumnType::DateTime);
    assert_eq!(
        inspected.span,
        Some(Span::Dates {
            first: day(2024, 3, 1).and_hms_opt(8, 0, 0).unwrap(),
            last: day(2024, 3, 1).and_hms_opt(8, 39, 0).unwrap(),
        })
    );

    let paid = col(p, "Paid");
    assert_eq!(paid.kind, ColumnType::YesNo);
    assert_eq!((paid.empty, paid.distinct), (2, Distinct::Exactly(2)));
    assert_eq!(paid.empty_percent(p.rows), 5.0);

    let email = col(p, "Contact email");
    assert_eq!(email.kind, ColumnType::Text, "37 of 40 is not 19 in 20");
    assert_eq!(kinds(p, "Contact email"), [PersonalKind::Email]);
    assert_eq!(
        email.personal[0].reason,
        "The header \"Contact email\" names email addresses, and 37 of 40 values look like email addresses"
    );
    assert!(email.examples.is_empty(), "no example of personal data");
    assert_eq!(email.access, Access::Protected);

    assert_eq!(col(p, "Website").kind, ColumnType::WebAddress);
    let latitude = col(p, "Latitude");
    assert_eq!(latitude.kind, ColumnType::Latitude);
    assert_eq!(
        latitude.span,
        Some(Span::Numbers {
            min: lat(0),
            max: lat(ROWS - 1)
        })
    );
    let longitude = col(p, "Longitude");
    assert_eq!(longitude.kind, ColumnType::Longitude);
    assert_eq!(
        longitude.span,
        Some(Span::Numbers {
            min: lon(ROWS - 1),
            max: lon(0)
        })
    );
    assert_eq!(col(p, "Location").kind, ColumnType::Coordinates);

    for (name, kind, reason) in [
        (
            "Phone",
            PersonalKind::Phone,
            "The header \"Phone\" names phone numbers, and 40 of 40 values look like phone numbers",
        ),
        (
            "SSN",
            PersonalKind::SocialSecurity,
            "The header \"SSN\" names social security numbers, and 40 of 40 values look like Social Security numbers",
        ),
        (
            "Card number",
            PersonalKind::CardNumber,
            "The header \"Card number\" names card numbers, and 40 of 40 values are card numbers (their check digit is right)",
        ),
        (
            "Home address",
            PersonalKind::StreetAddress,
            "The header \"Home address\" names street addresses, and 40 of 40 values look like street addresses",
        ),
        (
            "DOB",
            PersonalKind::DateOfBirth,
            "The header \"DOB\" names dates of birth, and 40 of 40 values are dates",
        ),
        (
            "First name",
            PersonalKind::PersonName,
            "The header \"First name\" names names of people",
        ),
        (
            "Applicant",
            PersonalKind::PersonName,
            "40 of 40 values look like names of people",
        ),
    ] {
        let c = col(p, name);
        assert_eq!(kinds(p, name), [kind], "{name}");
        assert_eq!(c.personal[0].reason, reason);
        assert!(c.examples.is_empty(), "{name} shows no example");
        assert_eq!(c.access, Access::Protected);
    }
    assert_eq!(col(p, "DOB").kind, ColumnType::Date);
    assert_eq!(
        col(p, "DOB").span,
        Some(Span::Lengths {
            shortest: 10,
            longest: 10
        }),
        "no birth date is kept, not even the earliest"
    );

    let notes = col(p, "Notes");
    assert_eq!(notes.kind, ColumnType::Text);
    assert_eq!(
        notes.span,
        Some(Span::Lengths {
            shortest: 6,
            longest: 32_767
        })
    );
    assert_eq!(notes.examples[0], format!("{}…", "x".repeat(80)));
    assert_eq!(notes.examples.len(), 5);

    let park = col(p, "Park");
    assert_eq!(park.kind, ColumnType::Text);
    assert_eq!(park.distinct, Distinct::Exactly(6));
    assert_eq!(park.examples, PARKS);
    assert!(park.personal.is_empty(), "park names are not people");
    assert_eq!(p.personal_columns().count(), 8);
}

#[test]
fn a_csv_sample_gives_every_figure() {
    let (_dir, p) = profiled(write_csv, "permits.csv");
    assert_eq!(p.sheet, "permits");
    check_every_figure(&p);
}

#[test]
fn an_xlsx_sample_gives_every_figure() {
    let (_dir, p) = profiled(write_xlsx, "permits.xlsx");
    assert_eq!(p.sheet, "Permits");
    check_every_figure(&p);
}

#[test]
fn an_ods_sample_gives_every_figure() {
    let (_dir, p) = profiled(write_ods, "permits.ods");
    assert_eq!(p.sheet, "Permits");
    check_every_figure(&p);
}

#[test]
fn a_200000_row_csv_is_profiled_with_distinct_values_counted_up_to_10000() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(file, "Row,District,Reading").unwrap();
    for i in 0..200_000u64 {
        let reading = if i % 100 == 0 {
            String::new()
        } else {
            format!("{}.25", i % 1000)
        };
        writeln!(file, "{i},District {},{reading}", i % 9 + 1).unwrap();
    }
    drop(file);
    let p = profile_file(&path, &Unwatched).unwrap();
    assert_eq!(p.rows, 200_000);
    let row = col(&p, "Row");
    assert_eq!(row.distinct, Distinct::Over(10_000));
    assert_eq!(row.distinct.to_string(), "over 10,000");
    assert_eq!(
        row.span,
        Some(Span::Numbers {
            min: 0.0,
            max: 199_999.0
        })
    );
    assert_eq!(col(&p, "District").distinct, Distinct::Exactly(9));
    let reading = col(&p, "Reading");
    assert_eq!(reading.kind, ColumnType::Decimal);
    assert_eq!(reading.empty, 2_000);
    assert_eq!(reading.empty_percent(p.rows), 1.0);
    assert_eq!(
        reading.span,
        Some(Span::Numbers {
            min: 1.25,
            max: 999.25
        })
    );
}

#[test]
fn a_profile_asked_to_stop_stops_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("permits.csv");
    write_csv(&path);
    let watch = Shared::default();
    watch.ask_to_stop();
    let e = profile_file(&path, &watch).unwrap_err();
    assert!(matches!(e, WorkbookError::Cancelled(_)), "{e}");
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.xlsx");
    std::fs::write(&path, "just some words").unwrap();
    let e = profile_file(&path, &Unwatched).unwrap_err();
    assert!(e.to_string().contains("notes.xlsx"), "{e}");
}

/// The inventory file and its companions, as bytes.
fn stored_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains("inventory.sqlite3") {
            bytes.extend(std::fs::read(&path).unwrap());
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn no_row_of_a_sample_is_stored_only_the_examples_of_columns_without_personal_data() {
    let (dir, mut store) = common::parks_file(&["Park permits"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.path().join("permits.csv");
    write_csv(&sample);
    let profile = profile_file(&sample, &Unwatched).unwrap();
    store.save_profile(&id, &profile).unwrap();
    drop(store);
    let bytes = stored_bytes(dir.path());
    assert!(contains(&bytes, "Balboa Park"), "an example is kept");
    assert!(contains(&bytes, "permits.csv"));
    for value in [
        MARKER,
        MARKER_EMAIL,
        "person0@example.org",
        "(619) 555-1000",
        "100-10-1000",
        &card(0),
        "100 Park Blvd",
        "1980-01-01",
        "Maria Lopez",
        "Note 39",
    ] {
        assert!(!contains(&bytes, value), "{value} was stored");
    }
}

#[test]
fn a_profile_goes_with_its_dataset_and_comes_back_with_the_undo() {
    let (dir, mut store) = common::parks_file(&["Park permits"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.path().join("permits.csv");
    write_csv(&sample);
    let profile = store
        .save_profile(&id, &profile_file(&sample, &Unwatched).unwrap())
        .unwrap();
    let deleted = store.delete_dataset(&id).unwrap();
    assert_eq!(store.profile(&id).unwrap(), None);
    store.restore_dataset(&deleted).unwrap();
    assert_eq!(store.profile(&id).unwrap(), Some(profile));
}

#[test]
fn a_dataset_with_a_column_not_released_is_not_public_without_a_note() {
    let (dir, mut store) = common::parks_file(&["Park permits"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.path().join("permits.csv");
    write_csv(&sample);
    store
        .save_profile(&id, &profile_file(&sample, &Unwatched).unwrap())
        .unwrap();
    let ssn = 11;
    assert_eq!(
        store.profile(&id).unwrap().unwrap().columns[ssn].name,
        "SSN"
    );
    store
        .set_column_access(&id, ssn, Access::NotReleased, "")
        .unwrap();

    // Classified Public: refused, and the classification stays as it was.
    let e = store
        .set_field(&id, Field::Classification, "Public")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"Park permits\" cannot be classified Public yet: its column \"SSN\" is not released, and nothing says how it is removed or aggregated before the data is published. In the dataset's Columns section, write that next to the column (for example \"removed from the published file\" or \"only counts by ZIP code are published\"), or choose another classification."
    );
    assert_eq!(store.dataset(&id).unwrap().unwrap().classification, None);

    // With the note it may be Public; taking the note away is then refused.
    store
        .set_column_access(
            &id,
            ssn,
            Access::NotReleased,
            "Removed from the published file",
        )
        .unwrap();
    store
        .set_field(&id, Field::Classification, "Public")
        .unwrap();
    let e = store
        .set_column_access(&id, ssn, Access::NotReleased, " ")
        .unwrap_err();
    assert!(
        e.to_string().contains("column \"SSN\" is not released"),
        "{e}"
    );
    let kept = store.profile(&id).unwrap().unwrap();
    assert_eq!(
        kept.columns[ssn].access_note,
        "Removed from the published file"
    );
}

#[test]
fn a_sample_read_again_keeps_the_access_chosen_for_each_column() {
    let (dir, mut store) = common::parks_file(&["Park permits"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.path().join("permits.csv");
    write_csv(&sample);
    let profile = profile_file(&sample, &Unwatched).unwrap();
    store.save_profile(&id, &profile).unwrap();
    store
        .set_column_access(&id, 0, Access::NotReleased, "Counts only")
        .unwrap();
    let again = store.save_profile(&id, &profile).unwrap();
    assert_eq!(again.columns[0].access, Access::NotReleased);
    assert_eq!(again.columns[0].access_note, "Counts only");
}

#[test]
fn two_columns_with_one_name_are_told_apart_by_their_letter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.csv");
    std::fs::write(&path, "Notes,Ward,notes\nfirst,1,second\nagain,2,more\n").unwrap();
    let p = profile_file(&path, &Unwatched).unwrap();
    let names: Vec<&str> = p.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Notes", "Ward", "notes (column C)"]);
    assert_eq!(col(&p, "notes (column C)").examples, ["second", "more"]);
}
