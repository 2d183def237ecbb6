//! The data dictionary (issue 18, item 3): each column of a dataset's sample
//! gets a description, a unit and what an empty cell means; drafted from the
//! profile, finished by people, counted by the completeness meter; carried by
//! the workbook's Attributes sheet, which comes back with the three-way merge;
//! written as a Frictionless Table Schema that data.json's describedBy links.

mod common;

use std::path::{Path, PathBuf};

use common::sheets::{exported, header, resaved, sheet_rows, text};
use inventory_desk::checklist::{Checks, completeness};
use inventory_desk::files::{Exported, Format};
use inventory_desk::model::{InventoryId, Status};
use inventory_desk::profile::{Access, Part, Profile, profile_file};
use inventory_desk::progress::Unwatched;
use inventory_desk::store::Store;
use inventory_desk::workbook::columns::ATTRIBUTE_HEADERS;
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{Decisions, apply, plan};
use serde_json::Value;

const PERMITS: &str = "Permit ID,Contact email,Park,Height (ft),Inspected\n\
1,ana@example.org,Balboa Park,12.5,Y\n\
2,kim@example.org,Presidio Park,40,N\n\
3,lee@example.org,Balboa Park,,Y\n";

/// Parks with "Park permits", its columns described from a sample file
/// (Permit ID, Contact email, Park, Height (ft), Inspected).
fn described(dir: &Path) -> (Store, InventoryId) {
    let mut store = common::parks_at(&dir.join("inventory.sqlite3"), &["Park permits"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let sample = dir.join("permits.csv");
    std::fs::write(&sample, PERMITS).unwrap();
    let profile = profile_file(&sample, &Unwatched).unwrap();
    store.save_profile(&id, &profile).unwrap();
    (store, id)
}

fn profile(store: &Store, id: &InventoryId) -> Profile {
    store.profile(id).unwrap().unwrap()
}

fn park(store: &Store, id: &InventoryId) -> inventory_desk::profile::ColumnProfile {
    profile(store, id).column("Park").unwrap().clone()
}

const PARK: usize = 2;

// --- Core: kept with the profile, drafted, counted -------------------------

#[test]
fn each_part_is_saved_at_once_and_kept_when_the_sample_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store
        .set_column_part(
            &id,
            PARK,
            Part::Description,
            "  The park the permit is for ",
        )
        .unwrap();
    store
        .set_column_part(&id, PARK, Part::EmptyMeans, "Citywide permit")
        .unwrap();
    assert_eq!(park(&store, &id).description, "The park the permit is for");
    // The same sample read again (a new file with one more row).
    let sample = dir.path().join("permits-2.csv");
    std::fs::write(
        &sample,
        format!("{PERMITS}4,sam@example.org,Mission Bay,3,N\n"),
    )
    .unwrap();
    let again = profile_file(&sample, &Unwatched).unwrap();
    store.save_profile(&id, &again).unwrap();
    let column = park(&store, &id);
    assert_eq!(column.description, "The park the permit is for");
    assert_eq!(column.empty_means, "Citywide permit");
    assert_eq!(profile(&store, &id).rows, 4);
}

#[test]
fn a_profile_stored_before_the_dictionary_existed_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = described(dir.path());
    let mut json: Value = serde_json::to_value(profile(&store, &id)).unwrap();
    for column in json["columns"].as_array_mut().unwrap() {
        let column = column.as_object_mut().unwrap();
        for key in ["description", "unit", "empty_means"] {
            column.remove(key);
        }
    }
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("inventory.sqlite3")).unwrap();
    conn.execute(
        "UPDATE profiles SET profile = ?1",
        [serde_json::to_string(&json).unwrap()],
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    let loaded = profile(&store, &id);
    assert_eq!(loaded.columns.len(), 5);
    assert!(loaded.columns.iter().all(|c| c.description.is_empty()));
}

#[test]
fn drafts_come_from_the_name_type_and_examples_and_never_overwrite_a_person_s_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store
        .set_column_part(&id, 0, Part::Description, "The permit's number")
        .unwrap();
    assert_eq!(
        store.draft_dictionary(&id).unwrap(),
        4,
        "the four columns with no description; Height (ft) gets its unit too"
    );
    let p = profile(&store, &id);
    let by = |name: &str| p.column(name).unwrap().clone();
    assert_eq!(by("Permit ID").description, "The permit's number");
    assert_eq!(
        by("Park").description,
        "Park: text, for example “Balboa Park” or “Presidio Park”."
    );
    assert_eq!(
        by("Height (ft)").description,
        "Height (ft): a decimal number, from 12.5 to 40."
    );
    assert_eq!(by("Height (ft)").unit, "feet");
    assert_eq!(
        by("Contact email").description,
        "Contact email: an email address."
    );
    assert!(!by("Contact email").description.contains("example.org"));
    assert_eq!(
        store.draft_dictionary(&id).unwrap(),
        0,
        "nothing left to draft"
    );
}

