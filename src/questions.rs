//! The question banks: the Step 1 prompts and the data submission checklist,
//! kept as TOML in `assets/questions/` so a city can change the wording, the
//! guidance and what is required without touching the code.
//!
//! A bank is read once and checked as it is read: every question names a known
//! section and fills a known column, ids are unique, and a question's kind fits
//! the column it fills. The built-in banks are checked by a test, so the app
//! never starts with a broken one.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Field, FieldKind};

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A check: Yes, No or Not applicable, with an optional note.
    YesNoNa,
    Text,
    LongText,
    Choice,
    Date,
    Email,
    Link,
    /// Step 1: tick the datasets the prompt fits, or add new ones.
    Datasets,
}

/// Which of the three value questions a check weighs in, when the checklist
/// suggests a priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityPart {
    Value,
    Quality,
    Readiness,
}

/// A detail of the department that Step 1 asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepartmentField {
    ContactName,
    ContactEmail,
    Approver,
}

impl DepartmentField {
    const ALL: [DepartmentField; 3] = [
        DepartmentField::ContactName,
        DepartmentField::ContactEmail,
        DepartmentField::Approver,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DepartmentField::ContactName => "Point of contact",
            DepartmentField::ContactEmail => "Point of contact email",
            DepartmentField::Approver => "Leadership approver",
        }
    }
}

/// What answering a question changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fills {
    /// A check kept with the checklist's answers.
    Nothing,
    /// A column of the inventory.
    Dataset(Field),
    Department(DepartmentField),
}

/// A question required only when another column holds one of some values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub field: Field,
    /// Canonical labels, as `Dataset::get` writes them.
    pub is: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub text: String,
    pub guidance: String,
    pub kind: Kind,
    pub required: bool,
    pub fills: Fills,
    pub only_when: Option<Condition>,
    pub priority: Option<PriorityPart>,
}

impl Question {
    /// Whether this question needs an answer, given the dataset's other answers.
    pub fn is_required<'a>(&self, text: impl Fn(Field) -> &'a str) -> bool {
        self.required
            && self
                .only_when
                .as_ref()
                .is_none_or(|c| c.is.iter().any(|v| v == text(c.field)))
    }

    /// The inventory column this question fills, if any.
    pub fn field(&self) -> Option<Field> {
        match self.fills {
            Fills::Dataset(f) => Some(f),
            _ => None,
        }
    }

    pub fn is_check(&self) -> bool {
        self.kind == Kind::YesNoNa
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub guidance: String,
}

/// One of the six ways to brainstorm datasets.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Way {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helper {
    pub text: String,
}

/// A whole bank, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bank {
    /// The words before the prompts ("Of the data that you…"), Step 1 only.
    pub intro: String,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub system_helpers: Vec<String>,
    pub brainstorm: Vec<Way>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBank {
    #[serde(default)]
    intro: String,
    #[serde(default, rename = "section")]
    sections: Vec<Section>,
    #[serde(default, rename = "question")]
    questions: Vec<RawQuestion>,
    #[serde(default, rename = "system_helper")]
    system_helpers: Vec<Helper>,
    #[serde(default)]
    brainstorm: Vec<Way>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    section: String,
    text: String,
    #[serde(default)]
    guidance: String,
    kind: Kind,
    required: bool,
    field: Option<String>,
    department_field: Option<String>,
    only_when: Option<RawCondition>,
    priority: Option<PriorityPart>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    field: String,
    is: Vec<String>,
}

impl Bank {
    /// Reads and checks a bank; the error names the file and the question.
    pub fn parse(name: &str, text: &str) -> Result<Bank, String> {
        let raw: RawBank = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        let mut seen = HashSet::new();
        let mut questions = Vec::new();
        for q in raw.questions {
            let at = |msg: String| format!("{name}, question \"{}\": {msg}", q.id);
            if !seen.insert(q.id.clone()) {
                return Err(at(
                    "this id is used twice; give each question its own.".into()
                ));
            }
            if !raw.sections.iter().any(|s| s.id == q.section) {
                return Err(at(format!(
                    "there is no section \"{}\"; use one of the [[section]] ids.",
                    q.section
                )));
            }
            let fills = fills(&q).map_err(&at)?;
            check_kind(q.kind, fills).map_err(&at)?;
            let only_when = match q.only_when {
                None => None,
                Some(c) => Some(Condition {
                    field: dataset_field(&c.field).map_err(&at)?,
                    is: c.is,
                }),
            };
            if q.priority.is_some() && q.kind != Kind::YesNoNa {
                return Err(at("only yes_no_na checks can suggest a priority.".into()));
            }
            questions.push(Question {
                id: q.id,
                section: q.section,
                text: q.text,
                guidance: q.guidance,
                kind: q.kind,
                required: q.required,
                fills,
                only_when,
                priority: q.priority,
            });
        }
        Ok(Bank {
            intro: raw.intro,
            sections: raw.sections,
            questions,
            system_helpers: raw.system_helpers.into_iter().map(|h| h.text).collect(),
            brainstorm: raw.brainstorm,
        })
    }

