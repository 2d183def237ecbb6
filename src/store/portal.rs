//! What was sent to a portal for each dataset (`crate::portal`): its id and
//! name there and the package as sent, and each call's result in the
//! dataset's history, written together in one transaction.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::{Result, Store};
use crate::model::{HistoryEntry, HistoryKind, InventoryId};
use crate::portal::PortalRecord;

/// One call's result for a dataset: the history line, and the record to keep
/// when the portal took it.
#[derive(Debug, Clone)]
pub struct PortalCall {
    pub portal: String,
    /// What was done, in words ("created as private").
    pub done: String,
    pub ok: bool,
    /// The portal's refusal in plain words, or empty.
    pub note: String,
    pub record: Option<PortalRecord>,
}

impl Store {
    /// What was last sent to `portal`, by dataset.
    pub fn portal_records(&self, portal: &str) -> Result<HashMap<InventoryId, PortalRecord>> {
        self.records_sent(portal, None)
    }

    /// What was last sent to `portal` of one dataset: the editor reads it
    /// each time the dataset is saved, so not every dataset's record.
    pub fn portal_record(&self, portal: &str, id: &InventoryId) -> Result<Option<PortalRecord>> {
        Ok(self.records_sent(portal, Some(id))?.remove(id))
    }

    /// The records of `portal`: every dataset's, or `only` one's.
    fn records_sent(
        &self,
        portal: &str,
        only: Option<&InventoryId>,
    ) -> Result<HashMap<InventoryId, PortalRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT inventory_id, ckan_id, ckan_name, sent, sent_at FROM portal_records
             WHERE portal = ?1 AND (?2 IS NULL OR inventory_id = ?2)",
        )?;
        let only = only.map(|id| id.to_string());
        let rows = stmt.query_map(params![portal, only], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, ckan_id, ckan_name, sent, sent_at) = row?;
            let Ok(id) = id.parse::<InventoryId>() else {
                continue;
            };
            out.insert(
                id,
                PortalRecord {
                    portal: portal.to_string(),
                    ckan_id,
                    ckan_name,
                    sent: serde_json::from_str(&sent).unwrap_or_default(),
                    sent_at,
                },
            );
        }
        Ok(out)
    }

    /// Writes a call's result to the dataset's history and, when the portal
    /// took it, keeps what was sent.
    pub fn record_portal_call(
        &mut self,
        id: &InventoryId,
        by: &str,
        call: &PortalCall,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        if let Some(record) = &call.record {
            save_record_tx(&tx, id, record)?;
        }
        let entry = HistoryEntry {
            at: super::now(),
            kind: HistoryKind::Portal {
                address: call.portal.clone(),
                done: call.done.clone(),
                ok: call.ok,
            },
            by: by.to_string(),
            note: call.note.clone(),
        };
        super::history::insert_tx(&tx, id, &entry)?;
        tx.commit()?;
        Ok(())
    }
}

/// Every portal's record of one dataset (kept by a delete for its undo).
pub(super) fn records_of_tx(tx: &Transaction, id: &InventoryId) -> Result<Vec<PortalRecord>> {
    let mut stmt = tx.prepare_cached(
        "SELECT portal, ckan_id, ckan_name, sent, sent_at FROM portal_records WHERE inventory_id = ?1 ORDER BY portal",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| {
        Ok(PortalRecord {
            portal: r.get(0)?,
            ckan_id: r.get(1)?,
            ckan_name: r.get(2)?,
            sent: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
            sent_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn save_record_tx(tx: &Transaction, id: &InventoryId, r: &PortalRecord) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO portal_records (inventory_id, portal, ckan_id, ckan_name, sent, sent_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(inventory_id, portal) DO UPDATE SET ckan_id = excluded.ckan_id,
           ckan_name = excluded.ckan_name, sent = excluded.sent, sent_at = excluded.sent_at",
    )?
    .execute(params![
        id.to_string(),
        r.portal,
        r.ckan_id,
        r.ckan_name,
        r.sent.to_string(),
        r.sent_at
    ])?;
    Ok(())
}
