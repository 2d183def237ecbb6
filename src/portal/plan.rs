//! What would be sent to a CKAN portal for each dataset cleared for
//! publication: the package made from the dataset's catalog entry (so the
//! portal gets what the data.json says: the same identifier, links, dates and
//! held-back rules), and whether it is created or revised. A dataset the
//! catalog holds back is not sent, with the catalog's reasons; neither is one
//! the portal would refuse (a keyword it does not take, a non-public dataset).

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use super::PortalRecord;
use crate::catalog::{self, Facts, held};
use crate::model::{Dataset, InventoryId, Status};

/// The longest and shortest names and tags CKAN takes.
pub const NAME_LENGTH: std::ops::RangeInclusive<usize> = 2..=100;
pub const TAG_LENGTH: std::ops::RangeInclusive<usize> = 2..=100;

/// What is done with a dataset on the portal.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Not on the portal yet: `package_create`.
    Create,
    /// Sent before: `package_revise`, only if the portal still holds what we
    /// sent then (`matching`).
    Revise { ckan_id: String, matching: Value },
}

/// One dataset to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub id: InventoryId,
    pub title: String,
    pub department: String,
    /// Its name on the portal (the last part of its address there).
    pub name: String,
    /// Approved: sent as private (only the organization sees it); Published:
    /// public.
    pub private: bool,
    pub action: Action,
    /// The package as it will be sent (without the organization, filled in
    /// when it is known).
    pub package: Value,
}

impl Planned {
    /// "create, private" or "update, public": what the call does.
    pub fn doing(&self) -> &'static str {
        match (&self.action, self.private) {
            (Action::Create, true) => "create, as private (only the organization sees it)",
            (Action::Create, false) => "create, as public",
            (Action::Revise { .. }, true) => "update, private (only the organization sees it)",
            (Action::Revise { .. }, false) => "update, public",
        }
    }
}

/// A dataset cleared for publication that is not sent, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NotSent {
    pub id: String,
    pub name: String,
    /// What is wrong and what to do, in a sentence or two.
    pub why: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub items: Vec<Planned>,
    pub not_sent: Vec<NotSent>,
}

/// The plan for `datasets` (only the Approved and Published are looked at),
/// given what was sent before to this portal (`records`).
pub fn plan(
    datasets: &[Dataset],
    facts: &Facts,
    records: &HashMap<InventoryId, PortalRecord>,
) -> Plan {
    let mut out = Plan::default();
    let mut taken: HashSet<String> = records.values().map(|r| r.ckan_name.clone()).collect();
    for d in datasets.iter().filter(|d| catalog::is_cleared(d)) {
        let Some(id) = d.id.clone() else { continue };
        let not_sent = |why: String| NotSent {
            id: d.id_text(),
            name: d.name.clone(),
            why,
        };
        if catalog::access_level(d.classification) == "non-public" {
            // Sent before it was classified Sensitive: it is still there,
            // and the app does not take it down by itself.
            let why = match records.get(&id) {
                Some(r) => format!(
                    "its Classification is now Sensitive, but it is still on the portal as {} (sent {}). Nothing was sent: make it private or delete it on the portal (ask the portal's administrator).",
                    r.ckan_name, r.sent_at
                ),
                None => "its Classification is Sensitive, so it is not put on the portal. If it may be shared, change its Classification first.".into(),
            };
            out.not_sent.push(not_sent(why));
            continue;
        }
        let entry = match catalog::entry(d, facts) {
            Ok(entry) => entry,
            Err(reasons) => {
                let held = held::HeldBack {
                    id: d.id_text(),
                    name: d.name.clone(),
                    department: d.department.clone(),
                    reasons,
                };
                let text = held.to_string();
                let why = text
                    .split_once(": ")
                    .map_or(text.clone(), |(_, w)| w.to_string());
                out.not_sent.push(not_sent(why));
                continue;
            }
        };
        if let Some(why) = refused_keyword(d) {
            out.not_sent.push(not_sent(why));
            continue;
        }
        let record = records.get(&id);
        let name = match record {
            Some(r) => r.ckan_name.clone(),
            None => {
                let name = unique_name(d, &id, &taken);
                taken.insert(name.clone());
                name
            }
        };
        let private = d.status != Status::Published;
        let package = package(&entry, d, &name, private);
        let action = match record {
            Some(r) => Action::Revise {
                ckan_id: r.ckan_id.clone(),
                matching: r.sent.clone(),
            },
            None => Action::Create,
        };
        out.items.push(Planned {
            id,
            title: d.name.clone(),
            department: d.department.clone(),
            name,
            private,
            action,
            package,
        });
    }
    out
}

