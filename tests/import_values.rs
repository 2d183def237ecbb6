//! Values a file made elsewhere writes its own way (issue 15, item 3): none of
//! them refuses the file, none is lost, and each one read differently is shown.
//! The files are made here, in the shapes real city inventories have: a city's
//! own classification names, "Real-Time/Near Real-Time", "Unknown" and "N/A",
//! a year alone for a date, a link without https://.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_plain, store_with_parks};
use inventory_desk::model::{Classification, Field, Frequency};
use inventory_desk::workbook::choices::{ImportChoices, ValueChoice};
use inventory_desk::workbook::import::{FileContent, read_file, read_file_with};
use inventory_desk::workbook::merge::{Decisions, apply, plan_file_with};
use inventory_desk::workbook::values::Reinterpretation;

/// A CSV file of `rows` under `headers`, written with the csv crate.
fn csv_file(dir: &Path, name: &str, headers: &[&str], rows: &[Vec<&str>]) -> PathBuf {
    let path = dir.join(name);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(headers).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
    path
}

/// The values read differently in one column.
fn read_in<'a>(content: &'a FileContent, column: &str) -> Vec<&'a Reinterpretation> {
    content
        .reinterpretations
        .iter()
        .filter(|r| r.column == column)
        .collect()
}

fn dataset<'a>(content: &'a FileContent, name: &str) -> &'a inventory_desk::model::Dataset {
    &content
        .rows
        .iter()
        .find(|r| r.dataset.name == name)
        .unwrap_or_else(|| panic!("{name} was not read"))
        .dataset
}

#[test]
fn empty_meaning_words_read_as_blank_and_are_reported_once_per_column_and_word() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(
        dir.path(),
        "empties.csv",
        &[
            "Dataset Name",
            "Update Frequency",
            "Link to Existing Publication",
            "Contains Sensitive Data",
        ],
        &[
            vec!["Permits", "Unknown", "N/A", "Unknown"],
            vec!["Crashes", "Unknown", "n/a", "No"],
            vec!["Trees", "Null", "NA", ""],
            vec!["Pools", "Unknown", "-", "Yes"],
        ],
    );
    let content = read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    assert_eq!(content.rows.len(), 4);
    for row in &content.rows {
        assert_eq!(row.dataset.update_frequency, None, "{}", row.dataset.name);
        assert_eq!(row.dataset.publication_link, "", "{}", row.dataset.name);
    }
    let frequency = read_in(&content, "Update Frequency");
    let counted: Vec<(&str, usize, &str)> = frequency
        .iter()
        .map(|r| (r.file_says.as_str(), r.rows, r.cell.as_str()))
        .collect();
    assert_eq!(
        counted,
        [("Null", 1, "B4"), ("Unknown", 3, "B2")],
        "once per word, with the rows"
    );
    assert!(
        frequency[1].message.contains("3 rows"),
        "{}",
        frequency[1].message
    );
    assert!(
        frequency[1].message.contains("read as blank"),
        "{}",
        frequency[1].message
    );
    assert_eq!(
        read_in(&content, "Link to Existing Publication").len(),
        4,
        "N/A, n/a, NA, -"
    );
    // The field's own list comes first: Unknown is Unsure for sensitive data.
    assert_eq!(
        dataset(&content, "Permits").get(Field::SensitiveData),
        "Unsure"
    );
    for r in &content.reinterpretations {
        assert_plain(&r.message);
    }
}

#[test]
fn a_year_alone_is_the_first_day_of_a_start_and_the_last_of_an_end_as_text_and_as_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(
        dir.path(),
        "years.csv",
        &["Dataset Name", "Start Date", "End Date"],
        &[
            vec!["Soil Moisture", "2016", "2018"],
            vec!["Rainfall", "2009", "Present"],
        ],
    );
    let content = read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    let soil = dataset(&content, "Soil Moisture");
    assert_eq!(soil.get(Field::StartDate), "2016-01-01");
    assert_eq!(soil.get(Field::EndDate), "2018-12-31");
    let start = read_in(&content, "Start Date");
    assert_eq!(start.len(), 2);
    assert!(
        start
            .iter()
            .any(|r| r.message.contains("the first day of that year"))
    );
    assert!(
        read_in(&content, "End Date")[0]
            .message
            .contains("the last day")
    );

    // A research network's workbook keeps years as number cells.
    let xlsx = dir.path().join("years.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Dataset Name", "Start Date", "End Date"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Soil Moisture").unwrap();
    sheet.write_number(1, 1, 2016.0).unwrap();
    sheet.write_number(1, 2, 2019.0).unwrap();
    book.save(&xlsx).unwrap();
    let content = read_file(&xlsx).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    let soil = dataset(&content, "Soil Moisture");
    assert_eq!(soil.get(Field::StartDate), "2016-01-01");
    assert_eq!(soil.get(Field::EndDate), "2019-12-31");
}

