//! What the screens ask the app to do, and the one place where it is done.
//!
//! The rule of the house: drawing only reads (a screen gets `&Store`); every
//! change to the inventory is a `Request` pushed during the frame and carried
//! out here once the frame is drawn, through the store or a flow module of the
//! core. The screen that asked is then told the result (`saved`, `moved`…),
//! and every screen that shows the changed dataset reads it again.
//!
//! Why one file of this length: it is the list of everything the window can
//! change, one arm each; kept in one place so that a reader sees every write.

use crate::workbook::choices::ImportChoices;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::App;
use super::dataset_editor::DatasetEditor;
use super::department::DepartmentForm;
use super::screens::Screen;
use super::theme::ThemeChoice;
use crate::engagement::project::Project;
use crate::model::{
    CheckAnswer, DataSource, Dataset, Department, DepartmentCode, Distribution, Field, InventoryId,
    List, ListEntry, PublicationPlan,
};
use crate::questions::Question;
use crate::review::Move;
use crate::store::SourceDeletion;

/// What a screen (or the menu, or a shortcut) asks for; carried out after the frame.
#[derive(Debug, Clone)]
pub enum Request {
    // Where to look.
    Go(Screen),
    Open(InventoryId),
    /// Open a dataset's checklist in the checklist wizard.
    OpenChecklist(InventoryId),
    /// Open a dataset's checklist at one question (a field to fix).
    OpenChecklistAt(InventoryId, String),
    /// Show a dataset on the Review screen.
    OpenReview(InventoryId),
    /// The Step 1 wizard at `page` ("Start here"'s systems and prompts),
    /// or where the person left it if that is further on.
    Step1From(crate::step1::Page),
    CloseEditor,
    /// Ctrl+F: the inventory's search box.
    FocusSearch,
    /// Remember where a screen is (a setting), so the app reopens there.
    Remember {
        key: &'static str,
        value: String,
    },
    SetTheme(ThemeChoice),
    /// Put the status bar's message away.
    Dismiss,
    /// A change to the inventory.
    Write(Write),

    // Files and long work.
    /// Pick a sample file of a dataset's data and describe its columns.
    DescribeColumns(InventoryId),
    Import,
    ImportPath(PathBuf),
    Export,
    /// Export one department's datasets only.
    ExportDepartment(DepartmentCode),
    /// The CDO's office: a workbook for each department, into a folder.
    ExportEachDepartment,
    /// The data dictionaries: a Table Schema file per described dataset,
    /// into a folder the person picks.
    ExportDictionaries,
    /// Save an engagement project as a readable document.
    ExportProject(Project),
    ApplyImport,
    CancelImport,
    /// Read the file of the preview again, with the person's choices (the
    /// column mapping, what unknown values mean, the department, fixed cells).
    ReadAgain(crate::workbook::choices::ImportChoices),
    /// Stop the work the status bar shows, where it can stop.
    CancelWork,
    /// Put a backup copy in place of the inventory.
    RestoreBackup(PathBuf),
    /// The CDO's desk: send a dataset to the CKAN portal at `address`, in
    /// `organization` (empty: the only one the key may publish in).
    Publish {
        id: InventoryId,
        address: String,
        organization: String,
    },
    /// Keep the person's key to the portal at `address` in the system's
    /// keyring (never in the inventory).
    KeepPortalKey {
        address: String,
        key: String,
    },
    /// Read the table's rows again (after systems changed names, say).
    Reload,
    /// Read everything again (a read-only window, after the other one saved).
    ReadEverythingAgain,
}

