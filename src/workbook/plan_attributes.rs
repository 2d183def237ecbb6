//! Plans the data dictionary a workbook's Attributes sheet brings back: each
//! description, unit and empty meaning that differs from the inventory's.
//! From one of this inventory's exports it is a three-way merge, part by part,
//! against what the export carried: a part only the CDO changed is taken, one
//! only the coordinator changed since is kept, one both changed keeps the
//! coordinator's with a warning in the preview that says both (as a checklist
//! answer's conflict does). A file from elsewhere gets a two-way diff.

use std::collections::HashMap;

use super::attributes_sheet::{FileAttribute, PART_COLUMNS};
use super::columns::attribute_col;
use super::content::Problem;
use super::merge::Plan;
use crate::model::InventoryId;
use crate::model::dataset::shorten;
use crate::profile::{Part, Profile};
use crate::store::{Result as StoreResult, Store, field_hash};

/// One part of a column's dictionary an import would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeChange {
    /// Where it is in the file.
    pub sheet: String,
    pub row: usize,
    pub id: InventoryId,
    /// The column's header.
    pub column: String,
    pub part: Part,
    /// The inventory's text now (empty: none).
    pub old: String,
    /// The file's text.
    pub new: String,
}

/// "Park: Description: (empty) ➡ The park's name", for previews and reports.
pub fn describe_attribute(change: &AttributeChange) -> String {
    let shown = |s: &str| {
        if s.is_empty() {
            "(empty)".to_string()
        } else {
            shorten(s)
        }
    };
    format!(
        "{}: {}: {} ➡ {}",
        change.column,
        change.part.label(),
        shown(&change.old),
        shown(&change.new)
    )
}

/// What becomes of one part of the file.
enum Verdict {
    Same,
    /// Only the coordinator changed it since the export: theirs is kept.
    Kept,
    /// Both changed it: the coordinator's is kept, with a warning.
    Conflict,
    Change,
}

/// Plans the Attributes sheet's rows into `plan.attribute_changes`, its
/// conflicts and the rows it cannot take into `plan.warnings` (each with the
/// file's text, so nothing is lost from sight).
pub(super) fn plan_attributes(
    store: &Store,
    plan: &mut Plan,
    attributes: Vec<FileAttribute>,
    known: impl Fn(&InventoryId) -> bool,
    export: Option<&str>,
) -> StoreResult<()> {
    let mut profiles: HashMap<InventoryId, Option<Profile>> = HashMap::new();
    let mut sent: HashMap<InventoryId, Option<HashMap<u64, [u64; 3]>>> = HashMap::new();
    for row in attributes {
        if !known(&row.id) {
            let said = said(&row);
            plan.warnings.push(warning(&row, Place::Id, format!(
                "The dataset {} is not in this inventory yet, so the data dictionary of its column \"{}\" was not read{said}. Correct the Inventory ID; for a dataset this file adds, describe its columns from a sample in the app after the import, then import the file again.",
                row.id, row.column
            )));
            continue;
        }
        if !profiles.contains_key(&row.id) {
            profiles.insert(row.id.clone(), store.profile(&row.id)?);
        }
        let Some(column) = profiles[&row.id]
            .as_ref()
            .and_then(|p| p.column(&row.column))
        else {
            let said = said(&row);
            plan.warnings.push(warning(&row, Place::Column, format!(
                "{} has no column \"{}\" in the sample described in the app, so this row was not read{said}. Describe the columns from the sample again in the app (or correct the Column), then import the file again.",
                row.id, row.column
            )));
            continue;
        };
        if let Some(export) = export
            && !sent.contains_key(&row.id)
        {
            sent.insert(
                row.id.clone(),
                store.export_attribute_hashes(export, &row.id)?,
            );
        }
        let base = sent.get(&row.id).and_then(|s| s.as_ref()).map(|s| {
            s.get(&field_hash(&row.column))
                .copied()
                .unwrap_or([field_hash(""); 3])
        });
        for (i, part) in Part::ALL.into_iter().enumerate() {
            let Some(theirs) = &row.parts[i] else {
                continue;
            };
            let yours = part.of(column);
            let verdict = verdict(yours, theirs, base.map(|b| b[i]));
            match verdict {
                Verdict::Same | Verdict::Kept => {}
                Verdict::Conflict => plan.warnings.push(warning(&row, Place::Part(i), format!(
                    "For {}, the {} of the column \"{}\" was changed both in the app and in this file since the export. Yours was kept ({}); the file says {}. Change it in the app if the file is right.",
                    row.id,
                    part.label().to_lowercase(),
                    row.column,
                    quoted(yours),
                    quoted(theirs)
                ))),
                Verdict::Change => plan.attribute_changes.push(AttributeChange {
                    sheet: row.sheet.clone(),
                    row: row.row,
                    id: row.id.clone(),
                    column: row.column.clone(),
                    part,
                    old: yours.to_string(),
                    new: theirs.clone(),
                }),
            }
        }
    }
    Ok(())
}

fn verdict(yours: &str, theirs: &str, base: Option<u64>) -> Verdict {
    if yours == theirs {
        return Verdict::Same;
    }
    let Some(base) = base else {
        // A file from elsewhere: a two-way diff, but its empty cell says
        // nothing (it never saw the words), so it does not clear them.
        return if theirs.is_empty() {
            Verdict::Same
        } else {
            Verdict::Change
        };
    };
    if field_hash(theirs) == base {
        Verdict::Kept
    } else if field_hash(yours) != base {
        Verdict::Conflict
    } else {
        Verdict::Change
    }
}

fn quoted(text: &str) -> String {
    if text.is_empty() {
        "nothing".into()
    } else {
        format!("“{}”", shorten(text))
    }
}

/// What the row said, for a warning about a row not read: nothing it holds
/// is lost from sight.
fn said(row: &FileAttribute) -> String {
    let parts: Vec<String> = Part::ALL
        .iter()
        .zip(&row.parts)
        .filter_map(|(p, t)| Some(format!("{} {}", p.label(), quoted(t.as_ref()?))))
        .filter(|s| !s.ends_with("nothing"))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" (it says: {})", parts.join("; "))
    }
}

/// Which cell of a row a warning is about.
enum Place {
    Id,
    Column,
    /// One of the parts, in `Part::ALL`'s order.
    Part(usize),
}

fn warning(row: &FileAttribute, place: Place, message: String) -> Problem {
    let (cell, column) = match place {
        Place::Id => (&row.id_cell, attribute_col::ID),
        Place::Column => (&row.column_cell, attribute_col::COLUMN),
        Place::Part(i) => (&row.part_cells[i], PART_COLUMNS[i]),
    };
    Problem {
        sheet: row.sheet.clone(),
        cell: cell.clone(),
        column: super::columns::ATTRIBUTE_HEADERS[column].into(),
        message,
    }
}
