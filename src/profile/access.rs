//! Who may see each column of a dataset, and the rule that ties it to the
//! dataset's classification: a dataset with a column that is not released
//! cannot be classified Public unless a note says how that column is removed
//! or aggregated before the data goes out.

use serde::{Deserialize, Serialize};

use super::Profile;
use crate::model::Dataset;
use crate::model::vocab::Classification;

/// Who may see a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Access {
    Public,
    Protected,
    /// Not in any released copy of the data.
    NotReleased,
}

impl Access {
    pub const ALL: [Access; 3] = [Access::Public, Access::Protected, Access::NotReleased];

    pub fn label(self) -> &'static str {
        match self {
            Access::Public => "Public",
            Access::Protected => "Protected",
            Access::NotReleased => "Not released",
        }
    }

    /// Where a column starts: Protected when it looks like personal data,
    /// else Public. The coordinator changes it.
    pub fn default_for(personal: bool) -> Self {
        if personal {
            Access::Protected
        } else {
            Access::Public
        }
    }
}

/// A Public classification refused: a column not released has no note on how
/// it is removed or aggregated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{dataset}\" cannot be classified Public yet: its {} not released, and nothing says how {} removed or aggregated before the data is published. In the dataset's Columns section, write that next to {} (for example \"removed from the published file\" or \"only counts by ZIP code are published\"), or choose another classification.",
    columns_phrase(.columns),
    if .columns.len() == 1 { "it is" } else { "they are" },
    if .columns.len() == 1 { "the column" } else { "each of them" }
)]
pub struct PublicRefused {
    /// The dataset's name.
    pub dataset: String,
    /// The columns not released without a note.
    pub columns: Vec<String>,
}

fn columns_phrase(columns: &[String]) -> String {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.as_slice() {
        [one] => format!("column {one} is"),
        many => format!("columns {} are", many.join(", ")),
    }
}

/// Whether a dataset may have its classification with this profile: only
/// Public is checked.
pub fn check_public(dataset: &Dataset, profile: Option<&Profile>) -> Result<(), PublicRefused> {
    if dataset.classification != Some(Classification::Public) {
        return Ok(());
    }
    let Some(profile) = profile else {
        return Ok(());
    };
    let columns: Vec<String> = profile
        .columns
        .iter()
        .filter(|c| c.access == Access::NotReleased && c.access_note.trim().is_empty())
        .map(|c| c.name.clone())
        .collect();
    if columns.is_empty() {
        Ok(())
    } else {
        Err(PublicRefused {
            dataset: dataset.name.clone(),
            columns,
        })
    }
}
