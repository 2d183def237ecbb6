//! The CDO's release review of each dataset (`crate::release_review`), kept
//! on the CDO's desk only. A sign-off also goes to the dataset's history.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::history::note_tx;
use super::{Missing, Refusal, Result, Store};
use crate::desk::{Desk, NotThisDesk};
use crate::model::{CheckAnswer, InventoryId};
use crate::release_review::{ReleaseReview, ReviewAnswer, SignOff};

impl Store {
    /// A dataset's release review (empty when none was started).
    pub fn release_review(&self, id: &InventoryId) -> Result<ReleaseReview> {
        release_review_tx(&self.conn, id)
    }

    /// Answers one question of the release review, or clears it (`None`).
    pub fn answer_release_review(
        &mut self,
        id: &InventoryId,
        question: &str,
        answer: Option<CheckAnswer>,
        note: &str,
        by: &str,
    ) -> Result<ReleaseReview> {
        self.cdo_desk_only()?;
        let tx = self.conn.transaction()?;
        let mut review = existing_review(&tx, id)?;
        match answer {
            Some(answer) => {
                review.answers.insert(
                    question.to_string(),
                    ReviewAnswer {
                        answer,
                        note: note.trim().to_string(),
                        on: super::now().date(),
                        by: by.to_string(),
                    },
                );
            }
            None => {
                review.answers.remove(question);
            }
        }
        save_review_tx(&tx, id, &review)?;
        tx.commit()?;
        Ok(review)
    }

    /// Records a sign-off (the CISO's audit, the policy or communications
    /// team's), in the review and in the history.
    pub fn sign_off(
        &mut self,
        id: &InventoryId,
        sign_off: &SignOff,
        by: &str,
    ) -> Result<ReleaseReview> {
        self.cdo_desk_only()?;
        sign_off.check(super::now().date()).map_err(Refusal::from)?;
        let tx = self.conn.transaction()?;
        let mut review = existing_review(&tx, id)?;
        review.sign_offs.push(sign_off.clone());
        save_review_tx(&tx, id, &review)?;
        note_tx(&tx, id, by, &sign_off.history_note())?;
        tx.commit()?;
        Ok(review)
    }

    fn cdo_desk_only(&self) -> Result<()> {
        match self.desk()? {
            Desk::CdoOffice => Ok(()),
            Desk::Department => Err(Refusal::from(NotThisDesk::ReleaseReview).into()),
        }
    }
}

/// The review of a dataset that exists; a missing dataset is refused.
fn existing_review(tx: &Transaction, id: &InventoryId) -> Result<ReleaseReview> {
    if super::datasets::dataset_tx(tx, id)?.is_none() {
        return Err(Missing::Dataset(id.clone()).into());
    }
    release_review_tx(tx, id)
}

pub(super) fn release_review_tx(conn: &Connection, id: &InventoryId) -> Result<ReleaseReview> {
    let json: Option<String> = conn
        .prepare_cached("SELECT review FROM release_reviews WHERE inventory_id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    // A value this version cannot read is shown as no review rather than
    // stopping the screen; it stays in the file untouched until a new answer.
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

pub(super) fn save_review_tx(
    tx: &Transaction,
    id: &InventoryId,
    review: &ReleaseReview,
) -> Result<()> {
    if review.is_empty() {
        tx.prepare_cached("DELETE FROM release_reviews WHERE inventory_id = ?1")?
            .execute([id.to_string()])?;
        return Ok(());
    }
    let json = serde_json::to_string(review).unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO release_reviews (inventory_id, review) VALUES (?1, ?2)
         ON CONFLICT(inventory_id) DO UPDATE SET review = excluded.review",
    )?
    .execute([id.to_string(), json])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release_review::{SignOffKind, SignOffResult};

    fn at_the_cdo() -> (Store, InventoryId) {
        let (s, id) = super::super::parks_with_trees();
        // The dataset came in a department's workbook; the setting stands for it.
        s.conn
            .execute(
                "INSERT INTO settings(key, value) VALUES ('desk', 'cdo-office')",
                [],
            )
            .unwrap();
        (s, id)
    }

    fn audit() -> SignOff {
        SignOff {
            kind: SignOffKind::CisoAudit,
            by: "Sam Ortiz".into(),
            on: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            result: SignOffResult::Cleared,
            note: String::new(),
        }
    }

    #[test]
    fn only_the_cdo_s_desk_keeps_a_release_review() {
        let (mut s, id) = super::super::parks_with_trees();
        let e = s
            .answer_release_review(&id, "vetted", Some(CheckAnswer::Yes), "", "Ana")
            .unwrap_err();
        assert!(e.to_string().contains("kept by the CDO's office"), "{e}");
        assert!(s.sign_off(&id, &audit(), "Ana").is_err());
        assert!(s.release_review(&id).unwrap().is_empty());
        assert!(s.history(&id).unwrap().is_empty());
    }

    #[test]
    fn a_sign_off_goes_to_the_history_and_the_review_survives_delete_and_undo() {
        let (mut s, id) = at_the_cdo();
        s.answer_release_review(
            &id,
            "vetted",
            Some(CheckAnswer::No),
            "Totals differ",
            "Dana",
        )
        .unwrap();
        let review = s.sign_off(&id, &audit(), "Dana").unwrap();
        assert_eq!(review.sign_offs, [audit()]);
        let history = s.history(&id).unwrap();
        assert_eq!(history.last().unwrap().by, "Dana");
        assert_eq!(
            history.last().unwrap().note,
            "The CISO's security audit: Cleared, by Sam Ortiz on 2026-11-30."
        );
        let before = s.release_review(&id).unwrap();
        let deleted = s.delete_dataset(&id).unwrap();
        assert!(s.release_review(&id).unwrap().is_empty());
        s.restore_dataset(&deleted).unwrap();
        assert_eq!(s.release_review(&id).unwrap(), before);
        assert_eq!(before.answers["vetted"].note, "Totals differ");
    }
}
