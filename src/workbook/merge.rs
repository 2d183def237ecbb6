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
use super::held::HeldRow;
use super::import::{FileCheck, FileContent, FilePlan, FileRow, Problem};
pub use super::path::RefusedMove;
pub use super::plan_departments::{DepartmentQuestion, NewDepartment};
use super::{FastMap, FastSet};
use crate::checklist::{CheckState, Checks};
use crate::model::{Dataset, DepartmentCode, Distribution, Field, InventoryId, PublicationPlan};
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
    /// The dataset's distributions as the file gives them, when they differ
    /// from the inventory's: they replace its list. `None`: left as they are.
    pub distributions: Option<Vec<Distribution>>,
    /// The status move the file asks for that the review path refused.
    pub refused: Option<RefusedMove>,
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
    /// Problems about the whole file: any of them refuses it.
    pub errors: Vec<Problem>,
    /// Rows held back for their problems: the others apply without them.
    pub held: Vec<HeldRow>,
    /// Asked once when rows name no department and the inventory has none.
    pub department_question: Option<DepartmentQuestion>,
    /// Departments the import adds, each with its code (the preview may
    /// change the codes before applying).
    pub new_departments: Vec<NewDepartment>,
    /// Departments whose details (divisions, coordinators, approver, start
    /// date) the file's Departments sheet brings or changes.
    pub department_updates: Vec<DepartmentUpdate>,
    /// The inventory's departments when the file was read (to choose from,
    /// and whose codes a new department may not take).
    pub departments: Vec<crate::model::Department>,
    pub warnings: Vec<Problem>,
    /// New systems of record from the file's Data Sources sheet.
    pub new_sources: Vec<crate::model::DataSource>,
    /// Checklist answers the file changes, in the file's order.
    pub checks: Vec<CheckChange>,
    /// Publication plans the file changes, in the file's order.
    pub plan_changes: Vec<PlanChange>,
    /// Data dictionary parts the file's Attributes sheet changes, in the
    /// file's order (`plan_attributes`).
    pub attribute_changes: Vec<super::plan_attributes::AttributeChange>,
    /// The choices the file was read with (column mapping, values, department,
    /// fixed cells): the preview changes them and reads the file again.
    pub choices: super::choices::ImportChoices,
    /// The file is a portal's catalog: its datasets are already published,
    /// and their history says so (see `FileContent::from_portal`).
    pub from_portal: bool,
    /// The file's values that are none of their field's choices (see `values`).
    pub value_maps: Vec<super::values::ValueMap>,
    /// The file's values read other than as written, to show.
    pub reinterpretations: Vec<super::values::Reinterpretation>,
    /// Where each column of a foreign file went (`None` for our own workbook):
    /// the preview shows it, the command line prints it.
    pub mapping: Option<super::mapping::Mapping>,
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
    /// Whether the file is refused (a problem about the whole file). Held
    /// rows do not refuse it.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
    /// Every problem, the whole file's first, then each held row's.
    pub fn problems(&self) -> Vec<Problem> {
        let rows = self.held.iter().flat_map(HeldRow::located);
        self.errors.iter().cloned().chain(rows).collect()
    }
    /// The status moves the review path refused, in the file's order.
    pub fn refused_moves(&self) -> Vec<&RefusedMove> {
        self.items
            .iter()
            .filter_map(|i| i.refused.as_ref())
            .collect()
    }
    /// Every conflict, with its dataset.
    pub fn conflict_list(&self) -> impl Iterator<Item = (&PlanItem, &Conflict)> {
        self.items
            .iter()
            .flat_map(|i| i.conflicts.iter().map(move |c| (i, c)))
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
    /// How many parts of the data dictionary would change.
    pub fn attributes(&self) -> usize {
        self.attribute_changes.len()
    }
    /// The data dictionary parts that would change for one dataset.
    pub fn attributes_of<'a>(
        &'a self,
        id: &'a InventoryId,
    ) -> impl Iterator<Item = &'a super::plan_attributes::AttributeChange> {
        self.attribute_changes.iter().filter(move |c| c.id == *id)
    }
    /// The dictionary parts to save: all but those of datasets the
    /// coordinator rejected.
    pub fn attribute_writes(
        &self,
        decisions: &Decisions,
    ) -> Vec<(InventoryId, String, crate::profile::Part, String)> {
        let rejected = self.rejected(decisions);
        self.attribute_changes
            .iter()
            .filter(|c| !rejected.contains(&c.id))
            .map(|c| (c.id.clone(), c.column.clone(), c.part, c.new.clone()))
            .collect()
    }
    /// The change to one dataset's publication plan, if the file makes one.
    pub fn plan_change_of(&self, id: &InventoryId) -> Option<&PlanChange> {
        self.plan_changes.iter().find(|c| c.id == *id)
    }
    /// The distributions to save, by the index of their dataset's write in
    /// `writes` (a new dataset's ID is only known once it is written).
    pub fn distribution_writes(&self, decisions: &Decisions) -> Vec<(usize, Vec<Distribution>)> {
        self.items
            .iter()
            .filter(|i| !decisions.rejected.contains(&i.row))
            .filter(|i| {
                i.kind != ItemKind::Unchanged && (i.id.is_some() || i.kind == ItemKind::Added)
            })
            .enumerate()
            .filter_map(|(n, i)| Some((n, i.distributions.clone()?)))
            .collect()
    }

    /// Whether applying would change anything.
    pub fn has_changes(&self) -> bool {
        self.items.iter().any(|i| i.kind != ItemKind::Unchanged)
            || !self.new_sources.is_empty()
            || !self.checks.is_empty()
            || !self.plan_changes.is_empty()
            || !self.attribute_changes.is_empty()
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
    /// Data dictionary parts saved.
    pub attributes: usize,
    /// Rows not imported: held for a fix, or waiting for their department.
    pub held: usize,
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

/// `plan_file_watched`, reading the file with the choices made about it, over
/// those remembered for an earlier file with the same headers.
pub fn plan_file_with(
    store: &Store,
    file: &std::path::Path,
    choices: &super::choices::ImportChoices,
    watch: &dyn crate::progress::Watch,
) -> Result<Plan, super::WorkbookError> {
    store.in_one_read(|| plan_file_reading(store, file, choices, watch))
}

/// `plan_file_with`, inside its read transaction.
fn plan_file_reading(
    store: &Store,
    file: &std::path::Path,
    choices: &super::choices::ImportChoices,
    watch: &dyn crate::progress::Watch,
) -> Result<Plan, super::WorkbookError> {
    use super::import::{Read, read_with_signature};
    watch.progress(0, 3);
    // Our own workbook is checked on the reading thread while the inventory
    // loads (with the plans and answers a workbook may carry); a foreign file
    // waits for the choices remembered for its headers.
    let (read, current, preloaded) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| read_with_signature(file, choices));
        let current = store.datasets();
        let preloaded = match &current {
            Ok(datasets) => Preloaded::read_for(store, file, datasets),
            Err(_) => Preloaded::default(),
        };
        let read = reader.join().unwrap_or_else(|_| {
            Err(super::WorkbookError::read(
                file,
                super::FileRefusal::ReaderStopped,
            ))
        });
        (read, current, preloaded)
    });
    let (read, current) = (read?, current?);
    let (content, choices) = match read {
        Read::Checked(content) => (content, choices.clone()),
        Read::Foreign { book, signature } => {
            let choices = match store.remembered_choices(&signature)? {
                Some(remembered) => choices.over(&remembered),
                None => choices.clone(),
            };
            (super::import::parse_with_choices(book, &choices), choices)
        }
    };
    watch.progress(2, 3);
    watch.checkpoint()?;
    let mut plan = plan_preloaded(store, current, preloaded, file.to_path_buf(), content)?;
    plan.choices = choices;
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
    plan_preloaded(store, current, Preloaded::default(), file, content)
}

