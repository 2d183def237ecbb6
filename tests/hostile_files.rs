//! Files made to break the reader (issue 14, items 9–11 and 13): text in other
//! encodings and separators, broken quotes, counts and dates that would abort or
//! panic, and files small on disk that would expand past the memory. Each is read,
//! or refused with a plain located message, without a panic and within 1 GiB,
//! measured as the peak resident memory of `inventory-desk check FILE`.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use inventory_desk::model::Field;
use inventory_desk::workbook::columns::COLUMNS;
use inventory_desk::workbook::import::{self, FileContent, Problem};
use rust_xlsxwriter::{Format, Formula, Workbook};

const BIN: &str = env!("CARGO_BIN_EXE_inventory-desk");

/// The most memory a file may take to be read or refused.
const GIB: u64 = 1 << 30;

/// What `inventory-desk check FILE` did: its exit status, what it said, its peak
/// resident memory (as the kernel counted it for that one process) and its time.
struct Run {
    code: Option<i32>,
    said: String,
    peak: u64,
    took: Duration,
}

/// Runs `inventory-desk check FILE` as a child process and waits for it with
/// `wait4`, which gives that child's own peak resident memory. With no
/// inventory, `check` answers as an import into a new one would, which asks
/// the department of rows that name none: `--department` gives it.
fn check_cli(file: &Path) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut child = std::process::Command::new(BIN)
        .current_dir(dir.path())
        .env_remove("INVENTORY_DESK_DB")
        .env("HOME", dir.path().join("home"))
        .env("XDG_DATA_HOME", dir.path().join("home/data"))
        .arg("check")
        .arg(file)
        .args(["--department", "Parks"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = out.read_to_string(&mut text);
        text
    });
    let mut said = String::new();
    let _ = err.read_to_string(&mut said);
    said.push_str(&reader.join().unwrap());
    let mut status = 0;
    // SAFETY: rusage is plain data, and the pid is our own child, not yet reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4 failed");
    let took = start.elapsed();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // Linux counts ru_maxrss in KiB.
    let peak = usage.ru_maxrss as u64 * 1024;
    eprintln!(
        "check {}: exit {code:?}, peak {} MiB, {:.2} s",
        file.file_name().unwrap().to_string_lossy(),
        peak >> 20,
        took.as_secs_f64()
    );
    std::mem::forget(child); // reaped above
    Run {
        code,
        said,
        peak,
        took,
    }
}

/// `check FILE` ended by itself with `code`, without a panic, within 1 GiB, and
/// named the file. Returns what it said.
fn assert_checked(file: &Path, code: i32) -> String {
    let run = check_cli(file);
    assert!(!run.said.contains("panicked"), "it panicked: {}", run.said);
    assert_eq!(run.code, Some(code), "exit status: {}", short(&run.said));
    assert!(
        run.peak < GIB,
        "peak memory {} MiB: {}",
        run.peak >> 20,
        short(&run.said)
    );
    assert!(run.took < Duration::from_secs(60), "took {:?}", run.took);
    let name = file.file_name().unwrap().to_str().unwrap();
    assert!(
        run.said.contains(name),
        "names the file: {}",
        short(&run.said)
    );
    assert!(
        run.said.len() < 20_000,
        "a short message: {}",
        short(&run.said)
    );
    run.said
}

fn short(text: &str) -> String {
    text.chars().take(2000).collect()
}

fn assert_located(problem: &Problem, sheet: &str, cell: &str, column: &str) {
    assert_eq!(problem.sheet, sheet, "{problem:#?}");
    assert_eq!(problem.cell, cell, "{problem:#?}");
    assert_eq!(problem.column, column, "{problem:#?}");
    common::assert_plain(&problem.message);
}

// --- Workbooks made by hand -------------------------------------------------

/// An `.xlsx` with the Inventory headers and one dataset row (row 2), with a
/// number cell styled as a date in Start Date (L2) and an error cell (#N/A) in
/// Data Classification (T2).
fn inventory_xlsx(dir: &Path) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    for (c, col) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, col.header).unwrap();
    }
    sheet.write_string(1, 0, "Park Permits").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_number_with_format(1, Field::StartDate.index() as u16, 45000.0, &date)
        .unwrap();
    sheet
        .write_formula(
            1,
            Field::Classification.index() as u16,
            Formula::new("=NA()").set_result("#N/A"),
        )
        .unwrap();
    let path = dir.join("inventory.xlsx");
    book.save(&path).unwrap();
    path
}

