//! A portal's own catalog comes in and goes out again: a data.json as CKAN
//! writes it (v1.1), the bare array Socrata wrote in 2013 (v1.0), and a
//! Project Open Data CSV. Each test builds its own small catalog of the shape
//! the real ones have.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use inventory_desk::catalog::export_data_json;
use inventory_desk::model::*;
use inventory_desk::store::Store;
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{Decisions, ItemKind, apply, plan_file};

/// A data.json of the shape CKAN writes: @context and @type, identifiers that
/// are UUIDs or addresses, several distributions per dataset (some with
/// accessURL, some downloadURL), opendefinition.org license addresses, the
/// portal's own themes, publisher and contactPoint objects, datetimes with
/// fractions of a second.
fn ckan_catalog() -> Value {
    let dataset = |n: usize, title: &str, license: Option<&str>, theme: Option<&str>| {
        let mut d = json!({
            "@type": "dcat:Dataset",
            "title": title,
            "accessLevel": "public",
            "contactPoint": {
                "@type": "vcard:Contact",
                "fn": "Regional Data Center",
                "hasEmail": "mailto:data@region.example.org"
            },
            "description": format!("What {title} holds."),
            "identifier": format!("a8f7a1c2-7d4d-4daa-bc30-b866855f04{n:02}"),
            "keyword": ["311", "service requests"],
            "modified": format!("2019-06-{:02}T13:10:03.558442", n + 1),
            "publisher": { "@type": "org:Organization", "name": if n % 2 == 0 { "City of Riverton" } else { "Riverton County" } },
            "distribution": (0..n + 1).map(|k| {
                if k % 2 == 0 {
                    json!({
                        "@type": "dcat:Distribution",
                        "accessURL": format!("https://data.region.example.org/datastore/dump/{n}-{k}"),
                        "mediaType": "text/csv",
                        "title": format!("{title} part {k}")
                    })
                } else {
                    json!({
                        "@type": "dcat:Distribution",
                        "downloadURL": format!("https://data.region.example.org/dataset/{n}/resource/{k}/download/dictionary.xlsx"),
                        "mediaType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "title": format!("{title} Data Dictionary")
                    })
                }
            }).collect::<Vec<_>>()
        });
        if let Some(license) = license {
            d["license"] = json!(license);
        }
        if let Some(theme) = theme {
            d["theme"] = json!([theme]);
        }
        d
    };
    json!({
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dataset": [
            dataset(0, "311 Data", Some("http://www.opendefinition.org/licenses/cc-by"), Some("Civic Vitality & Governance")),
            dataset(1, "Bridges", Some("http://www.opendefinition.org/licenses/cc-zero"), Some("Transportation")),
            dataset(2, "Food Gardens", Some("http://www.opendefinition.org/licenses/odc-odbl"), Some("Geography")),
            dataset(3, "Air Quality", Some("http://www.opendefinition.org/licenses/odc-by"), None),
            dataset(4, "Jail Census", None, Some("Public Safety & Justice")),
        ]
    })
}

fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path
}

/// Imports a file into the store, all rows accepted; panics on problems.
fn import(store: &mut Store, path: &Path) {
    let plan = plan_file(store, path).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    apply(store, &plan, &Decisions::default()).unwrap();
}

fn entries(value: &Value) -> Vec<Value> {
    value["dataset"].as_array().unwrap().clone()
}

fn by_identifier(list: &[Value], identifier: &str) -> Value {
    list.iter()
        .find(|e| e["identifier"] == identifier)
        .unwrap_or_else(|| panic!("no entry {identifier}"))
        .clone()
}