/// The requests that change the inventory, each carried out in one transaction
/// of the store (or of a flow module of the core).
#[derive(Debug, Clone)]
pub enum Write {
    // Datasets.
    NewDataset,
    /// One field typed in the dataset editor.
    SetField {
        id: InventoryId,
        field: Field,
        text: String,
    },
    /// A checklist question that fills a field.
    Answer {
        id: InventoryId,
        question: &'static Question,
        value: String,
    },
    /// A Yes / No / Not applicable check and its note.
    AnswerCheck {
        id: InventoryId,
        question: &'static Question,
        answer: Option<CheckAnswer>,
        note: String,
    },
    Submit(InventoryId),
    /// A move on the review path, with its note.
    Move {
        id: InventoryId,
        mv: Move,
        note: String,
    },
    /// On a department's desk: a decision the CDO sent, recorded with who
    /// decided, when and the note.
    RecordDecision {
        id: InventoryId,
        sent: crate::desk::DecisionSent,
    },
    /// At setup: whose desk the new inventory is.
    ChooseDesk(crate::desk::Desk),
    /// The CDO's desk: one answer of the release review.
    AnswerReleaseReview {
        id: InventoryId,
        question: String,
        answer: Option<crate::model::CheckAnswer>,
    },
    /// The CDO's desk: the CISO's audit, the policy or communications team.
    SignOff {
        id: InventoryId,
        sign_off: crate::release_review::SignOff,
    },
    SavePlan {
        id: InventoryId,
        plan: PublicationPlan,
    },
    Publish {
        id: InventoryId,
        link: String,
        on: NaiveDate,
    },
    RecordRefresh(InventoryId),
    /// A distribution added at the end of a dataset's list, in the editor.
    AddDistribution {
        id: InventoryId,
        distribution: Distribution,
    },
    /// The distribution at `index` of a dataset's list, changed in the editor.
    EditDistribution {
        id: InventoryId,
        index: usize,
        distribution: Distribution,
    },
    /// The distribution at `index` of a dataset's list, removed in the editor.
    RemoveDistribution {
        id: InventoryId,
        index: usize,
    },
    /// The profile of a sample of a dataset's data, just read.
    SaveProfile {
        id: InventoryId,
        profile: Box<crate::profile::Profile>,
    },
    /// Who may see one column of the profile (by its place), with the note
    /// on how a column not released is removed or aggregated.
    SetColumnAccess {
        id: InventoryId,
        column: usize,
        access: crate::profile::Access,
        note: String,
    },
    /// One part of the data dictionary of one column (by its place): its
    /// description, unit or what an empty cell means.
    SetColumnPart {
        id: InventoryId,
        column: usize,
        part: crate::profile::Part,
        text: String,
    },
    /// Fill the descriptions and units not written yet with the app's drafts.
    DraftDictionary(InventoryId),
    /// Where the data dictionaries will be published (data.json links them).
    SetDictionaryBase(String),
    Duplicate(InventoryId),
    Delete(InventoryId),
    /// A published dataset taken off the portal, with the reason (it is
    /// kept: open data is permanent).
    Withdraw {
        id: InventoryId,
        reason: String,
    },
    Undo,

    // Systems, the department, engagement projects, Step 1.
    SaveSource(DataSource),
    DeleteSource {
        id: i64,
        then: SourceDeletion,
    },
    SaveDepartment(Department),
    /// The city's lists of categories and licenses (the Department screen).
    AddListEntry {
        list: List,
        entry: ListEntry,
    },
    RenameListEntry {
        list: List,
        old: String,
        new: String,
    },
    SetListUrl {
        list: List,
        name: String,
        url: String,
    },
    RemoveListEntry {
        list: List,
        name: String,
    },
    SaveProject(Project),
    /// A change of the Step 1 wizard, through the Step 1 flow of the core.
    Step1(crate::step1::Action),
}

impl From<Write> for Request {
    fn from(write: Write) -> Self {
        Request::Write(write)
    }
}

impl App {
    /// Carries out what the screens asked for during the frame.
    pub fn handle_requests(&mut self) {
        while !self.requests.is_empty() {
            for request in std::mem::take(&mut self.requests) {
                self.handle(request);
            }
        }
    }

