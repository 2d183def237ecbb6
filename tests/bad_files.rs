//! Files with mistakes in them: every kind of problem is found, located by sheet,
//! cell and column, told in plain words, and a refused import changes nothing.

mod common;

use common::{assert_plain, parks, store_with_parks};

use std::path::{Path, PathBuf};

use inventory_desk::model::{Classification, Dataset, Department, Field};
use inventory_desk::store::Store;
use inventory_desk::workbook::columns::{COLUMNS, column};
use inventory_desk::workbook::import::{self, FileContent, Problem};
use inventory_desk::workbook::limits::Limits;
use inventory_desk::workbook::merge::{self, Decisions};
use rust_xlsxwriter::{Formula, Workbook};

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

/// The one problem of a file (the file's or a held row's), after checking
/// there is exactly one.
fn only_error(content: &FileContent) -> Problem {
    let problems = content.problems();
    assert_eq!(
        problems.len(),
        1,
        "expected exactly one problem, got {problems:#?}"
    );
    problems[0].clone()
}

fn assert_located(problem: &Problem, sheet: &str, cell: &str, column: &str) {
    assert_eq!(problem.sheet, sheet, "{problem:#?}");
    assert_eq!(problem.cell, cell, "{problem:#?}");
    assert_eq!(problem.column, column, "{problem:#?}");
    assert_plain(&problem.message);
}

/// Issue 15: a value that is none of a field's choices no longer refuses the
/// file (it was an error here). It is kept as written and listed, located.
#[test]
fn a_choice_value_the_app_does_not_know_is_kept_and_listed_not_refused() {
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
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    assert_eq!(content.rows.len(), 6, "every row is read");
    let map = &content.value_maps[0];
    assert_eq!(map.field, Field::Classification);
    assert_eq!(map.choices, ["Public", "Protected", "Sensitive"]);
    assert_eq!(
        (map.values[0].value.as_str(), map.values[0].cell.as_str()),
        ("Top Secret", "T7")
    );
    let permits = &content.rows[5].dataset;
    assert_eq!(permits.classification, None);
    assert_eq!(permits.other_details, "Data Classification: Top Secret");
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
    assert_located(&e, "Inventory", "L7", "Start Date");
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
    assert_located(&e, "Inventory", "M7", "End Date");
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
    assert_located(&e, "Inventory", "B7", "Contact Email Address");
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
    assert_located(&e, "Inventory", "AV7", "Inventory ID");
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
    assert_located(&e, "Inventory", "AV7", "Inventory ID");
    assert!(e.message.contains("PRK-0003"), "{}", e.message);
    assert!(
        e.message.contains("row 4"),
        "names the first row: {}",
        e.message
    );

    // And merge holds that row too, whatever the inventory holds.
    let store = store_with_parks();
    let plan = merge::plan(&store, path.clone(), content).unwrap();
    assert!(
        !plan.has_errors(),
        "a row's problem holds the row, not the file"
    );
    assert_eq!(plan.held.len(), 1);
    assert_eq!(plan.held[0].row, 6);
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
    assert_located(&e, "Inventory", "A7", "Dataset Name");
    assert!(e.message.contains("no Dataset Name"), "{}", e.message);
    assert_eq!(content.rows.len(), 5);
}