#[test]
fn a_link_without_https_gets_it_and_words_in_a_link_column_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(
        dir.path(),
        "links.csv",
        &["Dataset Name", "Link to Existing Publication"],
        &[
            vec!["Zoning Map", "maps.city.gov/zr16"],
            vec!["Library", "www.library.org/overdrive"],
            vec!["Payroll", "Internal"],
            vec!["Grants", "https://grants.city.gov"],
        ],
    );
    let content = read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    assert_eq!(
        dataset(&content, "Zoning Map").publication_link,
        "https://maps.city.gov/zr16"
    );
    assert_eq!(
        dataset(&content, "Library").publication_link,
        "https://www.library.org/overdrive"
    );
    let payroll = dataset(&content, "Payroll");
    assert_eq!(payroll.publication_link, "");
    assert_eq!(
        payroll.other_details,
        "Link to Existing Publication: Internal"
    );
    let shown: Vec<(&str, &str)> = content
        .reinterpretations
        .iter()
        .map(|r| (r.file_says.as_str(), r.read_as.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Internal", ""),
            ("maps.city.gov/zr16", "https://maps.city.gov/zr16"),
            (
                "www.library.org/overdrive",
                "https://www.library.org/overdrive"
            ),
        ]
    );
    assert!(
        content.reinterpretations[0]
            .message
            .contains("Other Details")
    );
}

/// A district's five classification names, as its enterprise inventory writes them.
fn district_file(dir: &Path) -> PathBuf {
    csv_file(
        dir,
        "district.csv",
        &["Dataset Name", "Data Classification", "Update Frequency"],
        &[
            vec!["Crashes", "Open", "Real-Time/Near Real-Time"],
            vec!["Payroll", "Confidential", "Yearly"],
            vec!["Fleet", "For District Government Use", "Daily"],
            vec!["Contracts", "Public Not Proactively Released", "Static"],
            vec!["Case Files", "Restricted Confidential", "Unknown"],
            vec![
                "Vehicles",
                "For District Government Use",
                "Real-Time/Near Real-Time",
            ],
        ],
    )
}

#[test]
fn a_citys_classification_names_are_kept_in_other_details_listed_in_a_value_map_and_mapped_when_chosen()
 {
    let dir = tempfile::tempdir().unwrap();
    let path = district_file(dir.path());
    let content = read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    assert_eq!(content.rows.len(), 6, "no row is refused");

    // Known words are read, and shown: Open is Public, Confidential is Sensitive.
    assert_eq!(
        dataset(&content, "Crashes").classification,
        Some(Classification::Public)
    );
    let confidential = content
        .reinterpretations
        .iter()
        .find(|r| r.file_says == "Confidential")
        .unwrap();
    assert_eq!(confidential.read_as, "Sensitive");

    // The city's own names are kept as written, and listed.
    let fleet = dataset(&content, "Fleet");
    assert_eq!(fleet.classification, None);
    assert_eq!(
        fleet.other_details,
        "Data Classification: For District Government Use"
    );
    let map = content
        .value_maps
        .iter()
        .find(|m| m.field == Field::Classification)
        .unwrap();
    let listed: Vec<(&str, usize, Option<&str>, Option<&str>)> = map
        .values
        .iter()
        .map(|v| {
            (
                v.value.as_str(),
                v.rows,
                v.suggestion.as_deref(),
                v.mapped_to.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("For District Government Use", 2, Some("Protected"), None),
            ("Public Not Proactively Released", 1, None, None),
            ("Restricted Confidential", 1, None, None),
        ],
        "suggested only when one choice is clearly meant; none applied unasked"
    );

    // Chosen: read as that choice, no longer kept aside, still listed with it.
    let mut choices = ImportChoices::default();
    let values = choices.values.entry(Field::Classification).or_default();
    values.insert(
        "For District Government Use".into(),
        ValueChoice::Label("Protected".into()),
    );
    values.insert(
        "Restricted Confidential".into(),
        ValueChoice::Label("Sensitive".into()),
    );
    let content = read_file_with(&path, &choices).unwrap();
    let fleet = dataset(&content, "Fleet");
    assert_eq!(fleet.classification, Some(Classification::Protected));
    assert_eq!(fleet.other_details, "");
    assert_eq!(
        dataset(&content, "Case Files").classification,
        Some(Classification::Sensitive)
    );
    assert_eq!(
        dataset(&content, "Contracts").other_details,
        "Data Classification: Public Not Proactively Released"
    );
    let map = &content.value_maps[0];
    assert_eq!(map.values[0].mapped_to.as_deref(), Some("Protected"));
    assert_eq!(map.values[1].mapped_to, None);
}

#[test]
fn real_time_near_real_time_is_suggested_as_continuously_updated_and_mapped_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = district_file(dir.path());
    let content = read_file(&path).unwrap();
    let map = content
        .value_maps
        .iter()
        .find(|m| m.field == Field::UpdateFrequency)
        .unwrap();
    assert_eq!(map.values.len(), 1);
    let real_time = &map.values[0];
    assert_eq!(real_time.value, "Real-Time/Near Real-Time");
    assert_eq!((real_time.rows, real_time.cell.as_str()), (2, "C2"));
    assert_eq!(
        real_time.suggestion.as_deref(),
        Some("Continuously updated")
    );
    assert_eq!(
        dataset(&content, "Crashes").other_details,
        "Update Frequency: Real-Time/Near Real-Time"
    );

    let mut choices = ImportChoices::default();
    choices
        .values
        .entry(Field::UpdateFrequency)
        .or_default()
        .insert(
            "Real-Time/Near Real-Time".into(),
            ValueChoice::Label("Continuously updated".into()),
        );
    let content = read_file_with(&path, &choices).unwrap();
    assert_eq!(
        dataset(&content, "Vehicles").update_frequency,
        Some(Frequency::Continuously)
    );
    assert_eq!(
        dataset(&content, "Vehicles").other_details,
        "Data Classification: For District Government Use",
        "only the value not chosen stays aside"
    );
}