/// One part of a zip as text.
fn part_text(zip_path: &Path, part: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip_path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A copy of a zip with one part's bytes replaced (deflated).
fn with_part(zip_path: &Path, part: &str, bytes: &[u8], out: &Path) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip_path).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
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

// --- Item 11: counts, dates and error values --------------------------------

#[test]
fn a_shared_strings_count_past_what_the_part_holds_is_refused_before_it_is_reserved() {
    let dir = tempfile::tempdir().unwrap();
    let good = inventory_xlsx(dir.path());
    let strings = part_text(&good, "xl/sharedStrings.xml");
    assert!(strings.contains("uniqueCount=\""), "{strings}");
    for (name, count) in [
        ("hundred-billion.xlsx", "100000000000"),
        ("two-to-the-64.xlsx", "18446744073709551615"),
    ] {
        let start = strings.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = start + strings[start..].find('"').unwrap();
        let hostile = format!("{}{count}{}", &strings[..start], &strings[end..]);
        let path = dir.path().join(name);
        with_part(&good, "xl/sharedStrings.xml", hostile.as_bytes(), &path);
        assert!(std::fs::metadata(&path).unwrap().len() < 20_000);
        let err = import::read_file(&path).unwrap_err().to_string();
        assert!(err.contains(name), "{err}");
        assert!(err.contains("xl/sharedStrings.xml"), "{err}");
        assert!(err.contains("more than it could hold"), "{err}");
        let said = assert_checked(&path, 1);
        assert!(said.contains("ask whoever sent it"), "{said}");
    }
}

#[test]
fn a_date_cell_out_of_any_calendar_is_a_located_problem_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let good = inventory_xlsx(dir.path());
    let sheet = part_text(&good, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<v>45000</v>"), "{sheet}");
    for (name, value) in [
        ("minus-inf.xlsx", "-inf"),
        ("minus-1e308.xlsx", "-1e308"),
        ("plus-1e308.xlsx", "1e308"),
        ("nan.xlsx", "nan"),
    ] {
        let hostile = sheet.replace("<v>45000</v>", &format!("<v>{value}</v>"));
        let path = dir.path().join(name);
        with_part(&good, "xl/worksheets/sheet1.xml", hostile.as_bytes(), &path);
        let content = import::read_file(&path).unwrap();
        let problems = content.problems();
        let start = problems
            .iter()
            .find(|e| e.cell == "L2")
            .unwrap_or_else(|| panic!("{value}: {:#?}", content.problems()));
        assert_located(start, "Inventory", "L2", "Start Date");
        assert_checked(&path, 1);
    }
}

