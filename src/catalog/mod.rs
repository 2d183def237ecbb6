//! A DCAT-US v1.1 (Project Open Data, non-federal profile) `data.json` catalog
//! of the datasets cleared for publication (Approved or Published), for the
//! city's open data portal; and a check of every rule of that profile, so a
//! catalog the app writes is one a portal accepts.
//!
//! A dataset a harvester would refuse, or that must not be listed as it is (no
//! classification while it may hold sensitive data), is held back with its
//! reasons (`held`); the others are written. What each key is made of is in
//! docs/catalog.md. The same catalog is also written as DCAT-US 3.0
//! (`dcat_us_3`), a preview made from these entries.

pub mod dcat_us_3;
pub mod held;
pub mod links;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

pub use held::{HeldBack, Reason};

use crate::model::{
    Classification, Dataset, Department, DepartmentCode, Distribution, EndDate, Field, InventoryId,
    Lists, PublicationPlan, SensitiveData, Status,
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

/// The schema's access level for a classification. A dataset with none is
/// listed as public only when it is not marked as holding sensitive data
/// (`entry` holds the others back).
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

/// What the catalog reads of the inventory beside the datasets.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// For a contact email when a dataset has none of its own.
    pub departments: Vec<Department>,
    pub distributions: HashMap<InventoryId, Vec<Distribution>>,
    /// The publication plans: when each dataset was published and refreshed.
    pub plans: HashMap<InventoryId, PublicationPlan>,
    /// The licenses' addresses.
    pub lists: Lists,
    /// The address of each dataset's data dictionary the app writes, where
    /// the dictionaries are published (`profile::schema_files`): `describedBy`.
    pub dictionaries: HashMap<InventoryId, String>,
}

impl Facts {
    pub fn read(store: &Store, department: Option<&DepartmentCode>) -> crate::store::Result<Self> {
        Ok(Facts {
            departments: store.departments()?,
            distributions: store.all_distributions()?,
            plans: store.plans(department)?.into_iter().collect(),
            lists: store.lists()?,
            dictionaries: crate::profile::schema_files::dictionary_links(store)?,
        })
    }

    /// One dataset's part of the facts.
    pub fn of(&self, d: &Dataset) -> FactsOf<'_> {
        FactsOf {
            departments: &self.departments,
            distributions: self.distributions(d),
            plan: self.plan(d),
            lists: &self.lists,
            dictionary: d
                .id
                .as_ref()
                .and_then(|id| self.dictionaries.get(id))
                .map(String::as_str),
        }
    }

    fn plan(&self, d: &Dataset) -> Option<&PublicationPlan> {
        d.id.as_ref().and_then(|id| self.plans.get(id))
    }

    fn distributions(&self, d: &Dataset) -> &[Distribution] {
        d.id.as_ref()
            .and_then(|id| self.distributions.get(id))
            .map_or(&[][..], Vec::as_slice)
    }
}

/// A catalog, and the cleared datasets it does not list.
#[derive(Debug, Clone)]
pub struct Built {
    pub value: Value,
    pub held: Vec<HeldBack>,
    /// The datasets listed that had no Portal Identifier yet, with the one the
    /// catalog gave them: the export records it on each (see `export_data_json_with`).
    pub new_identifiers: Vec<(InventoryId, String)>,
    /// The review status of each dataset listed, in the order of `value["dataset"]`:
    /// what the DCAT-US 3.0 catalog says as the entry's lifecycle status.
    pub statuses: Vec<Status>,
}

impl Built {
    pub fn written(&self) -> usize {
        self.value["dataset"].as_array().map_or(0, Vec::len)
    }
}

/// When a dataset's data last changed, as the catalog says it: the plan's
/// last refresh, else its publication, else the portal's own `modified` (a
/// dataset read from the portal's catalog), else its approval, else its last
/// save. Never the day of the export: the catalog changes only when the data does.
struct Dates {
    /// `modified`, as text (the portal's is kept as it wrote it).
    modified: String,
    /// The day an open-ended period ends.
    refreshed: Option<NaiveDate>,
    issued: String,
}

