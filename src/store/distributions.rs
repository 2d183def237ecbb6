//! Each dataset's distributions (`model::Distribution`): read, replaced whole
//! by an import, and added, changed or removed one at a time by the editor.
//! A dataset's list keeps its order (`position`); deleting the dataset takes
//! its list along (the schema cascades), and `removal` keeps it for the undo.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, params};

use super::datasets::dataset_tx;
use super::{Missing, Result, Store};
use crate::model::{Distribution, InventoryId};

impl Store {
    /// One dataset's distributions, in order.
    pub fn distributions(&self, id: &InventoryId) -> Result<Vec<Distribution>> {
        distributions_tx(&self.conn, id)
    }

    /// Every dataset's distributions, by dataset, each list in order: one read
    /// for an export or an import of thousands of datasets.
    pub fn all_distributions(&self) -> Result<HashMap<InventoryId, Vec<Distribution>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT inventory_id, title, download_url, access_url, media_type, format, description
             FROM distributions ORDER BY inventory_id, position",
        )?;
        let rows = stmt.query_map([], |r| {
            let id: String = r.get(0)?;
            Ok((id, from_row(r, 1)?))
        })?;
        let mut all: HashMap<InventoryId, Vec<Distribution>> = HashMap::new();
        for row in rows {
            let (id, distribution) = row?;
            if let Ok(id) = id.parse() {
                all.entry(id).or_default().push(distribution);
            }
        }
        Ok(all)
    }

    /// Replaces a dataset's distributions with `list` (empty ones left out).
    pub fn set_distributions(&mut self, id: &InventoryId, list: &[Distribution]) -> Result<()> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        replace_distributions_tx(&tx, id, list)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a distribution at the end of a dataset's list.
    pub fn add_distribution(
        &mut self,
        id: &InventoryId,
        distribution: &Distribution,
    ) -> Result<()> {
        self.change_distributions(id, |list| list.push(distribution.clone()))
    }

    /// Replaces the distribution at `index` (from 0) of a dataset's list.
    pub fn update_distribution(
        &mut self,
        id: &InventoryId,
        index: usize,
        distribution: &Distribution,
    ) -> Result<()> {
        self.change_distributions(id, |list| {
            if let Some(slot) = list.get_mut(index) {
                *slot = distribution.clone();
            }
        })
    }

    /// Removes the distribution at `index` (from 0) of a dataset's list.
    pub fn remove_distribution(&mut self, id: &InventoryId, index: usize) -> Result<()> {
        self.change_distributions(id, |list| {
            if index < list.len() {
                list.remove(index);
            }
        })
    }

    /// Reads a dataset's list, changes it and writes it back, in one transaction.
    fn change_distributions(
        &mut self,
        id: &InventoryId,
        change: impl FnOnce(&mut Vec<Distribution>),
    ) -> Result<()> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        let mut list = distributions_tx(&tx, id)?;
        change(&mut list);
        replace_distributions_tx(&tx, id, &list)?;
        tx.commit()?;
        Ok(())
    }
}

fn from_row(r: &rusqlite::Row, first: usize) -> rusqlite::Result<Distribution> {
    Ok(Distribution {
        title: r.get(first)?,
        download_url: r.get(first + 1)?,
        access_url: r.get(first + 2)?,
        media_type: r.get(first + 3)?,
        format: r.get(first + 4)?,
        description: r.get(first + 5)?,
    })
}

pub(super) fn distributions_tx(conn: &Connection, id: &InventoryId) -> Result<Vec<Distribution>> {
    let mut stmt = conn.prepare_cached(
        "SELECT title, download_url, access_url, media_type, format, description
         FROM distributions WHERE inventory_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| from_row(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a dataset's list inside the caller's transaction.
pub(super) fn replace_distributions_tx(
    tx: &Transaction,
    id: &InventoryId,
    list: &[Distribution],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM distributions WHERE inventory_id = ?1")?
        .execute([id.to_string()])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO distributions (inventory_id, position, title, download_url, access_url, media_type, format, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, d) in list.iter().filter(|d| !d.is_empty()).enumerate() {
        insert.execute(params![
            id.to_string(),
            position as i64,
            d.title,
            d.download_url,
            d.access_url,
            d.media_type,
            d.format,
            d.description
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::parks_with_trees;
    use super::*;

    fn csv(title: &str) -> Distribution {
        Distribution {
            title: title.into(),
            download_url: format!("https://data.city.gov/{title}.csv"),
            media_type: "text/csv".into(),
            ..Distribution::default()
        }
    }

    #[test]
    fn a_dataset_keeps_its_distributions_in_order_and_the_editor_changes_one_at_a_time() {
        let (mut s, id) = parks_with_trees();
        assert!(s.distributions(&id).unwrap().is_empty());
        s.set_distributions(&id, &[csv("a"), Distribution::default(), csv("b")])
            .unwrap();
        assert_eq!(s.distributions(&id).unwrap(), [csv("a"), csv("b")]);
        s.add_distribution(&id, &csv("c")).unwrap();
        s.update_distribution(&id, 0, &csv("z")).unwrap();
        s.remove_distribution(&id, 1).unwrap();
        assert_eq!(s.distributions(&id).unwrap(), [csv("z"), csv("c")]);
        assert_eq!(s.all_distributions().unwrap()[&id], [csv("z"), csv("c")]);
    }

    #[test]
    fn deleting_a_dataset_takes_its_distributions_and_undo_brings_them_back() {
        let (mut s, id) = parks_with_trees();
        s.set_distributions(&id, &[csv("a")]).unwrap();
        let deleted = s.delete_dataset(&id).unwrap();
        assert!(s.all_distributions().unwrap().is_empty());
        s.restore_dataset(&deleted).unwrap();
        assert_eq!(s.distributions(&id).unwrap(), [csv("a")]);
    }
}
