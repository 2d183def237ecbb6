//! Deleting a dataset and undoing it. A dataset is more than its row: its
//! history, its checklist answers and their trail, its publication plan and
//! its portal records go with it (the schema deletes them in cascade), so a
//! delete keeps them all in
//! a `DeletedDataset` and an undo puts them all back, each in one transaction.
//! This module sits above `datasets`, `history`, `checklist` and `review`, and
//! asks each for its own part; none of them calls another for it.

use super::checklist::{TrailEntry, restore_answers_tx, saved_answers_tx};
use super::datasets::{dataset_tx, write_tx};
use super::departments::ensure_department_code_tx;
use super::distributions::{distributions_tx, replace_distributions_tx};
use super::history::{history_tx, restore_history_tx};
use super::portal::{records_of_tx, save_record_tx};
use super::profiles::{profile_tx, save_profile_tx};
use super::release_review::{release_review_tx, save_review_tx};
use super::review::{plan_tx, save_plan_tx};
use super::{Missing, Refusal, Result, Store};
use crate::model::vocab::Vocabulary;
use crate::model::{Dataset, Distribution, HistoryEntry, InventoryId, PublicationPlan, Status};

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
    /// What was sent of it to a portal: its id and name there.
    pub portal: Vec<crate::portal::PortalRecord>,
}

impl Store {
    /// Deletes a dataset; the returned value can be given to `restore_dataset`.
    /// A dataset that is or was on the portal is refused: open data is
    /// permanent (the playbook), so it is withdrawn with a reason instead.
    pub fn delete_dataset(&mut self, id: &InventoryId) -> Result<DeletedDataset> {
        let tx = self.conn.transaction()?;
        let dataset = dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        if is_kept(dataset.status) {
            return Err(Refusal::PublishedIsKept {
                name: dataset.name,
                id: id.clone(),
                status: dataset.status.label(),
            }
            .into());
        }
        let history = history_tx(&tx, id)?;
        let (answers, trail) = saved_answers_tx(&tx, id)?;
        let plan = plan_tx(&tx, id)?;
        let distributions = distributions_tx(&tx, id)?;
        let release_review = release_review_tx(&tx, id)?;
        let profile = profile_tx(&tx, id)?;
        let portal = records_of_tx(&tx, id)?;
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
            portal,
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
        for record in &deleted.portal {
            save_record_tx(&tx, &id, record)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Whether a dataset in `status` is kept whatever asks for its deletion:
/// it is, or was, open data on the portal.
pub fn is_kept(status: Status) -> bool {
    matches!(status, Status::Published | Status::Withdrawn)
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

    #[test]
    fn a_published_dataset_is_not_deleted_but_withdrawn_with_its_reason_and_history() {
        use crate::review::Move;
        let (mut s, _) = store_with_dataset();
        let mut d = Dataset::named("Street Trees");
        d.status = Status::Published;
        let id = s
            .create_dataset(&"PRK".parse().unwrap(), d)
            .unwrap()
            .id
            .unwrap();
        let e = s.delete_dataset(&id).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "\"Street Trees\" ({id}) is Published and cannot be deleted: open data is permanent. Use \"Withdraw from the portal\" with the reason instead; the dataset and its history are kept."
            )
        );
        let e = s
            .move_dataset(&id, Move::Unpublish, "Ana", " ")
            .unwrap_err();
        assert!(e.to_string().starts_with("Say why \"Street Trees\""), "{e}");
        let d = s
            .move_dataset(&id, Move::Unpublish, "Ana", "Holds home addresses")
            .unwrap();
        assert_eq!(d.status, Status::Withdrawn);
        let history = s.history(&id).unwrap();
        let note = history.iter().find(|h| !h.note.is_empty()).unwrap();
        assert_eq!(note.by, "Ana");
        assert_eq!(note.note, "Withdrawn from the portal: Holds home addresses");
        assert!(s.delete_dataset(&id).is_err(), "withdrawn is kept too");
        assert!(s.dataset(&id).unwrap().is_some());
    }

    #[test]
    fn the_checklist_trail_keeps_who_gave_each_answer_through_delete_and_undo() {
        let (mut s, id) = store_with_dataset();
        let mut parks = s.home_department().unwrap().unwrap();
        parks.coordinators = vec![crate::model::Coordinator {
            name: "Renee Alvarez".into(),
            email: "renee@city.gov".into(),
        }];
        s.save_department(&parks).unwrap();
        let band = Bank::checklist().question("band").unwrap();
        s.answer_check(&id, band, Some(CheckAnswer::Yes), "")
            .unwrap();
        assert_eq!(s.trail(&id).unwrap()[0].by, "Renee Alvarez");
        let deleted = s.delete_dataset(&id).unwrap();
        s.restore_dataset(&deleted).unwrap();
        assert_eq!(s.trail(&id).unwrap()[0].by, "Renee Alvarez");
    }
}
