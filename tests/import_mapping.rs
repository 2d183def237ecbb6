//! Files that are not our own workbook (issue 15, items 1, 2 and 8): their
//! columns found by header, by words and by values, each guess with a
//! confidence; the values that fit no field kept in Other Details; the person's
//! choices (in the app, remembered, or in a `--map` file) over the guesses; and
//! a header row found under a row of group headings. Each file is built here in
//! the shape of a real inventory.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::cli::{Env, code, stderr, stdout};
use common::store_with_parks;
use inventory_desk::model::{Classification, Field, Frequency, Status};
use inventory_desk::workbook::choices::{ColumnChoice, ImportChoices};
use inventory_desk::workbook::import::{self, FileContent};
use inventory_desk::workbook::mapping::Confidence;
use inventory_desk::workbook::merge::{self, Decisions};
use rust_xlsxwriter::Workbook;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Where each column went: (header, target), in the file's order.
fn targets(content: &FileContent) -> Vec<(String, String)> {
    content
        .mapping
        .as_ref()
        .expect("a foreign file has a mapping")
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.choice.label().to_string()))
        .collect()
}

fn target(content: &FileContent, header: &str) -> String {
    targets(content)
        .into_iter()
        .find(|(h, _)| h == header)
        .unwrap_or_else(|| panic!("no column {header}: {:?}", targets(content)))
        .1
}

fn clean(content: &FileContent) {
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
}

/// DC's enterprise inventory: SCREAMING_SNAKE_CASE, with a record number and an
/// object id that are not the inventory's IDs.
#[test]
fn snake_case_headers_are_matched_by_their_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "dc.csv",
        "RECORD_ID,AGENCY_ACRONYM,AGENCY_NAME,DATASET_NAME,DATASET_SUMMARY,DATASET_CLASSIFICATION_NAME,UPDATE_INTERVAL,KEYWORDS,EARLIEST_DATE_OF_RECORDS,DATASET_URL,OBJECTID\n\
         4570,DPR,Parks,Programs and Outreach,Programs the library runs,Open,Yearly,\"programs, outreach\",2016-01-10,https://dpr.dc.gov,1642\n\
         4571,DPR,Parks,Pool Visits,Visits to each pool,Confidential,Daily,pools,,,1643\n",
    );
    let content = import::read_file(&path).unwrap();
    clean(&content);
    assert_eq!(
        targets(&content),
        [
            ("RECORD_ID", "Other Details"),
            ("AGENCY_ACRONYM", "Other Details"),
            ("AGENCY_NAME", "Department"),
            ("DATASET_NAME", "Dataset Name"),
            ("DATASET_SUMMARY", "Contents"),
            ("DATASET_CLASSIFICATION_NAME", "Data Classification"),
            ("UPDATE_INTERVAL", "Update Frequency"),
            ("KEYWORDS", "Keywords"),
            ("EARLIEST_DATE_OF_RECORDS", "Start Date"),
            ("DATASET_URL", "Link to Existing Publication"),
            ("OBJECTID", "Other Details"),
        ]
        .map(|(h, t)| (h.to_string(), t.to_string()))
    );
    let mapping = content.mapping.as_ref().unwrap();
    let summary = &mapping.columns[4];
    assert_eq!(summary.confidence, Confidence::Words);
    assert_eq!(
        summary.samples,
        ["Programs the library runs", "Visits to each pool"]
    );
    assert!(!summary.reason.is_empty());
    let programs = &content.rows[0].dataset;
    assert_eq!(programs.department, "Parks");
    assert_eq!(programs.classification, Some(Classification::Public));
    assert_eq!(programs.update_frequency, Some(Frequency::Annual));
    assert_eq!(programs.start_date, NaiveDate::from_ymd_opt(2016, 1, 10));
    assert_eq!(
        programs.other_details,
        "RECORD_ID: 4570\nAGENCY_ACRONYM: DPR\nOBJECTID: 1642"
    );
    assert!(
        programs.id.is_none(),
        "a record number is not an Inventory ID"
    );
}

