//! The spreadsheets cities already keep ("Other layouts" in docs/workbook.md):
//! each is built here, imported through the library, and its datasets checked
//! field by field with their typed values.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use inventory_desk::model::{
    Classification, Dataset, Department, EndDate, Field, Frequency, Rating, RecordsRequests,
    SensitiveData,
};
use inventory_desk::store::Store;
use inventory_desk::workbook::import::{self, FileContent};
use inventory_desk::workbook::merge::{self, Decisions, ItemKind, Plan};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// An empty inventory with the Parks department set up.
fn parks_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_department(&Department::new("PRK".parse().unwrap(), "Parks"))
        .unwrap();
    store
}

/// Reads, plans and applies a file; fails the test on any error.
fn import_into(store: &mut Store, path: &Path) -> (FileContent, Plan) {
    let content = import::read_file(path).unwrap();
    assert!(
        content.problems().is_empty(),
        "{} should import without errors, got {:#?}",
        path.display(),
        content.problems()
    );
    let plan = merge::plan(store, path.to_path_buf(), content.clone()).unwrap();
    assert!(plan.problems().is_empty(), "{:#?}", plan.problems());
    merge::apply(store, &plan, &Decisions::default()).unwrap();
    (content, plan)
}

fn dataset(store: &Store, name: &str) -> Dataset {
    let all = store.datasets().unwrap();
    all.iter()
        .find(|d| d.name == name)
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "no dataset named {name:?}; the inventory has {:?}",
                all.iter().map(|d| &d.name).collect::<Vec<_>>()
            )
        })
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Writes one row of text cells starting at column A.
fn text_row(sheet: &mut Worksheet, row: u32, cells: &[&str]) {
    for (c, value) in cells.iter().enumerate() {
        if !value.is_empty() {
            sheet.write_string(row, c as u16, *value).unwrap();
        }
    }
}

/// A one-sheet workbook of text cells; `rows[0]` goes in row 1.
fn xlsx(dir: &Path, file: &str, sheet_name: &str, rows: &[&[&str]]) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).unwrap();
    for (r, cells) in rows.iter().enumerate() {
        text_row(sheet, r as u32, cells);
    }
    let path = dir.join(file);
    book.save(&path).unwrap();
    path
}

fn warning_cells(content: &FileContent) -> Vec<(String, String)> {
    content
        .warnings
        .iter()
        .map(|w| (w.cell.clone(), w.column.clone()))
        .collect()
}

#[test]
fn the_bare_appendix_a_template_filled_in_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "appendix_a.xlsx",
        "Sheet1",
        &[
            &[
                "Dataset Name",
                "Contact Email Address",
                "Contents",
                "System of Record",
                "Contains Sensitive Data",
                "Sensitive Data Comments",
            ],
            &[
                "Street Trees",
                "ana.ruiz@city.gov",
                "Every tree the city maintains on streets and in parks",
                "TreeKeeper",
                "n",
                "",
            ],
            &[
                "Park Permits",
                "Permits@City.gov",
                "Permits for events and picnics in parks",
                "Permit Desk",
                "Y",
                "Remove the applicant's phone number",
            ],
            &[
                "Pool Attendance",
                "",
                "Daily visitors at each pool",
                "",
                "unsure",
                "",
            ],
        ],
    );
    let mut store = parks_store();
    let (content, plan) = import_into(&mut store, &path);
    assert!(content.warnings.is_empty(), "{:#?}", content.warnings);
    assert_eq!(plan.count(ItemKind::Added), 3);
    assert_eq!(store.dataset_count().unwrap(), 3);

    let trees = dataset(&store, "Street Trees");
    assert_eq!(trees.contact_email, "ana.ruiz@city.gov");
    assert_eq!(
        trees.contents,
        "Every tree the city maintains on streets and in parks"
    );
    assert_eq!(trees.system_of_record, "TreeKeeper");
    assert_eq!(trees.sensitive_data, Some(SensitiveData::No));
    assert_eq!(trees.department, "Parks", "the home department is used");
    assert_eq!(trees.id.as_ref().unwrap().department.as_str(), "PRK");

    let permits = dataset(&store, "Park Permits");
    assert_eq!(permits.sensitive_data, Some(SensitiveData::Yes));
    assert_eq!(
        permits.sensitive_comments,
        "Remove the applicant's phone number"
    );

    let pools = dataset(&store, "Pool Attendance");
    assert_eq!(pools.sensitive_data, Some(SensitiveData::Unsure));
    assert_eq!(pools.contact_email, "");
}

