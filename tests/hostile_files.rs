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
/// `wait4`, which gives that child's own peak resident memory.
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
    assert!(run.said.contains(name), "names the file: {}", short(&run.said));
    assert!(run.said.len() < 20_000, "a short message: {}", short(&run.said));
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
        let start = content
            .errors
            .iter()
            .find(|e| e.cell == "L2")
            .unwrap_or_else(|| panic!("{value}: {:#?}", content.errors));
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
        assert_eq!(content.errors.len(), 1, "{value}: {:#?}", content.errors);
        let e = &content.errors[0];
        assert_located(e, "Inventory", "T2", "Data Classification");
        assert!(e.message.contains(value), "{}", e.message);
        assert!(content.rows.is_empty());
    }
}

/// The errors of a file, for messages.
#[allow(dead_code)]
fn errors(content: &FileContent) -> String {
    content
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