    fn handle(&mut self, request: Request) {
        match request {
            Request::Go(screen) => {
                self.preview = None;
                self.go(screen);
            }
            Request::Open(id) => {
                self.screens.editor = self.open_editor(&id);
                self.go(Screen::Inventory);
            }
            Request::OpenChecklist(id) => self.open_checklist(&id, None),
            Request::OpenChecklistAt(id, question) => self.open_checklist(&id, Some(&question)),
            Request::OpenReview(id) => {
                self.screens.editor = None;
                self.screens.review.select(&self.store, &id);
                self.go(Screen::Review);
            }
            Request::Step1From(page) => {
                let left = crate::step1::page(&self.store);
                if left.index() < page.index() {
                    self.remember("step1.page", &page.index().to_string());
                }
                self.preview = None;
                self.go(Screen::Step1);
            }
            Request::CloseEditor => self.screens.editor = None,
            Request::FocusSearch => {
                self.screens.editor = None;
                self.screens.table.focus_search = true;
                self.go(Screen::Inventory);
            }
            Request::Remember { key, value } => self.remember(key, &value),
            Request::SetTheme(theme) => {
                self.theme = theme;
                self.theme_applied = false;
                self.remember("view.theme", theme.name());
            }
            Request::Dismiss => self.notice = None,
            Request::Write(write) => self.write(write),
            Request::Import => {
                if let Some(path) = self.dialogs.pick_import() {
                    self.start_plan(path, ImportChoices::default());
                }
            }
            Request::ImportPath(path) => self.start_plan(path, ImportChoices::default()),
            Request::DescribeColumns(id) => {
                if let Some(path) = self.dialogs.pick_import() {
                    self.start_profile(id, path);
                }
            }
            Request::ReadAgain(choices) => {
                if let Some(file) = self.preview.as_ref().map(|p| p.plan.file.clone()) {
                    self.start_plan(file, choices);
                }
            }
            Request::Publish {
                id,
                address,
                organization,
            } => self.start_publish(id, address, organization),
            Request::Export => self.start_export(None),
            Request::ExportDepartment(code) => self.start_export(Some(code)),
            Request::ExportEachDepartment => self.start_export_each(),
            Request::ExportDictionaries => self.start_export_dictionaries(),
            Request::KeepPortalKey { address, key } => self.keep_portal_key(&address, &key),
            Request::ExportProject(project) => self.export_project(&project),
            Request::ApplyImport => self.start_apply(),
            Request::CancelImport => {
                self.preview = None;
                self.info("Import cancelled. Nothing was changed.");
            }
            Request::CancelWork => {
                self.jobs.cancel();
            }
            Request::RestoreBackup(path) => self.restore(&path),
            Request::Reload => self.reload(),
            Request::ReadEverythingAgain => self.read_everything_again(),
        }
    }

