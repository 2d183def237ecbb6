//! The Department screen's lists: the categories and the licenses of the
//! city's portal, which the Category and License dropdowns offer. Each entry
//! can be renamed (its datasets follow) or removed (refused, in plain words,
//! while datasets still have it); a license has a web address, which the
//! catalog (data.json) writes.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::requests::{Request, Write};
use super::widgets::{error_text, labelled};
use crate::model::{List, ListEntry, Lists};
use crate::store::Store;

/// What the lists section shows and what is being typed in it.
#[derive(Default)]
pub struct ListsEditor {
    /// Read once, and again after each change.
    read: Option<(Lists, Uses)>,
    /// The entry being renamed, and its new name as typed.
    renaming: Option<(List, String, String)>,
    /// Each license's address as typed, by its name.
    urls: HashMap<String, String>,
    /// A new entry's name (and a license's address) as typed, per list.
    new_name: HashMap<List, String>,
    new_url: String,
    /// What the last change said: done, or why it was refused.
    note: Option<(List, Result<String, String>)>,
}

impl ListsEditor {
    /// Reads the lists again on the next frame.
    pub fn refresh(&mut self) {
        self.read = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, store: &Store, requests: &mut Vec<Request>) {
        if self.read.is_none() {
            match read(store) {
                Ok(read) => self.read = Some(read),
                Err(e) => {
                    error_text(ui, &e.to_string());
                    return;
                }
            }
        }
        for list in List::ALL {
            ui.separator();
            self.list_ui(ui, list, requests);
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, list: List, requests: &mut Vec<Request>) {
        let Some((lists, uses)) = self.read.clone() else {
            return;
        };
        ui.strong(format!("Your portal's {}", list.plural()));
        ui.label(RichText::new(explanation(list)).weak());
        let uses = uses.get(&list).cloned().unwrap_or_default();
        egui::Grid::new(("list", list.key()))
            .num_columns(4)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for entry in lists.entries(list) {
                    let count = uses
                        .iter()
                        .filter(|(v, _)| v.to_lowercase() == entry.name.to_lowercase())
                        .map(|(_, n)| n)
                        .sum();
                    self.entry_ui(ui, list, entry, count, requests);
                    ui.end_row();
                }
            });
        let on_list = |value: &String| lists.find(list, value).is_some();
        let others: Vec<&(String, usize)> = uses.iter().filter(|(v, _)| !on_list(v)).collect();
        if !others.is_empty() {
            let shown: Vec<String> = others.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            ui.label(format!(
                "Datasets also have {} not on this list, kept as written: {}. Add them below to offer them in the dropdowns.",
                list.plural(),
                shown.join(", ")
            ));
        }
        self.add_ui(ui, list, requests);
        if let Some((_, said)) = self.note.as_ref().filter(|(l, _)| *l == list) {
            match said {
                Ok(done) => {
                    ui.label(RichText::new(done).weak());
                }
                Err(why) => error_text(ui, why),
            }
        }
    }

    fn entry_ui(
        &mut self,
        ui: &mut Ui,
        list: List,
        entry: &ListEntry,
        count: usize,
        requests: &mut Vec<Request>,
    ) {
        let renaming =
            matches!(&self.renaming, Some((l, old, _)) if *l == list && *old == entry.name);
        if renaming {
            let Some((_, old, new)) = self.renaming.as_mut() else {
                return;
            };
            let label = format!("New name for {old}");
            let edit = labelled(
                ui,
                label,
                egui::TextEdit::singleline(new).desired_width(200.0),
            );
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let (old, new) = (old.clone(), new.clone());
            let mut cancel = false;
            ui.horizontal(|ui| {
                if ui.button("Save the new name").clicked() || enter {
                    requests.push(Write::RenameListEntry { list, old, new }.into());
                }
                cancel = ui.button("Cancel").clicked();
            });
            if cancel {
                self.renaming = None;
            }
        } else {
            ui.label(&entry.name);
            ui.label(RichText::new(used_by(count)).weak());
        }
        if list == List::Licenses {
            self.url_ui(ui, list, entry, requests);
        }
        ui.horizontal(|ui| {
            let what = format!("the {} {}", list.singular(), entry.name);
            if !renaming && ui.button(format!("Rename {what}")).clicked() {
                self.renaming = Some((list, entry.name.clone(), entry.name.clone()));
            }
            if ui.button(format!("Remove {what}")).clicked() {
                requests.push(
                    Write::RemoveListEntry {
                        list,
                        name: entry.name.clone(),
                    }
                    .into(),
                );
            }
        });
    }

    /// A license's web address, saved when the box is left.
    fn url_ui(&mut self, ui: &mut Ui, list: List, entry: &ListEntry, requests: &mut Vec<Request>) {
        let typed = self
            .urls
            .entry(entry.name.clone())
            .or_insert_with(|| entry.url.clone());
        let label = format!("Web address of {}", entry.name);
        let edit = egui::TextEdit::singleline(typed)
            .hint_text("https://…")
            .desired_width(320.0);
        let response = labelled(ui, label, edit);
        if response.lost_focus() && *typed != entry.url {
            requests.push(
                Write::SetListUrl {
                    list,
                    name: entry.name.clone(),
                    url: typed.clone(),
                }
                .into(),
            );
        }
    }

    fn add_ui(&mut self, ui: &mut Ui, list: List, requests: &mut Vec<Request>) {
        let name = self.new_name.entry(list).or_default();
        let mut add = false;
        ui.horizontal(|ui| {
            let label = format!("New {}", list.singular());
            labelled(
                ui,
                label,
                egui::TextEdit::singleline(name).desired_width(200.0),
            );
            if list == List::Licenses {
                let edit = egui::TextEdit::singleline(&mut self.new_url)
                    .hint_text("https://…")
                    .desired_width(280.0);
                labelled(ui, "its web address", edit);
            }
            add = ui.button(format!("Add the {}", list.singular())).clicked();
        });
        if add {
            let mut entry = ListEntry::named(name);
            if list == List::Licenses {
                entry.url = self.new_url.trim().to_string();
            }
            requests.push(Write::AddListEntry { list, entry }.into());
        }
    }

    /// A change was saved, or refused with a reason.
    pub fn saved(&mut self, list: List, done: String, result: crate::store::Result<()>) {
        match result {
            Ok(()) => {
                self.renaming = None;
                self.urls.clear();
                if done.starts_with("Added") {
                    self.new_name.remove(&list);
                    self.new_url.clear();
                }
                self.note = Some((list, Ok(done)));
            }
            Err(e) => self.note = Some((list, Err(e.to_string()))),
        }
        self.read = None;
    }
}

type Uses = HashMap<List, Vec<(String, usize)>>;

fn read(store: &Store) -> crate::store::Result<(Lists, Uses)> {
    let mut uses = HashMap::new();
    for list in List::ALL {
        uses.insert(list, store.list_uses(list)?);
    }
    Ok((store.lists()?, uses))
}

fn explanation(list: List) -> &'static str {
    match list {
        List::Categories => {
            "The categories the Category dropdowns offer and the catalog (data.json) writes as each dataset's theme."
        }
        List::Licenses => {
            "The licenses the License dropdowns offer; the catalog (data.json) writes each license's web address."
        }
    }
}

fn used_by(count: usize) -> String {
    match count {
        0 => "not used yet".into(),
        1 => "used by 1 dataset".into(),
        n => format!("used by {n} datasets"),
    }
}