/// What a plan reads of the inventory besides its datasets, when it was read
/// ahead: while a spreadsheet is read, the thread that loads the datasets
/// reads these too (see `plan_file_reading`). A part not read ahead is read
/// when the plan needs it.
#[derive(Default)]
struct Preloaded {
    /// Every dataset's publication plan.
    plans: Option<HashMap<InventoryId, PublicationPlan>>,
    /// Every dataset's checklist answers.
    checks: Option<FastMap<InventoryId, Checks>>,
    /// Every dataset's `content_hash`, to compare the rows of our own
    /// workbook with (see `first_pass`).
    hashes: Option<FastMap<InventoryId, u64>>,
}

impl Preloaded {
    /// Reads ahead for a workbook, which may carry a Checklist and a
    /// Publication Plan sheet; nothing for a CSV or a catalog, which cannot.
    /// A part that fails to read is left to be read (and its failure told)
    /// when the plan needs it.
    fn read_for(store: &Store, file: &std::path::Path, datasets: &[Dataset]) -> Self {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        let workbook = ["xlsx", "xlsm", "xlsb", "xls", "ods"]
            .iter()
            .any(|w| ext.eq_ignore_ascii_case(w));
        if !workbook {
            return Preloaded::default();
        }
        Preloaded {
            plans: store.plans(None).ok().map(|p| p.into_iter().collect()),
            checks: store.checks_of_all().ok(),
            hashes: Some(
                (datasets.iter())
                    .filter_map(|d| Some((d.id.clone()?, d.content_hash())))
                    .collect(),
            ),
        }
    }
}