#[test]
fn excel_365_error_values_are_located_like_ref() {
    let dir = tempfile::tempdir().unwrap();
    let good = inventory_xlsx(dir.path());
    let sheet = part_text(&good, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<v>#N/A</v>"), "{sheet}");
    for value in ["#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#GETTING_DATA"] {
        let hostile = sheet.replace("<v>#N/A</v>", &format!("<v>{value}</v>"));
        let path = dir.path().join("spill.xlsx");
        with_part(&good, "xl/worksheets/sheet1.xml", hostile.as_bytes(), &path);
        let content = import::read_file(&path).unwrap();
        assert_eq!(
            content.problems().len(),
            1,
            "{value}: {:#?}",
            content.problems()
        );
        let problems = content.problems();
        let e = &problems[0];
        assert_located(e, "Inventory", "T2", "Data Classification");
        assert!(e.message.contains(value), "{}", e.message);
        assert!(content.rows.is_empty());
    }
}

/// The errors of a file, for messages.
#[allow(dead_code)]
fn errors(content: &FileContent) -> String {
    content
        .problems()
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

// --- Item 9: encodings and separators ----------------------------------------

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn names_and_contents(content: &FileContent) -> Vec<(String, String)> {
    content
        .rows
        .iter()
        .map(|r| (r.dataset.name.clone(), r.dataset.contents.clone()))
        .collect()
}

#[test]
fn a_csv_keeps_utf8_where_it_is_valid_and_reads_the_rest_as_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "Dataset Name,Contents\r\nPermits,Zürich office\r\n"
        .as_bytes()
        .to_vec();
    // Row 3 as Excel on Windows saves it: curly quotes, é, €, an en dash.
    bytes.extend_from_slice(b"Fees,\x93Caf\xe9\x94 \x80 5\x966\r\n");
    bytes.extend_from_slice("Trees,Ça va\r\n".as_bytes());
    let path = write(dir.path(), "mixed.csv", &bytes);
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{}", errors(&content));
    assert_eq!(
        names_and_contents(&content),
        [
            ("Permits".to_string(), "Zürich office".to_string()),
            ("Fees".to_string(), "\u{201c}Café\u{201d} € 5–6".to_string()),
            ("Trees".to_string(), "Ça va".to_string()),
        ]
    );
    let warning = content
        .warnings
        .iter()
        .find(|w| w.message.contains("Windows-1252"))
        .unwrap_or_else(|| panic!("{:#?}", content.warnings));
    assert_eq!(warning.sheet, "mixed");
    assert!(warning.message.contains("row 3 was"), "{}", warning.message);
    common::assert_plain(&warning.message);
    assert_checked(&path, 0);
}

#[test]
fn a_utf16_unicode_text_file_from_excel_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Dataset Name\tContents\r\nZürich Permits\tFees, in €\r\nTrees\tÇa\r\n";
    for (name, bytes) in [
        (
            "unicode-le.txt",
            [
                vec![0xFF, 0xFE],
                text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            ]
            .concat(),
        ),
        (
            "unicode-be.csv",
            [
                vec![0xFE, 0xFF],
                text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            ]
            .concat(),
        ),
    ] {
        let path = write(dir.path(), name, &bytes);
        let content = import::read_file(&path).unwrap();
        assert!(
            content.problems().is_empty(),
            "{name}: {}",
            errors(&content)
        );
        assert_eq!(
            names_and_contents(&content),
            [
                ("Zürich Permits".to_string(), "Fees, in €".to_string()),
                ("Trees".to_string(), "Ça".to_string()),
            ],
            "{name}"
        );
        let said = assert_checked(&path, 0);
        assert!(!said.contains('\0'), "no NUL bytes: {said:?}");
    }
}

#[test]
fn semicolon_and_tab_separated_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "semicolons.csv",
            "Dataset Name;Contents;Data Classification\r\nTrees;Oaks, elms;Public\r\nPools;\"a;b\";Public\r\n",
        ),
        (
            "excel-hint.csv",
            "sep=;\r\nDataset Name;Contents;Data Classification\r\nTrees;Oaks, elms;Public\r\nPools;\"a;b\";Public\r\n",
        ),
        (
            "tabs.csv",
            "Dataset Name\tContents\tData Classification\nTrees\tOaks, elms\tPublic\nPools\ta;b\tPublic\n",
        ),
    ] {
        let path = write(dir.path(), name, text.as_bytes());
        let content = import::read_file(&path).unwrap();
        assert!(
            content.problems().is_empty(),
            "{name}: {}",
            errors(&content)
        );
        assert!(
            content.warnings.is_empty(),
            "{name}: {:#?}",
            content.warnings
        );
        assert_eq!(
            names_and_contents(&content),
            [
                ("Trees".to_string(), "Oaks, elms".to_string()),
                ("Pools".to_string(), "a;b".to_string()),
            ],
            "{name}"
        );
        assert!(
            content
                .rows
                .iter()
                .all(|r| r.dataset.classification.is_some())
        );
    }
}

// --- Item 10: quotes and separators inside values ----------------------------

#[test]
fn a_quote_never_closed_is_warned_at_its_row_and_the_rows_after_it_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "unclosed.csv",
        b"Dataset Name,Contents\r\nTrees,Oaks\r\nPools,\"Indoor and outdoor\r\nPermits,Fees\r\nParks,All of them\r\n",
    );
    let content = import::read_file(&path).unwrap();
    assert!(content.problems().is_empty(), "{}", errors(&content));
    let names: Vec<&str> = content
        .rows
        .iter()
        .map(|r| r.dataset.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Trees", "Pools", "Permits", "Parks"],
        "no row swallowed"
    );
    assert_eq!(content.rows[1].dataset.contents, "\"Indoor and outdoor");
    assert_eq!(content.warnings.len(), 1, "{:#?}", content.warnings);
    let w = &content.warnings[0];
    assert_eq!((w.sheet.as_str(), w.cell.as_str()), ("unclosed", "B3"));
    assert!(w.message.contains("row 3"), "{}", w.message);
    assert!(w.message.contains("never closed"), "{}", w.message);
    common::assert_plain(&w.message);
    let said = assert_checked(&path, 0);
    assert!(said.contains("never closed"), "{said}");
}

