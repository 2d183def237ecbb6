//! The limits that import works within, and the look at a file's first bytes and
//! its zip directory that comes before any reading. A file, however it was made
//! (a zip bomb, a sheet of a million rows, a cell far to the right), is refused
//! with a plain message before it can take all the memory or the time of the
//! machine. The app is designed for a department of 100,000 datasets; each limit
//! leaves room well above what such a department's workbook needs.

use std::io::Read;
use std::path::Path;

use super::FileRefusal;

/// The most that all the parts of a workbook (`.xlsx`, `.ods`) may unpack to: 1 GiB.
/// The export of 100,000 sample datasets (every column filled) unpacks to 142 MiB,
/// so one of 500,000 to about 710 MiB.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;

/// The most that one part (one sheet, or the shared strings) may unpack to: 768 MiB.
/// The Inventory sheet of 100,000 sample datasets is 110 MiB, so one of 500,000 rows
/// about 550 MiB.
pub const MAX_PART_BYTES: u64 = 768 << 20;

/// The most rows of data the inventory sheet (and the Data Sources and Publication
/// Plan sheets) may have below the header: 500,000, five times the datasets the app
/// is designed for. A Checklist sheet may use every row a sheet has.
pub const MAX_IMPORT_ROWS: usize = 500_000;

/// The header may be any of a sheet's first ten rows, so a sheet may hold rows up
/// to `MAX_IMPORT_ROWS + HEADER_ROWS`.
pub const HEADER_ROWS: usize = 10;

/// The most columns read in a sheet: 1,024 (column AMJ). The workbook has 48.
pub const MAX_COLUMNS: usize = 1_024;

/// The most cells (empty ones to the left of a value included) of all the sheets read:
/// 60 million, so that a sheet of sparse wide rows cannot fill the memory. An export of
/// 100,000 datasets with every check of the checklist answered holds about 45 million.
pub const MAX_CELLS: usize = 60_000_000;

/// The most text the cells of a file may hold all together: 1 GiB. One short shared
/// string repeated in millions of cells is otherwise copied into each of them.
pub const MAX_TEXT_BYTES: usize = 1 << 30;

/// The most text one cell may hold: 1 MiB. A spreadsheet cell holds at most
/// 32,767 characters (128 KiB in UTF-8); a CSV cell longer than this is a quote
/// never closed, or a file made to cause harm.
pub const MAX_CELL_BYTES: usize = 1 << 20;

/// The largest CSV file read: 512 MiB.
pub const MAX_CSV_BYTES: u64 = 512 << 20;

/// The largest portal catalog (data.json) read: 128 MiB, some 40,000 datasets.
/// The whole file is parsed at once, so this bounds the memory it takes.
pub const MAX_JSON_BYTES: u64 = 128 << 20;

/// The most memory a catalog may take once parsed, as estimated from its text
/// before parsing (see `portal_catalog::parse_cost`): 512 MiB. A catalog's
/// text is small beside what it parses to when it holds many tiny values
/// (`0,` is two bytes and a parsed value of 32, an empty `{}` some 600), so the
/// file size alone does not keep the reading within 1 GiB. A catalog of 40,000
/// datasets with six distributions each is estimated at some 400 MiB.
pub const MAX_JSON_PARSE_BYTES: u64 = 512 << 20;

