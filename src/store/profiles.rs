//! The profile of each dataset's sample (`crate::profile`), kept whole as
//! JSON: never a row of the sample, only what the profile says of it. A
//! profile and a classification are checked together: a Public dataset's
//! columns that are not released each say how they are removed.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::{Missing, Refusal, Result, Store};
use crate::model::InventoryId;
use crate::profile::{Access, Profile, check_public};

impl Store {
    /// A dataset's profile, if a sample was read.
    pub fn profile(&self, id: &InventoryId) -> Result<Option<Profile>> {
        profile_tx(&self.conn, id)
    }

    /// Keeps a new profile of the dataset's sample in place of the one before.
    /// The access chosen before for a column of the same name is kept.
    pub fn save_profile(&mut self, id: &InventoryId, profile: &Profile) -> Result<Profile> {
        let tx = self.conn.transaction()?;
        let dataset =
            super::datasets::dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        let mut profile = profile.clone();
        if let Some(before) = profile_tx(&tx, id)? {
            for column in &mut profile.columns {
                if let Some(old) = before.column(&column.name) {
                    column.access = old.access;
                    column.access_note = old.access_note.clone();
                }
            }
        }
        check_public(&dataset, Some(&profile)).map_err(Refusal::from)?;
        save_profile_tx(&tx, id, Some(&profile))?;
        tx.commit()?;
        Ok(profile)
    }

    /// Sets who may see one column (by its place in the profile), with the
    /// note on how a column not released is removed or aggregated.
    pub fn set_column_access(
        &mut self,
        id: &InventoryId,
        column: usize,
        access: Access,
        note: &str,
    ) -> Result<Profile> {
        let tx = self.conn.transaction()?;
        let dataset =
            super::datasets::dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        let mut profile = profile_tx(&tx, id)?.ok_or(Refusal::NoSuchColumn)?;
        let target = profile
            .columns
            .get_mut(column)
            .ok_or(Refusal::NoSuchColumn)?;
        target.access = access;
        target.access_note = note.trim().to_string();
        check_public(&dataset, Some(&profile)).map_err(Refusal::from)?;
        save_profile_tx(&tx, id, Some(&profile))?;
        tx.commit()?;
        Ok(profile)
    }
}

pub(super) fn profile_tx(conn: &Connection, id: &InventoryId) -> Result<Option<Profile>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT profile FROM profiles WHERE inventory_id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    // A profile this version cannot read is shown as none; it stays in the
    // file untouched until a sample is read again.
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Writes a dataset's profile, or removes it (`None`).
pub(super) fn save_profile_tx(
    tx: &Transaction,
    id: &InventoryId,
    profile: Option<&Profile>,
) -> Result<()> {
    let Some(profile) = profile else {
        tx.prepare_cached("DELETE FROM profiles WHERE inventory_id = ?1")?
            .execute([id.to_string()])?;
        return Ok(());
    };
    let json = serde_json::to_string(profile).unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO profiles (inventory_id, profile) VALUES (?1, ?2)
         ON CONFLICT(inventory_id) DO UPDATE SET profile = excluded.profile",
    )?
    .execute([id.to_string(), json])?;
    Ok(())
}
