//! Datasets: create, read, change one field, duplicate, delete and undo.

use std::sync::OnceLock;

use rusqlite::{OptionalExtension, Row, Transaction, params_from_iter};

use super::departments::{
    department_for_name_tx, ensure_department_code_tx, next_number_tx, reserve_number_tx,
};
use super::history::{history_tx, record_changes_tx, restore_history_tx};
use super::{Missing, Refusal, Result, Store, StoreError};
use crate::checklist::{assess, suggest};
use crate::model::vocab::Vocabulary;
use crate::model::{
    Category, CheckAnswer, Classification, Dataset, DepartmentCode, Field, Frequency, HistoryEntry,
    InventoryId, Rating, RecordsRequests, Status,
};

/// Fields kept in their own column of `datasets` (all but the two the store derives).
fn stored_fields() -> &'static [Field] {
    static FIELDS: OnceLock<Vec<Field>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| !matches!(f, Field::Department | Field::InventoryId))
            .collect()
    })
}

fn select_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let cols: Vec<String> = stored_fields().iter().map(|f| format!("d.{}", f.key())).collect();
        format!(
            "SELECT d.inventory_id, dep.name, {} FROM datasets d JOIN departments dep ON dep.code = d.department_code",
            cols.join(", ")
        )
    })
}

/// The table's query: every column; the checks answered, as `id=Answer`
/// pairs; and the publication and refresh dates (`published|refreshed`).
fn summary_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let (select, from) = select_sql()
            .split_once(" FROM ")
            .expect("the select has a FROM");
        format!(
            "{select}, (SELECT group_concat(a.question_id || '=' || a.answer, ',') FROM checklist_answers a
               WHERE a.inventory_id = d.inventory_id AND a.answer <> ''),
             (SELECT p.published_on || '|' || p.last_refreshed FROM publication_plans p
               WHERE p.inventory_id = d.inventory_id) FROM {from}"
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

/// The inventory table's view of one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetSummary {
    pub id: InventoryId,
    pub department: String,
    pub name: String,
    pub steward: String,
    pub contents: String,
    /// The keywords as the workbook writes them (`a; b`).
    pub keywords: String,
    pub classification: Option<Classification>,
    pub priority: Option<Rating>,
    pub status: Status,
    pub category: Option<Category>,
    pub prompts: [bool; 8],
    pub last_updated: String,
    /// Checklist completeness, 0 to 100.
    pub complete: u8,
    /// The priority the value, quality and readiness checks suggest.
    pub suggested: Option<Rating>,
    /// Published, and its refresh is overdue for its update frequency.
    pub late: bool,
    /// Asked for in records requests monthly or more often.
    pub requested_often: bool,
}

fn summary_from_row(row: &Row) -> rusqlite::Result<Option<DatasetSummary>> {
    let Ok(id) = row
        .get_ref(0)?
        .as_str()
        .unwrap_or("")
        .parse::<InventoryId>()
    else {
        return Ok(None);
    };
    let department: String = row.get(1)?;
    let mut texts: [&str; Field::COUNT] = [""; Field::COUNT];
    for (i, field) in stored_fields().iter().enumerate() {
        texts[field.index()] = row.get_ref(i + 2)?.as_str().unwrap_or("");
    }
    texts[Field::Department.index()] = department.as_str();
    let text = |f: Field| texts[f.index()];
    let extra = stored_fields().len() + 2;
    let checks = row.get_ref(extra)?.as_str().unwrap_or("");
    let answer = |id: &str| {
        checks
            .split(',')
            .find_map(|pair| pair.strip_prefix(id)?.strip_prefix('='))
            .and_then(CheckAnswer::parse)
    };
    let complete = assess(text, |id| answer(id).is_some()).percent();
    let suggested = suggest(answer).map(|s| s.rating);
    let status = Status::parse(text(Field::Status)).unwrap_or_default();
    let dates = row.get_ref(extra + 1)?.as_str().unwrap_or("");
    let late = status == Status::Published && refresh_is_late(text(Field::UpdateFrequency), dates);
    let mut prompts = [false; 8];
    for (flag, field) in prompts.iter_mut().zip(Field::PROMPTS) {
        *flag = !text(field).is_empty();
    }
    Ok(Some(DatasetSummary {
        id,
        name: text(Field::Name).to_string(),
        steward: text(Field::Steward).to_string(),
        contents: text(Field::Contents).to_string(),
        keywords: text(Field::Keywords).to_string(),
        classification: Classification::parse(text(Field::Classification)),
        priority: Rating::parse(text(Field::Priority)),
        status,
        category: Category::parse(text(Field::Category)),
        prompts,
        last_updated: text(Field::LastUpdated)
            .get(..16)
            .unwrap_or(text(Field::LastUpdated))
            .to_string(),
        complete,
        suggested,
        late,
        requested_often: matches!(
            RecordsRequests::parse(text(Field::RecordsRequests)),
            Some(RecordsRequests::Monthly | RecordsRequests::Weekly | RecordsRequests::Daily)
        ),
        department,
    }))
}