/// `plan_with`, with what was read ahead.
fn plan_preloaded(
    store: &Store,
    current: Vec<Dataset>,
    preloaded: Preloaded,
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
        attributes,
        reviews,
        departments: file_departments,
        desk: file_desk,
        export_id,
        department_code,
        from_portal,
        value_maps,
        reinterpretations,
        mapping,
        columns,
        errors,
        held,
        warnings,
    } = content;
    let mut plan = Plan {
        file,
        sheet: sheet.clone(),
        errors,
        held,
        warnings,
        from_portal,
        value_maps,
        reinterpretations,
        mapping,
        ..Plan::default()
    };
    // A catalog's dataset is matched by its identifier on the portal first.
    let by_portal_id: HashMap<&str, &Dataset> = if from_portal {
        current
            .iter()
            .filter(|d| !d.portal_identifier.is_empty())
            .map(|d| (d.portal_identifier.as_str(), d))
            .collect()
    } else {
        HashMap::new()
    };
    // The distributions of the inventory, read once when the file gives any.
    let stored_distributions = if rows.iter().any(|r| r.distributions.is_some()) {
        store.all_distributions()?
    } else {
        HashMap::new()
    };
    // Where a row's problem found against the inventory is: its cell in the
    // column that says it.
    let cell = |row: usize, field: Field| {
        let col = columns.iter().position(|f| *f == Some(field)).unwrap_or(0);
        super::cell_ref(row, col)
    };
    // A file from one of this inventory's exports is merged three ways; each
    // row's snapshot is read only if the row differs from the inventory.
    let export = match export_id {
        Some(id) if store.has_export(&id)? => Some(id),
        _ => None,
    };
    plan.three_way = export.is_some();
    let home = store.home_department()?;
    let by_id: FastMap<&InventoryId, &Dataset> = current
        .iter()
        .filter_map(|d| Some((d.id.as_ref()?, d)))
        .collect();
    // Matching by name is only needed for rows without an ID. Two datasets
    // of one department may share a name (two rows of one file): the file's
    // first such row matches the first of them by ID, the second the second,
    // so the same file imported again matches them the same way.
    let mut name_keys = NameKeys::default();
    let mut by_name: FastMap<NameKey, Vec<&Dataset>> = FastMap::default();
    if rows.iter().any(|r| r.dataset.id.is_none()) {
        for d in &current {
            let key = name_keys.key(&d.department, &d.name);
            by_name.entry(key).or_default().push(d);
        }
        for list in by_name.values_mut() {
            list.sort_by(|a, b| a.id.cmp(&b.id));
        }
    }
    let mut names_in_file: FastMap<NameKey, RowsOfName> = FastMap::default();
    let mut waiting_for_department: Vec<usize> = Vec::new();
    let home_name = home.as_ref().map(|h| h.name.clone()).unwrap_or_default();
    let departments = Departments::read(store)?;
    let all_lists = store.lists()?;
    // Each category and license of the file looked up once, not once a row.
    let mut lists = all_lists.finder();
    let mut new_values = super::new_values::NewValues::default();
    let ids_in_file: FastSet<InventoryId> =
        rows.iter().filter_map(|r| r.dataset.id.clone()).collect();
    let mut matched: FastMap<InventoryId, usize> = FastMap::default();
    let mut departments_in_file = DepartmentsInFile::default();
    let mut let_through = LetThrough::default();
    // The CDO Review sheet's decisions, settled with the Inventory's CDO
    // columns (the rule is in `cdo_review`), before anything is compared.
    let mut fields = fields;
    let base = |id: &InventoryId| {
        export
            .as_deref()
            .and_then(|e| store.export_row_hashes(e, id).ok().flatten())
    };
    let settle = super::cdo_review::Settle {
        sheet: &sheet,
        columns: &columns,
        current: &by_id,
        base: &base,
    };
    let mut rows = settle.apply(rows, &mut fields, reviews, &mut plan.held);
    // On a department's desk the CDO's columns come only in the workbook the
    // CDO returns: this inventory's own export, or a file the CDO's office
    // wrote. Another file's (a CSV typed anywhere) are left out, and said.
    let from_the_cdo =
        export.is_some() || file_desk.as_deref() == Some(crate::desk::Desk::CdoOffice.key());
    if !from_portal && !from_the_cdo && store.desk()? == crate::desk::Desk::Department {
        leave_out_the_cdo_s_columns(&mut rows, &by_id, &sheet, &mut plan.warnings);
    }
    let same = first_pass(
        &mut rows,
        &all_lists,
        &by_id,
        preloaded.hashes.as_ref(),
        from_portal,
    );
    plan.items.reserve(rows.len());
    for (row, same) in rows.into_iter().zip(same) {
        let FileRow {
            row,
            dataset: mut incoming,
            distributions,
            ..
        } = row;
        new_values.count(&mut lists, &incoming);
        let dept = if incoming.department.is_empty() {
            home_name.as_str()
        } else {
            incoming.department.as_str()
        };
        departments_in_file.add(dept);
        let key = name_keys.key(dept, &incoming.name);
        // Empty unless rows lack IDs (see `by_name`): the key is then kept by
        // `names_in_file` without a copy.
        let of_name = by_name.get(&key);
        let same_name = match names_in_file.entry(key) {
            std::collections::hash_map::Entry::Occupied(rows) => {
                let rows = rows.into_mut();
                rows.1.push(row);
                rows
            }
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(RowsOfName(row, Vec::new()))
            }
        };
        let existing = match &incoming.id {
            Some(id) => by_id.get(id).copied(),
            None => by_portal_id
                .get(incoming.portal_identifier.as_str())
                .copied()
                .or_else(|| {
                    of_name.and_then(|list| {
                        // The nth row of this name takes the nth dataset of it not
                        // already taken by a row with its ID.
                        list.iter()
                            .copied()
                            .filter(|d| d.id.as_ref().is_none_or(|id| !ids_in_file.contains(id)))
                            .nth(same_name.len() - 1)
                    })
                }),
        };
        if let Some(message) =
            departments.refuses_unless_let(&mut let_through, dept, &incoming, existing)
        {
            let mut held = HeldRow::of_dataset(&sheet, row, &incoming, &fields);
            let field = Field::Department;
            held.add_at_cell(cell(row, field), column(field).header, Some(field), message);
            plan.held.push(held);
            continue;
        }
        let item = match existing {
            Some(existing) => {
                let id = existing.id.clone().expect("stored datasets have IDs");
                if let Some(&first) = matched.get(&id) {
                    let mut held = HeldRow::of_dataset(&sheet, row, &incoming, &fields);
                    let field = Field::Name;
                    held.add_at_cell(cell(row, field), column(field).header, Some(field), format!(
                        "This row and row {} both describe the dataset {id} ({}). Keep one of them, or give this one another name.",
                        first + 1,
                        existing.name
                    ));
                    plan.held.push(held);
                    continue;
                }
                matched.insert(id.clone(), row);
                departments_in_file.add(&existing.department);
                if from_portal {
                    keep_other_details(existing, &mut incoming);
                }
                let mut item =
                    update_item(row, existing, incoming, &fields, from_portal, same, || {
                        export
                            .as_deref()
                            .and_then(|e| store.export_row_hashes(e, &id).ok().flatten())
                    });
                let old = stored_distributions.get(&id).map_or(&[][..], Vec::as_slice);
                item.distributions = distributions.filter(|new| new.as_slice() != old);
                if item.distributions.is_some() && item.kind == ItemKind::Unchanged {
                    item.kind = ItemKind::Changed;
                }
                item
            }
            None => {
                if incoming.department.is_empty() && home.is_none() {
                    // One fact about the file, asked once below.
                    waiting_for_department.push(row);
                    continue;
                }
                let mut item = add_item(row, incoming);
                item.distributions = distributions.filter(|d| !d.is_empty());
                if !from_portal {
                    start_not_ready(&mut item);
                }
                item
            }
        };
        plan.items.push(item);
    }
    warn_same_names(&mut plan, &sheet, names_in_file, &cell);
    if !waiting_for_department.is_empty() {
        let names = departments.names.values().cloned().collect();
        plan.department_question = Some(DepartmentQuestion::new(
            &sheet,
            waiting_for_department,
            names,
        ));
    }
    plan.new_departments = super::plan_departments::new_departments(
        &departments.all,
        plan.items
            .iter()
            .filter(|i| i.kind == ItemKind::Added)
            .filter(|i| i.result.id.is_none())
            .map(|i| i.result.department.as_str()),
    );
    plan.departments = departments.all.clone();
    plan.department_updates = department_updates(
        &departments.all,
        &file_departments,
        &plan.items,
        store.desk()?,
    );
    let mut departments_in_file: HashSet<String> = departments_in_file
        .all
        .iter()
        .map(|d| d.to_lowercase())
        .collect();
    if let Some(code) = &department_code {
        if let Some(d) = store.department(&code.parse().map_err(StoreError::from)?)? {
            departments_in_file.insert(d.name.to_lowercase());
        }
    }
    // Each department's name lowercased once, not once a dataset.
    let mut in_file: FastMap<&str, bool> = FastMap::default();
    plan.not_in_file = current
        .iter()
        .filter(|d| {
            *in_file
                .entry(d.department.as_str())
                .or_insert_with(|| departments_in_file.contains(&d.department.to_lowercase()))
        })
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
    let held_ids: FastMap<InventoryId, usize> = plan
        .held
        .iter()
        .filter(|h| h.sheet == sheet)
        .filter_map(|h| Some((h.id.clone()?, h.row)))
        .filter(|(id, _)| !by_id.contains_key(id))
        .collect();
    let waits = |id: &InventoryId| held_ids.get(id).copied();
    let (stored_checks, stored_plans) = (preloaded.checks, preloaded.plans);
    plan_checks(
        store,
        &mut plan,
        checks,
        known,
        &waits,
        export.as_deref(),
        stored_checks,
    )?;
    plan_publication(store, &mut plan, plans, known, &waits, stored_plans)?;
    super::plan_attributes::plan_attributes(
        store,
        &mut plan,
        attributes,
        |id| by_id.contains_key(id),
        export.as_deref(),
    )?;
    if !from_portal {
        guard_submissions(store, &mut plan, &by_id)?;
        if store.desk()? == crate::desk::Desk::CdoOffice {
            keep_statuses_at_the_cdo(&mut plan);
        }
    }
    plan.held.sort_by(|a, b| {
        (&a.sheet != &sheet, &a.sheet, a.row).cmp(&(&b.sheet != &sheet, &b.sheet, b.row))
    });
    // The inventory as loaded is let go on another thread: freeing 100,000
    // datasets value by value is a tenth of a second the plan need not wait for.
    drop((by_id, by_name, by_portal_id));
    let loaded = (current, ids_in_file, matched);
    if loaded.0.len() >= 10_000 {
        std::thread::spawn(move || drop(loaded));
    }
    Ok(plan)
}

