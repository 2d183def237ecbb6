//! Files with mistakes in them: every kind of problem is found, located by sheet,
//! cell and column, told in plain words, and a refused import changes nothing.

use std::path::{Path, PathBuf};

use inventory_desk::model::{Classification, Dataset, Department, DepartmentCode, Field};
use inventory_desk::store::Store;
use inventory_desk::workbook::columns::{COLUMNS, column};
use inventory_desk::workbook::import::{self, FileContent, Problem};
use inventory_desk::workbook::merge::{self, Decisions};
use rust_xlsxwriter::{Formula, Workbook};

fn parks() -> DepartmentCode {
    "PRK".parse().unwrap()
}

fn parks_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_department(&Department::new(parks(), "Parks"))
        .unwrap();
    store
}

/// An `Inventory` sheet with the workbook's 48 headers, five good rows (2–6),
/// and row 7 made of `row7`. `extra` writes more cells (row, field, text).
fn inventory_xlsx(dir: &Path, row7: &[(Field, &str)], extra: &[(u32, Field, &str)]) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, col.header).unwrap();
    }
    for r in 1..6u32 {
        sheet
            .write_string(r, 0, format!("Good Dataset {}", r + 1))
            .unwrap();
        sheet
            .write_string(r, Field::Classification.index() as u16, "Public")
            .unwrap();
        sheet
            .write_string(r, Field::StartDate.index() as u16, "2020-01-01")
            .unwrap();
    }
    for (field, text) in row7 {
        sheet.write_string(6, field.index() as u16, *text).unwrap();
    }
    for (row, field, text) in extra {
        sheet
            .write_string(*row, field.index() as u16, *text)
            .unwrap();
    }
    let path = dir.join("inventory.xlsx");
    book.save(&path).unwrap();
    path
}

/// A message a coordinator can read: words and the value, no code or debug text.
fn assert_plain(message: &str) {
    assert!(message.len() > 20, "too short to help: {message:?}");
    assert!(message.len() < 600, "too long: {message:?}");
    let first = message.chars().next().unwrap();
    assert!(
        first.is_uppercase() || first == '"',
        "should start like a sentence: {message:?}"
    );
    for code in [
        "Err(",
        "Ok(",
        "Some(",
        "None)",
        "::",
        "{",
        "}",
        "\\\"",
        "panicked",
        "Error {",
        "Field",
        "Cell::",
        "ParseIntError",
        "rusqlite",
    ] {
        assert!(
            !message.contains(code),
            "message shows {code:?}: {message:?}"
        );
    }
}

/// The one error of a file, after checking there is exactly one.
fn only_error(content: &FileContent) -> &Problem {
    assert_eq!(
        content.errors.len(),
        1,
        "expected exactly one error, got {:#?}",
        content.errors
    );
    &content.errors[0]
}

fn assert_located(problem: &Problem, sheet: &str, cell: &str, column: &str) {
    assert_eq!(problem.sheet, sheet, "{problem:#?}");
    assert_eq!(problem.cell, cell, "{problem:#?}");
    assert_eq!(problem.column, column, "{problem:#?}");
    assert_plain(&problem.message);
}

#[test]
fn a_bad_choice_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Name, "Park Permits"),
            (Field::Classification, "Top Secret"),
        ],
        &[],
    );
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "Inventory", "T7", "Data Classification");
    assert!(e.message.contains("\"Top Secret\""), "{}", e.message);
    assert!(
        e.message.contains("Public, Protected, Sensitive"),
        "the allowed values are listed: {}",
        e.message
    );
    assert_eq!(content.rows.len(), 5, "the good rows are still read");
}

#[test]
fn a_bad_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Name, "Park Permits"),
            (Field::StartDate, "31/12/2024"),
        ],
        &[],
    );
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "Inventory", "L7", "Start Date");
    assert!(e.message.contains("31/12/2024"), "{}", e.message);
    assert!(e.message.contains("not a date"), "{}", e.message);
}

