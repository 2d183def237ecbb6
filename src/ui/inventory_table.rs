//! The inventory table: one row per dataset, search as you type, filters, sort
//! by any column, keyboard navigation. Smooth at 100,000 datasets: the store
//! computes each row once (`store::TableRow`), filtering walks a pre-sorted
//! order, and only the visible rows are drawn.
//!
//! Why one file of this length: the columns, the filters, the sort and the
//! keyboard all work on one pre-sorted order that must stay consistent; the
//! row's content is computed in the core (`store::TableRow`).

use std::cmp::Ordering;

use egui::{Key, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::Request;
use crate::model::vocab::Vocabulary;
use crate::model::{Classification, InventoryId, Rating, Status};
use crate::store::{Search, TableRow};

/// What the table shows of one dataset, as the store computes it.
pub type Row = TableRow;

/// The table's columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    Department,
    Steward,
    Classification,
    Priority,
    Suggested,
    Status,
    Complete,
    Quality,
    Updated,
}

const HEADERS: [(SortBy, &str); 10] = [
    (SortBy::Name, "Dataset name"),
    (SortBy::Department, "Department"),
    (SortBy::Steward, "Data steward"),
    (SortBy::Classification, "Classification"),
    (SortBy::Priority, "Priority"),
    (SortBy::Suggested, "Suggested"),
    (SortBy::Status, "Status"),
    (SortBy::Complete, "Checklist"),
    // The metadata quality score: apart from the checklist's progress, and
    // not the Data Quality field (the data's own quality).
    (SortBy::Quality, "Metadata"),
    // "Updated", not "Last updated": the short header keeps the column, and
    // the table, within a 1024-point window.
    (SortBy::Updated, "Updated"),
];

/// The least width of the name column, which takes what the others leave.
const NAME_WIDTH: f32 = 130.0;
const DEPARTMENT_WIDTH: f32 = 150.0;
/// Steward, classification, priority, suggested, status, checklist, metadata
/// score, updated: as narrow as their words (a window too narrow for them all
/// scrolls across).
const WIDTHS: [f32; 8] = [88.0, 92.0, 62.0, 78.0, 125.0, 72.0, 84.0, 80.0];

/// The filters a coordinator can set; `None` means any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub status: Option<Status>,
    pub classification: Option<Classification>,
    pub priority: Option<Rating>,
    pub suggested: Option<Rating>,
    /// A category as the datasets hold it.
    pub category: Option<String>,
    pub department: Option<String>,
    /// Only published datasets whose refresh is late.
    pub late_only: bool,
    /// Only unpublished datasets whose target publication date has passed.
    pub past_target_only: bool,
}

pub struct InventoryTable {
    rows: Vec<Row>,
    /// Indices of `rows` in the current sort order.
    sorted: Vec<u32>,
    /// The subset of `sorted` that passes the search and the filters.
    pub visible: Vec<u32>,
    pub search: String,
    pub filters: Filters,
    pub sort: SortBy,
    pub descending: bool,
    /// Position in `visible` of the selected row.
    pub selected: Option<usize>,
    departments: Vec<String>,
    /// The categories the rows hold, sorted: what the Category filter offers.
    categories: Vec<String>,
    scroll_to_selected: bool,
    pub focus_search: bool,
    /// Every row's search text, in sorted order, end to end; `hay_ends[p]` is
    /// where the text of sorted position `p` ends.
    hay: Vec<u8>,
    hay_ends: Vec<u32>,
    /// Rows changed since the last sort (see `upsert`).
    stale: bool,
    /// The positions in `sorted` of the visible rows.
    visible_positions: Vec<u32>,
    /// The search and filters `visible` was made with, when it is current.
    filtered_by: Option<(String, Filters)>,
    /// By row index: another dataset has the same name, so the row shows its ID.
    twin: Vec<bool>,
}