/// Gives every row the CDO's decision, notes and review the inventory has
/// (none for a new dataset), so the file changes none of them, with one
/// warning when any row said otherwise.
fn leave_out_the_cdo_s_columns(
    rows: &mut [FileRow],
    by_id: &FastMap<&InventoryId, &Dataset>,
    sheet: &str,
    warnings: &mut Vec<Problem>,
) {
    let mut given = 0;
    for row in rows.iter_mut() {
        let known = row.dataset.id.as_ref().and_then(|id| by_id.get(id));
        let (decision, notes, by, on) = match known {
            Some(k) => (
                k.cdo_decision,
                k.cdo_notes.clone(),
                k.reviewed_by.clone(),
                k.reviewed_on,
            ),
            None => (None, String::new(), String::new(), None),
        };
        let d = &row.dataset;
        if d.cdo_decision == decision
            && d.cdo_notes == notes
            && d.reviewed_by == by
            && d.reviewed_on == on
        {
            continue;
        }
        given += 1;
        let d = row.dataset_mut();
        d.cdo_decision = decision;
        d.cdo_notes = notes;
        d.reviewed_by = by;
        d.reviewed_on = on;
    }
    if given > 0 {
        warnings.push(Problem {
            sheet: sheet.to_string(),
            cell: String::new(),
            column: String::new(),
            message: format!(
                "{} the CDO's decision, notes or review: left out. On a department's desk these come only in the workbook the CDO's office returns, or with \"Record a decision the CDO sent\" on the Review screen.",
                super::limits::count_of(given, "row gives", "rows give")
            ),
        });
    }
}

/// The first pass over the file's rows, on two threads for a big file (rows
/// are independent here): each row's category and license matched to the
/// inventory's lists, and, for a row whose Inventory ID is in the inventory,
/// whether it holds the same values as the dataset (the usual case, and the
/// costly part of the compare: every value of both is read). `None` where the
/// compare must tell later: a row without a known ID, or a portal's catalog
/// (whose Other Details are merged before comparing).
///
/// A row hashed as it was checked, whose dataset was hashed as it loaded
/// (`stored`), is compared by the two hashes: the values of both were read
/// then, while in memory's cache, and reading them again here was most of
/// the compare's time at 100,000 rows.
fn first_pass(
    rows: &mut [FileRow],
    lists: &crate::model::Lists,
    by_id: &FastMap<&InventoryId, &Dataset>,
    stored: Option<&FastMap<InventoryId, u64>>,
    from_portal: bool,
) -> Vec<Option<bool>> {
    const ROWS_PER_THREAD: usize = 2_000;
    let half = rows.len().div_ceil(2).max(ROWS_PER_THREAD);
    let part = |rows: &mut [FileRow]| -> Vec<Option<bool>> {
        let mut lists = lists.finder();
        rows.iter_mut()
            .map(|row| {
                if lists.match_dataset(&mut row.dataset) {
                    row.content_hash = None;
                }
                let id = row.dataset.id.as_ref()?;
                let existing = by_id.get(id)?;
                if from_portal {
                    return None;
                }
                // Whatever changed the row since it was hashed let go of the hash.
                debug_assert!(
                    row.content_hash
                        .is_none_or(|h| h == row.dataset.content_hash())
                );
                let hashed = row.content_hash.zip(stored.and_then(|s| s.get(id)));
                Some(match hashed {
                    Some((file, inventory)) => file == *inventory,
                    None => existing.same_content(&row.dataset),
                })
            })
            .collect()
    };
    if rows.len() <= half {
        return part(rows);
    }
    let (first, second) = rows.split_at_mut(half);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| part(second));
        let mut same = part(first);
        // The other half's panic goes on here, as it would have had this
        // thread done the work.
        match other.join() {
            Ok(rest) => same.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        same
    })
}

/// A dataset's department and name, ignoring case: the department by its
/// number among those seen (`NameKeys`), the name lowercased.
type NameKey = (u32, String);

/// Makes `NameKey`s, lowercasing each department's name once: a file's rows
/// mostly share one department, and a big file has 100,000 rows.
#[derive(Default)]
struct NameKeys {
    numbers: FastMap<String, u32>,
    /// The last department asked for, as written, and its number.
    last: Option<(String, u32)>,
}

impl NameKeys {
    fn key(&mut self, department: &str, name: &str) -> NameKey {
        (self.number(department), name.to_lowercase())
    }

    fn number(&mut self, department: &str) -> u32 {
        if let Some((written, number)) = &self.last
            && written == department
        {
            return *number;
        }
        let next = self.numbers.len() as u32;
        let number = *self
            .numbers
            .entry(department.to_lowercase())
            .or_insert(next);
        self.last = Some((department.to_string(), number));
        number
    }
}

/// The rows of the file that name one dataset: the first, and any after it
/// (none, mostly: kept without allocating).
struct RowsOfName(usize, Vec<usize>);

impl RowsOfName {
    fn len(&self) -> usize {
        1 + self.1.len()
    }

    fn into_rows(self) -> Vec<usize> {
        std::iter::once(self.0).chain(self.1).collect()
    }
}

/// The departments the file's rows are in, as written, each once.
#[derive(Default)]
struct DepartmentsInFile {
    all: FastSet<String>,
    /// The last one added: a file's rows mostly share one department.
    last: Option<String>,
}

impl DepartmentsInFile {
    fn add(&mut self, department: &str) {
        if self.last.as_deref() == Some(department) {
            return;
        }
        if !self.all.contains(department) {
            self.all.insert(department.to_string());
        }
        let last = self.last.get_or_insert_default();
        last.clear();
        last.push_str(department);
    }
}