#[test]
fn a_ckan_catalog_imported_and_exported_keeps_identifiers_dates_licenses_themes_and_every_distribution()
 {
    let dir = tempfile::tempdir().unwrap();
    let source = ckan_catalog();
    let path = write_json(dir.path(), "data.json", &source);
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &path);

    let out = dir.path().join("out.json");
    let listed = export_data_json(&mut store, &out, None).unwrap().listed;
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let (given, written) = (entries(&source), entries(&exported));
    assert_eq!(listed, given.len());
    assert_eq!(written.len(), given.len());
    for entry in &given {
        let id = entry["identifier"].as_str().unwrap();
        let back = by_identifier(&written, id);
        for key in ["title", "modified", "license", "theme", "accessLevel"] {
            assert_eq!(back.get(key), entry.get(key), "{id}: {key}");
        }
        assert_eq!(
            back["publisher"]["name"], entry["publisher"]["name"],
            "{id}"
        );
        assert_eq!(
            back["contactPoint"]["fn"], entry["contactPoint"]["fn"],
            "{id}"
        );
        assert_eq!(
            back["contactPoint"]["hasEmail"], entry["contactPoint"]["hasEmail"],
            "{id}"
        );
        assert_eq!(back["distribution"], entry["distribution"], "{id}");
    }
    let count = |list: &[Value]| -> usize {
        list.iter()
            .map(|e| e["distribution"].as_array().map_or(0, Vec::len))
            .sum()
    };
    assert_eq!(count(&written), 15);
    assert_eq!(count(&written), count(&given));
}

#[test]
fn catalog_datasets_come_in_published_with_a_portal_history_not_a_cdo_decision() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_json(dir.path(), "data.json", &ckan_catalog());
    let content = read_file(&path).unwrap();
    assert!(content.from_portal);
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &path);
    let all = store.datasets().unwrap();
    assert_eq!(all.len(), 5);
    for d in &all {
        assert_eq!(d.status, Status::Published, "{}", d.name);
        assert!(d.cdo_decision.is_none(), "{}", d.name);
        let history = store.history(d.id.as_ref().unwrap()).unwrap();
        assert_eq!(history.len(), 1, "{}: {history:?}", d.name);
        let line = history[0].summary();
        assert!(
            line.starts_with("Already published on the portal, imported from data.json on "),
            "{line}"
        );
    }
    let bridges = all.iter().find(|d| d.name == "Bridges").unwrap();
    assert_eq!(
        bridges.portal_identifier,
        "a8f7a1c2-7d4d-4daa-bc30-b866855f0401"
    );
    assert_eq!(bridges.modified, "2019-06-02T13:10:03.558442");
    assert_eq!(bridges.department, "Riverton County");
    assert_eq!(bridges.steward, "Regional Data Center");
    assert_eq!(bridges.contact_email, "data@region.example.org");
    assert_eq!(bridges.classification, Some(Classification::Public));
    assert_eq!(bridges.get(Field::License), "CC0 1.0");
    assert_eq!(bridges.get(Field::Category), "Transportation");
    assert_eq!(bridges.keywords, ["311", "service requests"]);
    let list = store.distributions(bridges.id.as_ref().unwrap()).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].title, "Bridges Data Dictionary");
    // A license and a theme that are on none of the inventory's lists are
    // taken as written (the import offers to add them to the lists), never dropped.
    let gardens = all.iter().find(|d| d.name == "Food Gardens").unwrap();
    assert!(!gardens.license.is_empty());
    assert_eq!(gardens.get(Field::Category), "Geography");
    assert!(
        gardens
            .other_details
            .contains("license: http://www.opendefinition.org/licenses/odc-odbl"),
        "{}",
        gardens.other_details
    );
}