/// The limits of one read; `Limits::DEFAULT` is made of the constants above. Tests
/// use smaller ones to show a limit at work without building huge files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub unpacked_bytes: u64,
    pub part_bytes: u64,
    pub rows: usize,
    pub columns: usize,
    pub cells: usize,
    pub text_bytes: usize,
    pub csv_bytes: u64,
    pub cell_bytes: usize,
    pub json_bytes: u64,
    pub json_parse_bytes: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        unpacked_bytes: MAX_UNPACKED_BYTES,
        part_bytes: MAX_PART_BYTES,
        rows: MAX_IMPORT_ROWS,
        columns: MAX_COLUMNS,
        cells: MAX_CELLS,
        text_bytes: MAX_TEXT_BYTES,
        csv_bytes: MAX_CSV_BYTES,
        cell_bytes: MAX_CELL_BYTES,
        json_bytes: MAX_JSON_BYTES,
        json_parse_bytes: MAX_JSON_PARSE_BYTES,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signature {
    Empty,
    /// A zip archive: `.xlsx`, `.xlsm`, `.xlsb`, `.ods` (or a Word file, or any zip).
    Zip,
    /// An OLE compound file: an old `.xls`, or an `.xlsx` saved with a password.
    Ole,
    Pdf,
    /// Text: a CSV, a web page or an XML file saved with a spreadsheet's name.
    Text,
    Unknown,
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(crate) fn signature(path: &Path) -> std::io::Result<Signature> {
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(path)?
        .take(512)
        .read_to_end(&mut head)?;
    Ok(signature_of(&head))
}

fn signature_of(head: &[u8]) -> Signature {
    if head.is_empty() {
        Signature::Empty
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Signature::Zip
    } else if head.starts_with(&OLE_MAGIC) {
        Signature::Ole
    } else if head.starts_with(b"%PDF") {
        Signature::Pdf
    } else if looks_like_text(head) {
        Signature::Text
    } else {
        Signature::Unknown
    }
}

/// UTF-8 (a character cut at the end allowed) without control characters other
/// than tabs and line breaks.
fn looks_like_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && !valid
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{feff}'))
}

/// What a zip archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
    /// A zip that is not a workbook (a Word document, a folder zipped).
    Other,
}

/// Reads a zip archive's central directory (nothing is unpacked) and refuses it
/// when its parts would unpack past the limits, or are encrypted. The sizes read
/// here bound what is unpacked later: the zip reader stops each part at its size.
pub(crate) fn check_zip(path: &Path, limits: &Limits) -> Result<ZipKind, FileRefusal> {
    let file = std::fs::File::open(path)?;
    let archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|_| damaged())?;
    let (mut total, mut names) = (0u64, Vec::new());
    for i in 0..archive.len() {
        let entry = archive.by_index_data(i).map_err(|_| damaged())?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        if entry.encrypted() {
            return Err(FileRefusal::Password);
        }
        let size = entry.size();
        if size > limits.part_bytes {
            return Err(FileRefusal::PartTooBig {
                part: name,
                size,
                limit: limits.part_bytes,
            });
        }
        total = total.saturating_add(size);
        names.push(name);
    }
    if total > limits.unpacked_bytes {
        return Err(FileRefusal::UnpacksTooBig {
            size: total,
            limit: limits.unpacked_bytes,
        });
    }
    let has = |wanted: &str| names.iter().any(|n| n.eq_ignore_ascii_case(wanted));
    Ok(if has("xl/workbook.xml") {
        check_shared_strings(archive, limits)?;
        ZipKind::Xlsx
    } else if has("xl/workbook.bin") {
        ZipKind::Xlsb
    } else if has("content.xml") {
        check_ods(archive, limits)?;
        ZipKind::Ods
    } else {
        ZipKind::Other
    })
}

/// The most cells calamine may build for an `.ods` file: 5 million (100,000
/// datasets of 48 columns is 4.8 million). Its reader keeps each cell twice over
/// (a value and a formula, copied once more when the sheet is cut to its used
/// area), about 150 bytes a cell with ours, so 5 million stay well within 1 GiB.
pub const MAX_ODS_CELLS: u64 = 5_000_000;

/// The columns calamine fills in one row of an `.ods` at most (Excel's 16,384).
const ODS_ROW_COLUMNS: u64 = 16_384;

/// The rows calamine expands in one `.ods` table at most (Excel's 1,048,576).
const ODS_ROWS: u64 = 1_048_576;

/// The longest element tag read in an `.ods` (its attributes included).
const ODS_TAG_BYTES: usize = 1 << 20;

/// What one table of an `.ods` expands to in calamine, counted as its
/// `content.xml` is streamed: an `.ods` may say "repeat this cell 16,384 times"
/// and "repeat this row a million times" in a few bytes, and calamine builds every
/// repeated cell before it gives the sheet.
#[derive(Default)]
struct OdsTable {
    name: String,
    /// Cells built row element by row element (a repeated row once).
    built: u64,
    /// Rows (repeats counted) before the current row; the first and the last row
    /// with a value; the widest row with a value.
    rows: u64,
    first_valued: Option<u64>,
    last_valued: u64,
    widest: u64,
    /// Text once every repeat is expanded.
    text: u64,
    // The current row and cell.
    row_repeats: u64,
    row_width: u64,
    row_empty_run: u64,
    row_text: u64,
    row_valued: bool,
    cell_open: bool,
    cell_repeats: u64,
    cell_valued: bool,
    cell_text: u64,
}

