//! What the app already knows, offered where a checklist asks for it: the
//! department's approver for "approved by", the owners of the dataset's
//! system and the stewards already named for its steward, the systems already
//! listed for its system of record. Only offered: nothing is filled in
//! unless the person picks it.

use std::collections::{HashMap, HashSet};

use crate::model::{Dataset, Field, InventoryId};
use crate::store::{Result, Store, TableRow};

/// How many stewards already named are offered, most named first.
const STEWARDS_OFFERED: usize = 5;

/// Suggested values by field, best first, without repeats.
pub type Suggestions = HashMap<Field, Vec<String>>;

/// What to suggest for one dataset's checklist. `stewards` are the stewards
/// already named in the inventory, most named first (see [`stewards`]).
pub fn for_dataset(
    store: &Store,
    id: &InventoryId,
    dataset: &Dataset,
    stewards: &[String],
) -> Result<Suggestions> {
    let sources = store.sources()?;
    let mut out = Suggestions::new();
    let approver = store
        .department(&id.department)?
        .map(|d| d.approver)
        .unwrap_or_default();
    out.insert(Field::ApprovedBy, unique([approver]));
    // The owners of its system; while no system is given, of every system.
    let system = dataset.system_of_record.trim().to_lowercase();
    let owners = sources
        .iter()
        .filter(|s| system.is_empty() || s.name.trim().to_lowercase() == system)
        .flat_map(|s| [s.business_owner.clone(), s.technical_owner.clone()]);
    out.insert(
        Field::Steward,
        unique(owners.chain(stewards.iter().take(STEWARDS_OFFERED).cloned())),
    );
    out.insert(
        Field::SystemOfRecord,
        unique(sources.iter().map(|s| s.name.clone())),
    );
    Ok(out)
}

/// The stewards named in the table's rows, most named first (then by name).
pub fn stewards(rows: &[TableRow]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        let s = r.steward.trim();
        if !s.is_empty() {
            *counts.entry(s).or_default() += 1;
        }
    }
    let mut named: Vec<(&str, usize)> = counts.into_iter().collect();
    named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    named.into_iter().map(|(s, _)| s.to_string()).collect()
}

/// The values trimmed, without blanks or repeats (ignoring case), in order.
fn unique(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    values
        .into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && seen.insert(v.to_lowercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DataSource, Department, DepartmentCode};

    #[test]
    fn the_approver_the_system_s_owners_and_the_listed_systems_are_suggested() {
        let mut store = Store::open_in_memory().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        let mut parks = Department::new(code.clone(), "Parks");
        parks.approver = "Director Lee".into();
        store.save_department(&parks).unwrap();
        for (name, owner, tech) in [
            ("Parks GIS", "Kim Park", "Sam Ortiz"),
            ("Permits", "Ana Ruiz", ""),
        ] {
            store
                .save_source(&DataSource {
                    department: Some(code.clone()),
                    name: name.into(),
                    business_owner: owner.into(),
                    technical_owner: tech.into(),
                    ..DataSource::default()
                })
                .unwrap();
        }
        let mut trees = Dataset::named("Street Trees");
        trees.system_of_record = "parks gis".into();
        let trees = store.create_dataset(&code, trees).unwrap();
        let id = trees.id.clone().unwrap();
        let named = vec!["Sam Ortiz".to_string(), "Lou Chen".to_string()];
        let s = for_dataset(&store, &id, &trees, &named).unwrap();
        assert_eq!(s[&Field::ApprovedBy], vec!["Director Lee"]);
        assert_eq!(
            s[&Field::Steward],
            vec!["Kim Park", "Sam Ortiz", "Lou Chen"],
            "the system's owners first, a name once"
        );
        assert_eq!(s[&Field::SystemOfRecord], vec!["Parks GIS", "Permits"]);
    }

    #[test]
    fn the_stewards_named_most_come_first() {
        let mut store = Store::open_in_memory().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        store
            .save_department(&Department::new(code.clone(), "Parks"))
            .unwrap();
        for (name, steward) in [
            ("A", "Lou Chen"),
            ("B", "Kim Park"),
            ("C", "Kim Park"),
            ("D", ""),
        ] {
            let mut d = Dataset::named(name);
            d.steward = steward.into();
            store.create_dataset(&code, d).unwrap();
        }
        let rows = store.table_rows_share(0, 1).unwrap();
        assert_eq!(stewards(&rows), vec!["Kim Park", "Lou Chen"]);
    }
}