#[test]
fn a_row_with_more_values_than_the_header_is_held_with_a_located_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "extra-comma.csv",
        b"Dataset Name,Contents,Data Classification\r\nTrees,Oaks,Public\r\nPools,Indoor, outdoor,Public\r\nPermits,Fees,Public,,,\r\n",
    );
    let content = import::read_file(&path).unwrap();
    let problems = content.problems();
    let e = match problems.as_slice() {
        [e] => e,
        other => panic!("one error: {other:#?}"),
    };
    assert_eq!((e.sheet.as_str(), e.cell.as_str()), ("extra-comma", "D3"));
    assert!(e.message.contains("double quotes"), "{}", e.message);
    assert!(e.message.contains("Row 3 was not read"), "{}", e.message);
    common::assert_plain(&e.message);
    let names: Vec<&str> = content
        .rows
        .iter()
        .map(|r| r.dataset.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Trees", "Permits"],
        "only that row is held; trailing empty cells are no values"
    );
    assert_checked(&path, 1);
}

// --- Item 13: files that would expand past the memory -------------------------

/// An `.ods` whose one table is `rows` row elements, each a value repeated
/// `columns` times: a few KB on disk.
fn repeating_ods(path: &Path, rows: usize, columns: u64) {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Inventory"><table:table-row><table:table-cell office:value-type="string"><text:p>Dataset Name</text:p></table:table-cell></table:table-row>"#,
    );
    for _ in 0..rows {
        content.push_str(&format!(
            r#"<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="{columns}"><text:p>x</text:p></table:table-cell></table:table-row>"#
        ));
    }
    content.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("mimetype", stored).unwrap();
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    writer
        .start_file("META-INF/manifest.xml", deflated)
        .unwrap();
    writer.write_all(manifest.as_bytes()).unwrap();
    writer.start_file("content.xml", deflated).unwrap();
    writer.write_all(content.as_bytes()).unwrap();
    writer.finish().unwrap();
}

#[test]
fn an_ods_repeating_cells_past_the_limit_is_refused_before_it_expands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeated.ods");
    // 1,000 rows of a value repeated across 16,384 columns: 16 million cells,
    // about 2.5 GB in calamine, from a file of a few KB.
    repeating_ods(&path, 1_000, 1 << 40);
    assert!(std::fs::metadata(&path).unwrap().len() < 10_000);
    let err = import::read_file(&path).unwrap_err().to_string();
    assert!(err.contains("repeated.ods"), "{err}");
    assert!(
        err.contains("the sheet \"Inventory\" repeats its cells"),
        "{err}"
    );
    let said = assert_checked(&path, 1);
    assert!(said.contains("save the file as .xlsx"), "{said}");

    // A small one is read as before.
    let small = dir.path().join("small.ods");
    repeating_ods(&small, 3, 2);
    let content = import::read_file(&small).unwrap();
    assert_eq!(content.rows.len(), 3, "{}", errors(&content));
}

#[test]
fn a_csv_of_commas_is_read_within_1_gib() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("commas.csv");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        file.write_all(b"Dataset Name,Contents\nTrees,Oaks")
            .unwrap();
        let commas = vec![b','; 1 << 20];
        for _ in 0..48 {
            file.write_all(&commas).unwrap();
        }
        file.write_all(b"\nPools,Indoor\n").unwrap();
    }
    let content = import::read_file(&path).unwrap();
    let names: Vec<&str> = content
        .rows
        .iter()
        .map(|r| r.dataset.name.as_str())
        .collect();
    assert_eq!(names, ["Trees", "Pools"], "{}", errors(&content));
    assert_checked(&path, 0);
}