#[test]
fn the_same_catalog_imported_again_matches_by_portal_identifier_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = ckan_catalog();
    let path = write_json(dir.path(), "data.json", &source);
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &path);
    let again = plan_file(&store, &path).unwrap();
    assert_eq!(again.count(ItemKind::Unchanged), 5, "{:?}", again.items);

    // Renamed on the portal: still the same dataset, found by its identifier.
    source["dataset"][1]["title"] = json!("Bridges and Tunnels");
    source["dataset"][1]["distribution"]
        .as_array_mut()
        .unwrap()
        .pop();
    let path = write_json(dir.path(), "data2.json", &source);
    let renamed = plan_file(&store, &path).unwrap();
    assert_eq!(renamed.count(ItemKind::Added), 0);
    assert_eq!(renamed.count(ItemKind::Changed), 1);
    apply(&mut store, &renamed, &Decisions::default()).unwrap();
    let all = store.datasets().unwrap();
    assert_eq!(all.len(), 5);
    let bridges = all
        .iter()
        .find(|d| d.portal_identifier == "a8f7a1c2-7d4d-4daa-bc30-b866855f0401")
        .unwrap();
    assert_eq!(bridges.name, "Bridges and Tunnels");
    assert_eq!(
        store
            .distributions(bridges.id.as_ref().unwrap())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_v1_0_bare_array_catalog_is_read_with_its_links_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = json!([
        {
            "accessLevel": "Public",
            "accessURL": "ftp://ftp.ci.riverton.example.us/GIS-Data/jurisdictions.zip",
            "created": "2011-12-12",
            "description": "The city's jurisdiction boundaries.",
            "format": "application/zip",
            "identifier": "5kf2-itzv",
            "keyword": "",
            "keywords": ["boundaries", "gis"],
            "modified": "2012-07-25",
            "releaseDate": "2011-12-12",
            "title": "Jurisdictions",
            "webService": "https://data.riverton.example.us/resource/5kf2-itzv.json",
            "license": "Public Domain\nCity of Riverton(http://www.riverton.example.us)",
            "distribution": [
                { "accessURL": "ftp://ftp.ci.riverton.example.us/GIS-Data/jurisdictions.zip",
                  "formats": [ { "label": "zip", "value": "application/zip" } ] }
            ]
        },
        {
            "accessLevel": "Public",
            "identifier": "abcd-1234",
            "title": "Hourly Parking",
            "frequency": "hourly",
            "modified": "2013",
            "keyword": "parking,meters"
        }
    ]);
    let path = write_json(dir.path(), "data.json", &catalog);
    let content = read_file(&path).unwrap();
    assert!(content.from_portal);
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    assert_eq!(content.rows.len(), 2);
    let first = &content.rows[0];
    let d = &first.dataset;
    assert_eq!(d.portal_identifier, "5kf2-itzv");
    assert_eq!(d.issued, "2011-12-12");
    assert_eq!(d.modified, "2012-07-25");
    assert_eq!(d.keywords, ["boundaries", "gis"]);
    assert_eq!(d.classification, Some(Classification::Public));
    assert!(
        d.other_details.contains("created: 2011-12-12"),
        "{}",
        d.other_details
    );
    assert!(
        d.other_details
            .contains("license: Public Domain City of Riverton(http://www.riverton.example.us)"),
        "{}",
        d.other_details
    );
    let list = first.distributions.as_ref().unwrap();
    assert_eq!(
        list.len(),
        2,
        "the ftp link once, the web service as a second"
    );
    assert_eq!(list[0].format, "zip");
    assert_eq!(list[0].media_type, "application/zip");
    assert_eq!(
        list[1].access_url,
        "https://data.riverton.example.us/resource/5kf2-itzv.json"
    );
    let second = &content.rows[1].dataset;
    assert_eq!(second.update_frequency, Some(Frequency::Hourly));
    assert_eq!(second.modified, "2013");
    assert_eq!(second.keywords, ["parking", "meters"]);
}