#[test]
fn blank_rows_are_skipped_without_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    // Row 7 has only spaces: blank, not a row without a name.
    let path = inventory_xlsx(dir.path(), &[(Field::Contents, "   ")], &[]);
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
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
    assert_eq!(content.problems().len(), 2, "{:#?}", content.problems());
    let div = &content.problems()[0];
    assert_located(div, "Inventory", "T2", "Data Classification");
    assert!(div.message.contains("#DIV/0!"), "{}", div.message);
    let na = &content.problems()[1];
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
        "Dataset Name,Contents,Start Date\r\n\
         Trees,\"one line\r\nand another\",2020-01-01\r\n\
         \r\n\
         Pools,Swimming,someday\r\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(&e, "with_gaps", "C4", "Start Date");
    assert_eq!(content.rows.len(), 1);
    assert_eq!(content.rows[0].row, 1);
    assert_eq!(content.rows[0].dataset.contents, "one line\nand another");

    // Blank lines before the header and several in a row, with \n endings.
    std::fs::write(
        &path,
        "\n\nDataset Name,Start Date\nTrees,2020-01-01\n\n\nPools,Nope\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    assert_located(&only_error(&content), "with_gaps", "B7", "Start Date");
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
    let problems = content.problems();
    let cells: Vec<&str> = problems.iter().map(|e| e.cell.as_str()).collect();
    assert_eq!(cells, ["B7", "L7"]);
    for e in &content.problems() {
        assert_plain(&e.message);
    }
    // Issue 15: values that are none of a field's choices are no longer errors;
    // they are listed, located, in the value maps.
    let mapped: Vec<&str> = content
        .value_maps
        .iter()
        .flat_map(|m| m.values.iter().map(|v| v.cell.as_str()))
        .collect();
    assert_eq!(mapped, ["T7", "X5"]);
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
        assert!(!content.problems().is_empty());
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
fn a_held_row_changes_nothing_and_the_other_rows_apply() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_parks();
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
        "Inventory ID,Dataset Name,Start Date,Contents\n\
         PRK-0001,Street Trees,2020-01-01,Every street tree and stump\n\
         ,Picnic Shelters,2021-05-01,Shelters to book\n\
         PRK-0002,Pools,someday,\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(&e, "return", "C4", "Start Date");
    let plan = merge::plan(&store, path.clone(), content).unwrap();
    assert!(!plan.has_errors());
    assert_eq!(plan.held[0].name, "Pools");
    merge::apply(&mut store, &plan, &Decisions::default()).unwrap();

    assert_eq!(store.dataset_count().unwrap(), 3, "Picnic Shelters added");
    let pools = store
        .dataset(&"PRK-0002".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(pools.start_date, None, "the held row changed nothing");
    let trees = store
        .dataset(&"PRK-0001".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        trees.start_date,
        chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
        "the good row applied"
    );
    assert_ne!(snapshot(&store, dir.path(), "after.csv"), before);

    // A problem about the whole file still changes nothing.
    let before = snapshot(&store, dir.path(), "before2.csv");
    let bad = dir.path().join("no names.csv");
    std::fs::write(&bad, "Colour,Size\nred,big\n").unwrap();
    let plan = merge::plan(&store, bad.clone(), import::read_file(&bad).unwrap()).unwrap();
    let err = merge::apply(&mut store, &plan, &Decisions::default()).unwrap_err();
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert_eq!(snapshot(&store, dir.path(), "after2.csv"), before);
}

#[test]
fn apply_refuses_any_plan_with_errors_even_from_merge() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_parks();
    store
        .create_dataset(&parks(), Dataset::named("Street Trees"))
        .unwrap();
    let before = snapshot(&store, dir.path(), "before.csv");

    // Two rows with one name: both are datasets (the second a new one), with
    // a warning at the second's name.
    let path = dir.path().join("twice.csv");
    std::fs::write(
        &path,
        "Dataset Name,Contents\nStreet Trees,first\nstreet trees,second\nNew One,new\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    let plan = merge::plan(&store, path.clone(), content).unwrap();
    assert!(plan.errors.is_empty() && plan.held.is_empty());
    assert_eq!(plan.warnings.len(), 1, "{:#?}", plan.warnings);
    assert_eq!(plan.warnings[0].cell, "A3");
    assert_plain(&plan.warnings[0].message);

    // A plan that was fine, with an error added after: refused.
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
    let mut text = String::from("Dataset Name,Start Date\n");
    for i in 1..=5000 {
        let start = match i {
            10 => "whenever",
            4000 => "soon",
            _ => "2020-01-01",
        };
        text.push_str(&format!("Dataset {i},{start}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let content = inventory_desk::workbook::import::read_file(&path).unwrap();
    let problems = content.problems();
    let cells: Vec<&str> = problems.iter().map(|e| e.cell.as_str()).collect();
    assert_eq!(cells, ["B11", "B4001"]);
    assert_eq!(content.rows.len(), 4998);
    assert_eq!(content.rows[0].dataset.name, "Dataset 1");
    assert_eq!(content.rows[4997].dataset.name, "Dataset 5000");
    assert!(
        content.rows.windows(2).all(|w| w[0].row < w[1].row),
        "rows stay in sheet order"
    );
}

// ---------------------------------------------------------------------------
// Files that are not what they seem, or too big: each refused by `check` and
// `import` alike with a plain message that names the file, status 1, no panic,
// and the inventory unchanged.
// ---------------------------------------------------------------------------

const BIN: &str = env!("CARGO_BIN_EXE_inventory-desk");

/// A database file with Parks and two datasets, as the command line uses it.
fn cli_database(dir: &Path) -> PathBuf {
    let db = dir.join("inventory.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .save_department(&Department::new(parks(), "Parks"))
        .unwrap();
    let mut trees = Dataset::named("Street Trees");
    trees.classification = Some(Classification::Public);
    store.create_dataset(&parks(), trees).unwrap();
    store
        .create_dataset(&parks(), Dataset::named("Pools"))
        .unwrap();
    db
}

fn run_cli(dir: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(BIN)
        .current_dir(dir)
        .env_remove("INVENTORY_DESK_DB")
        .env("HOME", dir.join("home"))
        .env("XDG_DATA_HOME", dir.join("home/data"))
        .args(args)
        .output()
        .unwrap()
}

/// `inventory-desk check FILE` and `inventory-desk --db DB import FILE` both refuse
/// `file`: status 1, no panic, one message that names the file and says each of
/// `says`; the inventory's CSV export is the same byte for byte before and after.
/// Returns the message.
fn assert_cli_refuses(file: &Path, says: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = cli_database(dir.path());
    let before = snapshot(&Store::open(&db).unwrap(), dir.path(), "before.csv");
    let mut message = String::new();
    for args in [
        vec!["check".as_ref(), file.as_os_str()],
        vec![
            "--db".as_ref(),
            db.as_os_str(),
            "import".as_ref(),
            file.as_os_str(),
        ],
    ] {
        let out = run_cli(dir.path(), &args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains("panicked"), "{args:?} panicked: {text}");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {text}");
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(text.contains(name), "the message names the file: {text}");
        for said in says {
            assert!(text.contains(said), "{args:?} should say {said:?}: {text}");
        }
        message = text;
    }
    let after = snapshot(&Store::open(&db).unwrap(), dir.path(), "after.csv");
    assert_eq!(after, before, "a refused file changes nothing");
    message
}

/// `check FILE` and `import FILE` both hold rows of `file`: status 1, no panic,
/// one message that names the file, says each of `says` and that rows were
/// held back; `check` changes nothing. Returns the import's message.
fn assert_cli_holds(file: &Path, says: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = cli_database(dir.path());
    let before = snapshot(&Store::open(&db).unwrap(), dir.path(), "before.csv");
    let mut message = String::new();
    for args in [
        vec![
            "--db".as_ref(),
            db.as_os_str(),
            "check".as_ref(),
            file.as_os_str(),
        ],
        vec![
            "--db".as_ref(),
            db.as_os_str(),
            "import".as_ref(),
            file.as_os_str(),
        ],
    ] {
        let out = run_cli(dir.path(), &args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains("panicked"), "{args:?} panicked: {text}");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {text}");
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(text.contains(name), "the message names the file: {text}");
        assert!(text.contains("held back"), "{text}");
        for said in says {
            assert!(text.contains(said), "{args:?} should say {said:?}: {text}");
        }
        if args[2] == "check" {
            let after = snapshot(&Store::open(&db).unwrap(), dir.path(), "after.csv");
            assert_eq!(after, before, "check changes nothing");
        }
        message = text;
    }
    message
}

/// The message of a file refused as a whole, checked for plain words.
fn refusal(path: &Path) -> String {
    let err = import::read_file(path).unwrap_err().to_string();
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(err.contains(name), "names the file: {err}");
    let said = err.split_once(": ").map(|(_, m)| m).unwrap_or(&err);
    assert_plain(&capitalized(said));
    err
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[test]
fn a_pdf_named_like_a_workbook_is_refused_as_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.xlsx");
    std::fs::write(
        &path,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    )
    .unwrap();
    let err = refusal(&path);
    assert!(err.contains("PDF document"), "{err}");
    assert_cli_refuses(&path, &["PDF document", "save it as .xlsx or .csv"]);
}

#[test]
fn a_text_file_renamed_xlsx_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.xlsx");
    std::fs::write(&path, "Dataset Name,Owner\r\nStreet Trees,Ana\r\n").unwrap();
    let err = refusal(&path);
    assert!(err.contains("plain text"), "{err}");
    assert_cli_refuses(&path, &["plain text", "rename it to end in .csv"]);

    // A web page saved with a spreadsheet's name, as some systems export.
    let html = dir.path().join("report.xls");
    std::fs::write(
        &html,
        "<!DOCTYPE html><html><body><table><tr><td>Dataset Name</td></tr></table></body></html>",
    )
    .unwrap();
    let err = refusal(&html);
    assert!(err.contains("web page"), "{err}");
    assert!(err.contains(".xls"), "{err}");
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.xlsx");
    std::fs::write(&path, b"").unwrap();
    let err = refusal(&path);
    assert!(err.contains("empty (0 bytes)"), "{err}");
    assert_cli_refuses(&path, &["empty (0 bytes)"]);
}

#[test]
fn a_truncated_xlsx_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let good = inventory_xlsx(dir.path(), &[(Field::Name, "Park Permits")], &[]);
    let bytes = std::fs::read(&good).unwrap();
    let path = dir.path().join("cut.xlsx");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = refusal(&path);
    assert!(err.contains("damaged or incomplete"), "{err}");
    assert_cli_refuses(
        &path,
        &["damaged or incomplete", "Copy or download it again"],
    );
}

/// A workbook's zip with one part's bytes replaced.
fn with_part(xlsx: &Path, part: &str, bytes: &[u8], out: &Path) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        writer.start_file(name.as_str(), options).unwrap();
        writer
            .write_all(if name == part { bytes } else { &content })
            .unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn a_workbook_with_a_damaged_sheet_names_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let good = inventory_xlsx(dir.path(), &[(Field::Name, "Park Permits")], &[]);
    let sheet = {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
        let mut xml = String::new();
        archive
            .by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    };
    // The sheet's XML cut in the middle of a cell.
    let cut = &sheet.as_bytes()[..sheet.len() * 2 / 3];
    let path = dir.path().join("damaged.xlsx");
    with_part(&good, "xl/worksheets/sheet1.xml", cut, &path);
    let err = refusal(&path);
    assert!(err.contains("the sheet \"Inventory\" is damaged"), "{err}");
    assert_cli_refuses(&path, &["\"Inventory\" is damaged", "save it again"]);
}

#[test]
fn an_empty_workbook_is_refused_as_having_no_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Inventory").unwrap();
    book.add_worksheet().set_name("Notes").unwrap();
    let path = dir.path().join("blank.xlsx");
    book.save(&path).unwrap();
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(&e, "Inventory", "", "");
    assert!(
        e.message.contains("no data") && e.message.contains("\"Inventory\""),
        "{}",
        e.message
    );
    assert_cli_refuses(&path, &["The workbook has no data", "right file"]);

    // A CSV with nothing in it says so too.
    let csv = dir.path().join("blank.csv");
    std::fs::write(&csv, "\u{feff}\r\n\r\n").unwrap();
    let content = import::read_file(&csv).unwrap();
    assert!(only_error(&content).message.contains("The file is empty"));
}

#[test]
fn a_workbook_without_any_known_column_lists_what_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Colour", "Size", "Weight"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
        sheet.write_string(1, c as u16, "x").unwrap();
    }
    let path = dir.path().join("other.xlsx");
    book.save(&path).unwrap();
    let content = import::read_file(&path).unwrap();
    let e = only_error(&content);
    assert_located(&e, "Sheet1", "", "");
    assert!(
        e.message.contains("None of this sheet's columns"),
        "{}",
        e.message
    );
    assert!(e.message.contains("Colour, Size, Weight"), "{}", e.message);
    assert_cli_refuses(&path, &["None of this sheet's columns", "Dataset Name"]);
}