/// A warning for each name that more than one row of the file gives in one
/// department: both rows are imported, as separate datasets.
fn warn_same_names(
    plan: &mut Plan,
    sheet: &str,
    names: FastMap<NameKey, RowsOfName>,
    cell: &dyn Fn(usize, Field) -> String,
) {
    let mut repeated: Vec<Vec<usize>> = names
        .into_values()
        .filter(|rows| rows.len() > 1)
        .map(RowsOfName::into_rows)
        .collect();
    repeated.sort();
    // Each name from its first row's item, found in one pass over the items (a
    // search per name would cost a big file's thousands of names its whole plan).
    let firsts: HashSet<usize> = repeated.iter().map(|rows| rows[0]).collect();
    let mut names_at: HashMap<usize, &str> = HashMap::new();
    for item in plan.items.iter().filter(|i| firsts.contains(&i.row)) {
        names_at.entry(item.row).or_insert(&item.name);
    }
    let names_at: HashMap<usize, String> = names_at
        .into_iter()
        .map(|(row, name)| (row, name.to_string()))
        .collect();
    for rows in repeated {
        let name = names_at.get(&rows[0]).cloned().unwrap_or_default();
        // At most ten row numbers: 200,000 rows of one name made a 1.5 MB line.
        const LISTED: usize = 10;
        let mut listed: Vec<String> = rows
            .iter()
            .take(LISTED)
            .map(|r| (r + 1).to_string())
            .collect();
        if rows.len() > LISTED {
            listed.push(format!("and {} more", rows.len() - LISTED));
        }
        plan.warnings.push(Problem {
            sheet: sheet.to_string(),
            cell: cell(rows[1], Field::Name),
            column: column(Field::Name).header.into(),
            message: format!(
                "Rows {} all name a dataset \"{}\" in the same department. Each row is imported as a dataset of its own, and the same file imported again matches them in the same order. If they are one dataset, delete the extra rows; if not, give them different names.",
                listed.join(", "),
                shorten(&name)
            ),
        });
    }
}

/// A new dataset from a spreadsheet starts as Not ready, whatever status the
/// file gives it (the review path decides the rest).
fn start_not_ready(item: &mut PlanItem) {
    let to = item.result.status;
    let Some(why) = super::path::new_dataset_refused(to) else {
        return;
    };
    item.result.status = crate::model::Status::NotReady;
    item.changes.retain(|c| c.field != Field::Status);
    item.notes.push(format!("It starts as Not ready: {why}"));
    item.refused = Some(RefusedMove {
        row: item.row,
        id: item.id.clone(),
        dataset: item.name.clone(),
        from: None,
        to,
        why,
    });
}

/// On the CDO's desk, the new datasets of a department's workbook keep the
/// status the department gave them when the file shows what it needs
/// (`path::keeps_status_at_the_cdo`): a submitted dataset arrives waiting for
/// the CDO, not as Not ready. The others stay Not ready, as `start_not_ready`
/// made them, with the reason listed.
fn keep_statuses_at_the_cdo(plan: &mut Plan) {
    let waiting: HashSet<InventoryId> = plan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Added && i.refused.is_some())
        .filter_map(|i| i.id.clone())
        .collect();
    if waiting.is_empty() {
        return;
    }
    // The file's answers of those datasets, gathered in one pass.
    let mut checks: HashMap<InventoryId, crate::checklist::Checks> = HashMap::new();
    for c in plan.checks.iter().filter(|c| waiting.contains(&c.id)) {
        checks
            .entry(c.id.clone())
            .or_default()
            .insert(c.question_id.clone(), c.new.clone());
    }
    let none = crate::checklist::Checks::new();
    for item in plan.items.iter_mut() {
        let Some(id) = item.id.as_ref().filter(|id| waiting.contains(*id)) else {
            continue;
        };
        let Some(to) = item.refused.as_ref().map(|r| r.to) else {
            continue;
        };
        let mut arriving = item.result.clone();
        arriving.status = to;
        if super::path::keeps_status_at_the_cdo(&arriving, checks.get(id).unwrap_or(&none)) {
            item.result.status = to;
            item.refused = None;
            item.notes
                .retain(|n| !n.starts_with("It starts as Not ready: "));
        }
    }
}

/// A dataset the file submits for review must be complete and approved, as
/// the Submit button requires: its answers after this import are checked.
fn guard_submissions(
    store: &Store,
    plan: &mut Plan,
    by_id: &FastMap<&InventoryId, &Dataset>,
) -> StoreResult<()> {
    for i in 0..plan.items.len() {
        let item = &plan.items[i];
        let Some(existing) = item.id.as_ref().and_then(|id| by_id.get(id)) else {
            continue;
        };
        if item.kind == ItemKind::Added || item.result.status == existing.status {
            continue;
        }
        let id = existing.id.clone().expect("stored datasets have IDs");
        let mut checks = store.checks(&id)?;
        for change in plan.checks_of(&id) {
            checks.insert(change.question_id.clone(), change.new.clone());
        }
        let Some(why) = super::path::submission_refused(existing, &plan.items[i].result, &checks)
        else {
            continue;
        };
        let item = &mut plan.items[i];
        let to = item.result.status;
        item.result.status = existing.status;
        item.changes.retain(|c| c.field != Field::Status);
        item.notes.push(format!(
            "The file sets the status to {}, but {why}",
            crate::model::vocab::Vocabulary::label(to)
        ));
        item.refused = Some(RefusedMove {
            row: item.row,
            id: item.id.clone(),
            dataset: item.name.clone(),
            from: Some(existing.status),
            to,
            why,
        });
        if item.changes.is_empty() && item.conflicts.is_empty() {
            item.kind = ItemKind::Unchanged;
        }
    }
    Ok(())
}

/// A department's details as the file's Departments sheet gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentUpdate {
    pub department: crate::model::Department,
    /// `None` for a department the import adds; else what changes, in words.
    pub changes: Option<Vec<String>>,
}

impl DepartmentUpdate {
    /// "Parks: Leadership Approver: (empty) ➡ Director Lee", or "Parks comes
    /// in with its coordinators, approver and start date."
    pub fn describe(&self) -> Vec<String> {
        let name = &self.department.name;
        match &self.changes {
            None => vec![format!(
                "{name} ({}) comes in with its coordinators, approver and start date.",
                self.department.code
            )],
            Some(changes) => changes.iter().map(|c| format!("{name}: {c}")).collect(),
        }
    }
}

