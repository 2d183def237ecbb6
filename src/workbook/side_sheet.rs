//! The one reader of the workbook's side sheets (`Checklist`, `Publication
//! Plan`): a record a row under a header row, the sheet's columns declared in a
//! `SideTable`. It finds the header row (the app's, or one a person typed in
//! another order or case), warns about the headers it does not know, walks the
//! rows that hold anything and gives each row's cells with the checks every
//! side sheet makes in the same words (spreadsheet errors, the Inventory ID, a
//! text that fits a cell, a date). What a row means is each sheet's own.

use chrono::NaiveDate;

use super::cell_ref;
use super::content::{FileContent, Problem, problem};
use super::read::{Cell, Sheet};
use crate::model::InventoryId;
use crate::model::dataset::{MAX_TEXT, clean_text, shorten};
use crate::model::dates::parse_date;
use crate::model::vocab::normalize;

/// What a side sheet needs of one of its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    /// Without it the sheet is not read.
    Required,
    /// A part of the record: the sheet is read when it has at least one of
    /// these (when its table declares any).
    Part,
    /// Read when the sheet has it.
    Optional,
    /// Written for people and never read back (the dataset's name next to its
    /// plan): a spreadsheet error in its cell does not stop the row.
    Unread,
}

/// One declared column of a side sheet.
#[derive(Debug, Clone, Copy)]
struct SideColumn {
    header: &'static str,
    /// Other headers that name it, matched as the header is: ignoring case,
    /// spaces and punctuation.
    aliases: &'static [&'static str],
    need: Need,
}

/// A side sheet's columns in the order of its headers: a column's position is
/// its index in the sheet's `*_HEADERS` and `*_col`.
#[derive(Debug)]
pub(super) struct SideTable<const N: usize> {
    columns: [SideColumn; N],
    /// The warning for a sheet with no header row naming the columns it needs:
    /// what was not read, and what to do.
    unread: &'static str,
}

impl<const N: usize> SideTable<N> {
    /// The table of a sheet's `headers`, each with what the sheet needs of it.
    pub const fn new(headers: &[&'static str; N], needs: [Need; N], unread: &'static str) -> Self {
        let mut columns = [SideColumn {
            header: "",
            aliases: &[],
            need: Need::Optional,
        }; N];
        let mut i = 0;
        while i < N {
            columns[i].header = headers[i];
            columns[i].need = needs[i];
            i += 1;
        }
        SideTable { columns, unread }
    }

    /// The table with other headers that name column `c`. Neither sheet has
    /// one yet: their headers are read as the app writes them, in any case and
    /// spacing.
    #[allow(dead_code)]
    pub const fn aliases(mut self, c: usize, aliases: &'static [&'static str]) -> Self {
        self.columns[c].aliases = aliases;
        self
    }

    /// Finds the sheet's header row and warns about the headers it does not
    /// know; `None`, with a warning, when no row names the columns it needs.
    pub fn open<'a>(
        &'a self,
        sheet: &'a Sheet,
        content: &mut FileContent,
    ) -> Option<SideSheet<'a, N>> {
        let Some(found) = self.find_header(sheet) else {
            content.warnings.push(Problem {
                sheet: sheet.name.clone(),
                cell: String::new(),
                column: String::new(),
                message: self.unread.into(),
            });
            return None;
        };
        found.warn_unknown_headers(content);
        Some(found)
    }

    /// Every header and alias, normalised, with its column: the headers first,
    /// so that a header always wins over another column's alias.
    fn keys(&self) -> Vec<(String, usize)> {
        let headers = self.columns.iter().enumerate().map(|(i, c)| (c.header, i));
        let aliases = self
            .columns
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.aliases.iter().map(move |a| (*a, i)));
        headers
            .chain(aliases)
            .map(|(h, i)| (normalize(h), i))
            .collect()
    }

    /// The header row (in the first ten) that names the most of the sheet's
    /// columns, among those that name every required column and, when the
    /// table has parts, at least one of them.
    fn find_header<'a>(&'a self, sheet: &'a Sheet) -> Option<SideSheet<'a, N>> {
        let keys = self.keys();
        let has_parts = self.columns.iter().any(|c| c.need == Need::Part);
        let mut best: Option<(usize, [Option<usize>; N], usize)> = None;
        for (r, row) in sheet.rows.iter().take(10).enumerate() {
            let mut columns = [None; N];
            for (c, cell) in row.iter().enumerate() {
                let key = normalize(&cell.text());
                if let Some((_, i)) = keys.iter().find(|(k, _)| *k == key) {
                    columns[*i].get_or_insert(c);
                }
            }
            let has = |need: Need| {
                self.columns
                    .iter()
                    .zip(&columns)
                    .filter(move |(column, _)| column.need == need)
                    .map(|(_, found)| found.is_some())
            };
            let required = has(Need::Required).all(|found| found);
            let parts = has(Need::Part).any(|found| found);
            if !required || (has_parts && !parts) {
                continue;
            }
            let score = columns.iter().flatten().count();
            if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
                best = Some((r, columns, score));
            }
        }
        best.map(|(row, columns, _)| SideSheet {
            table: self,
            sheet,
            row,
            columns,
        })
    }
}