// --- OLE files: an old .xls, and an .xlsx saved with a password ---------------

#[path = "support/ole.rs"]
mod ole;
use ole::{biff8_workbook, ole_file, record};

#[test]
fn an_old_xls_workbook_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.xls");
    let workbook = biff8_workbook(
        "Inventory",
        &[
            (0, 0, "Dataset Name"),
            (0, 1, "Start Date"),
            (1, 0, "Street Trees"),
            (1, 1, "2020-01-01"),
            (2, 0, "Pools"),
            (2, 1, "someday"),
        ],
    );
    ole_file(&path, &[("/Workbook", &workbook)]);
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows.len(), 1, "{:#?}", content.problems());
    assert_eq!(content.rows[0].dataset.name, "Street Trees");
    let e = only_error(&content);
    assert_located(&e, "Inventory", "B3", "Start Date");

    // An old workbook renamed .xlsx is read all the same.
    let renamed = dir.path().join("old-renamed.xlsx");
    std::fs::copy(&path, &renamed).unwrap();
    assert_eq!(import::read_file(&renamed).unwrap().rows.len(), 1);

    // A damaged one is refused plainly.
    let broken = dir.path().join("broken.xls");
    ole_file(&broken, &[("/Workbook", &workbook[..30])]);
    let err = refusal(&broken);
    assert!(err.contains("damaged"), "{err}");
    assert_cli_refuses(&broken, &["damaged", "save it as .xlsx or .csv"]);
    // An OLE file that holds no workbook (a Word 97 document) too.
    let word = dir.path().join("letter.xls");
    ole_file(&word, &[("/WordDocument", &[0u8; 5000])]);
    assert_cli_refuses(&word, &["not a spreadsheet this app can open"]);
}