#[test]
fn a_huge_cell_is_refused_and_a_long_header_is_shortened_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    // A header of 900 KB that is no known column: the warning quotes 60 characters.
    let mut text = String::from("Dataset Name,");
    text.push_str(&"Notes ".repeat(150_000));
    text.push_str("\nTrees,x\n");
    let path = write(dir.path(), "long-header.csv", text.as_bytes());
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows.len(), 1, "{}", errors(&content));
    let w = &content.warnings[0];
    assert!(w.column.chars().count() <= 61, "{}", w.column.len());
    assert_eq!(w.cell, "B1");
    assert!(w.to_string().len() < 200, "{}", w.to_string().len());
    assert_checked(&path, 0);

    // A cell of 5 MB (a whole file in one cell) is refused, located, at once.
    let mut text = String::from("Dataset Name,Contents\nTrees,");
    text.push_str(&"x".repeat(5 << 20));
    let path = write(dir.path(), "one-cell.csv", text.as_bytes());
    let err = import::read_file(&path).unwrap_err().to_string();
    assert!(
        err.contains("the cell B2 of the sheet \"one-cell\""),
        "{err}"
    );
    assert!(err.len() < 600, "{}", err.len());
    assert_checked(&path, 1);

    // A bad value of 500 KB is quoted short in the problem.
    let mut text = String::from("Dataset Name,Data Classification\nTrees,");
    text.push_str(&"Secret ".repeat(70_000));
    let path = write(dir.path(), "long-value.csv", text.as_bytes());
    let content = import::read_file(&path).unwrap();
    let problems = content.problems();
    let e = &problems[0];
    assert_eq!(e.cell, "B2");
    assert!(e.message.len() < 1_000, "{}", e.message.len());
}

#[test]
fn demo_refuses_more_sample_datasets_than_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    let out = std::process::Command::new(BIN)
        .current_dir(dir.path())
        .env_remove("INVENTORY_DESK_DB")
        .env("HOME", dir.path().join("home"))
        .env("XDG_DATA_HOME", dir.path().join("home/data"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--datasets", "500001"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains("at most 500,000 sample datasets"), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    assert!(!db.exists(), "nothing was made");
}

// --- Portal catalogs (data.json) made to break the reader --------------------

fn write_text(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_catalog_of_millions_of_tiny_values_is_refused_within_1_gib() {
    let dir = tempfile::tempdir().unwrap();
    // 120 MB, under the catalog's size limit, that would parse to 2 GB or more.
    let mut text = String::from(r#"{"dataset":[{"title":"A","keyword":["#);
    text.push_str(&"0,".repeat(60_000_000));
    text.push_str("0]}]}");
    let zeros = write_text(dir.path(), "zeros.json", &text);
    drop(text);
    let said = assert_checked(&zeros, 1);
    assert!(said.contains("separate values"), "{}", short(&said));
    std::fs::remove_file(&zeros).unwrap();
    // A million distributions of one dataset: 40 MB that took more than 1 GiB.
    let links: Vec<String> = (0..1_000_000)
        .map(|i| format!(r#"{{"downloadURL":"https://example.com/{i}"}}"#))
        .collect();
    let text = format!(
        r#"{{"dataset":[{{"title":"A","identifier":"a","distribution":[{}]}}]}}"#,
        links.join(",")
    );
    drop(links);
    let many = write_text(dir.path(), "distributions.json", &text);
    let said = assert_checked(&many, 1);
    assert!(said.contains("one publisher at a time"), "{}", short(&said));
}

#[test]
fn a_catalog_nested_100_000_deep_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let deep = write_text(dir.path(), "deep.json", "[".repeat(100_000));
    let said = assert_checked(&deep, 1);
    assert!(said.contains("nested"), "{said}");
    assert!(said.contains("line 1, column 128"), "{said}");
}

#[test]
fn a_catalog_saved_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend_from_slice(br#"{"dataset":[{"title":"Trees","identifier":"t-1"}]}"#);
    let path = write_text(dir.path(), "data.json", text);
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows.len(), 1);
    assert_eq!(content.rows[0].dataset.name, "Trees");
}

#[test]
fn a_catalog_not_in_utf8_is_refused_naming_the_encoding_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_text(
        dir.path(),
        "data.json",
        b"{\"dataset\":[\n{\"title\":\"Caf\xe9\"}]}".as_slice(),
    );
    let err = import::read_file(&path).unwrap_err().to_string();
    assert!(err.contains("data.json"), "{err}");
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("save it as UTF-8"), "{err}");
}

#[test]
fn a_catalog_entry_that_is_not_a_dataset_is_held_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_text(
        dir.path(),
        "data.json",
        r#"{"dataset":[1,"text",null,true,[],{"title":"Trees"},{}]}"#,
    );
    let content = import::read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    assert_eq!(content.rows.len(), 1);
    assert_eq!(content.rows[0].dataset.name, "Trees");
    assert_eq!(content.held.len(), 6);
    for problem in content.problems() {
        assert!(problem.cell.starts_with("dataset "), "{problem:?}");
        assert!(!problem.message.contains("null"), "{problem:?}");
        common::assert_plain(&problem.message);
    }
    assert!(content.problems()[2].message.contains("holds nothing"));
}

