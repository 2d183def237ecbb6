//! Datasets: create, read, change one field, duplicate. Deleting one and the
//! undo are in `removal`, which also takes its answers and plan along.

use std::sync::OnceLock;

use rusqlite::{OptionalExtension, Row, Transaction, params_from_iter};

use super::departments::{
    department_for_name_tx, ensure_department_code_tx, next_number_tx, reserve_number_tx,
};
use super::history::record_changes_tx;
use super::{Missing, Refusal, Result, Store, StoreError};
use crate::model::{Dataset, DepartmentCode, Field, InventoryId};

/// Fields kept in their own column of `datasets` (all but the two the store derives).
pub(super) fn stored_fields() -> &'static [Field] {
    static FIELDS: OnceLock<Vec<Field>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| !matches!(f, Field::Department | Field::InventoryId))
            .collect()
    })
}

pub(super) fn select_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let cols: Vec<String> = stored_fields().iter().map(|f| format!("d.{}", f.key())).collect();
        format!(
            "SELECT d.inventory_id, dep.name, {} FROM datasets d JOIN departments dep ON dep.code = d.department_code",
            cols.join(", ")
        )
    })
}

/// `select_sql` with each row's place in the inventory's order after its
/// fields: its department's code, and the number of its Inventory ID.
fn ordered_select_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let (columns, from) = select_sql()
            .split_once(" FROM ")
            .expect("a SELECT has a FROM");
        format!(
            "{columns}, d.department_code, CAST(substr(d.inventory_id, 5) AS INTEGER) FROM {from}"
        )
    })
}

fn upsert_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let keys: Vec<&str> = stored_fields().iter().map(|f| f.key()).collect();
        let marks: Vec<String> = (0..keys.len() + 2).map(|i| format!("?{}", i + 1)).collect();
        let updates: Vec<String> = std::iter::once("department_code".to_string())
            .chain(keys.iter().map(|k| format!("{k} = excluded.{k}")))
            .collect();
        format!(
            "INSERT INTO datasets (inventory_id, department_code, {}) VALUES ({})
             ON CONFLICT(inventory_id) DO UPDATE SET department_code = excluded.department_code, {}",
            keys.join(", "),
            marks.join(", "),
            updates[1..].join(", ")
        )
    })
}

pub(super) fn from_row(row: &Row) -> rusqlite::Result<Dataset> {
    let mut d = Dataset::default();
    let id: String = row.get(0)?;
    d.id = id.parse().ok();
    d.department = row.get(1)?;
    for (i, field) in stored_fields().iter().enumerate() {
        // Borrowed, not copied: `set` makes the one copy the dataset keeps.
        let text = row.get_ref(i + 2)?.as_str().unwrap_or("");
        if !text.is_empty() {
            // The store writes canonical text only; a value it cannot read back
            // (a file edited by hand) is left empty rather than stopping the app.
            let _ = d.set(*field, text);
        }
    }
    Ok(d)
}

/// A dataset as the Step 1 wizard lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptRow {
    pub id: InventoryId,
    pub name: String,
    pub system: String,
    pub prompts: [bool; 8],
}

impl Store {
    /// Every dataset, ordered by Inventory ID.
    pub fn datasets(&self) -> Result<Vec<Dataset>> {
        // Read in the table's order and put in order here, by the key SQLite
        // gives with each row: sorting 100,000 whole rows, SQLite wrote them
        // through temporary files, a third of the time an import takes to load
        // the inventory. Rows of one key keep the table's order.
        let fields = stored_fields().len();
        let mut stmt = self.conn.prepare_cached(ordered_select_sql())?;
        let rows = stmt.query_map([], |row| {
            let key: (String, i64) = (row.get(fields + 2)?, row.get(fields + 3)?);
            Ok((key, from_row(row)?))
        })?;
        let (keys, mut datasets): (Vec<(String, i64)>, Vec<Dataset>) = rows
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .unzip();
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        Ok(order
            .into_iter()
            .map(|i| std::mem::take(&mut datasets[i]))
            .collect())
    }

    /// The datasets of one department, or all of them.
    pub fn datasets_in(&self, department: Option<&DepartmentCode>) -> Result<Vec<Dataset>> {
        match department {
            Some(code) => self.datasets_of(code),
            None => self.datasets(),
        }
    }

