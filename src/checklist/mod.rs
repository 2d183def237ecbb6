//! The data submission checklist: what is complete, what is missing or wrong,
//! the priority the value questions suggest, and whether a dataset may be
//! submitted for review. The questions themselves are in the bank
//! (`assets/questions/checklist.toml`); the answers are either a column of the
//! dataset or a check kept by the store.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{CheckAnswer, Dataset, Field, Rating, Status};
use crate::questions::{Bank, PriorityPart, Question};

/// The current answer to one check, with the day it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckState {
    pub answer: Option<CheckAnswer>,
    pub note: String,
    pub on: NaiveDate,
}

/// A dataset's current check answers, by question id.
pub type Checks = HashMap<String, CheckState>;

/// Why a required question is not done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    Unanswered,
    /// Answered, but the answer cannot be right; says why.
    Invalid(String),
}

/// A required question that still needs work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub question: &'static Question,
    pub gap: Gap,
}

impl Missing {
    /// One line for a list of what is left: the question, and what is wrong.
    pub fn describe(&self) -> String {
        match &self.gap {
            Gap::Unanswered => format!("{} (not answered)", self.question.text),
            Gap::Invalid(why) => format!("{} ({why})", self.question.text),
        }
    }
}

/// How much of the checklist is answered, and what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    pub answered: usize,
    pub required: usize,
    pub missing: Vec<Missing>,
    /// The columns of the dataset's sample with no description in the data
    /// dictionary (`with_dictionary`): a dataset whose columns were described
    /// from a sample counts its dictionary as one more part of the meter.
    pub undescribed: Vec<String>,
}

impl Completeness {
    /// Percent answered, 0 to 100.
    pub fn percent(&self) -> u8 {
        if self.required == 0 {
            100
        } else {
            (self.answered * 100 / self.required) as u8
        }
    }

    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.undescribed.is_empty()
    }

    /// Counts the data dictionary: with a profile, "each column is described"
    /// is one more part, done once every column has a description. Without
    /// one (no sample read) there is nothing to describe yet.
    pub fn with_dictionary(mut self, profile: Option<&crate::profile::Profile>) -> Completeness {
        let Some(profile) = profile.filter(|p| !p.columns.is_empty()) else {
            return self;
        };
        self.required += 1;
        self.undescribed = crate::profile::dictionary::undescribed(profile);
        if self.undescribed.is_empty() {
            self.answered += 1;
        }
        self
    }

    /// The dictionary's part in words, when it is not done: "The columns
    /// “Park” and “Height” have no description yet."
    pub fn dictionary_gap(&self) -> Option<String> {
        let quoted: Vec<String> = self.undescribed.iter().map(|c| format!("“{c}”")).collect();
        match quoted.as_slice() {
            [] => None,
            [one] => Some(format!("The column {one} has no description yet.")),
            many if many.len() <= 4 => Some(format!(
                "The columns {} have no description yet.",
                many.join(", ")
            )),
            many => Some(format!(
                "{} columns have no description yet ({} …).",
                many.len(),
                many[..3].join(", ")
            )),
        }
    }

    /// Adds another dataset's figures (a department's meter).
    pub fn add(&mut self, other: &Completeness) {
        self.answered += other.answered;
        self.required += other.required;
    }
}

/// Checks a dataset against the checklist.
pub fn completeness(dataset: &Dataset, checks: &Checks) -> Completeness {
    let texts: Vec<String> = Field::ALL.iter().map(|f| dataset.get(*f)).collect();
    assess(
        |f| texts[f.index()].as_str(),
        |id| checks.get(id).is_some_and(|c| c.answer.is_some()),
    )
}

/// The checklist over any source of answers: `text(field)` gives a column's
/// canonical text and `answered(id)` whether a check has an answer (the store
/// asks these of its columns without building datasets).
pub fn assess<'a>(
    text: impl Fn(Field) -> &'a str,
    answered: impl Fn(&str) -> bool,
) -> Completeness {
    let mut c = Completeness {
        answered: 0,
        required: 0,
        missing: Vec::new(),
        undescribed: Vec::new(),
    };
    for question in &Bank::checklist().questions {
        if !question.is_required(&text) {
            continue;
        }
        c.required += 1;
        let gap = match question.field() {
            None if answered(&question.id) => None,
            None => Some(Gap::Unanswered),
            Some(field) if text(field).is_empty() => Some(Gap::Unanswered),
            Some(field) => problem(field, &text).map(Gap::Invalid),
        };
        match gap {
            None => c.answered += 1,
            Some(gap) => c.missing.push(Missing { question, gap }),
        }
    }
    c
}

