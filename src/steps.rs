//! The coordinator's path through a first inventory, as "Start here" shows
//! it: the department, its systems of record, the Step 1 prompts, a
//! checklist, and the workbook exported for the CDO. Each step says what is
//! done, counted from the inventory, and the first one not done is the next.
//!
//! Counted once when the screen opens (and when the rows arrive from a
//! background load), from the table's rows already in memory: at 100,000
//! datasets a count per frame would make the window lag.

use crate::model::{Department, DepartmentCode};
use crate::store::{Result, Store, TableRow};

/// One step of the path, in the order the work goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Department,
    Systems,
    Prompts,
    Checklists,
    Export,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Department,
        Step::Systems,
        Step::Prompts,
        Step::Checklists,
        Step::Export,
    ];

    /// The step's name, as the list shows it.
    pub fn title(self) -> &'static str {
        match self {
            Step::Department => "1. Your department",
            Step::Systems => "2. Systems of record",
            Step::Prompts => "3. The Step 1 prompts",
            Step::Checklists => "4. Checklists with the data stewards",
            Step::Export => "5. The workbook for the CDO",
        }
    }

    /// The words of the one button that takes the person to the step.
    pub fn action(self) -> &'static str {
        match self {
            Step::Department => "Next: finish the department",
            Step::Systems => "Next: list your systems of record",
            Step::Prompts => "Next: answer the Step 1 prompts",
            Step::Checklists => "Next: fill a checklist",
            Step::Export => "Next: export the workbook for the CDO",
        }
    }
}

/// What the inventory holds, counted for the path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// What the department still lacks, in words ("the start date").
    pub department_lacks: Vec<&'static str>,
    pub systems: usize,
    pub datasets: usize,
    /// Datasets that answer at least one Step 1 prompt.
    pub through_prompts: usize,
    pub complete_checklists: usize,
    /// When the newest workbook was exported (`2026-03-02`), if ever.
    pub exported_on: Option<String>,
}

impl Counts {
    /// Counts the home department's systems and datasets; `rows` are the
    /// table's rows (every department's: the others are left out).
    pub fn read(store: &Store, rows: &[TableRow]) -> Result<Counts> {
        let Some(home) = store.home_department()? else {
            return Ok(Counts {
                department_lacks: vec!["a name"],
                ..Counts::default()
            });
        };
        let mine: Vec<&TableRow> = rows
            .iter()
            .filter(|r| r.id.department == home.code)
            .collect();
        Ok(Counts {
            department_lacks: lacks(&home),
            systems: systems_of(store, &home.code)?,
            datasets: mine.len(),
            through_prompts: mine.iter().filter(|r| r.prompts != 0).count(),
            complete_checklists: mine.iter().filter(|r| r.complete == 100).count(),
            exported_on: store
                .latest_export()?
                .map(|(at, _)| at.chars().take(10).collect()),
        })
    }
}

/// What the department form still needs before the work can start.
fn lacks(d: &Department) -> Vec<&'static str> {
    let mut lacks = Vec::new();
    if d.name.trim().is_empty() {
        lacks.push("a name");
    }
    if !d.coordinators.iter().any(|c| !c.name.trim().is_empty()) {
        lacks.push("a coordinator");
    }
    if d.approver.trim().is_empty() {
        lacks.push("the leadership approver");
    }
    if d.start_date.is_none() {
        lacks.push("the inventory start date");
    }
    lacks
}

/// The department's systems, and those listed without a department.
fn systems_of(store: &Store, code: &DepartmentCode) -> Result<usize> {
    Ok(store
        .sources()?
        .iter()
        .filter(|s| s.department.as_ref().is_none_or(|d| d == code))
        .count())
}

/// One step with what is done of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepState {
    pub step: Step,
    pub done: bool,
    /// What is done so far, in words: "2 systems listed".
    pub progress: String,
}

/// The five steps, each with what is done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    pub steps: Vec<StepState>,
}

impl Path {
    pub fn read(store: &Store, rows: &[TableRow]) -> Result<Path> {
        Ok(Path::of(&Counts::read(store, rows)?))
    }