/// A keyword CKAN refuses as a tag: letters, digits, spaces, `-`, `_` and `.`
/// only, 2 to 100 characters.
fn refused_keyword(d: &Dataset) -> Option<String> {
    let bad = tags(d).into_iter().find(|k| !is_tag(k))?;
    Some(format!(
        "its keyword \"{}\" is not taken by the portal: a keyword there has 2 to 100 characters, only letters, digits, spaces and - _ . Change it in Keywords and publish again.",
        crate::model::dataset::shorten(&bad)
    ))
}

pub fn is_tag(k: &str) -> bool {
    TAG_LENGTH.contains(&k.chars().count())
        && k.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
}

/// The dataset's own keywords (none when it has none: the catalog's stand-in,
/// its name, is not a keyword a portal search should show), each once, sorted
/// as the portal lists them.
fn tags(d: &Dataset) -> Vec<String> {
    if d.keywords.iter().all(|k| k.trim().is_empty()) {
        return Vec::new();
    }
    let mut list = catalog::keywords_for_portal(d);
    list.sort();
    list
}

/// A name for the portal made from the title as CKAN makes one (lower case,
/// dashes), 2 to 100 characters; with the Inventory ID when the title gives
/// none or another dataset has it.
pub fn unique_name(d: &Dataset, id: &InventoryId, taken: &HashSet<String>) -> String {
    let mut base = String::new();
    for c in held::ckan_name(&d.name).chars() {
        if c == '-' && (base.is_empty() || base.ends_with('-')) {
            continue;
        }
        base.push(c);
    }
    let base = base.trim_end_matches('-').to_string();
    let suffix = id.to_string().to_ascii_lowercase();
    let fits = NAME_LENGTH.contains(&base.len()) && !held::CKAN_RESERVED.contains(&base.as_str());
    if fits && !taken.contains(&base) {
        return base;
    }
    let room = NAME_LENGTH.end() - suffix.len() - 1;
    let stem: String = base.chars().take(room).collect();
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        format!("dataset-{suffix}")
    } else {
        format!("{stem}-{suffix}")
    }
}

/// The CKAN package of a catalog entry.
fn package(entry: &Value, d: &Dataset, name: &str, private: bool) -> Value {
    let text = |k: &str| entry[k].as_str().unwrap_or_default().to_string();
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("title".into(), json!(text("title")));
    p.insert("notes".into(), json!(text("description")));
    p.insert("private".into(), json!(private));
    let tags: Vec<Value> = tags(d).into_iter().map(|t| json!({"name": t})).collect();
    if !tags.is_empty() {
        p.insert("tags".into(), Value::Array(tags));
    }
    let license = license_id(&text("license"), &d.license);
    if !license.is_empty() {
        p.insert("license_id".into(), json!(license));
    }
    let landing = text("landingPage");
    if !landing.is_empty() {
        p.insert("url".into(), json!(landing));
    }
    let contact = &entry["contactPoint"];
    if let Some(f) = contact["fn"].as_str().filter(|s| !s.is_empty()) {
        p.insert("maintainer".into(), json!(f));
    }
    if let Some(email) = contact["hasEmail"].as_str() {
        let email = email.trim_start_matches("mailto:");
        if !email.is_empty() {
            p.insert("maintainer_email".into(), json!(email));
        }
    }
    let resources: Vec<Value> = entry["distribution"]
        .as_array()
        .map(|list| list.iter().map(resource).collect())
        .unwrap_or_default();
    if !resources.is_empty() {
        p.insert("resources".into(), Value::Array(resources));
    }
    p.insert("extras".into(), Value::Array(extras(entry, d)));
    Value::Object(p)
}

