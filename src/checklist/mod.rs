//! The data submission checklist as data: its sections, the fields each asks
//! for, and the rule that says what is complete. The editor groups fields by
//! these sections and the inventory shows each dataset's completeness.

use crate::model::{Dataset, Field, SensitiveData, YesNo};

/// One section of the data submission checklist.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub title: &'static str,
    /// What the section is about, for the coordinator and the data steward.
    pub guidance: &'static str,
    pub fields: &'static [Field],
}

/// The checklist's sections, in the order the steward answers them.
pub const SECTIONS: &[Section] = &[
    Section {
        title: "Description and steward",
        guidance: "What the dataset is, in plain English, and who knows it best.",
        fields: &[
            Field::Name,
            Field::Contents,
            Field::Department,
            Field::Division,
            Field::Steward,
            Field::ContactEmail,
        ],
    },
    Section {
        title: "Source and collection",
        guidance: "Where the data lives and how it is gathered.",
        fields: &[
            Field::SystemOfRecord,
            Field::CollectionMechanism,
            Field::Format,
        ],
    },
    Section {
        title: "Coverage",
        guidance: "The time span and the area the data covers.",
        fields: &[
            Field::StartDate,
            Field::EndDate,
            Field::GeographicCoverage,
            Field::Granularity,
        ],
    },
    Section {
        title: "Refresh",
        guidance: "How often the data changes and how often it is collected.",
        fields: &[Field::UpdateFrequency, Field::CollectionFrequency],
    },
    Section {
        title: "Publication",
        guidance: "Whether it is published already, and how it would be listed.",
        fields: &[
            Field::ExistingPublication,
            Field::PublicationLink,
            Field::License,
            Field::Category,
            Field::Keywords,
        ],
    },
    Section {
        title: "Classification and privacy",
        guidance: "Who may see it, and what would make it shareable: removing columns, aggregating, banding, blurring locations.",
        fields: &[
            Field::SensitiveData,
            Field::SensitiveComments,
            Field::Classification,
            Field::SecurityLevel,
        ],
    },
    Section {
        title: "Quality",
        guidance: "Is it complete, checked for accuracy, and does it include history?",
        fields: &[
            Field::Quality,
            Field::QualityDetails,
            Field::TechnicalChallenges,
        ],
    },
    Section {
        title: "Value",
        guidance: "How much residents, council and staff would gain from it.",
        fields: &[
            Field::Priority,
            Field::PriorityComments,
            Field::RecordsRequests,
        ],
    },
    Section {
        title: "Leadership approval and review",
        guidance: "The department leader's approval, the publishing plan, and the CDO's review.",
        fields: &[
            Field::Status,
            Field::TargetPublicationDate,
            Field::ApprovedBy,
            Field::ApprovalDate,
            Field::CdoDecision,
            Field::CdoNotes,
            Field::ReviewedBy,
            Field::ReviewedOn,
        ],
    },
];

/// Whether the checklist needs an answer for this field of this dataset.
pub fn is_required(dataset: &Dataset, field: Field) -> bool {
    is_required_given(field, dataset.existing_publication, dataset.sensitive_data)
}

/// The rule itself: most answers are always required; the link only for data
/// already published, the sensitive-data comments only when it is (or may be).
pub fn is_required_given(
    field: Field,
    existing_publication: Option<YesNo>,
    sensitive: Option<SensitiveData>,
) -> bool {
    use Field::*;
    match field {
        Name | Contents | Steward | ContactEmail | SystemOfRecord | CollectionMechanism
        | Format | StartDate | EndDate | GeographicCoverage | Granularity | UpdateFrequency
        | CollectionFrequency | ExistingPublication | License | Category | Keywords
        | SensitiveData | Classification | SecurityLevel | Quality | Priority | ApprovedBy
        | ApprovalDate => true,
        PublicationLink => existing_publication == Some(YesNo::Yes),
        SensitiveComments => matches!(
            sensitive,
            Some(crate::model::SensitiveData::Yes | crate::model::SensitiveData::Unsure)
        ),
        _ => false,
    }
}

/// How much of the checklist is answered, and what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    pub answered: usize,
    pub required: usize,
    pub missing: Vec<Field>,
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
        self.missing.is_empty()
    }
}

/// Checks a dataset against the checklist.
pub fn completeness(dataset: &Dataset) -> Completeness {
    completeness_with(
        |f| dataset.is_blank(f),
        dataset.existing_publication,
        dataset.sensitive_data,
    )
}

/// The checklist over any source of answers: `blank(field)` says whether a field
/// is unanswered (the store asks this of its columns without building datasets).
pub fn completeness_with(
    blank: impl Fn(Field) -> bool,
    existing_publication: Option<YesNo>,
    sensitive: Option<SensitiveData>,
) -> Completeness {
    let mut c = Completeness {
        answered: 0,
        required: 0,
        missing: Vec::new(),
    };
    for field in Field::ALL {
        if !is_required_given(field, existing_publication, sensitive) {
            continue;
        }
        c.required += 1;
        if blank(field) {
            c.missing.push(field);
        } else {
            c.answered += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_dataset_misses_every_required_answer() {
        let c = completeness(&Dataset::named("Trees"));
        assert_eq!(c.answered, 1);
        assert_eq!(c.required, 24);
        assert!(c.missing.contains(&Field::Steward));
        assert_eq!(c.percent(), 4);
    }

    #[test]
    fn a_link_is_required_only_for_data_already_published() {
        let mut d = Dataset::named("Trees");
        assert!(!is_required(&d, Field::PublicationLink));
        d.existing_publication = Some(YesNo::Yes);
        assert!(completeness(&d).missing.contains(&Field::PublicationLink));
    }

    #[test]
    fn every_workbook_field_but_the_app_s_own_and_the_prompts_is_in_a_section() {
        for field in Field::ALL {
            let in_section = SECTIONS.iter().any(|s| s.fields.contains(&field));
            let expected = !(field.is_read_only() || Field::PROMPTS.contains(&field));
            assert_eq!(in_section, expected, "{field:?}");
        }
    }
}
