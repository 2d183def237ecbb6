//! Reads the `Publication Plan` sheet of a returned workbook: one dataset's
//! publication plan a row, each cell checked and every problem located like
//! the Inventory's. Whether a row changes anything is for `merge` to say.

use super::columns::{PLAN_HEADERS, plan_col as col};
use super::content::{FileContent, FilePlan};
use super::read::Sheet;
use super::side_sheet::Need::{Part, Required, Unread};
use super::side_sheet::{Cells, SideSheet, SideTable};
use crate::model::{PublicationPlan, Tactic};

const N: usize = PLAN_HEADERS.len();

/// The sheet's columns (Inventory ID, Dataset Name, then the plan's six parts):
/// a plan is read next to its dataset's Inventory ID when the sheet has at
/// least one part of it. The dataset's name is there for people, never read.
const TABLE: SideTable<N> = SideTable::new(
    &PLAN_HEADERS,
    [Required, Unread, Part, Part, Part, Part, Part, Part],
    "This sheet has no Inventory ID column next to the plan's columns, so its plans were not read. Keep its header row as the app wrote it.",
);

/// Reads the Publication Plan sheet into `content.plans`, its problems into
/// `content.errors` and `content.warnings`.
pub(super) fn read_plans(sheet: &Sheet, content: &mut FileContent) {
    let Some(side) = TABLE.open(sheet, content) else {
        return;
    };
    let rows: Vec<usize> = side.rows().collect();
    let read: Vec<(usize, FilePlan)> = rows
        .into_iter()
        .filter_map(|r| read_row(&side, r, content).map(|plan| (r, plan)))
        .collect();
    let plans = side.first_per_dataset(read, |plan| &plan.id, |id, first| format!(
        "The dataset {id} has a plan on row {} too. Keep one of the two rows and delete the other.",
        first + 1
    ), content);
    content.plans.extend(plans);
}

/// One row, checked; `None` when it has a problem (reported).
fn read_row(side: &SideSheet<'_, N>, r: usize, content: &mut FileContent) -> Option<FilePlan> {
    side.read_row(r, content, |cells| {
        let id = cells.id(col::ID);
        let tactics = tactics(cells);
        let announce_on = cells.date(col::ANNOUNCE_ON, "the day");
        let announced_by = cells.words(col::ANNOUNCED_BY, "cell");
        let maintained_by = cells.words(col::MAINTAINED_BY, "cell");
        let published_on = cells.date(col::PUBLISHED_ON, "the day");
        let last_refreshed = cells.date(col::LAST_REFRESHED, "the day");
        let plan = PublicationPlan {
            tactics: tactics?,
            announce_on: announce_on?,
            announced_by: announced_by?,
            maintained_by: maintained_by?,
            published_on: published_on?,
            last_refreshed: last_refreshed?,
        };
        Some(FilePlan {
            sheet: side.sheet.name.clone(),
            row: r,
            id_cell: side.cell_ref(r, col::ID),
            id: id?,
            plan,
            given: side.given(),
        })
    })
}

fn tactics(cells: &mut Cells<'_, N>) -> Option<Vec<Tactic>> {
    let text = cells.text(col::TACTICS);
    match PublicationPlan::parse_tactics(&text) {
        Ok(tactics) => Some(tactics),
        Err(why) => {
            cells.error(col::TACTICS, format!(
                "{why} Write one or more of them, separated by semicolons (Blog post; Press release), or clear the cell."
            ));
            None
        }
    }
}
