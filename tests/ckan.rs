//! Publishing to a CKAN portal, against recorded replies (no network): one
//! test per rule. The real portal is driven by scripts/ckan.sh.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{Env, code, stderr, stdout};
use inventory_desk::desk::Desk;
use inventory_desk::model::{
    Classification, Dataset, Department, Distribution, HistoryKind, InventoryId, SensitiveData,
    Status,
};
use inventory_desk::portal::{
    CallError, Options, Outcome, PublishError, Recorded, TOKEN_VARIABLE, publish,
};
use inventory_desk::progress::Unwatched;
use inventory_desk::store::Store;
use serde_json::{Value, json};

const PORTAL: &str = "http://portal.example";
const TOKEN: &str = "eyJhbGciOi.secret-key-of-the-cdo.xyz";

/// An inventory file on the CDO's desk with Parks, and its path.
fn cdo_inventory(dir: &tempfile::TempDir) -> (Store, PathBuf) {
    let db = dir.path().join("inventory.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.choose_desk(Desk::CdoOffice).unwrap();
    store
        .save_department(&Department::new(common::parks(), "Parks"))
        .unwrap();
    (store, db)
}

/// A dataset cleared for the portal: public, with a steward's email, keywords
/// and a file to download.
fn cleared(store: &mut Store, name: &str, status: Status) -> InventoryId {
    let mut d = Dataset::named(name);
    d.department = "Parks".into();
    d.contents = format!("{name}, as the parks department keeps them.");
    d.contact_email = "pat.lee@city.gov".into();
    d.steward = "Pat Lee".into();
    d.classification = Some(Classification::Public);
    d.keywords = vec!["parks".into(), "trees".into()];
    d.status = status;
    let d = store.create_dataset(&common::parks(), d).unwrap();
    let id = d.id.unwrap();
    store
        .set_distributions(
            &id,
            &[Distribution {
                title: format!("{name} (CSV)"),
                download_url: "https://data.city.gov/trees.csv".into(),
                media_type: "text/csv".into(),
                format: "CSV".into(),
                ..Distribution::default()
            }],
        )
        .unwrap();
    id
}

fn options() -> Options {
    Options {
        portal: PORTAL.into(),
        by: "CDO".into(),
        ..Options::default()
    }
}

fn ok(result: Value) -> Value {
    json!({"success": true, "result": result})
}

fn one_organization() -> Recorded {
    Recorded::new().reply(
        "organization_list_for_user",
        200,
        ok(json!([{"id": "org-1", "name": "city-parks", "title": "City Parks"}])),
    )
}

fn created(portal: Recorded, id: &str, name: &str) -> Recorded {
    portal.reply("package_create", 200, ok(json!({"id": id, "name": name})))
}

/// The portal's `package_show` of a dataset as it was last sent (its extras
/// as the portal keeps them), answered before each update.
fn shown_as_sent(portal: Recorded, store: &Store, id: &InventoryId) -> Recorded {
    let record = &store.portal_records(PORTAL).unwrap()[id];
    let mut package = record.sent.clone();
    package["id"] = json!(record.ckan_id);
    portal.reply("package_show", 200, ok(package))
}

fn run(store: &mut Store, portal: &Recorded, options: &Options) -> Outcome {
    publish(store, portal, Some(TOKEN), options, &Unwatched).unwrap()
}

fn portal_entries(store: &Store, id: &InventoryId) -> Vec<(String, bool, String)> {
    store
        .history(id)
        .unwrap()
        .into_iter()
        .filter_map(|h| match h.kind {
            HistoryKind::Portal { done, ok, .. } => Some((done, ok, h.note)),
            _ => None,
        })
        .collect()
}

#[test]
fn an_approved_dataset_is_created_private_in_the_only_organization_and_its_id_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    let portal = created(one_organization(), "ckan-1", "street-trees");
    let outcome = run(&mut store, &portal, &options());
    assert!(outcome.all_sent(), "{}", outcome.message());
    let sent = portal.sent();
    assert_eq!(sent[0].action, "organization_list_for_user");
    assert_eq!(sent[1].action, "package_create");
    assert_eq!(sent[1].token.as_deref(), Some(TOKEN));
    let package = &sent[1].body;
    assert_eq!(package["private"], true);
    assert_eq!(package["owner_org"], "org-1");
    assert_eq!(package["name"], "street-trees");
    assert_eq!(package["title"], "Street Trees");
    assert_eq!(
        package["notes"],
        "Street Trees, as the parks department keeps them."
    );
    assert_eq!(package["maintainer_email"], "pat.lee@city.gov");
    assert_eq!(
        package["tags"],
        json!([{"name": "parks"}, {"name": "trees"}])
    );
    assert_eq!(
        package["resources"][0]["url"],
        "https://data.city.gov/trees.csv"
    );
    assert_eq!(package["resources"][0]["format"], "CSV");
    let extras = package["extras"].as_array().unwrap();
    assert!(extras.contains(&json!({"key": "identifier", "value": id.to_string()})));
    let record = &store.portal_records(PORTAL).unwrap()[&id];
    assert_eq!(
        (record.ckan_id.as_str(), record.ckan_name.as_str()),
        ("ckan-1", "street-trees")
    );
    // One dataset's record, as the editor reads it, is the same.
    assert_eq!(
        store.portal_record(PORTAL, &id).unwrap().as_ref(),
        Some(record)
    );
    assert_eq!(
        store.portal_record("https://other.example", &id).unwrap(),
        None
    );
}