#[test]
fn a_los_angeles_data_submission_checklist_with_title_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "la_checklist.xlsx",
        "Checklist",
        &[
            &["City of Los Angeles: Data Submission Checklist"],
            &["Department of Recreation and Parks, fiscal year 2024"],
            &[
                "Dataset Name",
                "Brief description of data",
                "Data source: What information system or database contains the data?",
                "Priority/value",
                "Data Steward (Business knowledge)",
                "Data Steward (Business knowledge) - Email",
                "Comments from the steward",
            ],
            &[
                "Recreation Center Locations",
                "Addresses and hours of every recreation center",
                "RecTrac",
                "High",
                "Maria Lopez",
                "maria.lopez@lacity.org",
                "",
            ],
            &[
                "Park Ranger Calls",
                "Calls for service answered by park rangers",
                "CAD",
                "low",
                "Tom Nguyen",
                "tom.nguyen@lacity.org",
                "needs review",
            ],
        ],
    );
    let mut store = parks_store();
    let (content, _) = import_into(&mut store, &path);
    assert_eq!(content.rows.len(), 2);
    assert_eq!(content.rows[0].row, 3, "the first dataset is on row 4");

    let centers = dataset(&store, "Recreation Center Locations");
    assert_eq!(
        centers.contents,
        "Addresses and hours of every recreation center"
    );
    assert_eq!(centers.system_of_record, "RecTrac");
    assert_eq!(centers.priority, Some(Rating::High));
    assert_eq!(centers.steward, "Maria Lopez");
    assert_eq!(centers.contact_email, "maria.lopez@lacity.org");

    let calls = dataset(&store, "Park Ranger Calls");
    assert_eq!(calls.priority, Some(Rating::Low));
    assert_eq!(calls.steward, "Tom Nguyen");
    assert_eq!(calls.contact_email, "tom.nguyen@lacity.org");

    // The one column no alias covers is a warning on its header cell, in row 3,
    // and its values are kept in Other Details.
    assert_eq!(
        warning_cells(&content),
        vec![("G3".to_string(), "Comments from the steward".to_string())]
    );
    assert_eq!(content.warnings[0].sheet, "Checklist");
    assert!(content.warnings[0].message.contains("Other Details"));
    assert_eq!(
        calls.other_details,
        "Comments from the steward: needs review"
    );
    assert_eq!(centers.other_details, "");
}

#[test]
fn a_san_diego_inventory() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "san_diego.xlsx",
        "Inventory",
        &[
            &[
                "Department",
                "Dataset name",
                "Brief description",
                "Frequency of data change",
                "PRA Frequency",
                "Data Classification",
            ],
            &[
                "Parks",
                "Park Locations",
                "Every park with its acreage",
                "Annually",
                "Rarely",
                "Public",
            ],
            &[
                "Parks",
                "Pool Schedules",
                "Lap swim and lessons",
                "Bi-weekly",
                "Frequently",
                "Internal",
            ],
            &[
                "Parks",
                "Lifeguard Incident Reports",
                "Rescues and first aid at beaches",
                "As needed",
                "Monthly",
                "Confidential",
            ],
        ],
    );
    let mut store = parks_store();
    let (content, _) = import_into(&mut store, &path);
    assert!(content.warnings.is_empty(), "{:#?}", content.warnings);

    let parks = dataset(&store, "Park Locations");
    assert_eq!(parks.contents, "Every park with its acreage");
    assert_eq!(parks.update_frequency, Some(Frequency::Annual));
    assert_eq!(parks.records_requests, Some(RecordsRequests::None));
    assert_eq!(parks.classification, Some(Classification::Public));
    assert_eq!(parks.id.as_ref().unwrap().department.as_str(), "PRK");

    let pools = dataset(&store, "Pool Schedules");
    assert_eq!(pools.update_frequency, Some(Frequency::Biweekly));
    assert_eq!(pools.records_requests, Some(RecordsRequests::Weekly));
    assert_eq!(pools.classification, Some(Classification::Protected));

    let lifeguards = dataset(&store, "Lifeguard Incident Reports");
    assert_eq!(lifeguards.update_frequency, Some(Frequency::Irregular));
    assert_eq!(lifeguards.records_requests, Some(RecordsRequests::Monthly));
    assert_eq!(lifeguards.classification, Some(Classification::Sensitive));
}

