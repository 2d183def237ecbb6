//! The review path as a state machine: which moves a dataset may make, from
//! which status, and where each one leads. The playbook's path is
//! Not ready → Submitted for review (Stage 1) → Approved (Stage 2) → Published,
//! with Returned and Not publishable for the CDO's other decisions, and
//! Withdrawn from the portal for a published dataset taken off it (open data is
//! permanent: it is kept, and may be published again).
//!
//! The store carries the moves out (with the history); the screens only offer
//! the moves `allowed` lists, so a wrong move cannot be asked for.

use crate::model::vocab::Vocabulary;
use crate::model::{CdoDecision, Status};

/// One step along the review path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The coordinator sends a complete, approved dataset to the CDO.
    Submit,
    /// The coordinator takes a submitted dataset back to work on it.
    Withdraw,
    /// The CDO's decision.
    Decide(CdoDecision),
    /// The CDO publishes an approved dataset on the portal.
    Publish,
    /// A dataset found not publishable is worked on again (after changes that
    /// answer the CDO's reason).
    Reopen,
    /// A published dataset is taken off the portal, with the reason. Open data
    /// is permanent: it is kept, with its history, and may be published again.
    Unpublish,
}

impl Move {
    pub const ALL: [Move; 8] = [
        Move::Submit,
        Move::Withdraw,
        Move::Decide(CdoDecision::Approved),
        Move::Decide(CdoDecision::ChangesRequested),
        Move::Decide(CdoDecision::NotPublishable),
        Move::Publish,
        Move::Reopen,
        Move::Unpublish,
    ];

    /// The words on the button.
    pub fn label(self) -> &'static str {
        match self {
            Move::Submit => "Submit for review",
            Move::Withdraw => "Take back",
            Move::Decide(CdoDecision::Approved) => "Approve",
            Move::Decide(CdoDecision::ChangesRequested) => "Return with changes requested",
            Move::Decide(CdoDecision::NotPublishable) => "Mark not publishable",
            Move::Publish => "Mark published",
            Move::Reopen => "Work on it again",
            Move::Unpublish => "Withdraw from the portal",
        }
    }

    /// Where the move leads.
    pub fn to(self) -> Status {
        match self {
            Move::Submit => Status::Submitted,
            Move::Withdraw | Move::Reopen => Status::NotReady,
            Move::Decide(d) => d.resulting_status(),
            Move::Publish => Status::Published,
            Move::Unpublish => Status::Withdrawn,
        }
    }

    /// The statuses the move may start from.
    fn from(self) -> &'static [Status] {
        use Status::*;
        match self {
            Move::Submit => &[NotReady, Returned],
            Move::Withdraw => &[Submitted],
            Move::Decide(CdoDecision::Approved) => &[Submitted],
            Move::Decide(CdoDecision::ChangesRequested) => &[Submitted, Approved],
            Move::Decide(CdoDecision::NotPublishable) => &[Submitted, Approved, Returned],
            Move::Publish => &[Approved, Withdrawn],
            Move::Reopen => &[NotPublishable],
            Move::Unpublish => &[Published],
        }
    }

    /// Whether the move needs a note saying why: the CDO's decisions other
    /// than Approve, and a withdrawal from the portal.
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            Move::Decide(CdoDecision::ChangesRequested | CdoDecision::NotPublishable)
                | Move::Unpublish
        )
    }

    /// The move's destination if it may start from `from`, or why not.
    pub fn check(self, from: Status) -> Result<Status, MoveRefused> {
        if self.from().contains(&from) {
            return Ok(self.to());
        }
        Err(MoveRefused { wanted: self, from })
    }
}

/// A move the review path does not allow from where the dataset stands. Its
/// `Display` says so in words for the coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoveRefused {
    pub wanted: Move,
    pub from: Status,
}

impl std::fmt::Display for MoveRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let allowed: Vec<&str> = self.wanted.from().iter().map(|s| s.label()).collect();
        write!(
            f,
            "\"{}\" is only possible for a dataset that is {}; this one is {}.",
            self.wanted.label(),
            allowed.join(" or "),
            self.from.label()
        )
    }
}

