//! Why a dataset cleared for publication is held back from the catalog, in
//! the words of the inventory's own fields, with what to do about it. One
//! entry held back never stops the others: the catalog is written without it
//! and the list of those held back goes with it.

use crate::model::dataset::shorten;
use crate::model::vocab::Vocabulary;
use crate::model::{Field, SensitiveData};

/// The longest description a harvester takes (data.gov's).
pub const MAX_DESCRIPTION: usize = 10_000;
/// The longest keyword, and the most keywords, a harvester takes (data.gov's).
pub const MAX_KEYWORD: usize = 1_000;
pub const MAX_KEYWORDS: usize = 1_000;
/// The names CKAN keeps for its own pages (`/dataset/new`…): a dataset whose
/// title turns into one of them cannot be created there.
pub const CKAN_RESERVED: [&str; 3] = ["new", "edit", "search"];

/// One reason a dataset is held back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No Classification, and Sensitive Data is Yes or Unsure: it could be
    /// written as open to all when it is not.
    SensitiveUnclassified(SensitiveData),
    /// No Contact Email, and no coordinator's of its department.
    NoContactEmail,
    /// An address a harvester refuses (`jane doe@city.gov`, `a/b@city.gov`).
    EmailRefused {
        email: String,
        of_department: bool,
    },
    /// Another entry of the catalog already has this identifier.
    SameIdentifier {
        identifier: String,
        other: String,
    },
    DescriptionTooLong {
        length: usize,
    },
    KeywordTooLong {
        keyword: String,
        length: usize,
    },
    TooManyKeywords {
        count: usize,
    },
    /// A name CKAN keeps for its own pages.
    ReservedName {
        name: String,
    },
    /// A date kept from the portal (Issued, Modified) that is not a date.
    NotADate {
        field: Field,
        text: String,
    },
    StartAfterEnd {
        start: String,
        end: String,
    },
    /// A link that is not a whole address (a web page where one is needed).
    NotALink {
        field: Field,
        text: String,
    },
    /// A distribution whose download link has no media type like text/csv.
    NoMediaType {
        distribution: String,
    },
    /// A distribution's link that is not a whole address.
    DistributionLink {
        distribution: String,
        text: String,
    },
    /// Anything else the catalog's own check finds (kept as a net).
    Other(String),
}

impl Reason {
    /// The field of the dataset to correct, when it is one (a distribution's
    /// link or media type is not: those are corrected in its distributions).
    pub fn field(&self) -> Option<Field> {
        match self {
            Reason::SensitiveUnclassified(_) => Some(Field::Classification),
            Reason::NoContactEmail | Reason::EmailRefused { .. } => Some(Field::ContactEmail),
            Reason::SameIdentifier { .. } => Some(Field::PortalIdentifier),
            Reason::DescriptionTooLong { .. } => Some(Field::Contents),
            Reason::KeywordTooLong { .. } | Reason::TooManyKeywords { .. } => Some(Field::Keywords),
            Reason::ReservedName { .. } | Reason::Other(_) => Some(Field::Name),
            Reason::NotADate { field, .. } | Reason::NotALink { field, .. } => Some(*field),
            Reason::StartAfterEnd { .. } => Some(Field::StartDate),
            Reason::NoMediaType { .. } | Reason::DistributionLink { .. } => None,
        }
    }

    /// What is wrong, in a sentence about the dataset.
    pub fn what(&self) -> String {
        match self {
            Reason::SensitiveUnclassified(answer) => format!(
                "it has no Classification and its Sensitive Data answer is {}, so the catalog cannot tell whether it may be open to all",
                answer.label()
            ),
            Reason::NoContactEmail => "it has no Contact Email, and its department has no coordinator with an email address".into(),
            Reason::EmailRefused { email, of_department: false } => format!(
                "its Contact Email \"{}\" is not an address a portal takes",
                shorten(email)
            ),
            Reason::EmailRefused { email, of_department: true } => format!(
                "it has no Contact Email, and its department's coordinator's address \"{}\" is not one a portal takes",
                shorten(email)
            ),
            Reason::SameIdentifier { identifier, other } => format!(
                "its Portal Identifier \"{}\" is also the one of \"{}\", written earlier in the catalog",
                shorten(identifier),
                shorten(other)
            ),
            Reason::DescriptionTooLong { length } => format!(
                "its Contents (the description) is {length} characters long; a portal takes at most {MAX_DESCRIPTION}"
            ),
            Reason::KeywordTooLong { keyword, length } => format!(
                "its keyword \"{}\" is {length} characters long; a portal takes at most {MAX_KEYWORD}",
                shorten(keyword)
            ),
            Reason::TooManyKeywords { count } => format!(
                "it has {count} keywords; a portal takes at most {MAX_KEYWORDS}"
            ),
            Reason::ReservedName { name } => format!(
                "a portal cannot give a dataset named \"{}\" its own page: the words new, edit and search are taken by the portal's own pages",
                shorten(name)
            ),
            Reason::NotADate { field, text } => format!(
                "its {} \"{}\" is not a date",
                field.header(),
                shorten(text)
            ),
            Reason::StartAfterEnd { start, end } => format!(
                "its Start Date {start} is after its End Date {end}"
            ),
            Reason::NotALink { field, text } => format!(
                "its {} \"{}\" is not a whole web address",
                field.header(),
                shorten(text)
            ),
            Reason::NoMediaType { distribution } => format!(
                "its distribution \"{}\" has a Download URL but no Media Type a portal reads (like text/csv)",
                shorten(distribution)
            ),
            Reason::DistributionLink { distribution, text } => format!(
                "its distribution \"{}\" has the link \"{}\", which is not a whole address",
                shorten(distribution),
                shorten(text)
            ),
            Reason::Other(text) => text.clone(),
        }
    }