#[test]
fn a_catalog_value_too_long_to_keep_holds_its_dataset_and_is_not_lost_silently() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = serde_json::json!({"dataset": [
        { "title": "Trees", "identifier": "t-1", "notes": "n".repeat(40_000) },
        { "title": "T".repeat(40_000), "identifier": "t-2" },
        { "title": "Bridges", "identifier": "b-3" }
    ]});
    let path = write_text(dir.path(), "data.json", catalog.to_string());
    let content = import::read_file(&path).unwrap();
    assert!(content.errors.is_empty(), "{:?}", content.errors);
    let names: Vec<&str> = content
        .rows
        .iter()
        .map(|r| r.dataset.name.as_str())
        .collect();
    assert_eq!(names, ["Bridges"]);
    let problems = content.problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].message.contains("key notes"), "{problems:?}");
    assert!(
        problems[0].message.contains("40,007 characters"),
        "{problems:?}"
    );
    assert!(
        problems[1].message.contains("title is 40,000 characters"),
        "{problems:?}"
    );
    assert!(!problems[1].message.contains("no title"), "{problems:?}");
    for problem in &problems {
        common::assert_plain(&problem.message);
    }
}

#[test]
fn two_datasets_with_one_portal_identifier_hold_the_second_not_merge_on_the_next_import() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = serde_json::json!({"dataset": [
        { "title": "Trees", "identifier": "x" },
        { "title": "Bridges", "identifier": "x" },
        { "title": "Parks", "identifier": "y" }
    ]});
    let path = write_text(dir.path(), "data.json", catalog.to_string());
    let content = import::read_file(&path).unwrap();
    let names: Vec<&str> = content
        .rows
        .iter()
        .map(|r| r.dataset.name.as_str())
        .collect();
    assert_eq!(names, ["Trees", "Parks"]);
    let problems = content.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].cell, "dataset 2 (“Bridges”)");
    assert!(
        problems[0]
            .message
            .contains("same identifier (\"x\") as dataset 1")
    );
    common::assert_plain(&problems[0].message);
}

// --- Foreign headers made to slow the mapping down -----------------------------

#[test]
fn a_file_of_1_000_columns_and_1_000_rows_is_mapped_and_read_in_seconds_not_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.csv");
    let mut out = csv::Writer::from_path(&path).unwrap();
    let header: Vec<String> = std::iter::once("Dataset Name".to_string())
        .chain((0..999).map(|i| format!("Field{i}")))
        .collect();
    out.write_record(&header).unwrap();
    for r in 0..1_000 {
        let row: Vec<String> = std::iter::once(format!("Dataset {r}"))
            .chain((0..999).map(|i| match i % 3 {
                0 => format!("https://example.org/{i}"),
                1 => "someone@example.org".to_string(),
                _ => "2019".to_string(),
            }))
            .collect();
        out.write_record(&row).unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let run = check_cli(&path);
    assert_eq!(run.code, Some(0), "{}", short(&run.said));
    // A debug build took 45 s: each cell of the header rows was compared with
    // every field's names normalized again, and each row's kept lines with
    // one another. A debug build now takes about 2 s.
    assert!(run.took < Duration::from_secs(20), "took {:?}", run.took);
    assert!(run.peak < GIB);
}

#[test]
fn a_run_together_header_of_100_000_letters_is_read_at_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let long = "datasetname".repeat(9_091);
    let path = write_text(
        dir.path(),
        "long-header.csv",
        format!("Dataset Name,{long}\nTrees,tall\n"),
    );
    let run = check_cli(&path);
    assert_eq!(run.code, Some(0), "{}", short(&run.said));
    assert!(run.took < Duration::from_secs(10), "took {:?}", run.took);
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows.len(), 1);
    assert!(content.rows[0].dataset.other_details.ends_with(": tall"));
}

