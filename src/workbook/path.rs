//! The review path as a file meets it: a status typed into a spreadsheet moves
//! a dataset only as the path allows, with the checks each move needs. A new
//! dataset starts as Not ready whatever the file says; Submitted for review
//! needs a complete checklist and the department's approval; Approved,
//! Returned and Not publishable come only from the CDO's decision; Published
//! only from Approved, with the portal link. A portal's own catalog is exempt:
//! its datasets are already published.
//!
//! Every move refused is kept (`RefusedMove`) so the preview, the command line
//! and `--json` can list it: dataset, from, to, and why.

use crate::checklist::{Checks, submission_problems};
use crate::model::vocab::Vocabulary;
use crate::model::{Dataset, InventoryId, Status};

/// A status move the file asks for and the review path refuses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RefusedMove {
    /// The row's 0-based index in the sheet (written 1-based).
    #[serde(serialize_with = "one_based")]
    pub row: usize,
    pub id: Option<InventoryId>,
    pub dataset: String,
    /// Where the dataset is; `None` for a dataset the file adds.
    #[serde(serialize_with = "label_or_new")]
    pub from: Option<Status>,
    /// Where the file would put it.
    #[serde(serialize_with = "label")]
    pub to: Status,
    /// Why not, in plain words.
    pub why: String,
}

fn one_based<S: serde::Serializer>(row: &usize, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(*row as u64 + 1)
}

fn label<S: serde::Serializer>(status: &Status, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.label())
}

fn label_or_new<S: serde::Serializer>(status: &Option<Status>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.map_or("new", |st| st.label()))
}

impl RefusedMove {
    /// "Street Trees: Not ready ➡ Published refused: …", for the preview and
    /// the command line.
    pub fn describe(&self) -> String {
        let from = self.from.map_or("a new dataset", |s| s.label());
        format!(
            "{}: the file says {}, from {from}; {}",
            crate::model::dataset::shorten(&self.dataset),
            self.to.label(),
            self.why
        )
    }
}

/// Why the review path does not let a dataset that is new start at `to`.
pub(super) fn new_dataset_refused(to: Status) -> Option<String> {
    (to != Status::NotReady).then(|| {
        format!(
            "a new dataset from a spreadsheet starts as Not ready: {} needs the review path (a complete checklist and the department's approval, then the CDO's decision).",
            to.label()
        )
    })
}

/// Why the file may not move `existing` to the status of `result`, apart
/// from the checklist a submission needs (see `submission_refused`).
pub(super) fn move_refused(existing: &Dataset, result: &Dataset) -> Option<String> {
    let (from, to) = (existing.status, result.status);
    if from == to {
        return None;
    }
    if !crate::review::path_allows(from, to) {
        return Some(format!(
            "the review path does not allow that move from {}; it stays {}.",
            from.label(),
            from.label()
        ));
    }
    let decided = result
        .cdo_decision
        .is_some_and(|d| d.resulting_status() == to);
    match to {
        Status::Approved | Status::Returned | Status::NotPublishable if !decided => Some(format!(
            "only the CDO's decision moves a dataset to {}, and the file's CDO Decision does not say so; it stays {}.",
            to.label(),
            from.label()
        )),
        // The reason is required and a file has no place for it.
        Status::Withdrawn => Some(format!(
            "a dataset is withdrawn from the portal in the app, with the reason (\"Withdraw from the portal…\" in the dataset's editor); it stays {}.",
            from.label()
        )),
        Status::Published if result.publication_link.trim().is_empty() => Some(format!(
            "Published needs the dataset's link on the open data portal (the Publication Link column); it stays {}.",
            from.label()
        )),
        _ => None,
    }
}

/// Whether a new dataset arriving at the CDO's desk in a department's
/// workbook may keep the status the file gives it. The department moved it
/// along the path in its own inventory, so the file must show what that
/// status needs: Submitted for review, a complete checklist and the
/// department's approval. Any later status is the CDO's to give, so a file
/// cannot bring it.
pub(super) fn keeps_status_at_the_cdo(result: &Dataset, checks: &Checks) -> bool {
    match result.status {
        Status::NotReady => true,
        Status::Submitted => {
            let mut before = result.clone();
            before.status = Status::NotReady;
            submission_problems(&before, checks).is_empty()
        }
        // A decision a department's file claims is not the office's own: the
        // CDO decides it here, so the dataset starts Not ready (the reason is
        // listed) and is submitted again.
        _ => false,
    }
}

/// Why `result` may not be submitted for review with these checklist
/// answers: the same checks as the Submit button makes.
pub(super) fn submission_refused(
    existing: &Dataset,
    result: &Dataset,
    checks: &Checks,
) -> Option<String> {
    if result.status != Status::Submitted || existing.status == Status::Submitted {
        return None;
    }
    let mut before = result.clone();
    before.status = existing.status;
    let problems = submission_problems(&before, checks);
    if problems.is_empty() {
        return None;
    }
    Some(format!(
        "it cannot be submitted for review yet, so it stays {}: {}",
        existing.status.label(),
        problems.join(" ")
    ))
}

/// "12 new datasets start as Not ready: the file says Published; that needs
/// the review path." One sentence for each status the file gives them.
pub fn new_rows_summary(refused: &[&RefusedMove]) -> Vec<String> {
    let mut by_status: Vec<(Status, usize)> = Vec::new();
    for m in refused.iter().filter(|m| m.from.is_none()) {
        match by_status.iter_mut().find(|(s, _)| *s == m.to) {
            Some((_, n)) => *n += 1,
            None => by_status.push((m.to, 1)),
        }
    }
    by_status
        .into_iter()
        .map(|(status, n)| {
            format!(
                "{} {} as Not ready: the file says {}; that needs the review path.",
                super::limits::count_of(n, "new dataset", "new datasets"),
                if n == 1 { "starts" } else { "start" },
                status.label()
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_cannot_withdraw_a_dataset_from_the_portal_for_it_has_no_reason() {
        let mut existing = Dataset::named("Street Trees");
        existing.status = Status::Published;
        existing.publication_link = "https://data.city.gov/d/1".into();
        let mut result = existing.clone();
        result.status = Status::Withdrawn;
        let why = move_refused(&existing, &result).unwrap();
        assert!(
            why.contains("Withdraw from the portal…") && why.ends_with("it stays Published."),
            "{why}"
        );
        // Nor does a department's file bring it to the CDO's desk.
        assert!(!keeps_status_at_the_cdo(&result, &Checks::new()));
    }
}
