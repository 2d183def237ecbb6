//! Plans what an import would change, before anything is changed.
//!
//! A file this inventory exported carries its `export_id`; the export's snapshot
//! then says, cell by cell, who changed what since: a cell only the CDO changed is
//! taken, one only the coordinator changed is kept, one both changed is a
//! conflict for the coordinator to settle. A file from elsewhere gets a two-way
//! diff: every difference is a proposed change. The checklist's answers, from
//! the file's Checklist sheet, are merged the same way, answer by answer. The
//! publication plans of the Publication Plan sheet get a two-way diff: a plan
//! that differs from the inventory's is a change. The same plan feeds the CLI's `--dry-run`, the app's preview, and the apply.
//!
//! Why one file of this length: the three merges (datasets, checklist answers,
//! publication plans) fill one `Plan`, and `apply` writes all of it in one
//! transaction; kept together, a reader sees every rule an import follows.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::columns::{PLAN_HEADERS, column, plan_col};
use super::import::{FileCheck, FileContent, FilePlan, FileRow, Problem};
use crate::checklist::{CheckState, Checks};
use crate::model::{Dataset, DepartmentCode, Field, InventoryId, PublicationPlan};
use crate::store::{
    Attached, CheckRow, Missing, Refusal, Result as StoreResult, Store, StoreError, Write,
    check_hash, field_hash,
};

/// One field an import would change.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldChange {
    pub field: Field,
    pub old: String,
    pub new: String,
}

/// A field both the CDO and the coordinator changed since the export.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Conflict {
    pub field: Field,
    /// The coordinator's value, in the inventory now.
    pub yours: String,
    /// The value in the file.
    pub theirs: String,
}

/// A check whose answer an import would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckChange {
    /// Where the answer is in the file.
    pub sheet: String,
    pub row: usize,
    pub id: InventoryId,
    pub question_id: String,
    /// The answer in the inventory now; `None` if never answered.
    pub old: Option<CheckState>,
    /// The answer as it would be saved, with its day.
    pub new: CheckState,
}

/// A publication plan an import would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanChange {
    /// Where the plan is in the file.
    pub sheet: String,
    pub row: usize,
    pub id: InventoryId,
    /// The plan in the inventory now; empty if the dataset has none.
    pub old: PublicationPlan,
    /// The plan as it would be saved.
    pub new: PublicationPlan,
}

/// What happens to one row of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ItemKind {
    /// A dataset the inventory does not have.
    Added,
    /// A dataset the inventory has, with changes or conflicts.
    Changed,
    /// A dataset the inventory has, the same in the file.
    Unchanged,
}

/// The plan for one row of the file.
#[derive(Debug, Clone)]
pub struct PlanItem {
    /// The row in the sheet (0-based).
    pub row: usize,
    pub kind: ItemKind,
    pub id: Option<InventoryId>,
    pub name: String,
    pub changes: Vec<FieldChange>,
    pub conflicts: Vec<Conflict>,
    /// The CDO reviewed it: one of the review columns changed.
    pub reviewed: bool,
    /// The dataset as it would be saved, before conflict choices.
    pub result: Dataset,
    /// What the preview should say besides the changes (a status the CDO's
    /// decision moves, or a move the review path does not allow).
    pub notes: Vec<String>,
}

/// Whose value wins a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// Keep the coordinator's value (the safe default).
    #[default]
    Yours,
    /// Take the value in the file.
    Theirs,
}

/// Everything an import would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub file: PathBuf,
    pub sheet: String,
    pub items: Vec<PlanItem>,
    /// Datasets of the departments in the file that the file does not mention.
    pub not_in_file: Vec<(InventoryId, String)>,
    /// Whether the file came from this inventory's own export (three-way merge).
    pub three_way: bool,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// New systems of record from the file's Data Sources sheet.
    pub new_sources: Vec<crate::model::DataSource>,
    /// Checklist answers the file changes, in the file's order.
    pub checks: Vec<CheckChange>,
    /// Publication plans the file changes, in the file's order.
    pub plan_changes: Vec<PlanChange>,
    /// The choices the file was read with (column mapping, values, department,
    /// fixed cells): the preview changes them and reads the file again.
    pub choices: super::choices::ImportChoices,
    /// Categories and licenses the file brings that are not on the
    /// inventory's lists, in the file's order: offered to be added.
    pub new_list_values: Vec<super::new_values::NewListValue>,
}

