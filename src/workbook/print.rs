//! How the workbook prints: every sheet landscape, one page wide (as many pages
//! tall as it takes), its header row repeated on each page; and rows tall
//! enough for the wrapped text they hold. A spreadsheet program does not always
//! grow a row to fit its wrapped text when it opens a file (LibreOffice prints
//! such lines on top of each other), so the heights are written in the file.

use rust_xlsxwriter::{Worksheet, XlsxError};

/// The height of one line of the workbook's 11-point text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// The widest a sheet's columns may be in all, in characters, for it to print
/// one page wide in LibreOffice too: past about this, LibreOffice stops
/// shrinking a sheet that is not the workbook's first and prints it two pages
/// wide (the Inventory's 55 columns at their own widths are 918).
const WIDEST: f64 = 700.0;

/// Landscape, one page wide and any number of pages tall, with the rows
/// `header` (0-based, first to last) printed at the top of every page.
pub(super) fn page_setup(ws: &mut Worksheet, header: Option<(u32, u32)>) -> Result<(), XlsxError> {
    ws.set_landscape();
    // Narrow side margins: a quarter inch more of the page for the columns.
    ws.set_margins(0.25, 0.25, 0.75, 0.75, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    if let Some((first, last)) = header {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// The factor a sheet's column widths are written at so that together they
/// stay within `WIDEST` characters: 1 for a sheet narrower than that.
pub(super) fn width_factor(widths: impl IntoIterator<Item = f64>) -> f64 {
    let total: f64 = widths.into_iter().sum();
    if total > WIDEST { WIDEST / total } else { 1.0 }
}

/// How many lines `text` takes when wrapped in a column `width` characters
/// wide: words are kept whole, as a spreadsheet wraps them, and each line
/// break starts a line.
pub(super) fn lines_needed(text: &str, width: f64) -> u32 {
    // A column's width counts the digit 0; most letters are narrower, bold ones
    // wider: a little room is kept so a line never runs over.
    let room = ((width - 1.0) * 0.95).max(1.0) as usize;
    text.split('\n')
        .map(|paragraph| {
            let mut lines = 1u32;
            let mut used = 0usize;
            for word in paragraph.split_whitespace() {
                let len = word.chars().count();
                let needed = if used == 0 { len } else { used + 1 + len };
                if needed <= room {
                    used = needed;
                } else {
                    // A word longer than the column is broken across lines.
                    let fresh = u32::from(used != 0);
                    lines += fresh + (len.saturating_sub(1) / room) as u32;
                    used = match len % room {
                        0 => room,
                        rest => rest,
                    };
                }
            }
            lines
        })
        .sum()
}

/// The height, in points, of a row whose cells wrap these texts in columns of
/// these widths: the tallest cell's lines.
pub(super) fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(text, width)| lines_needed(text, width))
        .max()
        .unwrap_or(1)
        .max(1);
    f64::from(lines) * LINE_HEIGHT + 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_takes_as_many_lines_as_its_words_fill() {
        assert_eq!(lines_needed("", 20.0), 1);
        assert_eq!(lines_needed("Dataset Name", 32.0), 1);
        // Seventeen characters of room: two words of eight fit on one line.
        assert_eq!(lines_needed("abcdefgh abcdefgh", 19.0), 1);
        assert_eq!(lines_needed("abcdefgh abcdefgh abcdefgh", 19.0), 2);
        assert_eq!(lines_needed("one\ntwo\nthree", 80.0), 3);
        assert_eq!(lines_needed("Measurement or Transaction", 10.0), 4);
    }

    #[test]
    fn a_sheet_too_wide_to_print_has_its_columns_narrowed_together() {
        assert_eq!(width_factor([10.0, 20.0]), 1.0);
        let factor = width_factor([WIDEST, WIDEST]);
        assert_eq!(factor, 0.5);
    }

    #[test]
    fn a_row_is_as_tall_as_its_tallest_cell() {
        let long = "word ".repeat(60);
        let short = row_height([("Department", 28.0)]);
        let tall = row_height([("Department", 28.0), (long.as_str(), 80.0)]);
        assert_eq!(short, LINE_HEIGHT + 2.0);
        assert_eq!(tall, 4.0 * LINE_HEIGHT + 2.0);
    }
}