/// CKAN's own license ids for the licenses it knows by address; any other
/// license is sent as the inventory names it (the portal shows it as written).
fn license_id(url: &str, label: &str) -> String {
    const KNOWN: [(&str, &str); 6] = [
        ("creativecommons.org/licenses/by-sa/", "cc-by-sa"),
        ("creativecommons.org/licenses/by/", "cc-by"),
        ("creativecommons.org/publicdomain/zero/", "cc-zero"),
        ("opendatacommons.org/licenses/odbl", "odc-odbl"),
        ("opendatacommons.org/licenses/pddl", "odc-pddl"),
        ("opendatacommons.org/licenses/by", "odc-by"),
    ];
    KNOWN
        .iter()
        .find(|(part, _)| url.contains(part))
        .map_or_else(|| label.trim().to_string(), |(_, id)| id.to_string())
}

/// A distribution as a resource: its link (download, else access), name,
/// format and description.
fn resource(x: &Value) -> Value {
    let text = |k: &str| x[k].as_str().unwrap_or_default().to_string();
    let url = [text("downloadURL"), text("accessURL")]
        .into_iter()
        .find(|u| !u.is_empty())
        .unwrap_or_default();
    let mut r = Map::new();
    r.insert("url".into(), json!(url));
    for (ours, theirs) in [
        ("title", "name"),
        ("description", "description"),
        ("format", "format"),
        ("mediaType", "mimetype"),
    ] {
        let v = text(ours);
        if !v.is_empty() {
            r.insert(theirs.into(), json!(v));
        }
    }
    Value::Object(r)
}

/// The catalog's keys CKAN has no field for, as extras sorted by key (the
/// order the portal lists them in, so a match compares them one by one).
fn extras(entry: &Value, d: &Dataset) -> Vec<Value> {
    let mut list: Vec<(String, String)> = Vec::new();
    for key in [
        "identifier",
        "accessLevel",
        "modified",
        "issued",
        "temporal",
        "spatial",
        "accrualPeriodicity",
        "rights",
        "describedBy",
    ] {
        if let Some(v) = entry[key].as_str().filter(|v| !v.is_empty()) {
            list.push((key.to_string(), v.to_string()));
        }
    }
    for key in ["theme", "references"] {
        if let Some(items) = entry[key].as_array() {
            let joined: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            if !joined.is_empty() {
                list.push((key.to_string(), joined.join("; ")));
            }
        }
    }
    if let Some(p) = entry["publisher"]["name"]
        .as_str()
        .filter(|v| !v.is_empty())
    {
        list.push(("publisher".into(), p.to_string()));
    }
    list.push(("inventory_id".into(), d.id_text()));
    list.sort();
    list.into_iter()
        .map(|(key, value)| json!({"key": key, "value": value}))
        .collect()
}