/// Per-row and per-conflict decisions taken in the preview.
#[derive(Debug, Clone)]
pub struct Decisions {
    /// Rows (by sheet row) the coordinator rejected.
    pub rejected: HashSet<usize>,
    /// Conflict choices by (sheet row, field); missing means `Choice::Yours`.
    pub conflicts: HashMap<(usize, Field), Choice>,
    /// Add the categories and licenses the file brings to the inventory's
    /// lists (`Plan::new_list_values`). Yes unless the person says no; when
    /// not, the datasets still keep the values as written.
    pub add_to_lists: bool,
}

impl Default for Decisions {
    fn default() -> Self {
        Decisions {
            rejected: HashSet::new(),
            conflicts: HashMap::new(),
            add_to_lists: true,
        }
    }
}

impl Plan {
    pub fn count(&self, kind: ItemKind) -> usize {
        self.items.iter().filter(|i| i.kind == kind).count()
    }
    pub fn conflicts(&self) -> usize {
        self.items.iter().map(|i| i.conflicts.len()).sum()
    }
    pub fn reviewed(&self) -> usize {
        self.items.iter().filter(|i| i.reviewed).count()
    }
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
    /// How many checklist answers would change.
    pub fn checklist(&self) -> usize {
        self.checks.len()
    }
    /// The checklist answers that would change for one dataset.
    pub fn checks_of<'a>(&'a self, id: &'a InventoryId) -> impl Iterator<Item = &'a CheckChange> {
        self.checks.iter().filter(move |c| c.id == *id)
    }
    /// How many publication plans would change.
    pub fn plans(&self) -> usize {
        self.plan_changes.len()
    }
    /// The change to one dataset's publication plan, if the file makes one.
    pub fn plan_change_of(&self, id: &InventoryId) -> Option<&PlanChange> {
        self.plan_changes.iter().find(|c| c.id == *id)
    }
    /// Whether applying would change anything.
    pub fn has_changes(&self) -> bool {
        self.items.iter().any(|i| i.kind != ItemKind::Unchanged)
            || !self.new_sources.is_empty()
            || !self.checks.is_empty()
            || !self.plan_changes.is_empty()
            || !self.new_list_values.is_empty()
    }

    /// The entries to add to the lists, as the person decided.
    pub fn list_entries(
        &self,
        decisions: &Decisions,
    ) -> Vec<(crate::model::List, crate::model::ListEntry)> {
        if !decisions.add_to_lists {
            return Vec::new();
        }
        self.new_list_values
            .iter()
            .map(|v| (v.list, v.entry.clone()))
            .collect()
    }

    /// The IDs of the datasets the coordinator rejected in the preview.
    fn rejected<'a>(&'a self, decisions: &Decisions) -> HashSet<&'a InventoryId> {
        self.items
            .iter()
            .filter(|i| decisions.rejected.contains(&i.row))
            .filter_map(|i| i.id.as_ref())
            .collect()
    }

    /// The publication plans to save: all but those of datasets the
    /// coordinator rejected (a rejected dataset keeps its plan).
    pub fn plan_writes(&self, decisions: &Decisions) -> Vec<(InventoryId, PublicationPlan)> {
        let rejected = self.rejected(decisions);
        self.plan_changes
            .iter()
            .filter(|c| !rejected.contains(&c.id))
            .map(|c| (c.id.clone(), c.new.clone()))
            .collect()
    }

    /// The check answers to save: all but those of datasets the coordinator
    /// rejected (a rejected dataset keeps its answers too).
    pub fn check_writes(&self, decisions: &Decisions) -> Vec<CheckRow> {
        let rejected = self.rejected(decisions);
        self.checks
            .iter()
            .filter(|c| !rejected.contains(&c.id))
            .map(|c| CheckRow {
                id: c.id.clone(),
                question_id: c.question_id.clone(),
                state: c.new.clone(),
            })
            .collect()
    }

    /// The writes the store makes for this plan and these decisions, against
    /// the inventory as it is now: a dataset the file changes gets only the
    /// plan's changed fields (and the conflicts settled for the file) on top of
    /// its values now, so an edit made while the preview was open is kept. A
    /// field the plan changes that was edited since the file was read is
    /// refused, so the person can read the file again.
    pub fn writes(&self, store: &Store, decisions: &Decisions) -> StoreResult<Vec<Write>> {
        let mut writes = Vec::new();
        for item in &self.items {
            if decisions.rejected.contains(&item.row) || item.kind == ItemKind::Unchanged {
                continue;
            }
            let theirs = item.conflicts.iter().filter(|c| {
                decisions
                    .conflicts
                    .get(&(item.row, c.field))
                    .copied()
                    .unwrap_or_default()
                    == Choice::Theirs
            });
            let write = match (item.kind, &item.id) {
                (ItemKind::Added, Some(_)) => Write::InsertWithId(item.result.clone()),
                (ItemKind::Added, None) => Write::Insert(item.result.clone()),
                (_, None) => continue,
                (_, Some(id)) => {
                    let mut dataset = store
                        .dataset(id)?
                        .ok_or_else(|| Missing::Dataset(id.clone()))?;
                    let edits = item
                        .changes
                        .iter()
                        .map(|c| (c.field, c.old.as_str(), c.new.as_str()))
                        .chain(theirs.map(|c| (c.field, c.yours.as_str(), c.theirs.as_str())));
                    for (field, old, new) in edits {
                        let now = dataset.get(field);
                        if now != old && now != new {
                            return Err(Refusal::ChangedSincePreview {
                                id: id.clone(),
                                name: dataset.name.clone(),
                                field,
                            }
                            .into());
                        }
                        dataset.set(field, new).map_err(StoreError::from)?;
                    }
                    Write::Update(dataset)
                }
            };
            writes.push(write);
        }
        Ok(writes)
    }
}