/// What is wrong with a column's answer, seen with the others. Values are
/// canonical text, so dates compare as strings (`YYYY-MM-DD`).
pub fn problem<'a>(field: Field, text: impl Fn(Field) -> &'a str) -> Option<String> {
    let value = text(field);
    match field {
        Field::EndDate => {
            let start = text(Field::StartDate);
            (value != "Current" && !start.is_empty() && value < start)
                .then(|| "the end date is before the start date".to_string())
        }
        Field::StartDate => {
            let end = text(Field::EndDate);
            (!end.is_empty() && end != "Current" && end < value)
                .then(|| "the start date is after the end date".to_string())
        }
        Field::ApprovalDate => {
            let today = chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string();
            (value > today.as_str()).then(|| "the approval date is in the future".to_string())
        }
        _ => None,
    }
}

/// The priority the value, quality and readiness checks suggest: the share of
/// Yes among the ones answered Yes or No. `None` until one is answered.
pub fn suggested_priority(checks: &Checks) -> Option<Suggestion> {
    suggest(|id| checks.get(id).and_then(|c| c.answer))
}

/// `suggested_priority` over any source of answers (the store reads them
/// straight from its rows).
pub fn suggest(answer: impl Fn(&str) -> Option<CheckAnswer>) -> Option<Suggestion> {
    let mut s = Suggestion {
        rating: Rating::Low,
        yes: 0,
        counted: 0,
    };
    for q in Bank::checklist()
        .questions
        .iter()
        .filter(|q| q.priority.is_some())
    {
        match answer(&q.id) {
            Some(CheckAnswer::Yes) => {
                s.yes += 1;
                s.counted += 1;
            }
            Some(CheckAnswer::No) => s.counted += 1,
            _ => {}
        }
    }
    if s.counted == 0 {
        return None;
    }
    s.rating = if s.yes * 3 >= s.counted * 2 {
        Rating::High
    } else if s.yes * 3 >= s.counted {
        Rating::Medium
    } else {
        Rating::Low
    };
    Some(s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub rating: Rating,
    pub yes: usize,
    pub counted: usize,
}

impl Suggestion {
    pub fn explain(&self) -> String {
        format!(
            "{} of the {} value, quality and readiness questions answered Yes or No are Yes.",
            self.yes, self.counted
        )
    }
}

/// The three parts of the value questions, for the guidance shown with them.
pub fn priority_part_title(part: PriorityPart) -> &'static str {
    match part {
        PriorityPart::Value => "Value",
        PriorityPart::Quality => "Quality",
        PriorityPart::Readiness => "Readiness",
    }
}

/// The app's words for a field: the checklist's question ("Who is the data
/// steward?"), else the Step 1 prompt, else plain words for what no question
/// asks, saying who fills it in. The workbook's column headers ("Data
/// Steward") stay in the workbook and in messages about its cells.
pub fn words(field: Field) -> &'static str {
    let asked = Bank::checklist()
        .for_field(field)
        .or_else(|| Bank::step1().for_field(field));
    if let Some(question) = asked {
        return question.text.as_str();
    }
    match field {
        Field::Department => "Which department does it belong to?",
        Field::Status => "Where is it on the review path?",
        Field::CdoDecision => "The CDO's decision",
        Field::CdoNotes => "The CDO's note",
        Field::ReviewedBy => "Who at the CDO's office reviewed it",
        Field::ReviewedOn => "When the CDO reviewed it",
        Field::LastUpdated => "Last changed in the app",
        Field::InventoryId => "Inventory ID (kept by the app)",
        Field::OtherDetails => "Other details from imported files",
        Field::PortalIdentifier => "Its identifier on the portal",
        Field::Issued => "First published on the portal",
        Field::Modified => "Last changed on the portal",
        Field::LandingPage => "Its page on the portal",
        Field::DescribedBy => "Link to its data dictionary",
        Field::RelatedDocuments => "Links to documents about it",
        // Every other field is asked by a question (a test says so).
        other => other.header(),
    }
}