/// What the portal holds of the values we sent, taken from the package it
/// answered with: the next revise matches it. The portal keeps our values in
/// its own way (extras in its own order, a resource's format normalised, tags
/// with ids): matching its own copy means only a change made by someone since
/// is a conflict. A key the answer lacks keeps the value sent.
pub fn as_kept(kept: &Value, sent: &Value) -> Value {
    match (kept, sent) {
        (Value::Object(k), Value::Object(s)) => Value::Object(
            s.iter()
                .map(|(key, sv)| {
                    let v = k.get(key).map_or_else(|| sv.clone(), |kv| as_kept(kv, sv));
                    (key.clone(), v)
                })
                .collect(),
        ),
        (Value::Array(k), Value::Array(s)) => {
            // The keys we send in the list's objects (a tag's name, an extra's
            // key and value, a resource's link, name…).
            let keys: Vec<&String> = s
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|o| o.keys())
                .collect();
            Value::Array(
                k.iter()
                    .map(|kv| match kv {
                        Value::Object(o) if !keys.is_empty() => Value::Object(
                            o.iter()
                                .filter(|(key, _)| keys.contains(key))
                                .map(|(key, v)| (key.clone(), v.clone()))
                                .collect(),
                        ),
                        other => other.clone(),
                    })
                    .collect(),
            )
        }
        _ => kept.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(name: &str) -> (Dataset, InventoryId) {
        let id: InventoryId = "PRK-0004".parse().expect("an id");
        let d = Dataset {
            id: Some(id.clone()),
            name: name.into(),
            ..Dataset::default()
        };
        (d, id)
    }

    #[test]
    fn a_name_is_made_from_the_title_in_the_letters_ckan_takes() {
        let (d, id) = dataset("Street Trees: 2024 (Citywide)");
        assert_eq!(
            unique_name(&d, &id, &HashSet::new()),
            "street-trees-2024-citywide"
        );
    }

    #[test]
    fn a_name_ckan_refuses_or_another_has_gets_the_inventory_id() {
        let (d, id) = dataset("Search");
        assert_eq!(unique_name(&d, &id, &HashSet::new()), "search-prk-0004");
        let (d, id) = dataset("Trees");
        let taken = HashSet::from(["trees".to_string()]);
        assert_eq!(unique_name(&d, &id, &taken), "trees-prk-0004");
        let (d, id) = dataset("É");
        assert_eq!(unique_name(&d, &id, &HashSet::new()), "dataset-prk-0004");
        let (d, id) = dataset(&"a".repeat(300));
        let name = unique_name(&d, &id, &HashSet::new());
        assert!(NAME_LENGTH.contains(&name.len()), "{name}");
    }

    #[test]
    fn a_dataset_classified_sensitive_after_it_was_sent_is_said_to_be_still_on_the_portal() {
        let (mut d, id) = dataset("Street Trees");
        d.status = crate::model::Status::Published;
        d.classification = Some(crate::model::Classification::Sensitive);
        let record = PortalRecord {
            portal: "https://data.city.gov".into(),
            ckan_id: "ckan-1".into(),
            ckan_name: "street-trees".into(),
            sent: json!({}),
            sent_at: "2026-11-02".into(),
        };
        let records = HashMap::from([(id, record)]);
        let planned = plan(&[d.clone()], &Facts::default(), &records);
        let why = &planned.not_sent[0].why;
        assert!(why.contains("still on the portal as street-trees"), "{why}");
        let planned = plan(&[d], &Facts::default(), &HashMap::new());
        assert!(planned.not_sent[0].why.contains("not put on the portal"));
    }

    #[test]
    fn keywords_ckan_refuses_as_tags_are_told_apart() {
        assert!(is_tag("street trees") && is_tag("311") && is_tag("árboles"));
        assert!(!is_tag("a") && !is_tag("crime & safety") && !is_tag(&"x".repeat(101)));
    }

    #[test]
    fn the_match_is_what_the_portal_kept_of_what_was_sent() {
        let sent = json!({"name": "trees", "notes": "Trees", "extras": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]});
        let kept = json!({"id": "x", "name": "trees", "metadata_modified": "now",
            "extras": [{"key": "b", "value": "2", "id": "e2"}, {"key": "a", "value": "1", "id": "e1"}]});
        assert_eq!(
            as_kept(&kept, &sent),
            json!({"name": "trees", "notes": "Trees", "extras": [{"key": "b", "value": "2"}, {"key": "a", "value": "1"}]})
        );
    }

    #[test]
    fn a_known_license_address_is_sent_as_ckan_names_it_and_others_as_written() {
        assert_eq!(
            license_id("https://creativecommons.org/licenses/by/4.0/", "CC BY"),
            "cc-by"
        );
        assert_eq!(
            license_id("", "City Open Data License"),
            "City Open Data License"
        );
    }
}
