//! The review history of each dataset: status changes, CDO decisions and notes.

use rusqlite::{Connection, Transaction, params};

use super::{Result, Store};
use crate::model::{Dataset, HistoryEntry, HistoryKind, InventoryId};

impl Store {
    /// A dataset's history, oldest first.
    pub fn history(&self, id: &InventoryId) -> Result<Vec<HistoryEntry>> {
        history_tx(&self.conn, id)
    }

    /// Adds a note of the coordinator's to a dataset's history.
    pub fn add_note(&mut self, id: &InventoryId, by: &str, note: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        note_tx(&tx, id, by, note)?;
        tx.commit()?;
        Ok(())
    }
}

/// Adds a note to a dataset's history, inside the caller's transaction.
pub(super) fn note_tx(tx: &Transaction, id: &InventoryId, by: &str, note: &str) -> Result<()> {
    let entry = HistoryEntry {
        at: super::now(),
        kind: HistoryKind::Note,
        by: by.into(),
        note: note.trim().into(),
    };
    insert_tx(tx, id, &entry)
}

/// Marks a dataset of a portal's catalog Published, with the history entry
/// "already published on the portal, imported from FILE on DATE"; nothing when
/// it is Published already (the same catalog imported again).
pub(super) fn published_on_portal_tx(tx: &Transaction, id: &InventoryId, file: &str) -> Result<()> {
    use crate::model::{Status, vocab::Vocabulary};
    let changed = tx
        .prepare_cached("UPDATE datasets SET status = ?1 WHERE inventory_id = ?2 AND status <> ?1")?
        .execute(params![Status::Published.label(), id.to_string()])?;
    if changed == 0 {
        return Ok(());
    }
    let entry = HistoryEntry {
        at: super::now(),
        kind: HistoryKind::PublishedOnPortal { file: file.into() },
        by: String::new(),
        note: String::new(),
    };
    insert_tx(tx, id, &entry)
}

pub(super) fn history_tx(conn: &Connection, id: &InventoryId) -> Result<Vec<HistoryEntry>> {
    let mut stmt =
        conn.prepare_cached("SELECT entry FROM history WHERE inventory_id = ?1 ORDER BY at, id")?;
    let rows = stmt.query_map([id.to_string()], |r| r.get::<_, String>(0))?;
    let mut entries = Vec::new();
    for json in rows {
        if let Ok(entry) = serde_json::from_str(&json?) {
            entries.push(entry);
        }
    }
    Ok(entries)
}

pub(super) fn insert_tx(tx: &Transaction, id: &InventoryId, entry: &HistoryEntry) -> Result<()> {
    tx.prepare_cached("INSERT INTO history (inventory_id, at, entry) VALUES (?1, ?2, ?3)")?
        .execute(params![
            id.to_string(),
            entry.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            serde_json::to_string(entry).unwrap_or_default()
        ])?;
    Ok(())
}

pub(super) fn restore_history_tx(
    tx: &Transaction,
    id: &InventoryId,
    entries: &[HistoryEntry],
) -> Result<()> {
    for e in entries {
        insert_tx(tx, id, e)?;
    }
    Ok(())
}

/// Writes what changed on the review path between two versions of a dataset:
/// a new status, a CDO decision, or a new CDO note.
pub(super) fn record_changes_tx(
    tx: &Transaction,
    old: Option<&Dataset>,
    new: &Dataset,
    by: &str,
) -> Result<()> {
    let Some(id) = &new.id else { return Ok(()) };
    let at = super::now();
    let reviewer = if new.reviewed_by.is_empty() {
        by.to_string()
    } else {
        new.reviewed_by.clone()
    };
    let old_status = old.map(|o| o.status).unwrap_or_default();
    if old_status != new.status {
        let entry = HistoryEntry {
            at,
            kind: HistoryKind::StatusChanged {
                from: old_status,
                to: new.status,
            },
            by: by.to_string(),
            note: String::new(),
        };
        insert_tx(tx, id, &entry)?;
    }
    let old_decision = old.and_then(|o| o.cdo_decision);
    let old_notes = old.map(|o| o.cdo_notes.as_str()).unwrap_or("");
    if new.cdo_decision != old_decision && new.cdo_decision.is_some() {
        let entry = HistoryEntry {
            at,
            kind: HistoryKind::Decision(new.cdo_decision.expect("checked")),
            by: reviewer,
            note: new.cdo_notes.clone(),
        };
        insert_tx(tx, id, &entry)?;
    } else if new.cdo_notes != old_notes && !new.cdo_notes.is_empty() {
        let entry = HistoryEntry {
            at,
            kind: HistoryKind::Note,
            by: reviewer,
            note: new.cdo_notes.clone(),
        };
        insert_tx(tx, id, &entry)?;
    }
    Ok(())
}