#[test]
fn a_profile_whose_columns_lack_descriptions_is_not_complete_on_the_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    let dataset = store.dataset(&id).unwrap().unwrap();
    let plain = completeness(&dataset, &Checks::new());
    let with = |store: &Store| {
        completeness(&dataset, &Checks::new()).with_dictionary(store.profile(&id).unwrap().as_ref())
    };
    let before = with(&store);
    assert_eq!(before.required, plain.required + 1);
    assert_eq!(before.answered, plain.answered);
    assert_eq!(before.undescribed.len(), 5);
    assert_eq!(
        before.dictionary_gap().unwrap(),
        "5 columns have no description yet (“Permit ID”, “Contact email”, “Park” …)."
    );
    assert_eq!(
        store.table_row(&id).unwrap().unwrap().complete,
        before.percent(),
        "the inventory table's meter counts it too"
    );
    store.draft_dictionary(&id).unwrap();
    let after = with(&store);
    assert_eq!(after.answered, plain.answered + 1);
    assert_eq!(after.dictionary_gap(), None);
    assert_eq!(
        store.table_row(&id).unwrap().unwrap().complete,
        after.percent()
    );
    // Without a sample there is nothing to describe: the meter is as before.
    let no_sample = completeness(&dataset, &Checks::new()).with_dictionary(None);
    assert_eq!(no_sample, plain);
}

// --- The Attributes sheet --------------------------------------------------

/// The Attributes sheet's rows as text, header first.
fn attributes(path: &Path) -> Vec<Vec<String>> {
    sheet_rows(path, "Attributes")
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect()
}

#[test]
fn the_attributes_sheet_has_a_row_per_column_and_no_example_of_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store
        .set_column_part(&id, PARK, Part::Description, "The park the permit is for")
        .unwrap();
    let (_out, path) = exported(&mut store);
    assert_eq!(header(&sheet_rows(&path, "Attributes")), ATTRIBUTE_HEADERS);
    let rows = attributes(&path);
    assert_eq!(rows.len(), 1 + 5);
    let row = |name: &str| rows.iter().find(|r| r[1] == name).unwrap().clone();
    assert_eq!(
        row("Park"),
        [
            "PRK-0001",
            "Park",
            "Text",
            "The park the permit is for",
            "Balboa Park; Presidio Park",
            "No",
            "Public",
            "",
            ""
        ]
    );
    let email = row("Contact email");
    assert_eq!(email[2], "Email address");
    assert_eq!(email[4], "", "no example of personal data");
    assert!(email[5].contains("email addresses"), "{}", email[5]);
    assert_eq!(email[6], "Protected");
    for r in &rows {
        assert!(!r.iter().any(|c| c.contains("example.org")), "{r:?}");
    }
}

/// The exported workbook with cells typed over, as the CDO returns it.
fn returned(from: &Path, edits: &[(&str, &str, &str)]) -> PathBuf {
    let to = from.with_file_name("returned.xlsx");
    resaved(from, &to, edits);
    to
}

/// Where a column's part is on the Attributes sheet (`D4`).
fn cell(path: &Path, column: &str, header: &str) -> String {
    let rows = attributes(path);
    let r = rows.iter().position(|r| r[1] == column).unwrap();
    let c = ATTRIBUTE_HEADERS.iter().position(|h| *h == header).unwrap();
    format!("{}{}", (b'A' + c as u8) as char, r + 1)
}

#[test]
fn the_untouched_workbook_changes_no_part_of_the_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store.draft_dictionary(&id).unwrap();
    let (_out, path) = exported(&mut store);
    let content = read_file(&path).unwrap();
    assert_eq!(content.attributes.len(), 5);
    let plan = plan(&store, path, content).unwrap();
    assert_eq!(plan.attributes(), 0, "{:?}", plan.attribute_changes);
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn a_description_the_cdo_writes_in_the_attributes_sheet_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    let (_out, sent) = exported(&mut store);
    let back = returned(
        &sent,
        &[
            (
                "Attributes",
                &cell(&sent, "Park", "Description"),
                "The park the permit is for",
            ),
            ("Attributes", &cell(&sent, "Height (ft)", "Unit"), "feet"),
        ],
    );
    let plan = plan(&store, back.clone(), read_file(&back).unwrap()).unwrap();
    assert!(plan.three_way);
    assert_eq!(plan.attributes(), 2);
    assert_eq!(
        inventory_desk::workbook::plan_attributes::describe_attribute(&plan.attribute_changes[0]),
        "Park: Description: (empty) ➡ The park the permit is for"
    );
    let applied = apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(applied.attributes, 2);
    assert_eq!(park(&store, &id).description, "The park the permit is for");
    assert_eq!(
        profile(&store, &id).column("Height (ft)").unwrap().unit,
        "feet"
    );
}

