//! The choices made about a foreign file's columns and values, remembered by the
//! signature of its headers (`workbook::mapping::signature`), so the next file
//! with the same headers is read the same way. Stored as the `--map` file's JSON.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store};
use crate::workbook::choices::ImportChoices;

impl Store {
    /// The choices remembered for files with these headers. Choices that no
    /// longer read (a column renamed since) are forgotten, not an error.
    pub fn remembered_choices(&self, signature: &str) -> Result<Option<ImportChoices>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT choices FROM import_mappings WHERE signature = ?1",
                params![signature],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Remembers the choices for files with these headers, in place of older ones.
    pub fn remember_choices(&mut self, signature: &str, choices: &ImportChoices) -> Result<()> {
        self.writable()?;
        let tx = self.conn.transaction()?;
        remember_choices_tx(&tx, signature, choices)?;
        tx.commit()?;
        Ok(())
    }
}

/// `Store::remember_choices` inside an import's transaction.
pub(super) fn remember_choices_tx(
    tx: &Transaction,
    signature: &str,
    choices: &ImportChoices,
) -> Result<()> {
    let json = serde_json::to_string(&choices.to_remember()).expect("choices always serialize");
    tx.execute(
        "INSERT INTO import_mappings (signature, choices, saved_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(signature) DO UPDATE SET choices = excluded.choices, saved_at = excluded.saved_at",
        params![signature, json, super::now().to_string()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::workbook::choices::{CellFix, ColumnChoice};

    #[test]
    fn choices_are_remembered_by_signature_without_the_fixed_cells() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.remembered_choices("a|b").unwrap(), None);
        let mut choices = ImportChoices::default();
        choices
            .columns
            .insert("AGENCY".into(), ColumnChoice::Field(Field::Department));
        choices.department = Some("Parks".into());
        choices.fixes.push(CellFix {
            row: 3,
            field: Field::Name,
            text: "x".into(),
        });
        store.remember_choices("a|b", &choices).unwrap();
        let back = store.remembered_choices("a|b").unwrap().unwrap();
        assert_eq!(back, choices.to_remember());
        choices.department = None;
        store.remember_choices("a|b", &choices).unwrap();
        assert_eq!(
            store.remembered_choices("a|b").unwrap().unwrap().department,
            None
        );
    }
}