#[test]
fn a_file_of_1000_rows_with_one_unknown_value_imports_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (1..=1000).map(|i| format!("Dataset {i}")).collect();
    let rows: Vec<Vec<&str>> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let class = if i == 700 { "Eyes Only" } else { "Public" };
            vec![name.as_str(), class, "Monthly"]
        })
        .collect();
    let path = csv_file(
        dir.path(),
        "thousand.csv",
        &["Dataset Name", "Data Classification", "Update Frequency"],
        &rows,
    );
    let mut store = store_with_parks();
    let plan = plan_file_with(
        &store,
        &path,
        &ImportChoices::default(),
        &inventory_desk::progress::Unwatched,
    )
    .unwrap();
    assert!(!plan.has_errors(), "{:#?}", plan.errors);
    assert_eq!(plan.items.len(), 1000);
    assert_eq!(plan.value_maps.len(), 1);
    assert_eq!(plan.value_maps[0].values[0].cell, "B702");
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let datasets = store.datasets().unwrap();
    assert_eq!(datasets.len(), 1000);
    let odd = datasets.iter().find(|d| d.name == "Dataset 701").unwrap();
    assert_eq!(odd.classification, None);
    assert_eq!(odd.other_details, "Data Classification: Eyes Only");
    assert_eq!(
        datasets
            .iter()
            .filter(|d| d.classification == Some(Classification::Public))
            .count(),
        999
    );
}

#[test]
fn values_are_counted_across_a_big_file_read_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (1..=5000).map(|i| format!("Dataset {i}")).collect();
    let rows: Vec<Vec<&str>> = names
        .iter()
        .map(|name| vec![name.as_str(), "Real-Time/Near Real-Time"])
        .collect();
    let path = csv_file(
        dir.path(),
        "big.csv",
        &["Dataset Name", "Update Frequency"],
        &rows,
    );
    let content = read_file(&path).unwrap();
    let value = &content.value_maps[0].values[0];
    assert_eq!((value.rows, value.cell.as_str()), (5000, "B2"));
}

#[test]
fn a_date_a_foreign_file_writes_in_words_is_kept_as_written_and_the_row_is_read() {
    // The federal research network's inventory writes seasons, ranges and
    // guesses in its date columns. Its headers are its own (a foreign file):
    // what it says is the department's, kept, not a typo holding the row.
    let dir = tempfile::tempdir().unwrap();
    let path = csv_file(
        dir.path(),
        "ltar.csv",
        &[
            "DataSetVariableName",
            "StartDate",
            "EndDate",
            "ResponsiblePersons",
        ],
        &[
            vec!["Soil moisture", "Spring 2001", "2011?", "Pat Lee"],
            vec!["Flux tower", "2015-2017", "future", "Kim Ode"],
            vec!["Rain gauge", "2016", "2018", "Ana Ruiz"],
        ],
    );
    let content = read_file(&path).unwrap();
    assert!(content.mapping.is_some(), "a foreign file");
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    assert_eq!(content.rows.len(), 3, "no row is held");
    let soil = dataset(&content, "Soil moisture");
    assert_eq!(soil.start_date, None);
    assert_eq!(soil.other_details, "StartDate: Spring 2001\nEndDate: 2011?");
    let flux = dataset(&content, "Flux tower");
    assert_eq!(flux.other_details, "StartDate: 2015-2017\nEndDate: future");
    let rain = dataset(&content, "Rain gauge");
    assert_eq!(rain.get(Field::StartDate), "2016-01-01");
    assert_eq!(rain.get(Field::EndDate), "2018-12-31");
    assert_eq!(rain.other_details, "");

    // Our own workbook's headers: a mistyped date there is the coordinator's
    // or the CDO's typo, and holds its row until it is fixed.
    let ours = csv_file(
        dir.path(),
        "ours.csv",
        &["Dataset Name", "Start Date"],
        &[vec!["Soil moisture", "Spring 2001"]],
    );
    let content = read_file(&ours).unwrap();
    assert!(content.mapping.is_none());
    assert_eq!(content.held.len(), 1);
}
