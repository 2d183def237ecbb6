//! Reads the `Distributions` sheet of a workbook: one distribution a row, next
//! to its dataset's Inventory ID. A file with the sheet gives each of its
//! datasets its whole list (an ID with no row there: no distributions), which
//! replaces the inventory's; a file without it leaves the lists as they are.

use std::collections::HashMap;

use super::columns::DISTRIBUTION_HEADERS;
use super::content::FileContent;
use super::read::Sheet;
use super::side_sheet::Need::{Part, Required};
use super::side_sheet::{SideSheet, SideTable};
use crate::model::{Distribution, InventoryId};

const N: usize = DISTRIBUTION_HEADERS.len();

/// The sheet's columns: Inventory ID, then the distribution's six parts.
const TABLE: SideTable<N> = SideTable::new(
    &DISTRIBUTION_HEADERS,
    [Required, Part, Part, Part, Part, Part, Part],
    "This sheet has no Inventory ID column next to the distributions' columns, so its distributions were not read. Keep its header row as the app wrote it.",
);

/// Reads the Distributions sheet and gives each dataset of `content` (read
/// from the Inventory sheet before) its list. A row whose dataset is not on
/// the Inventory sheet is a problem: it would be lost.
pub(super) fn read_distributions(sheet: &Sheet, content: &mut FileContent) {
    let Some(side) = TABLE.open(sheet, content) else {
        return;
    };
    let mut lists: HashMap<InventoryId, Vec<Distribution>> = HashMap::new();
    let in_file: super::FastSet<InventoryId> = content
        .rows
        .iter()
        .filter_map(|r| r.dataset.id.clone())
        .collect();
    for r in side.rows() {
        let Some((id, distribution)) = read_row(&side, r, content) else {
            continue;
        };
        if !in_file.contains(&id) {
            content.errors.push(side.problem(r, 0, format!(
                "There is no dataset {id} on the Inventory sheet, so this distribution would be lost. Correct the Inventory ID, or delete the row."
            )));
            continue;
        }
        if !distribution.is_empty() {
            lists.entry(id).or_default().push(distribution);
        }
    }
    for row in &mut content.rows {
        if let Some(id) = &row.dataset.id {
            row.distributions = Some(lists.remove(id).unwrap_or_default());
        }
    }
}

/// One row, checked; `None` when it has a problem (reported).
fn read_row(
    side: &SideSheet<'_, N>,
    r: usize,
    content: &mut FileContent,
) -> Option<(InventoryId, Distribution)> {
    side.read_row(r, content, |cells| {
        let id = cells.id(0);
        let mut parts: [Option<String>; 6] = Default::default();
        for (i, part) in parts.iter_mut().enumerate() {
            *part = cells.words(i + 1, "cell");
        }
        let [a, b, c, d, e, f] = parts;
        let distribution = Distribution::from_parts([a?, b?, c?, d?, e?, f?]);
        Some((id?, distribution))
    })
}
