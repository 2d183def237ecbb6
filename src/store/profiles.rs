//! The profile of each dataset's sample (`crate::profile`), kept whole as
//! JSON: never a row of the sample, only what the profile says of it. A
//! profile and a classification are checked together: a Public dataset's
//! columns that are not released each say how they are removed.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::{Missing, Refusal, Result, Store};
use crate::model::InventoryId;
use crate::profile::dictionary::{draft_description, draft_unit};
use crate::profile::{Access, Part, Profile, check_public};

/// The setting that holds where the data dictionaries (Table Schema files)
/// will be published: data.json links each dataset's under it.
pub const DICTIONARY_BASE: &str = "dictionary.published_at";

impl Store {
    /// A dataset's profile, if a sample was read.
    pub fn profile(&self, id: &InventoryId) -> Result<Option<Profile>> {
        profile_tx(&self.conn, id)
    }

    /// Keeps a new profile of the dataset's sample in place of the one before.
    /// The access and the dictionary written before for a column of the same
    /// name are kept.
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
                    column.description = old.description.clone();
                    column.unit = old.unit.clone();
                    column.empty_means = old.empty_means.clone();
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

impl Store {
    /// Writes one part of the data dictionary of one column (by its place in
    /// the profile): its description, unit or what an empty cell means.
    pub fn set_column_part(
        &mut self,
        id: &InventoryId,
        column: usize,
        part: Part,
        text: &str,
    ) -> Result<Profile> {
        let tx = self.conn.transaction()?;
        let mut profile = profile_tx(&tx, id)?.ok_or(Refusal::NoSuchColumn)?;
        let target = profile
            .columns
            .get_mut(column)
            .ok_or(Refusal::NoSuchColumn)?;
        part.set(target, text);
        save_profile_tx(&tx, id, Some(&profile))?;
        tx.commit()?;
        Ok(profile)
    }

    /// Fills the description and the unit of each column that has none with
    /// the app's draft (never over what a person wrote). Says how many
    /// columns got a draft.
    pub fn draft_dictionary(&mut self, id: &InventoryId) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let Some(mut profile) = profile_tx(&tx, id)? else {
            return Ok(0);
        };
        let mut drafted = 0;
        for column in &mut profile.columns {
            let mut changed = false;
            if column.description.trim().is_empty() {
                column.description = draft_description(column);
                changed = true;
            }
            if column.unit.trim().is_empty() {
                let unit = draft_unit(column);
                changed |= !unit.is_empty();
                column.unit = unit;
            }
            drafted += usize::from(changed);
        }
        save_profile_tx(&tx, id, Some(&profile))?;
        tx.commit()?;
        Ok(drafted)
    }

    /// Where the data dictionaries will be published, if set.
    pub fn dictionary_base(&self) -> Result<Option<String>> {
        Ok(self
            .setting(DICTIONARY_BASE)?
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()))
    }

    /// Sets where the data dictionaries will be published (a web address
    /// starting with https:// or http://); an empty text clears it.
    pub fn set_dictionary_base(&mut self, address: &str) -> Result<()> {
        let address = address.trim();
        if !address.is_empty() && !crate::catalog::links::is_web_address(address) {
            return Err(Refusal::DictionaryAddress(address.to_string()).into());
        }
        self.set_setting(DICTIONARY_BASE, address)
    }

    /// Every dataset's profile, by dataset (for the workbook and the Table
    /// Schema export).
    pub fn all_profiles(&self) -> Result<std::collections::HashMap<InventoryId, Profile>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT inventory_id, profile FROM profiles")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (id, json) = row?;
            if let (Ok(id), Ok(profile)) = (id.parse(), serde_json::from_str(&json)) {
                out.insert(id, profile);
            }
        }
        Ok(out)
    }
}

/// Applies the dictionary parts an import takes (`workbook::merge`):
/// (dataset, column name, part, text). A column the profile no longer has
/// is passed over (the preview named it).
pub(super) fn import_parts_tx(
    tx: &Transaction,
    parts: &[(InventoryId, String, Part, String)],
) -> Result<()> {
    let mut by_dataset: std::collections::BTreeMap<&InventoryId, Vec<_>> = Default::default();
    for (id, column, part, text) in parts {
        by_dataset
            .entry(id)
            .or_default()
            .push((column, *part, text));
    }
    for (id, parts) in by_dataset {
        let Some(mut profile) = profile_tx(tx, id)? else {
            continue;
        };
        for (column, part, text) in parts {
            if let Some(c) = profile.columns.iter_mut().find(|c| c.name == *column) {
                part.set(c, text);
            }
        }
        save_profile_tx(tx, id, Some(&profile))?;
    }
    Ok(())
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
