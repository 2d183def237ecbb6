//! Why a file was not read (`WorkbookError::Read`): one reason each, so that the
//! command line and the app decide by the reason, never by its words. Each
//! `Display` is the sentence the person who chose the file sees, after "Could not
//! read <file>: ".

use super::limits::{count_text, size_text};

/// Why a file could not be read, or was refused before or while it was read.
#[derive(Debug, thiserror::Error)]
pub enum FileRefusal {
    /// The path names no file (an I/O failure, not a refusal).
    #[error("there is no such file. Check the name and the folder")]
    NoSuchFile,
    /// The file is there but could not be read (an I/O failure, not a refusal).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A zip archive that is not a workbook: a Word document, a folder zipped.
    #[error(
        "it is a zip archive (or a Word or PowerPoint document), not a workbook. Import the workbook itself, saved as .xlsx or .csv"
    )]
    ZipNotWorkbook,
    #[error(
        "it is protected by a password: save it without a password and import again (in Excel: File, Info, Protect Workbook, Encrypt with Password, then clear the password and save)"
    )]
    Password,
    #[error(
        "the file is empty (0 bytes): it holds no workbook. It may not have finished saving or copying: save or copy it again, then import the new copy"
    )]
    Empty,
    #[error(
        "it is a PDF document, not a spreadsheet, so its tables cannot be read. Import the workbook itself: open it in Excel and save it as .xlsx or .csv"
    )]
    Pdf,
    /// A web page saved with a spreadsheet's name; `ext` is that name's
    /// extension, lower case (empty for none).
    #[error(
        "it is a web page (HTML), not a workbook, although {}. Open it in Excel and save it as .xlsx or .csv, then import that file",
        named(.ext)
    )]
    WebPage { ext: String },
    #[error(
        "it is an XML file, not a workbook, although {}. Open it in Excel and save it as .xlsx or .csv, then import that file",
        named(.ext)
    )]
    Xml { ext: String },
    #[error(
        "it holds plain text, not a workbook, although {}. If it is a CSV file, rename it to end in .csv and import it again; if not, open it in Excel and save it as .xlsx or .csv",
        named(.ext)
    )]
    PlainText { ext: String },
    /// Its first bytes are no format this app knows.
    #[error("it is not a spreadsheet this app can open. Save it as .xlsx or .csv and try again")]
    NotASpreadsheet,
    /// An old `.xls` or an `.ods` that calamine could not open.
    #[error(
        "it is not a spreadsheet this app can open, or it is damaged. Open it in Excel, save it as .xlsx or .csv and try again"
    )]
    CannotOpen,
    #[error(
        "it is damaged or incomplete (it may have been cut short while it was copied or downloaded). Copy or download it again, or open it in Excel and save it again, then import the new copy"
    )]
    Damaged,
    #[error(
        "the sheet \"{sheet}\" is damaged and could not be read. Open the file in Excel and save it again, then import the new copy"
    )]
    SheetDamaged { sheet: String },
    /// A sheet of datasets past `Limits::rows`, which is `most`.
    #[error(
        "the sheet \"{sheet}\" has more than {} rows of data (cell {cell} has a value). This app imports at most {} datasets at a time: split the inventory into smaller files and import them one after the other",
        count_text(*.most),
        count_text(*.most)
    )]
    TooManyRows {
        sheet: String,
        cell: String,
        most: usize,
    },
    #[error(
        "the sheet \"{sheet}\" has a value in cell {cell}, past the last row a sheet may have. The file is damaged: open it in Excel and save it again"
    )]
    PastLastRow { sheet: String, cell: String },
    /// A value right of the `Limits::columns` first columns, which is `columns`.
    #[error(
        "the sheet \"{sheet}\" has a value in cell {cell}, to the right of column {}: this app reads the first {} columns only. Delete the columns after {} (the inventory needs 48) and import again",
        super::column_letters(*.columns - 1),
        count_text(*.columns),
        super::column_letters(*.columns - 1)
    )]
    PastLastColumn {
        sheet: String,
        cell: String,
        columns: usize,
    },
    /// More text than `Limits::text_bytes`, which is `limit`.
    #[error(
        "its cells hold more than {} of text (the sheet \"{sheet}\" passes it at cell {cell}). This app imports at most that much at a time: split the inventory into smaller files and import them one after the other",
        size_text(*.limit as u64)
    )]
    TooMuchText {
        sheet: String,
        cell: String,
        limit: usize,
    },
    /// More cells than `Limits::cells`, which is `limit`.
    #[error(
        "its sheets have more than {} cells (the sheet \"{sheet}\" passes it at cell {cell}). This app imports at most that many at a time: split the inventory into smaller files, or delete the empty rows and columns between the data, and import again",
        count_text(*.limit)
    )]
    TooManyCells {
        sheet: String,
        cell: String,
        limit: usize,
    },
    /// One part of a zip past `Limits::part_bytes`, which is `limit`.
    #[error(
        "one of its parts ({part}) would unpack to {}, more than the {} this app accepts for one sheet. A workbook that small on disk but that big inside is damaged or was made to cause harm. Ask whoever sent it for a new copy, or open it in Excel and save it again",
        size_text(*.size),
        size_text(*.limit)
    )]
    PartTooBig { part: String, size: u64, limit: u64 },
    /// All the parts of a zip past `Limits::unpacked_bytes`, which is `limit`.
    #[error(
        "it would unpack to {}, more than the {} this app accepts for one workbook. A workbook that small on disk but that big inside is damaged or was made to cause harm. Ask whoever sent it for a new copy, or split the inventory into smaller workbooks",
        size_text(*.size),
        size_text(*.limit)
    )]
    UnpacksTooBig { size: u64, limit: u64 },
    /// An `.xlsx` whose shared strings announce more strings than the part holds.
    #[error(
        "its list of shared text ({part}) says it holds {} strings, more than it could hold. The file is damaged or was made to cause harm: ask whoever sent it for a new copy, or open it in Excel and save it again",
        count_big(*.count)
    )]
    SharedStringsCount { part: String, count: u128 },
    /// An `.ods` whose repeated cells and rows would expand past `limit` cells.
    #[error(
        "the sheet \"{sheet}\" repeats its cells and rows to {} cells or more, past the {} this app reads in an .ods file (the file says to repeat some cells thousands of times). Delete the empty rows and columns after the data, or save the file as .xlsx, and import again",
        count_big(*.cells),
        count_big(*.limit)
    )]
    OdsRepeatsTooMuch {
        sheet: String,
        cells: u64,
        limit: u64,
    },
    /// An old `.xls` past `Limits::part_bytes`, which is `limit`.
    #[error(
        "it is {}, more than the {} this app reads in an old .xls workbook. Open it in Excel, save it as .xlsx, and import that file",
        size_text(*.size),
        size_text(*.limit)
    )]
    OldWorkbookTooBig { size: u64, limit: u64 },
    /// A CSV file past `Limits::csv_bytes`, which is `limit`.
    #[error(
        "the file is {}, more than the {} this app reads as CSV. Split the inventory into smaller files and import them one after the other",
        size_text(*.size),
        size_text(*.limit)
    )]
    CsvTooBig { size: u64, limit: u64 },
    /// A cell longer than `Limits::cell_bytes`, which is `limit`.
    #[error(
        "the cell {cell} of the sheet \"{sheet}\" holds more than {} of text, more than a spreadsheet cell can hold (32,767 characters). The file is damaged, or its columns are not separated as this app expects: open it in your spreadsheet program, check that cell, save it again and import the new copy",
        size_text(*.limit as u64)
    )]
    CellTooLong {
        sheet: String,
        cell: String,
        limit: usize,
    },
    /// A portal catalog (data.json) past `Limits::json_bytes`, which is `limit`.
    #[error(
        "the catalog is {}, more than the {} this app reads in one catalog file. Ask the portal for the catalog of one publisher at a time, and import those one after the other",
        size_text(*.size),
        size_text(*.limit)
    )]
    CatalogTooBig { size: u64, limit: u64 },
    /// A catalog file whose text is cut short or damaged at `line`, `column`.
    #[error(
        "it is not a complete catalog file: {} at line {line}, column {column}. Download the catalog (data.json) from the portal again and import the new copy",
        if *.cut_short { "the text ends too soon" } else { "the text is damaged" }
    )]
    CatalogDamaged {
        line: usize,
        column: usize,
        cut_short: bool,
    },
    /// A catalog whose values would take more memory than `Limits::json_parse_bytes`
    /// once read: far more values than its datasets need (`values` estimated).
    #[error(
        "the catalog holds about {} separate values, more than this app reads in one catalog file. Ask the portal for the catalog of one publisher at a time, and import those one after the other",
        super::limits::count_text(*.values)
    )]
    CatalogTooManyValues { values: usize },
    /// A catalog whose lists or objects are nested deeper than a reader
    /// follows (128), at `line`, `column`: no portal writes one.
    #[error(
        "its lists are nested inside one another more than 128 deep at line {line}, column {column}, which no portal's catalog does. Download the catalog (data.json) from the portal again and import the new copy"
    )]
    CatalogTooDeep { line: usize, column: usize },
    /// A catalog whose text is not UTF-8, as JSON must be, at `line`.
    #[error(
        "its text at line {line} is not in the UTF-8 encoding a catalog (data.json) is written in. Download the catalog from the portal again, or open it in a text editor and save it as UTF-8, and import the new copy"
    )]
    CatalogNotUtf8 { line: usize },
    /// A JSON file that holds no list of datasets.
    #[error(
        "it is not a portal catalog: a catalog (data.json) holds a list of datasets (\"dataset\": [...]), and this file has none. Check that you chose the portal's data.json"
    )]
    NotACatalog,
    /// `line` counts records from 1.
    #[error("line {line} is not valid CSV ({source})")]
    BadCsvLine { line: usize, source: csv::Error },
    /// The reader stopped without an answer (its thread panicked).
    #[error("the file could not be read")]
    ReaderStopped,
}