fn dates(d: &Dataset, plan: Option<&PublicationPlan>) -> Dates {
    let planned = plan.and_then(|p| p.last_refreshed.or(p.published_on));
    let portal = crate::model::dates::parse_date(d.modified.get(..10).unwrap_or(&d.modified));
    let saved = d.last_updated.map(|t| t.date());
    let refreshed = planned.or(portal).or(d.approval_date).or(saved);
    let modified = match planned {
        Some(day) => day.to_string(),
        None if !d.modified.is_empty() => d.modified.clone(),
        None => refreshed.map(|day| day.to_string()).unwrap_or_default(),
    };
    // The portal's own date of issue stays; else the day it was published.
    let issued = if d.issued.is_empty() {
        plan.and_then(|p| p.published_on)
            .map(|day| day.to_string())
            .unwrap_or_default()
    } else {
        d.issued.clone()
    };
    Dates {
        modified,
        refreshed,
        issued,
    }
}

/// The keywords as the catalog writes them: each once (the first spelling of
/// those that differ only by case), empty ones left out; the dataset's name
/// when it has none.
pub fn keywords_for_portal(d: &Dataset) -> Vec<String> {
    let mut seen = HashSet::new();
    let list: Vec<String> = d
        .keywords
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty() && seen.insert(k.to_lowercase()))
        .map(str::to_string)
        .collect();
    if list.is_empty() {
        vec![d.name.to_lowercase()]
    } else {
        list
    }
}

/// The distribution made from a dataset's portal link (its Publication Link,
/// else its Landing Page) when it has none of its own: the page where the
/// data is reached.
pub fn link_distribution(d: &Dataset) -> Option<Distribution> {
    let link = [&d.publication_link, &d.landing_page]
        .into_iter()
        .find(|l| !l.trim().is_empty())?;
    Some(Distribution {
        title: d.name.clone(),
        access_url: link.clone(),
        media_type: "text/html".into(),
        format: "Web page".into(),
        description:
            "The dataset's page on the open data portal, where its data is viewed and downloaded."
                .into(),
        ..Distribution::default()
    })
}

/// One catalog entry, or why the dataset is held back. `department` supplies
/// a contact email when the dataset has none; the facts give its
/// distributions, its publication plan and its license's address. A dataset
/// that came from the portal's own catalog says again what the portal said:
/// its identifier there (never a new one, or every harvester would delete and
/// recreate the record), its dates, and the license and themes kept in its
/// Other Details when no choice of the inventory holds them exactly.
pub fn entry(d: &Dataset, facts: &Facts) -> Result<Value, Vec<Reason>> {
    entry_of(d, facts.of(d))
}

/// What the catalog reads of the inventory for one dataset, borrowed: so a
/// caller that holds them apart (the table's quality score) need not gather
/// every dataset's facts to ask about one.
#[derive(Debug, Clone, Copy)]
pub struct FactsOf<'a> {
    pub departments: &'a [Department],
    pub distributions: &'a [Distribution],
    pub plan: Option<&'a PublicationPlan>,
    pub lists: &'a Lists,
    /// Where the data dictionary the app writes is published, if it is.
    pub dictionary: Option<&'a str>,
}