impl OdsTable {
    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats.clamp(1, ODS_ROWS);
        self.row_width = 0;
        self.row_empty_run = 0;
        self.row_text = 0;
        self.row_valued = false;
    }

    fn start_cell(&mut self, repeats: u64, valued: bool) {
        self.cell_open = true;
        self.cell_repeats = repeats.clamp(1, ODS_ROW_COLUMNS);
        self.cell_valued = valued;
        self.cell_text = 0;
    }

    fn end_cell(&mut self) {
        self.cell_open = false;
        if self.cell_valued || self.cell_text > 0 {
            let width = self.row_width + self.row_empty_run + self.cell_repeats;
            self.row_width = width.min(ODS_ROW_COLUMNS);
            self.row_empty_run = 0;
            self.row_text = self
                .row_text
                .saturating_add(self.cell_text.saturating_mul(self.cell_repeats));
            self.row_valued = true;
        } else {
            self.row_empty_run = self.row_empty_run.saturating_add(self.cell_repeats);
        }
    }

    fn end_row(&mut self) {
        self.built = self.built.saturating_add(self.row_width);
        if self.row_valued {
            self.first_valued.get_or_insert(self.rows);
            self.last_valued = self.rows + self.row_repeats;
            self.widest = self.widest.max(self.row_width);
            self.text = self
                .text
                .saturating_add(self.row_text.saturating_mul(self.row_repeats));
        }
        self.rows = (self.rows + self.row_repeats).min(ODS_ROWS);
    }

    /// The most cells calamine holds for this table at once.
    fn cells(&self) -> u64 {
        let span = self.last_valued - self.first_valued.unwrap_or(self.last_valued);
        self.built.max(span.saturating_mul(self.widest))
    }

    fn check(&self, limits: &Limits) -> Result<(), FileRefusal> {
        let cells = self.cells();
        let text = self.text.saturating_mul(2);
        if cells > MAX_ODS_CELLS || text > limits.text_bytes as u64 {
            return Err(FileRefusal::OdsRepeatsTooMuch {
                sheet: self.name.clone(),
                cells,
                limit: MAX_ODS_CELLS,
            });
        }
        Ok(())
    }
}

/// The value of `name="…"` in an element's tag.
fn attribute<'t>(tag: &'t [u8], name: &[u8]) -> Option<&'t [u8]> {
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&tag[at..], name) {
        let start = at + found;
        at = start + name.len();
        if start > 0 && !tag[start - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = tag[at..]
            .trim_ascii_start()
            .strip_prefix(b"=")?
            .trim_ascii_start();
        let (&quote, rest) = rest.split_first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let end = memchr::memchr(quote, rest)?;
        return Some(&rest[..end]);
    }
    None
}

/// A repeat count: at least 1, and a number too big for `u64` is `u64::MAX`.
fn repeats(tag: &[u8], name: &[u8]) -> u64 {
    announced_count(tag, name).map_or(1, |n| u64::try_from(n).unwrap_or(u64::MAX))
}

/// Refuses an `.ods` whose tables would expand, once calamine repeats their
/// repeated cells and rows, past `MAX_ODS_CELLS` (or past the text limit),
/// reading its `content.xml` as a stream before calamine unpacks it.
fn check_ods<R: std::io::Read + std::io::Seek>(
    mut archive: zip::ZipArchive<R>,
    limits: &Limits,
) -> Result<(), FileRefusal> {
    let mut content = archive.by_name("content.xml").map_err(|_| damaged())?;
    let mut table = OdsTable::default();
    let mut chunk = vec![0u8; 1 << 16];
    let (mut tag, mut in_tag) = (Vec::new(), false);
    loop {
        let read = content.read(&mut chunk).map_err(|_| damaged())?;
        if read == 0 {
            break;
        }
        let mut rest = &chunk[..read];
        while !rest.is_empty() {
            if in_tag {
                match memchr::memchr(b'>', rest) {
                    Some(end) => {
                        tag.extend_from_slice(&rest[..end]);
                        rest = &rest[end + 1..];
                        in_tag = false;
                        ods_tag(&tag, &mut table, limits)?;
                        tag.clear();
                    }
                    None => {
                        tag.extend_from_slice(rest);
                        rest = &[];
                        if tag.len() > ODS_TAG_BYTES {
                            return Err(damaged());
                        }
                    }
                }
            } else {
                let text = memchr::memchr(b'<', rest).unwrap_or(rest.len());
                if table.cell_open {
                    table.cell_text = table.cell_text.saturating_add(text as u64);
                }
                rest = &rest[text..];
                if let Some(after) = rest.strip_prefix(b"<") {
                    in_tag = true;
                    rest = after;
                }
            }
        }
    }
    Ok(())
}

