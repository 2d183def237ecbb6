//! Categories and licenses are the city's, not a list fixed in the app: the
//! inventory keeps both lists (seeded with the app's values), the catalog
//! writes a license's web address from them, and an import that brings new
//! values offers to add them, keeping them as written when not.

use std::path::Path;

mod common;

use common::cli::{Env, code, stderr, stdout};
use inventory_desk::catalog::export_data_json;
use inventory_desk::model::vocab::Vocabulary;
use inventory_desk::model::{Category, Dataset, Field, License, List, ListEntry, Status};
use inventory_desk::store::Store;
use inventory_desk::workbook::merge::{Decisions, apply, plan_file};

/// A CSV in the shape of a portal's own inventory: its categories and CKAN's
/// license addresses.
fn portal_csv(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("portal.csv");
    std::fs::write(
        &path,
        "Dataset Name,Category,License\n\
         Tree Canopy,Geography,http://www.opendefinition.org/licenses/cc-zero\n\
         Parcel Boundaries,geography,http://www.opendefinition.org/licenses/odc-odbl\n\
         Wind Turbines,Energy,http://opendefinition.org/licenses/odc-by/\n\
         Playgrounds,recreation,cc-by\n",
    )
    .unwrap();
    path
}

fn dataset(store: &Store, name: &str) -> Dataset {
    store
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
}

#[test]
fn the_seeded_lists_equal_today_s_values() {
    let store = Store::open_in_memory().unwrap();
    let lists = store.lists().unwrap();
    assert_eq!(lists.names(List::Categories), Category::labels());
    assert_eq!(lists.names(List::Licenses), License::labels());
    for (entry, license) in lists.licenses.iter().zip(License::ALL) {
        assert_eq!(
            entry.url,
            license.url().unwrap_or_default(),
            "{}",
            entry.name
        );
    }
}

#[test]
fn a_license_s_web_address_goes_to_data_json_and_the_category_as_theme() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    let mut license = ListEntry::named("City Open License");
    license.url = "https://data.city.gov/license".into();
    store.add_list_entry(List::Licenses, &license).unwrap();
    store
        .add_list_entry(List::Categories, &ListEntry::named("Urban Forest"))
        .unwrap();
    let mut d = Dataset::named("Street Trees");
    d.status = Status::Approved;
    d.contact_email = "kim.lee@city.gov".into();
    d.set(Field::License, "city open license").unwrap();
    d.set(Field::Category, "Urban Forest").unwrap();
    let d = store.create_dataset(&common::parks(), d).unwrap();
    assert_eq!(
        d.license, "City Open License",
        "matched to the list's entry"
    );

    let out = dir.path().join("data.json");
    assert_eq!(export_data_json(&mut store, &out, None).unwrap().listed, 1);
    let catalog: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let entry = &catalog["dataset"][0];
    assert_eq!(entry["license"], "https://data.city.gov/license");
    assert_eq!(entry["theme"], serde_json::json!(["Urban Forest"]));

    // A new address for the license is the one the next catalog writes.
    store
        .set_list_url(
            List::Licenses,
            "City Open License",
            "https://data.city.gov/license/v2",
        )
        .unwrap();
    export_data_json(&mut store, &out, None).unwrap();
    let catalog: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        catalog["dataset"][0]["license"],
        "https://data.city.gov/license/v2"
    );
}

#[test]
fn a_ckan_license_address_is_read_as_the_inventory_s_license_that_has_that_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    let plan = plan_file(&store, &portal_csv(dir.path())).unwrap();
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(dataset(&store, "Tree Canopy").license, "CC0 1.0");
    assert_eq!(dataset(&store, "Wind Turbines").license, "ODC-By 1.0");
    assert_eq!(dataset(&store, "Playgrounds").license, "CC BY 4.0");
    // A name in another case is the entry's name.
    assert_eq!(dataset(&store, "Playgrounds").category, "Recreation");
}