#[test]
fn a_bad_end_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[(Field::Name, "Park Permits"), (Field::EndDate, "someday")],
        &[],
    );
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "Inventory", "M7", "End Date");
    assert!(e.message.contains("Current"), "{}", e.message);
}

#[test]
fn a_bad_email() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Name, "Park Permits"),
            (Field::ContactEmail, "Pat Smith"),
        ],
        &[],
    );
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "Inventory", "B7", "Contact Email Address");
    assert!(e.message.contains("Pat Smith"), "{}", e.message);
    assert!(e.message.contains("email address"), "{}", e.message);
}

#[test]
fn a_malformed_inventory_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Name, "Park Permits"),
            (Field::InventoryId, "PRK-12"),
        ],
        &[],
    );
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "Inventory", "AV7", "Inventory ID");
    assert!(e.message.contains("PRK-12"), "{}", e.message);
    assert!(e.message.contains("ABC-0001"), "{}", e.message);
}

#[test]
fn a_repeated_inventory_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Name, "Park Permits"),
            (Field::InventoryId, "PRK-0003"),
        ],
        &[(3, Field::InventoryId, "PRK-0003")],
    );
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "Inventory", "AV7", "Inventory ID");
    assert!(e.message.contains("PRK-0003"), "{}", e.message);
    assert!(
        e.message.contains("row 4"),
        "names the first row: {}",
        e.message
    );

    // And merge refuses it too, whatever the inventory holds.
    let store = parks_store();
    let plan = merge::plan(&store, path.clone(), content).unwrap();
    assert!(plan.has_errors());
}

#[test]
fn a_row_with_values_but_no_dataset_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Contents, "Picnic shelter bookings"),
            (Field::Steward, "Ana Ruiz"),
        ],
        &[],
    );
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "Inventory", "A7", "Dataset Name");
    assert!(e.message.contains("no Dataset Name"), "{}", e.message);
    assert_eq!(content.rows.len(), 5);
}

#[test]
fn blank_rows_are_skipped_without_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    // Row 7 has only spaces: blank, not a row without a name.
    let path = inventory_xlsx(dir.path(), &[(Field::Contents, "   ")], &[]);
    let content = import::read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    assert_eq!(content.rows.len(), 5);
}

#[test]
fn a_sheet_with_no_dataset_name_column_lists_the_columns_it_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    // A title row above the headers, as many city sheets have.
    sheet.write_string(0, 0, "Parks inventory 2024").unwrap();
    for (c, h) in ["Report", "Owner", "Comments"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(2, 0, "Annual pool report").unwrap();
    let path = dir.path().join("no_name.xlsx");
    book.save(&path).unwrap();

    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_eq!(e.sheet, "Inventory");
    assert_plain(&e.message);
    assert!(e.message.contains("Dataset Name"), "{}", e.message);
    for found in ["Report", "Owner", "Comments"] {
        assert!(
            e.message.contains(found),
            "the message should list the column {found}: {}",
            e.message
        );
    }
    assert!(content.rows.is_empty());
}

#[test]
fn a_csv_with_no_dataset_name_column_lists_its_headers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("systems.csv");
    std::fs::write(&path, "Report,Owner\nPool report,Ana\n").unwrap();
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_eq!(e.sheet, "systems");
    assert!(e.message.contains("Report, Owner"), "{}", e.message);
    assert_plain(&e.message);
}