    /// Changes the inventory, and tells the screens what happened.
    fn write(&mut self, write: Write) {
        match write {
            Write::NewDataset => self.new_dataset(),
            Write::Duplicate(id) => self.duplicate(&id),
            Write::Delete(id) => self.delete(&id),
            Write::Withdraw { id, reason } => self.withdraw(&id, &reason),
            Write::Undo => self.undo(),
            Write::SaveProfile { id, profile } => self.save_profile(&id, &profile),
            Write::SetColumnAccess {
                id,
                column,
                access,
                note,
            } => {
                if let Err(e) = self.store.set_column_access(&id, column, access, &note) {
                    self.error(e.to_string());
                }
                self.dataset_changed(&id);
            }
            Write::SetColumnPart {
                id,
                column,
                part,
                text,
            } => {
                if let Err(e) = self.store.set_column_part(&id, column, part, &text) {
                    self.error(e.to_string());
                }
                self.dataset_changed(&id);
            }
            Write::DraftDictionary(id) => {
                match self.store.draft_dictionary(&id) {
                    Ok(0) => self.info("Every column already has a description and a unit where one applies: nothing was drafted."),
                    Ok(n) => self.info(format!(
                        "Drafted {} from the sample. Read each draft and rewrite it in plain words.",
                        crate::workbook::limits::count_of(n, "column's description", "columns' descriptions")
                    )),
                    Err(e) => self.error(e.to_string()),
                }
                self.dataset_changed(&id);
            }
            Write::SetDictionaryBase(address) => {
                match self.store.set_dictionary_base(&address) {
                    Ok(()) if address.trim().is_empty() => self.info("No address is set for the data dictionaries: data.json does not link them."),
                    Ok(()) => self.info(format!("The data dictionaries will be linked from data.json under {}.", address.trim())),
                    Err(e) => self.error(e.to_string()),
                }
                if let Some(editor) = &mut self.screens.editor {
                    editor
                        .columns
                        .base_saved(self.store.dictionary_base().ok().flatten());
                }
            }
            Write::SetField { id, field, text } => {
                let result = self.store.set_field(&id, field, &text);
                self.field_saved(&id, field, result);
            }
            Write::Answer {
                id,
                question,
                value,
            } => {
                let result = self.store.answer_field(&id, question, &value);
                if let Some(field) = question.field() {
                    self.field_saved(&id, field, result);
                }
            }
            Write::AnswerCheck {
                id,
                question,
                answer,
                note,
            } => {
                let result = self.store.answer_check(&id, question, answer, &note);
                self.dataset_changed(&id);
                self.screens
                    .checklist
                    .check_saved(result.map_err(|e| e.to_string()));
            }
            Write::Submit(id) => {
                let by = self.coordinator();
                let result = self.store.submit_for_review(&id, &by);
                self.dataset_changed(&id);
                self.screens.checklist.submitted(result.map(|_| ()));
            }
            Write::Move { id, mv, note } => {
                let by = self.coordinator();
                let result = self.store.move_dataset(&id, mv, &by, &note);
                self.dataset_changed(&id);
                self.screens.review.moved(result);
            }
            Write::RecordDecision { id, sent } => {
                let by = self.coordinator();
                let result = self.store.record_cdo_decision(&id, &sent, &by);
                self.dataset_changed(&id);
                self.screens.review.moved(result);
            }
            Write::AnswerReleaseReview {
                id,
                question,
                answer,
            } => {
                let by = self.coordinator();
                let result = self
                    .store
                    .answer_release_review(&id, &question, answer, "", &by)
                    .map(|_| ());
                self.screens.review.release_reviewed(&self.store, result);
            }
            Write::SignOff { id, sign_off } => {
                let by = self.coordinator();
                let result = self.store.sign_off(&id, &sign_off, &by).map(|_| ());
                let signed = result.is_ok();
                self.screens.review.release_reviewed(&self.store, result);
                if signed {
                    self.screens.review.signed();
                }
            }
            Write::ChooseDesk(desk) => {
                if let Err(e) = self.store.choose_desk(desk) {
                    self.error(e.to_string());
                }
            }
            Write::SavePlan { id, plan } => {
                let result = self.store.save_plan(&id, &plan);
                self.screens.review.plan_saved(plan, result);
            }
            Write::Publish { id, link, on } => {
                let by = self.coordinator();
                let result = self.store.publish(&id, &link, on, &by);
                self.dataset_changed(&id);
                self.screens.review.published(result);
            }
            Write::RecordRefresh(id) => {
                let result = self.store.record_refresh(&id, crate::store::now().date());
                self.dataset_changed(&id);
                self.screens.review.refreshed(result);
            }
            Write::AddDistribution { id, distribution } => {
                let result = self.store.add_distribution(&id, &distribution);
                self.distributions_saved(&id, result);
            }
            Write::EditDistribution {
                id,
                index,
                distribution,
            } => {
                let result = self.store.update_distribution(&id, index, &distribution);
                self.distributions_saved(&id, result);
            }
            Write::RemoveDistribution { id, index } => {
                let result = self.store.remove_distribution(&id, index);
                self.distributions_saved(&id, result);
            }
            Write::SaveSource(mut source) => {
                if source.department.is_none() {
                    source.department = self.home_code();
                }
                let result = self.store.save_source(&source).map(|_| ());
                if result.is_ok() {
                    self.reload();
                }
                self.screens.sources.saved(result);
            }
            Write::DeleteSource { id, then } => {
                let result = self.store.delete_source(id, then);
                if result.is_ok() {
                    self.reload();
                }
                self.screens.sources.deleted(result);
            }
            Write::SaveDepartment(department) => self.save_department(department),
            Write::AddListEntry { .. }
            | Write::RenameListEntry { .. }
            | Write::SetListUrl { .. }
            | Write::RemoveListEntry { .. } => self.change_list(write),
            Write::SaveProject(project) => {
                let result = self.store.save_project(&project);
                let remember = self.screens.engagement.saved(&self.store, &project, result);
                self.requests.extend(remember);
            }
            Write::Step1(action) => self.step1(action),
        }
    }

