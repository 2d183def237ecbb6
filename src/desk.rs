//! Whose desk an inventory is on: a department's open data coordinator, or
//! the Chief Data Officer's office. The playbook gives the CDO's decisions
//! (Approve, Return with changes, Not publishable) to the CDO alone, so the
//! desk decides which moves of the review path the app makes directly.
//!
//! The desk is chosen when the inventory is set up and never changes after
//! (`Store::choose_desk`): a coordinator cannot become the CDO by a setting.
//! On a department's desk the CDO's decisions arrive in the returned workbook,
//! or are recorded from the CDO's message with who decided, when and why
//! (`DecisionSent`), and the history says so.

use chrono::NaiveDate;

use crate::model::CdoDecision;
use crate::review::Move;

/// Who works at this inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Desk {
    /// A department's coordinator: lists, describes, submits. The inventories
    /// made before desks existed were all departments'.
    #[default]
    Department,
    /// The CDO's office: imports every department's workbook, decides,
    /// publishes, and returns a workbook to each department.
    CdoOffice,
}

impl Desk {
    pub const ALL: [Desk; 2] = [Desk::Department, Desk::CdoOffice];

    /// How the desk is kept in the inventory's settings.
    pub fn key(self) -> &'static str {
        match self {
            Desk::Department => "department",
            Desk::CdoOffice => "cdo-office",
        }
    }

    pub fn from_key(key: &str) -> Option<Desk> {
        Desk::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The words of the setup choice and the title bar.
    pub fn label(self) -> &'static str {
        match self {
            Desk::Department => "A department's open data coordinator",
            Desk::CdoOffice => "The Chief Data Officer's office",
        }
    }

    /// Short, for the title bar: "Coordinator's desk".
    pub fn title(self) -> &'static str {
        match self {
            Desk::Department => "Coordinator's desk",
            Desk::CdoOffice => "CDO's desk (citywide)",
        }
    }

    /// In a sentence: "a coordinator's desk", "the CDO's office's desk".
    pub fn as_named(self) -> &'static str {
        match self {
            Desk::Department => "a coordinator's desk",
            Desk::CdoOffice => "the CDO's office's desk",
        }
    }

    /// Whether this desk makes `mv` itself. Publishing is recorded on both:
    /// the CDO publishes, and the coordinator records the portal link the CDO
    /// sends (it needs the link and the day).
    pub fn makes(self, mv: Move) -> bool {
        match (self, mv) {
            (_, Move::Publish | Move::Unpublish) => true,
            (Desk::Department, Move::Decide(_)) => false,
            (Desk::Department, Move::Submit | Move::Withdraw | Move::Reopen) => true,
            (Desk::CdoOffice, Move::Decide(_)) => true,
            (Desk::CdoOffice, Move::Submit | Move::Withdraw | Move::Reopen) => false,
        }
    }

    /// The moves of `moves` this desk makes itself.
    pub fn own_moves(self, moves: Vec<Move>) -> Vec<Move> {
        moves.into_iter().filter(|m| self.makes(*m)).collect()
    }
}

/// A move this desk does not make. Its `Display` says who does, and how the
/// coordinator records what the CDO sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotThisDesk {
    #[error(
        "Only the CDO's office records the CDO's decisions. When the CDO has decided, import the workbook the CDO returned, or use \"Record a decision the CDO sent\" with who decided, when and the note."
    )]
    CdoDecision,
    #[error(
        "\"{}\" is the department's to do: the CDO's office sees it when the department's workbook is imported.",
        .0.label()
    )]
    DepartmentMove(Move),
    #[error(
        "On the CDO's desk, decide directly (Approve, Return with changes requested, Mark not publishable); \"Record a decision the CDO sent\" is for a department's desk."
    )]
    RecordOnCdoDesk,
    #[error(
        "The release review (security, quality, privacy and the sign-offs) is kept by the CDO's office."
    )]
    ReleaseReview,
    #[error(
        "This inventory is {}; that cannot change once it holds datasets. To work at the other desk, start a new inventory file.",
        .0.as_named()
    )]
    Chosen(Desk),
}

