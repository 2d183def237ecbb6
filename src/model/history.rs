//! The review history of a dataset: every status change and every CDO decision,
//! with its date, so a coordinator can see how a dataset got where it is.

use chrono::NaiveDateTime;

use super::vocab::{CdoDecision, Status};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum HistoryKind {
    StatusChanged {
        from: Status,
        to: Status,
    },
    Decision(CdoDecision),
    Note,
    /// Listed in the portal's own catalog, imported from the file `file`: the
    /// dataset was already published, with no review in this app.
    PublishedOnPortal {
        file: String,
    },
    /// A call to a CKAN portal at `address` (`crate::portal`): what it did
    /// ("created as private") or tried to, and whether the portal took it
    /// (the refusal, in words, is the entry's note).
    Portal {
        address: String,
        done: String,
        ok: bool,
    },
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HistoryEntry {
    pub at: NaiveDateTime,
    pub kind: HistoryKind,
    /// Who did it: the CDO's name from the workbook, or the coordinator.
    pub by: String,
    pub note: String,
}

impl HistoryEntry {
    /// One line a person reads: "Status: Not ready ➡ Submitted for review".
    pub fn summary(&self) -> String {
        match &self.kind {
            HistoryKind::StatusChanged { from, to } => format!("Status: {from} ➡ {to}"),
            HistoryKind::Decision(d) => format!("CDO decision: {d}"),
            HistoryKind::Note => "Note".to_string(),
            HistoryKind::PublishedOnPortal { file } => format!(
                "Already published on the portal, imported from {file} on {}",
                crate::model::dates::format_date(self.at.date())
            ),
            HistoryKind::Portal { address, done, ok } => {
                let said = if *ok { "" } else { " (refused)" };
                format!("Portal {address}: {done}{said}")
            }
        }
    }
}