/// A dataset as the Step 1 wizard lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptRow {
    pub id: InventoryId,
    pub name: String,
    pub system: String,
    pub prompts: [bool; 8],
}

/// Whether a refresh is overdue today, from the update frequency's label and
/// `published|refreshed` dates.
fn refresh_is_late(frequency: &str, dates: &str) -> bool {
    let (published, refreshed) = dates.split_once('|').unwrap_or(("", ""));
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    crate::model::refresh_due(Frequency::parse(frequency), day(refreshed), day(published))
        .is_some_and(|due| due < super::now().date())
}

/// A deleted dataset with its history, kept by the caller so it can be undone.
#[derive(Debug, Clone)]
pub struct DeletedDataset {
    pub dataset: Dataset,
    pub history: Vec<HistoryEntry>,
    /// The checklist's current check answers and its audit trail.
    pub answers: Vec<super::TrailEntry>,
    pub trail: Vec<super::TrailEntry>,
    pub plan: crate::model::PublicationPlan,
}

impl Store {
    /// Every dataset, ordered by Inventory ID.
    pub fn datasets(&self) -> Result<Vec<Dataset>> {
        let sql = format!(
            "{} ORDER BY d.department_code, CAST(substr(d.inventory_id, 5) AS INTEGER)",
            select_sql()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the inventory table shows of one of `parts` interleaved shares of the
    /// datasets, read straight from the columns: no dataset is built, and fields
    /// the table does not show are only checked for being answered.
    pub fn summaries_share(&self, part: u32, parts: u32) -> Result<Vec<DatasetSummary>> {
        let sql = format!("{} WHERE d.rowid % ?2 = ?1", summary_sql());
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([part, parts.max(1)], summary_from_row)?;
        Ok(rows
            .filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?)
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

    /// What the inventory table shows of one dataset.
    pub fn summary(&self, id: &InventoryId) -> Result<Option<DatasetSummary>> {
        let sql = format!("{} WHERE d.inventory_id = ?1", summary_sql());
        let summary = self
            .conn
            .query_row(&sql, [id.to_string()], summary_from_row)
            .optional()?;
        Ok(summary.flatten())
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

    /// Adds a dataset to a department and returns it with its new Inventory ID.
    pub fn create_dataset(
        &mut self,
        department: &DepartmentCode,
        mut dataset: Dataset,
    ) -> Result<Dataset> {
        require_name(&dataset)?;
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
        let saved = update_dataset_tx(&tx, dataset, "")?;
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

    /// Deletes a dataset; the returned value can be given to `restore_dataset`.
    pub fn delete_dataset(&mut self, id: &InventoryId) -> Result<DeletedDataset> {
        let tx = self.conn.transaction()?;
        let dataset = dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        let history = history_tx(&tx, id)?;
        let (answers, trail) = super::checklist::saved_answers_tx(&tx, id)?;
        let plan = super::review::plan_tx(&tx, id)?;
        tx.execute(
            "DELETE FROM datasets WHERE inventory_id = ?1",
            [id.to_string()],
        )?;
        tx.commit()?;
        Ok(DeletedDataset {
            dataset,
            history,
            answers,
            trail,
            plan,
        })
    }

    /// Undoes a delete: the dataset comes back under the same ID with its history.
    pub fn restore_dataset(&mut self, deleted: &DeletedDataset) -> Result<()> {
        let id = deleted
            .dataset
            .id
            .clone()
            .ok_or(Refusal::RestoreWithoutId)?;
        let tx = self.conn.transaction()?;
        ensure_department_code_tx(&tx, &id.department, &deleted.dataset.department)?;
        write_tx(&tx, &id.department, &deleted.dataset)?;
        restore_history_tx(&tx, &id, &deleted.history)?;
        super::checklist::restore_answers_tx(&tx, &id, &deleted.answers, &deleted.trail)?;
        if !deleted.plan.is_empty() {
            super::review::save_plan_tx(&tx, &id, &deleted.plan)?;
        }
        tx.commit()?;
        Ok(())
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
    let mut saved = dataset.clone();
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
    fn a_summary_says_what_the_dataset_says() {
        let mut s = store_with_parks();
        let mut d = Dataset::named("Street Trees");
        d.steward = "Kim".into();
        d.set(Field::Classification, "Public").unwrap();
        d.set(Field::ExistingPublication, "Yes").unwrap();
        d.set(Field::CitywideGoal, "Yes").unwrap();
        d.set(Field::Keywords, "trees; shade").unwrap();
        let d = s.create_dataset(&prk(), d).unwrap();
        let summary = s.summaries_share(0, 1).unwrap().remove(0);
        assert_eq!(summary.id, d.id.clone().unwrap());
        assert_eq!(
            (
                summary.name.as_str(),
                summary.department.as_str(),
                summary.steward.as_str()
            ),
            ("Street Trees", "Parks", "Kim")
        );
        assert_eq!(summary.classification, d.classification);
        assert_eq!(summary.keywords, "trees; shade");
        assert!(!summary.requested_often);
        assert!(summary.prompts[0] && !summary.prompts[1]);
        assert_eq!(
            summary.complete,
            crate::checklist::completeness(&d, &Default::default()).percent()
        );
        assert_eq!(
            summary.last_updated,
            d.last_updated.unwrap().format("%Y-%m-%d %H:%M").to_string()
        );
    }

    #[test]
    fn shares_together_hold_every_dataset_once() {
        let mut s = store_with_parks();
        for i in 0..7 {
            s.create_dataset(&prk(), Dataset::named(&format!("D{i}")))
                .unwrap();
        }
        let mut names: Vec<String> = (0..2)
            .flat_map(|p| s.summaries_share(p, 2).unwrap())
            .map(|d| d.name)
            .collect();
        names.sort();
        assert_eq!(names, ["D0", "D1", "D2", "D3", "D4", "D5", "D6"]);
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
    fn delete_then_undo_brings_back_the_dataset_and_its_history() {
        let mut s = store_with_parks();
        let d = s.create_dataset(&prk(), Dataset::named("Trees")).unwrap();
        let id = d.id.clone().unwrap();
        s.add_note(&id, "Ana", "Asked the steward").unwrap();
        let before = s.dataset(&id).unwrap().unwrap();
        let deleted = s.delete_dataset(&id).unwrap();
        assert!(s.dataset(&id).unwrap().is_none());
        s.restore_dataset(&deleted).unwrap();
        assert_eq!(s.dataset(&id).unwrap().unwrap(), before);
        assert_eq!(s.history(&id).unwrap().len(), 1);
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