/// What applying did.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    pub added: usize,
    pub updated: usize,
    /// Checklist answers saved.
    pub checklist: usize,
    /// Publication plans saved.
    pub plans: usize,
    /// Entries added to the inventory's lists.
    pub list_entries: Vec<(crate::model::List, crate::model::ListEntry)>,
    pub backup: Option<PathBuf>,
}

/// Plans the import of a file's content against the inventory.
pub fn plan(store: &Store, file: PathBuf, content: FileContent) -> StoreResult<Plan> {
    let current = store.datasets()?;
    plan_with(store, current, file, content)
}

/// Reads a file and plans its import. The file is read on a second thread while
/// the inventory is loaded, so a big import costs little more than reading it.
pub fn plan_file(store: &Store, file: &std::path::Path) -> Result<Plan, super::WorkbookError> {
    plan_file_watched(store, file, &crate::progress::Unwatched)
}

/// `plan_file`, reporting its three steps (read the file, load the inventory,
/// compare) and stopping when asked between them. Planning changes nothing, so
/// it can stop at any of those points.
pub fn plan_file_watched(
    store: &Store,
    file: &std::path::Path,
    watch: &dyn crate::progress::Watch,
) -> Result<Plan, super::WorkbookError> {
    plan_file_with(
        store,
        file,
        &super::choices::ImportChoices::default(),
        watch,
    )
}

/// `plan_file_watched`, reading the file with the choices made about it.
pub fn plan_file_with(
    store: &Store,
    file: &std::path::Path,
    choices: &super::choices::ImportChoices,
    watch: &dyn crate::progress::Watch,
) -> Result<Plan, super::WorkbookError> {
    watch.progress(0, 3);
    let (content, current) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| super::import::read_file_with(file, choices));
        let current = store.datasets();
        let content = reader.join().unwrap_or_else(|_| {
            Err(super::WorkbookError::read(
                file,
                super::FileRefusal::ReaderStopped,
            ))
        });
        (content, current)
    });
    let (content, current) = (content?, current?);
    watch.progress(2, 3);
    watch.checkpoint()?;
    let mut plan = plan_with(store, current, file.to_path_buf(), content)?;
    plan.choices = choices.clone();
    watch.progress(3, 3);
    watch.checkpoint()?;
    Ok(plan)
}

