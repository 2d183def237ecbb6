//! A DCAT-US v1.1 (Project Open Data, non-federal profile) `data.json` catalog
//! of the datasets cleared for publication (Approved or Published), for the
//! city's open data portal; and a check of every rule of that profile, so a
//! catalog the app writes is one a portal accepts.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::model::{
    Classification, Dataset, Department, DepartmentCode, Distribution, EndDate, InventoryId, Lists,
    Status,
};
use crate::store::Store;
use crate::workbook::WorkbookError;

/// The keys every entry must have in the non-federal profile.
pub const REQUIRED: [&str; 9] = [
    "title",
    "description",
    "keyword",
    "modified",
    "publisher",
    "contactPoint",
    "identifier",
    "accessLevel",
    "@type",
];

/// The three access levels of the schema.
pub const ACCESS_LEVELS: [&str; 3] = ["public", "restricted public", "non-public"];

/// What the catalog says of data that is not fully public, as the schema asks.
const RIGHTS: &str = "Access is restricted because the data holds information protected by law or city policy. Contact the data steward named in this entry to ask about access.";

/// Whether a dataset belongs in the catalog at all.
pub fn is_cleared(dataset: &Dataset) -> bool {
    matches!(dataset.status, Status::Approved | Status::Published)
}

/// The schema's access level for a classification.
pub fn access_level(classification: Option<Classification>) -> &'static str {
    match classification {
        Some(Classification::Protected) => "restricted public",
        Some(Classification::Sensitive) => "non-public",
        _ => "public",
    }
}

/// Which datasets to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// List non-public datasets too (an internal catalog); left out by default.
    pub include_non_public: bool,
}

/// One catalog entry. `department` supplies a contact email when the dataset
/// has none of its own; the inventory's `lists` give its license's address. A dataset that came from the portal's own catalog says
/// again what the portal said: its identifier there (never a new one, or every
/// harvester would delete and recreate the record), its dates, and the license
/// and themes kept in its Other Details when no choice of the inventory holds
/// them exactly.
pub fn dcat_dataset(
    d: &Dataset,
    department: Option<&Department>,
    distributions: &[Distribution],
    lists: &Lists,
) -> Value {
    let email = if d.contact_email.is_empty() {
        department
            .and_then(|dep| dep.coordinators.iter().find(|c| !c.email.is_empty()))
            .map(|c| c.email.clone())
            .unwrap_or_default()
    } else {
        d.contact_email.clone()
    };
    let level = access_level(d.classification);
    let mut entry = json!({
        "@type": "dcat:Dataset",
        "title": d.name,
        "description": if d.contents.is_empty() { d.name.clone() } else { d.contents.clone() },
        "keyword": if d.keywords.is_empty() { vec![d.name.to_lowercase()] } else { d.keywords.clone() },
        "modified": if d.modified.is_empty() {
            d.last_updated.map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
        } else {
            d.modified.clone()
        },
        "publisher": { "@type": "org:Organization", "name": d.department },
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": if d.steward.is_empty() { d.department.clone() } else { d.steward.clone() },
            "hasEmail": format!("mailto:{email}"),
        },
        "identifier": if d.portal_identifier.is_empty() { d.id_text() } else { d.portal_identifier.clone() },
        "accessLevel": level,
    });
    let obj = entry.as_object_mut().expect("built as an object");
    if let Some(rights) = kept(d, "rights") {
        obj.insert("rights".into(), json!(rights));
    } else if level != "public" {
        obj.insert("rights".into(), json!(RIGHTS));
    }
    optional_keys(d, obj, lists);
    portal_keys(d, obj);
    if !distributions.is_empty() {
        let list: Vec<Value> = distributions.iter().map(dcat_distribution).collect();
        obj.insert("distribution".into(), Value::Array(list));
    }
    entry
}

/// One distribution, with the keys it has.
fn dcat_distribution(d: &Distribution) -> Value {
    let mut obj = Map::new();
    obj.insert("@type".into(), json!("dcat:Distribution"));
    for (key, value) in [
        ("title", &d.title),
        ("description", &d.description),
        ("downloadURL", &d.download_url),
        ("accessURL", &d.access_url),
        ("mediaType", &d.media_type),
        ("format", &d.format),
    ] {
        if !value.is_empty() {
            obj.insert(key.into(), json!(value));
        }
    }
    Value::Object(obj)
}

/// What an imported catalog said that the dataset keeps in its Other Details,
/// on a line `key: value`.
fn kept<'a>(d: &'a Dataset, key: &str) -> Option<&'a str> {
    d.other_details.lines().find_map(|line| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(": "))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    })
}

