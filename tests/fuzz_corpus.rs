//! Replays the fuzzer's corpus on stable, so CI runs every input the fuzzer kept
//! (and every crash it found, once fixed) through the same path as the fuzz target:
//! bytes, a file, `read_file`, `plan`. Nothing may panic. See docs/fuzzing.md.
//!
//! `cargo test --test fuzz_corpus -- --ignored write_seed_corpus` writes the seed
//! inputs the corpus was grown from into `fuzz/seeds/import`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use inventory_desk::model::Field;
use inventory_desk::workbook::columns::COLUMNS;
use inventory_desk::workbook::fuzzing::{import_bytes, small_inventory};
use rust_xlsxwriter::{Formula, Workbook};

#[path = "support/ole.rs"]
mod ole;

fn fuzz_dir() -> PathBuf {
    // Read when the test runs (cargo sets it), so that a test binary built for
    // another checkout that shares the target folder reads this one's corpus.
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    root.join("fuzz")
}

/// Every file under `dir`, in a stable order; none when it does not exist.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != ".gitkeep") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Replays the inputs of another folder (a fuzzer's working corpus, say) when
/// `FUZZ_INPUTS` names one: `FUZZ_INPUTS=dir cargo test --test fuzz_corpus`.
#[test]
fn the_inputs_of_a_folder_given_by_hand_are_read_without_a_panic() {
    let Some(dir) = std::env::var_os("FUZZ_INPUTS") else {
        return;
    };
    let inputs = files_under(Path::new(&dir));
    let panicked = replay(&inputs);
    assert!(panicked.is_empty(), "these inputs panicked: {panicked:#?}");
    eprintln!("replayed {} inputs", inputs.len());
}

#[test]
fn every_corpus_input_is_read_and_planned_without_a_panic() {
    let fuzz = fuzz_dir();
    let corpus = files_under(&fuzz.join("corpus/import"));
    assert!(
        corpus.len() >= 10,
        "the corpus is kept in the repository: {} files",
        corpus.len()
    );
    let mut inputs = corpus;
    inputs.extend(files_under(&fuzz.join("artifacts/import")));
    inputs.extend(files_under(&fuzz.join("seeds/import")));
    let panicked = replay(&inputs);
    // A panic names the input, so it can be run alone with the fuzzer.
    assert!(panicked.is_empty(), "these inputs panicked: {panicked:#?}");
}

/// Runs every input through the import, on as many threads as there are cores
/// (the corpus has thousands of inputs); returns those that panicked.
fn replay(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = inputs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        // A fuzzer running on the corpus may remove a file between
                        // listing and reading.
                        .filter_map(|input| Some((input, std::fs::read(input).ok()?)))
                        .filter(|(_, bytes)| {
                            std::panic::catch_unwind(|| import_bytes(bytes)).is_err()
                        })
                        .map(|(input, _)| input.clone())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    })
}

#[test]
fn a_seed_workbook_reads_as_the_inventory_it_was_written_from() {
    // The harness itself works: a good workbook plans with no errors.
    let seeds = seeds();
    let (_, export) = seeds
        .iter()
        .find(|(name, _)| name == "export.xlsx")
        .unwrap();
    assert_eq!(
        import_bytes(export),
        0,
        "an untouched export has no problems"
    );
    let (_, csv) = seeds.iter().find(|(name, _)| name == "export.csv").unwrap();
    assert_eq!(import_bytes(csv), 0);
    let (_, xls) = seeds.iter().find(|(name, _)| name == "old.xls").unwrap();
    assert_eq!(import_bytes(xls), 0, "an old .xls saved as .xlsx reads");
    let (_, sheets) = seeds
        .iter()
        .find(|(name, _)| name == "sheets-stored.xlsx")
        .unwrap();
    assert!(import_bytes(sheets) < 100, "the demo's sheets read");
    // And a file that is not one is refused, not a panic.
    assert_eq!(import_bytes(b"\x00not a workbook"), 1);
}