/// `plan` with the inventory's datasets already loaded.
pub fn plan_with(
    store: &Store,
    current: Vec<Dataset>,
    file: PathBuf,
    content: FileContent,
) -> StoreResult<Plan> {
    let FileContent {
        sheet,
        rows,
        fields,
        sources,
        checks,
        plans,
        export_id,
        department_code,
        from_portal: _,
        errors,
        warnings,
    } = content;
    let mut plan = Plan {
        file,
        sheet: sheet.clone(),
        errors,
        warnings,
        ..Plan::default()
    };
    // A file from one of this inventory's exports is merged three ways; each
    // row's snapshot is read only if the row differs from the inventory.
    let export = match export_id {
        Some(id) if store.has_export(&id)? => Some(id),
        _ => None,
    };
    plan.three_way = export.is_some();
    let home = store.home_department()?;
    let by_id: HashMap<&InventoryId, &Dataset> = current
        .iter()
        .filter_map(|d| Some((d.id.as_ref()?, d)))
        .collect();
    // Matching by name is only needed for rows without an ID.
    let by_name: HashMap<(String, String), &Dataset> =
        if rows.iter().any(|r| r.dataset.id.is_none()) {
            current
                .iter()
                .map(|d| ((d.department.to_lowercase(), d.name.to_lowercase()), d))
                .collect()
        } else {
            HashMap::new()
        };
    let home_name = home.as_ref().map(|h| h.name.clone()).unwrap_or_default();
    let departments = Departments::read(store)?;
    let lists = store.lists()?;
    let mut new_values = super::new_values::NewValues::default();
    let ids_in_file: HashSet<InventoryId> =
        rows.iter().filter_map(|r| r.dataset.id.clone()).collect();
    let mut matched: HashMap<InventoryId, usize> = HashMap::new();
    let mut departments_in_file: HashSet<String> = HashSet::new();
    for row in rows {
        let FileRow {
            row,
            dataset: mut incoming,
        } = row;
        lists.match_dataset(&mut incoming);
        new_values.count(&lists, &incoming);
        let dept = if incoming.department.is_empty() {
            home_name.as_str()
        } else {
            incoming.department.as_str()
        };
        if !departments_in_file.contains(dept) {
            departments_in_file.insert(dept.to_string());
        }
        let existing = match &incoming.id {
            Some(id) => by_id.get(id).copied(),
            None => by_name
                .get(&(dept.to_lowercase(), incoming.name.to_lowercase()))
                .copied(),
        };
        if let Some(problem) = departments.refuses(&sheet, row, dept, &incoming, existing) {
            plan.errors.push(problem);
            continue;
        }
        let item = match existing {
            Some(existing) => {
                let id = existing.id.clone().expect("stored datasets have IDs");
                if let Some(first) = matched.insert(id.clone(), row) {
                    plan.errors.push(Problem {
                        sheet: sheet.clone(),
                        cell: super::cell_ref(row, 0),
                        column: "Dataset Name".into(),
                        message: format!(
                            "This row and row {} both describe the dataset {id} ({}). Keep one of them.",
                            first + 1,
                            existing.name
                        ),
                    });
                    continue;
                }
                if !departments_in_file.contains(&existing.department) {
                    departments_in_file.insert(existing.department.clone());
                }
                update_item(row, existing, incoming, &fields, || {
                    export
                        .as_deref()
                        .and_then(|e| store.export_row_hashes(e, &id).ok().flatten())
                })
            }
            None => {
                if incoming.department.is_empty() && home.is_none() {
                    plan.errors.push(Problem {
                        sheet: sheet.clone(),
                        cell: super::cell_ref(row, 0),
                        column: "Department".into(),
                        message: "This dataset names no department, and no department is set up yet. Fill in the Department column, or set up your department in the app first.".into(),
                    });
                    continue;
                }
                add_item(row, incoming)
            }
        };
        plan.items.push(item);
    }
    let mut departments_in_file: HashSet<String> = departments_in_file
        .iter()
        .map(|d| d.to_lowercase())
        .collect();
    if let Some(code) = &department_code {
        if let Some(d) = store.department(&code.parse().map_err(StoreError::from)?)? {
            departments_in_file.insert(d.name.to_lowercase());
        }
    }
    plan.not_in_file = current
        .iter()
        .filter(|d| departments_in_file.contains(&d.department.to_lowercase()))
        .filter_map(|d| d.id.clone().map(|id| (id, d.name.clone())))
        .filter(|(id, _)| !matched.contains_key(id))
        .collect();
    let known: HashSet<String> = store
        .sources()?
        .iter()
        .map(|s| s.name.to_lowercase())
        .collect();
    plan.new_sources = sources
        .into_iter()
        .filter(|s| !known.contains(&s.name.to_lowercase()))
        .collect();
    plan.new_list_values = new_values.into_values();
    let known = |id: &InventoryId| by_id.contains_key(id) || ids_in_file.contains(id);
    plan_checks(store, &mut plan, checks, known, export.as_deref())?;
    plan_publication(store, &mut plan, plans, known)?;
    Ok(plan)
}

/// The inventory's departments, to tell a department of the file from one of
/// the inventory that has the same code (two inventories each give their own
/// codes: "Department of Parks and Wildlife" got DPW in its own, and DPW is
/// Public Works in the citywide one).
struct Departments {
    /// Each department's name by its code.
    names: HashMap<DepartmentCode, String>,
}

impl Departments {
    fn read(store: &Store) -> StoreResult<Self> {
        let names = store
            .departments()?
            .into_iter()
            .map(|d| (d.code, d.name))
            .collect();
        Ok(Departments { names })
    }

