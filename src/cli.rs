//! The command line: `export`, `import`, `check`, `publish` and `demo`, their JSON output and
//! exit codes. `main` only maps what these return to a process exit.
//!
//! Why one file of this length: each command is a short function of its own,
//! but the exit codes and the JSON keys are a contract for scripts, and one file
//! keeps every command's code and output in one place to check against it.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::files::TargetRefused;
use crate::model::dataset::FieldError;
use crate::model::{DepartmentCode, List};
use crate::store::{Held, InstanceLock, Missing, Store, StoreError};
use crate::workbook::WorkbookError;
use crate::workbook::choices::ImportChoices;
use crate::workbook::import::{HeldRow, Problem};
use crate::workbook::limits::count_of;
use crate::workbook::mapping::{Confidence, Mapping};
use crate::workbook::merge::{
    Decisions, DepartmentQuestion, ItemKind, NewDepartment, Plan, RefusedMove, apply,
    plan_file_with,
};
use crate::workbook::new_values::{NewListValue, describe as describe_new_values};
use crate::workbook::values::{Reinterpretation, ValueMap};

/// Exit status: the input was refused, in whole (nothing changed) or in part
/// (rows that need a fix were held back; the report says which, and whether
/// the others were imported).
pub const EXIT_REFUSED: i32 = 1;
/// Exit status: wrong usage (clap uses it too).
pub const EXIT_USAGE: i32 = 2;
/// Exit status: the file or the database could not be read or written.
pub const EXIT_IO: i32 = 3;

#[derive(Debug, Parser)]
#[command(
    name = "inventory-desk",
    version,
    about = "Keep your department's open data inventory and hand it to the Chief Data Officer."
)]
pub struct Cli {
    /// The inventory file to use (default: inventory.sqlite3 in your data folder,
    /// or the INVENTORY_DESK_DB environment variable).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Draw one screen, save it as a PNG picture, and quit.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// The screen to draw with --screenshot.
    #[arg(long, value_name = "NAME", default_value = "inventory")]
    pub screen: String,
    /// The window size for --screenshot, like 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Colours for this window: light, dark or system (as the computer is set).
    /// Without it, the window uses the colours chosen in its View menu.
    #[arg(long, value_name = "light|dark|system", value_parser = ["light", "dark", "system"])]
    pub theme: Option<String>,
    /// A workbook to open in the import preview (as when it is double-clicked).
    #[arg(value_name = "FILE")]
    pub open: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the inventory to a workbook (.xlsx), a CSV file, or a data.json
    /// catalog; or, with --format table-schema, the data dictionaries into the
    /// folder FILE (a Table Schema file per dataset whose columns are described).
    Export {
        file: PathBuf,
        /// The format; by default it follows the file's extension (.json is the v1.1
        /// data.json; `dcat-us-3` writes the same catalog as DCAT-US 3.0, a preview).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Export only this department (its three-letter code).
        #[arg(long, value_name = "CODE")]
        department: Option<String>,
        /// data.json and dcat-us-3: also list non-public datasets (an internal catalog).
        #[arg(long)]
        include_non_public: bool,
        /// The CDO's office: write one workbook per department into FILE, a
        /// folder, each named for its department, to send each its own.
        #[arg(long, conflicts_with_all = ["department", "format", "include_non_public"])]
        each_department: bool,
    },
    /// Read a workbook or CSV back into the inventory.
    Import {
        file: PathBuf,
        /// Show what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object instead of sentences.
        #[arg(long)]
        json: bool,
        /// Where the file's columns go, what its values mean, its department: a
        /// TOML file, or JSON when its name ends in .json (see docs/import-mapping.md).
        #[arg(long, value_name = "FILE")]
        map: Option<PathBuf>,
        /// The department of the datasets, for a file that names none.
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
    },
    /// Check a workbook for problems without changing anything: the same
    /// answers as `import --dry-run`; with no inventory at --db, as for a new one
    /// (nothing is created).
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// The choices about the file's columns and values, as for import.
        #[arg(long, value_name = "FILE")]
        map: Option<PathBuf>,
        /// The department of the datasets, for a file that names none.
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
    },
    /// Publish the Approved and Published datasets to the city's CKAN portal
    /// (the CDO's office only): Approved as private, Published as public; one
    /// sent before is updated unless it was changed on the portal since. The
    /// portal key comes from the INVENTORY_DESK_CKAN_TOKEN environment variable.
    Publish {
        /// The portal's address, like https://data.yourcity.gov
        #[arg(long, value_name = "URL")]
        ckan: String,
        /// The organization on the portal (its name or title), when the key's
        /// user may publish in more than one.
        #[arg(long, value_name = "NAME")]
        organization: Option<String>,
        /// Show what would be sent; send nothing, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object instead of sentences.
        #[arg(long)]
        json: bool,
        /// Publish only this department's datasets (its three-letter code).
        #[arg(long, value_name = "CODE")]
        department: Option<String>,
    },
    /// Keep your key (API token) to a CKAN portal in the system keyring, read
    /// from the standard input, so `publish` and the window find it; or forget it.
    PortalKey {
        /// The portal's address, like https://data.yourcity.gov
        #[arg(long, value_name = "URL")]
        ckan: String,
        /// Forget the key kept for this portal.
        #[arg(long)]
        forget: bool,
    },
    /// Fill the inventory with believable sample data.
    Demo {
        #[arg(long, default_value_t = 60, value_parser = parse_demo_datasets)]
        datasets: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub use crate::files::Format;

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or("write the size as WIDTHxHEIGHT, like 1280x800")?;
    let w: u32 = w.trim().parse().map_err(|_| "the width must be a number")?;
    let h: u32 = h
        .trim()
        .parse()
        .map_err(|_| "the height must be a number")?;
    if !(200..=8000).contains(&w) || !(200..=8000).contains(&h) {
        return Err("width and height must be between 200 and 8000".into());
    }
    Ok((w, h))
}