#[test]
fn a_spreadsheet_error_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, col.header).unwrap();
    }
    sheet.write_string(1, 0, "Park Permits").unwrap();
    sheet
        .write_formula(
            1,
            Field::Classification.index() as u16,
            Formula::new("=1/0").set_result("#DIV/0!"),
        )
        .unwrap();
    // An error where the name should be: one problem, not two.
    sheet
        .write_formula(2, 0, Formula::new("=NA()").set_result("#N/A"))
        .unwrap();
    sheet.write_string(2, 2, "Something").unwrap();
    let path = dir.path().join("errors.xlsx");
    book.save(&path).unwrap();

    let content = import::read_file(&path).unwrap();
    assert_eq!(content.errors.len(), 2, "{:#?}", content.errors);
    let div = &content.errors[0];
    assert_located(div, "Inventory", "T2", "Data Classification");
    assert!(div.message.contains("#DIV/0!"), "{}", div.message);
    let na = &content.errors[1];
    assert_located(na, "Inventory", "A3", "Dataset Name");
    assert!(na.message.contains("#N/A"), "{}", na.message);
    assert!(content.rows.is_empty());
}

#[test]
fn csv_cell_references_count_blank_lines_and_multiline_cells_as_a_spreadsheet_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("with_gaps.csv");
    // Row 1 headers, row 2 a cell over two lines, row 3 blank, row 4 bad.
    std::fs::write(
        &path,
        "Dataset Name,Contents,Data Classification\r\n\
         Trees,\"one line\r\nand another\",Public\r\n\
         \r\n\
         Pools,Swimming,Secret\r\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "with_gaps", "C4", "Data Classification");
    assert_eq!(content.rows.len(), 1);
    assert_eq!(content.rows[0].row, 1);
    assert_eq!(content.rows[0].dataset.contents, "one line\nand another");

    // Blank lines before the header and several in a row, with \n endings.
    std::fs::write(
        &path,
        "\n\nDataset Name,Data Classification\nTrees,Public\n\n\nPools,Nope\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    assert_located(
        only_error(&content),
        "with_gaps",
        "B7",
        "Data Classification",
    );
    assert_eq!(content.rows[0].row, 3, "Trees is on row 4");
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Name, "Park Permits"),
            (Field::ContactEmail, "nobody"),
            (Field::Classification, "Secret"),
            (Field::StartDate, "soon"),
        ],
        &[(4, Field::Priority, "urgent")],
    );
    let content = import::read_file(&path).unwrap();
    let cells: Vec<&str> = content.errors.iter().map(|e| e.cell.as_str()).collect();
    assert_eq!(cells, ["X5", "B7", "L7", "T7"]);
    for e in &content.errors {
        assert_plain(&e.message);
    }
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..4096 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    for name in ["random.xlsx", "random.xls", "random.ods", "random.bin"] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = import::read_file(&path).unwrap_err().to_string();
        assert!(err.contains(name), "{err}");
        assert!(err.contains("Save it as .xlsx or .csv"), "{err}");
    }
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    assert!(import::read_file(&empty).is_err());

    // Random bytes in a .csv are read as text: refused, but never a panic.
    let csv = dir.path().join("random.csv");
    std::fs::write(&csv, &bytes).unwrap();
    if let Ok(content) = import::read_file(&csv) {
        assert!(!content.errors.is_empty());
    }
}

#[test]
fn a_damaged_workbook_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let good = inventory_xlsx(dir.path(), &[(Field::Name, "Park Permits")], &[]);
    let bytes = std::fs::read(&good).unwrap();
    let damaged = dir.path().join("damaged.xlsx");
    // Cut short at many lengths, and with bytes overwritten here and there.
    for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
        std::fs::write(&damaged, &bytes[..cut]).unwrap();
        let _ = import::read_file(&damaged);
    }
    for at in (0..bytes.len()).step_by(97) {
        let mut b = bytes.clone();
        for byte in b.iter_mut().skip(at).take(8) {
            *byte ^= 0x5a;
        }
        std::fs::write(&damaged, &b).unwrap();
        let _ = import::read_file(&damaged);
    }
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.xlsx");
    let err = import::read_file(&path).unwrap_err().to_string();
    assert!(err.contains("nowhere.xlsx"), "{err}");
    assert!(err.contains("no such file"), "{err}");
    let csv = dir.path().join("nowhere.csv");
    assert!(import::read_file(&csv).is_err());
}