    /// Whether the file's Department names this department, by its name or
    /// its code.
    fn names(&self, file: &str, code: &DepartmentCode, name: &str) -> bool {
        let file = file.trim().to_lowercase();
        file == name.trim().to_lowercase() || file == code.as_str().to_lowercase()
    }

    /// A row whose Inventory ID is a dataset (or a code) of another department
    /// than the one the file names: a dataset never moves between departments,
    /// nor joins one, without the person saying so.
    fn refuses(
        &self,
        sheet: &str,
        row: usize,
        file_department: &str,
        incoming: &Dataset,
        existing: Option<&Dataset>,
    ) -> Option<Problem> {
        let id = incoming.id.as_ref()?;
        if incoming.department.trim().is_empty() {
            return None; // the file does not say: the dataset stays where it is
        }
        let message = match existing {
            Some(existing) => {
                let code = self
                    .names
                    .iter()
                    .find(|(_, name)| name.to_lowercase() == existing.department.to_lowercase())
                    .map_or(&id.department, |(code, _)| code);
                if self.names(file_department, code, &existing.department) {
                    return None;
                }
                format!(
                    "This row puts {id} in {}, but in this inventory {id} is \"{}\" of {}. If the file comes from another department that also uses the code {}, empty its Inventory ID column to add its datasets as new ones; to move the dataset, change its Department in the app.",
                    shorten(file_department),
                    shorten(&existing.name),
                    existing.department,
                    id.department
                )
            }
            None => {
                let name = self.names.get(&id.department)?;
                if self.names(file_department, &id.department, name) {
                    return None;
                }
                format!(
                    "This row puts {id} in {}, but in this inventory {} is the code of {name}. Empty the Inventory ID column of this file to add its datasets as new ones, with a code of their own.",
                    shorten(file_department),
                    id.department
                )
            }
        };
        Some(Problem {
            sheet: sheet.to_string(),
            cell: super::cell_ref(row, 0),
            column: "Department".into(),
            message,
        })
    }
}

fn shorten(text: &str) -> String {
    crate::model::dataset::shorten(text)
}

/// Plans the file's publication plans: each that differs from the inventory's
/// is a change (a two-way diff; a row the same as the inventory's is none).
fn plan_publication(
    store: &Store,
    plan: &mut Plan,
    plans: Vec<FilePlan>,
    known: impl Fn(&InventoryId) -> bool,
) -> StoreResult<()> {
    if plans.is_empty() {
        return Ok(());
    }
    // One read of every plan, not one per row: a big file carries thousands.
    let current: HashMap<InventoryId, PublicationPlan> = store.plans(None)?.into_iter().collect();
    for file in plans {
        if !known(&file.id) {
            plan.errors.push(unknown_plan_dataset(&file));
            continue;
        }
        let old = current.get(&file.id).cloned().unwrap_or_default();
        let new = file.over(&old);
        if new != old {
            plan.plan_changes.push(PlanChange {
                sheet: file.sheet,
                row: file.row,
                id: file.id,
                old,
                new,
            });
        }
    }
    Ok(())
}

fn unknown_plan_dataset(file: &FilePlan) -> Problem {
    Problem {
        sheet: file.sheet.clone(),
        cell: file.id_cell.clone(),
        column: "Inventory ID".into(),
        message: format!(
            "There is no dataset {} on the Inventory sheet or in this inventory. Correct the Inventory ID, or clear the whole row.",
            file.id
        ),
    }
}

/// "Publication plan: Tactics: Blog post ➡ Blog post; Press release, Announce
/// On: (empty) ➡ 2027-03-01", naming only what differs, for previews and
/// reports.
pub fn describe_plan_change(change: &PlanChange) -> String {
    let old = plan_cells(&change.old);
    let new = plan_cells(&change.new);
    let parts: Vec<String> = old
        .iter()
        .zip(&new)
        .filter(|((_, o), (_, n))| o != n)
        .map(|((header, o), (_, n))| format!("{header}: {} ➡ {}", shown(o), shown(n)))
        .collect();
    if parts.is_empty() {
        return "Publication plan: no change".into();
    }
    format!("Publication plan: {}", parts.join(", "))
}

