//! The data.json catalog of a demo inventory, as harvesters read it: every
//! entry passes the schemas of CKAN's and data.gov's harvesters, an entry with
//! a link has a distribution, no open-ended period ends on the day of the
//! export, no unclassified sensitive dataset is listed; one bad entry is held
//! back without blocking the others; no empty catalog is written over a full one.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::cli::{Env, code, stderr};
use inventory_desk::catalog::{Reason, export_data_json};
use inventory_desk::model::{Classification, Dataset, Field, SensitiveData};
use inventory_desk::store::Store;
use inventory_desk::workbook::WorkbookError;
use serde_json::{Value, json};

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn schema(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .join(name);
    read(&path)
}

/// Every violation of both harvesters' dataset schemas, formats (uri) too.
fn schema_violations(catalog: &Value) -> Vec<String> {
    let ckan = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema("dataset-non-federal-v1.1.json"))
        .unwrap();
    let datagov = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema("datagov-non-federal-dataset-v1.1.json"))
        .unwrap();
    let mut out = Vec::new();
    for entry in catalog["dataset"].as_array().unwrap() {
        for (who, validator) in [("CKAN", &ckan), ("data.gov", &datagov)] {
            for e in validator.iter_errors(entry) {
                out.push(format!(
                    "{who}: {}: {e} at {}",
                    entry["identifier"],
                    e.instance_path()
                ));
            }
        }
    }
    out
}

/// A cleared dataset of the demo with its classification taken away and its
/// data marked sensitive: what a catalog must never list as public. (The demo
/// itself follows the app's rules, so it has none.)
fn unclassified_sensitive(store: &mut Store) {
    let d = store
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| {
            matches!(
                d.status,
                inventory_desk::model::Status::Approved | inventory_desk::model::Status::Published
            )
        })
        .expect("the demo has cleared datasets");
    let id = d.id.unwrap();
    store.set_field(&id, Field::Classification, "").unwrap();
    store.set_field(&id, Field::SensitiveData, "Yes").unwrap();
}

fn by_identifier(store: &Store) -> HashMap<String, Dataset> {
    store
        .datasets()
        .unwrap()
        .into_iter()
        .map(|d| (d.id_text(), d))
        .collect()
}

#[test]
fn the_demo_catalog_passes_the_harvesters_schemas_with_a_distribution_on_every_linked_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::demo_store(&dir, 600);
    unclassified_sensitive(&mut store);
    let out = dir.path().join("data.json");
    let written = export_data_json(&mut store, &out, None).unwrap();
    let catalog = read(&out);
    let entries = catalog["dataset"].as_array().unwrap();
    assert_eq!(entries.len(), written.listed);
    assert!(written.listed > 50, "{}", written.listed);
    let violations = schema_violations(&catalog);
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    assert!(inventory_desk::catalog::problems(&catalog).is_empty());

    let datasets = by_identifier(&store);
    let plans: HashMap<_, _> = store.plans(None).unwrap().into_iter().collect();
    let today = chrono::Local::now().date_naive();
    for e in entries {
        let d = &datasets[e["identifier"].as_str().unwrap()];
        // A distribution on every entry that has a link.
        if !d.publication_link.is_empty() || !d.landing_page.is_empty() {
            assert!(
                e["distribution"].as_array().is_some_and(|l| !l.is_empty()),
                "{e}"
            );
        }
        // No open-ended period ends today unless the data was refreshed today.
        if let Some(t) = e["temporal"].as_str()
            && t.ends_with(&today.to_string())
        {
            let refreshed =
                d.id.as_ref()
                    .and_then(|id| plans.get(id))
                    .and_then(|p| p.last_refreshed);
            assert_eq!(refreshed, Some(today), "{e}");
        }
        // No unclassified sensitive entry.
        if d.classification.is_none() {
            assert!(
                !matches!(
                    d.sensitive_data,
                    Some(SensitiveData::Yes | SensitiveData::Unsure)
                ),
                "{e}"
            );
        }
        // The identifier it was given is recorded on the dataset.
        assert_eq!(d.portal_identifier, e["identifier"].as_str().unwrap());
    }
    // The unclassified sensitive dataset is held back, named.
    assert!(
        written
            .held
            .iter()
            .any(|h| matches!(h.reasons[0], Reason::SensitiveUnclassified(_)))
    );
    for h in &written.held {
        common::assert_plain(&h.to_string());
    }
}

