//! The departments an import brings: the question asked once when the file
//! names no department (not one problem per row), and the departments the
//! file adds to the inventory, each with the code people use for it
//! (Department of Transportation → DOT), which the person may change in the
//! preview before anything is saved.

use crate::model::department::code_for_name;
use crate::model::{Department, DepartmentCode};

/// The file names no department for some of its rows, and the inventory has
/// none to put them in: which department do they belong to? Asked once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DepartmentQuestion {
    /// The rows (0-based) waiting for the answer; none of them is imported
    /// until it is given.
    #[serde(skip)]
    pub rows: Vec<usize>,
    /// How many rows wait.
    pub count: usize,
    /// The inventory's departments, by name, to choose from.
    pub departments: Vec<String>,
    pub message: String,
}

impl DepartmentQuestion {
    pub(super) fn new(sheet: &str, rows: Vec<usize>, departments: Vec<String>) -> Self {
        let count = rows.len();
        let (datasets, name) = if count == 1 {
            ("1 dataset", "names")
        } else {
            ("datasets", "name")
        };
        let counted = if count == 1 {
            datasets.to_string()
        } else {
            format!("{} {datasets}", super::limits::count_text(count))
        };
        // `sheet` is a sheet's name, or a CSV's or a catalog's file name.
        let message = format!(
            "In {sheet}, {counted} {name} no department, and no department is set up yet. Choose the department they belong to (on the command line: --department \"Department name\"), and they are imported into it."
        );
        DepartmentQuestion {
            rows,
            count,
            departments,
            message,
        }
    }
}

/// A department the import adds to the inventory, with its code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewDepartment {
    /// Its name as the file writes it.
    pub name: String,
    /// The code its datasets' Inventory IDs will start with; the preview may
    /// change it.
    pub code: DepartmentCode,
}

impl NewDepartment {
    pub fn department(&self) -> Department {
        Department::new(self.code.clone(), &self.name)
    }
}

/// The departments the added datasets name that the inventory does not have
/// (by name or code, ignoring case), each with a code no other department has.
pub(super) fn new_departments<'a>(
    existing: &[Department],
    named: impl Iterator<Item = &'a str>,
) -> Vec<NewDepartment> {
    let known = |name: &str| {
        existing.iter().any(|d| {
            d.name.trim().eq_ignore_ascii_case(name) || d.code.as_str().eq_ignore_ascii_case(name)
        })
    };
    let mut taken: Vec<DepartmentCode> = existing.iter().map(|d| d.code.clone()).collect();
    let mut added: Vec<NewDepartment> = Vec::new();
    for name in named.map(str::trim).filter(|n| !n.is_empty()) {
        if known(name) || added.iter().any(|d| d.name.eq_ignore_ascii_case(name)) {
            continue;
        }
        let code = code_for_name(name, &taken);
        taken.push(code.clone());
        added.push(NewDepartment {
            name: name.to_string(),
            code,
        });
    }
    added
}

/// Why a code chosen in the preview for a new department cannot be used, if
/// it cannot: not three letters, or another department's.
pub fn code_refused(
    code: &str,
    name: &str,
    existing: &[Department],
    others: &[NewDepartment],
) -> Option<String> {
    let code: DepartmentCode = match code.parse() {
        Ok(code) => code,
        Err(e) => return Some(e.to_string()),
    };
    let owner = existing
        .iter()
        .find(|d| d.code == code)
        .map(|d| d.name.as_str())
        .or_else(|| {
            others
                .iter()
                .find(|d| d.code == code && !d.name.eq_ignore_ascii_case(name))
                .map(|d| d.name.as_str())
        });
    owner.map(|owner| format!("{code} is already the code of {owner}: choose another."))
}