/// The keys a portal's catalog gave the dataset, said again.
fn portal_keys(d: &Dataset, obj: &mut Map<String, Value>) {
    if !d.issued.is_empty() {
        obj.insert("issued".into(), json!(d.issued));
    }
    if !d.landing_page.is_empty() {
        obj.insert("landingPage".into(), json!(d.landing_page));
    }
    if !d.described_by.is_empty() {
        obj.insert("describedBy".into(), json!(d.described_by));
    }
    let references: Vec<&str> = d
        .related_documents
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !references.is_empty() {
        obj.insert("references".into(), json!(references));
    }
    // The portal's own license address and themes, when the inventory's
    // choices do not hold them exactly.
    if let Some(license) = kept(d, "license").filter(|l| is_web_address(l)) {
        obj.insert("license".into(), json!(license));
    }
    if let Some(themes) = kept(d, "theme") {
        let list: Vec<&str> = themes.split("; ").filter(|t| !t.is_empty()).collect();
        obj.insert("theme".into(), json!(list));
    }
    // The period as the portal wrote it (with its times), while the dates
    // are still the ones it gave.
    if let (Some(temporal), Some(start)) = (kept(d, "temporal"), d.start_date) {
        let (a, b) = temporal.split_once('/').unwrap_or((temporal, ""));
        let same = crate::model::dates::parse_date(a.trim()) == Some(start)
            && match d.end_date {
                Some(EndDate::On(end)) => crate::model::dates::parse_date(b.trim()) == Some(end),
                _ => false,
            };
        if same {
            obj.insert("temporal".into(), json!(temporal));
        }
    }
}

fn optional_keys(d: &Dataset, obj: &mut Map<String, Value>, lists: &Lists) {
    // The inventory's license's address; a license without one (Other, Not
    // decided) is left out, as the schema wants an address.
    if let Some(url) = lists.license_url(&d.license) {
        obj.insert("license".into(), json!(url));
    }
    if let Some(code) = d.update_frequency.and_then(|f| f.dcat_code()) {
        obj.insert("accrualPeriodicity".into(), json!(code));
    }
    if !d.category.is_empty() {
        obj.insert("theme".into(), json!([d.category]));
    }
    if !d.geographic_coverage.is_empty() {
        obj.insert("spatial".into(), json!(d.geographic_coverage));
    }
    if !d.publication_link.is_empty() && d.landing_page.is_empty() {
        obj.insert("landingPage".into(), json!(d.publication_link));
    }
    if let Some(start) = d.start_date {
        let end = match d.end_date {
            Some(EndDate::On(e)) => e.to_string(),
            _ => chrono::Local::now().date_naive().to_string(),
        };
        obj.insert("temporal".into(), json!(format!("{start}/{end}")));
    }
}

/// The whole catalog, with each dataset's distributions.
pub fn catalog(
    datasets: &[Dataset],
    departments: &[Department],
    distributions: &HashMap<InventoryId, Vec<Distribution>>,
    lists: &Lists,
    options: Options,
) -> Value {
    let entries: Vec<Value> = datasets
        .iter()
        .filter(|d| is_cleared(d))
        .filter(|d| options.include_non_public || access_level(d.classification) != "non-public")
        .map(|d| {
            let dep = departments.iter().find(|x| x.name == d.department);
            let list =
                d.id.as_ref()
                    .and_then(|id| distributions.get(id))
                    .map_or(&[][..], Vec::as_slice);
            dcat_dataset(d, dep, list, lists)
        })
        .collect();
    json!({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": entries,
    })
}

/// Every way a catalog breaks the v1.1 non-federal profile, in plain words
/// naming the entry. Empty when a portal would accept it.
pub fn problems(catalog: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if catalog["conformsTo"] != "https://project-open-data.cio.gov/v1.1/schema" {
        out.push("The catalog does not say it conforms to Project Open Data v1.1.".into());
    }
    let Some(entries) = catalog["dataset"].as_array() else {
        out.push("The catalog has no list of datasets.".into());
        return out;
    };
    let mut seen = HashSet::new();
    for entry in entries {
        let id = entry["identifier"].as_str().unwrap_or("(no identifier)");
        let mut say = |what: String| out.push(format!("{id}: {what}"));
        for key in REQUIRED {
            if is_blank(&entry[key]) {
                say(format!("\"{key}\" is missing or empty."));
            }
        }
        if !seen.insert(id.to_string()) {
            say("the identifier is used by another entry.".into());
        }
        entry_problems(entry, &mut say);
    }
    out
}