#[test]
fn a_description_changed_in_the_app_since_the_export_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    let (_out, sent) = exported(&mut store);
    store
        .set_column_part(&id, PARK, Part::Description, "Where the event is held")
        .unwrap();
    let back = returned(&sent, &[]);
    let plan = plan(&store, back.clone(), read_file(&back).unwrap()).unwrap();
    assert_eq!(
        plan.attributes(),
        0,
        "the file's empty cell is the export's"
    );
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn a_description_changed_on_both_sides_is_a_conflict_shown_in_the_preview_and_yours_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    let (_out, sent) = exported(&mut store);
    store
        .set_column_part(&id, PARK, Part::Description, "Where the event is held")
        .unwrap();
    let at = cell(&sent, "Park", "Description");
    let back = returned(&sent, &[("Attributes", &at, "The park the permit is for")]);
    let plan = plan(&store, back.clone(), read_file(&back).unwrap()).unwrap();
    assert_eq!(plan.attributes(), 0);
    let conflict = plan
        .warnings
        .iter()
        .find(|w| w.sheet == "Attributes")
        .expect("the conflict is shown");
    assert_eq!(
        (conflict.cell.as_str(), conflict.column.as_str()),
        (at.as_str(), "Description")
    );
    assert_eq!(
        conflict.message,
        "For PRK-0001, the description of the column \"Park\" was changed both in the app and in this file since the export. Yours was kept (“Where the event is held”); the file says “The park the permit is for”. Change it in the app if the file is right."
    );
    common::assert_plain(&conflict.message);
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(park(&store, &id).description, "Where the event is held");
}

#[test]
fn a_row_for_a_column_the_sample_does_not_have_is_shown_with_what_it_says() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = described(dir.path());
    let (_out, sent) = exported(&mut store);
    let last = attributes(&sent).len() + 1;
    let back = returned(
        &sent,
        &[
            ("Attributes", &format!("A{last}"), "PRK-0001"),
            ("Attributes", &format!("B{last}"), "Ward"),
            ("Attributes", &format!("D{last}"), "The council district"),
        ],
    );
    let plan = plan(&store, back.clone(), read_file(&back).unwrap()).unwrap();
    let w = plan
        .warnings
        .iter()
        .find(|w| w.sheet == "Attributes")
        .unwrap();
    assert_eq!(w.cell, format!("B{last}"));
    assert!(
        w.message.contains("no column \"Ward\"") && w.message.contains("“The council district”"),
        "{}",
        w.message
    );
    common::assert_plain(&w.message);
}

#[test]
fn a_file_from_elsewhere_is_compared_two_ways_whatever_the_order_of_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store
        .set_column_part(&id, PARK, Part::Unit, "none")
        .unwrap();
    let path = dir.path().join("dictionary.xlsx");
    common::sheets::hand_made(
        &path,
        &[("Park permits", "PRK-0001")],
        &[common::sheets::Side {
            sheet: "Attributes",
            headers: &["Column", "unit", "Description", "Inventory ID", "Owner"],
            rows: &[&["Park", "", "The park the permit is for", "PRK-0001", "Kim"]],
        }],
    );
    let content = read_file(&path).unwrap();
    let unknown = content
        .warnings
        .iter()
        .find(|w| w.sheet == "Attributes")
        .unwrap();
    assert_eq!(
        (unknown.cell.as_str(), unknown.message.as_str()),
        ("E1", "unknown column, ignored")
    );
    let plan = plan(&store, path, content).unwrap();
    assert!(!plan.three_way);
    let changes: Vec<String> = plan
        .attribute_changes
        .iter()
        .map(inventory_desk::workbook::plan_attributes::describe_attribute)
        .collect();
    assert_eq!(
        changes,
        ["Park: Description: (empty) ➡ The park the permit is for"],
        "every difference is a change to accept or reject, but an empty cell clears nothing"
    );
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(park(&store, &id).description, "The park the permit is for");
    assert_eq!(park(&store, &id).unit, "none");
}

// --- Table Schema and data.json --------------------------------------------