#[test]
fn a_password_protected_xlsx_says_to_save_it_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    // What Excel writes for a workbook encrypted with a password: an OLE file
    // whose streams hold the encryption's description and the encrypted zip.
    let path = dir.path().join("protected.xlsx");
    let info = [4u8, 0, 4, 0, 0x40, 0, 0, 0];
    let package = vec![0xA5u8; 6000];
    ole_file(
        &path,
        &[("/EncryptionInfo", &info), ("/EncryptedPackage", &package)],
    );
    let err = refusal(&path);
    assert!(
        err.contains("protected by a password: save it without a password and import again"),
        "{err}"
    );
    assert_cli_refuses(
        &path,
        &["protected by a password: save it without a password and import again"],
    );

    // An old .xls saved with a password (a FilePass record) says the same.
    let mut workbook = biff8_workbook("Inventory", &[(0, 0, "Dataset Name")]);
    let mut filepass = Vec::new();
    record(&mut filepass, 0x002F, &[1, 0, 1, 0, 1, 0]);
    let bof_len = 4 + 16;
    workbook.splice(bof_len..bof_len, filepass.iter().copied());
    // The sheet moved down by the record's length.
    let at = u32::from_le_bytes(
        workbook[bof_len + 10 + 4..bof_len + 10 + 8]
            .try_into()
            .unwrap(),
    );
    let moved = (at + filepass.len() as u32).to_le_bytes();
    workbook[bof_len + 10 + 4..bof_len + 10 + 8].copy_from_slice(&moved);
    let xls = dir.path().join("protected.xls");
    ole_file(&xls, &[("/Workbook", &workbook)]);
    let err = refusal(&xls);
    assert!(err.contains("protected by a password"), "{err}");
}

// --- Files too big inside: refused before they are unpacked or read -----------

