//! The catalog written as DCAT-US 3.0 (`export --format dcat-us-3`), a preview
//! beside the v1.1 `data.json` that portals harvest today: data.gov's
//! harvester takes 3.0, but its implementation guide is still a draft.
//!
//! It is made from the v1.1 catalog (`super::catalog`), entry by entry, so
//! the identifiers, links, dates, access levels and the datasets held back are
//! the v1.1 ones, decided once: this module only says the same facts in the
//! 3.0 shapes (a contact is a `Kind`, a period a `PeriodOfTime`, a landing page
//! a `Document`…), and adds the one thing v1.1 has no key for: the dataset's
//! lifecycle status, from its review status. The schema version followed and
//! every key's source are in docs/catalog.md.

use serde_json::{Map, Value, json};

use super::Built;
use crate::model::Status;

/// The standard the catalog says it conforms to.
pub const CONFORMS_TO: &str = "https://resources.data.gov/dcat-us/3.0.0";

/// The ADMS status vocabulary, which DCAT-US 3.0 names for a dataset's
/// lifecycle status (`adms:status`).
pub const LIFECYCLE_SCHEME: &str = "http://purl.org/adms/status/";

/// A dataset's lifecycle status, as the ADMS status vocabulary names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// Finished and published: what the portal offers.
    Completed,
    /// Being prepared: not on the portal yet.
    UnderDevelopment,
    /// Taken off the portal.
    Withdrawn,
}

impl Lifecycle {
    /// The concept's name in the vocabulary (its address ends with it).
    pub fn code(self) -> &'static str {
        match self {
            Lifecycle::Completed => "Completed",
            Lifecycle::UnderDevelopment => "UnderDevelopment",
            Lifecycle::Withdrawn => "Withdrawn",
        }
    }

    /// The words a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Lifecycle::Completed => "Completed",
            Lifecycle::UnderDevelopment => "Under development",
            Lifecycle::Withdrawn => "Withdrawn",
        }
    }

    /// The concept's address, like `http://purl.org/adms/status/Completed`.
    pub fn iri(self) -> String {
        format!("{LIFECYCLE_SCHEME}{}", self.code())
    }
}

/// The lifecycle status the catalog says for a review status. Only Approved
/// and Published datasets are listed (as in v1.1); the others are mapped so
/// that the rule is whole: a dataset on its way (Not ready, Submitted,
/// Returned, Approved but not yet on the portal) is under development; one
/// taken off the portal is withdrawn; one found not publishable never reaches
/// a portal and has none.
pub fn lifecycle(status: Status) -> Option<Lifecycle> {
    match status {
        Status::Published => Some(Lifecycle::Completed),
        Status::NotReady | Status::Submitted | Status::Returned | Status::Approved => {
            Some(Lifecycle::UnderDevelopment)
        }
        Status::Withdrawn => Some(Lifecycle::Withdrawn),
        Status::NotPublishable => None,
    }
}

/// The status as a 3.0 `Concept` in the ADMS scheme.
fn status_concept(lifecycle: Lifecycle) -> Value {
    json!({
        "@id": lifecycle.iri(),
        "@type": "Concept",
        "prefLabel": lifecycle.label(),
        "inScheme": {
            "@id": LIFECYCLE_SCHEME,
            "@type": "ConceptScheme",
            "title": "ADMS status vocabulary",
        },
    })
}

/// The whole 3.0 catalog of a built v1.1 catalog: the same entries, in the
/// same order, each in its 3.0 shape.
pub fn catalog(built: &Built) -> Value {
    let entries: Vec<Value> = built.value["dataset"]
        .as_array()
        .map(|list| {
            list.iter()
                .enumerate()
                .map(|(i, e)| entry(e, built.statuses.get(i).copied()))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "@type": "Catalog",
        "conformsTo": {
            "@type": "Standard",
            "title": "DCAT-US 3.0",
            "identifier": CONFORMS_TO,
        },
        "dataset": entries,
    })
}