/// One element tag of an `.ods` file's `content.xml` (without `<` and `>`).
fn ods_tag(tag: &[u8], table: &mut OdsTable, limits: &Limits) -> Result<(), FileRefusal> {
    let (closing, tag) = match tag.strip_prefix(b"/") {
        Some(tag) => (true, tag),
        None => (false, tag),
    };
    let self_closing = tag.ends_with(b"/");
    let name_end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    match (&tag[..name_end], closing) {
        (b"table:table", false) => {
            *table = OdsTable {
                name: attribute(tag, b"table:name")
                    .map(|n| String::from_utf8_lossy(&n[..n.len().min(100)]).into_owned())
                    .unwrap_or_default(),
                ..OdsTable::default()
            };
        }
        (b"table:table-row", false) => {
            table.start_row(repeats(tag, b"table:number-rows-repeated"));
            if self_closing {
                table.end_row();
            }
        }
        (b"table:table-row", true) => {
            table.end_row();
            table.check(limits)?;
        }
        (b"table:table-cell" | b"table:covered-table-cell", false) => {
            let valued = attribute(tag, b"office:value-type").is_some()
                || attribute(tag, b"table:formula").is_some();
            table.start_cell(repeats(tag, b"table:number-columns-repeated"), valued);
            if self_closing {
                table.end_cell();
            }
        }
        (b"table:table-cell" | b"table:covered-table-cell", true) => table.end_cell(),
        _ => {}
    }
    Ok(())
}

/// The fewest bytes one shared string takes in `sharedStrings.xml` (`<si/>`).
const SHARED_STRING_BYTES: u64 = 5;

/// Refuses an `.xlsx` whose list of shared strings announces more strings than its
/// part could hold (or than the cells a file may have): calamine reserves room for
/// the announced count before it reads one, and a count of 100 billion (or
/// 2^64 − 1) in a file of 3 KB would abort the process.
fn check_shared_strings<R: std::io::Read + std::io::Seek>(
    mut archive: zip::ZipArchive<R>,
    limits: &Limits,
) -> Result<(), FileRefusal> {
    let Some(index) = (0..archive.len()).find(|&i| {
        archive
            .name_for_index(i)
            .and_then(Result::ok)
            .is_some_and(|n| {
                n.rsplit('/')
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("sharedStrings.xml"))
            })
    }) else {
        return Ok(());
    };
    let entry = archive.by_index(index).map_err(|_| damaged())?;
    let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
    let size = entry.size();
    // The count is an attribute of the first element, within the first few KB.
    let mut head = Vec::with_capacity(4096);
    entry
        .take(4096)
        .read_to_end(&mut head)
        .map_err(|_| damaged())?;
    let Some(count) = announced_count(&head, b"uniqueCount") else {
        return Ok(());
    };
    let most = (size / SHARED_STRING_BYTES).min(limits.cells as u64);
    if count > u128::from(most) {
        return Err(FileRefusal::SharedStringsCount { part, count });
    }
    Ok(())
}

