//! Reads a CSV file as people's spreadsheets save it: UTF-8, Windows-1252 (Excel
//! on Windows) or UTF-16 (Excel's "Unicode text"), separated by commas,
//! semicolons (Excel where the decimal mark is a comma) or tabs. The file is read
//! as a stream, and a cell is kept only when it has a value, so memory grows with
//! the values, never with the separators between them. What was guessed (an
//! encoding, a quote never closed) is told as a warning naming the rows.

use std::io::{BufRead, Read, Seek, SeekFrom};
use std::path::Path;

use super::{Book, Budget, Cell, SheetBuilder};
use crate::workbook::content::Problem;
use crate::workbook::limits::{Limits, count_text};
use crate::workbook::{FileRefusal, WorkbookError, cell_ref};

/// How many bytes of the file's start are looked at to choose the separator.
const SNIFF_BYTES: usize = 64 << 10;

/// How many quotes never closed are read again before every quote is read as a
/// character.
const UNCLOSED_QUOTES: usize = 20;

/// The rows a warning lists by number before it says how many more there are.
const ROWS_LISTED: usize = 10;

pub(super) fn read_csv(path: &Path, limits: &Limits) -> Result<Book, WorkbookError> {
    let refuse = |reason: FileRefusal| WorkbookError::read(path, reason);
    let meta = std::fs::metadata(path).map_err(|e| refuse(e.into()))?;
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("CSV")
        .to_string();
    if !meta.is_file() {
        // A named pipe or a device cannot be read twice or sought in: read it
        // once into memory, within the CSV limit, and parse it from there.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(limits.csv_bytes + 1).read_to_end(&mut bytes))
            .map_err(|e| refuse(e.into()))?;
        if bytes.len() as u64 > limits.csv_bytes {
            return Err(refuse(FileRefusal::CsvTooBig {
                size: bytes.len() as u64,
                limit: limits.csv_bytes,
            }));
        }
        let mut cursor = std::io::Cursor::new(bytes);
        return read_stream(&mut cursor, &name, limits).map_err(refuse);
    }
    let size = meta.len();
    if size > limits.csv_bytes {
        return Err(refuse(FileRefusal::CsvTooBig {
            size,
            limit: limits.csv_bytes,
        }));
    }
    let mut file = std::fs::File::open(path).map_err(|e| refuse(e.into()))?;
    read_stream(&mut file, &name, limits).map_err(refuse)
}

/// Reads a CSV from the start of a seekable stream: UTF-16 decoded first,
/// a UTF-8 byte-order mark skipped.
fn read_stream<F: Read + Seek>(
    file: &mut F,
    name: &str,
    limits: &Limits,
) -> Result<Book, FileRefusal> {
    let mut head = [0u8; 4];
    let got = read_up_to(file, &mut head).map_err(FileRefusal::from)?;
    let head = &head[..got];
    let utf16 = match head {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        // No mark, but the NUL bytes of UTF-16 text in a Latin script.
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some(encoding_rs::UTF_16LE),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let outcome = match utf16 {
        Some(encoding) => {
            // UTF-16 becomes UTF-8 text in memory (at most the file's size, for
            // text in a Latin script half of it) and is read from there.
            file.seek(SeekFrom::Start(0)).map_err(FileRefusal::from)?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).map_err(FileRefusal::from)?;
            let (text, _, _) = encoding.decode(&bytes);
            let text = text.into_owned().into_bytes();
            drop(bytes);
            parse(std::io::Cursor::new(text), name, limits)
        }
        None => {
            let skip = if head.starts_with(b"\xef\xbb\xbf") {
                3
            } else {
                0
            };
            file.seek(SeekFrom::Start(skip))
                .map_err(FileRefusal::from)?;
            parse(
                std::io::BufReader::with_capacity(1 << 20, file),
                name,
                limits,
            )
        }
    };
    outcome
}

fn read_up_to<F: Read>(file: &mut F, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// The separator of a file: of comma, semicolon and tab, the one that its first
/// line with any of them (the header, or a title above it) holds the most of,
/// outside quotes; the first ten lines are looked at. A first
/// line `sep=;` (which Excel writes and reads) says it outright; it is then
/// skipped (`true`).
fn sniff(head: &[u8]) -> (u8, bool) {
    let first = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    if let [b's' | b'S', b'e' | b'E', b'p' | b'P', b'=', sep] = first
        && !sep.is_ascii_alphanumeric()
        && *sep != b'"'
    {
        return (*sep, true);
    }
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let (mut counts, mut lines, mut quoted) = ([0usize; 3], 0, false);
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                if counts.iter().any(|c| *c > 0) {
                    break;
                }
                lines += 1;
                if lines == 10 {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|c| *c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    // The most frequent: a comma wins a tie, then a semicolon.
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    (CANDIDATES[best], false)
}

/// A cell's bytes as text: UTF-8 where they are UTF-8, and each byte that is not
/// read as Windows-1252 (whose quotes, €, – and accents Latin-1 does not have).
/// `true` when some bytes were not UTF-8.
fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), false),
        Err(_) => {
            let mut text = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                let (other, _) =
                    encoding_rs::WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
                text.push_str(&other);
            }
            (text, true)
        }
    }
}