/// What the file's Departments sheet brings. The details are the
/// department's own: a department the import adds comes in with them; on the
/// CDO's desk, a known department (same code and name) takes the file's
/// details; on a department's desk the coordinator's own are never changed.
fn department_updates(
    inventory: &[crate::model::Department],
    file: &[super::department_sheet::FileDepartment],
    items: &[PlanItem],
    desk: crate::desk::Desk,
) -> Vec<DepartmentUpdate> {
    let same_name = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let added: FastSet<&DepartmentCode> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Added)
        .filter_map(|i| i.result.id.as_ref().map(|id| &id.department))
        .collect();
    // Only a department whose datasets the file holds speaks for itself: a
    // coordinator's whole export also lists the other departments it knows.
    let with_rows: FastSet<&DepartmentCode> = items
        .iter()
        .filter_map(|i| i.result.id.as_ref().map(|id| &id.department))
        .collect();
    let mut updates = Vec::new();
    for fd in file {
        let d = &fd.department;
        match inventory.iter().find(|i| i.code == d.code) {
            Some(known) if same_name(&known.name, &d.name) => {
                if desk != crate::desk::Desk::CdoOffice || !with_rows.contains(&d.code) {
                    continue;
                }
                // An empty cell says nothing: the known value stays.
                let mut after = known.clone();
                if !d.divisions.is_empty() {
                    after.divisions = d.divisions.clone();
                }
                if !d.coordinators.is_empty() {
                    after.coordinators = d.coordinators.clone();
                }
                if !d.approver.trim().is_empty() {
                    after.approver = d.approver.clone();
                }
                if d.start_date.is_some() {
                    after.start_date = d.start_date;
                }
                let changes = super::department_sheet::detail_changes(known, &after);
                if !changes.is_empty() {
                    updates.push(DepartmentUpdate {
                        department: after,
                        changes: Some(changes),
                    });
                }
            }
            // Another department's code: the rows say so (`Departments::refuses`).
            Some(_) => {}
            None if added.contains(&d.code) => updates.push(DepartmentUpdate {
                department: d.clone(),
                changes: None,
            }),
            None => {}
        }
    }
    updates
}

/// The inventory's departments, to tell a department of the file from one of
/// the inventory that has the same code (two inventories each give their own
/// codes: "Department of Parks and Wildlife" got DPW in its own, and DPW is
/// Public Works in the citywide one).
/// The ID of a row that names a department: the rows `Departments::refuses`
/// looks at.
fn asked(incoming: &Dataset) -> Option<&InventoryId> {
    let id = incoming.id.as_ref()?;
    (!incoming.department.trim().is_empty()).then_some(id)
}

/// The departments of the last row `Departments::refuses` let through: the
/// file's, the stored dataset's (if any), and the code of the row's ID.
#[derive(Default)]
struct LetThrough(Option<(String, Option<String>, DepartmentCode)>);

struct Departments {
    /// Each department's name by its code.
    names: HashMap<DepartmentCode, String>,
    all: Vec<crate::model::Department>,
}

impl Departments {
    fn read(store: &Store) -> StoreResult<Self> {
        let all = store.departments()?;
        let names = all
            .iter()
            .map(|d| (d.code.clone(), d.name.clone()))
            .collect();
        Ok(Departments { names, all })
    }

    /// Whether the file's Department names this department, by its name or
    /// its code.
    fn names(&self, file: &str, code: &DepartmentCode, name: &str) -> bool {
        same_words(file.trim(), name.trim()) || same_words(file.trim(), code.as_str())
    }

    /// `refuses`, unless the row's departments are those the last row let
    /// through had: a file's rows mostly share them, and the question
    /// compares their words.
    fn refuses_unless_let(
        &self,
        memo: &mut LetThrough,
        file_department: &str,
        incoming: &Dataset,
        existing: Option<&Dataset>,
    ) -> Option<String> {
        // A row that names no department is let through, and not remembered.
        let id = asked(incoming)?;
        let stored = existing.map(|e| e.department.as_str());
        if let Some((file, known, code)) = &memo.0
            && file == file_department
            && known.as_deref() == stored
            && *code == id.department
        {
            return None;
        }
        let refusal = self.refuses(file_department, incoming, existing);
        if refusal.is_none() {
            let asked = (file_department.to_string(), stored.map(str::to_string));
            memo.0 = Some((asked.0, asked.1, id.department.clone()));
        }
        refusal
    }

