//! The screens of the navigation, and the state each one keeps between frames.

use super::backups_view::BackupsView;
use super::checklist_wizard::ChecklistWizard;
use super::dataset_editor::DatasetEditor;
use super::department::DepartmentForm;
use super::desk_title::DeskTitle;
use super::engagement_screen::EngagementScreen;
use super::inventory_table::InventoryTable;
use super::progress_screen::ProgressScreen;
use super::review_screen::ReviewScreen;
use super::sources::SourcesView;
use super::start_here::StartHere;
use super::step1_wizard::Step1Wizard;

/// The screens of the navigation, with the names `--screenshot --screen` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    StartHere,
    Inventory,
    Sources,
    Step1,
    Checklist,
    Review,
    Progress,
    Engagement,
    Department,
}

impl Screen {
    /// In the order the work goes: the path, the systems, the prompts, the
    /// checklists, the inventory it all makes (exported from there), the
    /// review; then where it stands, engagement, and the department's setup.
    pub const ALL: [Screen; 9] = [
        Screen::StartHere,
        Screen::Sources,
        Screen::Step1,
        Screen::Checklist,
        Screen::Inventory,
        Screen::Review,
        Screen::Progress,
        Screen::Engagement,
        Screen::Department,
    ];

    /// The name on the command line and in the settings.
    pub fn name(self) -> &'static str {
        match self {
            Screen::StartHere => "start",
            Screen::Inventory => "inventory",
            Screen::Sources => "sources",
            Screen::Step1 => "step1",
            Screen::Checklist => "checklist",
            Screen::Review => "review",
            Screen::Progress => "progress",
            Screen::Engagement => "engagement",
            Screen::Department => "department",
        }
    }

    /// The words in the navigation.
    pub fn title(self) -> &'static str {
        match self {
            Screen::StartHere => "Start here",
            Screen::Inventory => "Inventory",
            Screen::Sources => "Data Sources",
            Screen::Step1 => "Step 1 Prompts",
            Screen::Checklist => "Checklist",
            Screen::Review => "Review",
            Screen::Progress => "Progress",
            Screen::Engagement => "Engagement",
            Screen::Department => "Department",
        }
    }

    pub fn from_name(name: &str) -> Option<Screen> {
        Screen::ALL
            .into_iter()
            .find(|s| s.name() == name.trim().to_lowercase())
    }
}

/// What every screen keeps between frames: what was typed, what is selected,
/// what was read from the inventory. None of it is saved here: saving is a
/// request (see `requests`).
pub struct Screens {
    pub start: StartHere,
    pub table: InventoryTable,
    /// The dataset open in the editor, over the inventory table.
    pub editor: Option<DatasetEditor>,
    pub sources: SourcesView,
    pub department: DepartmentForm,
    pub step1: Step1Wizard,
    pub checklist: ChecklistWizard,
    pub review: ReviewScreen,
    pub progress: ProgressScreen,
    pub backups: BackupsView,
    pub engagement: EngagementScreen,
    /// Whose desk this is, under the app's name and in the title bar.
    pub desk: DeskTitle,
}

impl Screens {
    pub fn new(department: DepartmentForm) -> Self {
        Screens {
            start: StartHere::default(),
            table: InventoryTable::default(),
            editor: None,
            sources: SourcesView::default(),
            department,
            step1: Step1Wizard::default(),
            checklist: ChecklistWizard::default(),
            review: ReviewScreen::default(),
            progress: ProgressScreen::default(),
            backups: BackupsView::default(),
            engagement: EngagementScreen::default(),
            desk: DeskTitle::default(),
        }
    }
}