/// `demo --datasets`: a count up to `demo::MAX_DATASETS`.
fn parse_demo_datasets(text: &str) -> Result<usize, String> {
    let most = crate::demo::MAX_DATASETS;
    let shown = crate::workbook::limits::count_text(most);
    match text.trim().parse::<usize>() {
        Ok(n) if n <= most => Ok(n),
        _ => Err(format!(
            "the demo adds at most {shown} sample datasets at a time: give a number from 0 to {most}"
        )),
    }
}

/// The database path: `--db`, else `INVENTORY_DESK_DB`, else the user's data folder.
pub fn database_path(db: Option<&Path>) -> PathBuf {
    if let Some(p) = db {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("INVENTORY_DESK_DB").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("org", "Inventory Desk", "inventory-desk")
        .map(|d| d.data_dir().join("inventory.sqlite3"))
        .unwrap_or_else(|| PathBuf::from("inventory.sqlite3"))
}

/// A failure with the exit status it maps to.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
    /// What `message` is: a JSON report goes to the standard output, where a
    /// script reads a success too; sentences go to the standard error.
    pub output: Output,
}

/// What a command prints: sentences, or one JSON object (`--json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
}

impl Failure {
    fn refused(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_REFUSED,
            message: message.into(),
            output: Output::Text,
        }
    }
    fn io(message: impl Into<String>) -> Self {
        Failure {
            code: EXIT_IO,
            message: message.into(),
            output: Output::Text,
        }
    }
}

impl From<WorkbookError> for Failure {
    fn from(e: WorkbookError) -> Self {
        match e {
            WorkbookError::Store(e) => Failure::from(e),
            // Refused for what it holds; a file missing or unreadable is I/O.
            WorkbookError::Read { ref reason, .. } if !reason.is_io() => {
                Failure::refused(e.to_string())
            }
            WorkbookError::CatalogRefused { .. } | WorkbookError::EmptyCatalog { .. } => {
                Failure::refused(e.to_string())
            }
            WorkbookError::Read { .. }
            | WorkbookError::Write { .. }
            | WorkbookError::Cancelled(_) => Failure::io(e.to_string()),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            // The inventory itself is not there: like a file that cannot be read.
            StoreError::NotFound(Missing::Inventory(_)) => Failure::io(e.to_string()),
            StoreError::NotFound(_) | StoreError::ReadOnlyField(_) | StoreError::Refused(_) => {
                Failure::refused(e.to_string())
            }
            StoreError::Open { .. }
            | StoreError::TooNew { .. }
            | StoreError::DiskFull
            | StoreError::ReadOnly
            | StoreError::Sql(_)
            | StoreError::HeldByOlderVersion { .. }
            | StoreError::NotRestored { .. }
            | StoreError::ProjectUnreadable { .. }
            | StoreError::Backup { .. }
            | StoreError::Create { .. }
            | StoreError::Damaged { .. } => Failure::io(e.to_string()),
        }
    }
}