/// A side sheet whose header row was found.
pub(super) struct SideSheet<'a, const N: usize> {
    table: &'a SideTable<N>,
    pub sheet: &'a Sheet,
    /// The header row's 0-based index.
    row: usize,
    /// For each declared column, the sheet column that holds it.
    columns: [Option<usize>; N],
}

impl<const N: usize> SideSheet<'_, N> {
    /// Headers the app does not know, or that repeat, are read past with a warning.
    fn warn_unknown_headers(&self, content: &mut FileContent) {
        let keys = self.table.keys();
        for (c, cell) in self.sheet.rows[self.row].iter().enumerate() {
            let header = cell.text();
            let header = header.trim();
            if header.is_empty() || self.columns.contains(&Some(c)) {
                continue;
            }
            let repeated = keys.iter().any(|(k, _)| *k == normalize(header));
            let message = if repeated {
                "a second column with this name, ignored: only the first is read"
            } else {
                "unknown column, ignored"
            };
            content
                .warnings
                .push(problem(self.sheet, self.row, c, header, message));
        }
    }

    /// The rows below the header that hold anything, in order.
    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        let rows = &self.sheet.rows;
        (self.row + 1..rows.len()).filter(|r| !rows[*r].iter().all(Cell::is_empty))
    }

    /// Which of the declared columns the sheet has.
    pub fn given(&self) -> [bool; N] {
        self.columns.map(|c| c.is_some())
    }

    /// Where the cell of column `c` on row `r` is (`A2`); in the first column
    /// when the sheet lacks it.
    pub fn cell_ref(&self, r: usize, c: usize) -> String {
        cell_ref(r, self.sheet_column(c))
    }

    /// The sheet's column (0-based) that holds declared column `c`; the
    /// first when the sheet lacks it.
    pub fn sheet_column(&self, c: usize) -> usize {
        self.columns[c].unwrap_or(0)
    }

    /// A problem in the cell of column `c` on row `r`.
    pub fn problem(&self, r: usize, c: usize, message: impl Into<String>) -> Problem {
        let sc = self.columns[c].unwrap_or(0);
        problem(self.sheet, r, sc, self.table.columns[c].header, message)
    }

    /// Holds row `r` for `problems` (all in that row): the other rows are read.
    pub fn hold(&self, r: usize, problems: Vec<Problem>, content: &mut FileContent) {
        let id_col = self.columns[0].unwrap_or(0);
        let id = self.sheet.cell(r, id_col).text().trim().parse().ok();
        let mut held = super::held::HeldRow::at(self.sheet, self.row, r).named("", id);
        for problem in problems {
            held.add(problem, None);
        }
        content.held.push(held);
    }

    /// The rows read (`(row, value)`, in order) with one per dataset: a second
    /// row of a dataset is held with `twice(id, first row's 0-based index)`,
    /// since which of the two is meant is the person's to say.
    pub fn first_per_dataset<T>(
        &self,
        read: Vec<(usize, T)>,
        id: impl Fn(&T) -> &InventoryId,
        twice: impl Fn(&InventoryId, usize) -> String,
        content: &mut FileContent,
    ) -> Vec<T> {
        let mut seen: std::collections::HashMap<InventoryId, usize> = Default::default();
        let mut kept = Vec::new();
        for (r, value) in read {
            if let Some(first) = seen.insert(id(&value).clone(), r) {
                let problem = self.problem(r, 0, twice(id(&value), first));
                self.hold(r, vec![problem], content);
                continue;
            }
            kept.push(value);
        }
        kept
    }

    /// Reads row `r` with `read` once none of its cells shows a spreadsheet
    /// error. A row with a problem is held (`content.held`); `None` then.
    pub fn read_row<T>(
        &self,
        r: usize,
        content: &mut FileContent,
        read: impl FnOnce(&mut Cells<'_, N>) -> Option<T>,
    ) -> Option<T> {
        let mut cells = Cells {
            side: self,
            r,
            errors: Vec::new(),
        };
        let value = if cells.spreadsheet_errors() {
            read(&mut cells)
        } else {
            None
        };
        if cells.errors.is_empty() {
            value
        } else {
            self.hold(r, cells.errors, content);
            None
        }
    }
}