    /// The datasets of one department.
    pub fn datasets_of(&self, code: &DepartmentCode) -> Result<Vec<Dataset>> {
        let sql = format!(
            "{} WHERE d.department_code = ?1 ORDER BY CAST(substr(d.inventory_id, 5) AS INTEGER)",
            select_sql()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([code.as_str()], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each dataset of a department with its system and its Step 1 prompt
    /// answers, by name: what the Step 1 wizard lists.
    pub fn prompt_rows(&self, code: &DepartmentCode) -> Result<Vec<PromptRow>> {
        let prompts: Vec<&str> = Field::PROMPTS.iter().map(|f| f.key()).collect();
        let sql = format!(
            "SELECT inventory_id, name, system_of_record, {} FROM datasets
             WHERE department_code = ?1 ORDER BY name COLLATE NOCASE, inventory_id",
            prompts.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([code.as_str()], |r| {
            let mut flags = [false; 8];
            for (i, flag) in flags.iter_mut().enumerate() {
                *flag = !r.get_ref(3 + i)?.as_str().unwrap_or("").is_empty();
            }
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, flags))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, system, prompts) = row?;
            if let Ok(id) = id.parse() {
                out.push(PromptRow {
                    id,
                    name,
                    system,
                    prompts,
                });
            }
        }
        Ok(out)
    }

    pub fn dataset(&self, id: &InventoryId) -> Result<Option<Dataset>> {
        dataset_tx(&self.conn, id)
    }

    pub fn dataset_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM datasets", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Records the identifier the catalog gave each dataset that had no
    /// Portal Identifier, so the next catalog writes the same one. A dataset
    /// that has one meanwhile keeps it. Returns how many were recorded.
    pub fn record_portal_identifiers(&mut self, given: &[(InventoryId, String)]) -> Result<usize> {
        if given.is_empty() {
            return Ok(0);
        }
        self.writable()?;
        let tx = self.conn.transaction()?;
        let mut recorded = 0;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE datasets SET portal_identifier = ?2 WHERE inventory_id = ?1 AND portal_identifier = ''",
            )?;
            for (id, identifier) in given {
                recorded += stmt.execute(rusqlite::params![id.to_string(), identifier])?;
            }
        }
        tx.commit()?;
        Ok(recorded)
    }

    /// Adds a dataset to a department and returns it with its new Inventory ID.
    pub fn create_dataset(
        &mut self,
        department: &DepartmentCode,
        mut dataset: Dataset,
    ) -> Result<Dataset> {
        require_name(&dataset)?;
        dataset.dates_in_order().map_err(StoreError::from)?;
        let tx = self.conn.transaction()?;
        let number = next_number_tx(&tx, department).map_err(|e| match e {
            // No row to number from: the department is not there.
            StoreError::Sql(rusqlite::Error::QueryReturnedNoRows) => {
                Missing::DepartmentToNumber(department.clone()).into()
            }
            // A full disk or a read-only window says so.
            other => other,
        })?;
        dataset.id = Some(InventoryId::new(department.clone(), number));
        dataset.last_updated = Some(super::now());
        super::lists::match_to_lists_tx(&tx, &mut dataset)?;
        write_tx(&tx, department, &dataset)?;
        tx.commit()?;
        Ok(self
            .dataset(dataset.id.as_ref().expect("just set"))?
            .unwrap_or(dataset))
    }

    /// Saves every field of an existing dataset and records status changes.
    pub fn update_dataset(&mut self, dataset: &Dataset) -> Result<Dataset> {
        require_name(dataset)?;
        let tx = self.conn.transaction()?;
        // Refused when the dates change into a period that ends before it
        // starts; a dataset saved so before this rule is saved as it was.
        if let Some(id) = &dataset.id
            && let Some(old) = dataset_tx(&tx, id)?
            && (old.start_date, old.end_date) != (dataset.start_date, dataset.end_date)
        {
            dataset.dates_in_order().map_err(StoreError::from)?;
        }
        let mut dataset = dataset.clone();
        super::lists::match_to_lists_tx(&tx, &mut dataset)?;
        let saved = update_dataset_tx(&tx, &dataset, "")?;
        tx.commit()?;
        Ok(saved)
    }