#[test]
fn a_project_open_data_csv_is_a_catalog_with_one_distribution_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record([
        "accessLevel",
        "fn",
        "hasEmail",
        "description",
        "downloadURL",
        "mediaType",
        "format",
        "identifier",
        "keyword",
        "modified",
        "issued",
        "publisher",
        "title",
        "license",
        "theme",
        "references",
        "bureauCode",
    ])
    .unwrap();
    w.write_record([
        "public",
        "Jane Doe",
        "mailto:jane.doe@riverton.example.gov",
        "National statistics on widgets",
        "https://data.riverton.example.gov/widgets.csv",
        "text/csv",
        "CSV",
        "http://dx.doi.org/10.7927/H4PZ56R2",
        "widget,manufacturing,factory",
        "2011-11-19T12:00:00Z",
        "2011-11-22",
        "Widget Services",
        "Widget Statistics",
        "http://creativecommons.org/publicdomain/zero/1.0/",
        "manufacturing",
        "http://riverton.example.gov/docs/1.html,http://riverton.example.gov/docs/2.html",
        "018:10",
    ])
    .unwrap();
    w.write_record([
        "non-public",
        "James Doe",
        "mailto:james.doe@riverton.example.gov",
        "Modulation ranges",
        "",
        "",
        "",
        "http://dx.doi.org/10.7927/H4K64G12",
        "widget",
        "2011",
        "",
        "Widget Modulation",
        "Widget Modulation Ranges",
        "",
        "",
        "",
        "",
    ])
    .unwrap();
    w.flush().unwrap();
    drop(w);

    let content = read_file(&path).unwrap();
    assert!(content.from_portal);
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    assert_eq!(content.rows.len(), 2);
    let widgets = &content.rows[0];
    let d = &widgets.dataset;
    assert_eq!(d.name, "Widget Statistics");
    assert_eq!(d.steward, "Jane Doe");
    assert_eq!(d.contact_email, "jane.doe@riverton.example.gov");
    assert_eq!(d.department, "Widget Services");
    assert_eq!(d.portal_identifier, "http://dx.doi.org/10.7927/H4PZ56R2");
    assert_eq!(d.keywords, ["widget", "manufacturing", "factory"]);
    assert_eq!(d.issued, "2011-11-22");
    assert_eq!(d.get(Field::License), "CC0 1.0");
    assert_eq!(
        d.related_documents,
        "http://riverton.example.gov/docs/1.html\nhttp://riverton.example.gov/docs/2.html"
    );
    assert_eq!(d.get(Field::Category), "manufacturing");
    assert!(d.other_details.contains("bureauCode: 018:10"));
    assert_eq!(
        widgets.distributions.as_deref().unwrap(),
        [Distribution {
            download_url: "https://data.riverton.example.gov/widgets.csv".into(),
            media_type: "text/csv".into(),
            format: "CSV".into(),
            ..Distribution::default()
        }]
    );
    let modulation = &content.rows[1];
    assert_eq!(
        modulation.dataset.classification,
        Some(Classification::Sensitive)
    );
    assert_eq!(modulation.distributions.as_deref(), Some(&[][..]));
}

#[test]
fn a_damaged_catalog_is_refused_naming_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    std::fs::write(
        &path,
        "{\n  \"dataset\": [\n    { \"title\": \"Bridges\" \n    { \"title\": \"Trees\" }\n  ]\n}\n",
    )
    .unwrap();
    let err = read_file(&path).unwrap_err().to_string();
    assert!(err.contains("data.json"), "{err}");
    assert!(err.contains("line 4, column 5"), "{err}");
    assert!(!err.contains(".csv"), "no advice to rename it: {err}");

    std::fs::write(&path, "{\"dataset\": [{\"title\": \"Bri").unwrap();
    let err = read_file(&path).unwrap_err().to_string();
    assert!(err.contains("ends too soon"), "{err}");

    std::fs::write(&path, "{\"catalog\": 3}").unwrap();
    let err = read_file(&path).unwrap_err().to_string();
    assert!(err.contains("not a portal catalog"), "{err}");
}

#[test]
fn a_catalog_dataset_s_problem_names_the_dataset_its_title_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = json!({"dataset": [
        { "title": "Trees", "identifier": "t-1", "modified": "2020-01-01" },
        { "title": "Bridges", "identifier": "b-2", "modified": "last week",
          "contactPoint": { "fn": "Pat", "hasEmail": "mailto:not an address" } },
        { "identifier": "x-3" }
    ]});
    let path = write_json(dir.path(), "data.json", &catalog);
    let content = read_file(&path).unwrap();
    assert!(
        content.errors.is_empty(),
        "one dataset's problem holds only it"
    );
    let errors: Vec<String> = content.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("dataset 3"), "{errors:?}");
    assert!(errors[0].contains("no title"), "{errors:?}");
    let warnings: Vec<String> = content.warnings.iter().map(|p| p.to_string()).collect();
    let all = warnings.join("\n");
    assert!(all.contains("dataset 2 (“Bridges”)"), "{all}");
    assert!(all.contains("key modified"), "{all}");
    assert!(all.contains("key contactPoint.hasEmail"), "{all}");
    let bridges = &content.rows[1].dataset;
    assert_eq!(bridges.modified, "last week", "kept as written");
    assert!(
        bridges
            .other_details
            .contains("contactPoint.hasEmail: mailto:not an address")
    );
}