/// Sets the size that the zip's central directory declares for `part`.
fn declare_size(zip_bytes: &mut [u8], part: &str, size: u32) {
    let mut at = 0;
    let mut found = false;
    while let Some(i) = zip_bytes[at..]
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .map(|i| i + at)
    {
        let name_len = u16::from_le_bytes([zip_bytes[i + 28], zip_bytes[i + 29]]) as usize;
        if &zip_bytes[i + 46..i + 46 + name_len] == part.as_bytes() {
            zip_bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            found = true;
        }
        at = i + 4;
    }
    assert!(found, "{part} is in the zip");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let good = inventory_xlsx(dir.path(), &[(Field::Name, "Park Permits")], &[]);
    // A small file whose sheet says it unpacks to 3.7 GB.
    let mut bytes = std::fs::read(&good).unwrap();
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 0xF000_0000);
    let path = dir.path().join("bomb.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    assert!(bytes.len() < 20_000);
    let err = refusal(&path);
    assert!(
        err.contains("xl/worksheets/sheet1.xml") && err.contains("3.7 GB"),
        "{err}"
    );
    assert!(err.contains("768 MB"), "the limit is said: {err}");
    assert_cli_refuses(&path, &["would unpack to 3.7 GB", "made to cause harm"]);

    // Parts each under the limit, that add up past the total.
    let mut bytes = std::fs::read(&good).unwrap();
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 700 << 20);
    declare_size(&mut bytes, "xl/sharedStrings.xml", 700 << 20);
    std::fs::write(&path, &bytes).unwrap();
    let err = refusal(&path);
    assert!(err.contains("would unpack to 1.3 GB"), "{err}");
    assert!(err.contains("than the 1 GB"), "{err}");

    // A real bomb, honest about its size: 40 MB of one repeated cell that
    // compresses to a few KB, past limits made small for the test.
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Dataset Name</t></is></c></row>"#,
    );
    let filler = r#"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#;
    while xml.len() < 40 << 20 {
        xml.push_str(filler);
    }
    xml.push_str("</sheetData></worksheet>");
    let real = dir.path().join("real-bomb.xlsx");
    with_part(&good, "xl/worksheets/sheet1.xml", xml.as_bytes(), &real);
    assert!(std::fs::metadata(&real).unwrap().len() < 1 << 20);
    let small = Limits {
        unpacked_bytes: 30 << 20,
        part_bytes: 20 << 20,
        ..Limits::DEFAULT
    };
    let err = import::read_file_within(&real, &small)
        .unwrap_err()
        .to_string();
    assert!(err.contains("would unpack to 40 MB"), "{err}");
}

#[test]
fn a_sheet_of_a_million_rows_is_refused_at_the_row_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    sheet.write_string(0, 0, "Dataset Name").unwrap();
    for r in 1..=1_000_000u32 {
        sheet.write_number(r, 0, r as f64).unwrap();
    }
    let path = dir.path().join("million.xlsx");
    book.save(&path).unwrap();
    let started = std::time::Instant::now();
    let err = refusal(&path);
    assert!(
        err.contains("more than 500,000 rows of data (cell A500011 has a value)"),
        "{err}"
    );
    assert!(err.contains("split the inventory"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "the read stops at the limit"
    );
    assert_cli_refuses(&path, &["more than 500,000 rows of data"]);
}

#[test]
fn the_row_limit_counts_data_rows_below_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let limits = Limits {
        rows: 100,
        ..Limits::DEFAULT
    };
    // A title row, the header on row 3, then 101 datasets: one too many.
    let path = dir.path().join("long.csv");
    let mut text = String::from("Parks inventory\n\nDataset Name,Contents\n");
    for i in 1..=101 {
        text.push_str(&format!("Dataset {i},x\n"));
    }
    std::fs::write(&path, &text).unwrap();
    let content = import::read_file_within(&path, &limits).unwrap();
    let e = only_error(&content);
    assert_located(&e, "long", "A104", "");
    assert!(
        e.message.contains("more than 100 rows of data"),
        "{}",
        e.message
    );
    assert!(content.rows.is_empty(), "nothing is built past the limit");
    // 100 are fine.
    std::fs::write(&path, &text[..text.rfind("Dataset 101").unwrap()]).unwrap();
    let content = import::read_file_within(&path, &limits).unwrap();
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    assert_eq!(content.rows.len(), 100);
}

#[test]
fn a_value_far_to_the_right_or_too_many_cells_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    sheet.write_string(0, 0, "Dataset Name").unwrap();
    sheet.write_string(1, 0, "Street Trees").unwrap();
    sheet.write_string(1, 5000, "a stray note").unwrap();
    let path = dir.path().join("wide.xlsx");
    book.save(&path).unwrap();
    let err = refusal(&path);
    assert!(
        err.contains("cell GJI2, to the right of column AMJ"),
        "{err}"
    );
    assert_cli_refuses(&path, &["Delete the columns after AMJ"]);

    // Rows that each reach column AMJ: a few values, a million cells.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Dataset Name").unwrap();
    for r in 1..2000u32 {
        sheet.write_string(r, 0, "x").unwrap();
        sheet.write_string(r, 1000, "y").unwrap();
    }
    let path = dir.path().join("sparse.xlsx");
    book.save(&path).unwrap();
    let limits = Limits {
        cells: 1_000_000,
        ..Limits::DEFAULT
    };
    let err = import::read_file_within(&path, &limits)
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than 1,000,000 cells"), "{err}");

    // A CSV file past its size limit is refused before it is read.
    let csv = dir.path().join("big.csv");
    std::fs::write(&csv, "Dataset Name\n".repeat(1000)).unwrap();
    let limits = Limits {
        csv_bytes: 4096,
        ..Limits::DEFAULT
    };
    let err = import::read_file_within(&csv, &limits)
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than the 4 KB"), "{err}");
}