    /// Changes one field, as the editor does on each edit. A value that does not
    /// fit the field is refused with a plain message and nothing is saved.
    pub fn set_field(&mut self, id: &InventoryId, field: Field, text: &str) -> Result<Dataset> {
        let mut dataset = self
            .dataset(id)?
            .ok_or_else(|| Missing::Dataset(id.clone()))?;
        if field.is_read_only() {
            return Err(StoreError::ReadOnlyField(field));
        }
        if matches!(field, Field::Status | Field::CdoDecision) {
            // The review path decides these, so each move is checked and kept
            // in the history (see `move_dataset`).
            return Err(StoreError::ReadOnlyField(field));
        }
        if Field::REVIEW.contains(&field) && self.desk()? == crate::desk::Desk::Department {
            // The CDO's note and who reviewed when are the CDO's: they arrive
            // in the returned workbook or with "Record a decision the CDO sent".
            return Err(Refusal::from(crate::desk::NotThisDesk::CdoDecision).into());
        }
        dataset.set(field, text).map_err(StoreError::from)?;
        self.update_dataset(&dataset)
    }

    /// Copies a dataset under a new ID, named "… (copy)", with status Not ready
    /// and no review.
    pub fn duplicate_dataset(&mut self, id: &InventoryId) -> Result<Dataset> {
        let original = self
            .dataset(id)?
            .ok_or_else(|| Missing::Dataset(id.clone()))?;
        let mut copy = original.clone();
        copy.name = format!("{} (copy)", original.name);
        copy.status = Default::default();
        for f in Field::REVIEW {
            copy.set(f, "").expect("blank is always allowed");
        }
        self.create_dataset(&id.department, copy)
    }
}

fn require_name(dataset: &Dataset) -> Result<()> {
    if dataset.name.trim().is_empty() {
        return Err(Refusal::DatasetWithoutName.into());
    }
    Ok(())
}

pub(super) fn dataset_tx(conn: &rusqlite::Connection, id: &InventoryId) -> Result<Option<Dataset>> {
    let sql = format!("{} WHERE d.inventory_id = ?1", select_sql());
    Ok(conn
        .query_row(&sql, [id.to_string()], from_row)
        .optional()?)
}