impl FileRefusal {
    /// Whether the file could not be read at all (missing, or the system would
    /// not give its bytes), rather than refused for what it holds.
    pub fn is_io(&self) -> bool {
        matches!(self, FileRefusal::NoSuchFile | FileRefusal::Io(_))
    }
}

/// A count of any size with thousands separated.
fn count_big(n: impl Into<u128>) -> String {
    let n: u128 = n.into();
    match usize::try_from(n) {
        Ok(n) => count_text(n),
        Err(_) => n.to_string(),
    }
}

/// How a refusal names a text file's extension.
fn named(ext: &str) -> String {
    if ext.is_empty() {
        "it has no extension".to_string()
    } else {
        format!("its name ends in .{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_limit_it_passed_in_words() {
        let e = FileRefusal::TooManyRows {
            sheet: "Inventory".into(),
            cell: "A500012".into(),
            most: 500_000,
        };
        assert_eq!(
            e.to_string(),
            "the sheet \"Inventory\" has more than 500,000 rows of data (cell A500012 has a value). This app imports at most 500,000 datasets at a time: split the inventory into smaller files and import them one after the other"
        );
        let e = FileRefusal::PastLastColumn {
            sheet: "Inventory".into(),
            cell: "AMK2".into(),
            columns: 1024,
        };
        assert!(e.to_string().contains("to the right of column AMJ"), "{e}");
        let e = FileRefusal::UnpacksTooBig {
            size: 40 << 20,
            limit: 30 << 20,
        };
        assert!(
            e.to_string()
                .starts_with("it would unpack to 40 MB, more than the 30 MB"),
            "{e}"
        );
    }

    #[test]
    fn only_a_missing_or_unreadable_file_is_an_io_failure() {
        assert!(FileRefusal::NoSuchFile.is_io());
        assert!(FileRefusal::Io(std::io::ErrorKind::PermissionDenied.into()).is_io());
        assert!(!FileRefusal::Password.is_io());
        assert!(!FileRefusal::Damaged.is_io());
        assert!(!FileRefusal::ReaderStopped.is_io());
    }

    #[test]
    fn a_text_file_is_named_by_its_extension_or_its_lack_of_one() {
        let e = FileRefusal::PlainText { ext: String::new() };
        assert!(
            e.to_string().contains("although it has no extension."),
            "{e}"
        );
        let e = FileRefusal::WebPage { ext: "xls".into() };
        assert!(
            e.to_string().contains("although its name ends in .xls."),
            "{e}"
        );
    }
}