/// `entry`, from one dataset's facts.
pub fn entry_of(d: &Dataset, facts: FactsOf<'_>) -> Result<Value, Vec<Reason>> {
    let mut reasons = Vec::new();
    if d.classification.is_none()
        && let Some(answer @ (SensitiveData::Yes | SensitiveData::Unsure)) = d.sensitive_data
    {
        reasons.push(Reason::SensitiveUnclassified(answer));
    }
    let department = facts.departments.iter().find(|x| x.name == d.department);
    let email = contact_email(d, department, &mut reasons);
    if held::is_reserved_name(&d.name) {
        reasons.push(Reason::ReservedName {
            name: d.name.clone(),
        });
    }
    let description = if d.contents.is_empty() {
        d.name.clone()
    } else {
        d.contents.clone()
    };
    let length = description.chars().count();
    if length > held::MAX_DESCRIPTION {
        reasons.push(Reason::DescriptionTooLong { length });
    }
    let keywords = keywords_for_portal(d);
    keyword_reasons(&keywords, &mut reasons);
    let dates = dates(d, facts.plan);
    for (field, text) in [
        (Field::Modified, &dates.modified),
        (Field::Issued, &dates.issued),
    ] {
        if !text.is_empty() && !is_iso_date(text) {
            reasons.push(Reason::NotADate {
                field,
                text: text.clone(),
            });
        }
    }
    if let (Some(start), Some(EndDate::On(end))) = (d.start_date, d.end_date)
        && start > end
    {
        reasons.push(Reason::StartAfterEnd {
            start: start.to_string(),
            end: end.to_string(),
        });
    }
    let level = access_level(d.classification);
    let mut entry = json!({
        "@type": "dcat:Dataset",
        "title": d.name,
        "description": description,
        "keyword": keywords,
        "modified": dates.modified,
        "publisher": { "@type": "org:Organization", "name": d.department },
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": if d.steward.is_empty() { d.department.clone() } else { d.steward.clone() },
            "hasEmail": format!("mailto:{email}"),
        },
        "identifier": identifier(d),
        "accessLevel": level,
    });
    let obj = entry.as_object_mut().expect("built as an object");
    if let Some(rights) = kept(d, "rights") {
        obj.insert("rights".into(), json!(rights));
    } else if level != "public" {
        obj.insert("rights".into(), json!(RIGHTS));
    }
    if !dates.issued.is_empty() {
        obj.insert("issued".into(), json!(dates.issued));
    }
    optional_keys(d, obj, facts.lists, dates.refreshed);
    portal_keys(d, obj, &mut reasons);
    // The data dictionary the app writes (`export --format table-schema`),
    // unless the dataset names one of its own.
    if let Some(link) = facts.dictionary
        && d.described_by.is_empty()
    {
        obj.insert("describedBy".into(), json!(link));
        obj.insert("describedByType".into(), json!("application/json"));
    }
    let own = facts.distributions;
    let made;
    let list = if own.is_empty() {
        made = link_distribution(d).into_iter().collect::<Vec<_>>();
        &made[..]
    } else {
        own
    };
    if !list.is_empty() {
        let list: Vec<Value> = list
            .iter()
            .map(|x| dcat_distribution(x, &mut reasons))
            .collect();
        obj.insert("distribution".into(), Value::Array(list));
    }
    if reasons.is_empty() {
        // The net: anything the profile's check still finds holds it back too.
        let mut found = Vec::new();
        entry_problems(&entry, &mut |p| found.push(p));
        reasons.extend(found.into_iter().map(Reason::Other));
    }
    if reasons.is_empty() {
        Ok(entry)
    } else {
        Err(reasons)
    }
}

/// The identifier on the portal: the one it has, else its Inventory ID (see
/// docs/catalog.md: it never changes, and the export records it).
pub fn identifier(d: &Dataset) -> String {
    if d.portal_identifier.is_empty() {
        d.id_text()
    } else {
        d.portal_identifier.clone()
    }
}

fn contact_email(
    d: &Dataset,
    department: Option<&Department>,
    reasons: &mut Vec<Reason>,
) -> String {
    let (email, of_department) = if d.contact_email.is_empty() {
        let coordinator = department
            .and_then(|dep| dep.coordinators.iter().find(|c| !c.email.is_empty()))
            .map(|c| c.email.clone())
            .unwrap_or_default();
        (coordinator, true)
    } else {
        (d.contact_email.clone(), false)
    };
    if email.is_empty() {
        reasons.push(Reason::NoContactEmail);
    } else if !crate::model::dataset::parse_email(&email).is_ok_and(|a| !a.is_empty()) {
        reasons.push(Reason::EmailRefused {
            email: email.clone(),
            of_department,
        });
    }
    email
}

fn keyword_reasons(keywords: &[String], reasons: &mut Vec<Reason>) {
    if keywords.len() > held::MAX_KEYWORDS {
        reasons.push(Reason::TooManyKeywords {
            count: keywords.len(),
        });
    }
    if let Some(long) = keywords
        .iter()
        .find(|k| k.chars().count() > held::MAX_KEYWORD)
    {
        reasons.push(Reason::KeywordTooLong {
            keyword: long.clone(),
            length: long.chars().count(),
        });
    }
}

