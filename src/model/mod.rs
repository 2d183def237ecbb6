//! Plain types of the inventory: departments, data sources, datasets, the one
//! table of dataset fields (`fields`) and the vocabularies their choices come
//! from. Nothing here touches a file or a screen.

pub mod dataset;
pub mod dates;
pub mod department;
pub mod distribution;
pub mod fields;
pub mod history;
pub mod id;
pub mod lists;
#[macro_use]
pub mod vocab;
// After `vocab`: it declares its vocabulary with the macro.
pub mod publication;

pub use dataset::{Dataset, EndDate};
pub use department::{Coordinator, DataSource, Department};
pub use distribution::Distribution;
pub use fields::{FIELDS, Field, FieldKind, FieldSpec};
pub use history::{HistoryEntry, HistoryKind};
pub use id::{DepartmentCode, InventoryId};
pub use lists::{List, ListEntry, Lists};
pub use publication::{PublicationPlan, Tactic, refresh_due, target_missed, target_missed_text};
pub use vocab::*;
