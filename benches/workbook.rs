//! Export and import at 1,000, 10,000 and 100,000 datasets, each beside the cost
//! of the libraries alone: rust_xlsxwriter writing the same cells, calamine
//! reading them. Run with `cargo bench --no-default-features --bench workbook` (the
//! core alone, no window); set BENCH_SIZES to choose sizes (e.g. `BENCH_SIZES=1000,10000`)
//! and BENCH_RUNS for how many turns the import and calamine take (10: this
//! machine is shared, and the fastest turn is the least disturbed one).

use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{Reader, open_workbook_auto};
use inventory_desk::model::{Dataset, Field};
use inventory_desk::store::Store;
use inventory_desk::workbook::columns::COLUMNS;
use inventory_desk::workbook::export::export_xlsx;
use inventory_desk::workbook::import::IMPORT_SHEETS;
use inventory_desk::workbook::merge::{plan, plan_file};

/// The app's own allocator (see src/main.rs), for the app and the libraries alone.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How many times the import and calamine each read a workbook, in turns
/// (`BENCH_RUNS` sets another number: more on a busy machine).
fn import_runs() -> usize {
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10)
}

/// The fastest of a few runs: the least disturbed by the rest of the machine.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

/// The same cells our export writes, with rust_xlsxwriter and nothing else.
fn xlsxwriter_alone(datasets: &[Dataset], path: &Path) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, column) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, column.header).unwrap();
    }
    for (r, d) in datasets.iter().enumerate() {
        for (c, column) in COLUMNS.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match column.field {
                Field::StartDate => {
                    if let Some(s) = d.start_date {
                        sheet.write_date_with_format(r, c, &s, &date).unwrap();
                    }
                }
                field => {
                    let text = d.get(field);
                    if !text.is_empty() {
                        sheet.write_string(r, c, &text).unwrap();
                    }
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// calamine reading the named sheets of the workbook (those it has), counting
/// the cells with a value.
fn calamine_alone(path: &Path, sheets: &[&str]) -> usize {
    let mut workbook = open_workbook_auto(path).unwrap();
    let present = workbook.sheet_names();
    let mut cells = 0;
    for name in sheets.iter().filter(|n| present.iter().any(|p| p == *n)) {
        let range = workbook.worksheet_range(name).unwrap();
        cells += range
            .rows()
            .map(|r| {
                r.iter()
                    .filter(|c| !matches!(c, calamine::Data::Empty))
                    .count()
            })
            .sum::<usize>();
    }
    cells
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    println!(
        "| datasets | demo fill | export | rust_xlsxwriter alone | ratio | import (read + plan) | calamine alone: Inventory sheet | ratio | calamine alone: the {} sheets an import reads | ratio |",
        IMPORT_SHEETS.len()
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let runs = 3;
        let db = dir.path().join(format!("bench-{n}.sqlite3"));
        let mut store = Store::open(&db).unwrap();
        let (fill, _) = best_of(1, || inventory_desk::demo::fill(&mut store, n, 7).unwrap());
        let ours = dir.path().join(format!("ours-{n}.xlsx"));
        let (export, _) = best_of(runs, || export_xlsx(&mut store, &ours, None).unwrap());
        let datasets = store.datasets().unwrap();
        let alone = dir.path().join(format!("alone-{n}.xlsx"));
        let (write_alone, _) = best_of(runs, || xlsxwriter_alone(&datasets, &alone));
        // The import and calamine take turns, so that a slow spell of the
        // machine falls on both alike, not on whichever ran during it.
        let (mut import, mut read_alone, mut read_all_alone) =
            (Duration::MAX, Duration::MAX, Duration::MAX);
        for _ in 0..import_runs() {
            let (took, planned) = best_of(1, || plan_file(&store, &ours).unwrap());
            assert!(
                planned.errors.is_empty() && !planned.has_changes(),
                "the round trip must be clean"
            );
            import = import.min(took);
            read_alone = read_alone.min(best_of(1, || calamine_alone(&ours, &["Inventory"])).0);
            read_all_alone =
                read_all_alone.min(best_of(1, || calamine_alone(&ours, &IMPORT_SHEETS)).0);
        }
        if std::env::var_os("BENCH_DETAIL").is_some() {
            let t = Instant::now();
            let book = inventory_desk::workbook::read::read_book(
                &ours,
                &["Inventory", "Data Sources", "About"],
            )
            .unwrap();
            let read = t.elapsed();
            let t = Instant::now();
            let content = inventory_desk::workbook::import::parse_book(&book);
            let parse = t.elapsed();
            let t = Instant::now();
            let loaded = store.datasets().unwrap().len();
            let load = t.elapsed();
            let t = Instant::now();
            let _ = plan(&store, ours.clone(), content).unwrap();
            let planned = t.elapsed();
            eprintln!(
                "detail {n}: read {read:?}, parse {parse:?}, load {loaded} from the store {load:?}, plan (with load) {planned:?}"
            );
        }
        println!(
            "| {n} | {:.2} s | {:.2} s | {:.2} s | {:.2}× | {:.2} s | {:.2} s | {:.2}× | {:.2} s | {:.2}× |",
            fill.as_secs_f64(),
            export.as_secs_f64(),
            write_alone.as_secs_f64(),
            export.as_secs_f64() / write_alone.as_secs_f64(),
            import.as_secs_f64(),
            read_alone.as_secs_f64(),
            import.as_secs_f64() / read_alone.as_secs_f64(),
            read_all_alone.as_secs_f64(),
            import.as_secs_f64() / read_all_alone.as_secs_f64(),
        );
    }
    foreign_csv(dir.path());
}

/// A city's own inventory as a CSV of 20,000 rows, in the shape of a real one
/// (snake_case headers, its own classification names and update words, year
/// dates, links without https://): the columns are mapped, the values read,
/// and the import planned, beside the csv crate reading the same file alone.
fn foreign_csv(dir: &Path) {
    const ROWS: usize = 20_000;
    let path = dir.join("city-inventory.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record([
        "RECORD_ID",
        "AGENCY_NAME",
        "DATASET_NAME",
        "DATASET_SUMMARY",
        "DATASET_CLASSIFICATION_NAME",
        "UPDATE_INTERVAL",
        "EARLIEST_DATE_OF_RECORDS",
        "DATASET_URL",
        "KEYWORDS",
    ])
    .unwrap();
    let classes = [
        "Open",
        "Public Not Proactively Released",
        "For District Government Use",
    ];
    let intervals = ["Daily", "Real-Time/Near Real-Time", "Annually", "Unknown"];
    for i in 0..ROWS {
        let id = i.to_string();
        let name = format!("Dataset {i}");
        let summary = format!("What dataset {i} holds, for a reader outside the agency.");
        let year = (1990 + i % 30).to_string();
        let link = format!("opendata.city.gov/datasets/{i}");
        w.write_record([
            id.as_str(),
            ["Public Works", "Health", "Transportation"][i % 3],
            &name,
            &summary,
            classes[i % 3],
            intervals[i % 4],
            &year,
            &link,
            "roads, permits",
        ])
        .unwrap();
    }
    w.flush().unwrap();
    let store = Store::open_in_memory().unwrap();
    let (planned, plan) = best_of(3, || plan_file(&store, &path).unwrap());
    assert_eq!(plan.items.len(), ROWS, "every row is planned");
    let (alone, _) = best_of(3, || {
        let mut r = csv::Reader::from_path(&path).unwrap();
        r.records().filter_map(Result::ok).count()
    });
    println!(
        "\nforeign CSV, {ROWS} rows mapped and planned: {:.2} s (the csv crate alone: {:.2} s)",
        planned.as_secs_f64(),
        alone.as_secs_f64()
    );
}