    /// Shows a screen and reads what it shows.
    /// Shows a screen and remembers it for the next start (a screenshot run
    /// changes nothing the person would find next time).
    pub(super) fn go(&mut self, screen: Screen) {
        self.show(screen);
        if self.screenshot.is_none() {
            self.remember("screen", screen.name());
        }
    }

    /// Shows a screen, read afresh, without remembering it.
    pub(super) fn show(&mut self, screen: Screen) {
        self.screen = screen;
        let s = &mut self.screens;
        s.sources.refresh();
        s.department.refresh();
        s.desk.refresh(&self.store);
        let read = match screen {
            Screen::Step1 => s.step1.open(&self.store),
            Screen::Checklist => s.checklist.open(&self.store, s.table.rows()),
            Screen::Review => s.review.refresh(&self.store),
            Screen::Engagement => s.engagement.refresh(&self.store),
            Screen::Progress => s.progress.refresh(&self.store, s.table.rows()),
            Screen::StartHere => s.start.refresh(&self.store, s.table.rows()),
            _ => Ok(()),
        };
        if let Err(e) = read {
            self.error(e.to_string());
        }
    }

    /// Keeps a setting; a read-only window (another one has the file) keeps
    /// nothing and says nothing: the banner already tells why.
    fn remember(&mut self, key: &str, value: &str) {
        if self.store.is_read_only() {
            return;
        }
        if let Err(e) = self.store.set_setting(key, value) {
            self.error(e.to_string());
        }
    }