#[test]
fn a_published_dataset_is_created_public() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    cleared(&mut store, "Park Permits", Status::Published);
    let portal = created(one_organization(), "ckan-2", "park-permits");
    run(&mut store, &portal, &options());
    assert_eq!(portal.sent()[1].body["private"], false);
}

#[test]
fn a_dataset_sent_before_is_revised_matching_what_was_last_sent() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    let first = created(one_organization(), "ckan-1", "street-trees");
    run(&mut store, &first, &options());
    let sent_first = first.sent()[1].body.clone();

    let mut d = store.dataset(&id).unwrap().unwrap();
    d.status = Status::Published;
    store.update_dataset(&d).unwrap();
    let second = shown_as_sent(one_organization(), &store, &id).reply(
        "package_revise",
        200,
        ok(json!({"package": {"id": "ckan-1", "name": "street-trees"}})),
    );
    let outcome = run(&mut store, &second, &options());
    assert!(outcome.all_sent(), "{}", outcome.message());
    assert_eq!(second.sent()[1].action, "package_show");
    let call = &second.sent()[2];
    assert_eq!(call.action, "package_revise");
    assert_eq!(call.body["match"]["id"], "ckan-1");
    assert_eq!(call.body["match"]["notes"], sent_first["notes"]);
    assert!(
        call.body["match"].get("extras").is_none(),
        "compared before, by key"
    );
    assert_eq!(
        call.body["match"]["private"], true,
        "matches what was sent last"
    );
    assert_eq!(call.body["update"]["private"], false, "now public");
    let record = &store.portal_records(PORTAL).unwrap()[&id];
    assert_eq!(
        record.sent["private"], false,
        "the new values are what was last sent"
    );
}

#[test]
fn a_change_made_on_the_portal_is_shown_as_a_conflict_and_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    run(
        &mut store,
        &created(one_organization(), "ckan-1", "street-trees"),
        &options(),
    );
    let before = store.portal_records(PORTAL).unwrap()[&id].clone();

    let mut d = store.dataset(&id).unwrap().unwrap();
    d.contents = "A new description written in the inventory.".into();
    store.update_dataset(&d).unwrap();
    let portal = shown_as_sent(one_organization(), &store, &id).reply(
        "package_revise",
        409,
        json!({"success": false, "error": {"__type": "Validation Error", "match": ["notes"]}}),
    );
    let outcome = run(&mut store, &portal, &options());
    assert_eq!(outcome.conflicts(), 1);
    assert!(matches!(&outcome.done[0].result, Err(CallError::Conflict(f)) if f == &["notes"]));
    let text = outcome.message();
    assert!(
        text.contains("changed on the portal") && text.contains("Contents"),
        "{text}"
    );
    assert!(text.contains("Nothing was overwritten"), "{text}");
    assert_eq!(
        store.portal_records(PORTAL).unwrap()[&id],
        before,
        "what was last sent stays the base of the next match"
    );
    let entries = portal_entries(&store, &id);
    let last = entries.last().unwrap();
    assert!(
        !last.1 && last.0.contains("changed on the portal"),
        "{last:?}"
    );
    common::assert_plain(&last.2);
}

#[test]
fn an_other_detail_changed_on_the_portal_is_a_conflict_and_no_update_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    run(
        &mut store,
        &created(one_organization(), "ckan-1", "street-trees"),
        &options(),
    );
    let mut package = store.portal_records(PORTAL).unwrap()[&id].sent.clone();
    for extra in package["extras"].as_array_mut().unwrap() {
        if extra["key"] == "identifier" {
            extra["value"] = json!("changed-there");
        }
    }
    let portal = one_organization().reply("package_show", 200, ok(package));
    let outcome = run(&mut store, &portal, &options());
    assert_eq!(
        outcome.done[0].result,
        Err(CallError::Conflict(vec!["extras__identifier".into()]))
    );
    assert!(
        outcome.message().contains("its detail \"identifier\""),
        "{}",
        outcome.message()
    );
    assert!(portal.sent().iter().all(|s| s.action != "package_revise"));
}

