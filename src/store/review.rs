//! The review path carried out: each move checked against the state machine
//! (`crate::review`), saved with the CDO's decision and notes, and written to
//! the dataset's history with who and when; and the publication plan.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::datasets::{dataset_tx, update_dataset_tx};
use super::history::note_tx;
use super::{Missing, Refusal, Result, Store, StoreError};
use crate::desk::{DecisionSent, Desk, NotThisDesk};
use crate::model::dataset::{FieldError, parse_url};
use crate::model::dates::{format_date, in_range};
use crate::model::{Dataset, DepartmentCode, InventoryId, PublicationPlan, Status, YesNo};
use crate::review::Move;

const DAY: &str = "%Y-%m-%d";

impl Store {
    /// Makes one move along the review path. `by` is who makes it; `note` is
    /// the CDO's note for a decision, or a note for the history.
    pub fn move_dataset(
        &mut self,
        id: &InventoryId,
        mv: Move,
        by: &str,
        note: &str,
    ) -> Result<Dataset> {
        self.desk()?.check(mv).map_err(Refusal::from)?;
        if mv == Move::Submit {
            let saved = self.submit_for_review(id, by)?;
            if !note.trim().is_empty() {
                self.add_note(id, by, note)?;
            }
            return Ok(saved);
        }
        if mv == Move::Publish {
            return Err(Refusal::PublishWithoutLink.into());
        }
        let note = note.trim();
        let tx = self.conn.transaction()?;
        let mut d = existing(&tx, id)?;
        if mv == Move::Unpublish && note.is_empty() {
            return Err(Refusal::WithdrawalReasonNeeded(d.name).into());
        }
        if mv.needs_note() && note.is_empty() {
            return Err(Refusal::NoteNeeded.into());
        }
        d.status = mv.check(d.status).map_err(StoreError::from)?;
        match mv {
            Move::Decide(decision) => {
                d.cdo_decision = Some(decision);
                if !note.is_empty() {
                    d.cdo_notes = note.to_string();
                }
                d.reviewed_by = by.to_string();
                d.reviewed_on = Some(super::now().date());
            }
            Move::Unpublish => {
                note_tx(&tx, id, by, &format!("Withdrawn from the portal: {note}"))?;
            }
            _ => {
                if !note.is_empty() {
                    note_tx(&tx, id, by, note)?;
                }
            }
        }
        let saved = update_dataset_tx(&tx, &d, by)?;
        tx.commit()?;
        Ok(saved)
    }

    /// Records on a department's desk a decision the CDO made and sent: the
    /// dataset moves as the decision says, Reviewed By and Reviewed On are
    /// the CDO's, and the history marks it as recorded by `recorded_by`.
    pub fn record_cdo_decision(
        &mut self,
        id: &InventoryId,
        sent: &DecisionSent,
        recorded_by: &str,
    ) -> Result<Dataset> {
        if self.desk()? == Desk::CdoOffice {
            return Err(Refusal::from(NotThisDesk::RecordOnCdoDesk).into());
        }
        sent.check(super::now().date()).map_err(Refusal::from)?;
        let tx = self.conn.transaction()?;
        let mut d = existing(&tx, id)?;
        let mv = Move::Decide(sent.decision);
        d.status = mv.check(d.status).map_err(StoreError::from)?;
        d.cdo_decision = Some(sent.decision);
        d.cdo_notes = sent.note.trim().to_string();
        d.reviewed_by = sent.decided_by.trim().to_string();
        d.reviewed_on = Some(sent.decided_on);
        let saved = update_dataset_tx(&tx, &d, recorded_by)?;
        note_tx(&tx, id, recorded_by, &sent.history_note(recorded_by))?;
        tx.commit()?;
        Ok(saved)
    }