    fn open_editor(&mut self, id: &InventoryId) -> Option<DatasetEditor> {
        match DatasetEditor::open(&self.store, id) {
            Ok(editor) => editor,
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    fn open_checklist(&mut self, id: &InventoryId, question: Option<&str>) {
        self.screens.editor = None;
        let same = self.screens.checklist.dataset() == Some(id);
        self.remember("checklist.dataset", &id.to_string());
        if !same {
            self.remember("checklist.section", "0");
        }
        self.go(Screen::Checklist);
        if let Some(question) = question
            && let Some(section) = self.screens.checklist.show_question(question)
        {
            self.remember("checklist.section", &section.to_string());
        }
    }

    /// The department's first coordinator: who makes a move or submits.
    fn coordinator(&mut self) -> String {
        self.home()
            .and_then(|d| d.coordinators.first().map(|c| c.name.clone()))
            .unwrap_or_default()
    }

    fn home_code(&mut self) -> Option<DepartmentCode> {
        self.home().map(|d| d.code)
    }

    /// The home department; a failure to read it is said in the status bar.
    fn home(&mut self) -> Option<Department> {
        match self.store.home_department() {
            Ok(home) => home,
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    /// A field saved (or refused) from the editor or the checklist.
    fn field_saved(
        &mut self,
        id: &InventoryId,
        field: Field,
        result: crate::store::Result<Dataset>,
    ) {
        let result = result.map(|_| ()).map_err(|e| e.to_string());
        if result.is_ok() {
            self.dataset_changed(id);
        }
        if let Some(editor) = &mut self.screens.editor {
            editor.field_saved(field, result.clone());
        }
        self.screens.checklist.field_saved(field, result);
    }

    /// A sample's profile, kept in place of the one before; the message
    /// says what was found.
    fn save_profile(&mut self, id: &InventoryId, profile: &crate::profile::Profile) {
        match self.store.save_profile(id, profile) {
            Ok(saved) => {
                let flagged = saved.personal_columns().count();
                let count = crate::workbook::limits::count_of;
                let personal = match flagged {
                    0 => "None looks like personal data.".to_string(),
                    n => format!(
                        "{} personal data: check who may see {}.",
                        count(n, "column looks like", "columns look like"),
                        if n == 1 { "it" } else { "them" }
                    ),
                };
                self.info(format!(
                    "Described {} from {} ({}). {personal} The rows were not kept.",
                    count(saved.columns.len(), "column", "columns"),
                    saved.file_name,
                    count(saved.rows as usize, "row", "rows"),
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
        self.dataset_changed(id);
    }

    /// A change to a dataset's distributions: the editor reads them again, or
    /// the reason it was refused is shown.
    fn distributions_saved(&mut self, id: &InventoryId, result: crate::store::Result<()>) {
        if let Err(e) = result {
            self.error(e.to_string());
        }
        self.dataset_changed(id);
    }

    /// After a dataset changed: its row, and every screen that shows it, read it again.
    pub(super) fn dataset_changed(&mut self, id: &InventoryId) {
        match self.store.table_row(id) {
            Ok(Some(row)) => self.screens.table.upsert_row(row),
            Ok(None) => self.screens.table.remove(id),
            Err(e) => self.error(e.to_string()),
        }
        let read = [
            self.screens
                .editor
                .as_mut()
                .map_or(Ok(()), |e| e.reread(&self.store, id)),
            self.screens.checklist.reread(&self.store, id),
            self.screens.review.refresh(&self.store),
        ];
        if let Some(Err(e)) = read.into_iter().find(|r| r.is_err()) {
            self.error(e.to_string());
        }
    }

    /// Reads the table's rows again.
    pub(super) fn reload(&mut self) {
        self.screens.sources.refresh();
        match self.store.table_rows_share(0, 1) {
            Ok(all) => self.screens.table.set_rows(all),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Reads the inventory again for every screen, keeping the one shown.
    pub(super) fn read_everything_again(&mut self) {
        match self.store.home_department() {
            Ok(Some(d)) => {
                self.screens.department = DepartmentForm::edit(&d);
                self.welcome = false;
            }
            Ok(None) => {}
            Err(e) => self.error(e.to_string()),
        }
        let open = self.screens.editor.as_ref().map(|e| e.id.clone());
        self.screens.editor = open.and_then(|id| self.open_editor(&id));
        self.reload();
        self.go(self.screen);
    }

    fn new_dataset(&mut self) {
        let Some(home) = self.home_code() else {
            self.error("Set up your department first: new datasets belong to it.");
            return;
        };
        match self
            .store
            .create_dataset(&home, Dataset::named("New dataset"))
        {
            Ok(d) => {
                let Some(id) = d.id.clone() else { return };
                self.dataset_changed(&id);
                self.screens.editor = self.open_editor(&id);
                self.go(Screen::Inventory);
                self.undo = None;
                self.info(format!(
                    "Added {}. Give it a name and fill in what you know.",
                    d.id_text()
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn duplicate(&mut self, id: &InventoryId) {
        match self.store.duplicate_dataset(id) {
            Ok(copy) => {
                let Some(copy_id) = copy.id.clone() else {
                    return;
                };
                self.dataset_changed(&copy_id);
                self.info(format!("Made a copy: {} ({}).", copy.name, copy.id_text()));
                self.screens.editor = self.open_editor(&copy_id);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn withdraw(&mut self, id: &InventoryId, reason: &str) {
        let by = self.coordinator();
        match self
            .store
            .move_dataset(id, crate::review::Move::Unpublish, &by, reason)
        {
            Ok(d) => {
                self.dataset_changed(id);
                self.info(format!(
                    "Withdrew {} ({id}) from the portal. It is kept, with the reason, in its history.",
                    d.name
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn delete(&mut self, id: &InventoryId) {
        match self.store.delete_dataset(id) {
            Ok(deleted) => {
                self.screens.table.remove(id);
                self.screens.editor = None;
                self.info(format!("Deleted {} ({id}).", deleted.dataset.name));
                self.undo = Some(deleted);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn undo(&mut self) {
        let Some(deleted) = self.undo.take() else {
            return;
        };
        match self.store.restore_dataset(&deleted) {
            Ok(()) => {
                if let Some(id) = &deleted.dataset.id {
                    self.dataset_changed(id);
                }
                self.info(format!("Brought back {}.", deleted.dataset.name));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn save_department(&mut self, department: Department) {
        let new = self.screens.department.is_new();
        let result = self.store.save_department(&department);
        let saved = result.is_ok();
        self.screens.department.saved(department, result);
        if saved && new {
            self.welcome = false;
            self.reload();
            // The work starts with the steps, not an empty table.
            self.go(Screen::StartHere);
        }
    }

    /// Changes one of the city's lists, and tells the Department screen what
    /// happened; a rename changes datasets too, so the table reads them again.
    fn change_list(&mut self, write: Write) {
        let (list, result, done) = match write {
            Write::AddListEntry { list, entry } => {
                let done = format!("Added {} to the {}.", entry.name.trim(), list.plural());
                (list, self.store.add_list_entry(list, &entry), done)
            }
            Write::RenameListEntry { list, old, new } => {
                let result = self.store.rename_list_entry(list, &old, &new);
                let done = match &result {
                    Ok(0) | Err(_) => format!("Renamed {old} to {}.", new.trim()),
                    Ok(1) => format!("Renamed {old} to {}, on 1 dataset too.", new.trim()),
                    Ok(n) => format!("Renamed {old} to {}, on {n} datasets too.", new.trim()),
                };
                (list, result.map(|_| ()), done)
            }
            Write::SetListUrl { list, name, url } => {
                let done = format!("Saved the web address of {name}.");
                (list, self.store.set_list_url(list, &name, &url), done)
            }
            Write::RemoveListEntry { list, name } => {
                let done = format!("Removed {name} from the {}.", list.plural());
                (list, self.store.remove_list_entry(list, &name), done)
            }
            _ => return,
        };
        let changed = result.is_ok();
        self.screens.department.lists.saved(list, done, result);
        if changed {
            let open = self.screens.editor.as_ref().map(|e| e.id.clone());
            self.screens.editor = open.and_then(|id| self.open_editor(&id));
            self.reload();
        }
    }

    /// Writes an engagement project as a Markdown document where the person
    /// chooses.
    fn export_project(&mut self, project: &Project) {
        let name = crate::files::project_name(&project.focus_area);
        let Some(path) = self.dialogs.pick_export(&name) else {
            return;
        };
        // A dataset that cannot be read is named by its ID.
        let names = |id: &InventoryId| match self.store.dataset(id) {
            Ok(Some(d)) => d.name,
            _ => id.to_string(),
        };
        let text = project.to_markdown(&names);
        match crate::workbook::write_atomically(&path, |temp| {
            std::fs::write(temp, &text).map_err(|e| e.to_string())
        }) {
            Ok(()) => self.info(format!("Saved the project as {}.", path.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Restores a backup copy, then reads everything again.
    fn restore(&mut self, path: &std::path::Path) {
        if self.damaged.is_some() {
            self.restore_over_damaged(path);
            return;
        }
        match self.store.restore_backup(path) {
            Ok(before) => {
                let kept = before
                    .map(|b| format!(" The inventory as it was is kept at {}.", b.display()))
                    .unwrap_or_default();
                self.screens.editor = None;
                self.screens.backups.refresh();
                self.read_everything_again();
                self.info(format!("Restored the copy {}.{kept}", path.display()));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Puts a backup copy in place of the damaged inventory, then opens the
    /// window on it as if it had just been started.
    fn restore_over_damaged(&mut self, path: &std::path::Path) {
        match crate::store::Store::restore_over_damaged(&self.db_path, path) {
            Ok((store, kept)) => {
                let dialogs = std::mem::replace(
                    &mut self.dialogs,
                    Box::new(super::jobs::FixedDialogs::default()),
                );
                *self = App::new(store, dialogs, None);
                self.info(format!(
                    "Restored the copy {}. The damaged file was kept at {}.",
                    path.display(),
                    kept.display()
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// A change of the Step 1 wizard, through the Step 1 flow of the core.
    fn step1(&mut self, action: crate::step1::Action) {
        let done = crate::step1::carry_out(&mut self.store, &action);
        if done.datasets_changed {
            self.reload();
        }
        if done.systems_changed {
            self.screens.sources.refresh();
        }
        self.screens.step1.after(&self.store, &action, done);
    }
}