    /// The built-in data submission checklist.
    pub fn checklist() -> &'static Bank {
        static BANK: OnceLock<Bank> = OnceLock::new();
        BANK.get_or_init(|| {
            Bank::parse(
                "checklist.toml",
                include_str!("../assets/questions/checklist.toml"),
            )
            .expect("the built-in checklist is checked by a test")
        })
    }

    /// The built-in Step 1 questions.
    pub fn step1() -> &'static Bank {
        static BANK: OnceLock<Bank> = OnceLock::new();
        BANK.get_or_init(|| {
            Bank::parse("step1.toml", include_str!("../assets/questions/step1.toml"))
                .expect("the built-in Step 1 questions are checked by a test")
        })
    }

    /// The CDO's release review: security, quality and privacy.
    pub fn release_review() -> &'static Bank {
        static BANK: OnceLock<Bank> = OnceLock::new();
        BANK.get_or_init(|| {
            Bank::parse(
                "release_review.toml",
                include_str!("../assets/questions/release_review.toml"),
            )
            .expect("the built-in release review is checked by a test")
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions of one section, in the bank's order.
    pub fn in_section<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| q.section == section)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The question that fills a column, if any.
    pub fn for_field(&self, field: Field) -> Option<&Question> {
        self.questions.iter().find(|q| q.field() == Some(field))
    }
}

fn fills(q: &RawQuestion) -> Result<Fills, String> {
    match (&q.field, &q.department_field) {
        (Some(_), Some(_)) => Err("give either field or department_field, not both.".into()),
        (Some(f), None) => dataset_field(f).map(Fills::Dataset),
        (None, Some(d)) => DepartmentField::ALL
            .into_iter()
            .find(|x| x.label().eq_ignore_ascii_case(d.trim()))
            .map(Fills::Department)
            .ok_or_else(|| {
                format!("department_field \"{d}\" is not one of Point of contact, Point of contact email, Leadership approver.")
            }),
        (None, None) => Ok(Fills::Nothing),
    }
}

fn dataset_field(name: &str) -> Result<Field, String> {
    match Field::from_header(name) {
        Some(f) if !f.is_read_only() => Ok(f),
        Some(_) => Err(format!(
            "\"{name}\" is kept by the app and cannot be asked."
        )),
        None => Err(format!(
            "\"{name}\" is not a column of the Inventory sheet; use a header such as \"Data Steward\"."
        )),
    }
}