/// A federal research network's inventory: CamelCase and dotted headers.
#[test]
fn camel_case_headers_are_matched_by_their_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "ID",
        "LTARSite.Code",
        "Category",
        "DataSetVariableName",
        "AttributeDescription",
        "StartDate",
        "ResponsiblePersons",
        "StorageFormat",
        "URLdataAccess",
        "NALT.Keywords",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let row = [
        "ABS-UF0001",
        "ABS-UF",
        "Transportation",
        "Air density",
        "Density of the air at the tower",
        "",
        "Ana Ruiz",
        ".dat files",
        "https://data.example.org/air",
        "Meteorology",
    ];
    for (c, v) in row.iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let day = NaiveDate::from_ymd_opt(2016, 5, 1).unwrap();
    sheet.write_datetime(1, 5, day).unwrap();
    let path = dir.path().join("usda.xlsx");
    book.save(&path).unwrap();

    let content = import::read_file(&path).unwrap();
    clean(&content);
    for (header, field) in [
        ("ID", "Other Details"),
        ("LTARSite.Code", "Other Details"),
        ("Category", "Category"),
        ("DataSetVariableName", "Dataset Name"),
        ("AttributeDescription", "Contents"),
        ("StartDate", "Start Date"),
        ("ResponsiblePersons", "Data Steward"),
        ("StorageFormat", "Format"),
        ("URLdataAccess", "Link to Existing Publication"),
        ("NALT.Keywords", "Keywords"),
    ] {
        assert_eq!(target(&content, header), field, "{header}");
    }
    let air = &content.rows[0].dataset;
    assert_eq!(air.name, "Air density");
    assert_eq!(air.steward, "Ana Ruiz");
    assert_eq!(air.start_date, Some(day));
    assert_eq!(air.other_details, "ID: ABS-UF0001\nLTARSite.Code: ABS-UF");
}

#[test]
fn run_together_headers_are_cut_into_known_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "caps.csv",
        "AGENCYNAME,DATASETNAME,DATASETSUMMARY,UPDATEINTERVAL,CONTACTEMAIL\n\
         Parks,Trail Counts,People on each trail,Weekly,lee@city.gov\n",
    );
    let content = import::read_file(&path).unwrap();
    clean(&content);
    assert_eq!(
        targets(&content),
        [
            ("AGENCYNAME", "Department"),
            ("DATASETNAME", "Dataset Name"),
            ("DATASETSUMMARY", "Contents"),
            ("UPDATEINTERVAL", "Update Frequency"),
            ("CONTACTEMAIL", "Contact Email Address"),
        ]
        .map(|(h, t)| (h.to_string(), t.to_string()))
    );
    let trails = &content.rows[0].dataset;
    assert_eq!(trails.update_frequency, Some(Frequency::Weekly));
    assert_eq!(trails.contact_email, "lee@city.gov");
}

/// NYC's 1993 directory: a row per agency application, and a `status` column of
/// codes that are not the inventory's publication status.
fn nyc_shaped(dir: &Path, name: &str, rows: &[&str]) -> PathBuf {
    let mut text = String::from(
        "agency,user_bureau,application_name,year_activated,application_description,database_contents,status,confidentiality,method_of_access,pdf_page\r\n",
    );
    for row in rows {
        text.push_str(row);
        text.push_str("\r\n");
    }
    write(dir, name, &text)
}

#[test]
fn a_status_of_codes_is_not_the_publication_status_and_is_kept_in_other_details() {
    let dir = tempfile::tempdir().unwrap();
    let path = nyc_shaped(
        dir.path(),
        "nyc.csv",
        &[
            "Parks,Forestry,Tree Census,1986,Every street tree,\"Species, size, condition\",R,,,19",
            "Parks,,Pool Permits,1989,Permits for pools,Permit holders,P,Health Code Sec. 11.07.,Written request,20",
            "Parks,,Rink Schedules,1984,Skating hours,Rinks and hours,S,,,20",
        ],
    );
    let content = import::read_file(&path).unwrap();
    clean(&content);
    assert_eq!(target(&content, "agency"), "Department");
    assert_eq!(target(&content, "user_bureau"), "Division");
    assert_eq!(target(&content, "application_name"), "Dataset Name");
    assert_eq!(target(&content, "application_description"), "Contents");
    assert_eq!(target(&content, "status"), "Other Details");
    assert_eq!(target(&content, "confidentiality"), "Other Details");
    let status = &content.mapping.as_ref().unwrap().columns[6];
    assert!(status.reason.contains("R, P, S"), "{}", status.reason);
    assert!(!content.fields.contains(&Field::Status));

    let mut store = store_with_parks();
    let plan = merge::plan(&store, path.clone(), content).unwrap();
    assert!(plan.errors.is_empty(), "{:#?}", plan.errors);
    merge::apply(&mut store, &plan, &Decisions::default()).unwrap();
    let all = store.datasets().unwrap();
    let permits = all.iter().find(|d| d.name == "Pool Permits").unwrap();
    assert_eq!(permits.status, Status::NotReady);
    assert_eq!(permits.division, "");
    assert_eq!(
        permits.other_details,
        "year_activated: 1989\ndatabase_contents: Permit holders\nstatus: P\nconfidentiality: Health Code Sec. 11.07.\nmethod_of_access: Written request\npdf_page: 20"
    );
    let trees = all.iter().find(|d| d.name == "Tree Census").unwrap();
    assert_eq!(trees.division, "Forestry");
    assert!(trees.other_details.contains("status: R"));
}