/// One 3.0 dataset from its v1.1 entry and the dataset's review status.
pub fn entry(v1: &Value, status: Option<Status>) -> Value {
    let mut out = Map::new();
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_string(), value);
    };
    put("@type", json!("Dataset"));
    for key in ["identifier", "title", "description", "keyword"] {
        if !v1[key].is_null() {
            put(key, v1[key].clone());
        }
    }
    for key in ["modified", "issued"] {
        if let Some(day) = v1[key].as_str().and_then(date) {
            put(key, json!(day));
        }
    }
    put(
        "publisher",
        json!({ "@type": "Organization", "name": v1["publisher"]["name"] }),
    );
    put(
        "contactPoint",
        json!({
            "@type": "Kind",
            "fn": v1["contactPoint"]["fn"],
            "hasEmail": v1["contactPoint"]["hasEmail"],
        }),
    );
    put("accessRights", v1["accessLevel"].clone());
    if let Some(lifecycle) = status.and_then(lifecycle) {
        put("status", status_concept(lifecycle));
    }
    for key in ["accrualPeriodicity", "theme"] {
        if !v1[key].is_null() {
            put(key, v1[key].clone());
        }
    }
    if let Some(place) = v1["spatial"].as_str() {
        put(
            "spatial",
            json!({ "@type": "Location", "prefLabel": place }),
        );
    }
    if let Some(period) = v1["temporal"].as_str().and_then(period) {
        put("temporal", json!([period]));
    }
    if let Some(link) = v1["landingPage"].as_str() {
        put(
            "landingPage",
            json!({ "@type": "Document", "title": v1["title"], "accessURL": link }),
        );
    }
    if let Some(link) = v1["describedBy"].as_str() {
        put(
            "describedBy",
            json!({ "@type": "Distribution", "title": "Data dictionary", "accessURL": link }),
        );
    }
    if let Some(links) = v1["references"].as_array() {
        put("relation", json!(links));
    }
    // 3.0 puts the license on each distribution; a dataset with none says it
    // in its rights, so the license is never lost.
    let license = v1["license"].as_str();
    let distributions: Vec<Value> = v1["distribution"]
        .as_array()
        .map(|list| list.iter().map(|d| distribution(d, license)).collect())
        .unwrap_or_default();
    let mut rights: Vec<Value> = v1["rights"]
        .as_str()
        .map(|r| json!(r))
        .into_iter()
        .collect();
    if let (Some(url), true) = (license, distributions.is_empty()) {
        rights.push(json!(format!("License: {url}")));
    }
    if !rights.is_empty() {
        put("rights", Value::Array(rights));
    }
    if !distributions.is_empty() {
        put("distribution", Value::Array(distributions));
    }
    Value::Object(out)
}

/// A v1.1 distribution in 3.0: the same keys, the 3.0 type, the license.
fn distribution(v1: &Value, license: Option<&str>) -> Value {
    let mut d = v1.as_object().cloned().unwrap_or_default();
    d.insert("@type".into(), json!("Distribution"));
    if let Some(url) = license {
        d.insert("license".into(), json!(url));
    }
    Value::Object(d)
}

/// A date as 3.0 takes it: a year, a year and month, a day, or a moment with
/// its time zone, as written. A moment without a time zone (a portal's
/// `2023-05-05T10:00:00`) is written as its day: 3.0 wants the zone, and the
/// app does not invent one. A repeating period (`R/P1D`) is no date: left out
/// (the update frequency says it).
pub fn date(text: &str) -> Option<String> {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let is_day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    match t.len() {
        4 if digits(t) => Some(t.to_string()),
        7 if crate::workbook::portal_catalog::is_year_month(t) => Some(t.to_string()),
        10 if is_day(t) => Some(t.to_string()),
        _ if chrono::DateTime::parse_from_rfc3339(t).is_ok() => Some(t.to_string()),
        _ => t.get(..10).filter(|d| is_day(d)).map(str::to_string),
    }
}

/// A v1.1 `start/end` period as a 3.0 `PeriodOfTime`.
fn period(text: &str) -> Option<Value> {
    let (start, end) = text.split_once('/')?;
    Some(json!({
        "@type": "PeriodOfTime",
        "startDate": date(start)?,
        "endDate": date(end)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seven_byte_text_with_a_dash_outside_ascii_is_no_date() {
        assert_eq!(date("23\u{2013}24"), None);
        assert_eq!(date("2023-05").as_deref(), Some("2023-05"));
    }

    #[test]
    fn a_date_keeps_its_form_and_a_moment_without_a_zone_becomes_its_day() {
        assert_eq!(date("2024").as_deref(), Some("2024"));
        assert_eq!(date("2024-03").as_deref(), Some("2024-03"));
        assert_eq!(date("2024-03-01").as_deref(), Some("2024-03-01"));
        assert_eq!(
            date("2024-03-01T10:00:00Z").as_deref(),
            Some("2024-03-01T10:00:00Z")
        );
        assert_eq!(date("2023-05-05T10:00:00").as_deref(), Some("2023-05-05"));
        assert_eq!(date("R/P1D"), None);
    }

    #[test]
    fn every_review_status_has_its_lifecycle_status() {
        use Status::*;
        for (status, expected) in [
            (Published, Some(Lifecycle::Completed)),
            (Approved, Some(Lifecycle::UnderDevelopment)),
            (NotReady, Some(Lifecycle::UnderDevelopment)),
            (Submitted, Some(Lifecycle::UnderDevelopment)),
            (Returned, Some(Lifecycle::UnderDevelopment)),
            (Withdrawn, Some(Lifecycle::Withdrawn)),
            (NotPublishable, None),
        ] {
            assert_eq!(lifecycle(status), expected, "{status:?}");
        }
        assert_eq!(
            Lifecycle::UnderDevelopment.iri(),
            "http://purl.org/adms/status/UnderDevelopment"
        );
    }
}