/// Each part of a plan under its column's header, as the workbook writes it.
fn plan_cells(plan: &PublicationPlan) -> [(&'static str, String); 6] {
    use crate::model::dates::format_date;
    let day = |d: Option<chrono::NaiveDate>| d.map(format_date).unwrap_or_default();
    let h = |c: usize| PLAN_HEADERS[c];
    [
        (h(plan_col::TACTICS), plan.tactics_text()),
        (h(plan_col::ANNOUNCE_ON), day(plan.announce_on)),
        (h(plan_col::ANNOUNCED_BY), plan.announced_by.clone()),
        (h(plan_col::MAINTAINED_BY), plan.maintained_by.clone()),
        (h(plan_col::PUBLISHED_ON), day(plan.published_on)),
        (h(plan_col::LAST_REFRESHED), day(plan.last_refreshed)),
    ]
}

/// Plans the file's checklist answers: each that differs from the inventory's
/// is a change. From one of this inventory's exports, an answer only the
/// coordinator changed since is kept, and one both changed keeps the
/// coordinator's with a warning (as a conflict's default does).
fn plan_checks(
    store: &Store,
    plan: &mut Plan,
    checks: Vec<FileCheck>,
    known: impl Fn(&InventoryId) -> bool,
    export: Option<&str>,
) -> StoreResult<()> {
    let mut merger = CheckMerger {
        store,
        export,
        today: crate::store::now().date(),
        current: HashMap::new(),
        sent: HashMap::new(),
    };
    for check in checks {
        if !known(&check.id) {
            plan.errors.push(unknown_dataset(&check));
            continue;
        }
        let (old, new) = merger.states(&check)?;
        match merger.verdict(&check, old.as_ref(), &new)? {
            Verdict::Same | Verdict::Kept => {}
            Verdict::Conflict => plan
                .warnings
                .push(check_conflict(&check, old.as_ref(), &new)),
            Verdict::Change => plan.checks.push(CheckChange {
                sheet: check.sheet,
                row: check.row,
                id: check.id,
                question_id: check.question_id,
                old,
                new,
            }),
        }
    }
    Ok(())
}

/// What becomes of one answer of the file.
enum Verdict {
    /// The inventory holds the same answer and note.
    Same,
    /// Only the coordinator changed it since the export: theirs is kept.
    Kept,
    /// Both changed it since the export: the coordinator's is kept, with a warning.
    Conflict,
    /// The file's answer is taken.
    Change,
}

/// The inventory's answers and the export's snapshot, read once per dataset.
struct CheckMerger<'a> {
    store: &'a Store,
    export: Option<&'a str>,
    today: chrono::NaiveDate,
    current: HashMap<InventoryId, Checks>,
    /// Per dataset, (question id hash → answer hash) as exported; `None` when
    /// the export did not carry the dataset's checks.
    sent: HashMap<InventoryId, Option<HashMap<u64, u64>>>,
}

impl CheckMerger<'_> {
    /// The inventory's answer (if any) and the file's, dated.
    fn states(&mut self, check: &FileCheck) -> StoreResult<(Option<CheckState>, CheckState)> {
        if !self.current.contains_key(&check.id) {
            let checks = self.store.checks(&check.id)?;
            self.current.insert(check.id.clone(), checks);
        }
        let old = self.current[&check.id].get(&check.question_id).cloned();
        let new = CheckState {
            answer: check.answer,
            note: check.note.clone(),
            on: answered_on(check, old.as_ref(), self.today),
        };
        Ok((old, new))
    }

    fn verdict(
        &mut self,
        check: &FileCheck,
        old: Option<&CheckState>,
        new: &CheckState,
    ) -> StoreResult<Verdict> {
        let yours = check_hash(&unanswered_or(old));
        let theirs = check_hash(new);
        if theirs == yours {
            return Ok(Verdict::Same);
        }
        let Some(base) = self.base(check)? else {
            return Ok(Verdict::Change); // a file from elsewhere: a two-way diff
        };
        Ok(if theirs == base {
            Verdict::Kept
        } else if yours != base {
            Verdict::Conflict
        } else {
            Verdict::Change
        })
    }

    /// The answer's hash as the export sent it; unanswered if it sent none.
    fn base(&mut self, check: &FileCheck) -> StoreResult<Option<u64>> {
        let Some(export) = self.export else {
            return Ok(None);
        };
        if !self.sent.contains_key(&check.id) {
            let sent = self.store.export_check_hashes(export, &check.id)?;
            self.sent.insert(check.id.clone(), sent);
        }
        Ok(self.sent[&check.id].as_ref().map(|sent| {
            sent.get(&field_hash(&check.question_id))
                .copied()
                .unwrap_or_else(|| check_hash(&unanswered_or(None)))
        }))
    }
}

/// The state of a check that may never have been answered.
fn unanswered_or(state: Option<&CheckState>) -> CheckState {
    state.cloned().unwrap_or(CheckState {
        answer: None,
        note: String::new(),
        on: chrono::NaiveDate::default(),
    })
}

