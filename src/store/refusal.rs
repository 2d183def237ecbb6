//! Why the store refused a change (`StoreError::Refused`) or did not find what it
//! was asked about (`StoreError::NotFound`): one variant per reason, so that the
//! command line and the app decide by the reason, never by its words. Each
//! `Display` is the sentence the person who asked sees.

use std::path::PathBuf;

use super::StoreError;
use crate::model::dataset::FieldError;
use crate::model::{DepartmentCode, InventoryId};
use crate::review::MoveRefused;

/// What `StoreError::NotFound` did not find.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Missing {
    #[error("The dataset {0} no longer exists.")]
    Dataset(InventoryId),
    #[error("The department {0} no longer exists.")]
    Department(DepartmentCode),
    /// A new dataset's department, which numbers it.
    #[error("There is no department with the code {0}. Set it up first.")]
    DepartmentToNumber(DepartmentCode),
    /// The department an export was asked for.
    #[error(
        "There is no department with the code {0} in this inventory. Nothing was exported: check the code (the Department screen lists them)."
    )]
    DepartmentToExport(DepartmentCode),
    /// The inventory file a command was given to read, which is not there.
    #[error(
        "There is no inventory at {}. Nothing was created or changed: check the path given with --db (or INVENTORY_DESK_DB). To start a new inventory, open the app or run the demo command.",
        .0.display()
    )]
    Inventory(PathBuf),
    /// One of the eight Step 1 prompts, by its index from 0.
    #[error("There are eight prompts.")]
    Prompt(usize),
}

/// Why a change was refused (`StoreError::Refused`), each in the words the
/// person who asked for it sees.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// A value that does not fit its field.
    #[error(transparent)]
    Value(#[from] FieldError),
    /// A move the review path does not allow from the dataset's status.
    #[error(transparent)]
    Move(#[from] MoveRefused),
    /// A move this inventory's desk does not make (the CDO's decisions on a
    /// department's desk), or a desk that cannot change.
    #[error(transparent)]
    NotThisDesk(#[from] crate::desk::NotThisDesk),
    /// A decision the CDO sent, recorded without who, when or the note.
    #[error(transparent)]
    DecisionSent(#[from] crate::desk::DecisionSentMissing),
    /// A sign-off of the release review without who, or concerns without a note.
    #[error(transparent)]
    SignOff(#[from] crate::release_review::SignOffMissing),
    /// Public with a column not released and no note on how it is removed.
    #[error(transparent)]
    NotReleasedColumn(#[from] crate::profile::PublicRefused),
    /// A column the dataset's profile does not have (it was read again).
    #[error("The sample's columns changed: read the sample again, then choose the access.")]
    NoSuchColumn,
    /// Where the data dictionaries are published is not a web address.
    #[error(
        "\"{0}\" is not a web address: write where the data dictionaries will be published, starting with https:// (for example https://data.city.gov/dictionaries/)."
    )]
    DictionaryAddress(String),
    #[error("Every dataset needs a name.")]
    DatasetWithoutName,
    #[error("A dataset without an ID cannot be saved.")]
    SaveWithoutId,
    #[error("This dataset has no ID yet.")]
    NoIdYet,
    #[error("No ID to restore.")]
    RestoreWithoutId,
    #[error("Give the system a name.")]
    SourceWithoutName,
    /// What `Department::problems` found, one sentence each.
    #[error("{}", .0.join(" "))]
    Department(Vec<String>),
    #[error("The department {code} still has {count} datasets. Move or delete them first.")]
    DepartmentNotEmpty { code: DepartmentCode, count: i64 },
    /// A question (by its text) answered as a check that is not one.
    #[error("\"{0}\" is not a Yes / No / Not applicable question.")]
    NotACheck(String),
    /// A question (by its text) answered as a column that fills none.
    #[error("\"{0}\" does not fill a column.")]
    FillsNoColumn(String),
    #[error(
        "This note is longer than a spreadsheet cell holds ({} characters). Shorten it.",
        crate::model::dataset::MAX_TEXT
    )]
    NoteTooLong,
    /// What the checklist still lacks before the dataset may be submitted.
    #[error("\"{name}\" cannot be submitted for review yet:\n• {}", .problems.join("\n• "))]
    ChecklistIncomplete { name: String, problems: Vec<String> },
    #[error("Publishing needs the portal link and date: use publish.")]
    PublishWithoutLink,
    #[error(
        "Write a note for the coordinator: what needs to change, or why it cannot be published."
    )]
    NoteNeeded,
    #[error("Give the dataset's link on the open data portal.")]
    NoPortalLink,
    #[error(
        "Say why \"{0}\" is withdrawn from the portal: the reason is kept in its review history for anyone who looks for the data."
    )]
    WithdrawalReasonNeeded(String),
    /// Open data is permanent: a dataset that was published is kept.
    #[error(
        "\"{name}\" ({id}) is {status} and cannot be deleted: open data is permanent. Use \"Withdraw from the portal\" with the reason instead; the dataset and its history are kept."
    )]
    PublishedIsKept {
        name: String,
        id: InventoryId,
        status: &'static str,
    },
    /// A text of a publication plan, named as its column is.
    #[error(
        "{what} is {length} characters long; a spreadsheet cell holds at most {}. Shorten it.",
        crate::model::dataset::MAX_TEXT
    )]
    PlanTextTooLong { what: String, length: usize },
    #[error("Give the project a focus area, e.g. \"Vacant lots in the East district\".")]
    ProjectWithoutFocus,
    /// A code chosen for a department an import adds that cannot be used
    /// (another department's, since the preview was opened); says why.
    #[error("{0} Nothing was imported.")]
    DepartmentCode(String),
    /// An import plan with this many errors.
    #[error("{}", plan_has_errors(*.0))]
    PlanHasErrors(usize),
    /// A file offered as a backup copy that is not one.
    #[error("{} cannot be restored: {why} Nothing was changed.", .copy.display())]
    NotACopy { copy: PathBuf, why: BadCopy },
    #[error("Give the {} a name.", .0.singular())]
    ListEntryWithoutName(crate::model::List),
    #[error("There is already a {} named {name}. Choose another name.", .list.singular())]
    ListEntryExists {
        list: crate::model::List,
        name: String,
    },
    #[error("There is no {} named {name} on the list.", .list.singular())]
    NotOnList {
        list: crate::model::List,
        name: String,
    },
    /// An entry of a list that datasets still hold.
    #[error(
        "{count} {} the {} {name}: give {} another {} first, or rename {name} instead of removing it.",
        if *.count == 1 { "dataset has" } else { "datasets have" },
        .list.singular(),
        if *.count == 1 { "it" } else { "them" },
        .list.singular()
    )]
    ListEntryInUse {
        list: crate::model::List,
        name: String,
        count: usize,
    },
    /// A field an import would change was edited after the file was read.
    #[error(
        "{name} ({id}) was changed in the app after the file was read: its {} would be overwritten. Nothing was imported. Import the file again to see what it would change now.",
        .field.header()
    )]
    ChangedSincePreview {
        id: InventoryId,
        name: String,
        field: crate::model::Field,
    },
}