#[test]
fn a_project_open_data_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.csv");
    std::fs::write(
        &path,
        "title,description,keyword,accessLevel,accrualPeriodicity,fn,hasEmail,license,publisher,theme,identifier,modified,dataQuality\n\
         Park Inspections,Monthly safety inspections of playgrounds,\"playgrounds,safety\",public,R/P1M,Grace Okafor,mailto:grace.okafor@city.gov,https://creativecommons.org/publicdomain/zero/1.0/,Parks,Recreation,https://data.city.gov/d/abcd-1234,2024-05-01,true\n\
         Tree Work Orders,Pruning and removal requests,\"trees,forestry\",restricted public,R/P1W,Daniel Kim,mailto:daniel.kim@city.gov,https://creativecommons.org/licenses/by/4.0/,Parks,Environment,PRK-0001,2024-04-02T10:00:00Z,false\n\
         Ranger Case Files,Investigations by park rangers,rangers,non-public,irregular,Sofia Rossi,mailto:sofia.rossi@city.gov,http://creativecommons.org/publicdomain/zero/1.0/,Parks,Public Safety,ranger-cases,2023-12-31,\n",
    )
    .unwrap();
    let mut store = parks_store();
    let (content, plan) = import_into(&mut store, &path);
    assert_eq!(plan.count(ItemKind::Added), 3);

    // `identifier` is the portal's, never an Inventory ID: the row that looks
    // like one still gets a fresh ID, and keeps the portal's identifier.
    assert!(
        content.from_portal,
        "a Project Open Data CSV is the portal's catalog"
    );
    assert!(content.rows.iter().all(|r| r.dataset.id.is_none()));
    assert_eq!(content.rows[1].dataset.portal_identifier, "PRK-0001");
    let ids: Vec<String> = store
        .datasets()
        .unwrap()
        .iter()
        .map(|d| d.id_text())
        .collect();
    assert_eq!(ids, ["PRK-0001", "PRK-0002", "PRK-0003"]);

    let inspections = dataset(&store, "Park Inspections");
    assert_eq!(
        inspections.contents,
        "Monthly safety inspections of playgrounds"
    );
    assert_eq!(inspections.keywords, ["playgrounds", "safety"]);
    assert_eq!(inspections.classification, Some(Classification::Public));
    assert_eq!(inspections.update_frequency, Some(Frequency::Monthly));
    assert_eq!(inspections.steward, "Grace Okafor");
    assert_eq!(inspections.contact_email, "grace.okafor@city.gov");
    assert_eq!(inspections.license, "CC0 1.0");
    assert_eq!(inspections.department, "Parks");
    assert_eq!(inspections.category, "Recreation");
    assert_eq!(inspections.quality, None);
    assert_eq!(
        inspections.portal_identifier,
        "https://data.city.gov/d/abcd-1234"
    );
    assert_eq!(inspections.get(Field::Modified), "2024-05-01");
    // POD's dataQuality is a true/false flag, not the Data Quality rating: kept as written.
    assert_eq!(inspections.other_details, "dataQuality: true");
    // `modified` is the portal's record: it is never taken as the app's Last Updated.
    assert!(!content.fields.contains(&Field::LastUpdated));

    let trees = dataset(&store, "Tree Work Orders");
    assert_eq!(trees.keywords, ["trees", "forestry"]);
    assert_eq!(trees.classification, Some(Classification::Protected));
    assert_eq!(trees.update_frequency, Some(Frequency::Weekly));
    assert_eq!(trees.license, "CC BY 4.0");
    assert_eq!(trees.category, "Environment");
    assert_ne!(trees.id_text(), "", "saved with an ID of its own");

    let rangers = dataset(&store, "Ranger Case Files");
    assert_eq!(rangers.classification, Some(Classification::Sensitive));
    assert_eq!(rangers.update_frequency, Some(Frequency::Irregular));
    assert_eq!(rangers.category, "Public Safety");
    assert_eq!(rangers.license, "CC0 1.0", "the http:// address too");
}

#[test]
fn a_plain_csv_with_the_workbook_headers_in_another_order_and_case() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.csv");
    std::fs::write(
        &path,
        "DATA CLASSIFICATION,update frequency,Dataset name,contact email address,priority,Inventory id,KEYWORDS,existing publication,Link To Existing Publication,citywide goal,Notes 2\r\n\
         Public,Weekly,Trail Counts,lee@city.gov,High,,trails; hiking,Yes,www.city.gov/trails,x,ignore me\r\n\
         sensitive,MONTHLY,Camp Registrations,camps@city.gov,medium,PRK-0042,,no,,,\r\n",
    )
    .unwrap();
    let mut store = parks_store();
    let (content, plan) = import_into(&mut store, &path);
    assert_eq!(plan.count(ItemKind::Added), 2);
    assert_eq!(
        warning_cells(&content),
        vec![("K1".to_string(), "Notes 2".to_string())]
    );
    assert_eq!(content.warnings[0].sheet, "plain");

    let trails = dataset(&store, "Trail Counts");
    assert_eq!(trails.classification, Some(Classification::Public));
    assert_eq!(trails.update_frequency, Some(Frequency::Weekly));
    assert_eq!(trails.contact_email, "lee@city.gov");
    assert_eq!(trails.priority, Some(Rating::High));
    assert_eq!(trails.keywords, ["trails", "hiking"]);
    assert_eq!(
        trails.existing_publication,
        Some(inventory_desk::model::YesNo::Yes)
    );
    assert_eq!(trails.publication_link, "https://www.city.gov/trails");
    assert!(trails.prompts[0], "Citywide Goal marked with x");
    assert!(!trails.prompts[1]);

    // An Inventory ID this database does not have keeps that ID.
    let camps = dataset(&store, "Camp Registrations");
    assert_eq!(camps.id_text(), "PRK-0042");
    assert_eq!(camps.classification, Some(Classification::Sensitive));
    assert_eq!(camps.update_frequency, Some(Frequency::Monthly));
    assert_eq!(camps.priority, Some(Rating::Medium));
    assert_eq!(
        camps.existing_publication,
        Some(inventory_desk::model::YesNo::No)
    );
}