/// San Diego's inventory: a `Notes` column of the department's own flags.
#[test]
fn a_notes_column_is_never_the_cdo_s_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "san_diego.csv",
        "Department,Dataset name,Brief description,Notes\n\
         Parks,Park Locations,Every park,Y\n\
         Parks,Pool Schedules,Lap swim,needs GIS review\n",
    );
    let content = import::read_file(&path).unwrap();
    clean(&content);
    assert_eq!(target(&content, "Notes"), "Other Details");
    assert!(!content.fields.contains(&Field::CdoNotes));
    let pools = &content.rows[1].dataset;
    assert_eq!(pools.cdo_notes, "");
    assert_eq!(pools.other_details, "Notes: needs GIS review");
    // Under its own header, the CDO's column is the CDO's.
    let path = write(
        dir.path(),
        "returned.csv",
        "Dataset Name,Contents,CDO Notes\nPark Locations,Every park,Add the acreage\n",
    );
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows[0].dataset.cdo_notes, "Add the acreage");
}

/// A row of group headings above the real headers, as merged cells show them.
fn two_row_header(
    dir: &Path,
    headers: &[&str],
    groups: &[(u16, &str)],
    rows: &[&[&str]],
) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, g) in groups {
        sheet.write_string(0, *c, *g).unwrap();
    }
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 2, c as u16, *v).unwrap();
            }
        }
    }
    let path = dir.join("grouped.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn a_two_row_header_is_found_under_its_group_headings() {
    let dir = tempfile::tempdir().unwrap();
    let path = two_row_header(
        dir.path(),
        &["Title", "Summary", "Person", "Email", "Start", "End"],
        &[(0, "Dataset"), (2, "Contact"), (4, "Coverage")],
        &[&[
            "Trail Counts",
            "People on each trail",
            "Lee Park",
            "lee@city.gov",
            "2019-07-04",
            "Current",
        ]],
    );
    let content = import::read_file(&path).unwrap();
    clean(&content);
    assert_eq!(content.mapping.as_ref().unwrap().header_row, 1);
    assert_eq!(
        targets(&content),
        [
            ("Title", "Dataset Name"),
            ("Summary", "Contents"),
            ("Person", "Data Steward"),
            ("Email", "Contact Email Address"),
            ("Start", "Start Date"),
            ("End", "End Date"),
        ]
        .map(|(h, t)| (h.to_string(), t.to_string()))
    );
    assert_eq!(content.rows.len(), 1);
    assert_eq!(content.rows[0].row, 2);
    let trails = &content.rows[0].dataset;
    assert_eq!(trails.steward, "Lee Park");
    assert_eq!(trails.start_date, NaiveDate::from_ymd_opt(2019, 7, 4));
}

