//! The catalog written as DCAT-US 3.0 (`export --format dcat-us-3`), checked
//! against the 3.0 schemas data.gov's harvester runs (tests/fixtures/schemas/
//! dcat-us-3.0/, served from the folder, never fetched): every entry passes,
//! every required key of the Catalog, Dataset and contact classes is there and
//! filled, the datasets held back are the v1.1 catalog's, the review status is
//! said as the lifecycle status, and the command line writes it on request only.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{Env, code, stderr};
use inventory_desk::catalog::dcat_us_3::{Lifecycle, lifecycle};
use inventory_desk::catalog::{Options, Version, export_catalog, export_data_json};
use inventory_desk::model::{Classification, Dataset, Field, Status};
use inventory_desk::store::Store;
use serde_json::{Value, json};

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas/dcat-us-3.0")
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn schema(class: &str) -> Value {
    read(&schemas_dir().join(format!("{class}.json")))
}

/// Serves `https://resources.data.gov/dcat-us/3.0.0/definitions/<name>` from
/// the folder (`<Name>.json`, whatever its case). A class the folder does not
/// hold (one the app never writes: see the folder's README) is an empty schema.
struct Folder;

impl jsonschema::Retrieve for Folder {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or("");
        let file = std::fs::read_dir(schemas_dir())?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.eq_ignore_ascii_case(name))
            });
        Ok(match file {
            Some(path) => serde_json::from_str(&std::fs::read_to_string(path)?)?,
            None => json!({}),
        })
    }
}

fn validator(class: &str) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_retriever(Folder)
        .build(&schema(class))
        .unwrap()
}

/// Every violation of the Catalog class (which checks each dataset against
/// the Dataset class, and so on down).
fn violations(catalog: &Value) -> Vec<String> {
    let catalog_schema = validator("Catalog");
    let dataset_schema = validator("Dataset");
    let mut out: Vec<String> = catalog_schema
        .iter_errors(catalog)
        .map(|e| format!("catalog: {e} at {}", e.instance_path()))
        .collect();
    for entry in catalog["dataset"].as_array().unwrap() {
        for e in dataset_schema.iter_errors(entry) {
            out.push(format!(
                "{}: {e} at {}",
                entry["identifier"],
                e.instance_path()
            ));
        }
    }
    out
}

/// The keys a class's schema requires.
fn required(class: &str) -> Vec<String> {
    schema(class)["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

fn filled(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// The keys of the Dataset class that lead to classes the folder does not
/// hold (and the test answers with an empty schema): the catalog must have none.
const NOT_CHECKED: [&str; 10] = [
    "contributor",
    "creator",
    "wasAttributedTo",
    "qualifiedAttribution",
    "wasGeneratedBy",
    "wasUsedBy",
    "inSeries",
    "qualifiedRelation",
    "hasQualityMeasurement",
    "page",
];

fn export_v3(store: &mut Store, out: &Path) -> inventory_desk::catalog::Written {
    export_catalog(store, out, None, Options::default(), Version::V3).unwrap()
}

/// A cleared dataset of the demo with its classification taken away and its
/// data marked sensitive: held back from both catalogs.
fn unclassified_sensitive(store: &mut Store) {
    let d = store
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| matches!(d.status, Status::Approved | Status::Published))
        .expect("the demo has cleared datasets");
    let id = d.id.unwrap();
    store.set_field(&id, Field::Classification, "").unwrap();
    store.set_field(&id, Field::SensitiveData, "Yes").unwrap();
}

#[test]
fn every_entry_of_the_demo_catalog_passes_the_3_0_schemas_with_every_required_key_filled() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::demo_store(&dir, 600);
    let out = dir.path().join("catalog-3.json");
    let written = export_v3(&mut store, &out);
    let catalog = read(&out);
    assert!(written.listed > 50, "{}", written.listed);
    let found = violations(&catalog);
    assert!(found.is_empty(), "{}", found.join("\n"));

    for key in required("Catalog") {
        assert!(filled(&catalog[&key]), "the catalog's {key}");
    }
    assert_eq!(
        catalog["conformsTo"]["identifier"],
        "https://resources.data.gov/dcat-us/3.0.0"
    );
    let entries = catalog["dataset"].as_array().unwrap();
    assert_eq!(entries.len(), written.listed);
    let (dataset, kind, organization) = (
        required("Dataset"),
        required("Kind"),
        required("Organization"),
    );
    let mut with_distribution = 0;
    for e in entries {
        for key in &dataset {
            assert!(filled(&e[key]), "{key} in {e}");
        }
        for key in &kind {
            assert!(filled(&e["contactPoint"][key]), "contactPoint.{key} in {e}");
        }
        for key in &organization {
            assert!(filled(&e["publisher"][key]), "publisher.{key} in {e}");
        }
        for key in NOT_CHECKED {
            assert!(e.get(key).is_none(), "{key} in {e}");
        }
        for d in e["distribution"].as_array().into_iter().flatten() {
            with_distribution += 1;
            assert!(
                filled(&d["downloadURL"]) || filled(&d["accessURL"]),
                "a distribution without a link in {e}"
            );
        }
        assert!(filled(&e["status"]["prefLabel"]), "{e}");
    }
    assert!(with_distribution > 0);
    // The schemas do bite: what 3.0 refuses is found.
    let mut broken = catalog.clone();
    broken["dataset"][0]["contactPoint"]["hasEmail"] = json!("pat lee@city.gov");
    broken["dataset"][0]["modified"] = json!("2023-05-05T10:00:00");
    broken["dataset"][1]
        .as_object_mut()
        .unwrap()
        .remove("identifier");
    let found = violations(&broken).join("\n");
    for part in ["hasEmail", "modified", "identifier"] {
        assert!(found.contains(part), "{part} not in {found}");
    }
}

#[test]
fn the_3_0_catalog_holds_back_and_lists_the_same_datasets_as_v1_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::demo_store(&dir, 300);
    unclassified_sensitive(&mut store);
    let v3_path = dir.path().join("catalog-3.json");
    let v1_path = dir.path().join("data.json");
    let v3 = export_v3(&mut store, &v3_path);
    let v1 = export_data_json(&mut store, &v1_path, None).unwrap();
    assert_eq!(v3.held, v1.held);
    assert!(!v3.held.is_empty());
    assert_eq!(v3.listed, v1.listed);
    let ids = |path: &Path| -> Vec<Value> {
        read(path)["dataset"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["identifier"].clone())
            .collect()
    };
    assert_eq!(ids(&v3_path), ids(&v1_path));
    // The same facts, in the 3.0 shapes.
    let (a, b) = (read(&v3_path), read(&v1_path));
    for (e3, e1) in a["dataset"]
        .as_array()
        .unwrap()
        .iter()
        .zip(b["dataset"].as_array().unwrap())
    {
        assert_eq!(e3["title"], e1["title"]);
        assert_eq!(e3["accessRights"], e1["accessLevel"]);
        assert_eq!(
            e3["contactPoint"]["hasEmail"],
            e1["contactPoint"]["hasEmail"]
        );
        assert_eq!(e3["publisher"]["name"], e1["publisher"]["name"]);
        if let Some(t) = e1["temporal"].as_str() {
            let (start, end) = t.split_once('/').unwrap();
            assert_eq!(e3["temporal"][0]["startDate"], start);
            assert_eq!(e3["temporal"][0]["endDate"], end);
        }
        assert_eq!(
            e3["distribution"].as_array().map(Vec::len),
            e1["distribution"].as_array().map(Vec::len)
        );
    }
}