/// An export target that is the inventory or one of its files: refused.
impl From<TargetRefused> for Failure {
    fn from(e: TargetRefused) -> Self {
        Failure::refused(e.to_string())
    }
}

/// The inventory is held by another window or command, or its lock cannot be
/// taken: the file cannot be used now, as with any file that cannot be written.
impl From<Held> for Failure {
    fn from(e: Held) -> Self {
        Failure::io(e.to_string())
    }
}

/// A value typed on the command line that does not fit (a department code).
impl From<FieldError> for Failure {
    fn from(e: FieldError) -> Self {
        Failure::refused(e.to_string())
    }
}

/// Runs a subcommand; `Ok` holds what to print.
pub fn run(db: Option<&Path>, command: Command) -> Result<String, Failure> {
    match command {
        Command::Check {
            file,
            json,
            map,
            department,
        } => check(db, &file, json, choices_of(map.as_deref(), department)?),
        Command::Export {
            file,
            format,
            department,
            include_non_public,
            each_department,
        } => {
            let path = database_path(db);
            if each_department {
                let mut store = Store::open_beside(&path)?;
                return each_department_cmd(&mut store, &file);
            }
            // Before anything is opened: the export must not replace the
            // inventory (or its journal, lock or backups).
            crate::files::check_target(&path, &file)?;
            let format = match format {
                Some(f) => f,
                None => format_for(&file)?,
            };
            // It only reads (and records the export), so it may run beside a
            // window, but it never creates an inventory or updates a held one.
            let mut store = Store::open_beside(&path)?;
            let catalog = crate::catalog::Options { include_non_public };
            export_cmd(&mut store, &file, format, department.as_deref(), catalog)
        }
        Command::Import {
            file,
            dry_run,
            json,
            map,
            department,
        } => {
            let choices = choices_of(map.as_deref(), department)?;
            let path = database_path(db);
            // Held until the import is done.
            let _lock;
            let mut store = if dry_run {
                // A dry run only reads, so it may run beside a window.
                Store::open_beside(&path)?
            } else {
                // Like demo, an import writes, and may start a new inventory
                // from a workbook (its report says what it added).
                _lock = claim(db)?;
                open_store(db)?
            };
            import_cmd(&mut store, &file, &choices, dry_run, json)
        }
        Command::Publish {
            ckan,
            organization,
            dry_run,
            json,
            department,
        } => {
            let department: Option<DepartmentCode> = department
                .map(|d| d.parse().map_err(Failure::from))
                .transpose()?;
            let options = crate::portal::Options {
                portal: ckan,
                organization,
                department,
                only: None,
                dry_run,
                by: "CDO's office".into(),
            };
            let path = database_path(db);
            let _lock;
            let mut store = if dry_run {
                Store::open_beside(&path)?
            } else {
                // It writes each call's result to the histories.
                _lock = claim(db)?;
                Store::open_beside(&path)?
            };
            publish_cmd(&mut store, &options, json)
        }
        Command::PortalKey { ckan, forget } => portal_key_cmd(&ckan, forget),
        Command::Demo { datasets, seed } => {
            let _lock = claim(db)?;
            let mut store = open_store(db)?;
            let made = crate::demo::fill(&mut store, datasets, seed)?;
            Ok(format!(
                "Added {made} sample datasets to {}.",
                database_path(db).display()
            ))
        }
    }
}

/// `export FOLDER --each-department`: one workbook per department, and a
/// line for each file written.
fn each_department_cmd(store: &mut Store, folder: &Path) -> Result<String, Failure> {
    let day = crate::store::now().date();
    let written =
        crate::files::export_each_department(store, folder, day, &crate::progress::Unwatched)?;
    if written.is_empty() {
        return Err(Failure::refused(
            "No department of this inventory has datasets, so no workbook was written.",
        ));
    }
    let count = crate::workbook::limits::count_of;
    let mut lines = vec![format!(
        "Wrote {} to {}, one for each department:",
        count(written.len(), "workbook", "workbooks"),
        folder.display()
    )];
    for w in &written {
        let file = w.path.file_name().unwrap_or_default().to_string_lossy();
        let n = count(w.datasets, "dataset", "datasets");
        lines.push(format!("  {file}: {} ({n})", w.name));
    }
    Ok(lines.join("\n"))
}

/// The choices of a `--map` file, or none.
/// The choices given on the command line: a `--map` file, and `--department`
/// over the department it names.
fn choices_of(map: Option<&Path>, department: Option<String>) -> Result<ImportChoices, Failure> {
    let mut choices = map_choices(map)?;
    if department.is_some() {
        choices.department = department;
    }
    Ok(choices)
}