// --- Cells as spreadsheets make them ------------------------------------------

#[test]
fn cells_of_32767_characters_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let long = "é".repeat(32_767);
    let path = inventory_xlsx(
        dir.path(),
        &[(Field::Name, "Park Permits"), (Field::Contents, &long)],
        &[],
    );
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    let permits = content
        .rows
        .iter()
        .find(|r| r.dataset.name == "Park Permits")
        .unwrap();
    assert_eq!(permits.dataset.contents, long);

    // One character more (only a CSV can hold it) is located.
    let csv = dir.path().join("long.csv");
    std::fs::write(&csv, format!("Dataset Name,Contents\nPermits,{long}é\n")).unwrap();
    let content = import::read_file(&csv).unwrap();
    let e = only_error(&content);
    assert_located(&e, "long", "B2", "Contents");
    assert!(e.message.contains("32768 characters"), "{}", e.message);
}

#[test]
fn formulas_are_read_by_their_cached_value_and_error_cells_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    for (c, h) in [
        "Dataset Name",
        "Data Classification",
        "Start Date",
        "Contents",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // The value a spreadsheet program saved with each formula is what is read;
    // the formula itself is never run.
    sheet
        .write_formula(
            1,
            0,
            Formula::new(r#"="Park "&"Permits""#).set_result("Park Permits"),
        )
        .unwrap();
    sheet
        .write_formula(
            1,
            1,
            Formula::new(r#"=IF(TRUE,"Public")"#).set_result("Public"),
        )
        .unwrap();
    sheet
        .write_formula(1, 2, Formula::new("=DATE(2020,1,1)").set_result("43831"))
        .unwrap();
    sheet.write_string(2, 0, "Pools").unwrap();
    sheet
        .write_formula(2, 3, Formula::new("=#REF!").set_result("#REF!"))
        .unwrap();
    let path = dir.path().join("formulas.xlsx");
    book.save(&path).unwrap();

    let content = import::read_file(&path).unwrap();
    let permits = &content.rows[0].dataset;
    assert_eq!(permits.name, "Park Permits");
    assert_eq!(permits.classification, Some(Classification::Public));
    assert_eq!(
        permits.start_date,
        chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
    );
    let e = only_error(&content);
    assert_located(&e, "Inventory", "D3", "Contents");
    assert!(e.message.contains("#REF!"), "{}", e.message);
    assert_cli_holds(&path, &["D3 (Contents)", "#REF!"]);
}

#[test]
fn merged_cells_keep_their_value_in_the_first_cell_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    let plain = rust_xlsxwriter::Format::new();
    // A title merged across the top, above the headers: skipped like any title.
    sheet
        .merge_range(0, 0, 0, 2, "Parks inventory 2024", &plain)
        .unwrap();
    for (c, h) in ["Dataset Name", "Division", "Contents"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    // Division merged over two datasets: the value is in the first row's cell,
    // as Excel stores it, and the second dataset has none.
    sheet.write_string(2, 0, "Street Trees").unwrap();
    sheet.write_string(3, 0, "Pools").unwrap();
    sheet
        .merge_range(2, 1, 3, 1, "Urban Forestry", &plain)
        .unwrap();
    // A name merged over two rows: the second row has values but no name,
    // located, and the message says what to do with merged cells.
    sheet
        .merge_range(4, 0, 5, 0, "Picnic Shelters", &plain)
        .unwrap();
    sheet.write_string(4, 2, "Bookings").unwrap();
    sheet.write_string(5, 2, "Cancellations").unwrap();
    let path = dir.path().join("merged.xlsx");
    book.save(&path).unwrap();

    let content = import::read_file(&path).unwrap();
    let names: Vec<&str> = content
        .rows
        .iter()
        .map(|r| r.dataset.name.as_str())
        .collect();
    assert_eq!(names, ["Street Trees", "Pools", "Picnic Shelters"]);
    assert_eq!(content.rows[0].dataset.division, "Urban Forestry");
    assert_eq!(content.rows[1].dataset.division, "");
    let e = only_error(&content);
    assert_located(&e, "Inventory", "A6", "Dataset Name");
    assert!(e.message.contains("merged cells"), "{}", e.message);
    assert_cli_holds(&path, &["A6 (Dataset Name)", "merged cells"]);
}

#[test]
fn hidden_rows_and_columns_are_imported_like_any_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    for (c, h) in ["Dataset Name", "Contents", "Start Date"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Street Trees").unwrap();
    sheet.write_string(1, 1, "Every tree").unwrap();
    sheet.write_string(2, 0, "Pools").unwrap();
    sheet.write_string(2, 2, "someday").unwrap();
    sheet.set_row_hidden(2).unwrap();
    sheet.set_column_hidden(1).unwrap();
    let path = dir.path().join("hidden.xlsx");
    book.save(&path).unwrap();

    let content = import::read_file(&path).unwrap();
    assert_eq!(
        content.rows[0].dataset.contents, "Every tree",
        "hidden column read"
    );
    // The hidden row is read and checked too: its mistake is located.
    let e = only_error(&content);
    assert_located(&e, "Inventory", "C3", "Start Date");
    assert_cli_holds(&path, &["C3 (Start Date)"]);
}

#[test]
fn dates_typed_as_text_are_read_leniently_and_bad_ones_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.csv");
    std::fs::write(
        &path,
        "Dataset Name,Start Date,End Date\n\
         A,2024-03-01,Current\n\
         B,3/1/2024,ongoing\n\
         C,2024/03/01,\"March 1, 2024\"\n\
         D,1 Mar 2024,01-Mar-2024\n\
         E, 3-1-2024 ,45352\n\
         F,31/12/2024,2024-02-30\n\
         G,last spring,\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    let march = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
    for row in &content.rows {
        assert_eq!(row.dataset.start_date, march, "{}", row.dataset.name);
    }
    assert_eq!(content.rows.len(), 5);
    let problems = content.problems();
    let cells: Vec<&str> = problems.iter().map(|e| e.cell.as_str()).collect();
    assert_eq!(cells, ["B7", "C7", "B8"]);
    for e in &content.problems() {
        assert_plain(&e.message);
    }
    assert!(
        content.problems()[0]
            .message
            .contains("\"31/12/2024\" is not a date")
    );
    assert!(
        content.problems()[0].message.contains("3/31/2024"),
        "says how to write it"
    );
    assert_cli_holds(&path, &["B7 (Start Date)", "3 problems"]);
}

#[test]
fn a_repeated_inventory_id_is_refused_by_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.csv");
    std::fs::write(
        &path,
        "Inventory ID,Dataset Name\nPRK-0001,Street Trees\nPRK-0002,Pools\nPRK-0001,Trees again\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    assert_located(&only_error(&content), "twice", "A4", "Inventory ID");
    assert_cli_holds(&path, &["A4 (Inventory ID)", "PRK-0001 is also on row 2"]);
}

#[test]
fn a_repeated_header_with_values_is_an_error_naming_both_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeat.csv");
    std::fs::write(
        &path,
        "Dataset Name,Description,Owner,Contents\nStreet Trees,Every tree,Ana,Each tree and stump\n",
    )
    .unwrap();
    // "Description" is another name for Contents. In a file that is not our own
    // workbook, the exact header keeps the field and the other column is kept
    // in Other Details, named in a warning (issue 15: nothing is lost, and a
    // guess never refuses the file).
    let content = import::read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:#?}", content.errors);
    let w = content.warnings.iter().find(|w| w.cell == "B1").unwrap();
    assert!(
        w.message
            .contains("column D (\"Contents\") is read as Contents"),
        "{}",
        w.message
    );
    let trees = &content.rows[0].dataset;
    assert_eq!(trees.contents, "Each tree and stump");
    assert_eq!(trees.other_details, "Description: Every tree");

    // Both chosen as Contents, both cannot be read: an error naming both.
    let mut choices = inventory_desk::workbook::choices::ImportChoices::default();
    for header in ["Description", "Contents"] {
        choices.columns.insert(
            header.into(),
            inventory_desk::workbook::choices::ColumnChoice::Field(Field::Contents),
        );
    }
    let content = import::read_file_with(&path, &choices).unwrap();
    let e = only_error(&content);
    assert_located(&e, "repeat", "D1", "Contents");
    assert!(
        e.message.contains(
            "Column D (\"Contents\") and column B (\"Description\") are both the Contents column"
        ),
        "{}",
        e.message
    );
    assert!(e.message.contains("delete column D"), "{}", e.message);

    // Empty, the repeat is only a warning, naming both: nothing is lost.
    std::fs::write(
        &path,
        "Dataset Name,Contents,Contents\nStreet Trees,Every tree,\n",
    )
    .unwrap();
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    let w = content
        .warnings
        .iter()
        .find(|w| w.cell == "C1")
        .expect("a warning on the repeat");
    assert!(
        w.message.contains("Column C") && w.message.contains("column B"),
        "{}",
        w.message
    );
    assert!(
        w.message.contains("is empty, so it is ignored"),
        "{}",
        w.message
    );
    assert_eq!(content.rows[0].dataset.contents, "Every tree");
}

#[test]
fn right_to_left_text_and_emoji_are_kept_exactly_through_import_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let name = "حدائق المدينة 🌳";
    let contents = "\u{200F}שחייה בבריכה\u{200F} 🏊‍♀️ 👩🏽‍🔧 🇺🇸 — e\u{301}te\u{301}";
    let steward = "مريم Ana 李";
    let path = inventory_xlsx(
        dir.path(),
        &[
            (Field::Name, name),
            (Field::Contents, contents),
            (Field::Steward, steward),
        ],
        &[],
    );
    let mut store = store_with_parks();
    let plan = merge::plan(&store, path.clone(), import::read_file(&path).unwrap()).unwrap();
    assert!(!plan.has_errors(), "{:#?}", plan.errors);
    merge::apply(&mut store, &plan, &Decisions::default()).unwrap();
    let stored = store
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .expect("imported under its exact name");
    assert_eq!(stored.contents, contents);
    assert_eq!(stored.steward, steward);

    // Exported again, as a workbook and as CSV, and read back: the same characters.
    let xlsx = dir.path().join("again.xlsx");
    inventory_desk::workbook::export::export_xlsx(&mut store, &xlsx, None).unwrap();
    let csv = dir.path().join("again.csv");
    inventory_desk::workbook::csv::export_csv(&store, &csv, None).unwrap();
    for file in [&xlsx, &csv] {
        let content = import::read_file(file).unwrap();
        let back = content
            .rows
            .iter()
            .find(|r| r.dataset.name == name)
            .unwrap_or_else(|| panic!("{} keeps the name", file.display()));
        assert_eq!(back.dataset.contents, contents, "{}", file.display());
        assert_eq!(back.dataset.steward, steward, "{}", file.display());
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(contents), "the CSV holds the very characters");
}