/// The day a changed answer is kept under: the file's Answered On when the
/// file gives a new one; today when it gives none, or leaves the day of the
/// answer it replaces (the CDO changed the answer, not its day).
fn answered_on(
    check: &FileCheck,
    old: Option<&CheckState>,
    today: chrono::NaiveDate,
) -> chrono::NaiveDate {
    match check.on {
        Some(day) if old.is_none_or(|o| o.on != day) => day,
        _ => today,
    }
}

fn unknown_dataset(check: &FileCheck) -> Problem {
    Problem {
        sheet: check.sheet.clone(),
        cell: check.id_cell.clone(),
        column: "Inventory ID".into(),
        message: format!(
            "There is no dataset {} on the Inventory sheet or in this inventory. Correct the Inventory ID, or clear the whole row.",
            check.id
        ),
    }
}

fn check_conflict(check: &FileCheck, yours: Option<&CheckState>, theirs: &CheckState) -> Problem {
    let question = crate::questions::Bank::checklist()
        .question(&check.question_id)
        .map(|q| q.text.as_str())
        .unwrap_or(&check.question_id);
    Problem {
        sheet: check.sheet.clone(),
        cell: super::cell_ref(check.row, super::columns::checklist_col::ANSWER),
        column: "Answer".into(),
        message: format!(
            "For {}, \"{question}\" was answered again both in the app and in this file since the export. Your answer ({}) was kept; the file says {}. Change it in the app if the file is right.",
            check.id,
            describe_answer(&unanswered_or(yours)),
            describe_answer(theirs)
        ),
    }
}

/// "No, with the note “Not yet”", for reports and previews.
pub fn describe_answer(state: &CheckState) -> String {
    use crate::model::vocab::Vocabulary;
    let answer = state.answer.map(|a| a.label()).unwrap_or("no answer");
    if state.note.is_empty() {
        answer.to_string()
    } else {
        format!(
            "{answer}, with the note “{}”",
            crate::model::dataset::shorten(&state.note)
        )
    }
}

/// "Is the data vetted?: Yes ➡ No", for previews and reports.
pub fn describe_check(change: &CheckChange) -> String {
    let question = crate::questions::Bank::checklist()
        .question(&change.question_id)
        .map(|q| q.text.as_str())
        .unwrap_or(&change.question_id);
    format!(
        "{question}: {} ➡ {}",
        describe_answer(&unanswered_or(change.old.as_ref())),
        describe_answer(&change.new)
    )
}

/// Fields a file can change: all but Last Updated (the app's record). Inventory ID
/// counts: a file with every column has it.
const EDITABLE_FIELDS: usize = Field::ALL.len() - 1;

fn add_item(row: usize, incoming: Dataset) -> PlanItem {
    let changes = Field::ALL
        .iter()
        .filter(|f| !f.is_read_only())
        .map(|f| FieldChange {
            field: *f,
            old: String::new(),
            new: incoming.get(*f),
        })
        .filter(|c| !c.new.is_empty())
        .collect();
    PlanItem {
        row,
        kind: ItemKind::Added,
        id: incoming.id.clone(),
        name: incoming.name.clone(),
        changes,
        conflicts: Vec::new(),
        reviewed: Field::REVIEW.iter().any(|f| !incoming.is_blank(*f)),
        result: incoming,
        notes: Vec::new(),
    }
}

fn update_item(
    row: usize,
    existing: &Dataset,
    incoming: Dataset,
    fields: &[Field],
    snapshot: impl FnOnce() -> Option<Vec<u64>>,
) -> PlanItem {
    // A file with every column that holds the same values is unchanged: the usual
    // case for most rows, answered without building any text.
    if fields.len() >= EDITABLE_FIELDS && existing.same_content(&incoming) {
        return PlanItem {
            row,
            kind: ItemKind::Unchanged,
            id: existing.id.clone(),
            name: existing.name.clone(),
            changes: Vec::new(),
            conflicts: Vec::new(),
            reviewed: false,
            result: incoming,
            notes: Vec::new(),
        };
    }
    let base = snapshot();
    let mut result = existing.clone();
    let mut changes = Vec::new();
    let mut conflicts = Vec::new();
    for field in fields.iter().copied().filter(|f| !f.is_read_only()) {
        let theirs = incoming.get(field);
        let yours = existing.get(field);
        if theirs == yours {
            continue;
        }
        if let Some(&base_hash) = base.as_ref().and_then(|b| b.get(field.index())) {
            if field_hash(&theirs) == base_hash {
                continue; // only the coordinator changed it since the export: kept
            }
            if field_hash(&yours) != base_hash {
                conflicts.push(Conflict {
                    field,
                    yours,
                    theirs,
                });
                continue;
            }
        }
        result
            .set(field, &theirs)
            .expect("file values were validated");
        changes.push(FieldChange {
            field,
            old: yours,
            new: theirs,
        });
    }
    let reviewed = changes.iter().any(|c| Field::REVIEW.contains(&c.field));
    let notes = follow_review_path(&mut result, existing, &mut changes);
    let kind = if changes.is_empty() && conflicts.is_empty() {
        ItemKind::Unchanged
    } else {
        ItemKind::Changed
    };
    PlanItem {
        row,
        kind,
        id: existing.id.clone(),
        name: existing.name.clone(),
        changes,
        conflicts,
        reviewed,
        result,
        notes,
    }
}

