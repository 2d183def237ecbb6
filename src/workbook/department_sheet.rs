//! The `Departments` sheet: each department of the file with its divisions,
//! its open data coordinators, the leader who approves releases and the day
//! its inventory started. It lets a department arrive at the CDO's desk with
//! its people and its due dates, not as a bare name.
//!
//! Who owns the details: the department. So on the CDO's desk a department's
//! workbook updates them (and the preview lists each change); on a
//! department's desk they only fill a department the import adds, never the
//! coordinator's own (`merge::department_updates`).

use rust_xlsxwriter::{Note, Worksheet, XlsxError};

use super::content::FileContent;
use super::read::Sheet;
use super::side_sheet::Need::{Optional, Required};
use super::side_sheet::SideTable;
use crate::model::{Coordinator, Department, DepartmentCode};

pub const DEPARTMENT_HEADERS: [&str; 6] = [
    "Department Code",
    "Department",
    "Divisions",
    "Open Data Coordinators",
    "Leadership Approver",
    "Inventory Start Date",
];

const HELP: [&str; 6] = [
    "The three letters that start the department's Inventory IDs. Do not change it.",
    "The department's name, as on the Inventory sheet.",
    "The department's divisions, separated by semicolons.",
    "Each coordinator as Name <email>, separated by semicolons.",
    "The leader who approves each dataset's release.",
    "The day the inventory's three steps (systems, datasets, attributes) started, each due a month after the last. YYYY-MM-DD.",
];

const WIDTHS: [f64; 6] = [16.0, 34.0, 34.0, 50.0, 26.0, 20.0];

const N: usize = DEPARTMENT_HEADERS.len();

const TABLE: SideTable<N> = SideTable::new(
    &DEPARTMENT_HEADERS,
    [Required, Required, Optional, Optional, Optional, Optional],
    "This sheet has no Department Code and Department columns, so the departments' details were not read. Keep its header row as the app wrote it.",
);

/// A department as the file describes it, with the row it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDepartment {
    /// The row's 0-based index.
    pub row: usize,
    pub department: Department,
}

/// Writes one row per department.
pub(super) fn write(ws: &mut Worksheet, departments: &[Department]) -> Result<(), XlsxError> {
    ws.set_name(super::DEPARTMENTS)?;
    let header = super::export::header_format();
    for (c, title) in DEPARTMENT_HEADERS.iter().enumerate() {
        let c16 = c as u16;
        ws.write_string_with_format(0, c16, *title, &header)?;
        ws.set_column_width(c16, WIDTHS[c])?;
        let note = Note::new(HELP[c])
            .set_author("Inventory Desk")
            .add_author_prefix(false);
        ws.insert_note(0, c16, &note)?;
    }
    ws.set_row_height(0, 32)?;
    for (r, d) in departments.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, text) in cells(d).into_iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(row, c as u16, text)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    super::print::page_setup(ws, Some((0, 0)))
}

fn cells(d: &Department) -> [String; N] {
    let coordinators: Vec<String> = d
        .coordinators
        .iter()
        .map(|c| match (c.name.trim(), c.email.trim()) {
            (name, "") => name.to_string(),
            ("", email) => format!("<{email}>"),
            (name, email) => format!("{name} <{email}>"),
        })
        .collect();
    [
        d.code.to_string(),
        d.name.clone(),
        d.divisions.join("; "),
        coordinators.join("; "),
        d.approver.clone(),
        d.start_date
            .map(|s| s.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    ]
}

/// Reads the sheet into `content.departments`; a row with a problem is held
/// (and the department keeps the details it has).
pub(super) fn read(sheet: &Sheet, content: &mut FileContent) {
    let Some(side) = TABLE.open(sheet, content) else {
        return;
    };
    for r in side.rows() {
        let read = side.read_row(r, content, |cells| {
            let code_text = cells.text(0);
            let code: Option<DepartmentCode> = code_text.parse().ok();
            if code.is_none() {
                cells.error(0, format!(
                    "\"{}\" is not a department code: three capital letters, like PRK, as at the start of the department's Inventory IDs. Correct it, or clear the whole row.",
                    crate::model::dataset::shorten(&code_text)
                ));
            }
            let name = cells.words(1, "cell")?;
            if name.trim().is_empty() {
                cells.error(1, "This row has no department name. Write it as on the Inventory sheet, or clear the whole row.".into());
                return None;
            }
            let divisions = cells.words(2, "cell")?;
            let coordinators = cells.words(3, "cell")?;
            let approver = cells.words(4, "cell")?;
            let start_date = cells.date(5, "the day the inventory started")?;
            let mut d = Department::new(code?, name.trim());
            d.divisions = split(&divisions);
            d.coordinators = split(&coordinators).iter().map(|c| coordinator(c)).collect();
            d.approver = approver.trim().to_string();
            d.start_date = start_date;
            Some(d)
        });
        if let Some(department) = read {
            content
                .departments
                .push(FileDepartment { row: r, department });
        }
    }
}

fn split(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// "Ana Ruiz <ana@city.gov>", "Ana Ruiz" or "ana@city.gov".
fn coordinator(text: &str) -> Coordinator {
    if let Some((name, rest)) = text.split_once('<') {
        return Coordinator {
            name: name.trim().to_string(),
            email: rest.trim_end_matches('>').trim().to_string(),
        };
    }
    if text.contains('@') && !text.contains(' ') {
        return Coordinator {
            name: String::new(),
            email: text.to_string(),
        };
    }
    Coordinator {
        name: text.to_string(),
        email: String::new(),
    }
}

/// What the file changes of a department's details, in words: "Leadership
/// approver: (empty) ➡ Director Lee". Empty when nothing differs. The name
/// and code are how the department is found, not details.
pub fn detail_changes(before: &Department, after: &Department) -> Vec<String> {
    let (b, a) = (cells(before), cells(after));
    let shown = |s: &str| {
        if s.is_empty() {
            "(empty)".to_string()
        } else {
            crate::model::dataset::shorten(s)
        }
    };
    (2..N)
        .filter(|c| b[*c] != a[*c])
        .map(|c| {
            format!(
                "{}: {} ➡ {}",
                DEPARTMENT_HEADERS[c],
                shown(&b[c]),
                shown(&a[c])
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinators_are_read_as_the_sheet_writes_them() {
        let mut d = Department::new("PRK".parse().unwrap(), "Parks");
        d.coordinators = vec![
            Coordinator {
                name: "Ana Ruiz".into(),
                email: "ana@city.gov".into(),
            },
            Coordinator {
                name: "Lee Park".into(),
                email: String::new(),
            },
        ];
        let written = cells(&d)[3].clone();
        assert_eq!(written, "Ana Ruiz <ana@city.gov>; Lee Park");
        let read: Vec<Coordinator> = split(&written).iter().map(|c| coordinator(c)).collect();
        assert_eq!(read, d.coordinators);
        assert_eq!(coordinator("kim@city.gov").email, "kim@city.gov");
    }

    #[test]
    fn detail_changes_name_the_column_and_both_values() {
        let before = Department::new("PRK".parse().unwrap(), "Parks");
        let mut after = before.clone();
        after.approver = "Director Lee".into();
        assert_eq!(
            detail_changes(&before, &after),
            ["Leadership Approver: (empty) ➡ Director Lee"]
        );
        assert!(detail_changes(&before, &before).is_empty());
    }
}
