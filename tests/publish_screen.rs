//! "Publish to the portal" in the dataset editor on the CDO's desk, used as
//! a person uses it, against recorded replies of a CKAN portal.

mod common;

use std::sync::Arc;

use common::person::{click, open_first_dataset, type_into};
use egui_kittest::kittest::Queryable;
use inventory_desk::desk::Desk;
use inventory_desk::model::{Classification, Dataset, Department, HistoryKind, Status};
use inventory_desk::portal::Recorded;
use inventory_desk::store::Store;
use inventory_desk::ui::{App, Screen};
use serde_json::json;

const PORTAL: &str = "http://portal.example";

fn inventory(desk: Desk, status: Status) -> Store {
    filled(Store::open_in_memory().unwrap(), desk, status)
}

fn filled(mut store: Store, desk: Desk, status: Status) -> Store {
    store.choose_desk(desk).unwrap();
    store
        .save_department(&Department::new(common::parks(), "Parks"))
        .unwrap();
    let mut d = Dataset::named("Street Trees");
    d.department = "Parks".into();
    d.contents = "Every street tree the parks department keeps.".into();
    d.contact_email = "pat.lee@city.gov".into();
    d.classification = Some(Classification::Public);
    d.keywords = vec!["trees".into()];
    d.status = status;
    store.create_dataset(&common::parks(), d).unwrap();
    store
}

fn orgs() -> Recorded {
    Recorded::new().reply(
        "organization_list_for_user",
        200,
        json!({"success": true, "result": [{"id": "org-1", "name": "city-parks", "title": "City Parks"}]}),
    )
}

fn app(store: Store, portal: Arc<Recorded>) -> egui_kittest::Harness<'static, App> {
    let app = common::app(store, Screen::Inventory).with_portal(portal, Some("key".into()));
    // Tall enough to show the review line below the editor's fields, as a
    // person scrolls to it.
    let mut h = common::harness_sized(app, 4000.0);
    open_first_dataset(&mut h);
    h
}

#[test]
fn publishing_an_approved_dataset_sends_it_private_and_says_so_at_the_dataset() {
    let portal = Arc::new(orgs().reply(
        "package_create",
        200,
        json!({"success": true, "result": {"id": "ckan-1", "name": "street-trees"}}),
    ));
    let mut h = app(inventory(Desk::CdoOffice, Status::Approved), portal.clone());
    type_into(&mut h, "Portal address:", PORTAL);
    click(&mut h, "Publish to the portal");
    h.state_mut().finish_job();
    h.run();
    assert!(
        h.query_all_by_label_contains(
            "Sent to http://portal.example as street-trees: create, as private"
        )
        .count()
            > 0
    );
    assert!(
        h.query_all_by_label_contains("On the portal as street-trees")
            .count()
            > 0
    );
    let sent = portal.sent();
    assert_eq!(sent[1].action, "package_create");
    assert_eq!(sent[1].body["private"], true);
    let store = &h.state().store();
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    assert!(
        store
            .history(&id)
            .unwrap()
            .iter()
            .any(|e| matches!(e.kind, HistoryKind::Portal { ok: true, .. }))
    );
    assert_eq!(
        store.setting("portal_address").unwrap().as_deref(),
        Some(PORTAL),
        "the address is kept for next time"
    );
}

#[test]
fn a_key_that_may_publish_in_two_organizations_publishes_in_the_one_typed() {
    let portal = Arc::new(
        Recorded::new()
            .reply(
                "organization_list_for_user",
                200,
                json!({"success": true, "result": [
                    {"id": "org-1", "name": "city-parks", "title": "City Parks"},
                    {"id": "org-2", "name": "city-works", "title": "Public Works"}
                ]}),
            )
            .reply(
                "package_create",
                200,
                json!({"success": true, "result": {"id": "ckan-1", "name": "street-trees"}}),
            ),
    );
    let mut h = app(inventory(Desk::CdoOffice, Status::Approved), portal.clone());
    type_into(&mut h, "Portal address:", PORTAL);
    type_into(&mut h, "Organization on the portal:", "city-parks");
    click(&mut h, "Publish to the portal");
    h.state_mut().finish_job();
    h.run();
    let sent = portal.sent();
    assert_eq!(sent[1].action, "package_create");
    assert_eq!(sent[1].body["owner_org"], "org-1");
    assert_eq!(
        h.state()
            .store()
            .setting("portal_organization")
            .unwrap()
            .as_deref(),
        Some("city-parks"),
        "the organization is kept for next time"
    );
}

#[test]
fn a_refusal_from_the_portal_is_shown_at_the_dataset_in_plain_words() {
    let portal = Arc::new(orgs().reply(
        "package_create",
        409,
        json!({"success": false, "error": {"__type": "Validation Error", "name": ["That URL is already in use."]}}),
    ));
    let mut h = app(inventory(Desk::CdoOffice, Status::Published), portal);
    type_into(&mut h, "Portal address:", PORTAL);
    click(&mut h, "Publish to the portal");
    h.state_mut().finish_job();
    h.run();
    assert!(
        h.query_all_by_label_contains("the dataset's short name in its portal address")
            .count()
            > 0
    );
    assert!(
        h.query_all_by_label_contains("That URL is already in use.")
            .count()
            > 0
    );
}

#[test]
fn the_button_is_only_on_the_cdo_s_desk_for_a_dataset_cleared_for_publication() {
    let portal = Arc::new(orgs());
    let h = app(
        inventory(Desk::CdoOffice, Status::Submitted),
        portal.clone(),
    );
    assert!(h.query_by_label("Publish to the portal").is_none());
    let h = app(
        inventory(Desk::Department, Status::Approved),
        portal.clone(),
    );
    assert!(h.query_by_label("Publish to the portal").is_none());
    assert!(portal.sent().is_empty());
}

#[test]
fn a_key_typed_in_the_window_is_never_written_to_the_inventory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    let store = filled(Store::open(&db).unwrap(), Desk::CdoOffice, Status::Approved);
    let mut h = app(store, Arc::new(orgs()));
    type_into(&mut h, "Portal address:", PORTAL);
    type_into(&mut h, "Your key to the portal:", "secret-key-4711");
    click(&mut h, "Keep the key");
    h.run();
    // Kept in the keyring where this computer has one; else said plainly,
    // with the environment variable to use instead.
    assert!(
        h.query_all_by_label_contains("is kept in this computer's keyring")
            .count()
            + h.query_all_by_label_contains("INVENTORY_DESK_CKAN_TOKEN")
                .count()
            > 0
    );
    drop(h);
    let bytes = std::fs::read(&db).unwrap();
    let needle = b"secret-key-4711";
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    let _ = inventory_desk::portal::key::forget(PORTAL);
}