impl Default for InventoryTable {
    fn default() -> Self {
        InventoryTable {
            rows: Vec::new(),
            sorted: Vec::new(),
            visible: Vec::new(),
            search: String::new(),
            filters: Filters::default(),
            sort: SortBy::Name,
            descending: false,
            selected: None,
            departments: Vec::new(),
            categories: Vec::new(),
            scroll_to_selected: false,
            focus_search: false,
            filtered_by: None,
            hay: Vec::new(),
            hay_ends: Vec::new(),
            visible_positions: Vec::new(),
            stale: false,
            twin: Vec::new(),
        }
    }
}

impl InventoryTable {
    /// Replaces all rows with the store's (on start, after an import).
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        self.rows = rows;
        let mut departments: Vec<String> = self.rows.iter().map(|r| r.department.clone()).collect();
        departments.sort();
        departments.dedup();
        self.departments = departments;
        let mut categories: Vec<String> = self
            .rows
            .iter()
            .filter(|r| !r.category.is_empty())
            .map(|r| r.category.clone())
            .collect();
        categories.sort();
        categories.dedup();
        self.categories = categories;
        self.resort();
    }

    /// Puts a row in place of the one with its ID, or adds it: after an edit,
    /// without reloading the rest.
    pub fn upsert_row(&mut self, row: Row) {
        match self.rows.iter().position(|r| r.id == row.id) {
            Some(i) => self.rows[i] = row,
            None => self.rows.push(row),
        }
        // Sorting 100,000 rows on every keystroke in the editor would make typing
        // lag; the table sorts again when it is next shown. Row indices stay valid.
        self.stale = true;
    }

    pub fn remove(&mut self, id: &InventoryId) {
        self.rows.retain(|r| &r.id != id);
        self.resort();
    }

    /// Every row, in no particular order (for counts on the overview screens).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The departments the rows belong to, by name, sorted.
    pub fn department_names(&self) -> Vec<String> {
        self.departments.clone()
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// The rows shown, in order.
    pub fn visible_rows(&self) -> impl Iterator<Item = &Row> {
        self.visible.iter().map(|i| &self.rows[*i as usize])
    }

    pub fn selected_id(&self) -> Option<InventoryId> {
        let i = *self.visible.get(self.selected?)?;
        Some(self.rows[i as usize].id.clone())
    }

    /// Sorts once; filtering then keeps this order without sorting again. The
    /// search text of every row is laid out in that order in one buffer, so a
    /// search reads memory in sequence instead of jumping across 100,000 rows.
    pub fn resort(&mut self) {
        let rows = &self.rows;
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        let key = self.sort;
        order.sort_by(|a, b| compare(&rows[*a as usize], &rows[*b as usize], key));
        if self.descending {
            order.reverse();
        }
        self.hay.clear();
        self.hay_ends.clear();
        for i in &order {
            self.hay
                .extend_from_slice(rows[*i as usize].search_text().as_bytes());
            self.hay_ends.push(self.hay.len() as u32);
        }
        self.twin = twins(rows);
        self.sorted = order;
        self.stale = false;
        self.filtered_by = None;
        self.refilter();
    }

    /// Applies the search and filters to the sorted order. Typing one more letter
    /// only narrows what is shown, so then only the shown rows are searched.
    pub fn refilter(&mut self) {
        let needle = self.search.trim().to_lowercase();
        let search = Search::new(&needle);
        let narrowing = self.filtered_by.as_ref().is_some_and(|(text, filters)| {
            filters == &self.filters && !text.is_empty() && needle.starts_with(text.as_str())
        });
        let source = if narrowing {
            std::mem::take(&mut self.visible_positions)
        } else {
            (0..self.sorted.len() as u32).collect()
        };
        let f = &self.filters;
        let filtering = *f != Filters::default();
        let (rows, sorted, hay, ends) = (&self.rows, &self.sorted, &self.hay, &self.hay_ends);
        self.visible_positions = source
            .into_iter()
            .filter(|p| {
                let p = *p as usize;
                let start = if p == 0 { 0 } else { ends[p - 1] as usize };
                if !search.is_empty() && !search.matches(&hay[start..ends[p] as usize]) {
                    return false;
                }
                if !filtering {
                    return true;
                }
                let r = &rows[sorted[p] as usize];
                f.status.is_none_or(|s| r.status == s)
                    && f.classification.is_none_or(|c| r.classification == Some(c))
                    && f.priority.is_none_or(|p| r.priority == Some(p))
                    && f.suggested.is_none_or(|p| r.suggested == Some(p))
                    && (!f.late_only || r.late)
                    && (!f.past_target_only || r.target_missed.is_some())
                    && f.category.as_ref().is_none_or(|c| &r.category == c)
                    && f.department.as_ref().is_none_or(|d| &r.department == d)
            })
            .collect();
        self.visible = self
            .visible_positions
            .iter()
            .map(|p| sorted[*p as usize])
            .collect();
        self.filtered_by = Some((needle, self.filters.clone()));
        if self.selected.is_some_and(|s| s >= self.visible.len()) {
            self.selected = if self.visible.is_empty() {
                None
            } else {
                Some(self.visible.len() - 1)
            };
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        if self.stale {
            self.resort();
        }
        ui.heading("Inventory");
        self.toolbar_ui(ui, requests);
        ui.separator();
        self.keyboard(ui, requests);
        if self.rows.is_empty() {
            ui.add_space(20.0);
            ui.label("No datasets yet. Add the first one, or import a workbook or the Appendix A template.");
            if super::widgets::primary_button(ui, "New dataset").clicked() {
                requests.push(super::Write::NewDataset.into());
            }
            return;
        }
        if self.visible.is_empty() {
            self.nothing_found_ui(ui);
            return;
        }
        // The columns fit a 1024-point window; with several departments they
        // may not, and then a bar at the bottom reaches the rest.
        if ui.available_width() >= self.least_width(ui) {
            self.table_ui(ui, requests);
        } else {
            egui::ScrollArea::horizontal()
                .id_salt("inventory-across")
                .show(ui, |ui| self.table_ui(ui, requests));
        }
    }

    /// No row passes the search and filters: said so, with the way back.
    fn nothing_found_ui(&mut self, ui: &mut Ui) {
        ui.add_space(20.0);
        let search = self.search.trim().to_string();
        let filtered = self.filters != Filters::default();
        let what = match (search.is_empty(), filtered) {
            (false, false) => format!("No dataset matches \"{search}\"."),
            (false, true) => {
                format!("No dataset matches \"{search}\" with the filters set.")
            }
            _ => "No dataset passes the filters set.".to_string(),
        };
        ui.label(RichText::new(what).strong());
        ui.horizontal(|ui| {
            if !search.is_empty() && ui.button("Clear the search").clicked() {
                self.search.clear();
                self.refilter();
            }
            if filtered && ui.button("Clear the filters").clicked() {
                self.filters = Filters::default();
                self.refilter();
            }
        });
    }

    /// The width the table needs to show every column whole: its columns, the
    /// space between them and the scroll bar's.
    fn least_width(&self, ui: &Ui) -> f32 {
        let spacing = ui.spacing();
        let department = if self.shows_department() {
            DEPARTMENT_WIDTH + spacing.item_spacing.x
        } else {
            0.0
        };
        let columns = NAME_WIDTH + WIDTHS.iter().sum::<f32>() + department;
        columns
            + spacing.item_spacing.x * WIDTHS.len() as f32
            + spacing.scroll.bar_width
            + spacing.scroll.bar_inner_margin
            + spacing.scroll.bar_outer_margin
            // The table's own margins, measured on the screen.
            + 16.0
    }

    /// Whether the table spends a column on the department: only when the
    /// inventory holds more than one.
    fn shows_department(&self) -> bool {
        self.departments.len() > 1
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("name, contents, steward, keywords")
                    .desired_width(260.0),
            );
            let search = search
                .labelled_by(label.id)
                .on_hover_text("Shows the datasets that have every word you type, in any order");
            if self.focus_search {
                search.request_focus();
                self.focus_search = false;
            }
            if search.changed() {
                self.refilter();
            }
            ui.separator();
            if ui
                .button("➕ New dataset")
                .on_hover_text("Ctrl+N")
                .clicked()
            {
                requests.push(super::Write::NewDataset.into());
            }
            if ui.button("📥 Import…").on_hover_text("Ctrl+I").clicked() {
                requests.push(Request::Import);
            }
            if ui.button("📤 Export…").on_hover_text("Ctrl+E").clicked() {
                requests.push(Request::Export);
            }
        });
        let before = self.filters.clone();
        ui.horizontal_wrapped(|ui| {
            filter_box(ui, "Status", &mut self.filters.status);
            filter_box(ui, "Classification", &mut self.filters.classification);
            filter_box(ui, "Priority", &mut self.filters.priority);
            filter_box(ui, "Suggested priority", &mut self.filters.suggested);
            text_filter_box(ui, "Category", &mut self.filters.category, &self.categories);
            if self.shows_department() {
                text_filter_box(
                    ui,
                    "Department",
                    &mut self.filters.department,
                    &self.departments,
                );
            }
            ui.checkbox(&mut self.filters.late_only, "Late refresh only")
                .on_hover_text(
                    "Published datasets not refreshed as often as their update frequency says",
                );
            ui.checkbox(&mut self.filters.past_target_only, "Past target date only")
                .on_hover_text(
                    "Datasets not published yet whose target publication date has passed",
                );
            if self.filters != Filters::default() && ui.button("Clear filters").clicked() {
                self.filters = Filters::default();
            }
            ui.separator();
            ui.label(format!(
                "Showing {} of {} datasets",
                self.visible.len(),
                self.rows.len()
            ));
        });
        if self.filters != before {
            self.refilter();
        }
    }

    fn keyboard(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        // The arrows and Enter act on the rows when the table's focus stop has the
        // focus, or nothing has; never while a box or a button has it.
        let focused = ui.memory(|m| m.focused());
        if focused.is_some_and(|f| f != current_row_id()) || self.visible.is_empty() {
            return;
        }
        let (down, up, enter) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        let last = self.visible.len() - 1;
        if down {
            self.selected = Some(self.selected.map_or(0, |s| (s + 1).min(last)));
            self.scroll_to_selected = true;
        }
        if up {
            self.selected = Some(self.selected.map_or(0, |s| s.saturating_sub(1)));
            self.scroll_to_selected = true;
        }
        if enter {
            if let Some(id) = self.selected_id() {
                requests.push(Request::Open(id));
            }
        }
    }

    fn table_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let ui_ctx = ui.ctx().clone();
        let mut table = TableBuilder::new(ui)
            // A new name when the columns change, so that widths kept from an
            // earlier version do not push the last columns off the screen.
            .id_salt("inventory-columns-3")
            .striped(true)
            // Clicks only: a focusable cell would make Tab stop on every cell of
            // every row. The keyboard moves through rows with the arrows instead.
            .sense(Sense::CLICK)
            // The name takes what the others leave.
            .column(Column::remainder().at_least(NAME_WIDTH).clip(true));
        let department = self.shows_department();
        if department {
            table = table.column(Column::initial(DEPARTMENT_WIDTH).at_least(60.0).clip(true));
        }
        let [steward, rest @ ..] = WIDTHS;
        table = table.column(Column::initial(steward).at_least(60.0).clip(true));
        for width in rest {
            table = table.column(Column::initial(width));
        }
        if self.scroll_to_selected {
            if let Some(s) = self.selected {
                table = table.scroll_to_row(s, None);
            }
            self.scroll_to_selected = false;
        }
        let mut resort = None;
        let table = table.header(24.0, |mut header| {
            for (key, title) in HEADERS {
                if key == SortBy::Department && !department {
                    continue;
                }
                header.col(|ui| {
                    let arrow = match (self.sort == key, self.descending) {
                        (true, false) => " ⏶",
                        (true, true) => " ⏷",
                        _ => "",
                    };
                    if ui
                        .button(RichText::new(format!("{title}{arrow}")).strong())
                        .on_hover_text("Sort by this column")
                        .clicked()
                    {
                        resort = Some(key);
                    }
                });
            }
        });
        table.body(|body| {
            body.rows(22.0, self.visible.len(), |mut row| {
                let index = row.index();
                let r = &self.rows[self.visible[index] as usize];
                let selected = self.selected == Some(index);
                row.set_selected(selected);
                let mut outline = None;
                row.col(|ui| {
                    if index == self.selected.unwrap_or(0) {
                        outline = current_row_stop(ui, index, self.visible.len(), r, selected);
                    }
                    name_ui(ui, r, self.twin[self.visible[index] as usize]);
                });
                if department {
                    row.col(|ui| {
                        ui.add(egui::Label::new(&r.department).truncate());
                    });
                }
                row.col(|ui| {
                    ui.add(egui::Label::new(&r.steward).truncate());
                });
                row.col(|ui| {
                    ui.label(r.classification.map(|c| c.label()).unwrap_or("—"));
                });
                row.col(|ui| {
                    ui.label(r.priority.map(|c| c.label()).unwrap_or("—"));
                });
                row.col(|ui| {
                    ui.label(r.suggested.map(|c| c.label()).unwrap_or("—"));
                });
                row.col(|ui| {
                    if r.late {
                        let mut text = RichText::new(format!("{} ⚠ late", r.status.label()));
                        // On the selected row's colour the warning colour is too faint:
                        // the row's own text colour is used there.
                        if !selected {
                            text = text.color(ui.visuals().warn_fg_color);
                        }
                        ui.label(text)
                            .on_hover_text("Its refresh is overdue for its update frequency");
                    } else if let Some(target) = r.target_missed {
                        let mut text = RichText::new(format!("{} ⚠ past target", r.status.label()));
                        if !selected {
                            text = text.color(ui.visuals().warn_fg_color);
                        }
                        ui.label(text)
                            .on_hover_text(crate::model::target_missed_text(target));
                    } else {
                        ui.label(super::theme::status_text(r.status, ui.visuals(), selected));
                    }
                });
                row.col(|ui| {
                    ui.add(
                        egui::ProgressBar::new(f32::from(r.complete) / 100.0)
                            .desired_width(WIDTHS[5] - 8.0)
                            .text(format!("{}%", r.complete)),
                    );
                });
                row.col(|ui| {
                    let band = crate::quality::Band::of(r.quality);
                    ui.label(format!("{} {}", band.label(), r.quality))
                        .on_hover_text(format!(
                            "Metadata score: {} of {} points. How findable and reusable its catalog entry is; the checklist column says how complete its review is.",
                            r.quality,
                            crate::quality::MAX
                        ));
                });
                row.col(|ui| {
                    // The day; the time, on hover.
                    let day = r.last_updated.get(..10).unwrap_or(&r.last_updated);
                    ui.label(day).on_hover_text(&r.last_updated);
                });
                let response = row.response();
                // A screen reader reads the row as one item, selected or not.
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::accesskit::Role::Row,
                        true,
                        format!("{}, {}", r.name, r.status.label()),
                    )
                });
                ui_ctx.accesskit_node_builder(response.id, |node| node.set_selected(selected));
                if let Some((layer, clip)) = outline {
                    // The focus outline goes around the whole row, not its first cell.
                    let rect = response.rect;
                    let clip = egui::Rect::from_x_y_ranges(rect.x_range(), clip.y_range());
                    let stroke = ui_ctx.global_style().visuals.widgets.active.bg_stroke;
                    ui_ctx
                        .layer_painter(layer)
                        .with_clip_rect(clip)
                        .rect_stroke(rect, 0.0, stroke, egui::StrokeKind::Inside);
                }
                if response.clicked() {
                    self.selected = Some(index);
                }
                if response.double_clicked() {
                    requests.push(Request::Open(r.id.clone()));
                }
            });
        });
        if let Some(key) = resort {
            if self.sort == key {
                self.descending = !self.descending;
            } else {
                self.sort = key;
                self.descending = false;
            }
            self.resort();
        }
    }
}