#[test]
fn a_refusal_lists_the_real_header_row_not_a_data_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = two_row_header(
        dir.path(),
        &["Agency", "Owner", "System"],
        &[(0, "Who"), (2, "Where")],
        &[
            &["Parks", "Ana Ruiz", "RecTrac"],
            &["Parks", "Tom Nguyen", "CAD"],
        ],
    );
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.errors.len(), 1, "{:#?}", content.errors);
    let message = &content.errors[0].message;
    assert!(message.contains("Agency, Owner, System"), "{message}");
    assert!(
        !message.contains("RecTrac") && !message.contains("Who"),
        "{message}"
    );
    assert!(
        message.contains("Choose the column that holds the datasets' names"),
        "{message}"
    );
    // Not refused outright: the mapping asks for the names column.
    let mapping = content.mapping.as_ref().unwrap();
    assert!(mapping.needs_names());
    assert_eq!(mapping.header_row, 1);

    let mut choices = ImportChoices::default();
    choices
        .columns
        .insert("System".into(), ColumnChoice::Field(Field::Name));
    let content = import::read_file_with(&path, &choices).unwrap();
    clean(&content);
    assert_eq!(content.rows.len(), 2);
    assert_eq!(content.rows[0].dataset.name, "RecTrac");
    let system = &content.mapping.as_ref().unwrap().columns[2];
    assert_eq!(system.confidence, Confidence::Chosen);
}

#[test]
fn choices_are_remembered_for_the_next_file_with_the_same_headers() {
    let dir = tempfile::tempdir().unwrap();
    let first = nyc_shaped(
        dir.path(),
        "first.csv",
        &["Parks,,Tree Census,1986,Every street tree,Trees,R,,,19"],
    );
    let mut store = store_with_parks();
    let mut choices = ImportChoices::default();
    choices.columns.insert(
        "database_contents".into(),
        ColumnChoice::Field(Field::Keywords),
    );
    choices
        .columns
        .insert("pdf_page".into(), ColumnChoice::Skip);
    let plan = merge::plan_file_with(
        &store,
        &first,
        &choices,
        &inventory_desk::progress::Unwatched,
    )
    .unwrap();
    assert!(plan.errors.is_empty(), "{:#?}", plan.errors);
    merge::apply(&mut store, &plan, &Decisions::default()).unwrap();

    // Another file with the same headers (in another case), read with no choices.
    let second = write(
        dir.path(),
        "second.csv",
        "AGENCY,USER_BUREAU,APPLICATION_NAME,YEAR_ACTIVATED,APPLICATION_DESCRIPTION,DATABASE_CONTENTS,STATUS,CONFIDENTIALITY,METHOD_OF_ACCESS,PDF_PAGE\n\
         Parks,,Pool Permits,1989,Permits for pools,permits; pools,P,,,20\n",
    );
    let plan = merge::plan_file_with(
        &store,
        &second,
        &ImportChoices::default(),
        &inventory_desk::progress::Unwatched,
    )
    .unwrap();
    assert!(plan.errors.is_empty(), "{:#?}", plan.errors);
    assert_eq!(plan.choices.columns.len(), 2, "{:?}", plan.choices);
    let mapping = plan.mapping.as_ref().unwrap();
    let contents = mapping.columns.iter().find(|c| c.index == 5).unwrap();
    assert_eq!(contents.choice, ColumnChoice::Field(Field::Keywords));
    assert_eq!(contents.confidence, Confidence::Chosen);
    merge::apply(&mut store, &plan, &Decisions::default()).unwrap();
    let permits = store
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "Pool Permits")
        .unwrap();
    assert_eq!(permits.keywords, ["permits", "pools"]);
    assert!(
        !permits.other_details.contains("PDF_PAGE"),
        "{}",
        permits.other_details
    );

    // A file with other headers is guessed afresh.
    let other = write(
        dir.path(),
        "other.csv",
        "Dataset Name,Notes\nRinks,open late\n",
    );
    let plan = merge::plan_file_with(
        &store,
        &other,
        &ImportChoices::default(),
        &inventory_desk::progress::Unwatched,
    )
    .unwrap();
    assert!(plan.choices.is_empty());
}

// --- The command line ---------------------------------------------------------

const NYC_ROW: &str = "Parks,,Tree Census,1986,Every street tree,Trees,R,,,19";

fn cli_json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(stdout(out).trim())
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(out), stderr(out)))
}