fn schema_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas/frictionless-table-schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn the_table_schema_is_valid_frictionless_and_leaves_out_columns_not_released() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store.draft_dictionary(&id).unwrap();
    store
        .set_column_part(&id, 4, Part::EmptyMeans, "Not inspected yet")
        .unwrap();
    store
        .set_column_access(
            &id,
            1,
            Access::NotReleased,
            "Removed from the published file",
        )
        .unwrap();
    let folder = dir.path().join("dictionaries");
    let exported = inventory_desk::files::export(
        &mut store,
        &folder,
        Format::TableSchema,
        None,
        Default::default(),
        &Unwatched,
    )
    .unwrap();
    assert!(matches!(exported, Exported::TableSchemas(_)));
    assert_eq!(exported.count(), 1);
    assert!(
        exported
            .message()
            .contains("No address is set for where the data dictionaries will be published"),
        "{}",
        exported.message()
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("PRK-0001.json")).unwrap())
            .unwrap();
    let errors: Vec<String> = schema_validator()
        .iter_errors(&schema)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let fields = schema["fields"].as_array().unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Permit ID", "Park", "Height (ft)", "Inspected"]);
    let types: Vec<&str> = fields.iter().map(|f| f["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["integer", "string", "number", "boolean"]);
    assert_eq!(
        fields[2]["description"],
        "Height (ft): a decimal number, from 12.5 to 40. Unit: feet."
    );
    assert_eq!(
        fields[3]["description"],
        "Inspected: yes or no, for example “Y” or “N”. An empty cell means: Not inspected yet."
    );
    assert_eq!(fields[3]["trueValues"], serde_json::json!(["Y"]));
    assert_eq!(schema["missingValues"], serde_json::json!([""]));
}

#[test]
fn a_dataset_without_a_described_column_gets_no_file_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = described(dir.path());
    let folder = dir.path().join("dictionaries");
    let exported = inventory_desk::files::export(
        &mut store,
        &folder,
        Format::TableSchema,
        None,
        Default::default(),
        &Unwatched,
    )
    .unwrap();
    assert_eq!(exported.count(), 0);
    assert!(!folder.exists(), "no empty folder is left behind");
    assert!(
        exported
            .message()
            .contains("Not written: PRK-0001 Park permits: no column has a description yet"),
        "{}",
        exported.message()
    );
}

#[test]
fn the_command_line_writes_the_table_schemas_into_the_folder_given() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store.draft_dictionary(&id).unwrap();
    store
        .set_dictionary_base("https://data.city.gov/dictionaries/")
        .unwrap();
    drop(store);
    let folder = dir.path().join("out");
    let said = inventory_desk::cli::run(
        Some(&dir.path().join("inventory.sqlite3")),
        inventory_desk::cli::Command::Export {
            file: folder.clone(),
            format: Some(Format::TableSchema),
            department: None,
            include_non_public: false,
            each_department: false,
        },
    )
    .unwrap();
    assert!(folder.join("PRK-0001.json").exists());
    assert!(
        said.contains("Publish these files at https://data.city.gov/dictionaries/"),
        "{said}"
    );
}

#[test]
fn data_json_links_the_dictionary_only_once_its_address_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = described(dir.path());
    store.draft_dictionary(&id).unwrap();
    let mut d = store.dataset(&id).unwrap().unwrap();
    d.status = Status::Published;
    d.contents = "Permits to use a park".into();
    d.steward = "Kim Lee".into();
    d.contact_email = "kim@city.gov".into();
    d.keywords = vec!["parks".into(), "permits".into()];
    store.update_dataset(&d).unwrap();
    let entry = |store: &mut Store| {
        let path = dir.path().join("data.json");
        inventory_desk::catalog::export_data_json(store, &path, None).unwrap();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        v["dataset"][0].clone()
    };
    let before = entry(&mut store);
    assert_eq!(before["describedBy"], Value::Null, "no address, no link");
    assert!(
        store
            .set_dictionary_base("dictionaries on the portal")
            .is_err(),
        "not a web address"
    );
    store
        .set_dictionary_base("https://data.city.gov/dictionaries")
        .unwrap();
    let after = entry(&mut store);
    assert_eq!(
        after["describedBy"],
        "https://data.city.gov/dictionaries/PRK-0001.json"
    );
    assert_eq!(after["describedByType"], "application/json");
}

#[test]
fn the_command_line_counts_the_dictionary_entries_an_import_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _id) = described(dir.path());
    let (_out, sent) = exported(&mut store);
    let back = returned(
        &sent,
        &[(
            "Attributes",
            &cell(&sent, "Park", "Description"),
            "The park the permit is for",
        )],
    );
    drop(store);
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_inventory-desk"))
            .arg("--db")
            .arg(dir.path().join("inventory.sqlite3"))
            .args(args)
            .output()
            .unwrap()
    };
    let file = back.to_str().unwrap();
    let out = run(&["import", file, "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["attributes"], 1, "{json}");
    let out = run(&["import", file, "--dry-run"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("1 data dictionary entry changed."), "{said}");
}