/// The number an attribute such as `uniqueCount="12"` holds in `xml`, however
/// big (a number too long for `u128` counts as `u128::MAX`).
fn announced_count(xml: &[u8], attribute: &[u8]) -> Option<u128> {
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&xml[at..], attribute) {
        let start = at + found;
        at = start + attribute.len();
        let before_ok = start == 0 || xml[start - 1].is_ascii_whitespace();
        if !before_ok {
            continue;
        }
        let rest = &xml[at..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let Some((&quote, rest)) = rest.split_first() else {
            return None;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let digits: &[u8] = &rest[..rest.iter().take_while(|b| b.is_ascii_digit()).count()];
        if digits.is_empty() {
            return None;
        }
        let mut n: u128 = 0;
        for d in digits {
            n = n.saturating_mul(10).saturating_add(u128::from(d - b'0'));
        }
        return Some(n);
    }
    None
}

/// Whether an OLE compound file is an Office document saved with a password: an
/// encrypted `.xlsx` is an OLE file with an `EncryptedPackage` stream. The stream's
/// name is looked for in the file (UTF-16, as the directory keeps names).
pub(crate) fn is_encrypted_package(path: &Path) -> std::io::Result<bool> {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut file = std::fs::File::open(path)?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut kept = 0usize;
    loop {
        let read = file.read(&mut buffer[kept..])?;
        if read == 0 {
            return Ok(false);
        }
        let filled = kept + read;
        if memchr::memmem::find(&buffer[..filled], &needle).is_some() {
            return Ok(true);
        }
        // Keep the tail, in case the name straddles two reads.
        kept = (needle.len() - 1).min(filled);
        buffer.copy_within(filled - kept..filled, 0);
    }
}

pub(crate) fn damaged() -> FileRefusal {
    FileRefusal::Damaged
}

/// A size in words: `512 MB`, `1 GB`, `3.5 GB`.
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    const GB: u64 = 1 << 30;
    if bytes >= GB {
        let tenths = bytes * 10 / GB;
        if tenths % 10 == 0 {
            format!("{} GB", tenths / 10)
        } else {
            format!("{}.{} GB", tenths / 10, tenths % 10)
        }
    } else if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A count with thousands separated: `500,000`.
pub fn count_text(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A count and its noun, singular for one: "1 problem", "1,640 problems".
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count_text(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_problem_is_singular_and_others_plural() {
        assert_eq!(count_of(1, "problem", "problems"), "1 problem");
        assert_eq!(count_of(0, "problem", "problems"), "0 problems");
        assert_eq!(count_of(1640, "row", "rows"), "1,640 rows");
    }

    #[test]
    fn first_bytes_tell_what_a_file_is() {
        assert_eq!(signature_of(b""), Signature::Empty);
        assert_eq!(signature_of(b"PK\x03\x04rest"), Signature::Zip);
        assert_eq!(signature_of(&OLE_MAGIC), Signature::Ole);
        assert_eq!(signature_of(b"%PDF-1.7\n%\xe2\xe3"), Signature::Pdf);
        assert_eq!(signature_of(b"Dataset Name,Owner\r\n"), Signature::Text);
        assert_eq!(signature_of("Caf\u{e9}".as_bytes()), Signature::Text);
        // A character cut short by the 512 bytes is still text.
        assert_eq!(signature_of(&"\u{e9}".as_bytes()[..1]), Signature::Unknown);
        assert_eq!(signature_of(b"ab\xc3"), Signature::Text);
        assert_eq!(signature_of(b"\x00\x01\x02binary"), Signature::Unknown);
    }

    #[test]
    fn an_announced_count_is_read_however_big() {
        assert_eq!(
            announced_count(b"<sst count=\"3\" uniqueCount=\"2\">", b"uniqueCount"),
            Some(2)
        );
        assert_eq!(
            announced_count(
                b"<x:sst uniqueCount = '18446744073709551615'>",
                b"uniqueCount"
            ),
            Some(u128::from(u64::MAX))
        );
        assert_eq!(
            announced_count(
                &[b"<sst uniqueCount=\"".as_slice(), &[b'9'; 60]].concat(),
                b"uniqueCount"
            ),
            Some(u128::MAX)
        );
        assert_eq!(announced_count(b"<sst count=\"3\">", b"uniqueCount"), None);
    }

    #[test]
    fn sizes_and_counts_read_as_words() {
        assert_eq!(size_text(MAX_UNPACKED_BYTES), "1 GB");
        assert_eq!(size_text(MAX_PART_BYTES), "768 MB");
        assert_eq!(size_text(7 << 29), "3.5 GB");
        assert_eq!(size_text(1000), "1 KB");
        assert_eq!(count_text(MAX_IMPORT_ROWS), "500,000");
        assert_eq!(count_text(1_048_576), "1,048,576");
        assert_eq!(count_text(7), "7");
    }
}