fn map_choices(map: Option<&Path>) -> Result<ImportChoices, Failure> {
    let Some(path) = map else {
        return Ok(ImportChoices::default());
    };
    if !path.exists() {
        return Err(Failure::io(format!(
            "There is no mapping file at {}. Check the name and the folder.",
            path.display()
        )));
    }
    ImportChoices::from_map_file(path).map_err(Failure::refused)
}

fn open_store(db: Option<&Path>) -> Result<Store, Failure> {
    Ok(Store::open(&database_path(db))?)
}

/// Takes the inventory's lock for a command that writes (import, demo), held
/// until the returned value is dropped. Refuses at once, without waiting, when
/// a window or another command has the inventory (the coordinator may be
/// editing there, and an import must not be applied under their feet), and
/// when the lock cannot be taken at all: that counts as held.
fn claim(db: Option<&Path>) -> Result<InstanceLock, Failure> {
    Ok(InstanceLock::claim(&database_path(db))?)
}

fn export_cmd(
    store: &mut Store,
    file: &Path,
    format: Format,
    department: Option<&str>,
    catalog: crate::catalog::Options,
) -> Result<String, Failure> {
    let department: Option<DepartmentCode> = department
        .map(|d| d.parse().map_err(Failure::from))
        .transpose()?;
    let exported = crate::files::export(
        store,
        file,
        format,
        department.as_ref(),
        catalog,
        &crate::progress::Unwatched,
    )?;
    // A catalog written without some datasets is written, and says so with
    // exit 1: a script that publishes it sees that some were held back.
    if exported.held_back() > 0 {
        return Err(Failure::refused(exported.message()));
    }
    Ok(exported.message())
}

/// `portal-key`: keeps the key read from the standard input (one line) in
/// the system keyring, or forgets it.
fn portal_key_cmd(ckan: &str, forget: bool) -> Result<String, Failure> {
    use crate::portal::key;
    let portal =
        crate::portal::publish::address(ckan).map_err(|e| Failure::refused(e.to_string()))?;
    if forget {
        key::forget(&portal).map_err(|e| Failure::io(e.to_string()))?;
        return Ok(format!("The key for {portal} is no longer kept."));
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Failure::io(format!("The key could not be read: {e}.")))?;
    if line.trim().is_empty() {
        return Err(Failure::refused(
            "No key was given. Paste your API token from your user page on the portal (API Tokens), then press Enter.",
        ));
    }
    key::keep(&portal, &line).map_err(|e| Failure::io(e.to_string()))?;
    Ok(format!(
        "The key for {portal} is kept in the system keyring: publish finds it there."
    ))
}

/// `publish`: refused (exit 1) when anything was held back, refused by the
/// portal or not tried, so a script sees it; a portal not reached at all is
/// exit 3, like a file that cannot be read.
fn publish_cmd(
    store: &mut Store,
    options: &crate::portal::Options,
    json: bool,
) -> Result<String, Failure> {
    use crate::portal::{CallError, PublishError};
    let portal = crate::portal::publish::address(&options.portal)
        .map_err(|e| Failure::refused(e.to_string()))?;
    let token = crate::portal::key::token_for(&portal);
    let transport = crate::portal::Http::default();
    let published = crate::portal::publish(
        store,
        &transport,
        token.as_deref(),
        options,
        &crate::progress::Unwatched,
    );
    let outcome = match published {
        Ok(o) => o,
        Err(e) => {
            let mut failure = match e {
                PublishError::Store(e) => Failure::from(e),
                PublishError::Organizations(CallError::Unreachable { .. }) => {
                    Failure::io(e.to_string())
                }
                e => Failure::refused(e.to_string()),
            };
            if json {
                // A script reads the same object, with the reason.
                failure.message = serde_json::json!({
                    "portal": portal,
                    "dry_run": options.dry_run,
                    "error": failure.message,
                })
                .to_string();
                failure.output = Output::Json;
            }
            return Err(failure);
        }
    };
    let text = if json {
        outcome.to_json().to_string()
    } else {
        outcome.message()
    };
    if outcome.all_sent() {
        return Ok(text);
    }
    let unreachable = outcome
        .done
        .iter()
        .any(|d| matches!(d.result, Err(CallError::Unreachable { .. })));
    Err(Failure {
        code: if unreachable { EXIT_IO } else { EXIT_REFUSED },
        message: text,
        output: if json { Output::Json } else { Output::Text },
    })
}