/// Writes all fields of a dataset under its ID (insert or replace).
pub(super) fn write_tx(tx: &Transaction, department: &DepartmentCode, d: &Dataset) -> Result<()> {
    let id = d.id.as_ref().ok_or(Refusal::SaveWithoutId)?;
    let values = [id.to_string(), department.to_string()]
        .into_iter()
        .chain(stored_fields().iter().map(|f| d.get(*f)));
    tx.prepare_cached(upsert_sql())?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// Saves a changed dataset, moving it to the department it now names, and
/// records its status and review changes in the history.
pub(super) fn update_dataset_tx(tx: &Transaction, dataset: &Dataset, by: &str) -> Result<Dataset> {
    let id = dataset.id.clone().ok_or(Refusal::NoIdYet)?;
    let old = dataset_tx(tx, &id)?;
    let department = department_code_for(tx, dataset, &id)?;
    // Classified Public: every column of its sample that is not released
    // says how it is removed or aggregated (see `profile::access`).
    let profile = super::profiles::profile_tx(tx, &id)?;
    crate::profile::check_public(dataset, profile.as_ref()).map_err(Refusal::from)?;
    let mut saved = dataset.clone();
    // A Portal Identifier, once there, is kept: a file or an edit that leaves
    // it blank does not make the portal see a new dataset (a new one replaces it).
    if saved.portal_identifier.is_empty()
        && let Some(old) = &old
    {
        saved.portal_identifier = old.portal_identifier.clone();
    }
    saved.last_updated = Some(super::now());
    write_tx(tx, &department, &saved)?;
    record_changes_tx(tx, old.as_ref(), &saved, by)?;
    Ok(dataset_tx(tx, &id)?.unwrap_or(saved))
}

/// Inserts a dataset that arrives with its own ID (from a file), keeping the ID.
pub(super) fn insert_with_id_tx(tx: &Transaction, dataset: &Dataset, by: &str) -> Result<()> {
    let id = dataset.id.clone().ok_or(Refusal::NoIdYet)?;
    ensure_department_code_tx(tx, &id.department, &dataset.department)?;
    reserve_number_tx(tx, &id.department, id.number)?;
    let department = department_code_for(tx, dataset, &id)?;
    let mut saved = dataset.clone();
    saved.last_updated = Some(super::now());
    write_tx(tx, &department, &saved)?;
    record_changes_tx(tx, None, &saved, by)?;
    Ok(())
}

/// Inserts a new dataset under the department it names, with a fresh ID.
pub(super) fn insert_new_tx(
    tx: &Transaction,
    dataset: &Dataset,
    fallback: &DepartmentCode,
    by: &str,
) -> Result<InventoryId> {
    let department = if dataset.department.trim().is_empty() {
        fallback.clone()
    } else {
        department_for_name_tx(tx, &dataset.department)?
    };
    let number = next_number_tx(tx, &department)?;
    let mut saved = dataset.clone();
    let id = InventoryId::new(department.clone(), number);
    saved.id = Some(id.clone());
    saved.last_updated = Some(super::now());
    write_tx(tx, &department, &saved)?;
    record_changes_tx(tx, None, &saved, by)?;
    Ok(id)
}

fn department_code_for(
    tx: &Transaction,
    dataset: &Dataset,
    id: &InventoryId,
) -> Result<DepartmentCode> {
    if dataset.department.trim().is_empty() {
        let current: Option<String> = tx
            .query_row(
                "SELECT department_code FROM datasets WHERE inventory_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        return Ok(current
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| id.department.clone()));
    }
    department_for_name_tx(tx, &dataset.department)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Department, Status};

    fn store_with_parks() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.save_department(&Department::new("PRK".parse().unwrap(), "Parks"))
            .unwrap();
        s
    }

    fn prk() -> DepartmentCode {
        "PRK".parse().unwrap()
    }

    #[test]
    fn datasets_come_by_department_code_then_by_the_number_of_their_id() {
        let mut s = store_with_parks();
        s.save_department(&Department::new("ART".parse().unwrap(), "Arts"))
            .unwrap();
        let art: DepartmentCode = "ART".parse().unwrap();
        for i in 0..12 {
            let department = if i % 3 == 0 { &art } else { &prk() };
            s.create_dataset(department, Dataset::named(&format!("D{i}")))
                .unwrap();
        }
        let ids: Vec<String> = s.datasets().unwrap().iter().map(Dataset::id_text).collect();
        let mut expected = ids.clone();
        expected.sort_by_key(|id| (id[..3].to_string(), id[4..].parse::<u32>().unwrap()));
        assert_eq!(ids, expected);
        assert_eq!(ids[0], "ART-0001");
        assert_eq!(ids[4], "PRK-0001");
        assert_eq!(ids[11], "PRK-0008");
    }

    #[test]
    fn created_datasets_get_sequential_ids_that_are_never_reused() {
        let mut s = store_with_parks();
        let a = s.create_dataset(&prk(), Dataset::named("Trees")).unwrap();
        let b = s
            .create_dataset(&prk(), Dataset::named("Playgrounds"))
            .unwrap();
        assert_eq!(a.id_text(), "PRK-0001");
        assert_eq!(b.id_text(), "PRK-0002");
        assert_eq!(b.department, "Parks");
        s.delete_dataset(b.id.as_ref().unwrap()).unwrap();
        let c = s.create_dataset(&prk(), Dataset::named("Pools")).unwrap();
        assert_eq!(c.id_text(), "PRK-0003");
    }

    #[test]
    fn a_field_edit_is_saved_at_once_and_a_bad_value_is_refused() {
        let mut s = store_with_parks();
        let d = s.create_dataset(&prk(), Dataset::named("Trees")).unwrap();
        let id = d.id.clone().unwrap();
        s.set_field(&id, Field::UpdateFrequency, "monthly").unwrap();
        assert_eq!(
            s.dataset(&id).unwrap().unwrap().get(Field::UpdateFrequency),
            "Monthly"
        );
        let err = s
            .set_field(&id, Field::ContactEmail, "not an email")
            .unwrap_err();
        assert!(err.to_string().contains("email address"));
        assert_eq!(s.dataset(&id).unwrap().unwrap().contact_email, "");
        assert!(s.set_field(&id, Field::Name, "  ").is_err());
        assert!(s.set_field(&id, Field::Status, "Published").is_err());
        assert_eq!(s.dataset(&id).unwrap().unwrap().name, "Trees");
    }

    #[test]
    fn duplicate_copies_fields_but_not_the_review() {
        let mut s = store_with_parks();
        let mut d = Dataset::named("Trees");
        d.steward = "Kim".into();
        d.status = Status::Approved;
        d.cdo_notes = "fine".into();
        let d = s.create_dataset(&prk(), d).unwrap();
        let copy = s.duplicate_dataset(d.id.as_ref().unwrap()).unwrap();
        assert_eq!(copy.name, "Trees (copy)");
        assert_eq!(copy.steward, "Kim");
        assert_eq!(copy.status, Status::NotReady);
        assert_eq!(copy.cdo_notes, "");
    }
}