#[test]
fn an_import_with_new_categories_and_licenses_offers_them_and_adds_them_when_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    let plan = plan_file(&store, &portal_csv(dir.path())).unwrap();
    let offered: Vec<(List, &str, &str, usize)> = plan
        .new_list_values
        .iter()
        .map(|v| (v.list, v.written.as_str(), v.entry.name.as_str(), v.rows))
        .collect();
    assert_eq!(
        offered,
        [
            (List::Categories, "Geography", "Geography", 2),
            (
                List::Licenses,
                "http://www.opendefinition.org/licenses/odc-odbl",
                "ODC ODbL 1.0",
                1
            ),
            (List::Categories, "Energy", "Energy", 1),
        ]
    );
    let applied = apply(&mut store, &plan, &Decisions::default()).unwrap();
    assert_eq!(applied.list_entries.len(), 3);
    let lists = store.lists().unwrap();
    let categories = lists.names(List::Categories);
    assert_eq!(categories[categories.len() - 2..], ["Geography", "Energy"]);
    let odbl = lists.licenses.last().unwrap();
    assert_eq!(odbl.name, "ODC ODbL 1.0");
    assert_eq!(odbl.url, "http://www.opendefinition.org/licenses/odc-odbl");
    // The datasets hold the entries' names.
    assert_eq!(dataset(&store, "Parcel Boundaries").category, "Geography");
    assert_eq!(dataset(&store, "Parcel Boundaries").license, "ODC ODbL 1.0");
    // Imported again, nothing is new.
    let again = plan_file(&store, &portal_csv(dir.path())).unwrap();
    assert!(again.new_list_values.is_empty());
}

#[test]
fn new_categories_and_licenses_not_added_are_kept_on_the_datasets_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    let before = store.lists().unwrap();
    let plan = plan_file(&store, &portal_csv(dir.path())).unwrap();
    let decisions = Decisions {
        add_to_lists: false,
        ..Decisions::default()
    };
    let applied = apply(&mut store, &plan, &decisions).unwrap();
    assert!(applied.list_entries.is_empty());
    assert_eq!(store.lists().unwrap(), before, "the lists are as they were");
    assert_eq!(dataset(&store, "Tree Canopy").category, "Geography");
    assert_eq!(dataset(&store, "Parcel Boundaries").category, "geography");
    assert_eq!(
        dataset(&store, "Parcel Boundaries").license,
        "http://www.opendefinition.org/licenses/odc-odbl"
    );
    assert_eq!(dataset(&store, "Wind Turbines").category, "Energy");
}

#[test]
fn the_command_line_s_import_adds_new_categories_and_says_so() {
    let env = Env::new();
    let out = env.run(&["demo", "--datasets", "1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file = portal_csv(env.dir.path());
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("Added to the inventory's categories: Geography (2 rows), Energy (1 row)."),
        "{said}"
    );
    assert!(
        said.contains("Added to the inventory's licenses: http://www.opendefinition.org/licenses/odc-odbl (as ODC ODbL 1.0) (1 row)."),
        "{said}"
    );

    let out = env.run(&["import", "--dry-run", "--json", file.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["new_list_values"], serde_json::json!([]));
}

#[test]
fn the_command_line_s_json_names_the_new_values() {
    let env = Env::new();
    let out = env.run(&["demo", "--datasets", "1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file = portal_csv(env.dir.path());
    let out = env.run(&["import", "--json", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["added_to_lists"], true);
    assert_eq!(report["new_list_values"][0]["list"], "Categories");
    assert_eq!(report["new_list_values"][0]["entry"]["name"], "Geography");
    assert_eq!(report["new_list_values"][0]["rows"], 2);
}

/// The fixtures of versions before the lists: their categories and licenses
/// as the old file holds them, and as the updated inventory reads them.
#[test]
fn an_old_inventory_opens_with_its_categories_and_licenses_intact() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for version in 1..=4 {
        let fixture = fixtures.join(format!("inventory-v{version}.sqlite3"));
        if !fixture.exists() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("inventory.sqlite3");
        std::fs::copy(&fixture, &db).unwrap();
        let old: Vec<(String, String, String)> = {
            let conn = rusqlite::Connection::open(&db).unwrap();
            let mut stmt = conn
                .prepare(
                    "SELECT inventory_id, category, license FROM datasets ORDER BY inventory_id",
                )
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert!(
            old.iter().any(|(_, c, l)| !c.is_empty() && !l.is_empty()),
            "version {version} has categories and licenses to keep"
        );
        let store = Store::open(&db).unwrap();
        let mut now: Vec<(String, String, String)> = store
            .datasets()
            .unwrap()
            .into_iter()
            .map(|d| (d.id_text(), d.category, d.license))
            .collect();
        now.sort();
        assert_eq!(now, old, "version {version}");
        let lists = store.lists().unwrap();
        assert_eq!(lists.names(List::Categories), Category::labels());
        checked += 1;
    }
    assert!(checked > 0, "no fixture from before the lists");
}