fn format_for(file: &Path) -> Result<Format, Failure> {
    Format::from_name(file).ok_or_else(|| Failure {
        code: EXIT_USAGE,
        message: format!(
            "Cannot tell the format of {} from its name. End it with .xlsx, .csv or .json, or give --format.",
            file.display()
        ),
        output: Output::Text,
    })
}

/// The JSON object `import --json` and `check --json` print.
#[derive(Debug, Serialize)]
pub struct Report {
    pub file: String,
    pub applied: bool,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub reviewed: usize,
    pub conflicts: usize,
    pub not_in_file: usize,
    /// Checklist answers the import changes (`check`: answers in the file).
    pub checklist: usize,
    /// Publication plans the import changes (`check`: plans in the file).
    pub plans: usize,
    /// Parts of the data dictionary (a column's description, unit or what an
    /// empty cell means) the import changes.
    pub attributes: usize,
    /// Where each column of a file that is not our own workbook went; absent
    /// for our own workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapping: Option<Vec<MappedColumn>>,
    /// Problems about the whole file: with any, nothing is imported.
    pub errors: Vec<Problem>,
    /// Rows held back for their problems; the others are imported.
    pub held: Vec<HeldRow>,
    /// Each conflict: the dataset, the field, both values.
    pub conflict_list: Vec<ConflictReport>,
    /// Each status move the review path refused.
    pub refused_moves: Vec<RefusedMove>,
    /// Departments the import adds, with their codes.
    pub new_departments: Vec<NewDepartment>,
    /// What the file's Departments sheet brings or changes of departments'
    /// details, a sentence each.
    pub department_details: Vec<String>,
    /// Rows that name no department, when the inventory has none to give
    /// them: `--department NAME` answers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department_question: Option<DepartmentQuestion>,
    pub warnings: Vec<Problem>,
    /// Values of choice columns that are none of the field's choices, by field,
    /// with what each is read as (kept as written in Other Details, or a choice).
    pub value_maps: Vec<ValueMap>,
    /// Values read other than as the file writes them, by column and value.
    pub reinterpreted: Vec<Reinterpretation>,
    /// Categories and licenses the file brings that are not on the
    /// inventory's lists; an import adds them (`added_to_lists`).
    pub new_list_values: Vec<NewListValue>,
    pub added_to_lists: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<String>,
}

/// One column of a foreign file in a report: where it went, how sure, and why.
#[derive(Debug, Serialize)]
pub struct MappedColumn {
    /// The column's letters (`F`).
    pub column: String,
    pub header: String,
    /// A field's header, `Other Details` or `Not imported`.
    pub field: String,
    pub confidence: Confidence,
    pub reason: String,
    pub samples: Vec<String>,
}

fn mapped_columns(mapping: Option<&Mapping>) -> Option<Vec<MappedColumn>> {
    let mapping = mapping?;
    Some(
        mapping
            .columns
            .iter()
            .map(|c| MappedColumn {
                column: c.letters(),
                header: crate::model::dataset::shorten(&c.header),
                field: c.choice.label().to_string(),
                confidence: c.confidence,
                // A reason may quote a header of any length.
                reason: match c.reason.char_indices().nth(300) {
                    Some((end, _)) => format!("{}…", &c.reason[..end]),
                    None => c.reason.clone(),
                },
                samples: c
                    .samples
                    .iter()
                    .map(|s| crate::model::dataset::shorten(s))
                    .collect(),
            })
            .collect(),
    )
}

/// One conflict of an import, as `--json` lists it.
#[derive(Debug, Serialize)]
pub struct ConflictReport {
    pub dataset: String,
    pub id: Option<String>,
    pub field: String,
    /// The value in the inventory, kept unless the person takes the file's.
    pub yours: String,
    /// The value in the file.
    pub theirs: String,
}