/// A new CDO decision moves the dataset along the review path (Approved ➡
/// Approved, Changes requested ➡ Returned, Not publishable ➡ Not publishable)
/// when the path allows that move from where the dataset is; a status typed
/// into the file is kept only if the path allows it. Returns what the preview
/// should say about it.
fn follow_review_path(
    result: &mut Dataset,
    existing: &Dataset,
    changes: &mut Vec<FieldChange>,
) -> Vec<String> {
    use crate::model::vocab::Vocabulary;
    let decided = changes.iter().any(|c| c.field == Field::CdoDecision);
    let status_set = changes.iter().any(|c| c.field == Field::Status);
    let mut notes = Vec::new();
    if status_set && !crate::review::path_allows(existing.status, result.status) {
        notes.push(format!(
            "The file sets the status to {}, which the review path does not allow from {}; it stays {}.",
            result.status.label(),
            existing.status.label(),
            existing.status.label()
        ));
        result.status = existing.status;
        changes.retain(|c| c.field != Field::Status);
        return notes;
    }
    let Some(decision) = result.cdo_decision.filter(|_| decided && !status_set) else {
        return notes;
    };
    match crate::review::decision_move(existing.status, decision) {
        Ok(Some(mv)) => {
            let status = mv.to();
            notes.push(format!(
                "The CDO's decision \"{}\" moves it from {} to {}.",
                decision.label(),
                existing.status.label(),
                status.label()
            ));
            changes.push(FieldChange {
                field: Field::Status,
                old: existing.status.to_string(),
                new: status.to_string(),
            });
            result.status = status;
        }
        Ok(None) => {}
        Err(why) => notes.push(format!(
            "The CDO's decision \"{}\" is recorded, but the status stays {}: {why}",
            decision.label(),
            existing.status.label()
        )),
    }
    notes
}

/// Applies a plan with the coordinator's decisions: one transaction, after a
/// backup. Refuses while the plan has errors.
pub fn apply(store: &mut Store, plan: &Plan, decisions: &Decisions) -> StoreResult<Applied> {
    if plan.has_errors() {
        return Err(Refusal::PlanHasErrors(plan.errors.len()).into());
    }
    let writes = plan.writes(store, decisions)?;
    let checks = plan.check_writes(decisions);
    let plans = plan.plan_writes(decisions);
    let list_entries = plan.list_entries(decisions);
    let added = writes
        .iter()
        .filter(|w| !matches!(w, Write::Update(_)))
        .count();
    let updated = writes.len() - added;
    let fallback: DepartmentCode = match store.home_department()? {
        Some(d) => d.code,
        None => "GEN".parse().expect("valid code"),
    };
    let nothing = writes.is_empty()
        && plan.new_sources.is_empty()
        && checks.is_empty()
        && plans.is_empty()
        && list_entries.is_empty();
    let backup = if nothing {
        None
    } else {
        let attached = Attached {
            checks: &checks,
            plans: &plans,
            list_entries: &list_entries,
        };
        store.apply_import(&writes, attached, &fallback, "Import", &plan.new_sources)?
    };
    Ok(Applied {
        added,
        updated,
        checklist: checks.len(),
        plans: plans.len(),
        list_entries,
        backup,
    })
}

/// "Data Classification: Public ➡ Sensitive", for previews and reports.
pub fn describe(change: &FieldChange) -> String {
    format!(
        "{}: {} ➡ {}",
        column(change.field).header,
        shown(&change.old),
        shown(&change.new)
    )
}

/// A value as a preview shows it: shortened, and "(empty)" for nothing.
fn shown(s: &str) -> String {
    if s.is_empty() {
        "(empty)".to_string()
    } else {
        crate::model::dataset::shorten(s)
    }
}