#[test]
fn a_workbook_saved_with_a_csv_name_is_read_as_the_workbook_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = inventory_xlsx(dir.path(), &[(Field::Name, "Park Permits")], &[]);
    let path = dir.path().join("inventory.csv");
    std::fs::rename(&xlsx, &path).unwrap();
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{:#?}", content.problems());
    assert_eq!(content.rows.len(), 6);
    assert_eq!(content.sheet, "Inventory");
}

/// Found by the fuzzer (`fuzz/artifacts/import/oom-82ea…`): an OLE file of 3 KB
/// whose directory's chain of sectors loops back on itself. calamine followed it
/// until the memory ran out; it is refused as damaged before calamine reads it.
#[test]
fn an_old_workbook_whose_sectors_loop_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = biff8_workbook("Inventory", &[(0, 0, "Dataset Name")]);
    let mut bytes = ole::ole_bytes(&[("/Workbook", &workbook)]);
    let dir_start = u32::from_le_bytes(bytes[48..52].try_into().unwrap()) as usize;
    let fat_sector = u32::from_le_bytes(bytes[76..80].try_into().unwrap()) as usize;
    // The directory's sector is followed by itself.
    let at = (fat_sector + 1) * 512 + dir_start * 4;
    bytes[at..at + 4].copy_from_slice(&(dir_start as u32).to_le_bytes());
    let path = dir.path().join("loop.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let err = refusal(&path);
    assert!(err.contains("damaged or incomplete"), "{err}");
    assert_cli_refuses(&path, &["damaged or incomplete"]);

    // The fuzzer's own input, kept in the repository, says the same.
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/artifacts/import");
    for artifact in std::fs::read_dir(artifacts).unwrap().flatten() {
        let name = artifact.file_name().into_string().unwrap();
        if name.starts_with("oom-82ea66c9") {
            // The first byte chose the name: the rest is the file.
            let input = std::fs::read(artifact.path()).unwrap();
            let path = dir.path().join("fuzzed.xlsx");
            std::fs::write(&path, &input[1..]).unwrap();
            assert!(import::read_file(&path).is_err());
        }
    }
}