#[test]
fn headers_of_a_hundred_thousand_words_are_kept_under_a_short_name_in_seconds() {
    let dir = tempfile::tempdir().unwrap();
    // Ten columns whose headers are each 900 KB of words (a 200 MB header is
    // 200 of them). Each was cut into words and compared with the fields'
    // names (20 s a column), and written whole before each row's value in
    // Other Details (200 of them passed a gigabyte).
    let mut text = String::from("Dataset Name");
    for c in 0..10 {
        text.push(',');
        text.push_str(&format!("Notes{c:03} ").repeat(100_000));
    }
    text.push_str("\nTrees");
    for c in 0..10 {
        text.push_str(&format!(",{}", 100 + c));
    }
    text.push('\n');
    let path = write_text(dir.path(), "long-headers.csv", &text);
    assert!(text.len() > 9_000_000);
    let said = assert_checked(&path, 0);
    let run = check_cli(&path);
    assert!(run.took < Duration::from_secs(20), "took {:?}", run.took);
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows.len(), 1, "{said}");
    let details = &content.rows[0].dataset.other_details;
    for c in 0..10 {
        // Every value kept, under the name's start and its column letter.
        let column = inventory_desk::workbook::column_letters(c + 1);
        assert!(
            details.contains(&format!("Notes{c:03} Notes{c:03}"))
                && details.contains(&format!("(column {column}): {}", 100 + c)),
            "{details}"
        );
    }
    assert!(details.len() < 2_000, "{}", details.len());
}

#[test]
fn a_refusal_for_a_file_with_no_known_column_reads_as_whole_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_text(dir.path(), "nothing.csv", ",,\na,b,c\n");
    let content = import::read_file(&path).unwrap();
    let message = &content.errors[0].message;
    assert!(message.contains("a, b, c"), "{message}");
    assert!(!message.contains(", or The"), "{message}");
    assert!(
        message.contains("--map file). Or, in the file, give"),
        "{message}"
    );
}

#[test]
fn a_project_open_data_csv_with_a_key_twice_keeps_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_text(
        dir.path(),
        "catalog.csv",
        "identifier,title,accessLevel,identifier,contactPoint,fn\n\
         a-1,Trees,public,b-2,Pat at Parks,Pat\n",
    );
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows.len(), 1, "{:?}", content.problems());
    let trees = &content.rows[0].dataset;
    assert_eq!(trees.get(Field::PortalIdentifier), "a-1");
    assert!(
        trees.other_details.contains("identifier (column D): b-2"),
        "{}",
        trees.other_details
    );
    assert!(
        trees.other_details.contains("Pat at Parks"),
        "{}",
        trees.other_details
    );
}

#[test]
fn a_catalog_dataset_that_gives_a_key_twice_keeps_the_first_value_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_text(
        dir.path(),
        "data.json",
        r#"{"dataset":[{"title":"Trees","title":"Street Trees","identifier":"t-1"}]}"#,
    );
    let content = import::read_file(&path).unwrap();
    assert_eq!(content.rows.len(), 1);
    let trees = &content.rows[0].dataset;
    assert_eq!(trees.name, "Street Trees", "the last is read");
    assert!(
        trees
            .other_details
            .contains("title (given twice, the first): Trees"),
        "{}",
        trees.other_details
    );
    let warnings: Vec<String> = content.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("more than once") && w.contains("dataset 1")),
        "{warnings:?}"
    );
}

#[test]
fn a_catalog_just_within_its_limit_is_imported_within_1_gib() {
    let dir = tempfile::tempdir().unwrap();
    // 700,000 distributions of one dataset: under the catalog's limits, and
    // the most memory a catalog of few keys can take (some 660 to 780 MB in a debug build).
    let links: Vec<String> = (0..700_000)
        .map(|i| format!(r#"{{"downloadURL":"https://example.com/{i}"}}"#))
        .collect();
    let text = format!(
        r#"{{"dataset":[{{"title":"A","identifier":"a","distribution":[{}]}}]}}"#,
        links.join(",")
    );
    drop(links);
    let path = write_text(dir.path(), "many-links.json", &text);
    drop(text);
    let said = assert_checked(&path, 0);
    assert!(said.contains("1 added"), "{}", short(&said));
}