/// The name, cut with "…" when the column is narrow (the whole name shows on
/// hover), after its ID when another dataset has the same name.
fn name_ui(ui: &mut Ui, r: &Row, twin: bool) {
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    // The ID first: in a narrow column the end of a long name is cut, and the
    // ID is what tells twins apart.
    if twin {
        RichText::new(format!("{} · ", r.id)).weak().append_to(
            &mut job,
            style,
            egui::FontSelection::Default,
            egui::Align::Center,
        );
    }
    RichText::new(&r.name).append_to(
        &mut job,
        style,
        egui::FontSelection::Default,
        egui::Align::Center,
    );
    ui.add(egui::Label::new(job).truncate());
}

/// By row: whether another row has the same name (as the table sorts names,
/// ignoring case), so that the two are told apart by their IDs.
fn twins(rows: &[Row]) -> Vec<bool> {
    let mut count: std::collections::HashMap<&str, u32> =
        std::collections::HashMap::with_capacity(rows.len());
    for r in rows {
        *count.entry(r.name_key()).or_default() += 1;
    }
    rows.iter().map(|r| count[r.name_key()] > 1).collect()
}

fn compare(a: &Row, b: &Row, key: SortBy) -> Ordering {
    let by = match key {
        SortBy::Name => a.name_key().cmp(b.name_key()),
        SortBy::Department => a.department.cmp(&b.department),
        SortBy::Steward => a.steward.cmp(&b.steward),
        SortBy::Classification => a.classification.cmp(&b.classification),
        SortBy::Priority => a.priority.cmp(&b.priority),
        SortBy::Suggested => a.suggested.cmp(&b.suggested),
        SortBy::Status => a.status.cmp(&b.status),
        SortBy::Complete => a.complete.cmp(&b.complete),
        SortBy::Quality => a.quality.cmp(&b.quality),
        SortBy::Updated => a.last_updated.cmp(&b.last_updated),
    };
    by.then_with(|| a.id.cmp(&b.id))
}