    /// Marks an approved dataset published, at its portal link, on a date.
    pub fn publish(
        &mut self,
        id: &InventoryId,
        link: &str,
        on: NaiveDate,
        by: &str,
    ) -> Result<Dataset> {
        let link = parse_url(link.trim()).map_err(StoreError::from)?;
        if link.is_empty() {
            return Err(Refusal::NoPortalLink.into());
        }
        let tx = self.conn.transaction()?;
        let mut d = existing(&tx, id)?;
        d.status = Move::Publish.check(d.status).map_err(StoreError::from)?;
        d.publication_link = link;
        d.existing_publication = Some(YesNo::Yes);
        let saved = update_dataset_tx(&tx, &d, by)?;
        let mut plan = plan_tx(&tx, id)?;
        plan.published_on = Some(on);
        if plan.last_refreshed.is_none() {
            plan.last_refreshed = Some(on);
        }
        save_plan_tx(&tx, id, &plan)?;
        tx.commit()?;
        Ok(saved)
    }

    /// A dataset's publication plan (empty if none was made).
    pub fn plan(&self, id: &InventoryId) -> Result<PublicationPlan> {
        plan_tx(&self.conn, id)
    }

    pub fn save_plan(&mut self, id: &InventoryId, plan: &PublicationPlan) -> Result<()> {
        let tx = self.conn.transaction()?;
        existing(&tx, id)?;
        save_plan_tx(&tx, id, plan)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves many plans in one transaction (the demo's sample plans).
    pub fn record_plans(&mut self, plans: &[(InventoryId, PublicationPlan)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (id, plan) in plans {
            save_plan_tx(&tx, id, plan)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every plan of one department (or all), for the workbook and the
    /// progress screen.
    pub fn plans(
        &self,
        department: Option<&DepartmentCode>,
    ) -> Result<Vec<(InventoryId, PublicationPlan)>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.inventory_id, p.tactics, p.announce_on, p.announced_by, p.maintained_by,
                    p.published_on, p.last_refreshed
             FROM publication_plans p JOIN datasets d ON d.inventory_id = p.inventory_id
             WHERE ?1 IS NULL OR d.department_code = ?1
             ORDER BY d.department_code, CAST(substr(p.inventory_id, 5) AS INTEGER)",
        )?;
        let code = department.map(|c| c.to_string());
        let rows = stmt.query_map([code], |r| {
            Ok((r.get::<_, String>(0)?, plan_from_row(r, 1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, plan) = row?;
            if let Ok(id) = id.parse() {
                out.push((id, plan));
            }
        }
        Ok(out)
    }

    /// Datasets the CDO sent back, with the notes: the coordinator's to-do list.
    pub fn returned(&self) -> Result<Vec<Dataset>> {
        Ok(self
            .datasets()?
            .into_iter()
            .filter(|d| d.status == Status::Returned)
            .collect())
    }
}

/// A dataset with a target publication date: the publishing plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub id: InventoryId,
    pub name: String,
    pub target: NaiveDate,
    pub status: Status,
    /// The target has passed and it is still unpublished (`model::target_missed`).
    pub missed: bool,
}

/// A published dataset and when its next refresh is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshWatch {
    pub id: InventoryId,
    pub name: String,
    pub frequency: String,
    pub last_refreshed: Option<NaiveDate>,
    /// `None`: no regular schedule, or no date to count from.
    pub due: Option<NaiveDate>,
}

impl RefreshWatch {
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|d| d < today)
    }
}

impl Store {
    /// Datasets with a target publication date, soonest first.
    pub fn publishing_plan(&self) -> Result<Vec<Planned>> {
        let mut stmt = self.conn.prepare(
            "SELECT inventory_id, name, target_publication_date, status FROM datasets
             WHERE target_publication_date <> '' ORDER BY target_publication_date, name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        let today = super::now().date();
        for row in rows {
            let (id, name, target, status) = row?;
            if let (Ok(id), Some(target)) = (id.parse(), date(&target)) {
                use crate::model::vocab::Vocabulary;
                let status = Status::parse(&status).unwrap_or_default();
                out.push(Planned {
                    id,
                    name,
                    target,
                    status,
                    missed: crate::model::target_missed(status, Some(target), today).is_some(),
                });
            }
        }
        Ok(out)
    }

    /// Every published dataset with its refresh schedule, most overdue first.
    pub fn refresh_watch(&self) -> Result<Vec<RefreshWatch>> {
        use crate::model::vocab::Vocabulary;
        let mut stmt = self.conn.prepare(
            "SELECT d.inventory_id, d.name, d.update_frequency,
                    coalesce(p.published_on, ''), coalesce(p.last_refreshed, '')
             FROM datasets d LEFT JOIN publication_plans p ON p.inventory_id = d.inventory_id
             WHERE d.status = ?1",
        )?;
        let rows = stmt.query_map([Status::Published.label()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, frequency, published, refreshed) = row?;
            let Ok(id) = id.parse() else { continue };
            let last_refreshed = date(&refreshed);
            let due = crate::model::refresh_due(
                crate::model::Frequency::parse(&frequency),
                last_refreshed,
                date(&published),
            );
            out.push(RefreshWatch {
                id,
                name,
                frequency,
                last_refreshed,
                due,
            });
        }
        out.sort_by_key(|w| (w.due.is_none(), w.due));
        Ok(out)
    }

    /// Records that a published dataset's data was refreshed on a day.
    pub fn record_refresh(&mut self, id: &InventoryId, on: NaiveDate) -> Result<()> {
        let tx = self.conn.transaction()?;
        existing(&tx, id)?;
        let mut plan = plan_tx(&tx, id)?;
        plan.last_refreshed = Some(on);
        save_plan_tx(&tx, id, &plan)?;
        tx.commit()?;
        Ok(())
    }
}

fn existing(conn: &rusqlite::Connection, id: &InventoryId) -> Result<Dataset> {
    dataset_tx(conn, id)?.ok_or_else(|| Missing::Dataset(id.clone()).into())
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, DAY).ok()
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format(DAY).to_string()).unwrap_or_default()
}

fn plan_from_row(r: &rusqlite::Row, at: usize) -> rusqlite::Result<PublicationPlan> {
    let tactics: String = r.get(at)?;
    Ok(PublicationPlan {
        tactics: PublicationPlan::parse_tactics(&tactics).unwrap_or_default(),
        announce_on: date(&r.get::<_, String>(at + 1)?),
        announced_by: r.get(at + 2)?,
        maintained_by: r.get(at + 3)?,
        published_on: date(&r.get::<_, String>(at + 4)?),
        last_refreshed: date(&r.get::<_, String>(at + 5)?),
    })
}

pub(super) fn plan_tx(conn: &rusqlite::Connection, id: &InventoryId) -> Result<PublicationPlan> {
    Ok(conn
        .query_row(
            "SELECT tactics, announce_on, announced_by, maintained_by, published_on, last_refreshed
             FROM publication_plans WHERE inventory_id = ?1",
            [id.to_string()],
            |r| plan_from_row(r, 0),
        )
        .optional()?
        .unwrap_or_default())
}

pub(super) fn save_plan_tx(
    conn: &rusqlite::Connection,
    id: &InventoryId,
    plan: &PublicationPlan,
) -> Result<()> {
    // A day the app does not keep would break every sum of days made with it.
    let days = [plan.announce_on, plan.published_on, plan.last_refreshed];
    if let Some(far) = days.into_iter().flatten().find(|d| !in_range(*d)) {
        return Err(FieldError::DateOutOfRange(format_date(far)).into());
    }
    // Cleaned as the workbook reads it back, so a plan round-trips unchanged.
    let announced_by = plan_text(&plan.announced_by, "Announced By")?;
    let maintained_by = plan_text(&plan.maintained_by, "Kept Up To Date By")?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO publication_plans
           (inventory_id, tactics, announce_on, announced_by, maintained_by, published_on, last_refreshed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id.to_string(),
        plan.tactics_text(),
        day(plan.announce_on),
        announced_by,
        maintained_by,
        day(plan.published_on),
        day(plan.last_refreshed)
    ])?;
    Ok(())
}