/// Writes the seed inputs into `fuzz/seeds/import` (run by hand; see docs/fuzzing.md).
#[test]
#[ignore]
fn write_seed_corpus() {
    let dir = fuzz_dir().join("seeds/import");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in seeds() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Parts that import never reads (the theme, the notes on the headers, the
/// document's properties): left out of the stored seeds to keep them small.
fn unread(name: &str) -> bool {
    name.starts_with("xl/theme/")
        || name.starts_with("xl/drawings/")
        || name.starts_with("xl/comments")
        || name.starts_with("xl/worksheets/_rels/")
        || name.starts_with("docProps/")
}

/// A workbook's zip with every part stored, not compressed, and the parts import
/// never reads left out: the fuzzer's mutations then reach the XML instead of
/// breaking the compression.
fn stored(xlsx: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if unread(&name) {
            continue;
        }
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The seed inputs: the selector byte (0: a workbook, 1: a CSV file), then the file.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = small_inventory();
    let xlsx = dir.path().join("export.xlsx");
    inventory_desk::workbook::export::export_xlsx(&mut store, &xlsx, None).unwrap();
    let csv = dir.path().join("export.csv");
    inventory_desk::workbook::csv::export_csv(&store, &csv, None).unwrap();
    let export = std::fs::read(&xlsx).unwrap();

    // A small hand-made workbook: a title row, a formula, a date, a number, an
    // error cell, text that is right to left and emoji.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    sheet.write_string(0, 0, "Parks inventory").unwrap();
    for (c, field) in [
        Field::Name,
        Field::InventoryId,
        Field::Classification,
        Field::StartDate,
        Field::Contents,
    ]
    .iter()
    .enumerate()
    {
        let header = COLUMNS.iter().find(|col| col.field == *field).unwrap();
        sheet.write_string(1, c as u16, header.header).unwrap();
    }
    sheet.write_string(2, 0, "Street Trees").unwrap();
    sheet.write_string(2, 1, "PRK-0001").unwrap();
    sheet.write_string(2, 2, "Public").unwrap();
    sheet
        .write_formula(2, 3, Formula::new("=DATE(2020,1,1)").set_result("43831"))
        .unwrap();
    sheet.write_string(2, 4, "أشجار الشوارع 🌳").unwrap();
    sheet.write_string(3, 0, "Pools").unwrap();
    sheet.write_number(3, 3, 45352.0).unwrap();
    sheet
        .write_formula(3, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    let small = book.save_to_buffer().unwrap();

    // The sheets import reads, of a demo inventory with checklist answers and
    // publication plans, copied into a small workbook without the others.
    let mut demo = inventory_desk::store::Store::open_in_memory().unwrap();
    inventory_desk::demo::fill(&mut demo, 3, 7).unwrap();
    let full = dir.path().join("demo.xlsx");
    inventory_desk::workbook::export::export_xlsx(&mut demo, &full, None).unwrap();
    let sheets = [
        "Inventory",
        "Data Sources",
        "Checklist",
        "Publication Plan",
        "About",
    ];
    let read = inventory_desk::workbook::read::read_book(&full, &sheets).unwrap();
    let mut compact = Workbook::new();
    for sheet in read
        .sheets
        .iter()
        .filter(|s| sheets.contains(&s.name.as_str()))
    {
        let out = compact.add_worksheet();
        out.set_name(&sheet.name).unwrap();
        // The header and a few rows of each: enough for every kind of row.
        for (r, row) in sheet.rows.iter().enumerate().take(3) {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    out.write_string(r as u32, c as u16, cell.text()).unwrap();
                }
            }
        }
    }
    let compact = stored(&compact.save_to_buffer().unwrap());

    let with = |selector: u8, bytes: &[u8]| {
        let mut input = vec![selector];
        input.extend_from_slice(bytes);
        input
    };
    let csv_bytes = std::fs::read(&csv).unwrap();
    let export_stored = stored(&export);
    vec![
        ("export.xlsx".into(), with(0, &export)),
        ("export-stored.xlsx".into(), with(0, &export_stored)),
        ("small.xlsx".into(), with(0, &small)),
        ("sheets-stored.xlsx".into(), with(0, &compact)),
        (
            "old.xls".into(),
            with(
                0,
                &ole::ole_bytes(&[(
                    "/Workbook",
                    &ole::biff8_workbook(
                        "Inventory",
                        &[
                            (0, 0, "Dataset Name"),
                            (0, 1, "Data Classification"),
                            (1, 0, "Street Trees"),
                            (1, 1, "Public"),
                        ],
                    ),
                )]),
            ),
        ),
        ("small-stored.xlsx".into(), with(0, &stored(&small))),
        ("export.csv".into(), with(1, &csv_bytes)),
        (
            "plain.csv".into(),
            with(
                1,
                "\u{feff}Inventory ID,Dataset Name,Data Classification,Start Date,End Date,Contents\r\n\
                 PRK-0001,Street Trees,Sensitive,2020-01-01,Current,\"Every tree,\r\nand stump\"\r\n\
                 ,Picnic Shelters,Public,3/1/2024,,'=cmd\r\n\
                 \r\n\
                 PRK-0002,Pools,Secret,someday,2024-13-01,שחייה 🏊\r\n"
                    .as_bytes(),
            ),
        ),
        (
            "checklist.csv".into(),
            with(1, b"Dataset Name,Dataset Name,Priority\nTrees,Trees,High\n"),
        ),
    ]
}