/// Whether a dataset may go to the CDO: its checklist complete, the department's
/// approval given, and not already on its way. The reasons say what to do.
pub fn submission_problems(dataset: &Dataset, checks: &Checks) -> Vec<String> {
    let mut problems = Vec::new();
    if !matches!(dataset.status, Status::NotReady | Status::Returned) {
        problems.push(format!(
            "It is already \"{}\": only a dataset that is Not ready or Returned can be submitted.",
            crate::model::vocab::Vocabulary::label(dataset.status)
        ));
    }
    if dataset.approved_by.trim().is_empty() || dataset.approval_date.is_none() {
        problems.push(format!(
            "Department leadership has not approved it yet: answer \"{}\" and \"{}\" in the Department approval section.",
            words(Field::ApprovedBy),
            words(Field::ApprovalDate)
        ));
    }
    let done = completeness(dataset, checks);
    for m in &done.missing {
        let line = m.describe();
        if !problems.contains(&line) {
            problems.push(line);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(answer: CheckAnswer) -> CheckState {
        CheckState {
            answer: Some(answer),
            note: String::new(),
            on: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
        }
    }

    #[test]
    fn an_empty_dataset_misses_every_required_answer() {
        let c = completeness(&Dataset::named("Trees"), &Checks::new());
        assert_eq!(c.answered, 1);
        assert!(c.required > 30);
        assert!(
            c.missing
                .iter()
                .any(|m| m.question.field() == Some(Field::Steward))
        );
        assert!(c.missing.iter().any(|m| m.question.id == "vetted"));
        assert!(c.percent() < 5);
    }

    #[test]
    fn a_link_is_required_only_for_data_already_published() {
        let mut d = Dataset::named("Trees");
        let needs_link = |d: &Dataset| {
            completeness(d, &Checks::new())
                .missing
                .iter()
                .any(|m| m.question.field() == Some(Field::PublicationLink))
        };
        assert!(!needs_link(&d));
        d.existing_publication = Some(crate::model::YesNo::Yes);
        assert!(needs_link(&d));
    }

    #[test]
    fn an_end_before_the_start_is_named_as_invalid() {
        let mut d = Dataset::named("Trees");
        d.set(Field::StartDate, "2020-01-01").unwrap();
        d.set(Field::EndDate, "2019-01-01").unwrap();
        let c = completeness(&d, &Checks::new());
        let m = c
            .missing
            .iter()
            .find(|m| m.question.field() == Some(Field::EndDate))
            .unwrap();
        assert!(
            m.describe().contains("before the start date"),
            "{}",
            m.describe()
        );
    }

    #[test]
    fn a_check_counts_once_answered_even_not_applicable() {
        let mut checks = Checks::new();
        let before = completeness(&Dataset::named("T"), &checks).answered;
        checks.insert("historical".into(), answered(CheckAnswer::NotApplicable));
        assert_eq!(
            completeness(&Dataset::named("T"), &checks).answered,
            before + 1
        );
    }

    #[test]
    fn the_value_questions_suggest_a_priority() {
        let mut checks = Checks::new();
        assert_eq!(suggested_priority(&checks), None);
        for id in ["value_residents", "value_goals", "value_requests"] {
            checks.insert(id.into(), answered(CheckAnswer::Yes));
        }
        checks.insert("readiness_digital".into(), answered(CheckAnswer::No));
        checks.insert(
            "readiness_extract".into(),
            answered(CheckAnswer::NotApplicable),
        );
        let s = suggested_priority(&checks).unwrap();
        assert_eq!((s.rating, s.yes, s.counted), (Rating::High, 3, 4));
        for id in ["quality_accurate", "quality_consistent", "readiness_clean"] {
            checks.insert(id.into(), answered(CheckAnswer::No));
        }
        assert_eq!(suggested_priority(&checks).unwrap().rating, Rating::Medium);
    }

    #[test]
    fn an_incomplete_dataset_cannot_be_submitted_and_is_told_why_in_the_question_s_words() {
        let problems = submission_problems(&Dataset::named("Trees"), &Checks::new());
        let approval = problems
            .iter()
            .find(|p| p.contains("has not approved"))
            .unwrap();
        assert!(
            approval.contains("Who in department leadership approved publication?")
                && approval.contains("On what date was it approved?"),
            "{approval}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("Who is the data steward?"))
        );
        for column in Field::ALL.map(Field::header) {
            for p in &problems {
                // "Department" and "Format" are plain words as well as headers.
                if column.contains(' ') {
                    assert!(!p.contains(column), "a column name in: {p}");
                }
            }
        }
    }

    #[test]
    fn every_field_has_words_and_no_column_a_question_asks_is_named_by_its_header() {
        for field in Field::ALL {
            let w = words(field);
            assert!(!w.trim().is_empty(), "{field:?}");
            if Bank::checklist().for_field(field).is_some() {
                assert_ne!(w, field.header(), "{field:?}");
            }
        }
        assert_eq!(words(Field::Steward), "Who is the data steward?");
        assert_eq!(words(Field::CdoNotes), "The CDO's note");
    }
}
