//! A DCAT-US v1.1 (Project Open Data) `data.json` catalog of the datasets cleared
//! for publication (Approved or Published), for the city's open data portal.

use std::path::Path;

use serde_json::{Value, json};

use crate::model::{Classification, Dataset, DepartmentCode, EndDate, Status};
use crate::store::Store;
use crate::workbook::WorkbookError;

/// Whether a dataset belongs in the public catalog.
pub fn is_cleared(dataset: &Dataset) -> bool {
    matches!(dataset.status, Status::Approved | Status::Published)
}

/// One catalog entry.
pub fn dcat_dataset(d: &Dataset) -> Value {
    let mut entry = json!({
        "@type": "dcat:Dataset",
        "title": d.name,
        "description": if d.contents.is_empty() { d.name.clone() } else { d.contents.clone() },
        "keyword": if d.keywords.is_empty() { vec![d.name.to_lowercase()] } else { d.keywords.clone() },
        "modified": d.last_updated.map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        "publisher": { "@type": "org:Organization", "name": d.department },
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": if d.steward.is_empty() { d.department.clone() } else { d.steward.clone() },
            "hasEmail": format!("mailto:{}", d.contact_email),
        },
        "identifier": d.id_text(),
        "accessLevel": match d.classification {
            Some(Classification::Protected) => "restricted public",
            Some(Classification::Sensitive) => "non-public",
            _ => "public",
        },
    });
    let obj = entry.as_object_mut().expect("built as an object");
    if let Some(url) = d.license.and_then(|l| l.url()) {
        obj.insert("license".into(), json!(url));
    }
    if let Some(code) = d.update_frequency.and_then(|f| f.dcat_code()) {
        obj.insert("accrualPeriodicity".into(), json!(code));
    }
    if let Some(category) = d.category {
        obj.insert("theme".into(), json!([category.to_string()]));
    }
    if !d.geographic_coverage.is_empty() {
        obj.insert("spatial".into(), json!(d.geographic_coverage));
    }
    if !d.publication_link.is_empty() {
        obj.insert("landingPage".into(), json!(d.publication_link));
    }
    if let Some(start) = d.start_date {
        let end = match d.end_date {
            Some(EndDate::On(e)) => e.to_string(),
            _ => chrono::Local::now().date_naive().to_string(),
        };
        obj.insert("temporal".into(), json!(format!("{start}/{end}")));
    }
    entry
}

/// The whole catalog.
pub fn catalog(datasets: &[Dataset]) -> Value {
    json!({
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": datasets.iter().filter(|d| is_cleared(d)).map(dcat_dataset).collect::<Vec<_>>(),
    })
}

/// Writes `data.json`; returns how many datasets it lists.
pub fn export_data_json(
    store: &Store,
    path: &Path,
    department: Option<&DepartmentCode>,
) -> Result<usize, WorkbookError> {
    let datasets = store.datasets_in(department)?;
    let value = catalog(&datasets);
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
    use crate::model::{Field, Frequency};

    #[test]
    fn only_cleared_datasets_are_listed_with_dcat_codes() {
        let mut a = Dataset::named("Building Permits");
        a.status = Status::Published;
        a.update_frequency = Some(Frequency::Monthly);
        a.set(Field::License, "CC0 1.0").unwrap();
        a.contact_email = "pat@city.gov".into();
        let b = Dataset::named("Draft");
        let c = catalog(&[a, b]);
        let list = c["dataset"].as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["accrualPeriodicity"], "R/P1M");
        assert_eq!(list[0]["contactPoint"]["hasEmail"], "mailto:pat@city.gov");
        assert_eq!(
            list[0]["license"],
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
    }
}