    pub fn of(c: &Counts) -> Path {
        let state = |step, done, progress: String| StepState {
            step,
            done,
            progress,
        };
        let department = if c.department_lacks.is_empty() {
            "Coordinator, approver and start date given".to_string()
        } else {
            format!("Still to give: {}", and_list(&c.department_lacks))
        };
        let prompts = match c.datasets {
            0 => "No datasets listed yet".to_string(),
            n => format!(
                "{} of {n} {} through the prompts",
                c.through_prompts,
                plural(n, "dataset", "datasets")
            ),
        };
        let checklists = format!(
            "{} {} complete",
            c.complete_checklists,
            plural(c.complete_checklists, "checklist", "checklists")
        );
        let export = match &c.exported_on {
            Some(day) => format!("Exported on {day}"),
            None => "Not exported yet".to_string(),
        };
        Path {
            steps: vec![
                state(Step::Department, c.department_lacks.is_empty(), department),
                state(
                    Step::Systems,
                    c.systems > 0,
                    format!(
                        "{} {} listed",
                        c.systems,
                        plural(c.systems, "system", "systems")
                    ),
                ),
                state(Step::Prompts, c.through_prompts > 0, prompts),
                state(Step::Checklists, c.complete_checklists > 0, checklists),
                state(Step::Export, c.exported_on.is_some(), export),
            ],
        }
    }

    /// The first step not done yet; `None` once every step is.
    pub fn next(&self) -> Option<Step> {
        self.steps.iter().find(|s| !s.done).map(|s| s.step)
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coordinator, Dataset};

    #[test]
    fn a_new_inventory_starts_with_the_department_and_says_what_it_lacks() {
        let path = Path::of(&Counts {
            department_lacks: vec!["the leadership approver", "the inventory start date"],
            ..Counts::default()
        });
        assert_eq!(path.next(), Some(Step::Department));
        assert_eq!(
            path.steps[0].progress,
            "Still to give: the leadership approver and the inventory start date"
        );
        assert_eq!(path.steps[1].progress, "0 systems listed");
        assert_eq!(path.steps[4].progress, "Not exported yet");
    }

    #[test]
    fn the_next_step_is_the_first_not_done_and_none_once_exported() {
        let mut c = Counts {
            systems: 2,
            datasets: 12,
            through_prompts: 10,
            ..Counts::default()
        };
        let path = Path::of(&c);
        assert_eq!(path.next(), Some(Step::Checklists));
        assert_eq!(path.steps[1].progress, "2 systems listed");
        assert_eq!(
            path.steps[2].progress,
            "10 of 12 datasets through the prompts"
        );
        assert_eq!(path.steps[3].progress, "0 checklists complete");
        c.complete_checklists = 1;
        assert_eq!(Path::of(&c).next(), Some(Step::Export));
        assert_eq!(Path::of(&c).steps[3].progress, "1 checklist complete");
        c.exported_on = Some("2026-03-02".into());
        assert_eq!(Path::of(&c).next(), None);
    }

    #[test]
    fn the_counts_are_the_home_department_s_read_from_the_inventory() {
        let mut store = Store::open_in_memory().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        let mut parks = Department::new(code.clone(), "Parks");
        parks.coordinators = vec![Coordinator {
            name: "Ana Ruiz".into(),
            email: String::new(),
        }];
        parks.approver = "Director Lee".into();
        store.save_department(&parks).unwrap();
        crate::step1::add_systems(&mut store, &code, "Parks GIS\nPermits").unwrap();
        crate::step1::add_datasets(&mut store, &code, 0, "Street Trees\nPool Visits", "").unwrap();
        store
            .create_dataset(&code, Dataset::named("Not through a prompt"))
            .unwrap();
        let rows = store.table_rows_share(0, 1).unwrap();
        let c = Counts::read(&store, &rows).unwrap();
        assert_eq!(c.department_lacks, vec!["the inventory start date"]);
        assert_eq!((c.systems, c.datasets, c.through_prompts), (2, 3, 2));
        assert_eq!(c.exported_on, None);
    }
}
