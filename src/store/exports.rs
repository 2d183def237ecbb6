//! Export snapshots and applying an import.
//!
//! Each export remembers, per dataset, one hash of every field as it left. When
//! the file comes back, comparing the file, the snapshot and today's inventory
//! tells who changed a cell: that is the three-way merge of `workbook::merge`.

use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, params};

use super::checklist::{CheckRow, import_check_tx};
use super::datasets::{dataset_tx, insert_new_tx, insert_with_id_tx, update_dataset_tx};
use super::distributions::replace_distributions_tx;
use super::history::published_on_portal_tx;
use super::review::import_plan_tx;
use super::{Result, Store};
use crate::checklist::CheckState;
use crate::model::vocab::Vocabulary;
use crate::model::{
    Dataset, DepartmentCode, Distribution, Field, InventoryId, PublicationPlan, Status,
};

/// How many export snapshots are kept; a file older than these gets a two-way diff.
pub const EXPORTS_KEPT: usize = 10;

/// FNV-1a, 64 bits: tiny, and stable across Rust versions and machines (the
/// standard library's hasher may change, and a snapshot lives for months).
pub fn field_hash(text: &str) -> u64 {
    fnv_on(FNV_START, text.as_bytes())
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, carried on over more bytes: the hash of the bytes before and these.
fn fnv_on(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Every field's hash of one dataset, in field order.
pub fn dataset_hashes(dataset: &Dataset) -> Vec<u64> {
    Field::ALL
        .iter()
        .map(|f| field_hash(&dataset.get(*f)))
        .collect()
}

fn unpack_hashes(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("chunks of 8")))
        .collect()
}

/// The hash of a check's answer and note, as an export snapshot keeps it.
pub fn check_hash(state: &CheckState) -> u64 {
    // The hash of "answer\u{1f}note", without writing that text out: an
    // import hashes every answer of the file.
    let answer = state.answer.map(|a| a.label()).unwrap_or("");
    let hash = fnv_on(FNV_START, answer.as_bytes());
    fnv_on(fnv_on(hash, &[0x1f]), state.note.as_bytes())
}

/// One dataset's checks as a snapshot keeps them: (question id hash, answer hash) pairs.
fn pack_checks(checks: &[&CheckRow]) -> Vec<u8> {
    checks
        .iter()
        .flat_map(|c| [field_hash(&c.question_id), check_hash(&c.state)])
        .flat_map(|h| h.to_le_bytes())
        .collect()
}

/// What an earlier export held.
#[derive(Debug, Clone, Default)]
pub struct ExportSnapshot {
    pub export_id: String,
    pub rows: HashMap<InventoryId, Vec<u64>>,
}

/// One change an import makes.
#[derive(Debug, Clone)]
pub enum Write {
    /// A new dataset; it gets a fresh ID in the department it names.
    Insert(Dataset),
    /// A dataset that arrives with an ID this inventory does not have yet.
    InsertWithId(Dataset),
    /// New values for a dataset the inventory has.
    Update(Dataset),
}

/// What an import writes beside its datasets, once they are saved (so that a
/// dataset the file adds is there for its answers and its plan).
#[derive(Debug, Clone, Copy, Default)]
pub struct Attached<'a> {
    /// Check answers from the file's Checklist sheet.
    pub checks: &'a [CheckRow],
    /// Publication plans from the file's Publication Plan sheet; an empty plan
    /// removes the dataset's plan.
    pub plans: &'a [(InventoryId, PublicationPlan)],
    /// Distributions that replace a dataset's list, by the index of the
    /// dataset's write (a new dataset's ID is only known once it is written).
    pub distributions: &'a [(usize, Vec<Distribution>)],
    /// The file is a portal's catalog, of this name: its datasets come in as
    /// Published, with a history that says so (not a review decision).
    pub portal: Option<&'a str>,
    /// Data dictionary parts the file's Attributes sheet brings: (dataset,
    /// column name, part, text), written into the dataset's profile.
    pub attributes: &'a [(InventoryId, String, crate::profile::Part, String)],
    /// The choices a foreign file was read with, remembered for the next file
    /// with the same headers (by their signature).
    pub choices: Option<(&'a str, &'a crate::workbook::choices::ImportChoices)>,
    /// Departments the file adds, with the codes chosen for them: saved
    /// before the datasets, which find them by name.
    pub departments: &'a [crate::model::Department],
    /// Values the file brings that the person added to the inventory's lists:
    /// written before the datasets, which are then matched to them.
    pub list_entries: &'a [(crate::model::List, crate::model::ListEntry)],
}