#[test]
fn the_command_line_prints_the_mapping_it_used_and_gives_it_in_json() {
    let env = Env::new();
    let file = nyc_shaped(env.dir.path(), "nyc.csv", &[NYC_ROW]);
    let file = file.to_str().unwrap();
    let out = env.run(&["check", file]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("A agency → Department (alias)"), "{text}");
    assert!(
        text.contains("C application_name → Dataset Name (words)"),
        "{text}"
    );
    assert!(text.contains("G status → Other Details (none)"), "{text}");

    let out = env.run(&["import", file, "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = cli_json(&out);
    let mapping = report["mapping"].as_array().unwrap();
    assert_eq!(mapping.len(), 10);
    assert_eq!(mapping[2]["header"], "application_name");
    assert_eq!(mapping[2]["field"], "Dataset Name");
    assert_eq!(mapping[2]["confidence"], "words");
    assert_eq!(mapping[6]["field"], "Other Details");
    assert_eq!(mapping[6]["samples"][0], "R");
    assert!(
        mapping[6]["reason"]
            .as_str()
            .unwrap()
            .contains("Other Details")
    );

    // Our own workbook is read by its headers: no mapping.
    let out = env.run(&[
        "check",
        "--json",
        &env.path("own.csv").display().to_string(),
    ]);
    assert_ne!(code(&out), 0);
    std::fs::write(
        env.path("own.csv"),
        "Dataset Name,Contents\nRinks,Skating\n",
    )
    .unwrap();
    let out = env.run(&[
        "check",
        "--json",
        &env.path("own.csv").display().to_string(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(cli_json(&out).get("mapping").is_none());
}

#[test]
fn a_map_file_in_toml_or_json_is_honoured_by_import_and_check() {
    for (map_name, map_text) in [
        (
            "map.toml",
            "department = \"Parks\"\n[columns]\napplication = \"Dataset Name\"\npdf_page = \"Not imported\"\nstatus = \"Other Details\"\n",
        ),
        (
            "map.json",
            r#"{"department": "Parks", "columns": {"application": "Dataset Name", "pdf_page": "Not imported", "status": "Other Details"}}"#,
        ),
    ] {
        let env = Env::new();
        let file = env.path("apps.csv");
        std::fs::write(
            &file,
            "agency,application,status,pdf_page\nParks,Trail Counts,R,19\n",
        )
        .unwrap();
        let file = file.to_str().unwrap().to_string();
        // Without the map, no column is the names: refused, listing the headers.
        let out = env.run(&["check", &file]);
        assert_eq!(code(&out), 1, "{map_name}: {}", stdout(&out));
        assert!(stderr(&out).contains("agency, application, status, pdf_page"));

        let map = env.path(map_name);
        std::fs::write(&map, map_text).unwrap();
        let map = map.to_str().unwrap().to_string();
        let out = env.run(&["check", &file, "--map", &map]);
        assert_eq!(code(&out), 0, "{map_name}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("B application → Dataset Name (chosen)"),
            "{}",
            stdout(&out)
        );
        let out = env.run(&["import", &file, "--map", &map, "--json"]);
        assert_eq!(code(&out), 0, "{map_name}: {}", stderr(&out));
        assert_eq!(cli_json(&out)["added"], 1);
        let csv = env.inventory_csv("after.csv");
        assert!(csv.contains("Trail Counts"), "{csv}");
        assert!(csv.contains("status: R"), "{csv}");
        assert!(!csv.contains("pdf_page"), "{csv}");
    }
    // A map naming no field is refused, saying what to write.
    let env = Env::new();
    std::fs::write(env.path("bad.toml"), "[columns]\nagency = \"Colour\"\n").unwrap();
    std::fs::write(env.path("a.csv"), "agency\nParks\n").unwrap();
    let out = env.run(&["check", "a.csv", "--map", "bad.toml"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("\"Colour\""), "{}", stderr(&out));
}

#[test]
fn a_row_that_repeats_the_header_is_not_a_dataset() {
    // Two exports pasted one under the other: the second header row is a note,
    // not a dataset named "DATASET_NAME" in a department named "AGENCY_NAME".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pasted.csv");
    std::fs::write(
        &path,
        "AGENCY_NAME,DATASET_NAME\nParks,Street Trees\nAGENCY_NAME,DATASET_NAME\nParks,Pools\n",
    )
    .unwrap();
    let content = inventory_desk::workbook::import::read_file(&path).unwrap();
    let names: Vec<&str> = content
        .rows
        .iter()
        .map(|r| r.dataset.name.as_str())
        .collect();
    assert_eq!(names, ["Street Trees", "Pools"]);
    assert!(
        content
            .warnings
            .iter()
            .any(|w| w.cell == "A3" && w.message.contains("repeats the header row")),
        "{:#?}",
        content.warnings
    );
}
