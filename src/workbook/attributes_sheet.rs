//! The `Attributes` sheet: the data dictionary, one row per column of each
//! dataset's sample (its profile), keyed by Inventory ID and the column's
//! header. Export writes every column with its type, an example (none for a
//! column that looks like personal data), its personal data flags and access
//! (grey: the app's), and the three parts people write: Description, Unit and
//! Empty Cell Means. Import reads those three back; whether a cell changes
//! anything is for `merge` to say, three ways against the export.

use rust_xlsxwriter::{Color, Note, Worksheet, XlsxError};

use super::columns::{ATTRIBUTE_HEADERS, ATTRIBUTE_HELP, ATTRIBUTE_WIDTHS, attribute_col as col};
use super::content::FileContent;
use super::read::Sheet;
use super::side_sheet::Need::{Part, Required, Unread};
use super::side_sheet::{SideSheet, SideTable};
use crate::model::InventoryId;
use crate::profile::{self, Profile};

const N: usize = ATTRIBUTE_HEADERS.len();

/// The sheet's columns: a row is read by its Inventory ID and Column, with at
/// least one of the three parts people write.
const TABLE: SideTable<N> = SideTable::new(
    &ATTRIBUTE_HEADERS,
    [
        Required, Required, Unread, Part, Unread, Unread, Unread, Part, Part,
    ],
    "This sheet has no Inventory ID and Column next to a Description, Unit or Empty Cell Means column, so its data dictionary was not read. Keep its header row as the app wrote it.",
);

/// The sheet's columns of the dictionary's parts, in `Part::ALL`'s order.
pub const PART_COLUMNS: [usize; 3] = [col::DESCRIPTION, col::UNIT, col::EMPTY_MEANS];

/// One row of the file's Attributes sheet, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAttribute {
    pub sheet: String,
    /// The row's 0-based index in the sheet.
    pub row: usize,
    /// Where the row's Inventory ID, Column and parts are (`A2`), for a
    /// warning found against the inventory later.
    pub id_cell: String,
    pub column_cell: String,
    pub part_cells: [String; 3],
    pub id: InventoryId,
    /// The column's header, as in the dataset's profile.
    pub column: String,
    /// The description, unit and empty meaning (`Part::ALL`'s order); `None`
    /// for a part whose column the sheet does not have (left as it is).
    pub parts: [Option<String>; 3],
}

/// Writes the sheet: the profiles' columns, in Inventory ID order, each
/// dataset's in the sample's order. With none the sheet still has its header.
pub(super) fn write(
    ws: &mut Worksheet,
    profiles: &[(InventoryId, Profile)],
) -> Result<(), XlsxError> {
    ws.set_name(super::ATTRIBUTES)?;
    let header = super::export::header_format();
    let grey_header = super::export::read_only_header_format();
    let grey = super::export::read_only_format();
    let editable = |c: usize| PART_COLUMNS.contains(&c);
    for (c, title) in ATTRIBUTE_HEADERS.iter().enumerate() {
        let c16 = c as u16;
        let format = if editable(c) { &header } else { &grey_header };
        ws.write_string_with_format(0, c16, *title, format)?;
        ws.set_column_width(c16, ATTRIBUTE_WIDTHS[c])?;
        let note = Note::new(ATTRIBUTE_HELP[c])
            .set_author("Inventory Desk")
            .add_author_prefix(false);
        ws.insert_note(0, c16, &note)?;
    }
    ws.set_row_height(0, 32)?;
    let wrap = rust_xlsxwriter::Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let mut row = 0u32;
    for (id, profile) in profiles {
        for column in &profile.columns {
            row += 1;
            for (c, text) in cells(id, column).into_iter().enumerate() {
                let format = if editable(c) { &wrap } else { &grey };
                // write_string never turns "=SUM(…)" into a formula: text stays text.
                ws.write_string_with_format(row, c as u16, text, format)?;
            }
        }
    }
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, row, (N - 1) as u16)?;
    ws.set_tab_color(Color::RGB(0x4F81BD));
    super::print::page_setup(ws, Some((0, 0)))
}

/// One column's cells, in the sheet's order.
pub fn cells(id: &InventoryId, column: &profile::ColumnProfile) -> [String; N] {
    let example = if column.is_personal() {
        String::new()
    } else {
        column.examples.join("; ")
    };
    let personal = if column.is_personal() {
        column.personal_reasons()
    } else {
        "No".to_string()
    };
    [
        id.to_string(),
        column.name.clone(),
        column.kind.label().to_string(),
        column.description.clone(),
        example,
        personal,
        column.access.label().to_string(),
        column.unit.clone(),
        column.empty_means.clone(),
    ]
}

/// Reads the Attributes sheet into `content.attributes`: a row each, once per
/// dataset and column (a second row of the same column is held).
pub(super) fn read(sheet: &Sheet, content: &mut FileContent) {
    let Some(side) = TABLE.open(sheet, content) else {
        return;
    };
    let given = side.given();
    let mut seen: std::collections::HashMap<(InventoryId, String), usize> = Default::default();
    for r in side.rows() {
        let Some(attribute) = read_row(&side, r, given, content) else {
            continue;
        };
        let key = (attribute.id.clone(), attribute.column.clone());
        if let Some(first) = seen.get(&key) {
            let twice = side.problem(r, col::COLUMN, format!(
                "The column \"{}\" of {} is described on row {} too. Keep one of the two rows and delete the other.",
                attribute.column,
                attribute.id,
                first + 1
            ));
            side.hold(r, vec![twice], content);
            continue;
        }
        seen.insert(key, r);
        content.attributes.push(attribute);
    }
}

fn read_row(
    side: &SideSheet<'_, N>,
    r: usize,
    given: [bool; N],
    content: &mut FileContent,
) -> Option<FileAttribute> {
    side.read_row(r, content, |cells| {
        let id = cells.id(col::ID);
        let column = cells.text(col::COLUMN);
        if column.is_empty() {
            cells.error(col::COLUMN, "This row has no column name. Keep the Column as the app wrote it, or clear the whole row.".into());
        }
        let mut parts: [Option<String>; 3] = Default::default();
        let mut ok = true;
        for (i, c) in PART_COLUMNS.into_iter().enumerate() {
            if !given[c] {
                continue;
            }
            match cells.words(c, "cell") {
                Some(text) => parts[i] = Some(text.trim().to_string()),
                None => ok = false,
            }
        }
        if column.is_empty() || !ok {
            return None;
        }
        Some(FileAttribute {
            sheet: side.sheet.name.clone(),
            row: r,
            id_cell: side.cell_ref(r, col::ID),
            column_cell: side.cell_ref(r, col::COLUMN),
            part_cells: PART_COLUMNS.map(|c| side.cell_ref(r, c)),
            id: id?,
            column: column.into_owned(),
            parts,
        })
    })
}