/// One distribution, with the keys it has, its links as addresses.
fn dcat_distribution(d: &Distribution, reasons: &mut Vec<Reason>) -> Value {
    let mut obj = Map::new();
    obj.insert("@type".into(), json!("dcat:Distribution"));
    for (key, value) in [
        ("title", &d.title),
        ("description", &d.description),
        ("mediaType", &d.media_type),
        ("format", &d.format),
    ] {
        if !value.is_empty() {
            obj.insert(key.into(), json!(value));
        }
    }
    for (key, value) in [
        ("downloadURL", &d.download_url),
        ("accessURL", &d.access_url),
    ] {
        if value.is_empty() {
            continue;
        }
        let link = links::for_portal(value);
        if !links::has_scheme(&link) {
            reasons.push(Reason::DistributionLink {
                distribution: d.label().to_string(),
                text: value.clone(),
            });
        }
        obj.insert(key.into(), json!(link));
    }
    if !d.download_url.is_empty() && !is_media_type(&d.media_type) {
        reasons.push(Reason::NoMediaType {
            distribution: d.label().to_string(),
        });
    }
    Value::Object(obj)
}

/// `type/subtype`, like `text/csv` or `application/vnd.ms-excel` (the
/// schema's pattern: word characters and dashes, dotted parts, a `+suffix`).
pub fn is_media_type(text: &str) -> bool {
    let word = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    let Some((kind, rest)) = text.split_once('/') else {
        return false;
    };
    let (subtype, suffix) = match rest.split_once('+') {
        Some((s, suffix)) => (s, Some(suffix)),
        None => (rest, None),
    };
    word(kind) && subtype.split('.').all(word) && suffix.is_none_or(word)
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

/// A link of the dataset as an address, or a reason when it is not a web
/// page's address.
fn web_link(field: Field, text: &str, reasons: &mut Vec<Reason>) -> String {
    let link = links::for_portal(text);
    if !links::is_web_address(&link) {
        reasons.push(Reason::NotALink {
            field,
            text: text.to_string(),
        });
    }
    link
}

/// The keys a portal's catalog gave the dataset, said again.
fn portal_keys(d: &Dataset, obj: &mut Map<String, Value>, reasons: &mut Vec<Reason>) {
    if !d.landing_page.is_empty() {
        let link = web_link(Field::LandingPage, &d.landing_page, reasons);
        obj.insert("landingPage".into(), json!(link));
    }
    if !d.described_by.is_empty() {
        let link = links::for_portal(&d.described_by);
        if !links::has_scheme(&link) {
            reasons.push(Reason::NotALink {
                field: Field::DescribedBy,
                text: d.described_by.clone(),
            });
        }
        obj.insert("describedBy".into(), json!(link));
    }
    let mut seen = HashSet::new();
    let mut references = Vec::new();
    for line in d
        .related_documents
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let link = links::for_portal(line);
        if !links::has_scheme(&link) {
            reasons.push(Reason::NotALink {
                field: Field::RelatedDocuments,
                text: line.to_string(),
            });
        }
        if seen.insert(link.clone()) {
            references.push(link);
        }
    }
    if !references.is_empty() {
        obj.insert("references".into(), json!(references));
    }
    // The portal's own license address and themes, when the inventory's
    // choices do not hold them exactly.
    if let Some(license) = kept(d, "license").filter(|l| links::is_web_address(l)) {
        obj.insert("license".into(), json!(links::for_portal(license)));
    }
    if let Some(themes) = kept(d, "theme") {
        let mut seen = HashSet::new();
        let list: Vec<&str> = themes
            .split("; ")
            .filter(|t| !t.is_empty() && seen.insert(*t))
            .collect();
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

fn optional_keys(
    d: &Dataset,
    obj: &mut Map<String, Value>,
    lists: &Lists,
    refreshed: Option<NaiveDate>,
) {
    // The inventory's license's address; a license without one (Other, Not
    // decided) is left out, as the schema wants an address.
    if let Some(url) = lists.license_url(&d.license) {
        obj.insert("license".into(), json!(links::for_portal(&url)));
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
        obj.insert(
            "landingPage".into(),
            json!(links::for_portal(&d.publication_link)),
        );
    }
    // Data still being collected ("Current") runs to its last refresh: the
    // day the catalog last learned of new data, not the day it is written.
    let end = match d.end_date {
        Some(EndDate::On(e)) => Some(e),
        _ => refreshed.map(|r| d.start_date.map_or(r, |s| r.max(s))),
    };
    if let (Some(start), Some(end)) = (d.start_date, end) {
        obj.insert("temporal".into(), json!(format!("{start}/{end}")));
    }
}

/// The whole catalog: an entry for each cleared dataset that passes, and
/// those held back with their reasons. Non-public datasets are left out
/// (not held back) unless asked for.
pub fn catalog(datasets: &[Dataset], facts: &Facts, options: Options) -> Built {
    let mut entries = Vec::new();
    let mut held = Vec::new();
    let mut new_identifiers = Vec::new();
    let mut statuses = Vec::new();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for d in datasets.iter().filter(|d| is_cleared(d)) {
        if !options.include_non_public && access_level(d.classification) == "non-public" {
            continue;
        }
        let mut result = entry(d, facts);
        let id = identifier(d);
        if let Some(other) = seen.get(id.as_str()) {
            let twin = Reason::SameIdentifier {
                identifier: id.clone(),
                other: other.to_string(),
            };
            match &mut result {
                Ok(_) => result = Err(vec![twin]),
                Err(reasons) => reasons.push(twin),
            }
        }
        match result {
            Ok(value) => {
                seen.insert(id.clone(), &d.name);
                if d.portal_identifier.is_empty()
                    && let Some(inventory_id) = &d.id
                {
                    new_identifiers.push((inventory_id.clone(), id));
                }
                statuses.push(d.status);
                entries.push(value);
            }
            Err(reasons) => held.push(HeldBack {
                id: d.id_text(),
                name: d.name.clone(),
                department: d.department.clone(),
                reasons,
            }),
        }
    }
    let value = json!({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": entries,
    });
    Built {
        value,
        held,
        new_identifiers,
        statuses,
    }
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

/// What an export of the catalog did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// Entries listed.
    pub listed: usize,
    /// Cleared datasets not listed, and why.
    pub held: Vec<HeldBack>,
}

impl Written {
    /// What the window and the command line say: how many were written, and
    /// each dataset held back with what to fix; an empty catalog says so.
    pub fn message(&self) -> String {
        let count = crate::workbook::limits::count_of;
        let path = self.path.display();
        let mut lines = vec![if self.listed == 0 {
            format!(
                "Wrote an empty catalog to {path}: no dataset is Approved or Published yet. A portal that reads it lists nothing from it."
            )
        } else {
            format!("Exported {} datasets to {path}.", self.listed)
        }];
        if !self.held.is_empty() {
            lines.push(format!(
                "{} held back from the catalog; the portal keeps what it has for them until they are fixed and the catalog is exported again:",
                count(self.held.len(), "dataset is", "datasets are")
            ));
            lines.extend(self.held.iter().map(|h| format!("  {h}")));
        }
        lines.join("\n")
    }
}

/// Writes `data.json` with the entries that pass; those held back are listed
/// in the answer, not written. Refused (nothing written) when no entry passes
/// while some are held back, and when the new catalog would list nothing
/// over a file that lists datasets: data.gov's harvester deletes every record
/// of a source whose catalog comes back empty. A dataset listed without a
/// Portal Identifier is given the one the catalog wrote, so the next catalog
/// says the same even if its Inventory ID ever stopped being the one written.
pub fn export_data_json(
    store: &mut Store,
    path: &Path,
    department: Option<&DepartmentCode>,
) -> Result<Written, WorkbookError> {
    export_data_json_with(store, path, department, Options::default())
}

pub fn export_data_json_with(
    store: &mut Store,
    path: &Path,
    department: Option<&DepartmentCode>,
    options: Options,
) -> Result<Written, WorkbookError> {
    export_catalog(store, path, department, options, Version::V1_1)
}

/// The profile a catalog file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// DCAT-US v1.1 (Project Open Data), what portals harvest today.
    V1_1,
    /// DCAT-US 3.0, a preview (its guide is still a draft): `dcat_us_3`.
    V3,
}

/// Writes the catalog in either profile. Both hold back, refuse and record
/// the same: the 3.0 catalog is made from the v1.1 entries (`dcat_us_3`),
/// so the rules above are kept once.
pub fn export_catalog(
    store: &mut Store,
    path: &Path,
    department: Option<&DepartmentCode>,
    options: Options,
    version: Version,
) -> Result<Written, WorkbookError> {
    let datasets = store.datasets_in(department)?;
    let facts = Facts::read(store, department)?;
    let built = catalog(&datasets, &facts, options);
    let found = problems(&built.value);
    if !found.is_empty() {
        return Err(WorkbookError::CatalogRefused { problems: found });
    }
    let listed = built.written();
    if listed == 0 {
        let there = listed_in(path);
        if !built.held.is_empty() || there > 0 {
            return Err(WorkbookError::EmptyCatalog {
                path: path.to_path_buf(),
                listed_there: there,
                held: built.held.iter().map(ToString::to_string).collect(),
            });
        }
    }
    let v3;
    let value = match version {
        Version::V1_1 => &built.value,
        Version::V3 => {
            v3 = dcat_us_3::catalog(&built);
            &v3
        }
    };
    crate::workbook::write_atomically(path, |temp| {
        let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
        std::fs::write(temp, text).map_err(|e| e.to_string())
    })?;
    store.record_portal_identifiers(&built.new_identifiers)?;
    Ok(Written {
        path: path.to_path_buf(),
        listed,
        held: built.held,
    })
}

/// How many datasets the catalog already at `path` lists (0 when there is
/// none, or it is not a catalog).
fn listed_in(path: &Path) -> usize {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|v| v["dataset"].as_array().map(Vec::len))
        .unwrap_or(0)
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

    fn facts() -> Facts {
        Facts {
            lists: Lists::seeded(),
            ..Facts::default()
        }
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
        let c = catalog(&[a, b], &facts(), Options::default()).value;
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
        let c = catalog(&list, &facts(), Options::default()).value;
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
        let c = catalog(&all, &facts(), Options::default()).value;
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
            &facts(),
            Options {
                include_non_public: true,
            },
        )
        .value;
        let levels: Vec<&str> = entries(&c)
            .iter()
            .map(|e| e["accessLevel"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["public", "restricted public", "non-public"]);
        assert!(problems(&c).is_empty(), "{:?}", problems(&c));
    }

    #[test]
    fn a_missing_contact_email_falls_back_to_the_department_then_holds_the_dataset_back() {
        let mut d = cleared("Trees");
        d.contact_email.clear();
        let mut parks = Department::new("PRK".parse().unwrap(), "Parks");
        parks.coordinators.push(Coordinator {
            name: "Ana".into(),
            email: "ana@parks.gov".into(),
        });
        let c = catalog(
            std::slice::from_ref(&d),
            &Facts {
                departments: vec![parks],
                ..facts()
            },
            Options::default(),
        )
        .value;
        assert_eq!(
            entries(&c)[0]["contactPoint"]["hasEmail"],
            "mailto:ana@parks.gov"
        );
        let built = catalog(&[d], &facts(), Options::default());
        assert_eq!(built.written(), 0);
        assert_eq!(built.held[0].reasons, [Reason::NoContactEmail]);
        assert!(built.held[0].to_string().starts_with("PRK-0005 \"Trees\""));
    }

    #[test]
    fn the_checker_names_each_broken_rule() {
        let mut e = entry(&cleared("Trees"), &facts()).unwrap();
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

    fn plan(published: &str, refreshed: &str) -> PublicationPlan {
        PublicationPlan {
            published_on: published.parse().ok(),
            last_refreshed: refreshed.parse().ok(),
            ..PublicationPlan::default()
        }
    }

    fn with_plan(d: &Dataset, p: PublicationPlan) -> Facts {
        let mut f = facts();
        f.plans.insert(d.id.clone().unwrap(), p);
        f
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn every_distribution_is_written_and_a_portal_link_alone_becomes_one() {
        let mut d = cleared("Trees");
        d.publication_link = "https://data.city.gov/d/trees".into();
        let e = entry(&d, &facts()).unwrap();
        let list = e["distribution"].as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["accessURL"], "https://data.city.gov/d/trees");
        assert_eq!(list[0]["mediaType"], "text/html");
        assert_eq!(list[0]["title"], "Trees");
        let mut f = facts();
        let csv = Distribution {
            title: "CSV".into(),
            download_url: "https://data.city.gov/trees.csv".into(),
            media_type: "text/csv".into(),
            format: "CSV".into(),
            description: "Every tree.".into(),
            ..Distribution::default()
        };
        let api = Distribution {
            access_url: "https://data.city.gov/api/trees".into(),
            format: "API".into(),
            ..Distribution::default()
        };
        f.distributions
            .insert(d.id.clone().unwrap(), vec![csv, api]);
        let e = entry(&d, &f).unwrap();
        let list = e["distribution"].as_array().unwrap();
        assert_eq!(list.len(), 2, "its own, not the link's: {e}");
        assert_eq!(list[0]["downloadURL"], "https://data.city.gov/trees.csv");
        assert_eq!(list[0]["mediaType"], "text/csv");
        assert_eq!(list[0]["format"], "CSV");
        assert_eq!(list[0]["description"], "Every tree.");
        assert_eq!(list[1]["accessURL"], "https://data.city.gov/api/trees");
    }

    #[test]
    fn a_download_link_without_a_media_type_holds_the_dataset_back() {
        let d = cleared("Trees");
        let mut f = facts();
        f.distributions.insert(
            d.id.clone().unwrap(),
            vec![Distribution {
                title: "File".into(),
                download_url: "https://data.city.gov/trees.csv".into(),
                ..Distribution::default()
            }],
        );
        assert_eq!(
            entry(&d, &f).unwrap_err(),
            [Reason::NoMediaType {
                distribution: "File".into()
            }]
        );
        assert!(is_media_type("application/vnd.ms-excel"));
        assert!(is_media_type("application/ld+json"));
        assert!(!is_media_type("CSV"));
    }

    #[test]
    fn the_portal_identifier_is_kept_and_a_new_dataset_s_is_its_inventory_id() {
        let mut d = cleared("Trees");
        let built = catalog(std::slice::from_ref(&d), &facts(), Options::default());
        assert_eq!(built.value["dataset"][0]["identifier"], "PRK-0005");
        assert_eq!(
            built.new_identifiers,
            [(d.id.clone().unwrap(), "PRK-0005".to_string())]
        );
        d.portal_identifier = "abcd-1234".into();
        let built = catalog(&[d], &facts(), Options::default());
        assert_eq!(built.value["dataset"][0]["identifier"], "abcd-1234");
        assert!(built.new_identifiers.is_empty());
    }

    #[test]
    fn modified_is_the_last_refresh_not_the_last_edit_and_issued_the_publication() {
        let d = cleared("Trees"); // last edited 2026-11-02
        let e = entry(&d, &with_plan(&d, plan("2024-03-01", "2025-06-30"))).unwrap();
        assert_eq!(e["modified"], "2025-06-30");
        assert_eq!(e["issued"], "2024-03-01");
        let e = entry(&d, &with_plan(&d, plan("2024-03-01", ""))).unwrap();
        assert_eq!(e["modified"], "2024-03-01");
        // A portal's own dates stay while the plan has none.
        let mut from_portal = d.clone();
        from_portal.modified = "2023-05-05T10:00:00".into();
        from_portal.issued = "2019-01-01".into();
        let e = entry(&from_portal, &facts()).unwrap();
        assert_eq!(e["modified"], "2023-05-05T10:00:00");
        assert_eq!(e["issued"], "2019-01-01");
    }

    #[test]
    fn an_open_ended_period_ends_at_the_last_refresh_not_on_the_export_day() {
        let mut d = cleared("Trees");
        d.start_date = Some(day("2020-01-01"));
        d.end_date = Some(EndDate::Current);
        let e = entry(&d, &with_plan(&d, plan("2024-03-01", "2025-06-30"))).unwrap();
        assert_eq!(e["temporal"], "2020-01-01/2025-06-30");
        // Without a plan: its approval, never today.
        d.approval_date = Some(day("2025-01-15"));
        let e = entry(&d, &facts()).unwrap();
        assert_eq!(e["temporal"], "2020-01-01/2025-01-15");
        let today = chrono::Local::now().date_naive().to_string();
        assert!(!e["temporal"].as_str().unwrap().ends_with(&today));
    }

    #[test]
    fn a_start_after_the_end_holds_the_dataset_back_naming_both_dates() {
        let mut d = cleared("Trees");
        d.start_date = Some(day("2024-05-01"));
        d.end_date = Some(EndDate::On(day("2023-01-01")));
        let reasons = entry(&d, &facts()).unwrap_err();
        let text = reasons[0].what();
        assert!(
            text.contains("2024-05-01") && text.contains("2023-01-01"),
            "{text}"
        );
        let refused = d.dates_in_order().unwrap_err().to_string();
        assert!(
            refused.contains("Start Date 2024-05-01") && refused.contains("End Date 2023-01-01"),
            "{refused}"
        );
    }

    #[test]
    fn an_unclassified_dataset_marked_sensitive_is_never_listed_as_public() {
        let mut d = cleared("Trees");
        d.sensitive_data = Some(SensitiveData::Yes);
        for options in [
            Options::default(),
            Options {
                include_non_public: true,
            },
        ] {
            let built = catalog(std::slice::from_ref(&d), &facts(), options);
            assert_eq!(built.written(), 0);
            assert_eq!(
                built.held[0].reasons,
                [Reason::SensitiveUnclassified(SensitiveData::Yes)]
            );
        }
        d.sensitive_data = Some(SensitiveData::Unsure);
        assert!(entry(&d, &facts()).is_err());
        d.sensitive_data = Some(SensitiveData::No);
        assert_eq!(entry(&d, &facts()).unwrap()["accessLevel"], "public");
        d.sensitive_data = Some(SensitiveData::Yes);
        d.classification = Some(Classification::Protected);
        assert_eq!(
            entry(&d, &facts()).unwrap()["accessLevel"],
            "restricted public"
        );
    }

    #[test]
    fn one_bad_entry_is_held_back_and_the_others_are_written() {
        let good = cleared("Trees");
        let mut bad = cleared("Benches");
        bad.id = Some("PRK-0099".parse().unwrap());
        bad.contact_email = "pat lee@city.gov".into();
        let mut twin = cleared("Stumps");
        twin.id = Some("PRK-0100".parse().unwrap());
        twin.portal_identifier = "PRK-0005".into();
        let built = catalog(&[good, bad, twin], &facts(), Options::default());
        assert_eq!(built.written(), 1);
        let held: Vec<&str> = built.held.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(held, ["PRK-0099", "PRK-0100"]);
        assert!(matches!(
            built.held[0].reasons[0],
            Reason::EmailRefused { .. }
        ));
        assert!(matches!(
            built.held[1].reasons[0],
            Reason::SameIdentifier { .. }
        ));
        assert!(problems(&built.value).is_empty());
    }

    #[test]
    fn links_are_written_as_addresses_a_harvester_reads() {
        let mut d = cleared("Trees");
        d.landing_page = "https://data.city.gov/Árboles|2024".into();
        d.related_documents = "https://x.org/a b\nhttps://x.org/a b".into();
        let e = entry(&d, &facts()).unwrap();
        assert_eq!(
            e["landingPage"],
            "https://data.city.gov/%C3%81rboles%7C2024"
        );
        assert_eq!(e["references"], json!(["https://x.org/a%20b"]));
        d.landing_page = "data.city.gov/trees".into();
        assert!(matches!(
            entry(&d, &facts()).unwrap_err()[0],
            Reason::NotALink {
                field: Field::LandingPage,
                ..
            }
        ));
    }

    #[test]
    fn the_same_keyword_twice_is_written_once_whatever_its_case() {
        let mut d = cleared("Trees");
        d.keywords = vec!["Trees".into(), "parks".into(), "trees".into(), " ".into()];
        assert_eq!(
            entry(&d, &facts()).unwrap()["keyword"],
            json!(["Trees", "parks"])
        );
    }

    #[test]
    fn values_harvesters_refuse_hold_the_dataset_back_in_plain_words() {
        let mut long = cleared("Trees");
        long.contents = "a".repeat(held::MAX_DESCRIPTION + 1);
        let mut keyword = cleared("Trees");
        keyword.keywords = vec!["k".repeat(held::MAX_KEYWORD + 1)];
        let mut name = cleared("Search");
        name.name = "Search".into();
        let mut email = cleared("Trees");
        email.contact_email = "pat/lee@city.gov".into();
        for (d, start) in [
            (long, "its Contents"),
            (keyword, "its keyword"),
            (name, "a portal cannot give a dataset named \"Search\""),
            (email, "its Contact Email \"pat/lee@city.gov\""),
        ] {
            let reasons = entry(&d, &facts()).unwrap_err();
            assert!(reasons[0].what().starts_with(start), "{:?}", reasons);
            assert!(!reasons[0].fix().is_empty());
        }
    }
}