#[test]
fn a_field_the_portal_refuses_is_named_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    let portal = one_organization().reply(
        "package_create",
        409,
        json!({"success": false, "error": {"__type": "Validation Error", "name": ["That URL is already in use."]}}),
    );
    let outcome = run(&mut store, &portal, &options());
    let Err(e) = &outcome.done[0].result else {
        panic!("refused")
    };
    let text = e.to_string();
    assert!(
        text.contains("portal address") && text.contains("That URL is already in use."),
        "{text}"
    );
    common::assert_plain(&text);
    assert!(
        store.portal_records(PORTAL).unwrap().is_empty(),
        "nothing kept"
    );
    assert_eq!(portal_entries(&store, &id).len(), 1);
}

#[test]
fn a_key_without_the_right_is_an_authorization_error_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    cleared(&mut store, "Street Trees", Status::Approved);
    let portal = Recorded::new().reply(
        "organization_list_for_user",
        403,
        json!({"success": false, "error": {"__type": "Authorization Error", "message": "Access denied"}}),
    );
    let e = publish(&mut store, &portal, Some(TOKEN), &options(), &Unwatched).unwrap_err();
    assert!(
        matches!(e, PublishError::Organizations(CallError::Authorization(_))),
        "{e:?}"
    );
    let text = e.to_string();
    assert!(text.contains("may not do that"), "{text}");
    common::assert_plain(&text);
}

#[test]
fn a_portal_that_does_not_answer_is_said_so_and_the_rest_are_not_tried() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let e = {
        cleared(&mut store, "Street Trees", Status::Approved);
        publish(
            &mut store,
            &Recorded::new(),
            Some(TOKEN),
            &options(),
            &Unwatched,
        )
        .unwrap_err()
    };
    assert!(e.to_string().contains("could not be reached"), "{e}");
    common::assert_plain(&e.to_string());

    // Answers the organizations, then stops answering.
    cleared(&mut store, "Park Permits", Status::Approved);
    let outcome = run(&mut store, &one_organization(), &options());
    assert_eq!(outcome.done.len(), 1);
    assert_eq!(outcome.not_tried.len(), 1);
    assert!(
        outcome.message().contains("Not tried"),
        "{}",
        outcome.message()
    );
}

#[test]
fn a_dry_run_shows_what_would_be_sent_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    let portal = created(one_organization(), "ckan-1", "street-trees");
    let before = store.history(&id).unwrap().len();
    let dry = Options {
        dry_run: true,
        ..options()
    };
    let outcome = publish(&mut store, &portal, None, &dry, &Unwatched).unwrap();
    assert!(portal.sent().is_empty(), "no call at all");
    assert_eq!(outcome.plan.items.len(), 1);
    assert_eq!(outcome.plan.items[0].package["name"], "street-trees");
    assert!(outcome.message().starts_with("Dry run: nothing was sent."));
    assert_eq!(outcome.to_json()["datasets"][0]["package"]["private"], true);
    assert_eq!(store.history(&id).unwrap().len(), before);
    assert!(store.portal_records(PORTAL).unwrap().is_empty());
}

#[test]
fn the_history_has_each_call_s_result() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    run(
        &mut store,
        &created(one_organization(), "ckan-1", "street-trees"),
        &options(),
    );
    let again = shown_as_sent(one_organization(), &store, &id).reply(
        "package_revise",
        200,
        ok(json!({"package": {"id": "ckan-1", "name": "street-trees"}})),
    );
    run(&mut store, &again, &options());
    let entries = portal_entries(&store, &id);
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries[0].1 && entries[0].0.starts_with("created as street-trees, private"));
    assert!(entries[1].1 && entries[1].0.starts_with("updated as street-trees"));
    let summary = store.history(&id).unwrap().last().unwrap().summary();
    assert!(
        summary.starts_with("Portal http://portal.example: updated"),
        "{summary}"
    );
}

#[test]
fn the_key_is_never_written_into_the_inventory_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = cdo_inventory(&dir);
    cleared(&mut store, "Street Trees", Status::Approved);
    run(
        &mut store,
        &created(one_organization(), "ckan-1", "street-trees"),
        &options(),
    );
    drop(store);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let found = bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes());
            assert!(!found, "the key is in {}", path.display());
        }
    }
    assert!(db.exists());
}