fn entry_problems(entry: &Value, say: &mut impl FnMut(String)) {
    let level = entry["accessLevel"].as_str().unwrap_or("");
    if !ACCESS_LEVELS.contains(&level) {
        say(format!(
            "accessLevel \"{level}\" is not public, restricted public or non-public."
        ));
    }
    if level != "public" && is_blank(&entry["rights"]) {
        say("data that is not public needs \"rights\" saying why.".into());
    }
    let email = entry["contactPoint"]["hasEmail"].as_str().unwrap_or("");
    let address = email.strip_prefix("mailto:").unwrap_or("");
    if crate::model::dataset::parse_email(address).map_or(true, |a| a.is_empty()) {
        say(format!(
            "contactPoint.hasEmail \"{email}\" must be mailto: and an email address; give the dataset a contact email."
        ));
    }
    if is_blank(&entry["contactPoint"]["fn"]) {
        say("contactPoint.fn (the contact's name) is missing.".into());
    }
    if is_blank(&entry["publisher"]["name"]) {
        say("publisher.name is missing.".into());
    }
    if !entry["keyword"].as_array().is_some_and(|k| !k.is_empty()) {
        say("keyword must be a list of at least one word.".into());
    }
    if !is_iso_date(entry["modified"].as_str().unwrap_or("")) {
        say("modified must be an ISO 8601 date.".into());
    }
    if let Some(t) = entry["temporal"].as_str() {
        let ok = t
            .split_once('/')
            .is_some_and(|(a, b)| is_iso_date(a) && is_iso_date(b));
        if !ok {
            say(format!(
                "temporal \"{t}\" must be two ISO 8601 dates, start/end."
            ));
        }
    }
    if let Some(code) = entry["accrualPeriodicity"].as_str() {
        use crate::model::vocab::Vocabulary;
        let known = crate::model::Frequency::ALL
            .iter()
            .any(|f| f.dcat_code() == Some(code));
        if !known {
            say(format!(
                "accrualPeriodicity \"{code}\" is not an ISO 8601 repeating duration of the schema."
            ));
        }
    }
    for key in ["license", "landingPage"] {
        if let Some(url) = entry[key].as_str()
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            say(format!("{key} must be a web address."));
        }
    }
}