impl std::error::Error for MoveRefused {}

/// The moves open to a dataset in a status.
pub fn allowed(from: Status) -> Vec<Move> {
    Move::ALL
        .into_iter()
        .filter(|m| m.check(from).is_ok())
        .collect()
}

/// Whether some move leads from one status to another.
pub fn path_allows(from: Status, to: Status) -> bool {
    from == to || Move::ALL.iter().any(|m| m.check(from) == Ok(to))
}

/// The move a CDO decision read from a workbook makes, if the dataset may make
/// it; `Ok(None)` when the decision is already in effect.
pub fn decision_move(from: Status, decision: CdoDecision) -> Result<Option<Move>, MoveRefused> {
    if from == decision.resulting_status() {
        return Ok(None);
    }
    let mv = Move::Decide(decision);
    mv.check(from).map(|_| Some(mv))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_from_not_ready_to_published() {
        let mut s = Status::NotReady;
        for mv in [
            Move::Submit,
            Move::Decide(CdoDecision::Approved),
            Move::Publish,
        ] {
            s = mv.check(s).unwrap();
        }
        assert_eq!(s, Status::Published);
    }

    #[test]
    fn returned_work_is_submitted_again() {
        let s = Move::Decide(CdoDecision::ChangesRequested)
            .check(Status::Submitted)
            .unwrap();
        assert_eq!(s, Status::Returned);
        assert_eq!(Move::Submit.check(s), Ok(Status::Submitted));
    }

    #[test]
    fn every_move_from_every_status_is_allowed_or_refused_as_the_playbook_says() {
        use Status::*;
        let expect = |s: Status| -> Vec<Move> {
            match s {
                NotReady => vec![Move::Submit],
                Submitted => vec![
                    Move::Withdraw,
                    Move::Decide(CdoDecision::Approved),
                    Move::Decide(CdoDecision::ChangesRequested),
                    Move::Decide(CdoDecision::NotPublishable),
                ],
                Approved => vec![
                    Move::Decide(CdoDecision::ChangesRequested),
                    Move::Decide(CdoDecision::NotPublishable),
                    Move::Publish,
                ],
                Published => vec![Move::Unpublish],
                Returned => vec![Move::Submit, Move::Decide(CdoDecision::NotPublishable)],
                NotPublishable => vec![Move::Reopen],
                Withdrawn => vec![Move::Publish],
            }
        };
        for s in Status::ALL {
            assert_eq!(allowed(*s), expect(*s), "{s:?}");
            for mv in Move::ALL {
                let refused = mv.check(*s).is_err();
                assert_eq!(refused, !expect(*s).contains(&mv), "{mv:?} from {s:?}");
            }
        }
    }

    #[test]
    fn a_refused_move_says_why_in_plain_words() {
        let e = Move::Publish.check(Status::NotReady).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"Mark published\" is only possible for a dataset that is Approved or Withdrawn from the portal; this one is Not ready."
        );
    }

    #[test]
    fn a_published_dataset_is_withdrawn_from_the_portal_with_a_reason_and_may_return() {
        assert!(Move::Unpublish.needs_note());
        let s = Move::Unpublish.check(Status::Published).unwrap();
        assert_eq!(s, Status::Withdrawn);
        assert_eq!(Move::Publish.check(s), Ok(Status::Published));
        assert!(Move::Unpublish.check(Status::Approved).is_err());
        assert!(!path_allows(Status::Withdrawn, Status::NotReady));
    }

    #[test]
    fn decisions_read_from_a_workbook_move_the_status_or_say_why_not() {
        assert_eq!(
            decision_move(Status::Submitted, CdoDecision::ChangesRequested),
            Ok(Some(Move::Decide(CdoDecision::ChangesRequested)))
        );
        assert_eq!(
            decision_move(Status::Approved, CdoDecision::Approved),
            Ok(None)
        );
        assert!(decision_move(Status::NotReady, CdoDecision::Approved).is_err());
        assert!(decision_move(Status::Published, CdoDecision::NotPublishable).is_err());
    }
}
