//! The CDO's release review (the playbook's Step 2): before approving a
//! dataset, the CDO's office checks it for security, quality and privacy with
//! a short checklist for each (`assets/questions/release_review.toml`), and
//! records the sign-offs of the people the playbook names: the Chief
//! Information Security Officer's audit, and the policy and communications
//! teams' input. Each sign-off says who, when and the result, and goes to the
//! dataset's history. Only the CDO's desk keeps a release review.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checklist::CheckState;
use crate::model::CheckAnswer;
use crate::questions::Bank;

/// Whose sign-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignOffKind {
    CisoAudit,
    PolicyTeam,
    Communications,
}

impl SignOffKind {
    pub const ALL: [SignOffKind; 3] = [
        SignOffKind::CisoAudit,
        SignOffKind::PolicyTeam,
        SignOffKind::Communications,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SignOffKind::CisoAudit => "The CISO's security audit",
            SignOffKind::PolicyTeam => "The policy team's input",
            SignOffKind::Communications => "The communications team",
        }
    }
}

/// What the sign-off found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignOffResult {
    Cleared,
    RaisedConcerns,
    NotNeeded,
}

impl SignOffResult {
    pub const ALL: [SignOffResult; 3] = [
        SignOffResult::Cleared,
        SignOffResult::RaisedConcerns,
        SignOffResult::NotNeeded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SignOffResult::Cleared => "Cleared",
            SignOffResult::RaisedConcerns => "Raised concerns",
            SignOffResult::NotNeeded => "Not needed",
        }
    }
}

/// One sign-off, as the CDO's office records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub kind: SignOffKind,
    pub by: String,
    pub on: NaiveDate,
    pub result: SignOffResult,
    #[serde(default)]
    pub note: String,
}

/// What a sign-off lacks, in the form's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignOffMissing {
    #[error("Write who signed off.")]
    By,
    #[error("A sign-off cannot be dated after today.")]
    InTheFuture,
    #[error("Write what the concerns are in the note.")]
    ConcernsNote,
}

impl SignOff {
    pub fn check(&self, today: NaiveDate) -> Result<(), SignOffMissing> {
        if self.by.trim().is_empty() {
            return Err(SignOffMissing::By);
        }
        if self.on > today {
            return Err(SignOffMissing::InTheFuture);
        }
        if self.result == SignOffResult::RaisedConcerns && self.note.trim().is_empty() {
            return Err(SignOffMissing::ConcernsNote);
        }
        Ok(())
    }

    /// The history's line: "The CISO's security audit: Cleared, by Sam Ortiz
    /// on 2026-11-30."
    pub fn history_note(&self) -> String {
        let mut line = format!(
            "{}: {}, by {} on {}.",
            self.kind.label(),
            self.result.label(),
            self.by.trim(),
            crate::model::dates::format_date(self.on)
        );
        if !self.note.trim().is_empty() {
            line.push(' ');
            line.push_str(self.note.trim());
        }
        line
    }
}

/// A dataset's release review: the three checklists' answers by question id,
/// and the sign-offs in the order they were recorded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReleaseReview {
    #[serde(default)]
    pub answers: std::collections::BTreeMap<String, ReviewAnswer>,
    #[serde(default)]
    pub sign_offs: Vec<SignOff>,
}

/// One answer of the release review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAnswer {
    pub answer: CheckAnswer,
    #[serde(default)]
    pub note: String,
    pub on: NaiveDate,
    #[serde(default)]
    pub by: String,
}

impl ReleaseReview {
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.sign_offs.is_empty()
    }

    /// The answer to a question, as the checklist's widgets read answers.
    pub fn state(&self, question: &str) -> Option<CheckState> {
        self.answers.get(question).map(|a| CheckState {
            answer: Some(a.answer),
            note: a.note.clone(),
            on: a.on,
        })
    }

    /// What the review still lacks or found, one sentence per section, for
    /// the decision's "Yes" step: "Privacy: 1 question not answered." Empty
    /// when every question is answered Yes or Not applicable.
    pub fn open_points(&self) -> Vec<String> {
        let bank = Bank::release_review();
        let mut points = Vec::new();
        for section in &bank.sections {
            let questions: Vec<_> = bank.in_section(&section.id).collect();
            let unanswered = questions
                .iter()
                .filter(|q| !self.answers.contains_key(&q.id))
                .count();
            let no = questions
                .iter()
                .filter(|q| {
                    self.answers
                        .get(&q.id)
                        .is_some_and(|a| a.answer == CheckAnswer::No)
                })
                .count();
            let mut parts = Vec::new();
            if unanswered > 0 {
                parts.push(crate::workbook::limits::count_of(
                    unanswered,
                    "question not answered",
                    "questions not answered",
                ));
            }
            if no > 0 {
                parts.push(crate::workbook::limits::count_of(
                    no,
                    "answer is No",
                    "answers are No",
                ));
            }
            if !parts.is_empty() {
                points.push(format!("{}: {}.", section.title, parts.join(", ")));
            }
        }
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_release_review_has_a_checklist_for_security_quality_and_privacy() {
        let bank = Bank::release_review();
        let titles: Vec<&str> = bank.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Security", "Quality", "Privacy"]);
        for s in &bank.sections {
            assert!(bank.in_section(&s.id).count() >= 3, "{}", s.title);
        }
        assert!(bank.questions.iter().all(|q| q.is_check()));
    }

    #[test]
    fn open_points_name_what_is_unanswered_or_no_by_section() {
        let on = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let mut review = ReleaseReview::default();
        for q in &Bank::release_review().questions {
            review.answers.insert(
                q.id.clone(),
                ReviewAnswer {
                    answer: CheckAnswer::Yes,
                    note: String::new(),
                    on,
                    by: "Dana".into(),
                },
            );
        }
        assert!(review.open_points().is_empty());
        review.answers.remove("no_personal_data");
        review.answers.get_mut("vetted").unwrap().answer = CheckAnswer::No;
        assert_eq!(
            review.open_points(),
            [
                "Quality: 1 answer is No.",
                "Privacy: 1 question not answered."
            ]
        );
    }

    #[test]
    fn a_sign_off_needs_who_and_a_note_for_concerns() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut s = SignOff {
            kind: SignOffKind::CisoAudit,
            by: String::new(),
            on: today,
            result: SignOffResult::RaisedConcerns,
            note: String::new(),
        };
        assert_eq!(s.check(today), Err(SignOffMissing::By));
        s.by = "Sam Ortiz".into();
        assert_eq!(s.check(today), Err(SignOffMissing::ConcernsNote));
        s.note = "Remove the camera locations.".into();
        assert_eq!(s.check(today), Ok(()));
        assert_eq!(
            s.history_note(),
            "The CISO's security audit: Raised concerns, by Sam Ortiz on 2026-12-01. Remove the camera locations."
        );
    }
}
