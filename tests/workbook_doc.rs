//! `docs/workbook.md` is the workbook's contract, and these tests hold it to the
//! code: its sheets against the sheets an export writes, its Inventory columns
//! against the field table (header, kind, allowed values, in order), and the
//! columns of the other sheets against their header rows in an exported file. A
//! field added to the table and not to the page, or the other way round, fails.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use inventory_desk::model::{FIELDS, Field, FieldKind};
use inventory_desk::store::Store;
use inventory_desk::workbook::export::{ExportContent, write_workbook};

const DOC: &str = include_str!("../docs/workbook.md");

/// The body rows of the first table below the line `heading`, each row as its
/// cells, trimmed and without backticks.
fn table(heading: &str) -> Vec<Vec<String>> {
    let mut lines = DOC.lines().skip_while(|l| l.trim() != heading);
    assert!(
        lines.next().is_some(),
        "docs/workbook.md has no heading \"{heading}\""
    );
    let rows: Vec<Vec<String>> = lines
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the table's header and its |---| line
        .map(|l| {
            let inner = l.trim().trim_start_matches('|').trim_end_matches('|');
            inner
                .split('|')
                .map(|c| c.trim().replace('`', ""))
                .collect()
        })
        .collect();
    assert!(!rows.is_empty(), "no table below \"{heading}\"");
    rows
}

/// One column of a table.
fn column(heading: &str, index: usize) -> Vec<String> {
    table(heading)
        .into_iter()
        .map(|r| r[index].clone())
        .collect()
}

/// The words the page uses for each kind of field.
fn kind_words(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::LongText => "long text",
        FieldKind::Email => "email",
        FieldKind::Url => "link",
        FieldKind::Date => "date",
        FieldKind::EndDate => "date or Current",
        FieldKind::DateTime => "date and time",
        FieldKind::Choice(_) => "choice",
        FieldKind::Listed(_) => "list",
        FieldKind::Flag => "Yes or blank",
        FieldKind::Id => "ID",
    }
}

/// The sheets of an export of an empty inventory, each with its first row (the
/// first column for About, which is key and value per row).
fn exported_sheets(dir: &Path) -> Vec<(String, Vec<String>)> {
    let store = Store::open_in_memory().unwrap();
    let content = ExportContent::load(&store, None).unwrap();
    let path = dir.join("empty.xlsx");
    write_workbook(&content, &path).unwrap();
    let mut book = open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let text = |d: &Data| d.to_string();
            let cells = if name == "About" {
                range.rows().filter_map(|r| r.first()).map(text).collect()
            } else {
                range
                    .rows()
                    .next()
                    .unwrap_or_default()
                    .iter()
                    .map(text)
                    .collect()
            };
            (name, cells)
        })
        .collect()
}

#[test]
fn the_inventory_columns_are_the_field_table_in_order() {
    let rows = table("### Inventory columns");
    let documented: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    let fields: Vec<&str> = FIELDS.iter().map(|f| f.header).collect();
    assert_eq!(
        documented, fields,
        "docs/workbook.md lists other Inventory columns than src/model/fields.rs"
    );
    for (i, (row, spec)) in rows.iter().zip(&FIELDS).enumerate() {
        let what = spec.header;
        assert_eq!(
            row.len(),
            6,
            "{what}: a row has # | Header | Kind | Allowed values | Required | What it holds"
        );
        assert_eq!(row[0], (i + 1).to_string(), "{what}: its number");
        assert_eq!(row[2], kind_words(spec.kind), "{what}: its kind");
        if let Some(values) = spec.allowed() {
            assert_eq!(row[3], values.join(", "), "{what}: its allowed values");
        }
        if let Some(list) = spec.list() {
            let seeded = format!(
                "the inventory's {}, at first: {}",
                list.plural(),
                list.seed_names().join(", ")
            );
            assert_eq!(
                row[3], seeded,
                "{what}: the list a new inventory starts with"
            );
        }
        let required = if spec.field.is_read_only() {
            "kept by the app"
        } else if spec.field == Field::Name {
            "yes"
        } else {
            "no"
        };
        assert_eq!(row[4], required, "{what}: required or not");
        assert!(!row[5].is_empty(), "{what}: says what it holds");
    }
}

#[test]
fn the_sheets_and_their_columns_are_those_an_export_writes() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = exported_sheets(dir.path());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(column("## Sheets, in order", 0), names);
    let first_row = |sheet: &str| {
        sheets
            .iter()
            .find(|(n, _)| n == sheet)
            .map(|(_, cells)| cells.clone())
            .unwrap()
    };
    let inventory: Vec<String> = FIELDS.iter().map(|f| f.header.to_string()).collect();
    assert_eq!(first_row("Inventory"), inventory);
    for (sheet, heading) in [
        ("CDO Review", "## The CDO Review sheet"),
        ("Data Sources", "## The Data Sources sheet"),
        ("Checklist", "## The Checklist sheet"),
        ("Publication Plan", "## The Publication Plan sheet"),
        ("Attributes", "## The Attributes sheet"),
        ("Distributions", "## The Distributions sheet"),
        ("Departments", "## The Departments sheet"),
    ] {
        let numbers: Vec<String> = (1..=first_row(sheet).len())
            .map(|n| n.to_string())
            .collect();
        assert_eq!(column(heading, 0), numbers, "{sheet}: numbered in order");
        assert_eq!(column(heading, 1), first_row(sheet), "{sheet}: its columns");
    }
    assert_eq!(
        column("## The Lists and About sheets", 0),
        first_row("About"),
        "About: its keys"
    );
}