impl Desk {
    /// Why this desk may not make `mv`, if it may not.
    pub fn check(self, mv: Move) -> Result<(), NotThisDesk> {
        if self.makes(mv) {
            return Ok(());
        }
        Err(match mv {
            Move::Decide(_) => NotThisDesk::CdoDecision,
            other => NotThisDesk::DepartmentMove(other),
        })
    }
}

/// A decision the CDO made and sent (an email, a memo), recorded by the
/// coordinator. Every part is required: the history must say who decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionSent {
    pub decision: CdoDecision,
    /// Who at the CDO's office decided.
    pub decided_by: String,
    pub decided_on: NaiveDate,
    /// The CDO's note, as sent.
    pub note: String,
}

/// What a recorded decision still lacks, in the form's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecisionSentMissing {
    #[error("Write who at the CDO's office made the decision.")]
    DecidedBy,
    #[error("Write the CDO's note as it was sent (what to change, or why).")]
    Note,
    #[error("The decision cannot be dated after today.")]
    InTheFuture,
}

impl DecisionSent {
    /// What is missing or wrong, first problem first; `today` bounds the date.
    pub fn check(&self, today: NaiveDate) -> Result<(), DecisionSentMissing> {
        if self.decided_by.trim().is_empty() {
            return Err(DecisionSentMissing::DecidedBy);
        }
        if self.note.trim().is_empty() {
            return Err(DecisionSentMissing::Note);
        }
        if self.decided_on > today {
            return Err(DecisionSentMissing::InTheFuture);
        }
        Ok(())
    }

    /// The history's line that marks the decision as recorded, not made here.
    pub fn history_note(&self, recorded_by: &str) -> String {
        let who = if recorded_by.trim().is_empty() {
            "the coordinator".to_string()
        } else {
            recorded_by.trim().to_string()
        };
        format!(
            "Recorded by {who} from the CDO's message: {} by {} on {}.",
            crate::model::vocab::Vocabulary::label(self.decision),
            self.decided_by.trim(),
            crate::model::dates::format_date(self.decided_on)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_cdo_s_desk_decides_and_only_a_department_submits() {
        for mv in Move::ALL {
            let decision = matches!(mv, Move::Decide(_));
            assert_eq!(
                Desk::CdoOffice.makes(mv),
                decision || matches!(mv, Move::Publish | Move::Unpublish)
            );
            assert_eq!(Desk::Department.makes(mv), !decision);
        }
    }

    #[test]
    fn a_desk_is_kept_by_a_key_that_reads_back() {
        for d in Desk::ALL {
            assert_eq!(Desk::from_key(d.key()), Some(d));
        }
        assert_eq!(Desk::from_key("cdo"), None);
    }

    #[test]
    fn a_decision_sent_needs_who_and_a_note() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut sent = DecisionSent {
            decision: CdoDecision::Approved,
            decided_by: " ".into(),
            decided_on: today,
            note: "Fine.".into(),
        };
        assert_eq!(sent.check(today), Err(DecisionSentMissing::DecidedBy));
        sent.decided_by = "Dana Lee".into();
        assert_eq!(sent.check(today), Ok(()));
        sent.note.clear();
        assert_eq!(sent.check(today), Err(DecisionSentMissing::Note));
        sent.note = "Fine.".into();
        sent.decided_on = today.succ_opt().unwrap();
        assert_eq!(sent.check(today), Err(DecisionSentMissing::InTheFuture));
        assert_eq!(
            DecisionSent {
                decided_on: today,
                ..sent
            }
            .history_note("Ana Ruiz"),
            "Recorded by Ana Ruiz from the CDO's message: Approved by Dana Lee on 2026-12-01."
        );
    }
}
