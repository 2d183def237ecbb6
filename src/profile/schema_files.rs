//! The data dictionaries as files: `export --format table-schema FOLDER`
//! writes a Frictionless Table Schema (`dictionary::table_schema`) for each
//! dataset with a dictionary, named by its Inventory ID, for the coordinator to
//! publish in one web folder. Where that folder is (a setting) makes the
//! links data.json's `describedBy` gives: `dictionary_links`. Without the
//! setting there is no link: the app never guesses an address.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::dictionary::{has_dictionary, schema_file_name, schema_link, table_schema};
use crate::model::{DepartmentCode, InventoryId};
use crate::store::Store;
use crate::workbook::WorkbookError;

/// What the export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemasWritten {
    pub folder: PathBuf,
    /// The files written, with their dataset's name.
    pub written: Vec<(PathBuf, String)>,
    /// Datasets with a described sample left out, with why.
    pub left_out: Vec<(InventoryId, String, &'static str)>,
    /// Where the dictionaries will be published, if set.
    pub published_at: Option<String>,
}

impl SchemasWritten {
    /// What the window and the command line say.
    pub fn message(&self) -> String {
        let count = crate::workbook::limits::count_of;
        let mut lines = vec![if self.written.is_empty() {
            format!(
                "No data dictionary was written to {}: no dataset has a column described yet. Describe the columns of a dataset from a sample file in the app, and write what each one holds.",
                self.folder.display()
            )
        } else {
            format!(
                "Wrote {} to {}:",
                count(self.written.len(), "data dictionary", "data dictionaries"),
                self.folder.display()
            )
        }];
        for (path, name) in &self.written {
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            lines.push(format!("  {file}: {name}"));
        }
        for (id, name, why) in &self.left_out {
            lines.push(format!("Not written: {id} {name}: {why}"));
        }
        if !self.written.is_empty() {
            lines.push(match &self.published_at {
                Some(base) => format!(
                    "Publish these files at {base}: data.json links each dataset's dictionary there."
                ),
                None => "No address is set for where the data dictionaries will be published, so data.json does not link them. Set it in a dataset's Columns section (\"Where the data dictionaries will be published\").".to_string(),
            });
        }
        lines.join("\n")
    }
}

/// Writes a Table Schema file for each dataset (of one department, or all)
/// with a dictionary, into `folder` (made if missing, when there is one to
/// write); each file whole or not at all.
pub fn export_table_schemas(
    store: &Store,
    folder: &Path,
    department: Option<&DepartmentCode>,
) -> Result<SchemasWritten, WorkbookError> {
    let datasets = store.datasets_in(department)?;
    let mut profiles = store.all_profiles()?;
    let mut out = SchemasWritten {
        folder: folder.to_path_buf(),
        written: Vec::new(),
        left_out: Vec::new(),
        published_at: store.dictionary_base()?,
    };
    for d in &datasets {
        let Some(id) = &d.id else { continue };
        let Some(profile) = profiles.remove(id) else {
            continue;
        };
        if !has_dictionary(&profile) {
            out.left_out.push((
                id.clone(),
                d.name.clone(),
                "no column has a description yet",
            ));
            continue;
        }
        let Some(schema) = table_schema(&profile) else {
            out.left_out.push((
                id.clone(),
                d.name.clone(),
                "every column is Not released, so the published data has none",
            ));
            continue;
        };
        // Made only when there is a file to put in it.
        std::fs::create_dir_all(folder).map_err(|e| WorkbookError::write(folder, e))?;
        let path = folder.join(schema_file_name(id));
        crate::workbook::write_atomically(&path, |temp| {
            let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
            std::fs::write(temp, text).map_err(|e| e.to_string())
        })?;
        out.written.push((path, d.name.clone()));
    }
    Ok(out)
}

/// The address of one dataset's data dictionary, as `dictionary_links` gives it.
pub fn dictionary_link(store: &Store, id: &InventoryId) -> crate::store::Result<Option<String>> {
    let Some(base) = store.dictionary_base()? else {
        return Ok(None);
    };
    Ok(store
        .profile(id)?
        .filter(|p| has_dictionary(p) && table_schema(p).is_some())
        .map(|_| schema_link(&base, id)))
}

/// The address of each dataset's data dictionary, for data.json's
/// `describedBy`: under where the dictionaries will be published, for each
/// dataset whose dictionary `export_table_schemas` writes. Empty when that
/// address is not set.
pub fn dictionary_links(store: &Store) -> crate::store::Result<HashMap<InventoryId, String>> {
    let Some(base) = store.dictionary_base()? else {
        return Ok(HashMap::new());
    };
    Ok(store
        .all_profiles()?
        .into_iter()
        .filter(|(_, p)| has_dictionary(p) && table_schema(p).is_some())
        .map(|(id, _)| {
            let link = schema_link(&base, &id);
            (id, link)
        })
        .collect())
}