impl Report {
    fn from_plan(plan: &Plan, file: &Path) -> Self {
        Report {
            file: file.display().to_string(),
            applied: false,
            added: plan.count(ItemKind::Added),
            updated: plan.count(ItemKind::Changed),
            unchanged: plan.count(ItemKind::Unchanged),
            reviewed: plan.reviewed(),
            conflicts: plan.conflicts(),
            not_in_file: plan.not_in_file.len(),
            checklist: plan.checklist(),
            plans: plan.plans(),
            attributes: plan.attributes(),
            mapping: mapped_columns(plan.mapping.as_ref()),
            errors: plan.errors.clone(),
            held: plan.held.clone(),
            conflict_list: plan
                .conflict_list()
                .map(|(item, c)| ConflictReport {
                    dataset: item.name.clone(),
                    id: item.id.as_ref().map(ToString::to_string),
                    field: c.field.header().to_string(),
                    yours: c.yours.clone(),
                    theirs: c.theirs.clone(),
                })
                .collect(),
            refused_moves: plan.refused_moves().into_iter().cloned().collect(),
            new_departments: plan.new_departments.clone(),
            department_details: plan
                .department_updates
                .iter()
                .flat_map(|u| u.describe())
                .collect(),
            department_question: plan.department_question.clone(),
            warnings: plan.warnings.clone(),
            value_maps: plan.value_maps.clone(),
            reinterpreted: plan.reinterpretations.clone(),
            new_list_values: plan.new_list_values.clone(),
            added_to_lists: false,
            backup: None,
        }
    }

    /// The report of a file that could not be read at all: its one problem.
    fn unreadable(file: &Path, why: &str) -> Self {
        let plan = Plan::default();
        let mut report = Report::from_plan(&plan, file);
        report.errors.push(Problem {
            sheet: String::new(),
            cell: String::new(),
            column: String::new(),
            message: why.to_string(),
        });
        report
    }

    /// Whether the file, or some of its rows, was refused.
    fn refused(&self) -> bool {
        !self.errors.is_empty() || !self.held.is_empty() || self.department_question.is_some()
    }

    /// The report in sentences, errors first.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(columns) = &self.mapping {
            out.push_str(&format!("Columns of {}, as read:\n", self.file));
            for c in columns {
                out.push_str(&format!(
                    "  {} {} → {} ({})\n",
                    c.column,
                    crate::model::dataset::shorten(&c.header),
                    c.field,
                    c.confidence.label()
                ));
            }
        }
        for e in &self.errors {
            out.push_str(&format!("Error: {e}\n"));
        }
        for w in &self.warnings {
            out.push_str(&format!("Warning: {w}\n"));
        }
        for r in &self.reinterpreted {
            out.push_str(&format!("Read differently: {r}\n"));
        }
        for map in &self.value_maps {
            out.push_str(&value_map_text(map));
        }
        if !self.errors.is_empty() {
            out.push_str(&format!(
                "{} in {}: nothing was imported. Fix {} and try again.\n",
                count_of(self.errors.len(), "problem", "problems"),
                self.file,
                if self.errors.len() == 1 { "it" } else { "them" }
            ));
            return out;
        }
        for held in &self.held {
            out.push_str(&format!("Needs a fix: {}\n", held.title()));
            for p in held.located() {
                out.push_str(&format!("  Error: {p}\n"));
            }
        }
        if let Some(q) = &self.department_question {
            out.push_str(&format!("Needs a department: {}\n", q.message));
        }
        for m in &self.refused_moves {
            out.push_str(&format!("Status not taken: {}\n", m.describe()));
        }
        for c in &self.conflict_list {
            out.push_str(&format!(
                "Conflict: {} ({}): {}: yours \"{}\", the file's \"{}\"; yours is kept.\n",
                c.dataset,
                c.id.as_deref().unwrap_or("new"),
                c.field,
                c.yours,
                c.theirs
            ));
        }
        for d in &self.new_departments {
            out.push_str(&format!("New department: {} (code {}).\n", d.name, d.code));
        }
        for line in &self.department_details {
            out.push_str(&format!("Department details: {line}\n"));
        }
        out.push_str(&format!(
            "{} {}: {} added, {} updated, {} unchanged, {} reviewed by the CDO, {} (your values kept), {} not in the file (left as they are), {} changed, {} changed, {} changed.\n",
            if self.applied { "Imported" } else { "Would import" },
            self.file, self.added, self.updated, self.unchanged, self.reviewed,
            count_of(self.conflicts, "conflict", "conflicts"),
            self.not_in_file,
            count_of(self.checklist, "checklist answer", "checklist answers"),
            count_of(self.plans, "publication plan", "publication plans"),
            count_of(self.attributes, "data dictionary entry", "data dictionary entries"),
        ));
        out.push_str(&self.lists_text());
        if let Some(b) = &self.backup {
            out.push_str(&format!(
                "A copy of the inventory from before the import is at {b}.\n"
            ));
        }
        let waiting = self.held.len() + self.department_question.as_ref().map_or(0, |q| q.count);
        if waiting > 0 {
            let problems: usize = self.held.iter().map(|h| h.problems.len()).sum::<usize>()
                + usize::from(self.department_question.is_some());
            let rows = if self.applied {
                count_of(waiting, "row was", "rows were")
            } else {
                count_of(waiting, "row would be", "rows would be")
            };
            out.push_str(&format!(
                "{} in {}: {rows} held back and not imported. Fix {} in the file and import it again{}.\n",
                count_of(problems, "problem", "problems"),
                self.file,
                if waiting == 1 { "it" } else { "them" },
                if self.department_question.is_some() {
                    ", with --department \"Department name\" for the rows that name none"
                } else {
                    ""
                }
            ));
        }
        out
    }
}

