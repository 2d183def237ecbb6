//! Departments: who runs the inventory, and the counter that numbers datasets.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Refusal, Result, Store, StoreError};
use crate::model::department::code_for_name;
use crate::model::{Department, DepartmentCode};

fn from_row(row: &Row) -> rusqlite::Result<Department> {
    let code: String = row.get("code")?;
    let divisions: String = row.get("divisions")?;
    let coordinators: String = row.get("coordinators")?;
    let start: String = row.get("start_date")?;
    Ok(Department {
        code: code
            .parse()
            .unwrap_or_else(|_| "XXX".parse().expect("valid")),
        name: row.get("name")?,
        divisions: serde_json::from_str(&divisions).unwrap_or_default(),
        coordinators: serde_json::from_str(&coordinators).unwrap_or_default(),
        approver: row.get("approver")?,
        start_date: NaiveDate::parse_from_str(&start, "%Y-%m-%d").ok(),
    })
}

impl Store {
    /// Every department, by name.
    pub fn departments(&self) -> Result<Vec<Department>> {
        let mut stmt = self
            .conn
            .prepare("SELECT * FROM departments ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn department(&self, code: &DepartmentCode) -> Result<Option<Department>> {
        Ok(self
            .conn
            .query_row(
                "SELECT * FROM departments WHERE code = ?1",
                [code.as_str()],
                from_row,
            )
            .optional()?)
    }

    /// How many datasets each department has (departments with none are
    /// not listed).
    pub fn dataset_counts_by_department(
        &self,
    ) -> Result<std::collections::HashMap<DepartmentCode, usize>> {
        let mut stmt = self
            .conn
            .prepare("SELECT department_code, COUNT(*) FROM datasets GROUP BY department_code")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut counts = std::collections::HashMap::new();
        for row in rows {
            let (code, n) = row?;
            // A code the app could not have written is left out, not fatal.
            if let Ok(code) = code.parse::<DepartmentCode>() {
                counts.insert(code, n as usize);
            }
        }
        Ok(counts)
    }

    /// The department set up first: where new datasets go when none is named.
    pub fn home_department(&self) -> Result<Option<Department>> {
        Ok(self
            .conn
            .query_row(
                "SELECT * FROM departments ORDER BY rowid LIMIT 1",
                [],
                from_row,
            )
            .optional()?)
    }

    /// Adds the department, or updates it if its code exists.
    pub fn save_department(&mut self, department: &Department) -> Result<()> {
        let problems = department.problems();
        if !problems.is_empty() {
            return Err(Refusal::Department(problems).into());
        }
        let tx = self.conn.transaction()?;
        save_department_tx(&tx, department)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a department that has no datasets left.
    pub fn delete_department(&mut self, code: &DepartmentCode) -> Result<()> {
        let tx = self.conn.transaction()?;
        let count: i64 = tx.query_row(
            "SELECT COUNT(*) FROM datasets WHERE department_code = ?1",
            [code.as_str()],
            |r| r.get(0),
        )?;
        if count > 0 {
            return Err(Refusal::DepartmentNotEmpty {
                code: code.clone(),
                count,
            }
            .into());
        }
        tx.execute("DELETE FROM departments WHERE code = ?1", [code.as_str()])?;
        tx.commit()?;
        Ok(())
    }
}

pub(super) fn save_department_tx(tx: &Transaction, d: &Department) -> Result<()> {
    tx.execute(
        "INSERT INTO departments (code, name, divisions, coordinators, approver, start_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, divisions = excluded.divisions,
           coordinators = excluded.coordinators, approver = excluded.approver,
           start_date = excluded.start_date",
        params![
            d.code.as_str(),
            d.name,
            serde_json::to_string(&d.divisions).unwrap_or_default(),
            serde_json::to_string(&d.coordinators).unwrap_or_default(),
            d.approver,
            d.start_date.map(|d| d.to_string()).unwrap_or_default(),
            super::now().to_string(),
        ],
    )?;
    Ok(())
}

/// The code of the department with this name (ignoring case), creating it with a
/// fresh code when the inventory has no such department.
pub(super) fn department_for_name_tx(tx: &Transaction, name: &str) -> Result<DepartmentCode> {
    let found: Option<String> = tx
        .query_row(
            "SELECT code FROM departments WHERE name = ?1 COLLATE NOCASE OR code = ?1 COLLATE NOCASE",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(code) = found {
        return code.parse().map_err(StoreError::from);
    }
    let taken: Vec<DepartmentCode> = {
        let mut stmt = tx.prepare("SELECT code FROM departments")?;
        let codes = stmt.query_map([], |r| r.get::<_, String>(0))?;
        codes.filter_map(|c| c.ok()?.parse().ok()).collect()
    };
    let code = code_for_name(name, &taken);
    save_department_tx(tx, &Department::new(code.clone(), name))?;
    Ok(code)
}

/// Makes sure a department with this code exists (for IDs that arrive from
/// another database), naming it after the file's department if it must be made.
pub(super) fn ensure_department_code_tx(
    tx: &Transaction,
    code: &DepartmentCode,
    name: &str,
) -> Result<()> {
    let exists: bool = tx
        .query_row(
            "SELECT 1 FROM departments WHERE code = ?1",
            [code.as_str()],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !exists {
        let name = if name.trim().is_empty() {
            code.as_str()
        } else {
            name
        };
        save_department_tx(tx, &Department::new(code.clone(), name))?;
    }
    Ok(())
}

/// Takes the next dataset number of a department; numbers are never given twice.
pub(super) fn next_number_tx(tx: &Transaction, code: &DepartmentCode) -> Result<u32> {
    let n: u32 = tx.query_row(
        "UPDATE departments SET next_number = next_number + 1 WHERE code = ?1 RETURNING next_number - 1",
        [code.as_str()],
        |r| r.get(0),
    )?;
    Ok(n)
}

/// Moves a department's counter past a number that arrived from elsewhere.
pub(super) fn reserve_number_tx(
    tx: &Transaction,
    code: &DepartmentCode,
    number: u32,
) -> Result<()> {
    tx.execute(
        "UPDATE departments SET next_number = MAX(next_number, ?2 + 1) WHERE code = ?1",
        params![code.as_str(), number],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_department_is_saved_updated_and_read_back() {
        let mut s = Store::open_in_memory().unwrap();
        let mut d = Department::new("PRK".parse().unwrap(), "Parks");
        d.divisions = vec!["Urban Forestry".into()];
        d.coordinators = vec![crate::model::Coordinator {
            name: "Ana".into(),
            email: "ana@city.gov".into(),
        }];
        s.save_department(&d).unwrap();
        d.approver = "Director Lee".into();
        s.save_department(&d).unwrap();
        assert_eq!(s.departments().unwrap(), vec![d.clone()]);
        assert_eq!(s.home_department().unwrap(), Some(d));
    }

    #[test]
    fn a_department_without_a_name_or_with_a_bad_email_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        let mut d = Department::new("PRK".parse().unwrap(), " ");
        assert!(s.save_department(&d).is_err());
        d.name = "Parks".into();
        d.coordinators = vec![crate::model::Coordinator {
            name: "Ana".into(),
            email: "ana".into(),
        }];
        let err = s.save_department(&d).unwrap_err().to_string();
        assert!(err.contains("email"), "{err}");
        assert!(s.departments().unwrap().is_empty());
    }
}