/// A question's kind must fit what it fills, or its answer could not be kept.
fn check_kind(kind: Kind, fills: Fills) -> Result<(), String> {
    let fits = match fills {
        Fills::Nothing => kind == Kind::YesNoNa,
        Fills::Department(DepartmentField::ContactEmail) => kind == Kind::Email,
        Fills::Department(_) => kind == Kind::Text,
        Fills::Dataset(field) => match field.kind() {
            FieldKind::Text => matches!(kind, Kind::Text | Kind::LongText),
            FieldKind::LongText => matches!(kind, Kind::Text | Kind::LongText),
            FieldKind::Email => kind == Kind::Email,
            FieldKind::Url => kind == Kind::Link,
            FieldKind::Date | FieldKind::EndDate => kind == Kind::Date,
            FieldKind::Choice(_) => kind == Kind::Choice,
            // The inventory's own list: a choice of it, or any text kept as written.
            FieldKind::Listed(_) => matches!(kind, Kind::Choice | Kind::Text),
            FieldKind::Flag => kind == Kind::Datasets,
            FieldKind::Id | FieldKind::DateTime => false,
        },
    };
    if fits {
        Ok(())
    } else {
        let what = match fills {
            Fills::Nothing => "a check that fills no column must be yes_no_na".to_string(),
            Fills::Dataset(f) => {
                format!("kind {kind:?} does not fit the column \"{}\"", f.header())
            }
            Fills::Department(d) => format!("kind {kind:?} does not fit \"{}\"", d.label()),
        };
        Err(format!("{what}."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_banks_parse_and_check() {
        Bank::parse(
            "checklist.toml",
            include_str!("../assets/questions/checklist.toml"),
        )
        .unwrap();
        Bank::parse("step1.toml", include_str!("../assets/questions/step1.toml")).unwrap();
    }

    #[test]
    fn step1_has_the_eight_prompts_in_the_guide_s_order() {
        let prompts: Vec<Field> = Bank::step1()
            .questions
            .iter()
            .filter_map(|q| (q.kind == Kind::Datasets).then(|| q.field().unwrap()))
            .collect();
        assert_eq!(prompts, Field::PROMPTS);
        assert_eq!(Bank::step1().system_helpers.len(), 6);
        assert_eq!(Bank::step1().brainstorm.len(), 6);
    }

    #[test]
    fn the_checklist_has_the_ten_sections_in_order() {
        let titles: Vec<&str> = Bank::checklist()
            .sections
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Description and steward",
                "Source and collection",
                "Coverage",
                "Refresh",
                "Publication and license",
                "Classification and privacy",
                "Quality",
                "Value",
                "Permanence",
                "Department approval"
            ]
        );
        for s in &Bank::checklist().sections {
            assert!(Bank::checklist().in_section(&s.id).count() > 0, "{}", s.id);
        }
    }

    #[test]
    fn the_checklist_asks_every_column_a_steward_answers_once() {
        let bank = Bank::checklist();
        for field in Field::ALL {
            let asked = bank
                .questions
                .iter()
                .filter(|q| q.field() == Some(field))
                .count();
            let steward_answers = !(field.is_read_only()
                || Field::PROMPTS.contains(&field)
                || Field::REVIEW.contains(&field)
                || Field::PORTAL.contains(&field)
                || matches!(
                    field,
                    Field::Status | Field::Department | Field::OtherDetails
                ));
            assert_eq!(asked, usize::from(steward_answers), "{field:?}");
        }
    }

    #[test]
    fn the_ways_to_make_data_shareable_are_asked() {
        for id in ["remove_columns", "aggregate", "band", "obfuscate"] {
            let q = Bank::checklist().question(id).unwrap();
            assert_eq!(q.section, "privacy");
            assert!(q.is_check());
        }
    }

    #[test]
    fn a_broken_bank_is_refused_with_the_question_named() {
        let bad = |q: &str| {
            Bank::parse(
                "mine.toml",
                &format!(
                    "[[section]]\nid = \"s\"\ntitle = \"S\"\nguidance = \"\"\n[[question]]\n{q}"
                ),
            )
            .unwrap_err()
        };
        let e = bad(
            "id = \"a\"\nsection = \"nope\"\ntext = \"?\"\nkind = \"text\"\nrequired = true\nfield = \"Data Steward\"",
        );
        assert!(
            e.contains("mine.toml") && e.contains("\"a\"") && e.contains("no section"),
            "{e}"
        );
        let e = bad(
            "id = \"a\"\nsection = \"s\"\ntext = \"?\"\nkind = \"text\"\nrequired = true\nfield = \"Favourite colour\"",
        );
        assert!(e.contains("not a column"), "{e}");
        let e = bad(
            "id = \"a\"\nsection = \"s\"\ntext = \"?\"\nkind = \"date\"\nrequired = true\nfield = \"Data Steward\"",
        );
        assert!(e.contains("does not fit"), "{e}");
        let e = bad("id = \"a\"\nsection = \"s\"\ntext = \"?\"\nkind = \"maybe\"\nrequired = true");
        assert!(e.contains("mine.toml"), "{e}");
        let e = bad(
            "id = \"a\"\nsection = \"s\"\ntext = \"?\"\nkind = \"yes_no_na\"\nrequired = true\nrequird = false",
        );
        assert!(e.contains("requird"), "{e}");
    }
}