/// A value map in sentences: the values, their rows, what each is read as.
fn value_map_text(map: &ValueMap) -> String {
    let named = if map.column.is_empty() || map.column == map.field_header {
        map.field_header.clone()
    } else {
        format!("{} ({})", map.column, map.field_header)
    };
    let mut out = format!(
        "Value map: values of {named} that are none of its choices ({}). Choose what each means in the app's import preview.\n",
        map.choices.join(", ")
    );
    for v in &map.values {
        let rows = if v.rows == 1 {
            "1 row".to_string()
        } else {
            format!("{} rows", crate::workbook::limits::count_text(v.rows))
        };
        let read_as = match &v.mapped_to {
            Some(label) => format!("read as {label}"),
            None => "kept as written in Other Details".to_string(),
        };
        let suggested = match (&v.suggestion, &v.mapped_to) {
            (Some(s), None) => format!(" (perhaps {s})"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  \"{}\": {rows}, first in {}: {read_as}{suggested}\n",
            crate::model::dataset::shorten(&v.value),
            v.cell
        ));
    }
    out
}

/// Plans the import of a file (as `import --dry-run` and `check` both do),
/// the refusal of a file that cannot be read at all being a report too when
/// JSON was asked for.
fn planned(
    store: &Store,
    file: &Path,
    choices: &ImportChoices,
    json: bool,
) -> Result<Plan, Failure> {
    plan_file_with(store, file, choices, &crate::progress::Unwatched).map_err(|e| {
        let failure = Failure::from(e);
        if !json {
            return failure;
        }
        let report = Report::unreadable(file, &failure.message);
        Failure {
            message: serde_json::to_string(&report).expect("a report always serializes"),
            output: Output::Json,
            ..failure
        }
    })
}

impl Report {
    /// "Added to the inventory's categories: Geography (126 rows), Energy (2
    /// rows)." for each list the file brings new values to.
    fn lists_text(&self) -> String {
        let mut out = String::new();
        for list in List::ALL {
            if !self.new_list_values.iter().any(|v| v.list == list) {
                continue;
            }
            out.push_str(&format!(
                "{} the inventory's {}: {}.\n",
                if self.added_to_lists {
                    "Added to"
                } else {
                    "Would add to"
                },
                list.plural(),
                describe_new_values(&self.new_list_values, list)
            ));
        }
        out
    }
}

fn import_cmd(
    store: &mut Store,
    file: &Path,
    choices: &ImportChoices,
    dry_run: bool,
    json: bool,
) -> Result<String, Failure> {
    let plan = planned(store, file, choices, json)?;
    let mut report = Report::from_plan(&plan, file);
    if !plan.has_errors() && !dry_run {
        let applied = apply(store, &plan, &Decisions::default())?;
        report.applied = true;
        report.added_to_lists = !applied.list_entries.is_empty();
        report.backup = applied.backup.map(|b| b.display().to_string());
    }
    finish(report, json)
}

/// `import --dry-run` without the inventory's lock, and against an empty
/// inventory when there is none yet (as an import would start one): the
/// same plan, so the same answers. It never creates an inventory.
fn check(
    db: Option<&Path>,
    file: &Path,
    json: bool,
    choices: ImportChoices,
) -> Result<String, Failure> {
    let path = database_path(db);
    let store = if path.exists() {
        Store::open_beside(&path)?
    } else {
        Store::open_in_memory()?
    };
    let plan = planned(&store, file, &choices, json)?;
    finish(Report::from_plan(&plan, file), json)
}