#[test]
fn a_department_s_desk_is_refused_with_a_plain_message() {
    let (_dir, mut store) = common::parks_file(&[]);
    let mut d = Dataset::named("Street Trees");
    d.status = Status::Approved;
    store.create_dataset(&common::parks(), d).unwrap();
    let portal = one_organization();
    let e = publish(&mut store, &portal, Some(TOKEN), &options(), &Unwatched).unwrap_err();
    assert!(matches!(e, PublishError::NotThisDesk(Desk::Department)));
    assert!(e.to_string().contains("done at the CDO's office"), "{e}");
    common::assert_plain(&e.to_string());
    assert!(portal.sent().is_empty());
}

#[test]
fn a_dataset_the_catalog_holds_back_is_not_sent_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    let mut d = store.dataset(&id).unwrap().unwrap();
    d.classification = None;
    d.sensitive_data = Some(SensitiveData::Yes);
    store.update_dataset(&d).unwrap();
    let held = cleared(&mut store, "Crime & Safety", Status::Approved);
    let mut d = store.dataset(&held).unwrap().unwrap();
    d.keywords = vec!["crime & safety".into()];
    store.update_dataset(&d).unwrap();
    let plan = publish(
        &mut store,
        &Recorded::new(),
        None,
        &Options {
            dry_run: true,
            ..options()
        },
        &Unwatched,
    )
    .unwrap()
    .plan;
    assert!(plan.items.is_empty());
    assert_eq!(plan.not_sent.len(), 2);
    assert!(
        plan.not_sent[0].why.contains("Classification"),
        "{:?}",
        plan.not_sent
    );
    assert!(
        plan.not_sent[1].why.contains("\"crime & safety\""),
        "{:?}",
        plan.not_sent
    );
}

#[test]
fn with_several_organizations_the_person_chooses_one_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    cleared(&mut store, "Street Trees", Status::Approved);
    let two = || {
        Recorded::new().reply(
            "organization_list_for_user",
            200,
            ok(json!([
                {"id": "org-1", "name": "city-parks", "title": "City Parks"},
                {"id": "org-2", "name": "city-transit", "title": "City Transit"}
            ])),
        )
    };
    let e = publish(&mut store, &two(), Some(TOKEN), &options(), &Unwatched).unwrap_err();
    assert!(e.to_string().contains("city-parks, city-transit"), "{e}");
    let portal = created(two(), "ckan-1", "street-trees");
    let chosen = Options {
        organization: Some("city-transit".into()),
        ..options()
    };
    run(&mut store, &portal, &chosen);
    assert_eq!(portal.sent()[1].body["owner_org"], "org-2");
}

#[test]
fn the_command_line_dry_run_prints_the_packages_and_a_department_desk_is_refused() {
    let env = Env::new();
    let db = env.db();
    let dir = tempfile::tempdir().unwrap();
    let (mut store, made) = cdo_inventory(&dir);
    cleared(&mut store, "Street Trees", Status::Approved);
    drop(store);
    std::fs::copy(&made, &db).unwrap();
    let out = env.run(&["publish", "--ckan", PORTAL, "--dry-run", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["datasets"][0]["name"], "street-trees");

    // Nothing listens on port 9 of this computer: the portal is not reached.
    let mut cmd = env.command();
    cmd.arg("--db")
        .arg(&db)
        .args(["publish", "--ckan", "http://127.0.0.1:9"]);
    let out = cmd.env(TOKEN_VARIABLE, TOKEN).output().unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be reached"),
        "{}",
        stderr(&out)
    );

    let out = cmd_without_token(&env, &db);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains(TOKEN_VARIABLE), "{}", stderr(&out));

    let (_d, parks) = common::parks_file(&["Street Trees"]);
    let path = parks_path(&parks, &_d);
    let out = env.run_on(&path, &["publish", "--ckan", PORTAL, "--dry-run"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("CDO's office"), "{}", stderr(&out));
}

fn cmd_without_token(env: &Env, db: &Path) -> std::process::Output {
    let mut cmd = env.command();
    cmd.arg("--db")
        .arg(db)
        .args(["publish", "--ckan", PORTAL])
        .env_remove(TOKEN_VARIABLE)
        .output()
        .unwrap()
}

fn parks_path(store: &Store, dir: &tempfile::TempDir) -> PathBuf {
    let _ = store;
    dir.path().join("inventory.sqlite3")
}

#[test]
fn a_deleted_dataset_brought_back_keeps_its_record_on_the_portal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = cdo_inventory(&dir);
    let id = cleared(&mut store, "Street Trees", Status::Approved);
    run(
        &mut store,
        &created(one_organization(), "ckan-1", "street-trees"),
        &options(),
    );
    let deleted = store.delete_dataset(&id).unwrap();
    assert!(store.portal_records(PORTAL).unwrap().is_empty());
    store.restore_dataset(&deleted).unwrap();
    assert_eq!(store.portal_records(PORTAL).unwrap()[&id].ckan_id, "ckan-1");
}