#[test]
fn dates_as_excel_dates_iso_text_and_us_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    text_row(
        sheet,
        0,
        &[
            "Dataset Name",
            "Start Date",
            "End Date",
            "Target Publication Date",
            "Reviewed On",
        ],
    );
    let iso = Format::new().set_num_format("yyyy-mm-dd");
    let us = Format::new().set_num_format("m/d/yyyy");
    // Row 2: real Excel dates, in two display formats.
    sheet.write_string(1, 0, "Excel Dates").unwrap();
    sheet
        .write_datetime_with_format(1, 1, date(2019, 7, 4), &iso)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 2, date(2024, 2, 29), &us)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 3, date(2025, 1, 15), &us)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 4, date(2024, 12, 31), &iso)
        .unwrap();
    // Row 3: YYYY-MM-DD typed as text.
    text_row(
        sheet,
        2,
        &[
            "ISO Text Dates",
            "2019-07-04",
            "2024-02-29",
            "2025-01-15",
            "2024-12-31",
        ],
    );
    // Row 4: M/D/YYYY typed as text, and Current for an open end.
    text_row(
        sheet,
        3,
        &[
            "US Text Dates",
            "7/4/2019",
            "Current",
            "1/15/2025",
            "12/31/2024",
        ],
    );
    let path = dir.path().join("dates.xlsx");
    book.save(&path).unwrap();

    let mut store = parks_store();
    import_into(&mut store, &path);
    for name in ["Excel Dates", "ISO Text Dates", "US Text Dates"] {
        let d = dataset(&store, name);
        assert_eq!(d.start_date, Some(date(2019, 7, 4)), "{name}");
        assert_eq!(d.target_publication_date, Some(date(2025, 1, 15)), "{name}");
        // The CDO's column is not taken from another file on a department's
        // desk (only from the workbook the CDO's office returns).
        assert_eq!(d.reviewed_on, None, "{name}");
    }
    assert_eq!(
        dataset(&store, "Excel Dates").end_date,
        Some(EndDate::On(date(2024, 2, 29)))
    );
    assert_eq!(
        dataset(&store, "ISO Text Dates").end_date,
        Some(EndDate::On(date(2024, 2, 29)))
    );
    assert_eq!(
        dataset(&store, "US Text Dates").end_date,
        Some(EndDate::Current)
    );

    // The same dates from a CSV, where Excel wrote them as text.
    let csv = dir.path().join("dates.csv");
    std::fs::write(
        &csv,
        "Dataset Name,Start Date,End Date\nCSV Dates,7/4/2019,2024-02-29\n",
    )
    .unwrap();
    import_into(&mut store, &csv);
    let d = dataset(&store, "CSV Dates");
    assert_eq!(d.start_date, Some(date(2019, 7, 4)));
    assert_eq!(d.end_date, Some(EndDate::On(date(2024, 2, 29))));
}

#[test]
fn unknown_columns_are_warnings_on_their_header_cell_and_the_rest_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "extra.xlsx",
        "Inventory",
        &[
            &[],
            &[
                "Dataset Name",
                "Internal Ref",
                "Contents",
                "",
                "Owner's favourite colour",
            ],
            &[
                "Picnic Shelters",
                "R-17",
                "Shelters you can book",
                "",
                "green",
            ],
        ],
    );
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    assert_eq!(
        warning_cells(&content),
        vec![
            ("B2".to_string(), "Internal Ref".to_string()),
            ("E2".to_string(), "Owner's favourite colour".to_string()),
        ]
    );
    // Not ignored (the issue: nothing is lost): their values are kept in the
    // dataset's Other Details, one `Column: value` line each.
    for w in &content.warnings {
        assert_eq!(w.sheet, "Inventory");
        assert_eq!(
            w.message,
            "No field of the inventory matches it: kept in Other Details (Column: value)."
        );
    }
    let mut store = parks_store();
    import_into(&mut store, &path);
    let shelters = dataset(&store, "Picnic Shelters");
    assert_eq!(shelters.contents, "Shelters you can book");
    assert_eq!(
        shelters.other_details,
        "Internal Ref: R-17\nOwner's favourite colour: green"
    );
}
