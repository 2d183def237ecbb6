//! The categories and licenses a file brings that are not on the inventory's
//! lists: counted while the plan is made, offered in the preview ("The file
//! brings 3 categories that are not on your list"), added when applied if the
//! person agrees. The datasets keep the values as written either way.

use std::collections::HashMap;

use crate::model::lists::{Finder, new_entry, url_key};
use crate::model::vocab::normalize;
use crate::model::{Dataset, List, ListEntry};

/// One value of a file that is not on a list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewListValue {
    pub list: List,
    /// As the file writes it (its first row that has it).
    pub written: String,
    /// The entry it would become: its name, and a license's address.
    pub entry: ListEntry,
    /// How many rows of the file have it.
    pub rows: usize,
}

/// Counts new values row by row, keeping the file's order.
#[derive(Default)]
pub(super) struct NewValues {
    values: Vec<NewListValue>,
    /// Where each value is in `values`, by its list and key (the address of a
    /// web address, else the words without case and punctuation): "Energy"
    /// and "energy" are one value.
    at: HashMap<(List, String), usize>,
}

impl NewValues {
    /// Counts the row's category and license if they are not on the lists
    /// (the row was matched to them already).
    pub(super) fn count(&mut self, lists: &mut Finder<'_>, dataset: &Dataset) {
        for list in List::ALL {
            let field = list.field();
            if dataset.is_blank(field) {
                continue;
            }
            if lists.find(list, list.text_in(dataset)).is_some() {
                continue;
            }
            let text = dataset.get(field);
            let key = url_key(&text).unwrap_or_else(|| normalize(&text));
            match self.at.get(&(list, key.clone())) {
                Some(&i) => self.values[i].rows += 1,
                None => {
                    self.at.insert((list, key), self.values.len());
                    self.values.push(NewListValue {
                        list,
                        entry: new_entry(list, &text),
                        written: text,
                        rows: 1,
                    });
                }
            }
        }
    }

    pub(super) fn into_values(self) -> Vec<NewListValue> {
        self.values
    }
}

/// "Geography (126 rows), Energy (2 rows)": the values of one list, for the
/// preview and the command line.
pub fn describe(values: &[NewListValue], list: List) -> String {
    values
        .iter()
        .filter(|v| v.list == list)
        .map(|v| {
            let shown = if v.entry.name == v.written {
                v.written.clone()
            } else {
                format!("{} (as {})", v.written, v.entry.name)
            };
            let rows = if v.rows == 1 { "row" } else { "rows" };
            format!("{shown} ({} {rows})", v.rows)
        })
        .collect::<Vec<_>>()
        .join(", ")
}
