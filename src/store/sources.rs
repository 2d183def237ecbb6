//! Data sources: the systems of record a department keeps its data in.

use rusqlite::{OptionalExtension, Row, ToSql, params, params_from_iter};

use super::{Refusal, Result, Store};
use crate::model::DataSource;

fn from_row(row: &Row) -> rusqlite::Result<DataSource> {
    let code: Option<String> = row.get("department_code")?;
    Ok(DataSource {
        id: row.get("id")?,
        department: code.and_then(|c| c.parse().ok()),
        name: row.get("name")?,
        description: row.get("description")?,
        business_owner: row.get("business_owner")?,
        technical_owner: row.get("technical_owner")?,
        vendor: row.get("vendor")?,
        product: row.get("product")?,
        format: row.get("format")?,
        planned_changes: row.get("planned_changes")?,
    })
}

/// What to do with the datasets of a system of record that is deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceDeletion {
    /// Keep the system's name on the datasets as plain text.
    KeepNameOnDatasets,
    /// Point the datasets at another system instead.
    MoveDatasetsTo(String),
    /// Empty the datasets' System of Record.
    ClearFromDatasets,
}

impl Store {
    /// Every data source, by name.
    pub fn sources(&self) -> Result<Vec<DataSource>> {
        let mut stmt = self
            .conn
            .prepare("SELECT * FROM data_sources ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or updates a data source; returns its id.
    pub fn save_source(&mut self, source: &DataSource) -> Result<i64> {
        if source.name.trim().is_empty() {
            return Err(Refusal::SourceWithoutName.into());
        }
        let source = &trimmed(source);
        let tx = self.conn.transaction()?;
        let id = match source.id {
            Some(id) => {
                let old_name: String =
                    tx.query_row("SELECT name FROM data_sources WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                let dept = known_department_tx(&tx, source)?;
                let mut values = source_values(&dept, source);
                values.push(&id);
                tx.execute(
                    "UPDATE data_sources SET department_code = ?1, name = ?2, description = ?3, business_owner = ?4,
                     technical_owner = ?5, vendor = ?6, product = ?7, format = ?8, planned_changes = ?9 WHERE id = ?10",
                    params_from_iter(values),
                )?;
                // A renamed system stays linked to its datasets.
                tx.execute(
                    "UPDATE datasets SET system_of_record = ?1 WHERE system_of_record = ?2",
                    params![source.name, old_name],
                )?;
                id
            }
            None => {
                insert_source_tx(&tx, source)?;
                tx.last_insert_rowid()
            }
        };
        tx.commit()?;
        Ok(id)
    }

    /// How many datasets name this system as their System of Record.
    pub fn datasets_using_source(&self, name: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM datasets WHERE system_of_record = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// How many datasets name each system of record, by lower-case name.
    pub fn source_usage(&self) -> Result<std::collections::HashMap<String, usize>> {
        let mut stmt = self.conn.prepare(
            "SELECT lower(system_of_record), COUNT(*) FROM datasets WHERE system_of_record != '' GROUP BY lower(system_of_record)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes a data source and does with its datasets what the person chose.
    pub fn delete_source(&mut self, id: i64, then: SourceDeletion) -> Result<()> {
        let tx = self.conn.transaction()?;
        let name: String =
            tx.query_row("SELECT name FROM data_sources WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        match then {
            SourceDeletion::KeepNameOnDatasets => {}
            SourceDeletion::MoveDatasetsTo(other) => {
                tx.execute(
                    "UPDATE datasets SET system_of_record = ?1 WHERE system_of_record = ?2 COLLATE NOCASE",
                    params![other, name],
                )?;
            }
            SourceDeletion::ClearFromDatasets => {
                tx.execute(
                    "UPDATE datasets SET system_of_record = '' WHERE system_of_record = ?1 COLLATE NOCASE",
                    [&name],
                )?;
            }
        }
        tx.execute("DELETE FROM data_sources WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }
}

/// Adds a system of record that arrived in an imported file.
pub(super) fn insert_source_tx(tx: &rusqlite::Transaction, source: &DataSource) -> Result<()> {
    let source = &trimmed(source);
    let dept = known_department_tx(tx, source)?;
    tx.execute(
        "INSERT INTO data_sources (department_code, name, description, business_owner, technical_owner,
         vendor, product, format, planned_changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params_from_iter(source_values(&dept, source)),
    )?;
    Ok(())
}

/// The source's department code if this inventory has that department (a file
/// may name one it lacks: the system is then kept without a department).
fn known_department_tx(tx: &rusqlite::Transaction, source: &DataSource) -> Result<Option<String>> {
    let Some(code) = &source.department else {
        return Ok(None);
    };
    let known = tx
        .query_row(
            "SELECT 1 FROM departments WHERE code = ?1",
            [code.as_str()],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    Ok(known.then(|| code.to_string()))
}

/// The source with its name trimmed, as it is stored and compared.
fn trimmed(source: &DataSource) -> DataSource {
    DataSource {
        name: source.name.trim().to_string(),
        ..source.clone()
    }
}

/// The values of the columns after `id`, in table order.
fn source_values<'a>(department: &'a Option<String>, s: &'a DataSource) -> Vec<&'a dyn ToSql> {
    vec![
        department,
        &s.name,
        &s.description,
        &s.business_owner,
        &s.technical_owner,
        &s.vendor,
        &s.product,
        &s.format,
        &s.planned_changes,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, Department};

    #[test]
    fn deleting_a_source_in_use_moves_its_datasets_when_asked() {
        let mut s = Store::open_in_memory().unwrap();
        let prk = "PRK".parse().unwrap();
        s.save_department(&Department::new("PRK".parse().unwrap(), "Parks"))
            .unwrap();
        let id = s
            .save_source(&DataSource {
                name: "Cityworks".into(),
                ..Default::default()
            })
            .unwrap();
        s.save_source(&DataSource {
            name: "ArcGIS".into(),
            ..Default::default()
        })
        .unwrap();
        let mut d = Dataset::named("Work orders");
        d.system_of_record = "Cityworks".into();
        let d = s.create_dataset(&prk, d).unwrap();
        assert_eq!(s.datasets_using_source("cityworks").unwrap(), 1);
        assert_eq!(s.source_usage().unwrap()["cityworks"], 1);
        s.delete_source(id, SourceDeletion::MoveDatasetsTo("ArcGIS".into()))
            .unwrap();
        assert_eq!(
            s.dataset(d.id.as_ref().unwrap())
                .unwrap()
                .unwrap()
                .system_of_record,
            "ArcGIS"
        );
        assert_eq!(s.sources().unwrap().len(), 1);
    }

    #[test]
    fn renaming_a_source_renames_it_on_its_datasets() {
        let mut s = Store::open_in_memory().unwrap();
        s.save_department(&Department::new("PRK".parse().unwrap(), "Parks"))
            .unwrap();
        let mut src = DataSource {
            name: "Old".into(),
            ..Default::default()
        };
        src.id = Some(s.save_source(&src).unwrap());
        let mut d = Dataset::named("Trees");
        d.system_of_record = "Old".into();
        let d = s.create_dataset(&"PRK".parse().unwrap(), d).unwrap();
        src.name = "New".into();
        s.save_source(&src).unwrap();
        assert_eq!(
            s.dataset(d.id.as_ref().unwrap())
                .unwrap()
                .unwrap()
                .system_of_record,
            "New"
        );
    }
}