#[test]
fn values_harvesters_refuse_are_encoded_or_held_back_and_the_rest_passes_the_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    let published = |store: &mut Store, name: &str, change: &dyn Fn(&mut Dataset)| {
        let mut d = Dataset::named(name);
        d.department = "Parks".into();
        d.contact_email = "pat.lee@city.gov".into();
        d.classification = Some(Classification::Public);
        d.status = inventory_desk::model::Status::Approved;
        change(&mut d);
        let d = store.create_dataset(&common::parks(), d).unwrap();
        assert_eq!(d.status, inventory_desk::model::Status::Approved);
    };
    published(&mut store, "Café Permits", &|d| {
        d.landing_page = "https://data.city.gov/Café_Permits|2024".into();
        d.keywords = vec!["Permits".into(), "permits".into(), "Cafés".into()];
    });
    published(&mut store, "Search", &|_| {});
    published(&mut store, "Long", &|d| d.contents = "word ".repeat(2_001));
    let out = dir.path().join("data.json");
    let written = export_data_json(&mut store, &out, None).unwrap();
    let catalog = read(&out);
    let violations = schema_violations(&catalog);
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    assert_eq!(written.listed, 1);
    let e = &catalog["dataset"][0];
    assert_eq!(
        e["landingPage"],
        "https://data.city.gov/Caf%C3%A9_Permits%7C2024"
    );
    assert_eq!(e["keyword"], json!(["Permits", "Cafés"]));
    // The schemas refuse the link as typed: the encoding is what passes.
    let mut raw = catalog.clone();
    raw["dataset"][0]["landingPage"] = json!("https://data.city.gov/Café_Permits|2024");
    assert!(!schema_violations(&raw).is_empty());
    let held: Vec<&str> = written.held.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(held, ["Search", "Long"]);
    let message = written.message();
    assert!(message.contains("2 datasets are held back"), "{message}");
    assert!(message.contains("new, edit and search"), "{message}");
    assert!(message.contains("10000"), "{message}");
}

#[test]
fn an_empty_catalog_is_not_written_over_one_that_lists_datasets() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &["Trees"]);
    let out = dir.path().join("data.json");
    // Nothing cleared, no file: written, and said to be empty.
    let written = export_data_json(&mut store, &out, None).unwrap();
    assert_eq!(written.listed, 0);
    assert!(
        written.message().starts_with("Wrote an empty catalog"),
        "{}",
        written.message()
    );
    // A file that lists a dataset is left as it was.
    let before = json!({"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [{"identifier": "PRK-0001"}]}).to_string();
    std::fs::write(&out, &before).unwrap();
    let err = export_data_json(&mut store, &out, None).unwrap_err();
    assert!(
        matches!(
            err,
            WorkbookError::EmptyCatalog {
                listed_there: 1,
                ..
            }
        ),
        "{err}"
    );
    common::assert_plain(&err.to_string());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), before);
}

#[test]
fn a_portal_identifier_once_given_is_kept_when_a_file_or_an_edit_leaves_it_blank() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &["Trees"]);
    let mut d = store.datasets().unwrap().remove(0);
    let id = d.id.clone().unwrap();
    assert_eq!(
        store
            .record_portal_identifiers(&[(id.clone(), "abcd-1234".into())])
            .unwrap(),
        1
    );
    d.portal_identifier.clear();
    d.contents = "Every tree.".into();
    let saved = store.update_dataset(&d).unwrap();
    assert_eq!(saved.portal_identifier, "abcd-1234");
    // Recorded once: a later catalog's identifier does not replace it.
    assert_eq!(
        store
            .record_portal_identifiers(&[(id.clone(), "PRK-0001".into())])
            .unwrap(),
        0
    );
    let saved = store
        .set_field(&id, Field::PortalIdentifier, "wxyz-9876")
        .unwrap();
    assert_eq!(
        saved.portal_identifier, "wxyz-9876",
        "a new one replaces it"
    );
}

#[test]
fn a_start_date_after_the_end_date_is_refused_at_entry_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &["Trees"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    store.set_field(&id, Field::EndDate, "2023-01-01").unwrap();
    let err = store
        .set_field(&id, Field::StartDate, "2024-05-01")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Start Date 2024-05-01") && err.contains("End Date 2023-01-01"),
        "{err}"
    );
    common::assert_plain(&err);
    assert_eq!(
        store.dataset(&id).unwrap().unwrap().start_date,
        None,
        "nothing saved"
    );
    store
        .set_field(&id, Field::StartDate, "2022-05-01")
        .unwrap();
}

#[test]
fn the_command_line_writes_the_catalog_and_exits_1_when_some_are_held_back() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "300"])), 0);
    unclassified_sensitive(&mut Store::open(&env.db()).unwrap());
    let out = env.run(&["export", "data.json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("held back"), "{said}");
    assert!(said.contains("Choose its Classification"), "{said}");
    let catalog = read(&env.path("data.json"));
    assert!(!catalog["dataset"].as_array().unwrap().is_empty());
    // An unknown department writes nothing.
    let out = env.run(&["export", "none.json", "--department", "ZZZ"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(!env.path("none.json").exists());
}