/// Where a quote opened: its byte in the stream, and the cell it opened.
#[derive(Clone, Copy)]
struct QuoteOpened {
    at: u64,
    row: usize,
    col: usize,
}

/// A byte at a time from a buffered, seekable stream, counting where it is.
struct Bytes<R> {
    reader: R,
    at: u64,
}

impl<R: BufRead + Seek> Bytes<R> {
    fn next(&mut self) -> std::io::Result<Option<u8>> {
        let buf = self.reader.fill_buf()?;
        let Some(&b) = buf.first() else {
            return Ok(None);
        };
        self.reader.consume(1);
        self.at += 1;
        Ok(Some(b))
    }

    fn peek(&mut self) -> std::io::Result<Option<u8>> {
        Ok(self.reader.fill_buf()?.first().copied())
    }

    fn seek(&mut self, at: u64) -> std::io::Result<()> {
        self.reader.seek(SeekFrom::Start(at))?;
        self.at = at;
        Ok(())
    }
}

/// The cells of one CSV stream, as a one-sheet book.
fn parse<R: BufRead + Seek>(
    mut reader: R,
    name: &str,
    limits: &Limits,
) -> Result<Book, FileRefusal> {
    let start = reader.stream_position()?;
    let head = {
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        (&mut reader)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)?;
        head
    };
    let (sep, skip_first_line) = sniff(&head);
    drop(head);
    reader.seek(SeekFrom::Start(start))?;
    let mut bytes = Bytes { reader, at: start };
    if skip_first_line {
        while let Some(b) = bytes.next()? {
            if b == b'\n' {
                break;
            }
        }
    }
    let mut budget = Budget {
        limits,
        cells: 0,
        text: 0,
    };
    let mut sheet = SheetBuilder::new(name, &mut budget);
    let cell_limit = limits.cell_bytes;
    let (mut row, mut col) = (0usize, 0usize);
    let mut value: Vec<u8> = Vec::new();
    let mut quoted: Option<QuoteOpened> = None;
    // A quote that was never closed is read again as a character of its cell.
    let mut literal_quote_at: Option<u64> = None;
    let mut unclosed: Vec<QuoteOpened> = Vec::new();
    let mut not_utf8: Vec<usize> = Vec::new();
    let mut at_field_start = true;

    // Ends the cell at (row, col): kept when it has a value.
    let end_cell = |sheet: &mut SheetBuilder<'_, '_>,
                    value: &mut Vec<u8>,
                    row: usize,
                    col: usize,
                    not_utf8: &mut Vec<usize>|
     -> Result<(), FileRefusal> {
        if value.is_empty() {
            return Ok(());
        }
        let (text, guessed) = decode(value);
        value.clear();
        if guessed && not_utf8.last() != Some(&row) {
            not_utf8.push(row);
        }
        let text = crate::workbook::csv::unguard(&text);
        sheet.put(row, col, Cell::Text(text.to_string()))
    };

    loop {
        let next = bytes.next()?;
        // A quoted cell that runs to the end of the file, or past the longest
        // cell there can be, was opened by a quote that is never closed: it is
        // read again from the quote, as a character of the cell.
        if let Some(open) = quoted
            && (next.is_none() || value.len() > cell_limit)
        {
            quoted = None;
            unclosed.push(open);
            value.clear();
            row = open.row;
            col = open.col;
            bytes.seek(open.at)?;
            // Past a few of them, every quote is a character: each one read
            // again costs a pass over the rest of the file.
            literal_quote_at = if unclosed.len() >= UNCLOSED_QUOTES {
                Some(u64::MAX)
            } else {
                Some(open.at)
            };
            at_field_start = true;
            continue;
        }
        let Some(b) = next else {
            end_cell(&mut sheet, &mut value, row, col, &mut not_utf8)?;
            break;
        };
        if quoted.is_some() {
            if b == b'"' {
                if bytes.peek()? == Some(b'"') {
                    bytes.next()?;
                    value.push(b'"');
                } else {
                    quoted = None;
                }
            } else {
                value.push(b);
            }
        } else if b == b'"'
            && at_field_start
            && literal_quote_at != Some(bytes.at - 1)
            && literal_quote_at != Some(u64::MAX)
        {
            quoted = Some(QuoteOpened {
                at: bytes.at - 1,
                row,
                col,
            });
            at_field_start = false;
            continue;
        } else if b == sep {
            end_cell(&mut sheet, &mut value, row, col, &mut not_utf8)?;
            col += 1;
            at_field_start = true;
            continue;
        } else if b == b'\n' || b == b'\r' {
            if b == b'\r' && bytes.peek()? == Some(b'\n') {
                bytes.next()?;
            }
            end_cell(&mut sheet, &mut value, row, col, &mut not_utf8)?;
            row += 1;
            col = 0;
            at_field_start = true;
            continue;
        } else {
            value.push(b);
        }
        at_field_start = false;
        if quoted.is_none() && value.len() > cell_limit {
            return Err(FileRefusal::CellTooLong {
                sheet: name.to_string(),
                cell: cell_ref(row, col),
                limit: cell_limit,
            });
        }
    }
    let mut warnings = Vec::new();
    if !not_utf8.is_empty() {
        warnings.push(Problem {
            sheet: name.to_string(),
            cell: String::new(),
            column: String::new(),
            message: format!(
                "The file is not all in UTF-8: {} read as Windows-1252, the encoding of Excel on Windows. Check that accents, quotes and symbols such as € show right in the preview; if not, save the file from your spreadsheet program as \"CSV UTF-8\" and import it again.",
                rows_text(&not_utf8, "was", "were")
            ),
        });
    }
    for open in &unclosed {
        warnings.push(Problem {
            sheet: name.to_string(),
            cell: cell_ref(open.row, open.col),
            column: String::new(),
            message: format!(
                "The quote (\") that opens this cell on row {} is never closed, so every row after it would have been read into this one cell. The quote was read as a character of the cell instead. If the cell should hold the quote, put the whole value in quotes and write the quote twice (\"\"); otherwise delete it, and import again.",
                count_text(open.row + 1)
            ),
        });
    }
    Ok(Book {
        sheets: vec![sheet.finish()],
        is_csv: true,
        warnings,
    })
}