#[test]
fn an_old_workbook_declaring_a_billion_rows_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = biff8_workbook("Inventory", &[(0, 0, "Dataset Name")]);
    // A Dimensions record of rows 0 to 1,000,000,000 and 256 columns, just after
    // the sheet's first record: calamine would reserve room for every cell.
    let sheet_at = u32::from_le_bytes(workbook[24..28].try_into().unwrap()) as usize;
    let mut dimensions = Vec::new();
    dimensions.extend_from_slice(&0u32.to_le_bytes());
    dimensions.extend_from_slice(&1_000_000_000u32.to_le_bytes());
    dimensions.extend_from_slice(&0u16.to_le_bytes());
    dimensions.extend_from_slice(&256u16.to_le_bytes());
    dimensions.extend_from_slice(&[0, 0]);
    let mut record_bytes = Vec::new();
    record(&mut record_bytes, 0x0200, &dimensions);
    workbook.splice(sheet_at + 20..sheet_at + 20, record_bytes);
    let path = dir.path().join("huge.xls");
    ole_file(&path, &[("/Workbook", &workbook)]);
    let err = refusal(&path);
    assert!(err.contains("damaged or incomplete"), "{err}");

    // The same record with the sheet's true size is read.
    let mut honest = workbook.clone();
    let at = sheet_at + 20 + 4 + 4;
    honest[at..at + 4].copy_from_slice(&1u32.to_le_bytes());
    let path = dir.path().join("honest.xls");
    ole_file(&path, &[("/Workbook", &honest)]);
    assert!(import::read_file(&path).is_ok());
}
