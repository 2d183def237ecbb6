//! The checklist's answers: checks (Yes / No / Not applicable with a note) and
//! answers that fill a column, each kept with its date in an audit trail, and
//! the move to "Submitted for review" once the checklist is complete.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::datasets::{dataset_tx, update_dataset_tx};
use super::{Missing, Refusal, Result, Store, StoreError};
use crate::checklist::{CheckState, Checks, submission_problems};
use crate::model::vocab::Vocabulary;
use crate::model::{CheckAnswer, Dataset, DepartmentCode, FieldKind, InventoryId, Status};
use crate::questions::Question;

/// One answer as it was given: the audit trail, and the rows a delete keeps
/// so that an undo can put them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailEntry {
    pub question_id: String,
    /// The answer's words ("Yes", "Not applicable", or a column's value).
    pub answer: String,
    pub note: String,
    pub at: NaiveDateTime,
    /// Who gave the answer: the person at the desk when it was given (the
    /// home department's first coordinator); empty when not known (answers
    /// read from a file, or given before the app kept names).
    pub by: String,
}

/// A check's current answer in the whole inventory, for the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    pub id: InventoryId,
    pub question_id: String,
    pub state: CheckState,
}

const AT: &str = "%Y-%m-%d %H:%M:%S";

impl Store {
    /// A dataset's current check answers.
    pub fn checks(&self, id: &InventoryId) -> Result<Checks> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT question_id, answer, note, answered_on FROM checklist_answers WHERE inventory_id = ?1",
        )?;
        let rows = stmt.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                state(&r.get::<_, String>(1)?, r.get(2)?, &r.get::<_, String>(3)?),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every dataset's check answers, as `checks` gives one dataset's: one
    /// read for an import that compares a whole checklist sheet.
    pub fn checks_of_all(&self) -> Result<foldhash::HashMap<InventoryId, Checks>> {
        let mut stmt = self.conn.prepare(
            "SELECT inventory_id, question_id, answer, note, answered_on FROM checklist_answers",
        )?;
        // The texts that are read, not kept, are borrowed from SQLite: a
        // city's inventory has an answer per dataset and question.
        let mut rows = stmt.query([])?;
        // Keyed with a fast hash: an import looks up every answer of its file.
        let mut all = foldhash::HashMap::<InventoryId, Checks>::default();
        while let Some(r) = rows.next()? {
            let Ok(id) = text(r, 0)?.parse::<InventoryId>() else {
                continue;
            };
            let state = state(text(r, 2)?, r.get(3)?, text(r, 4)?);
            all.entry(id).or_default().insert(r.get(1)?, state);
        }
        Ok(all)
    }

    /// Every answered check of one department (or all), in Inventory ID order.
    pub fn all_checks(&self, department: Option<&DepartmentCode>) -> Result<Vec<CheckRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.inventory_id, a.question_id, a.answer, a.note, a.answered_on
             FROM checklist_answers a JOIN datasets d ON d.inventory_id = a.inventory_id
             WHERE (?1 IS NULL OR d.department_code = ?1) AND (a.answer <> '' OR a.note <> '')
             ORDER BY d.department_code, CAST(substr(a.inventory_id, 5) AS INTEGER)",
        )?;
        let code = department.map(|c| c.to_string());
        let rows = stmt.query_map([code], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                state(&r.get::<_, String>(2)?, r.get(3)?, &r.get::<_, String>(4)?),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, question_id, state) = row?;
            if let Ok(id) = id.parse() {
                out.push(CheckRow {
                    id,
                    question_id,
                    state,
                });
            }
        }
        // Within a dataset, the checklist's own order (a question the bank no
        // longer has goes last); the sort is stable, so IDs keep their order.
        let bank = &crate::questions::Bank::checklist().questions;
        let position = |q: &str| bank.iter().position(|b| b.id == q).unwrap_or(bank.len());
        out.sort_by_cached_key(|r| (r.id.clone(), position(&r.question_id)));
        Ok(out)
    }

    /// Saves many check answers in one transaction, each added to the trail
    /// (the demo's sample answers).
    pub fn record_checks(&mut self, rows: &[CheckRow]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let now = super::now();
        for row in rows {
            import_check_tx(&tx, row, now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every answer given for a dataset, oldest first: the audit trail.
    pub fn trail(&self, id: &InventoryId) -> Result<Vec<TrailEntry>> {
        trail_tx(&self.conn, id)
    }

    /// Answers a check, or changes its note; saved at once with today's date.
    /// A new answer is added to the trail; a note typed the same day as its
    /// answer updates that day's entry.
    pub fn answer_check(
        &mut self,
        id: &InventoryId,
        question: &Question,
        answer: Option<CheckAnswer>,
        note: &str,
    ) -> Result<()> {
        if !question.is_check() {
            return Err(Refusal::NotACheck(question.text.clone()).into());
        }
        let note = crate::model::dataset::clean_text(note);
        let max = crate::model::dataset::MAX_TEXT;
        if note.chars().count() > max {
            // The note travels in a workbook cell, which holds no more.
            return Err(Refusal::NoteTooLong.into());
        }
        let tx = self.conn.transaction()?;
        if dataset_tx(&tx, id)?.is_none() {
            return Err(Missing::Dataset(id.clone()).into());
        }
        let words = answer.map(|a| a.label()).unwrap_or("");
        let at = super::now();
        tx.execute(
            "INSERT INTO checklist_answers (inventory_id, question_id, answer, note, answered_on)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(inventory_id, question_id) DO UPDATE SET
               answer = excluded.answer, note = excluded.note, answered_on = excluded.answered_on",
            params![
                id.to_string(),
                question.id,
                words,
                note,
                at.date().to_string()
            ],
        )?;
        let by = at_the_desk_tx(&tx)?;
        record_tx(&tx, id, &question.id, words, &note, at, &by, false)?;
        tx.commit()?;
        Ok(())
    }

    /// Answers a question that fills a column: the column is saved and the
    /// answer added to the trail, in one transaction. A value that does not fit
    /// is refused with a plain message and nothing is saved.
    pub fn answer_field(
        &mut self,
        id: &InventoryId,
        question: &Question,
        text: &str,
    ) -> Result<Dataset> {
        let field = question
            .field()
            .ok_or_else(|| Refusal::FillsNoColumn(question.text.clone()))?;
        let tx = self.conn.transaction()?;
        let mut dataset = dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        dataset.set(field, text).map_err(StoreError::from)?;
        if dataset.name.trim().is_empty() {
            return Err(Refusal::DatasetWithoutName.into());
        }
        super::lists::match_to_lists_tx(&tx, &mut dataset)?;
        let saved = update_dataset_tx(&tx, &dataset, "")?;
        // Typing changes a text a letter at a time: those coalesce per day.
        let typed = !matches!(field.kind(), FieldKind::Choice(_) | FieldKind::Listed(_));
        let by = at_the_desk_tx(&tx)?;
        record_tx(
            &tx,
            id,
            &question.id,
            &saved.get(field),
            "",
            super::now(),
            &by,
            typed,
        )?;
        tx.commit()?;
        Ok(saved)
    }

    /// Sends a dataset to the CDO: refused, with every reason, unless the
    /// checklist is complete and the department approved it.
    pub fn submit_for_review(&mut self, id: &InventoryId, by: &str) -> Result<Dataset> {
        let checks = self.checks(id)?;
        let tx = self.conn.transaction()?;
        let mut dataset = dataset_tx(&tx, id)?.ok_or_else(|| Missing::Dataset(id.clone()))?;
        let problems = submission_problems(&dataset, &checks);
        if !problems.is_empty() {
            return Err(Refusal::ChecklistIncomplete {
                name: dataset.name,
                problems,
            }
            .into());
        }
        dataset.status = Status::Submitted;
        let saved = update_dataset_tx(&tx, &dataset, by)?;
        tx.commit()?;
        Ok(saved)
    }
}

/// Puts one answer from an imported file (or the demo) in place: the current
/// answer, dated with its day, and a new line in the trail. An import is an
/// event of its own: it never merges into the coordinator's entry of that day.
pub(super) fn import_check_tx(tx: &Transaction, row: &CheckRow, now: NaiveDateTime) -> Result<()> {
    let words = row.state.answer.map(|a| a.label()).unwrap_or("");
    let id = row.id.to_string();
    tx.prepare_cached(
        "INSERT INTO checklist_answers (inventory_id, question_id, answer, note, answered_on)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(inventory_id, question_id) DO UPDATE SET
           answer = excluded.answer, note = excluded.note, answered_on = excluded.answered_on",
    )?
    .execute(params![
        id,
        row.question_id,
        words,
        row.state.note,
        row.state.on.to_string()
    ])?;
    // The file gives a day; the time of the import keeps that day's entries in order.
    let at = row.state.on.and_time(now.time());
    tx.prepare_cached(
        "INSERT INTO checklist_trail (inventory_id, question_id, answer, note, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        row.question_id,
        words,
        row.state.note,
        at.format(AT).to_string()
    ])?;
    Ok(())
}

/// A text column of a row, borrowed; empty when it holds no text.
fn text<'r>(row: &'r rusqlite::Row<'_>, column: usize) -> Result<&'r str> {
    Ok(row.get_ref(column)?.as_str().unwrap_or(""))
}

fn state(answer: &str, note: String, on: &str) -> CheckState {
    CheckState {
        answer: CheckAnswer::parse(answer),
        note,
        // `%Y-%m-%d`, as stored; `parse` reads no format text for each answer.
        on: on.parse::<NaiveDate>().unwrap_or_default(),
    }
}

pub(super) fn trail_tx(conn: &Connection, id: &InventoryId) -> Result<Vec<TrailEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT question_id, answer, note, at, given_by FROM checklist_trail WHERE inventory_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.to_string()], |r| {
        let at: String = r.get(3)?;
        Ok(TrailEntry {
            question_id: r.get(0)?,
            answer: r.get(1)?,
            note: r.get(2)?,
            at: NaiveDateTime::parse_from_str(&at, AT).unwrap_or_default(),
            by: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who is at the desk: the home department's first coordinator (the person
/// the app records changes under), or empty when none is named yet.
pub(super) fn at_the_desk_tx(conn: &Connection) -> Result<String> {
    let coordinators: Option<String> = conn
        .query_row(
            "SELECT coordinators FROM departments ORDER BY rowid LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let list: Vec<crate::model::Coordinator> = coordinators
        .and_then(|c| serde_json::from_str(&c).ok())
        .unwrap_or_default();
    Ok(list.into_iter().next().map(|c| c.name).unwrap_or_default())
}

/// Adds an answer to the trail, or updates today's entry when only its note
/// changed (or, for `typed` answers, when it was typed today) by the same
/// person: another person's answer is an entry of its own.
#[allow(clippy::too_many_arguments)]
fn record_tx(
    tx: &Transaction,
    id: &InventoryId,
    question_id: &str,
    answer: &str,
    note: &str,
    at: NaiveDateTime,
    by: &str,
    typed: bool,
) -> Result<()> {
    let latest: Option<(i64, String, String, String, String)> = tx
        .query_row(
            "SELECT id, answer, note, at, given_by FROM checklist_trail
             WHERE inventory_id = ?1 AND question_id = ?2 ORDER BY id DESC LIMIT 1",
            params![id.to_string(), question_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let stamp = at.format(AT).to_string();
    if let Some((row, old_answer, old_note, old_at, old_by)) = latest {
        if old_answer == answer && old_note == note {
            return Ok(());
        }
        let same_day = old_at.get(..10) == stamp.get(..10);
        if same_day && old_by == by && (old_answer == answer || typed) {
            tx.execute(
                "UPDATE checklist_trail SET answer = ?1, note = ?2, at = ?3 WHERE id = ?4",
                params![answer, note, stamp, row],
            )?;
            return Ok(());
        }
    }
    tx.execute(
        "INSERT INTO checklist_trail (inventory_id, question_id, answer, note, at, given_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id.to_string(), question_id, answer, note, stamp, by],
    )?;
    Ok(())
}

/// The current answers and trail of a dataset, kept by a delete for its undo.
pub(super) fn saved_answers_tx(
    conn: &Connection,
    id: &InventoryId,
) -> Result<(Vec<TrailEntry>, Vec<TrailEntry>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT question_id, answer, note, answered_on FROM checklist_answers WHERE inventory_id = ?1",
    )?;
    let current = stmt
        .query_map([id.to_string()], |r| {
            let on: String = r.get(3)?;
            Ok(TrailEntry {
                question_id: r.get(0)?,
                answer: r.get(1)?,
                note: r.get(2)?,
                at: NaiveDate::parse_from_str(&on, "%Y-%m-%d")
                    .unwrap_or_default()
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default(),
                // The current answer keeps no name; the trail does.
                by: String::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((current, trail_tx(conn, id)?))
}

/// Puts back what `saved_answers_tx` kept.
pub(super) fn restore_answers_tx(
    tx: &Transaction,
    id: &InventoryId,
    current: &[TrailEntry],
    trail: &[TrailEntry],
) -> Result<()> {
    for a in current {
        tx.execute(
            "INSERT OR REPLACE INTO checklist_answers (inventory_id, question_id, answer, note, answered_on)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id.to_string(), a.question_id, a.answer, a.note, a.at.date().to_string()],
        )?;
    }
    for t in trail {
        tx.execute(
            "INSERT INTO checklist_trail (inventory_id, question_id, answer, note, at, given_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.to_string(),
                t.question_id,
                t.answer,
                t.note,
                t.at.format(AT).to_string(),
                t.by
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::parks_with_trees as store_with_dataset;
    use super::*;
    use crate::model::Field;
    use crate::questions::Bank;

    fn q(id: &str) -> &'static Question {
        Bank::checklist().question(id).unwrap()
    }

    #[test]
    fn a_check_is_saved_with_its_note_and_date() {
        let (mut s, id) = store_with_dataset();
        s.answer_check(
            &id,
            q("vetted"),
            Some(CheckAnswer::Yes),
            "Compared with the annual report",
        )
        .unwrap();
        let checks = s.checks(&id).unwrap();
        let c = &checks["vetted"];
        assert_eq!(c.answer, Some(CheckAnswer::Yes));
        assert_eq!(c.note, "Compared with the annual report");
        assert_eq!(c.on, super::super::now().date());
    }

    #[test]
    fn the_trail_keeps_earlier_answers_with_their_dates() {
        let (mut s, id) = store_with_dataset();
        s.answer_check(&id, q("vetted"), Some(CheckAnswer::No), "")
            .unwrap();
        // A note typed later the same day belongs to that answer.
        s.answer_check(&id, q("vetted"), Some(CheckAnswer::No), "Not y")
            .unwrap();
        s.answer_check(&id, q("vetted"), Some(CheckAnswer::No), "Not yet")
            .unwrap();
        s.answer_check(&id, q("vetted"), Some(CheckAnswer::Yes), "Done")
            .unwrap();
        let trail = s.trail(&id).unwrap();
        let words: Vec<(&str, &str)> = trail
            .iter()
            .map(|t| (t.answer.as_str(), t.note.as_str()))
            .collect();
        assert_eq!(words, [("No", "Not yet"), ("Yes", "Done")]);
        assert!(
            trail
                .iter()
                .all(|t| t.at.date() == super::super::now().date())
        );
        // An answer from an earlier day is never overwritten.
        s.conn
            .execute("UPDATE checklist_trail SET at = '2026-01-05 10:00:00'", [])
            .unwrap();
        s.answer_check(&id, q("vetted"), Some(CheckAnswer::Yes), "Done again")
            .unwrap();
        let trail = s.trail(&id).unwrap();
        assert_eq!(trail.len(), 3);
        assert_eq!(trail[0].at.date().to_string(), "2026-01-05");
        assert_eq!(trail[2].note, "Done again");
    }

    #[test]
    fn a_field_answer_fills_the_column_and_the_trail() {
        let (mut s, id) = store_with_dataset();
        s.answer_field(&id, q("steward"), "K").unwrap();
        let d = s.answer_field(&id, q("steward"), "Kim Lee").unwrap();
        assert_eq!(d.steward, "Kim Lee");
        let trail = s.trail(&id).unwrap();
        assert_eq!(trail.len(), 1, "typing coalesces within a day");
        assert_eq!(trail[0].answer, "Kim Lee");
        let refused = s.answer_field(&id, q("contact_email"), "kim at parks");
        assert!(refused.is_err());
        assert_eq!(s.dataset(&id).unwrap().unwrap().contact_email, "");
        assert_eq!(s.trail(&id).unwrap().len(), 1);
    }

    #[test]
    fn an_incomplete_checklist_is_not_submitted_and_says_what_is_missing() {
        let (mut s, id) = store_with_dataset();
        let e = s.submit_for_review(&id, "").unwrap_err().to_string();
        assert!(e.contains("cannot be submitted"), "{e}");
        assert!(e.contains("Who is the data steward?"), "{e}");
        assert!(e.contains("has not approved"), "{e}");
        assert_eq!(s.dataset(&id).unwrap().unwrap().status, Status::NotReady);
    }

    #[test]
    fn a_complete_approved_checklist_moves_to_submitted_with_history() {
        let (mut s, id) = store_with_dataset();
        crate::demo::complete_checklist(&mut s, &id).unwrap();
        let d = s.submit_for_review(&id, "Ana").unwrap();
        assert_eq!(d.status, Status::Submitted);
        let h = s.history(&id).unwrap();
        assert!(
            h.iter()
                .any(|e| e.summary().contains("Submitted for review"))
        );
        assert!(s.submit_for_review(&id, "Ana").is_err(), "not twice");
        assert_eq!(s.table_row(&id).unwrap().unwrap().complete, 100);
        let _ = Field::Name;
    }

    #[test]
    fn every_dataset_s_answers_read_at_once_are_those_read_one_dataset_at_a_time() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill(&mut store, 60, 7).unwrap();
        let all = store.checks_of_all().unwrap();
        assert!(!all.is_empty(), "the demo answers some checks");
        for dataset in store.datasets().unwrap() {
            let id = dataset.id.unwrap();
            let one = store.checks(&id).unwrap();
            assert_eq!(all.get(&id).cloned().unwrap_or_default(), one, "{id}");
        }
    }
}