/// `row 3 was`, `rows 3, 7 and 12 were`, `rows 3, 7, … and 40 more were`.
fn rows_text(rows: &[usize], one: &str, many: &str) -> String {
    let numbers: Vec<String> = rows
        .iter()
        .take(ROWS_LISTED)
        .map(|r| count_text(r + 1))
        .collect();
    match rows.len() {
        1 => format!("row {} {one}", numbers[0]),
        n if n <= ROWS_LISTED => {
            let (last, rest) = numbers.split_last().expect("two or more");
            format!("rows {} and {last} {many}", rest.join(", "))
        }
        n => format!(
            "rows {} and {} more {many}",
            numbers.join(", "),
            count_text(n - ROWS_LISTED)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_one_the_header_holds_most_of() {
        assert_eq!(sniff(b"Dataset Name,Owner\nTrees,Ana\n"), (b',', false));
        assert_eq!(
            sniff(b"Dataset Name;Owner\nTrees, old;Ana\n"),
            (b';', false)
        );
        assert_eq!(
            sniff(b"Title\nDataset Name\tOwner\tNotes\n"),
            (b'\t', false)
        );
        assert_eq!(sniff(b"\"a;b;c\",d\n"), (b',', false));
        assert_eq!(sniff(b"sep=;\r\nDataset Name;Owner\r\n"), (b';', true));
        assert_eq!(sniff(b"Dataset Name\n"), (b',', false));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
        assert_eq!(decode("Zürich".as_bytes()), ("Zürich".to_string(), false));
        assert_eq!(
            decode(b"\x93Caf\xe9\x94 \x80 5\x965"),
            ("\u{201c}Café\u{201d} € 5–5".to_string(), true)
        );
        // UTF-8 where it is valid, in the same cell as a stray byte.
        assert_eq!(
            decode(b"Z\xc3\xbcrich \xe9"),
            ("Zürich é".to_string(), true)
        );
    }

    #[test]
    fn rows_are_listed_then_counted() {
        assert_eq!(rows_text(&[2], "was", "were"), "row 3 was");
        assert_eq!(
            rows_text(&[2, 6, 11], "was", "were"),
            "rows 3, 7 and 12 were"
        );
        let many: Vec<usize> = (0..25).collect();
        assert_eq!(
            rows_text(&many, "was", "were"),
            "rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 15 more were"
        );
    }
}

#[cfg(all(test, unix))]
mod pipe_tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_csv_from_a_named_pipe_is_read_once_from_memory() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("piped.csv");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        let writer = {
            let pipe = pipe.clone();
            std::thread::spawn(move || {
                let mut f = std::fs::OpenOptions::new().write(true).open(&pipe).unwrap();
                f.write_all("Dataset Name;Description\nZürich trees;€ and – kept\n".as_bytes())
                    .unwrap();
            })
        };
        let book = read_csv(&pipe, &Limits::DEFAULT).unwrap();
        writer.join().unwrap();
        let sheet = &book.sheets[0];
        assert_eq!(sheet.cell(1, 0).text(), "Zürich trees");
        assert_eq!(sheet.cell(1, 1).text(), "€ and – kept");
    }
}