/// A filter on text values (the categories the rows hold).
fn text_filter_box(ui: &mut Ui, title: &str, value: &mut Option<String>, values: &[String]) {
    let label = ui.label(title);
    let shown = value.clone().unwrap_or_else(|| "Any".into());
    egui::ComboBox::from_id_salt(("filter", title))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "Any");
            for v in values {
                ui.selectable_value(value, Some(v.clone()), v);
            }
        })
        .response
        .labelled_by(label.id);
}

fn filter_box<V: Vocabulary>(ui: &mut Ui, title: &str, value: &mut Option<V>) {
    let label = ui.label(title);
    let shown = value.map(|v| v.label()).unwrap_or("Any");
    egui::ComboBox::from_id_salt(("filter", title))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "Any");
            for v in V::ALL {
                ui.selectable_value(value, Some(*v), v.label());
            }
        })
        .response
        .labelled_by(label.id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// A table of datasets of Parks, every second one published, and the
    /// inventory they are in.
    fn table(names: &[&str]) -> (InventoryTable, Store) {
        let mut store = Store::open_in_memory().unwrap();
        let parks: crate::model::DepartmentCode = "PRK".parse().unwrap();
        store
            .save_department(&crate::model::Department::new(parks.clone(), "Parks"))
            .unwrap();
        for (i, n) in names.iter().enumerate() {
            let mut d = crate::model::Dataset::named(n);
            d.status = if i % 2 == 0 {
                Status::NotReady
            } else {
                Status::Published
            };
            store.create_dataset(&parks, d).unwrap();
        }
        let mut t = InventoryTable::default();
        t.set_rows(store.table_rows_share(0, 1).unwrap());
        (t, store)
    }

    fn shown(t: &InventoryTable) -> Vec<String> {
        t.visible_rows().map(|r| r.name.clone()).collect()
    }

    #[test]
    fn search_narrows_as_letters_are_added_and_widens_when_they_are_removed() {
        let (mut t, _) = table(&["Park Trees", "Parking Citations", "Pools", "Bike Lanes"]);
        t.search = "par".into();
        t.refilter();
        assert_eq!(shown(&t), ["Park Trees", "Parking Citations"]);
        t.search = "parki".into();
        t.refilter();
        assert_eq!(shown(&t), ["Parking Citations"]);
        t.search = "p".into();
        t.refilter();
        assert_eq!(shown(&t), ["Park Trees", "Parking Citations", "Pools"]);
        t.search = "LANES".into();
        t.refilter();
        assert_eq!(shown(&t), ["Bike Lanes"]);
    }

    #[test]
    fn search_finds_the_words_typed_in_any_order_letter_by_letter() {
        let (mut t, _) = table(&["East Sewer Overflows", "West Sewer Mains", "East Parks"]);
        for end in 1..="sewer east".len() {
            t.search = "sewer east"[..end].into();
            t.refilter();
        }
        assert_eq!(shown(&t), ["East Sewer Overflows"]);
        t.search = "east".into();
        t.refilter();
        assert_eq!(shown(&t), ["East Parks", "East Sewer Overflows"]);
    }

    #[test]
    fn filters_and_search_combine_and_sorting_keeps_them() {
        let (mut t, _) = table(&["Park Trees", "Parking Citations", "Pools", "Bike Lanes"]);
        t.filters.status = Some(Status::Published);
        t.refilter();
        assert_eq!(shown(&t), ["Bike Lanes", "Parking Citations"]);
        t.search = "park".into();
        t.refilter();
        assert_eq!(shown(&t), ["Parking Citations"]);
        t.search.clear();
        t.descending = true;
        t.resort();
        assert_eq!(shown(&t), ["Parking Citations", "Bike Lanes"]);
    }

    #[test]
    fn an_edited_row_takes_its_place_when_the_table_is_sorted_again() {
        let (mut t, mut store) = table(&["Apples", "Bees"]);
        let id = InventoryId::new("PRK".parse().unwrap(), 1);
        store
            .set_field(&id, crate::model::Field::Name, "Cedars")
            .unwrap();
        t.upsert_row(store.table_row(&id).unwrap().unwrap());
        assert!(t.stale, "sorting waits until the table is shown");
        t.resort();
        assert_eq!(shown(&t), ["Bees", "Cedars"]);
    }
}