/// A name in a plan, as a workbook cell can hold it.
fn plan_text(text: &str, what: &str) -> Result<String> {
    let text = crate::model::dataset::clean_text(text);
    let length = text.chars().count();
    let max = crate::model::dataset::MAX_TEXT;
    if length > max {
        return Err(Refusal::PlanTextTooLong {
            what: what.to_string(),
            length,
        }
        .into());
    }
    Ok(text)
}

/// Saves a plan an import brings, next to the dataset it belongs to. An
/// emptied plan is removed, so that it no longer travels in the workbook.
pub(super) fn import_plan_tx(
    conn: &rusqlite::Connection,
    id: &InventoryId,
    plan: &PublicationPlan,
) -> Result<()> {
    if !plan.is_empty() {
        return save_plan_tx(conn, id, plan);
    }
    conn.prepare_cached("DELETE FROM publication_plans WHERE inventory_id = ?1")?
        .execute([id.to_string()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::{DecisionSent, Desk};
    use crate::model::vocab::Vocabulary;
    use crate::model::{CdoDecision, Tactic};

    fn store_with_dataset() -> (Store, InventoryId) {
        let (mut s, id) = super::super::parks_with_trees();
        crate::demo::complete_checklist(&mut s, &id).unwrap();
        (s, id)
    }

    /// The inventory as it would be at another desk. In life the dataset
    /// travels there in a workbook; in one test store, the setting stands for
    /// the trip (`choose_desk` would refuse: the store holds datasets).
    fn at_desk(s: &mut Store, desk: Desk) {
        s.conn
            .execute(
                "INSERT INTO settings(key, value) VALUES ('desk', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [desk.key()],
            )
            .unwrap();
    }

    #[test]
    fn a_dataset_goes_from_not_ready_to_published_and_each_move_is_in_the_history() {
        let (mut s, id) = store_with_dataset();
        s.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
        at_desk(&mut s, Desk::CdoOffice);
        s.move_dataset(&id, Move::Decide(CdoDecision::Approved), "CDO", "")
            .unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let d = s
            .publish(&id, "https://data.city.gov/d/trees", on, "CDO")
            .unwrap();
        assert_eq!(d.status, Status::Published);
        assert_eq!(d.publication_link, "https://data.city.gov/d/trees");
        assert_eq!(s.plan(&id).unwrap().published_on, Some(on));
        let moves: Vec<String> = s
            .history(&id)
            .unwrap()
            .iter()
            .map(|e| format!("{} by {}", e.summary(), e.by))
            .collect();
        assert!(
            moves
                .iter()
                .any(|m| m.contains("Submitted for review") && m.ends_with("by Ana")),
            "{moves:?}"
        );
        assert!(
            moves
                .iter()
                .any(|m| m.contains("Published") && m.ends_with("by CDO")),
            "{moves:?}"
        );
    }

    #[test]
    fn returned_work_carries_the_cdo_note_and_leaves_the_list_when_resubmitted() {
        let (mut s, id) = store_with_dataset();
        s.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
        at_desk(&mut s, Desk::CdoOffice);
        let refused = s.move_dataset(&id, Move::Decide(CdoDecision::ChangesRequested), "CDO", " ");
        assert!(refused.unwrap_err().to_string().contains("Write a note"));
        let d = s
            .move_dataset(
                &id,
                Move::Decide(CdoDecision::ChangesRequested),
                "CDO",
                "Add the keywords",
            )
            .unwrap();
        assert_eq!(
            (d.status, d.cdo_notes.as_str()),
            (Status::Returned, "Add the keywords")
        );
        at_desk(&mut s, Desk::Department);
        assert_eq!(s.returned().unwrap().len(), 1);
        s.move_dataset(&id, Move::Submit, "Ana", "Keywords added")
            .unwrap();
        assert!(s.returned().unwrap().is_empty());
        let h = s.history(&id).unwrap();
        assert!(h.iter().any(|e| e.note == "Add the keywords"));
        assert!(h.iter().any(|e| e.note == "Keywords added"));
    }

    #[test]
    fn a_move_the_path_does_not_allow_is_refused_and_nothing_changes() {
        let (mut s, id) = store_with_dataset();
        at_desk(&mut s, Desk::CdoOffice);
        let e = s
            .move_dataset(&id, Move::Decide(CdoDecision::Approved), "CDO", "")
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("only possible for a dataset that is Submitted for review"),
            "{e}"
        );
        let e = s
            .publish(
                &id,
                "https://x.gov",
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                "",
            )
            .unwrap_err();
        assert!(e.to_string().contains("Approved"), "{e}");
        assert_eq!(s.dataset(&id).unwrap().unwrap().status, Status::NotReady);
        assert!(s.plan(&id).unwrap().is_empty());
    }

    #[test]
    fn a_department_s_desk_cannot_make_the_cdo_s_decisions() {
        let (mut s, id) = store_with_dataset();
        s.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
        for decision in CdoDecision::ALL {
            let e = s
                .move_dataset(&id, Move::Decide(*decision), "Ana", "Looks fine")
                .unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("Only the CDO's office records the CDO's decisions"),
                "{e}"
            );
        }
        let d = s.dataset(&id).unwrap().unwrap();
        assert_eq!((d.status, d.cdo_decision), (Status::Submitted, None));
        assert!(d.reviewed_by.is_empty());
    }

    #[test]
    fn a_coordinator_cannot_write_the_cdo_s_note_or_who_reviewed_and_when() {
        use crate::model::Field;
        let (mut s, id) = store_with_dataset();
        for (field, text) in [
            (Field::CdoNotes, "Looks fine"),
            (Field::ReviewedBy, "Dana Lee"),
            (Field::ReviewedOn, "2026-11-30"),
        ] {
            let e = s.set_field(&id, field, text).unwrap_err();
            assert!(e.to_string().starts_with("Only the CDO's office"), "{e}");
        }
        let d = s.dataset(&id).unwrap().unwrap();
        assert!(d.cdo_notes.is_empty() && d.reviewed_by.is_empty() && d.reviewed_on.is_none());
        assert!(
            s.history(&id).unwrap().is_empty(),
            "nothing in the CDO's name"
        );
        // The CDO's office writes them.
        at_desk(&mut s, Desk::CdoOffice);
        s.set_field(&id, Field::CdoNotes, "Looks fine").unwrap();
    }

    #[test]
    fn the_cdo_s_desk_does_not_submit_or_take_back_a_department_s_dataset() {
        let (mut s, id) = store_with_dataset();
        at_desk(&mut s, Desk::CdoOffice);
        let e = s.move_dataset(&id, Move::Submit, "Dana", "").unwrap_err();
        assert!(e.to_string().contains("is the department's to do"), "{e}");
        assert_eq!(s.dataset(&id).unwrap().unwrap().status, Status::NotReady);
    }

    #[test]
    fn a_decision_the_cdo_sent_is_recorded_with_who_and_when_and_marked_in_the_history() {
        let (mut s, id) = store_with_dataset();
        s.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let mut sent = DecisionSent {
            decision: CdoDecision::ChangesRequested,
            decided_by: "Dana Lee".into(),
            decided_on: on,
            note: String::new(),
        };
        let e = s.record_cdo_decision(&id, &sent, "Ana").unwrap_err();
        assert!(e.to_string().contains("the CDO's note"), "{e}");
        assert_eq!(s.dataset(&id).unwrap().unwrap().status, Status::Submitted);
        sent.note = "Add the keywords".into();
        let d = s.record_cdo_decision(&id, &sent, "Ana").unwrap();
        assert_eq!(d.status, Status::Returned);
        assert_eq!(d.cdo_decision, Some(CdoDecision::ChangesRequested));
        assert_eq!(
            (d.reviewed_by.as_str(), d.reviewed_on),
            ("Dana Lee", Some(on))
        );
        assert_eq!(d.cdo_notes, "Add the keywords");
        let lines: Vec<String> = s
            .history(&id)
            .unwrap()
            .iter()
            .map(|e| format!("{} | {} | {}", e.summary(), e.by, e.note))
            .collect();
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("CDO decision: ") && l.contains("| Dana Lee |")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.ends_with(
                "| Ana | Recorded by Ana from the CDO's message: Changes requested by Dana Lee on 2026-11-30."
            )),
            "{lines:?}"
        );
        // On the CDO's desk the CDO decides directly instead.
        at_desk(&mut s, Desk::CdoOffice);
        s.move_dataset(&id, Move::Submit, "Ana", "").unwrap_err();
        let e = s.record_cdo_decision(&id, &sent, "Dana").unwrap_err();
        assert!(e.to_string().contains("decide directly"), "{e}");
    }

    #[test]
    fn the_desk_is_chosen_once_and_not_by_a_setting() {
        let mut empty = Store::open_in_memory().unwrap();
        assert_eq!(empty.desk().unwrap(), Desk::Department);
        empty.choose_desk(Desk::CdoOffice).unwrap();
        assert_eq!(empty.desk().unwrap(), Desk::CdoOffice);
        let (mut s, _) = store_with_dataset();
        let e = s.choose_desk(Desk::CdoOffice).unwrap_err();
        assert!(
            e.to_string()
                .contains("is a coordinator's desk; that cannot change"),
            "{e}"
        );
        assert!(s.set_setting("desk", "cdo-office").is_err());
        assert_eq!(s.desk().unwrap(), Desk::Department);
        s.choose_desk(Desk::Department).unwrap();
    }

    #[test]
    fn a_published_dataset_not_refreshed_in_time_is_late() {
        let (mut s, id) = store_with_dataset();
        s.set_field(&id, crate::model::Field::UpdateFrequency, "Monthly")
            .unwrap();
        s.move_dataset(&id, Move::Submit, "Ana", "").unwrap();
        at_desk(&mut s, Desk::CdoOffice);
        s.move_dataset(&id, Move::Decide(CdoDecision::Approved), "CDO", "")
            .unwrap();
        let jan = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        s.publish(&id, "https://data.city.gov/d/1", jan, "CDO")
            .unwrap();
        let watch = s.refresh_watch().unwrap();
        assert_eq!(watch[0].due, NaiveDate::from_ymd_opt(2026, 2, 10));
        assert!(watch[0].is_late(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert!(
            s.table_row(&id).unwrap().unwrap().late,
            "flagged in the table"
        );
        let today = super::super::now().date();
        s.record_refresh(&id, today).unwrap();
        assert!(!s.refresh_watch().unwrap()[0].is_late(today));
        assert!(!s.table_row(&id).unwrap().unwrap().late);
    }

    #[test]
    fn the_publishing_plan_lists_target_dates_soonest_first() {
        let (mut s, id) = store_with_dataset();
        s.set_field(
            &id,
            crate::model::Field::TargetPublicationDate,
            "2027-02-01",
        )
        .unwrap();
        let plan = s.publishing_plan().unwrap();
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].target, NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
    }

    #[test]
    fn the_publishing_plan_marks_a_target_passed_while_unpublished() {
        let (mut s, id) = store_with_dataset();
        let target = crate::model::Field::TargetPublicationDate;
        s.set_field(&id, target, "2020-01-01").unwrap();
        assert!(s.publishing_plan().unwrap()[0].missed);
        s.set_field(&id, target, "2999-01-01").unwrap();
        assert!(!s.publishing_plan().unwrap()[0].missed);
    }

    #[test]
    fn a_plan_is_saved_and_read_back() {
        let (mut s, id) = store_with_dataset();
        let plan = PublicationPlan {
            tactics: vec![Tactic::BlogPost, Tactic::Hackathon],
            announce_on: NaiveDate::from_ymd_opt(2027, 3, 1),
            announced_by: "Press office".into(),
            maintained_by: "Kim Lee".into(),
            ..Default::default()
        };
        s.save_plan(&id, &plan).unwrap();
        assert_eq!(s.plan(&id).unwrap(), plan);
        assert_eq!(s.plans(None).unwrap(), [(id, plan)]);
    }
}