    /// A row whose Inventory ID is a dataset (or a code) of another department
    /// than the one the file names: a dataset never moves between departments,
    /// nor joins one, without the person saying so.
    fn refuses(
        &self,
        file_department: &str,
        incoming: &Dataset,
        existing: Option<&Dataset>,
    ) -> Option<String> {
        // A row that names no department: the dataset stays where it is.
        let id = asked(incoming)?;
        let message = match existing {
            Some(existing) => {
                let code = self
                    .names
                    .iter()
                    .find(|(_, name)| same_words(name, &existing.department))
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
        Some(message)
    }
}

fn shorten(text: &str) -> String {
    crate::model::dataset::shorten(text)
}

/// Whether two texts are the same but for capitals, as their lower case
/// compares, without making the lower case: asked for every row of a big
/// file against every department.
fn same_words(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Plans the file's publication plans: each that differs from the inventory's
/// is a change (a two-way diff; a row the same as the inventory's is none).
fn plan_publication(
    store: &Store,
    plan: &mut Plan,
    plans: Vec<FilePlan>,
    known: impl Fn(&InventoryId) -> bool,
    waits: &dyn Fn(&InventoryId) -> Option<usize>,
    preloaded: Option<HashMap<InventoryId, PublicationPlan>>,
) -> StoreResult<()> {
    if plans.is_empty() {
        return Ok(());
    }
    // One read of every plan, not one per row: a big file carries thousands.
    let current = match preloaded {
        Some(read) => read,
        None => store.plans(None)?.into_iter().collect(),
    };
    for file in plans {
        if !known(&file.id) {
            let message = match waits(&file.id) {
                Some(row) => waiting_for_row(&file.id, row),
                None => unknown_dataset(&file.id),
            };
            let mut held = side_row(&file.sheet, file.row, &file.id);
            held.add_at_cell(file.id_cell.clone(), "Inventory ID", None, message);
            plan.held.push(held);
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
    waits: &dyn Fn(&InventoryId) -> Option<usize>,
    export: Option<&str>,
    preloaded: Option<FastMap<InventoryId, Checks>>,
) -> StoreResult<()> {
    let mut merger = CheckMerger {
        store,
        export,
        today: crate::store::now().date(),
        all_read: preloaded.is_some(),
        current: preloaded.unwrap_or_default(),
        sent: HashMap::new(),
    };
    for check in checks {
        if !known(&check.id) {
            let message = match waits(&check.id) {
                Some(row) => waiting_for_row(&check.id, row),
                None => unknown_dataset(&check.id),
            };
            let mut held = side_row(&check.sheet, check.row, &check.id);
            held.add_at_cell(check.id_cell(), "Inventory ID", None, message);
            plan.held.push(held);
            continue;
        }
        let (old, new) = merger.states(&check)?;
        match merger.verdict(&check, old.as_ref(), &new)? {
            Verdict::Same | Verdict::Kept => {}
            Verdict::Conflict => plan
                .warnings
                .push(check_conflict(&check, old.as_ref(), &new)),
            Verdict::Change => plan.checks.push(CheckChange {
                sheet: check.sheet.to_string(),
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
    current: FastMap<InventoryId, Checks>,
    /// Whether `current` holds every dataset's answers (read while the file
    /// was), rather than those read so far.
    all_read: bool,
    /// Per dataset, (question id hash → answer hash) as exported; `None` when
    /// the export did not carry the dataset's checks.
    sent: HashMap<InventoryId, Option<HashMap<u64, u64>>>,
}

impl CheckMerger<'_> {
    /// The inventory's answer (if any) and the file's, dated.
    fn states(&mut self, check: &FileCheck) -> StoreResult<(Option<CheckState>, CheckState)> {
        // Read already when `all_read`: a dataset not there has no answers.
        if !self.all_read && !self.current.contains_key(&check.id) {
            let checks = self.store.checks(&check.id)?;
            self.current.insert(check.id.clone(), checks);
        }
        let old = (self.current.get(&check.id))
            .and_then(|checks| checks.get(&check.question_id))
            .cloned();
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

fn unknown_dataset(id: &InventoryId) -> String {
    format!(
        "There is no dataset {id} on the Inventory sheet or in this inventory. Correct the Inventory ID, or clear the whole row."
    )
}

/// A side sheet's row for a dataset whose own row on the Inventory sheet is held.
fn waiting_for_row(id: &InventoryId, row: usize) -> String {
    format!(
        "The dataset {id} is new, and its row on the Inventory sheet (row {}) needs a fix first. Once it is fixed, this row is imported with it.",
        row + 1
    )
}

/// A held row of a side sheet, known by its dataset's Inventory ID.
fn side_row(sheet: &str, row: usize, id: &InventoryId) -> HeldRow {
    HeldRow {
        sheet: sheet.to_string(),
        row,
        name: String::new(),
        id: Some(id.clone()),
        problems: Vec::new(),
        values: vec![("Inventory ID".into(), id.to_string())],
    }
}

fn check_conflict(check: &FileCheck, yours: Option<&CheckState>, theirs: &CheckState) -> Problem {
    let question = crate::questions::Bank::checklist()
        .question(&check.question_id)
        .map(|q| q.text.as_str())
        .unwrap_or(&check.question_id);
    Problem {
        sheet: check.sheet.to_string(),
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
        distributions: None,
        refused: None,
    }
}

fn update_item(
    row: usize,
    existing: &Dataset,
    incoming: Dataset,
    fields: &[Field],
    from_portal: bool,
    same: Option<bool>,
    snapshot: impl FnOnce() -> Option<Vec<u64>>,
) -> PlanItem {
    // A file with every column that holds the same values is unchanged: the usual
    // case for most rows, answered without building any text (`same`: the first
    // pass told already).
    if fields.len() >= EDITABLE_FIELDS && same.unwrap_or_else(|| existing.same_content(&incoming)) {
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
            distributions: None,
            refused: None,
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
    let (notes, refused) = if review_path_applies(from_portal) {
        // A file of this inventory's export that holds the dataset: the
        // workbook the CDO returns.
        let returned = base.is_some();
        follow_review_path(&mut result, existing, &mut changes, returned)
    } else {
        (Vec::new(), None)
    };
    let refused = refused.map(|(to, why)| RefusedMove {
        row,
        id: existing.id.clone(),
        dataset: existing.name.clone(),
        from: Some(existing.status),
        to,
        why,
    });
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
        distributions: None,
        refused,
    }
}

/// Whether a file's statuses move datasets only as the review path allows.
/// THE EXEMPTION: a portal's own catalog (data.json, a Project Open Data CSV)
/// lists datasets that are already published, so they come in as Published
/// with no CDO decision and none of the review path's checks; every other
/// file follows the path. The review path's rules for files (issue 15, item
/// 7) must ask this, and leave `from_portal` content alone.
pub fn review_path_applies(from_portal: bool) -> bool {
    !from_portal
}

/// A catalog's Other Details added to those the dataset has, line by line:
/// what an earlier file said is not dropped by the catalog.
fn keep_other_details(existing: &Dataset, incoming: &mut Dataset) {
    let mut lines: Vec<&str> = existing.other_details.lines().collect();
    for line in incoming.other_details.lines() {
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    incoming.other_details = lines.join("\n");
}

/// A new CDO decision moves the dataset along the review path (Approved ➡
/// Approved, Changes requested ➡ Returned, Not publishable ➡ Not publishable)
/// when the path allows that move from where the dataset is. A status typed
/// into the file is kept only if the path allows it, and never from the
/// workbook the CDO returns (`returned`: a file of this inventory's export),
/// where Publication Status is greyed as the app's: there the decision moves
/// it, whatever the status cell says. Returns what the preview should say.
fn follow_review_path(
    result: &mut Dataset,
    existing: &Dataset,
    changes: &mut Vec<FieldChange>,
    returned: bool,
) -> (Vec<String>, Option<(crate::model::Status, String)>) {
    use crate::model::vocab::Vocabulary;
    let decided = changes.iter().any(|c| c.field == Field::CdoDecision);
    let mut status_set = changes.iter().any(|c| c.field == Field::Status);
    let mut notes = Vec::new();
    let refused = super::path::move_refused(existing, result)
        .or_else(|| returned.then(|| status_kept_by_app(existing)))
        .filter(|_| status_set);
    let mut refused_move = None;
    if let Some(why) = refused {
        let to = result.status;
        notes.push(format!(
            "The file sets the status to {}, but {why}",
            to.label()
        ));
        result.status = existing.status;
        changes.retain(|c| c.field != Field::Status);
        if !returned {
            return (notes, Some((to, why)));
        }
        refused_move = Some((to, why));
        status_set = false;
    }
    let Some(decision) = result.cdo_decision.filter(|_| decided && !status_set) else {
        return (notes, refused_move);
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
    (notes, refused_move)
}

/// Why a returned workbook's Publication Status is not taken.
fn status_kept_by_app(existing: &Dataset) -> String {
    use crate::model::vocab::Vocabulary;
    format!(
        "in a workbook sent to the CDO the Publication Status is the app's to keep (its column is grey): only the CDO's decision moves it on the review path, so it stays {}.",
        existing.status.label()
    )
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
    let attributes = plan.attribute_writes(decisions);
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
    let distributions = plan.distribution_writes(decisions);
    let portal_file = plan
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let mut departments = departments_to_add(store, plan, decisions)?;
    departments.extend(plan.department_updates.iter().map(|u| u.department.clone()));
    let nothing = writes.is_empty()
        && plan.new_sources.is_empty()
        && checks.is_empty()
        && plans.is_empty()
        && attributes.is_empty()
        && list_entries.is_empty()
        && departments.is_empty();
    // The choices made about a foreign file, for the next file with its headers.
    let remembered = plan
        .mapping
        .as_ref()
        .map(|m| (m.signature.clone(), plan.choices.to_remember()))
        .filter(|(_, c)| !c.is_empty());
    let backup = if nothing {
        None
    } else {
        let attached = Attached {
            checks: &checks,
            plans: &plans,
            attributes: &attributes,
            distributions: &distributions,
            portal: plan
                .from_portal
                .then_some(portal_file.as_deref().unwrap_or("")),
            choices: remembered.as_ref().map(|(s, c)| (s.as_str(), c)),
            departments: &departments,
            list_entries: &list_entries,
        };
        store.apply_import(&writes, attached, &fallback, "Import", &plan.new_sources)?
    };
    if let (true, Some((signature, choices))) = (nothing, &remembered) {
        store.remember_choices(signature, choices)?;
    }
    Ok(Applied {
        added,
        updated,
        checklist: checks.len(),
        plans: plans.len(),
        attributes: attributes.len(),
        held: plan.held.len() + plan.department_question.as_ref().map_or(0, |q| q.count),
        list_entries,
        backup,
    })
}

/// The departments the plan adds, with their codes, checked against the
/// inventory as it is now: one set up since the file was read is not added
/// again, and a code another department took since is refused.
fn departments_to_add(
    store: &Store,
    plan: &Plan,
    decisions: &Decisions,
) -> StoreResult<Vec<crate::model::Department>> {
    let existing = store.departments()?;
    let wanted = |name: &str| {
        plan.items.iter().any(|i| {
            i.kind == ItemKind::Added
                && !decisions.rejected.contains(&i.row)
                && i.result.department.trim().eq_ignore_ascii_case(name)
        })
    };
    let mut added = Vec::new();
    for new in &plan.new_departments {
        let set_up = existing
            .iter()
            .any(|d| d.name.trim().eq_ignore_ascii_case(&new.name));
        if set_up || !wanted(&new.name) {
            continue;
        }
        let taken = super::plan_departments::code_refused(
            new.code.as_str(),
            &new.name,
            &existing,
            &plan.new_departments,
        );
        if let Some(why) = taken {
            return Err(Refusal::DepartmentCode(format!("{}: {why}", new.name)).into());
        }
        added.push(new.department());
    }
    Ok(added)
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

#[cfg(test)]
mod tests {
    use super::same_words;

    #[test]
    fn words_are_the_same_but_for_capitals_as_their_lower_case_compares() {
        assert!(same_words("Parks and Recreation", "PARKS AND RECREATION"));
        assert!(same_words("Économie", "économie"));
        assert!(!same_words("Parks", "Park"));
        assert!(!same_words("Économie", "Economie"));
    }

    /// Remembering the departments a row was let through with answers every
    /// row as asking afresh does, whatever order the rows come in.
    #[test]
    fn a_row_is_refused_or_let_through_as_if_nothing_were_remembered() {
        use super::{Departments, LetThrough};
        use crate::model::{Dataset, Department};
        let code = |c: &str| c.parse::<crate::model::DepartmentCode>().unwrap();
        let all = vec![
            Department::new(code("PRK"), "Parks"),
            Department::new(code("DPW"), "Public Works"),
        ];
        let departments = Departments {
            names: all
                .iter()
                .map(|d| (d.code.clone(), d.name.clone()))
                .collect(),
            all,
        };
        let row = |id: &str, department: &str| {
            let mut d = Dataset::named("Trees");
            d.id = Some(id.parse().unwrap());
            d.department = department.into();
            d
        };
        let stored = |id: &str, department: &str| row(id, department);
        let trees = stored("PRK-0001", "Parks");
        let potholes = stored("DPW-0001", "Public Works");
        // (the file's department, the row, the dataset it is in the inventory)
        let rows = [
            ("Parks", row("PRK-0001", "Parks"), Some(&trees)),
            ("Parks", row("PRK-0001", "Parks"), Some(&trees)),
            ("Parks", row("DPW-0001", "Parks"), Some(&potholes)),
            ("Parks", row("PRK-0001", ""), Some(&trees)),
            // No department: let through, and not remembered for the next row.
            ("Parks", row("DPW-0001", ""), Some(&potholes)),
            ("Parks", row("DPW-0001", "Parks"), Some(&potholes)),
            (
                "Public Works",
                row("PRK-0001", "Public Works"),
                Some(&trees),
            ),
            ("Parks", row("DPW-0002", "Parks"), None),
            ("Public Works", row("DPW-0002", "Public Works"), None),
            ("Parks", row("DPW-0002", "Parks"), None),
            ("PARKS", row("PRK-0001", "PARKS"), Some(&trees)),
        ];
        let mut memo = LetThrough::default();
        let mut refused = Vec::new();
        for (i, (file, incoming, existing)) in rows.iter().enumerate() {
            let fresh = departments.refuses(file, incoming, *existing);
            let remembered = departments.refuses_unless_let(&mut memo, file, incoming, *existing);
            assert_eq!(remembered, fresh, "row {i}");
            if fresh.is_some() {
                refused.push(i);
            }
        }
        assert_eq!(
            refused,
            [2, 5, 6, 7, 9],
            "the rows of another department's datasets"
        );
    }
}
