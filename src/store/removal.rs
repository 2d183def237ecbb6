//! Deleting a dataset and undoing it. A dataset is more than its row: its
//! history, its checklist answers and their trail, and its publication plan go
//! with it (the schema deletes them in cascade), so a delete keeps them all in
//! a `DeletedDataset` and an undo puts them all back, each in one transaction.
//! This module sits above `datasets`, `history`, `checklist` and `review`, and
//! asks each for its own part; none of them calls another for it.

use super::checklist::{TrailEntry, restore_answers_tx, saved_answers_tx};
use super::datasets::{dataset_tx, write_tx};
use super::departments::ensure_department_code_tx;
use super::distributions::{distributions_tx, replace_distributions_tx};
use super::history::{history_tx, restore_history_tx};
use super::profiles::{profile_tx, save_profile_tx};
use super::release_review::{release_review_tx, save_review_tx};
use super::review::{plan_tx, save_plan_tx};
use super::{Missing, Refusal, Result, Store};
use crate::model::{Dataset, Distribution, HistoryEntry, InventoryId, PublicationPlan};

/// A deleted dataset with its history, kept by the caller so it can be undone.
#[derive(Debug, Clone)]
pub struct DeletedDataset {
    pub dataset: Dataset,
    pub history: Vec<HistoryEntry>,
    /// The checklist's current check answers and its audit trail.
    pub answers: Vec<TrailEntry>,
    pub trail: Vec<TrailEntry>,
    pub plan: PublicationPlan,
    pub distributions: Vec<Distribution>,
    /// The CDO's release review (empty on a department's desk).
    pub release_review: crate::release_review::ReleaseReview,
    /// The profile of its sample, if one was read.
    pub profile: Option<crate::profile::Profile>,
}

impl Store {
    /// Deletes a dataset; the returned value can be given to `restore_dataset`.
    pub fn delete_dataset(&mut self, id: &InventoryId) -> Result<DeletedDataset> {
        let tx = self.conn.transaction()?;
        let dataset = dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        let history = history_tx(&tx, id)?;
        let (answers, trail) = saved_answers_tx(&tx, id)?;
        let plan = plan_tx(&tx, id)?;
        let distributions = distributions_tx(&tx, id)?;
        let release_review = release_review_tx(&tx, id)?;
        let profile = profile_tx(&tx, id)?;
        tx.execute(
            "DELETE FROM datasets WHERE inventory_id = ?1",
            [id.to_string()],
        )?;
        tx.commit()?;
        Ok(DeletedDataset {
            dataset,
            history,
            answers,
            trail,
            plan,
            distributions,
            release_review,
            profile,
        })
    }

    /// Undoes a delete: the dataset comes back under the same ID with its history.
    pub fn restore_dataset(&mut self, deleted: &DeletedDataset) -> Result<()> {
        let id = deleted
            .dataset
            .id
            .clone()
            .ok_or(Refusal::RestoreWithoutId)?;
        let tx = self.conn.transaction()?;
        ensure_department_code_tx(&tx, &id.department, &deleted.dataset.department)?;
        write_tx(&tx, &id.department, &deleted.dataset)?;
        restore_history_tx(&tx, &id, &deleted.history)?;
        restore_answers_tx(&tx, &id, &deleted.answers, &deleted.trail)?;
        if !deleted.plan.is_empty() {
            save_plan_tx(&tx, &id, &deleted.plan)?;
        }
        replace_distributions_tx(&tx, &id, &deleted.distributions)?;
        save_review_tx(&tx, &id, &deleted.release_review)?;
        save_profile_tx(&tx, &id, deleted.profile.as_ref())?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::parks_with_trees as store_with_dataset;
    use super::*;
    use crate::model::{CheckAnswer, Tactic};
    use crate::questions::Bank;

    #[test]
    fn delete_then_undo_brings_back_the_dataset_and_its_history() {
        let (mut s, id) = store_with_dataset();
        s.add_note(&id, "Ana", "Asked the steward").unwrap();
        let before = s.dataset(&id).unwrap().unwrap();
        let deleted = s.delete_dataset(&id).unwrap();
        assert!(s.dataset(&id).unwrap().is_none());
        s.restore_dataset(&deleted).unwrap();
        assert_eq!(s.dataset(&id).unwrap().unwrap(), before);
        assert_eq!(s.history(&id).unwrap().len(), 1);
    }

    #[test]
    fn delete_and_undo_keep_the_answers() {
        let (mut s, id) = store_with_dataset();
        let band = Bank::checklist().question("band").unwrap();
        s.answer_check(&id, band, Some(CheckAnswer::NotApplicable), "no ages")
            .unwrap();
        let deleted = s.delete_dataset(&id).unwrap();
        assert!(s.checks(&id).unwrap().is_empty());
        s.restore_dataset(&deleted).unwrap();
        assert_eq!(s.checks(&id).unwrap()["band"].note, "no ages");
        assert_eq!(s.trail(&id).unwrap().len(), 1);
    }

    #[test]
    fn delete_and_undo_keep_the_publication_plan() {
        let (mut s, id) = store_with_dataset();
        let plan = PublicationPlan {
            tactics: vec![Tactic::BlogPost],
            maintained_by: "Kim Lee".into(),
            ..Default::default()
        };
        s.save_plan(&id, &plan).unwrap();
        let deleted = s.delete_dataset(&id).unwrap();
        assert!(s.plan(&id).unwrap().is_empty());
        s.restore_dataset(&deleted).unwrap();
        assert_eq!(s.plan(&id).unwrap(), plan);
    }

    #[test]
    fn a_dataset_that_is_gone_cannot_be_deleted() {
        let (mut s, id) = store_with_dataset();
        s.delete_dataset(&id).unwrap();
        let e = s.delete_dataset(&id).unwrap_err();
        assert_eq!(e.to_string(), format!("The dataset {id} no longer exists."));
    }
}