    /// What to do so that the next catalog lists it.
    pub fn fix(&self) -> String {
        match self {
            Reason::SensitiveUnclassified(_) => {
                "Choose its Classification (Public, Protected or Sensitive).".into()
            }
            Reason::NoContactEmail => "Fill in its Contact Email.".into(),
            Reason::EmailRefused { of_department: false, .. } => {
                "Write its Contact Email like jane.doe@city.gov, with no spaces and none of / # % ? { } | in it.".into()
            }
            Reason::EmailRefused { of_department: true, .. } => {
                "Fill in the dataset's Contact Email, or correct the coordinator's address in the department's details.".into()
            }
            Reason::SameIdentifier { .. } => {
                "Correct the Portal Identifier of one of them to the one the portal shows for it.".into()
            }
            Reason::DescriptionTooLong { .. } => {
                "Shorten its Contents, or move the details to a document listed in its Related Documents.".into()
            }
            Reason::KeywordTooLong { .. } => {
                "Shorten that keyword, or split it into several.".into()
            }
            Reason::TooManyKeywords { .. } => "Keep its most useful keywords and remove the others.".into(),
            Reason::ReservedName { name } => format!(
                "Give it a name that says more, like \"{} Requests\".",
                shorten(name)
            ),
            Reason::NotADate { .. } => "Write it like 2024-03-31, or empty it.".into(),
            Reason::StartAfterEnd { .. } => "Correct one of the two dates.".into(),
            Reason::NotALink { .. } | Reason::DistributionLink { .. } => {
                "Copy the address from the browser, starting with https://.".into()
            }
            Reason::NoMediaType { .. } => {
                "Fill in that distribution's Media Type, like text/csv or application/json.".into()
            }
            Reason::Other(_) => "Correct it in the dataset's editor and export again.".into(),
        }
    }
}

/// A dataset held back from the catalog, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    /// The Inventory ID as text (empty for a dataset not saved).
    pub id: String,
    pub name: String,
    pub department: String,
    pub reasons: Vec<Reason>,
}

/// `PRK-0004 "Street Trees" (Parks): it has no Classification… Choose…`
impl std::fmt::Display for HeldBack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \"{}\"", self.id, shorten(&self.name))?;
        if !self.department.is_empty() {
            write!(f, " ({})", self.department)?;
        }
        let said: Vec<String> = self
            .reasons
            .iter()
            .map(|r| format!("{}. {}", r.what(), r.fix()))
            .collect();
        write!(f, ": {}", said.join(" Also, "))
    }
}

/// The name CKAN's harvester makes from a title (`munge_title_to_name`):
/// lower case, spaces and `.:/` as dashes, other signs dropped.
pub fn ckan_name(title: &str) -> String {
    title
        .chars()
        .filter_map(|c| match c {
            ' ' | '.' | ':' | '/' => Some('-'),
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Whether CKAN refuses the title's name.
pub fn is_reserved_name(title: &str) -> bool {
    CKAN_RESERVED.contains(&ckan_name(title).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_ckan_keeps_for_its_pages_are_told_apart_from_longer_ones() {
        for title in ["Search", "New", "edit", "NEW!", " Search "] {
            assert!(is_reserved_name(title.trim()), "{title}");
        }
        for title in ["Search Requests", "New Permits", "Newsletters"] {
            assert!(!is_reserved_name(title), "{title}");
        }
    }

    #[test]
    fn a_held_back_dataset_says_what_is_wrong_and_what_to_do_in_plain_words() {
        let held = HeldBack {
            id: "PRK-0004".into(),
            name: "Street Trees".into(),
            department: "Parks".into(),
            reasons: vec![Reason::SensitiveUnclassified(SensitiveData::Yes)],
        };
        let text = held.to_string();
        assert!(text.starts_with("PRK-0004 \"Street Trees\" (Parks): it has no Classification"));
        assert!(text.contains("Choose its Classification"), "{text}");
        for word in ["null", "schema", "DCAT", "accessLevel"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
    }
}