/// The inventory as CSV bytes: what a coordinator would see of it.
fn snapshot(store: &Store, dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    inventory_desk::workbook::csv::export_csv(store, &path, None).unwrap();
    std::fs::read(path).unwrap()
}

#[test]
fn a_refused_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = parks_store();
    let mut trees = Dataset::named("Street Trees");
    trees.classification = Some(Classification::Public);
    trees.contents = "Every street tree".into();
    store.create_dataset(&parks(), trees).unwrap();
    store
        .create_dataset(&parks(), Dataset::named("Pools"))
        .unwrap();
    let before = snapshot(&store, dir.path(), "before.csv");

    // One good change, one new dataset, and one bad cell.
    let path = dir.path().join("return.csv");
    std::fs::write(
        &path,
        "Inventory ID,Dataset Name,Data Classification,Contents\n\
         PRK-0001,Street Trees,Sensitive,Every street tree and stump\n\
         ,Picnic Shelters,Public,Shelters to book\n\
         PRK-0002,Pools,Secret,\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(e, "return", "C4", "Data Classification");
    let plan = merge::plan(&store, path.clone(), content).unwrap();
    assert!(plan.has_errors());
    let err = merge::apply(&mut store, &plan, &Decisions::default()).unwrap_err();
    assert!(err.to_string().contains("nothing was imported"), "{err}");

    assert_eq!(store.dataset_count().unwrap(), 2);
    assert_eq!(snapshot(&store, dir.path(), "after.csv"), before);
}

#[test]
fn apply_refuses_any_plan_with_errors_even_from_merge() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = parks_store();
    store
        .create_dataset(&parks(), Dataset::named("Street Trees"))
        .unwrap();
    let before = snapshot(&store, dir.path(), "before.csv");

    // Two rows for the same dataset: the file itself is fine, the plan is not.
    let path = dir.path().join("twice.csv");
    std::fs::write(
        &path,
        "Dataset Name,Contents\nStreet Trees,first\nstreet trees,second\nNew One,new\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    let plan = merge::plan(&store, path.clone(), content).unwrap();
    assert_eq!(plan.errors.len(), 1, "{:#?}", plan.errors);
    assert_eq!(plan.errors[0].cell, "A3");
    assert_plain(&plan.errors[0].message);
    assert!(merge::apply(&mut store, &plan, &Decisions::default()).is_err());
    assert_eq!(snapshot(&store, dir.path(), "after.csv"), before);

    // A plan that was fine, with an error added after: still refused.
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "Dataset Name,Contents\nStreet Trees,changed\n").unwrap();
    let mut plan = merge::plan(&store, good.clone(), import::read_file(&good).unwrap()).unwrap();
    assert!(!plan.has_errors());
    plan.errors.push(Problem {
        sheet: "good".into(),
        cell: "B2".into(),
        column: column(Field::Contents).header.into(),
        message: "Found later.".into(),
    });
    assert!(merge::apply(&mut store, &plan, &Decisions::default()).is_err());
    assert_eq!(snapshot(&store, dir.path(), "after2.csv"), before);
}

#[test]
fn a_big_sheet_read_in_parts_keeps_its_rows_and_problems_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("Dataset Name,Priority\n");
    for i in 1..=5000 {
        let priority = match i {
            10 => "Urgent",
            4000 => "Soon",
            _ => "High",
        };
        text.push_str(&format!("Dataset {i},{priority}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let content = inventory_desk::workbook::import::read_file(&path).unwrap();
    let cells: Vec<&str> = content.errors.iter().map(|e| e.cell.as_str()).collect();
    assert_eq!(cells, ["B11", "B4001"]);
    assert_eq!(content.rows.len(), 4998);
    assert_eq!(content.rows[0].dataset.name, "Dataset 1");
    assert_eq!(content.rows[4997].dataset.name, "Dataset 5000");
    assert!(
        content.rows.windows(2).all(|w| w[0].row < w[1].row),
        "rows stay in sheet order"
    );
}