impl Store {
    /// Remembers what an export held (its datasets, and the answered checks it
    /// carried), and forgets all but the newest ten exports.
    pub fn record_export(
        &mut self,
        export_id: &str,
        department: Option<&DepartmentCode>,
        datasets: &[Dataset],
        checks: &[CheckRow],
    ) -> Result<()> {
        let mut by_dataset: HashMap<&InventoryId, Vec<&CheckRow>> = HashMap::new();
        for c in checks {
            by_dataset.entry(&c.id).or_default().push(c);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO exports (export_id, at, department_code, datasets) VALUES (?1, ?2, ?3, ?4)",
            params![export_id, super::now().to_string(), department.map(|d| d.to_string()), datasets.len() as i64],
        )?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO export_rows (export_id, inventory_id, hashes, checks) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for d in datasets {
                let Some(id) = &d.id else { continue };
                let blob: Vec<u8> = dataset_hashes(d)
                    .iter()
                    .flat_map(|h| h.to_le_bytes())
                    .collect();
                let checks = pack_checks(by_dataset.get(id).map_or(&[][..], |v| v));
                stmt.execute(params![export_id, id.to_string(), blob, checks])?;
            }
        }
        tx.execute(
            "DELETE FROM exports WHERE export_id NOT IN (SELECT export_id FROM exports ORDER BY at DESC, rowid DESC LIMIT ?1)",
            [EXPORTS_KEPT as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// When the newest export was made (`2026-03-02 14:05:00`), and how many
    /// datasets it held; `None` before the first.
    pub fn latest_export(&self) -> Result<Option<(String, usize)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at, datasets FROM exports ORDER BY at DESC, rowid DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as usize)),
            )
            .optional()?)
    }

    /// Whether this inventory made (and still remembers) the export.
    pub fn has_export(&self, export_id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM exports WHERE export_id = ?1",
                [export_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The field hashes one dataset had in an export.
    pub fn export_row_hashes(&self, export_id: &str, id: &InventoryId) -> Result<Option<Vec<u64>>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached(
                "SELECT hashes FROM export_rows WHERE export_id = ?1 AND inventory_id = ?2",
            )?
            .query_row(params![export_id, id.to_string()], |r| r.get(0))
            .optional()?;
        Ok(blob.map(|b| unpack_hashes(&b)))
    }

    /// The checks one dataset carried in an export, as answer hashes by question
    /// id hash (a check missing there was unanswered). `None` when the export
    /// did not hold the dataset, or was made before exports carried checks.
    pub fn export_check_hashes(
        &self,
        export_id: &str,
        id: &InventoryId,
    ) -> Result<Option<HashMap<u64, u64>>> {
        let blob: Option<Option<Vec<u8>>> = self
            .conn
            .prepare_cached(
                "SELECT checks FROM export_rows WHERE export_id = ?1 AND inventory_id = ?2",
            )?
            .query_row(params![export_id, id.to_string()], |r| r.get(0))
            .optional()?;
        Ok(blob.flatten().map(|b| {
            let hashes = unpack_hashes(&b);
            hashes.chunks_exact(2).map(|p| (p[0], p[1])).collect()
        }))
    }

    /// Remembers the data dictionary an export carried on its Attributes
    /// sheet: per dataset, each column's name hash and its three parts'
    /// hashes (`Part::ALL`'s order).
    pub fn record_export_attributes(
        &mut self,
        export_id: &str,
        profiles: &[(InventoryId, crate::profile::Profile)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare(
                "UPDATE export_rows SET attributes = ?3 WHERE export_id = ?1 AND inventory_id = ?2",
            )?;
            for (id, profile) in profiles {
                let blob: Vec<u8> = profile
                    .columns
                    .iter()
                    .flat_map(|c| {
                        let parts = crate::profile::Part::ALL.map(|p| field_hash(p.of(c)));
                        std::iter::once(field_hash(&c.name)).chain(parts)
                    })
                    .flat_map(|h| h.to_le_bytes())
                    .collect();
                stmt.execute(params![export_id, id.to_string(), blob])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The data dictionary one dataset carried in an export: by the hash of
    /// a column's name, its three parts' hashes. `None` when the export did
    /// not carry the dataset's dictionary (it had no sample then, or the
    /// export was made before exports carried it).
    pub fn export_attribute_hashes(
        &self,
        export_id: &str,
        id: &InventoryId,
    ) -> Result<Option<HashMap<u64, [u64; 3]>>> {
        let blob: Option<Option<Vec<u8>>> = self
            .conn
            .prepare_cached(
                "SELECT attributes FROM export_rows WHERE export_id = ?1 AND inventory_id = ?2",
            )?
            .query_row(params![export_id, id.to_string()], |r| r.get(0))
            .optional()?;
        Ok(blob.flatten().map(|b| {
            let hashes = unpack_hashes(&b);
            hashes
                .chunks_exact(4)
                .map(|c| (c[0], [c[1], c[2], c[3]]))
                .collect()
        }))
    }

    /// Forgets an export whose file could not be written.
    pub fn forget_export(&mut self, export_id: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM exports WHERE export_id = ?1", [export_id])?;
        Ok(())
    }

    /// The snapshot of an export this inventory made, if it still has it.
    pub fn export_snapshot(&self, export_id: &str) -> Result<Option<ExportSnapshot>> {
        let known: Option<String> = self
            .conn
            .query_row(
                "SELECT export_id FROM exports WHERE export_id = ?1",
                [export_id],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            return Ok(None);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT inventory_id, hashes FROM export_rows WHERE export_id = ?1")?;
        let rows = stmt.query_map([export_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        let mut snapshot = ExportSnapshot {
            export_id: export_id.to_string(),
            rows: HashMap::new(),
        };
        for row in rows {
            let (id, blob) = row?;
            let Ok(id) = id.parse() else { continue };
            let hashes = unpack_hashes(&blob);
            snapshot.rows.insert(id, hashes);
        }
        Ok(Some(snapshot))
    }

    /// Applies an import in one transaction, after a backup copy of the database.
    /// Returns where the backup is. If anything fails, nothing is changed.
    pub fn apply(
        &mut self,
        writes: &[Write],
        fallback: &DepartmentCode,
        by: &str,
        new_sources: &[crate::model::DataSource],
    ) -> Result<Option<PathBuf>> {
        self.apply_with_checks(writes, &[], fallback, by, new_sources)
    }

    /// `apply`, with check answers from the file's Checklist sheet written in the
    /// same transaction (after the datasets, so a new dataset's checks find it).
    pub fn apply_with_checks(
        &mut self,
        writes: &[Write],
        checks: &[CheckRow],
        fallback: &DepartmentCode,
        by: &str,
        new_sources: &[crate::model::DataSource],
    ) -> Result<Option<PathBuf>> {
        let attached = Attached {
            checks,
            ..Attached::default()
        };
        self.apply_import(writes, attached, fallback, by, new_sources)
    }

    /// `apply`, with what the file attaches to its datasets (check answers,
    /// publication plans) written in the same transaction.
    pub fn apply_import(
        &mut self,
        writes: &[Write],
        attached: Attached,
        fallback: &DepartmentCode,
        by: &str,
        new_sources: &[crate::model::DataSource],
    ) -> Result<Option<PathBuf>> {
        // Before the backup copy: a read-only window would only leave a copy.
        self.writable()?;
        let backup = self.backup()?;
        self.apply_tx(writes, attached, fallback, by, new_sources)?;
        Ok(backup)
    }

    /// `apply` for data that is not the coordinator's (samples): no backup copy.
    /// Returns the IDs of the datasets written, in order.
    pub fn apply_without_backup(
        &mut self,
        writes: &[Write],
        fallback: &DepartmentCode,
        by: &str,
        new_sources: &[crate::model::DataSource],
    ) -> Result<Vec<InventoryId>> {
        self.apply_tx(writes, Attached::default(), fallback, by, new_sources)
    }

    fn apply_tx(
        &mut self,
        writes: &[Write],
        attached: Attached,
        fallback: &DepartmentCode,
        by: &str,
        new_sources: &[crate::model::DataSource],
    ) -> Result<Vec<InventoryId>> {
        let tx = self.conn.transaction()?;
        for department in attached.departments {
            super::departments::save_department_tx(&tx, department)?;
        }
        for source in new_sources {
            super::sources::insert_source_tx(&tx, source)?;
        }
        for (list, entry) in attached.list_entries {
            super::lists::add_entry_tx(&tx, *list, entry)?;
        }
        // Read once for the whole file, not once per dataset.
        let lists = super::lists::lists_tx(&tx)?;
        let mut ids = Vec::with_capacity(writes.len());
        let mut distributions = attached.distributions.iter().peekable();
        for (n, write) in writes.iter().enumerate() {
            // A catalog's dataset is saved with the status it had, then marked
            // Published with its own history entry: no review move is recorded.
            let held;
            let write = match attached.portal {
                Some(_) => {
                    held = status_held_back(&tx, write)?;
                    &held
                }
                None => write,
            };
            let id = match write {
                Write::Insert(d) => {
                    let d = super::lists::matched(&lists, d);
                    Some(insert_new_tx(&tx, &d, fallback, by)?)
                }
                Write::InsertWithId(d) => {
                    insert_with_id_tx(&tx, &super::lists::matched(&lists, d), by)?;
                    d.id.clone()
                }
                Write::Update(d) => {
                    update_dataset_tx(&tx, &super::lists::matched(&lists, d), by)?.id
                }
            };
            if let Some(id) = &id {
                if let Some((_, list)) = distributions.next_if(|(i, _)| *i == n) {
                    replace_distributions_tx(&tx, id, list)?;
                }
                if let Some(file) = attached.portal {
                    published_on_portal_tx(&tx, id, file)?;
                }
            }
            ids.extend(id);
        }
        let now = super::now();
        for check in attached.checks {
            import_check_tx(&tx, check, now)?;
        }
        for (id, plan) in attached.plans {
            import_plan_tx(&tx, id, plan)?;
        }
        super::profiles::import_parts_tx(&tx, attached.attributes)?;
        if let Some((signature, choices)) = attached.choices {
            super::mappings::remember_choices_tx(&tx, signature, choices)?;
        }
        tx.commit()?;
        Ok(ids)
    }
}

/// A write of a catalog's dataset with the status the dataset has now (Not
/// ready for a new one), so that saving it records no status change.
fn status_held_back(tx: &rusqlite::Transaction, write: &Write) -> Result<Write> {
    let hold = |d: &Dataset, status: Status| {
        let mut d = d.clone();
        d.status = status;
        d
    };
    Ok(match write {
        Write::Insert(d) => Write::Insert(hold(d, Status::default())),
        Write::InsertWithId(d) => Write::InsertWithId(hold(d, Status::default())),
        Write::Update(d) => {
            let now = match &d.id {
                Some(id) => dataset_tx(tx, id)?.map(|o| o.status),
                None => None,
            };
            Write::Update(hold(d, now.unwrap_or_default()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CheckAnswer;
    use crate::model::Department;

    #[test]
    fn an_export_snapshot_is_kept_and_old_ones_are_dropped() {
        let mut s = Store::open_in_memory().unwrap();
        let prk: DepartmentCode = "PRK".parse().unwrap();
        s.save_department(&Department::new(prk.clone(), "Parks"))
            .unwrap();
        let d = s.create_dataset(&prk, Dataset::named("Trees")).unwrap();
        for i in 0..12 {
            s.record_export(&format!("e{i}"), None, std::slice::from_ref(&d), &[])
                .unwrap();
        }
        assert!(s.export_snapshot("e0").unwrap().is_none());
        let snap = s.export_snapshot("e11").unwrap().unwrap();
        assert_eq!(snap.rows[d.id.as_ref().unwrap()], dataset_hashes(&d));
    }

    #[test]
    fn field_hash_is_stable() {
        assert_eq!(field_hash(""), 0xcbf29ce484222325);
        assert_eq!(field_hash("a"), 0xaf63dc4c8601ec8c);
    }

    /// Snapshots keep answers' hashes: a hash computed another way must
    /// still be the hash of the answer and note joined by a unit separator.
    #[test]
    fn an_answer_hashes_as_its_answer_and_note_joined() {
        let state = |answer, note: &str| CheckState {
            answer,
            note: note.into(),
            on: chrono::NaiveDate::default(),
        };
        for (answer, note) in [
            (Some(CheckAnswer::Yes), ""),
            (Some(CheckAnswer::No), "the owner said so, é"),
            (None, "a note alone"),
            (None, ""),
        ] {
            let label = answer.map(|a: CheckAnswer| a.label()).unwrap_or("");
            assert_eq!(
                check_hash(&state(answer, note)),
                field_hash(&format!("{label}\u{1f}{note}"))
            );
        }
    }
}
