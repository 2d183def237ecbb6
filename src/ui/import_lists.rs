//! The import preview's offer to add the categories and licenses a file brings
//! that are not on the inventory's lists: "The file brings 3 categories that
//! are not on your list: … [x] Add them to the list". Checked unless the
//! person says no; either way the datasets keep the values as written.

use egui::{RichText, Ui};

use crate::model::List;
use crate::workbook::merge::{Decisions, Plan};
use crate::workbook::new_values::describe;

/// How many new values are listed in the sentence itself.
const SHOWN: usize = 12;

/// The offer, when the file brings new values; nothing otherwise.
pub fn ui(ui: &mut Ui, plan: &Plan, decisions: &mut Decisions) {
    if plan.new_list_values.is_empty() {
        return;
    }
    let mut lists = 0;
    for list in List::ALL {
        let count = plan
            .new_list_values
            .iter()
            .filter(|v| v.list == list)
            .count();
        if count == 0 {
            continue;
        }
        lists += 1;
        let said = format!(
            "The file brings {count} {} that {} not on your list",
            if count == 1 {
                list.singular()
            } else {
                list.plural()
            },
            if count == 1 { "is" } else { "are" },
        );
        // A city's own list can be long (a research network brought 92): a
        // few are read at a glance, the rest folded and built only when opened.
        if count <= SHOWN {
            ui.label(format!("{said}: {}", describe(&plan.new_list_values, list)));
        } else {
            ui.label(format!("{said}."));
            egui::CollapsingHeader::new(format!("See the {count} {}", list.plural()))
                .id_salt(("new-list-values", list.key()))
                .show(ui, |ui| {
                    ui.label(describe(&plan.new_list_values, list));
                });
        }
    }
    let label = if lists == 1 {
        "Add them to the list"
    } else {
        "Add them to the lists"
    };
    ui.checkbox(&mut decisions.add_to_lists, label);
    if !decisions.add_to_lists {
        ui.label(
            RichText::new(
                "They are kept on the datasets as the file writes them; you can add them later on the Department screen.",
            )
            .weak(),
        );
    }
}
