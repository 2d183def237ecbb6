//! The inventory's own lists (its categories, its licenses): read, add,
//! rename, remove, a license's web address; and the datasets' values matched
//! to them. The rules of matching are in `model::lists`; this keeps them.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Refusal, Result, Store};
use crate::model::dataset::{clean_text, parse_url};
use crate::model::{Dataset, List, ListEntry, Lists};

impl Store {
    /// Both lists, each in its order.
    pub fn lists(&self) -> Result<Lists> {
        lists_tx(&self.conn)
    }

    /// One list, in its order.
    pub fn list(&self, list: List) -> Result<Vec<ListEntry>> {
        list_tx(&self.conn, list)
    }

    /// How many datasets hold each value of the list's field (values that
    /// differ only in case count as one): what removing or renaming an entry
    /// would touch, and the values datasets hold that are not on the list.
    pub fn list_uses(&self, list: List) -> Result<Vec<(String, usize)>> {
        let sql = format!(
            "SELECT MIN({0}), COUNT(*) FROM datasets WHERE {0} <> '' GROUP BY lower({0}) ORDER BY 1",
            list.field().key()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds an entry at the end of the list. Refused without a name, when the
    /// list has it already, or for a license address that is not one.
    pub fn add_list_entry(&mut self, list: List, entry: &ListEntry) -> Result<()> {
        let tx = self.conn.transaction()?;
        add_entry_tx(&tx, list, entry)?;
        tx.commit()?;
        Ok(())
    }

    /// Renames an entry, and every dataset that holds it with it (their
    /// history keeps the change, and their Last Updated moves).
    pub fn rename_list_entry(&mut self, list: List, old: &str, new: &str) -> Result<usize> {
        let new = clean_text(new);
        let tx = self.conn.transaction()?;
        let id = entry_id_tx(&tx, list, old)?;
        refuse_name(&tx, list, &new, Some(id))?;
        tx.execute(
            "UPDATE list_entries SET name = ?1 WHERE id = ?2",
            params![new, id],
        )?;
        let moved = move_datasets_tx(&tx, list, old, &new)?;
        tx.commit()?;
        Ok(moved)
    }

    /// Changes a license's web address (blank for none).
    pub fn set_list_url(&mut self, list: List, name: &str, url: &str) -> Result<()> {
        let url = parse_url(&clean_text(url)).map_err(Refusal::from)?;
        let tx = self.conn.transaction()?;
        let id = entry_id_tx(&tx, list, name)?;
        tx.execute(
            "UPDATE list_entries SET url = ?1 WHERE id = ?2",
            params![url, id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes an entry no dataset holds; refused, saying how many do, when
    /// some still do (their value would no longer be on the list).
    pub fn remove_list_entry(&mut self, list: List, name: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let id = entry_id_tx(&tx, list, name)?;
        let count = uses_tx(&tx, list, name)?;
        if count > 0 {
            return Err(Refusal::ListEntryInUse {
                list,
                name: name.to_string(),
                count,
            }
            .into());
        }
        tx.execute("DELETE FROM list_entries WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }
}

pub(super) fn lists_tx(conn: &Connection) -> Result<Lists> {
    Ok(Lists {
        categories: list_tx(conn, List::Categories)?,
        licenses: list_tx(conn, List::Licenses)?,
    })
}

fn list_tx(conn: &Connection, list: List) -> Result<Vec<ListEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, url, also FROM list_entries WHERE list = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([list.key()], |r| {
        let also: String = r.get(2)?;
        Ok(ListEntry {
            name: r.get(0)?,
            url: r.get(1)?,
            also: also
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an entry inside the caller's transaction (an import adds the values
/// it brings in the same one as its datasets).
pub(super) fn add_entry_tx(tx: &Transaction, list: List, entry: &ListEntry) -> Result<()> {
    let name = clean_text(&entry.name);
    refuse_name(tx, list, &name, None)?;
    let url = parse_url(&clean_text(&entry.url)).map_err(Refusal::from)?;
    tx.execute(
        "INSERT INTO list_entries (list, name, url, also, position)
         VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(position), -1) + 1 FROM list_entries WHERE list = ?1))",
        params![list.key(), name, url, entry.also.join("\n")],
    )?;
    Ok(())
}

/// A name must be there, and not another entry's (ignoring case).
fn refuse_name(tx: &Transaction, list: List, name: &str, this: Option<i64>) -> Result<()> {
    if name.is_empty() {
        return Err(Refusal::ListEntryWithoutName(list).into());
    }
    let other: Option<i64> = tx
        .query_row(
            "SELECT id FROM list_entries WHERE list = ?1 AND name = ?2 COLLATE NOCASE",
            params![list.key(), name],
            |r| r.get(0),
        )
        .optional()?;
    match other {
        Some(id) if Some(id) != this => Err(Refusal::ListEntryExists {
            list,
            name: name.to_string(),
        }
        .into()),
        _ => Ok(()),
    }
}

fn entry_id_tx(tx: &Transaction, list: List, name: &str) -> Result<i64> {
    tx.query_row(
        "SELECT id FROM list_entries WHERE list = ?1 AND name = ?2 COLLATE NOCASE",
        params![list.key(), name.trim()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Refusal::NotOnList {
            list,
            name: name.to_string(),
        }
        .into()
    })
}

fn uses_tx(tx: &Transaction, list: List, name: &str) -> Result<usize> {
    let sql = format!(
        "SELECT COUNT(*) FROM datasets WHERE {} = ?1 COLLATE NOCASE",
        list.field().key()
    );
    Ok(tx.query_row(&sql, [name.trim()], |r| r.get::<_, i64>(0))? as usize)
}

/// Gives the datasets that hold `old` the value `new`, through the usual
/// write, so that each keeps the change in its history.
fn move_datasets_tx(tx: &Transaction, list: List, old: &str, new: &str) -> Result<usize> {
    let field = list.field();
    let sql = format!(
        "SELECT inventory_id FROM datasets WHERE {} = ?1 COLLATE NOCASE",
        field.key()
    );
    let ids: Vec<String> = {
        let mut stmt = tx.prepare(&sql)?;
        let rows = stmt.query_map([old.trim()], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in &ids {
        let Ok(id) = id.parse() else { continue };
        let Some(mut dataset) = super::datasets::dataset_tx(tx, &id)? else {
            continue;
        };
        dataset.set(field, new).map_err(Refusal::from)?;
        super::datasets::update_dataset_tx(tx, &dataset, "")?;
    }
    Ok(ids.len())
}

/// The dataset matched to the lists, copied only when that changes it.
pub(super) fn matched<'d>(lists: &Lists, dataset: &'d Dataset) -> std::borrow::Cow<'d, Dataset> {
    let changes = List::ALL.iter().any(|l| {
        let field = l.field();
        !dataset.is_blank(field) && lists.canonical(*l, &dataset.get(field)) != dataset.get(field)
    });
    if !changes {
        return std::borrow::Cow::Borrowed(dataset);
    }
    let mut copy = dataset.clone();
    lists.match_dataset(&mut copy);
    std::borrow::Cow::Owned(copy)
}

/// `Lists::match_dataset` with the lists read inside the caller's transaction.
pub(super) fn match_to_lists_tx(conn: &Connection, dataset: &mut Dataset) -> Result<()> {
    if List::ALL.iter().all(|l| dataset.is_blank(l.field())) {
        return Ok(());
    }
    lists_tx(conn)?.match_dataset(dataset);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    #[test]
    fn the_seeded_lists_equal_the_apps_values() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(s.lists().unwrap(), Lists::seeded());
        assert_eq!(s.list(List::Categories).unwrap().len(), 15);
    }

    #[test]
    fn a_renamed_entry_renames_it_on_its_datasets_and_a_used_one_is_not_removed() {
        let (mut s, id) = super::super::parks_with_trees();
        s.set_field(&id, Field::Category, "recreation").unwrap();
        assert_eq!(s.dataset(&id).unwrap().unwrap().category, "Recreation");
        let e = s
            .remove_list_entry(List::Categories, "Recreation")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "1 dataset has the category Recreation: give it another category first, or rename Recreation instead of removing it."
        );
        assert_eq!(
            s.rename_list_entry(List::Categories, "Recreation", "Parks & Recreation")
                .unwrap(),
            1
        );
        assert_eq!(
            s.dataset(&id).unwrap().unwrap().category,
            "Parks & Recreation"
        );
        let e = s
            .rename_list_entry(List::Categories, "Parks & Recreation", "health")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "There is already a category named health. Choose another name."
        );
        s.remove_list_entry(List::Categories, "Other").unwrap();
        assert_eq!(s.list(List::Categories).unwrap().len(), 14);
    }

    #[test]
    fn a_license_keeps_its_address_and_a_bad_one_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        let mut e = ListEntry::named("City Open License");
        e.url = "www.city.gov/license".into();
        s.add_list_entry(List::Licenses, &e).unwrap();
        let last = s.list(List::Licenses).unwrap().pop().unwrap();
        assert_eq!(last.url, "https://www.city.gov/license");
        assert!(
            s.set_list_url(List::Licenses, "City Open License", "see the office")
                .is_err()
        );
        s.set_list_url(List::Licenses, "city open license", "")
            .unwrap();
        assert_eq!(s.list(List::Licenses).unwrap().pop().unwrap().url, "");
    }
}