/// What is wrong with a file offered as a backup copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadCopy {
    #[error("it could not be opened.")]
    CannotOpen,
    #[error("it is damaged.")]
    Damaged,
    #[error("it is not an inventory.")]
    NotAnInventory,
    #[error("it was made by a newer version of Inventory Desk.")]
    TooNew,
}

impl From<Missing> for StoreError {
    fn from(m: Missing) -> Self {
        StoreError::NotFound(m)
    }
}

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        StoreError::Refused(r)
    }
}

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        StoreError::Refused(Refusal::Value(e))
    }
}

impl From<MoveRefused> for StoreError {
    fn from(e: MoveRefused) -> Self {
        StoreError::Refused(Refusal::Move(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;
    use crate::store::Store;

    #[test]
    fn a_field_typed_in_the_editor_is_refused_by_what_keeps_it() {
        let mut s = Store::open_in_memory().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        s.save_department(&crate::model::Department::new(code.clone(), "Parks"))
            .unwrap();
        let d = s
            .create_dataset(&code, crate::model::Dataset::named("Trees"))
            .unwrap();
        let id = d.id.unwrap();
        for (field, said) in [
            (
                Field::Status,
                "The status and the CDO's decision change along the review path, on the Review screen (on a department's desk, the CDO's decisions come in the returned workbook or with \"Record a decision the CDO sent\").",
            ),
            (
                Field::LastUpdated,
                "This field is kept by the app and cannot be changed.",
            ),
        ] {
            let e = s.set_field(&id, field, "x").unwrap_err();
            assert!(
                matches!(e, StoreError::ReadOnlyField(f) if f == field),
                "{e:?}"
            );
            assert_eq!(e.to_string(), said);
        }
        let e = s.set_field(&id, Field::ContactEmail, "Pat").unwrap_err();
        assert!(
            matches!(
                e,
                StoreError::Refused(Refusal::Value(FieldError::NotAnEmail(_)))
            ),
            "{e:?}"
        );
        let gone: InventoryId = "PRK-0099".parse().unwrap();
        let e = s.set_field(&gone, Field::Name, "x").unwrap_err();
        assert!(matches!(&e, StoreError::NotFound(Missing::Dataset(i)) if *i == gone));
        assert_eq!(e.to_string(), "The dataset PRK-0099 no longer exists.");
        let e = s
            .create_dataset(&"ZZZ".parse().unwrap(), crate::model::Dataset::named("X"))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "There is no department with the code ZZZ. Set it up first."
        );
    }
}

/// "The file has 1 problem; … Fix it", "The file has 2 problems; … Fix them".
fn plan_has_errors(n: usize) -> String {
    format!(
        "The file has {}; nothing was imported. Fix {} and import again.",
        crate::workbook::limits::count_of(n, "problem", "problems"),
        if n == 1 { "it" } else { "them" }
    )
}