#[test]
fn the_review_status_is_said_as_the_lifecycle_status() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    for (name, status) in [("Trees", Status::Published), ("Benches", Status::Approved)] {
        let mut d = Dataset::named(name);
        d.department = "Parks".into();
        d.contact_email = "pat.lee@city.gov".into();
        d.classification = Some(Classification::Public);
        d.status = status;
        store.create_dataset(&common::parks(), d).unwrap();
    }
    let out = dir.path().join("catalog-3.json");
    export_v3(&mut store, &out);
    let catalog = read(&out);
    assert!(
        violations(&catalog).is_empty(),
        "{:?}",
        violations(&catalog)
    );
    let status_of = |title: &str| -> Value {
        catalog["dataset"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"] == title)
            .map(|e| e["status"].clone())
            .unwrap()
    };
    assert_eq!(
        status_of("Trees")["@id"],
        "http://purl.org/adms/status/Completed"
    );
    assert_eq!(status_of("Trees")["prefLabel"], "Completed");
    assert_eq!(
        status_of("Benches")["@id"],
        "http://purl.org/adms/status/UnderDevelopment"
    );
    assert_eq!(
        status_of("Benches")["inScheme"]["@id"],
        "http://purl.org/adms/status/"
    );
    // The whole rule, for the statuses that never reach a catalog too.
    assert_eq!(lifecycle(Status::Withdrawn), Some(Lifecycle::Withdrawn));
    assert_eq!(
        lifecycle(Status::Submitted),
        Some(Lifecycle::UnderDevelopment)
    );
    assert_eq!(lifecycle(Status::NotPublishable), None);
}

#[test]
fn the_command_line_writes_3_0_only_when_asked_and_exits_1_when_some_are_held_back() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "200"])), 0);
    unclassified_sensitive(&mut Store::open(&env.db()).unwrap());
    let out = env.run(&["export", "catalog-3.json", "--format", "dcat-us-3"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("held back"), "{}", stderr(&out));
    let catalog = read(&env.path("catalog-3.json"));
    assert_eq!(catalog["@type"], "Catalog");
    assert!(violations(&catalog).is_empty());
    // A .json name alone stays the v1.1 data.json.
    env.run(&["export", "data.json"]);
    assert_eq!(
        read(&env.path("data.json"))["conformsTo"],
        "https://project-open-data.cio.gov/v1.1/schema"
    );
}