fn is_web_address(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A date a portal reads: a year, a month, a day, or a day and time (ISO 8601).
fn is_iso_date(s: &str) -> bool {
    crate::workbook::portal_catalog::is_portal_date(s)
}

/// Writes `data.json`; returns how many datasets it lists. A catalog that
/// would break the profile is not written; the error lists what to fix.
pub fn export_data_json(
    store: &Store,
    path: &Path,
    department: Option<&DepartmentCode>,
) -> Result<usize, WorkbookError> {
    export_data_json_with(store, path, department, Options::default())
}

pub fn export_data_json_with(
    store: &Store,
    path: &Path,
    department: Option<&DepartmentCode>,
    options: Options,
) -> Result<usize, WorkbookError> {
    let datasets = store.datasets_in(department)?;
    let departments = store.departments()?;
    let distributions = store.all_distributions()?;
    let lists = store.lists()?;
    let value = catalog(&datasets, &departments, &distributions, &lists, options);
    let found = problems(&value);
    if !found.is_empty() {
        return Err(WorkbookError::CatalogRefused { problems: found });
    }
    let count = value["dataset"].as_array().map_or(0, Vec::len);
    crate::workbook::write_atomically(path, |temp| {
        let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        std::fs::write(temp, text).map_err(|e| e.to_string())
    })?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::Vocabulary;
    use crate::model::{Coordinator, Field, Frequency};

    fn cleared(name: &str) -> Dataset {
        let mut d = Dataset::named(name);
        d.id = Some(format!("PRK-{:04}", name.len()).parse().unwrap());
        d.status = Status::Published;
        d.department = "Parks".into();
        d.steward = "Pat Lee".into();
        d.contact_email = "pat@city.gov".into();
        d.contents = "Every tree the city looks after.".into();
        d.last_updated =
            chrono::NaiveDate::from_ymd_opt(2026, 11, 2).and_then(|d| d.and_hms_opt(10, 0, 0));
        d
    }

    fn entries(c: &Value) -> &Vec<Value> {
        c["dataset"].as_array().unwrap()
    }

    #[test]
    fn only_cleared_datasets_are_listed_with_dcat_codes() {
        let mut a = cleared("Building Permits");
        a.update_frequency = Some(Frequency::Monthly);
        a.set(Field::License, "CC0 1.0").unwrap();
        let b = Dataset::named("Draft");
        let c = catalog(
            &[a, b],
            &[],
            &HashMap::new(),
            &Lists::seeded(),
            Options::default(),
        );
        let list = entries(&c);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["accrualPeriodicity"], "R/P1M");
        assert_eq!(list[0]["contactPoint"]["hasEmail"], "mailto:pat@city.gov");
        assert_eq!(
            list[0]["license"],
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
        assert!(problems(&c).is_empty(), "{:?}", problems(&c));
    }

    #[test]
    fn every_required_key_is_there_and_every_frequency_code_is_the_schema_s() {
        let mut list = Vec::new();
        for (i, f) in Frequency::ALL.iter().enumerate() {
            let mut d = cleared(&"x".repeat(i + 1));
            d.update_frequency = Some(*f);
            d.set(Field::StartDate, "2020-01-01").unwrap();
            list.push(d);
        }
        let c = catalog(
            &list,
            &[],
            &HashMap::new(),
            &Lists::seeded(),
            Options::default(),
        );
        for e in entries(&c) {
            for key in REQUIRED {
                assert!(!is_blank(&e[key]), "{key} in {e}");
            }
            assert!(is_iso_date(e["modified"].as_str().unwrap()));
        }
        assert!(problems(&c).is_empty(), "{:?}", problems(&c));
    }

    #[test]
    fn classification_maps_to_access_level_and_non_public_is_left_out_unless_asked() {
        let mut open = cleared("Open");
        open.classification = Some(Classification::Public);
        let mut protected = cleared("Protected");
        protected.classification = Some(Classification::Protected);
        let mut sensitive = cleared("Sensitive!");
        sensitive.classification = Some(Classification::Sensitive);
        let all = [open, protected, sensitive];
        let c = catalog(
            &all,
            &[],
            &HashMap::new(),
            &Lists::seeded(),
            Options::default(),
        );
        let levels: Vec<&str> = entries(&c)
            .iter()
            .map(|e| e["accessLevel"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["public", "restricted public"]);
        assert!(entries(&c)[0].get("rights").is_none());
        assert!(
            !is_blank(&entries(&c)[1]["rights"]),
            "rights on anything not public"
        );
        let c = catalog(
            &all,
            &[],
            &HashMap::new(),
            &Lists::seeded(),
            Options {
                include_non_public: true,
            },
        );
        let levels: Vec<&str> = entries(&c)
            .iter()
            .map(|e| e["accessLevel"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["public", "restricted public", "non-public"]);
        assert!(problems(&c).is_empty(), "{:?}", problems(&c));
    }

    #[test]
    fn a_missing_contact_email_falls_back_to_the_department_then_is_a_problem() {
        let mut d = cleared("Trees");
        d.contact_email.clear();
        let mut parks = Department::new("PRK".parse().unwrap(), "Parks");
        parks.coordinators.push(Coordinator {
            name: "Ana".into(),
            email: "ana@parks.gov".into(),
        });
        let c = catalog(
            std::slice::from_ref(&d),
            &[parks],
            &HashMap::new(),
            &Lists::seeded(),
            Options::default(),
        );
        assert_eq!(
            entries(&c)[0]["contactPoint"]["hasEmail"],
            "mailto:ana@parks.gov"
        );
        let c = catalog(
            &[d],
            &[],
            &HashMap::new(),
            &Lists::seeded(),
            Options::default(),
        );
        let found = problems(&c);
        assert!(
            found[0].contains("PRK-0005") && found[0].contains("mailto:"),
            "{found:?}"
        );
    }

    #[test]
    fn the_checker_names_each_broken_rule() {
        let mut e = dcat_dataset(&cleared("Trees"), None, &[], &Lists::seeded());
        e["accessLevel"] = json!("secret");
        e["modified"] = json!("last week");
        e["temporal"] = json!("2020");
        e["accrualPeriodicity"] = json!("monthly");
        e["keyword"] = json!([]);
        e["landingPage"] = json!("data.city.gov");
        let twin = e.clone();
        let c = json!({"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [e, twin]});
        let found = problems(&c).join("\n");
        for part in [
            "accessLevel \"secret\"",
            "needs \"rights\"",
            "modified must be",
            "temporal \"2020\"",
            "accrualPeriodicity \"monthly\"",
            "keyword",
            "landingPage must be a web address",
            "identifier is used by another entry",
        ] {
            assert!(found.contains(part), "{part} not in {found}");
        }
    }
}