/// The cells of one row of a side sheet, and the problems found in them.
pub(super) struct Cells<'a, const N: usize> {
    side: &'a SideSheet<'a, N>,
    r: usize,
    errors: Vec<Problem>,
}

impl<'a, const N: usize> Cells<'a, N> {
    /// The cell under one of the declared columns (empty if the sheet lacks it).
    pub fn cell(&self, c: usize) -> &'a Cell {
        match self.side.columns[c] {
            Some(sc) => self.side.sheet.cell(self.r, sc),
            None => &Cell::Empty,
        }
    }

    /// The cell's text, trimmed; borrowed from a text cell (a city's
    /// Checklist sheet has a row per dataset and question).
    pub fn text(&self, c: usize) -> std::borrow::Cow<'a, str> {
        match self.cell(c).as_text() {
            std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(t.trim()),
            std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(t.trim().to_string()),
        }
    }

    pub fn error(&mut self, c: usize, message: String) {
        let problem = self.side.problem(self.r, c, message);
        self.errors.push(problem);
    }

    /// Reports cells that show a spreadsheet error (#REF!…); false if any does.
    /// A column that is never read does not count.
    fn spreadsheet_errors(&mut self) -> bool {
        for c in 0..N {
            if self.side.table.columns[c].need == Need::Unread {
                continue;
            }
            if let Cell::Error(e) = self.cell(c) {
                let message = format!(
                    "The cell shows the spreadsheet error {e}. Replace it with a value or clear it."
                );
                self.error(c, message);
            }
        }
        self.errors.is_empty()
    }

    /// The row's Inventory ID, in column `c`.
    pub fn id(&mut self, c: usize) -> Option<InventoryId> {
        let text = self.text(c);
        if text.is_empty() {
            self.error(c, "This row has no Inventory ID. Copy the dataset's Inventory ID from the Inventory sheet, or clear the whole row.".into());
            return None;
        }
        let id = text.parse().ok();
        if id.is_none() {
            self.error(c, format!(
                "\"{}\" is not an Inventory ID: it should look like ABC-0001, as on the Inventory sheet. Correct it, or clear the whole row.",
                shorten(&text)
            ));
        }
        id
    }

    /// A text cleaned as the Inventory's is; `what` names it in the message
    /// when it is longer than a cell holds ("note", "cell").
    pub fn words(&mut self, c: usize, what: &str) -> Option<String> {
        let text = clean_text(&self.cell(c).as_text());
        let length = text.chars().count();
        if length > MAX_TEXT {
            self.error(c, format!(
                "This {what} is {length} characters long; a spreadsheet cell holds at most {MAX_TEXT}. Shorten it."
            ));
            return None;
        }
        Some(text)
    }

    /// A date; `Some(None)` when none is given. `day` says which day to write
    /// when the cell holds something else ("the day").
    pub fn date(&mut self, c: usize, day: &str) -> Option<Option<NaiveDate>> {
        let text = self.text(c);
        if text.is_empty() {
            return Some(None);
        }
        let date = parse_date(&text);
        if date.is_none() {
            self.error(
                c,
                format!(
                    "\"{}\" is not a date. Write {day}, like 2024-03-31, or clear the cell.",
                    shorten(&text)
                ),
            );
            return None;
        }
        Some(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A side sheet of every kind of column: a plan-like record.
    const TABLE: SideTable<5> = SideTable::new(
        &[
            "Inventory ID",
            "Dataset Name",
            "Published On",
            "Last Refreshed",
            "Note",
        ],
        [
            Need::Required,
            Need::Unread,
            Need::Part,
            Need::Part,
            Need::Optional,
        ],
        "This sheet has no Inventory ID column, so nothing was read.",
    )
    .aliases(PUBLISHED, &["Go-live date", "dataset name"]);
    const ID: usize = 0;
    const NAME: usize = 1;
    const PUBLISHED: usize = 2;
    const NOTE: usize = 4;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let cell = |t: &&str| match t.strip_prefix('#') {
            Some(_) => Cell::Error(t.to_string()),
            None if t.is_empty() => Cell::Empty,
            None => Cell::Text(t.to_string()),
        };
        Sheet {
            name: "Side".into(),
            rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
        }
    }

    fn warnings(content: &FileContent) -> Vec<(&str, &str)> {
        let w = content.warnings.iter();
        w.map(|p| (p.cell.as_str(), p.message.as_str())).collect()
    }

    #[test]
    fn the_header_is_the_row_below_the_titles_that_names_the_most_columns() {
        let s = sheet(&[
            &["Plans of the Parks department"],
            &["Inventory ID", "Published On"],
            &["  inventory id", "DATASET NAME", "published-on", "Note"],
            &["PRK-0001", "Trees", "2027-01-05", ""],
        ]);
        let mut content = FileContent::default();
        let side = TABLE.open(&s, &mut content).unwrap();
        assert_eq!(side.row, 2);
        assert_eq!(side.columns, [Some(0), Some(1), Some(2), None, Some(3)]);
        assert_eq!(side.given(), [true, true, true, false, true]);
        assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    }

    #[test]
    fn an_alias_names_its_column_but_never_wins_over_a_header() {
        let s = sheet(&[&["Go Live Date", "Inventory ID", "Dataset Name"]]);
        let side = TABLE.open(&s, &mut FileContent::default()).unwrap();
        assert_eq!(side.columns, [Some(1), Some(2), Some(0), None, None]);
    }

    #[test]
    fn a_sheet_without_its_required_columns_or_any_part_is_not_read() {
        let sheets: [&[&[&str]]; 3] = [
            &[&["Published On", "Note"], &["2027-01-05", "x"]],
            &[
                &["Inventory ID", "Dataset Name", "Note"],
                &["PRK-0001", "Trees", "x"],
            ],
            &[],
        ];
        for rows in sheets {
            let mut content = FileContent::default();
            assert!(TABLE.open(&sheet(rows), &mut content).is_none());
            assert_eq!(warnings(&content), [("", TABLE.unread)]);
            assert_eq!(content.warnings[0].sheet, "Side");
        }
    }

    #[test]
    fn unknown_and_repeated_headers_are_warned_on_their_cells_and_read_past() {
        let s = sheet(&[&[
            "Inventory ID",
            "",
            "Owner",
            "Published On",
            "inventory id",
            "Go-live date",
        ]]);
        let mut content = FileContent::default();
        let side = TABLE.open(&s, &mut content).unwrap();
        assert_eq!(side.columns, [Some(0), None, Some(3), None, None]);
        let repeated = "a second column with this name, ignored: only the first is read";
        assert_eq!(
            warnings(&content),
            [
                ("C1", "unknown column, ignored"),
                ("E1", repeated),
                ("F1", repeated)
            ]
        );
        assert_eq!(content.warnings[0].column, "Owner");
        assert_eq!(content.warnings[1].column, "inventory id");
    }

    #[test]
    fn blank_rows_are_passed_over() {
        let s = sheet(&[
            &["Inventory ID", "Published On"],
            &["PRK-0001"],
            &["", "  "],
            &[],
            &["", "2027-01-05"],
        ]);
        let side = TABLE.open(&s, &mut FileContent::default()).unwrap();
        assert_eq!(side.rows().collect::<Vec<_>>(), [1, 4]);
    }

    #[test]
    fn a_spreadsheet_error_stops_the_row_unless_its_column_is_never_read() {
        let s = sheet(&[
            &["Note", "Inventory ID", "Dataset Name", "Published On"],
            &["", "PRK-0001", "#REF!", ""],
            &["#N/A", "PRK-0002", "#REF!", "#DIV/0!"],
        ]);
        let mut content = FileContent::default();
        let side = TABLE.open(&s, &mut content).unwrap();
        let read = |r, content: &mut FileContent| side.read_row(r, content, |c| c.id(ID));
        assert_eq!(read(1, &mut content), "PRK-0001".parse().ok());
        assert!(content.problems().is_empty(), "{:?}", content.problems());
        assert_eq!(read(2, &mut content), None);
        assert_eq!(content.held.len(), 1, "the row is held, not the sheet");
        assert!(content.errors.is_empty());
        let problems = content.problems();
        let errors: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.cell.as_str(), p.column.as_str()))
            .collect();
        assert_eq!(errors, [("D3", "Published On"), ("A3", "Note")]);
        assert_eq!(
            problems[0].message,
            "The cell shows the spreadsheet error #DIV/0!. Replace it with a value or clear it."
        );
    }

    #[test]
    fn each_cell_is_checked_in_the_words_both_sheets_use() {
        let long = "x".repeat(MAX_TEXT + 1);
        let s = sheet(&[
            &["Published On", "Note", "Inventory ID"],
            &["next week", long.as_str(), "Trees"],
            &["", "  a   note ", ""],
        ]);
        let mut content = FileContent::default();
        let side = TABLE.open(&s, &mut content).unwrap();
        let first = side.read_row(1, &mut content, |c| {
            Some((
                c.id(ID),
                c.words(NOTE, "note"),
                c.date(PUBLISHED, "the day"),
            ))
        });
        assert_eq!(first, None, "a row with a problem is held");
        let problems = content.problems();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "\"Trees\" is not an Inventory ID: it should look like ABC-0001, as on the Inventory sheet. Correct it, or clear the whole row.",
                "This note is 32768 characters long; a spreadsheet cell holds at most 32767. Shorten it.",
                "\"next week\" is not a date. Write the day, like 2024-03-31, or clear the cell.",
            ]
        );
        let mut content = FileContent::default();
        let second = side.read_row(2, &mut content, |c| {
            Some((
                c.id(ID),
                c.words(NOTE, "note"),
                c.date(PUBLISHED, "the day"),
            ))
        });
        assert_eq!(second, None, "a row with a problem is held");
        let problems = content.problems();
        assert_eq!(problems[0].cell, "C3");
        assert!(
            problems[0]
                .message
                .starts_with("This row has no Inventory ID.")
        );
    }

    #[test]
    fn a_missing_column_reads_empty_and_its_problems_point_at_the_first_column() {
        let s = sheet(&[
            &["Last Refreshed", "Inventory ID"],
            &["2027-01-05", "PRK-0001"],
        ]);
        let side = TABLE.open(&s, &mut FileContent::default()).unwrap();
        let mut content = FileContent::default();
        side.read_row(1, &mut content, |c| {
            assert_eq!(c.cell(NAME), &Cell::Empty);
            assert_eq!(c.text(ID), "PRK-0001");
            c.error(NOTE, "A note is needed.".into());
            Some(())
        });
        assert_eq!(side.cell_ref(1, ID), "B2");
        assert_eq!(side.cell_ref(1, NOTE), "A2");
        let p = &content.problems()[0];
        assert_eq!(
            (p.sheet.as_str(), p.cell.as_str(), p.column.as_str()),
            ("Side", "A2", "Note")
        );
    }
}
