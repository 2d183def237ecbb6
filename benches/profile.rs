//! Profiling a sample of a dataset's data (issue 18): a 100 MB CSV and a
//! 100,000-row .xlsx, each beside the library alone reading the same file (the
//! csv crate, calamine). Each run is a child process of this one, so its peak
//! memory is its own (Linux: read from /proc/self/status). Run with `cargo bench --no-default-features --bench profile`.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use calamine::{Reader, open_workbook_auto};
use inventory_desk::progress::Unwatched;

/// The app's own allocator (see src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TASK: &str = "PROFILE_BENCH_TASK";
const CSV_BYTES: u64 = 100 << 20;
const XLSX_ROWS: u32 = 100_000;

const HEADERS: [&str; 12] = [
    "permit_id",
    "issued_on",
    "inspected_at",
    "fee",
    "latitude",
    "longitude",
    "applicant_email",
    "applicant_phone",
    "site_address",
    "status",
    "description",
    "paid",
];

/// One row of a building permits extract, in the shapes real ones have.
fn row(i: u64) -> [String; 12] {
    let day = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + chrono::Days::new(i % 3_650);
    [
        format!("BP-{i:08}"),
        day.to_string(),
        format!("{day}T{:02}:{:02}:00", i % 24, i % 60),
        format!("{}.{:02}", 50 + i % 5_000, i % 100),
        format!("32.{:06}", 700_000 + i % 100_000),
        format!("-117.{:06}", 100_000 + i % 100_000),
        format!("applicant{}@example.com", i % 50_000),
        format!("(619) 555-{:04}", i % 10_000),
        format!("{} Harbor Drive", 100 + i % 9_000),
        ["Issued", "Finaled", "Expired", "In review"][(i % 4) as usize].to_string(),
        format!("Remodel of an existing kitchen and bath, permit {i}; no change to the structure."),
        if i % 3 == 0 { "Yes" } else { "No" }.to_string(),
    ]
}

fn write_csv(path: &Path) -> u64 {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(HEADERS).unwrap();
    let mut i = 0;
    loop {
        for _ in 0..10_000 {
            w.write_record(row(i)).unwrap();
            i += 1;
        }
        w.flush().unwrap();
        if std::fs::metadata(path).unwrap().len() >= CSV_BYTES {
            return i;
        }
    }
}

fn write_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=XLSX_ROWS {
        for (c, text) in row(u64::from(r)).iter().enumerate() {
            match c {
                3..=5 => sheet.write_number(r, c as u16, text.parse::<f64>().unwrap()),
                _ => sheet.write_string(r, c as u16, text),
            }
            .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// The work of one child: prints the seconds it took.
fn run_task(task: &str, path: &Path) {
    let start = Instant::now();
    let n = match task {
        "profile" => {
            let p = inventory_desk::profile::profile_file(path, &Unwatched).unwrap();
            assert_eq!(p.columns.len(), HEADERS.len());
            p.rows as usize
        }
        "calamine" => {
            let mut book = open_workbook_auto(path).unwrap();
            let range = book.worksheet_range_at(0).unwrap().unwrap();
            range.rows().count()
        }
        "csv" => {
            let mut r = csv::Reader::from_path(path).unwrap();
            let mut record = csv::StringRecord::new();
            let mut n = 0;
            while r.read_record(&mut record).unwrap() {
                n += 1;
            }
            n
        }
        other => panic!("no task {other}"),
    };
    let secs = start.elapsed().as_secs_f64();
    // The peak of this process's memory (a new one at exec: what the parent
    // held is not counted, as it would be by the parent's rusage).
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(f64::NAN);
    println!("{secs} {n} {peak_kib}");
    std::io::stdout().flush().unwrap();
}

/// Runs one task in a child process: its time and its peak memory in MiB.
fn measure(task: &str, path: &Path) -> (f64, f64) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env(TASK, task)
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{task} failed on {}", path.display());
    let out = String::from_utf8_lossy(&out.stdout);
    let figures: Vec<f64> = out.split_whitespace().map(|w| w.parse().unwrap()).collect();
    (figures[0], figures[2] / 1024.0)
}

fn main() {
    if let Ok(task) = std::env::var(TASK) {
        let path = std::env::args().nth(1).expect("a file");
        return run_task(&task, Path::new(&path));
    }
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("permits.csv");
    let csv_rows = write_csv(&csv_path);
    let xlsx_path = dir.path().join("permits.xlsx");
    write_xlsx(&xlsx_path);
    println!("| file | profile | peak memory | library alone | peak memory | ratio |");
    println!("|---|---|---|---|---|---|");
    let size = |p: &Path| std::fs::metadata(p).unwrap().len() as f64 / (1 << 20) as f64;
    for (path, what, alone) in [
        (&csv_path, format!("CSV, {csv_rows} rows"), "csv"),
        (&xlsx_path, format!(".xlsx, {XLSX_ROWS} rows"), "calamine"),
    ] {
        let best = |task| {
            (0..3)
                .map(|_| measure(task, path))
                .fold((f64::MAX, 0.0f64), |(t, m), (t2, m2)| {
                    (t.min(t2), m.max(m2))
                })
        };
        let (ours, ours_mem) = best("profile");
        let (lib, lib_mem) = best(alone);
        println!(
            "| {what}, {:.0} MB | {ours:.2} s | {ours_mem:.0} MiB | {alone}: {lib:.2} s | {lib_mem:.0} MiB | {:.2}× |",
            size(path),
            ours / lib
        );
    }
}