fn finish(report: Report, json: bool) -> Result<String, Failure> {
    let text = if json {
        serde_json::to_string(&report).expect("a report always serializes")
    } else {
        report.to_text()
    };
    if !report.refused() {
        Ok(text)
    } else {
        Err(Failure {
            output: if json { Output::Json } else { Output::Text },
            ..Failure::refused(text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Missing, Refusal};
    use crate::workbook::FileRefusal;

    fn read_error(reason: FileRefusal) -> WorkbookError {
        WorkbookError::Read {
            path: PathBuf::from("inventory.xlsx"),
            reason,
        }
    }

    #[test]
    fn what_is_not_there_or_not_allowed_is_refused_and_says_so() {
        let id = "PRK-0001".parse().unwrap();
        let failure = Failure::from(StoreError::NotFound(Missing::Dataset(id)));
        assert_eq!(failure.code, EXIT_REFUSED);
        assert_eq!(failure.message, "The dataset PRK-0001 no longer exists.");
        let failure = Failure::from(StoreError::from(Refusal::PlanHasErrors(2)));
        assert_eq!(failure.code, EXIT_REFUSED);
        assert_eq!(
            failure.message,
            "The file has 2 problems; nothing was imported. Fix them and import again."
        );
        let code = "ZZZ".parse().unwrap();
        let failure = Failure::from(WorkbookError::Store(
            Missing::DepartmentToExport(code).into(),
        ));
        assert_eq!(failure.code, EXIT_REFUSED);
        let failure = Failure::from("12".parse::<DepartmentCode>().unwrap_err());
        assert_eq!(failure.code, EXIT_REFUSED);
        let failure = Failure::from(WorkbookError::CatalogRefused {
            problems: vec!["PRK-0001: no contact".into()],
        });
        assert_eq!(failure.code, EXIT_REFUSED);
    }

    #[test]
    fn a_file_refused_for_what_it_holds_exits_1_and_one_not_read_exits_3() {
        for reason in [
            FileRefusal::Password,
            FileRefusal::Damaged,
            FileRefusal::ReaderStopped,
            FileRefusal::UnpacksTooBig {
                size: 2 << 30,
                limit: 1 << 30,
            },
        ] {
            assert_eq!(Failure::from(read_error(reason)).code, EXIT_REFUSED);
        }
        for reason in [
            FileRefusal::NoSuchFile,
            FileRefusal::Io(std::io::ErrorKind::PermissionDenied.into()),
        ] {
            assert_eq!(Failure::from(read_error(reason)).code, EXIT_IO);
        }
        let failure = Failure::from(read_error(FileRefusal::NoSuchFile));
        assert_eq!(
            failure.message,
            "Could not read inventory.xlsx: there is no such file. Check the name and the folder"
        );
    }

    #[test]
    fn a_store_that_cannot_be_written_is_an_io_failure() {
        for e in [StoreError::DiskFull, StoreError::ReadOnly] {
            let failure = Failure::from(e);
            assert_eq!(failure.code, EXIT_IO);
            assert_eq!(failure.output, Output::Text);
        }
    }

    #[test]
    fn a_refused_report_is_json_when_json_was_asked_for_and_sentences_otherwise() {
        let report = || Report {
            file: "bad.csv".into(),
            applied: false,
            added: 0,
            updated: 0,
            unchanged: 0,
            reviewed: 0,
            conflicts: 0,
            not_in_file: 0,
            checklist: 0,
            plans: 0,
            attributes: 0,
            value_maps: Vec::new(),
            reinterpreted: Vec::new(),
            mapping: None,
            held: Vec::new(),
            conflict_list: Vec::new(),
            refused_moves: Vec::new(),
            new_departments: Vec::new(),
            department_details: Vec::new(),
            department_question: None,
            errors: vec![Problem {
                sheet: "bad".into(),
                cell: "C3".into(),
                column: "Data Classification".into(),
                message: "\"Secret\" is not a data classification.".into(),
            }],
            warnings: Vec::new(),
            new_list_values: Vec::new(),
            added_to_lists: false,
            backup: None,
        };
        let failure = finish(report(), true).unwrap_err();
        assert_eq!((failure.code, failure.output), (EXIT_REFUSED, Output::Json));
        let json: serde_json::Value = serde_json::from_str(&failure.message).unwrap();
        assert_eq!(json["errors"][0]["cell"], "C3");
        let failure = finish(report(), false).unwrap_err();
        assert_eq!((failure.code, failure.output), (EXIT_REFUSED, Output::Text));
        assert!(
            failure.message.starts_with("Error: "),
            "{}",
            failure.message
        );
    }
}