/// The id of the table's one focus stop, which sits on the current row (the
/// selected one, or the first). It keeps its id as the selection moves, so the
/// focus stays on the table while the arrows move through 100,000 rows.
fn current_row_id() -> egui::Id {
    egui::Id::unique("inventory-current-row")
}

/// The table's focus stop on the current row, read by a screen reader as "Row 3
/// of 120: Pools, Not ready". Returns where to draw the focus outline when it has
/// the focus.
fn current_row_stop(
    ui: &mut Ui,
    index: usize,
    rows: usize,
    row: &Row,
    selected: bool,
) -> Option<(egui::LayerId, egui::Rect)> {
    let stop = ui.interact(ui.max_rect(), current_row_id(), Sense::FOCUSABLE);
    let name = format!(
        "Row {} of {rows}: {}, {}",
        index + 1,
        row.name,
        row.status.label()
    );
    stop.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Row, true, &name));
    ui.ctx()
        .accesskit_node_builder(stop.id, |node| node.set_selected(selected));
    if stop.has_focus() {
        // The arrows move the selection, not the focus to another control.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                stop.id,
                egui::EventFilter {
                    vertical_arrows: true,
                    ..Default::default()
                },
            )
        });
        return Some((ui.layer_id(), ui.clip_rect()));
    }
    None
}
