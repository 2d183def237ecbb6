//! Where the inventory stands: the three steps of the process with their due
//! dates, counts by status, classification, priority and category as bar
//! charts, checklist completeness, the publishing plan month by month, and
//! published datasets whose refresh is late.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use egui::{RichText, Ui};

use super::Request;
use super::inventory_table::Row;
use crate::model::vocab::Vocabulary;
use crate::model::{Classification, List, Rating, Status};
use crate::model::{Department, DepartmentCode};
use crate::store::{Planned, RefreshWatch, Store};

/// One of the three steps of the inventory process, a month each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: &'static str,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// What is done so far, in words.
    pub progress: String,
}

impl Step {
    pub fn state(&self, today: NaiveDate) -> &'static str {
        match (self.done, self.due) {
            (true, _) => "Done",
            (false, Some(due)) if due < today => "Overdue",
            _ => "To do",
        }
    }
}

/// The bar charts, counted once when the screen opens: counting 100,000 rows
/// every frame would make the screen lag.
#[derive(Default)]
struct Charts {
    status: Vec<(String, usize)>,
    classification: Vec<(String, usize)>,
    priority: Vec<(String, usize)>,
    category: Vec<(String, usize)>,
    completeness: Vec<(String, usize)>,
    average: f32,
    /// Per department: its name, its datasets, and their average metadata
    /// score with its band.
    quality: Vec<(String, usize, u16, crate::quality::Band)>,
}

#[derive(Default)]
pub struct ProgressScreen {
    steps: Vec<Step>,
    charts: Charts,
    /// The publishing plan by month (`2027-03`), grouped once.
    months: BTreeMap<String, Vec<Planned>>,
    watch: Vec<RefreshWatch>,
    start: Option<NaiveDate>,
    /// The department shown, or the whole city; and the departments to choose from.
    department: Option<DepartmentCode>,
    departments: Vec<Department>,
    /// Why the screen could not be read when the department was changed.
    problem: Option<super::notice::Notice>,
    /// The whole city: each department's three steps, read when the screen
    /// opens (empty for one department).
    citywide: Vec<(Department, Vec<Step>)>,
}

impl ProgressScreen {
    /// Reads what the screen shows from the inventory; called when it opens.
    pub fn refresh(&mut self, store: &Store, rows: &[Row]) -> crate::store::Result<()> {
        self.departments = store.departments()?;
        let code = self.department.clone();
        let rows: Vec<Row> = rows
            .iter()
            .filter(|r| code.as_ref().is_none_or(|c| &r.id.department == c))
            .cloned()
            .collect();
        let rows = &rows[..];
        self.citywide = match &code {
            None if self.departments.len() > 1 => {
                // The CDO's own office keeps no inventory of its own here.
                let office = match store.desk()? {
                    crate::desk::Desk::CdoOffice => store.home_department()?.map(|d| d.code),
                    crate::desk::Desk::Department => None,
                };
                let departments: Vec<Department> = self
                    .departments
                    .iter()
                    .filter(|d| Some(&d.code) != office.as_ref())
                    .cloned()
                    .collect();
                every_department(store, &departments, rows)?
            }
            _ => Vec::new(),
        };
        let department = match &code {
            Some(c) => store.department(c)?,
            None => store.home_department()?,
        };
        self.start = department.as_ref().and_then(|d| d.start_date);
        let complete = rows.iter().filter(|r| r.complete == 100).count();
        self.steps = match department {
            Some(d) => steps(store, &d.code, d.start_date, complete)?,
            None => Vec::new(),
        };
        self.charts = Charts {
            status: counts(rows, |r| Some(r.status), Status::ALL),
            classification: counts(rows, |r| r.classification, Classification::ALL),
            priority: counts(rows, |r| r.priority, Rating::ALL),
            category: category_counts(rows, &store.lists()?.names(List::Categories)),
            completeness: completeness_buckets(rows),
            average: if rows.is_empty() {
                0.0
            } else {
                rows.iter().map(|r| f32::from(r.complete)).sum::<f32>() / rows.len() as f32
            },
            quality: quality_by_department(rows),
        };
        self.months = BTreeMap::new();
        let mine =
            |id: &crate::model::InventoryId| code.as_ref().is_none_or(|c| &id.department == c);
        for p in store.publishing_plan()?.into_iter().filter(|p| mine(&p.id)) {
            let month = p.target.format("%Y-%m").to_string();
            self.months.entry(month).or_default().push(p);
        }
        self.watch = store
            .refresh_watch()?
            .into_iter()
            .filter(|w| mine(&w.id))
            .collect();
        Ok(())
    }

    pub fn ui(&mut self, ui: &mut Ui, store: &Store, rows: &[Row], requests: &mut Vec<Request>) {
        ui.heading("Progress");
        if self.departments.len() > 1
            && department_choice(ui, &mut self.department, &self.departments)
        {
            self.problem = self
                .refresh(store, rows)
                .err()
                .map(|e| super::notice::Notice::error(e.to_string()));
        }
        super::notice::notice_ui(ui, &self.problem);
        egui::ScrollArea::vertical()
            .id_salt("progress")
            .auto_shrink(false)
            .show(ui, |ui| {
                if self.citywide.is_empty() {
                    self.steps_ui(ui, requests);
                } else {
                    self.citywide_ui(ui);
                }
                ui.add_space(10.0);
                let c = &self.charts;
                ui.columns(2, |cols| {
                    chart(&mut cols[0], "By status", &c.status);
                    chart(&mut cols[1], "By classification", &c.classification);
                });
                ui.columns(2, |cols| {
                    chart(&mut cols[0], "By priority", &c.priority);
                    chart(&mut cols[1], "By category", &c.category);
                });
                ui.add_space(10.0);
                ui.label(RichText::new("Checklist completeness across the department").strong());
                ui.label(format!(
                    "On average {:.0}% of each checklist is answered.",
                    c.average
                ));
                chart(ui, "Datasets by checklist completeness", &c.completeness);
                ui.add_space(10.0);
                quality_ui(ui, &c.quality);
                ui.add_space(10.0);
                self.plan_ui(ui, requests);
                ui.add_space(10.0);
                self.watch_ui(ui, requests);
            });
    }

    fn steps_ui(&self, ui: &mut Ui, requests: &mut Vec<Request>) {
        ui.label(RichText::new("The three steps").strong());
        if self.start.is_none() {
            ui.horizontal(|ui| {
                ui.label("Set the inventory's start date to see the due dates, a month apart.");
                if ui.button("Set it on the Department screen").clicked() {
                    requests.push(Request::Go(super::Screen::Department));
                }
            });
        }
        let today = crate::store::now().date();
        egui::Grid::new("steps")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for step in &self.steps {
                    ui.label(step.title);
                    let due = step
                        .due
                        .map(|d| format!("due {}", d.format("%Y-%m-%d")))
                        .unwrap_or_default();
                    ui.label(due);
                    let state = step.state(today);
                    let color = match state {
                        "Done" => ui.visuals().text_color(),
                        "Overdue" => ui.visuals().error_fg_color,
                        _ => ui.visuals().warn_fg_color,
                    };
                    ui.label(RichText::new(state).color(color).strong());
                    ui.label(&step.progress);
                    ui.end_row();
                }
            });
    }

    /// Every department's three steps, with their due dates: the whole city
    /// at a glance. A department without a start date has no due dates.
    fn citywide_ui(&self, ui: &mut Ui) {
        ui.label(RichText::new("Every department's three steps").strong());
        let today = crate::store::now().date();
        egui::Grid::new("citywide-steps")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                ui.label(RichText::new("Department").strong());
                for title in ["1. Systems of record", "2. Datasets", "3. Attributes"] {
                    ui.label(RichText::new(title).strong());
                }
                ui.end_row();
                for (department, steps) in &self.citywide {
                    ui.label(&department.name);
                    for step in steps {
                        let state = step.state(today);
                        let due = step
                            .due
                            .map(|d| format!(", due {}", d.format("%Y-%m-%d")))
                            .unwrap_or_else(|| ", no start date".into());
                        let color = match state {
                            "Done" => ui.visuals().text_color(),
                            "Overdue" => ui.visuals().error_fg_color,
                            _ => ui.visuals().warn_fg_color,
                        };
                        ui.label(RichText::new(format!("{state}{due}")).color(color))
                            .on_hover_text(&step.progress);
                    }
                    ui.end_row();
                }
            });
    }

    fn plan_ui(&self, ui: &mut Ui, requests: &mut Vec<Request>) {
        ui.label(
            RichText::new("Publishing plan: target publication dates, month by month").strong(),
        );
        if self.months.is_empty() {
            ui.label(
                "No dataset has a target publication date yet (checklist, Department approval).",
            );
            return;
        }
        let most = self.months.values().map(Vec::len).max().unwrap_or(1);
        for (month, planned) in self.months.iter().take(24) {
            let published = planned
                .iter()
                .filter(|p| p.status == Status::Published)
                .count();
            let missed = planned.iter().filter(|p| p.missed).count();
            let missed_text = if missed > 0 {
                format!(", {missed} past the target ⚠")
            } else {
                String::new()
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(month).monospace());
                ui.add(
                    egui::ProgressBar::new(planned.len() as f32 / most as f32)
                        .desired_width(240.0)
                        .text(format!(
                            "{} planned, {published} published{missed_text}",
                            planned.len()
                        )),
                );
                // Named for its month, so a screen reader does not read "which" 24 times.
                egui::CollapsingHeader::new(format!("Datasets planned for {month}"))
                    .id_salt(("month", month))
                    .show(ui, |ui| {
                        for p in planned.iter().take(50) {
                            let text = if p.missed {
                                format!("{} ({}, ⚠ past its target date)", p.name, p.status.label())
                            } else {
                                format!("{} ({})", p.name, p.status.label())
                            };
                            let link = ui.link(text);
                            let link = if p.missed {
                                link.on_hover_text(crate::model::target_missed_text(p.target))
                            } else {
                                link
                            };
                            if link.clicked() {
                                requests.push(Request::OpenReview(p.id.clone()));
                            }
                        }
                        if planned.len() > 50 {
                            ui.label(format!("and {} more", planned.len() - 50));
                        }
                    });
            });
        }
    }

    fn watch_ui(&self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let today = crate::store::now().date();
        let late: Vec<&RefreshWatch> = self.watch.iter().filter(|w| w.is_late(today)).collect();
        ui.label(
            RichText::new(format!(
                "Refresh watch: {} published datasets late for a refresh",
                late.len()
            ))
            .strong(),
        );
        if late.is_empty() {
            ui.label("Every published dataset is up to date for its update frequency.");
            return;
        }
        egui::Grid::new("late")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                ui.strong("Dataset");
                ui.strong("Update frequency");
                ui.strong("Last refreshed");
                ui.strong("Was due");
                ui.end_row();
                for w in late.iter().take(200) {
                    if ui.link(&w.name).clicked() {
                        requests.push(Request::OpenReview(w.id.clone()));
                    }
                    ui.label(&w.frequency);
                    ui.label(
                        w.last_refreshed
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "never".into()),
                    );
                    ui.label(w.due.map(|d| d.to_string()).unwrap_or_default());
                    ui.end_row();
                }
            });
        if late.len() > 200 {
            ui.label(format!(
                "and {} more: filter the inventory by \"Late refresh only\".",
                late.len() - 200
            ));
        }
    }
}

/// A choice of one department or the whole city; true when it changed.
pub fn department_choice(
    ui: &mut Ui,
    chosen: &mut Option<DepartmentCode>,
    departments: &[Department],
) -> bool {
    let before = chosen.clone();
    ui.horizontal(|ui| {
        let label = ui.label("Department");
        let shown = chosen
            .as_ref()
            .and_then(|c| departments.iter().find(|d| &d.code == c))
            .map_or("All departments".to_string(), |d| d.name.clone());
        egui::ComboBox::from_id_salt("department-choice")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(chosen, None, "All departments");
                for d in departments {
                    ui.selectable_value(chosen, Some(d.code.clone()), &d.name);
                }
            })
            .response
            .labelled_by(label.id);
    });
    *chosen != before
}

/// Each department's three steps, from its own start date and its own rows.
fn every_department(
    store: &Store,
    departments: &[Department],
    rows: &[Row],
) -> crate::store::Result<Vec<(Department, Vec<Step>)>> {
    let mut complete: std::collections::HashMap<&DepartmentCode, usize> = Default::default();
    for r in rows.iter().filter(|r| r.complete == 100) {
        *complete.entry(&r.id.department).or_default() += 1;
    }
    departments
        .iter()
        .map(|d| {
            let done = complete.get(&d.code).copied().unwrap_or(0);
            Ok((d.clone(), steps(store, &d.code, d.start_date, done)?))
        })
        .collect()
}

/// The three steps: systems, datasets (the Step 1 prompts), attributes (the
/// checklist), due one, two and three months after the start.
pub fn steps(
    store: &Store,
    code: &crate::model::DepartmentCode,
    start: Option<NaiveDate>,
    complete: usize,
) -> crate::store::Result<Vec<Step>> {
    let due = |m: u32| start.and_then(|s| s.checked_add_months(Months::new(m)));
    let systems = store
        .sources()?
        .iter()
        .filter(|s| s.department.as_ref().is_none_or(|d| d == code))
        .count();
    let summary = crate::step1::summary(store, code)?;
    let prompts_done = 8 - summary.empty_prompts().len();
    Ok(vec![
        Step {
            title: "1. Systems of record",
            due: due(1),
            done: systems > 0,
            progress: format!("{systems} systems listed"),
        },
        Step {
            title: "2. Datasets (the eight prompts)",
            due: due(2),
            done: summary.datasets > 0 && prompts_done == 8,
            progress: format!(
                "{} datasets; {prompts_done} of 8 prompts answered",
                summary.datasets
            ),
        },
        Step {
            title: "3. Attributes (the checklist)",
            due: due(3),
            done: summary.datasets > 0 && complete >= summary.datasets,
            progress: format!("{complete} of {} checklists complete", summary.datasets),
        },
    ])
}

/// How many rows hold each value of a vocabulary, and how many hold none.
fn counts<V: Vocabulary>(
    rows: &[Row],
    value: impl Fn(&Row) -> Option<V>,
    all: &[V],
) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = all
        .iter()
        .map(|v| {
            (
                v.label().to_string(),
                rows.iter().filter(|r| value(r) == Some(*v)).count(),
            )
        })
        .collect();
    let none = rows.iter().filter(|r| value(r).is_none()).count();
    if none > 0 {
        out.push(("(not answered)".into(), none));
    }
    out
}

/// How many rows hold each of the inventory's categories, then each value
/// not on its list (kept as an import wrote it), then how many hold none.
fn category_counts(rows: &[Row], names: &[String]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = names.iter().map(|n| (n.clone(), 0)).collect();
    let mut none = 0;
    for r in rows {
        if r.category.is_empty() {
            none += 1;
            continue;
        }
        match out.iter_mut().find(|(n, _)| *n == r.category) {
            Some((_, n)) => *n += 1,
            None => out.push((r.category.clone(), 1)),
        }
    }
    if none > 0 {
        out.push(("(not answered)".into(), none));
    }
    out
}

/// A bar chart a screen reader can read: each bar is a labelled bar with its count.
fn chart(ui: &mut Ui, title: &str, bars: &[(String, usize)]) {
    ui.label(RichText::new(title).strong());
    let most = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    egui::Grid::new(title).num_columns(2).show(ui, |ui| {
        for (label, n) in bars {
            ui.label(label);
            let bar = ui.add(
                egui::ProgressBar::new(*n as f32 / most as f32)
                    .desired_width(200.0)
                    .text(n.to_string()),
            );
            // Read aloud (and found by tests) as "Approved: 12".
            bar.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::ProgressIndicator,
                    true,
                    format!("{label}: {n}"),
                )
            });
            ui.end_row();
        }
    });
}

/// Each department's average metadata score, in the order of their names.
fn quality_by_department(rows: &[Row]) -> Vec<(String, usize, u16, crate::quality::Band)> {
    let mut by: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
    for r in rows {
        by.entry(r.department.as_str()).or_default().push(r.quality);
    }
    by.into_iter()
        .filter_map(|(name, points)| {
            let n = points.len();
            crate::quality::average(points).map(|(mean, band)| (name.to_string(), n, mean, band))
        })
        .collect()
}

/// The metadata score per department: average and band, apart from the
/// checklist's completeness, in words that tell the two apart.
fn quality_ui(ui: &mut Ui, quality: &[(String, usize, u16, crate::quality::Band)]) {
    ui.label(RichText::new("Metadata score by department").strong());
    ui.label(
        RichText::new(format!(
            "How findable and reusable the datasets' entries in the portal's catalog are, out of {} points. Checklist completeness, above, says how complete the review is; this says how well the published descriptions serve the people who look for the data.",
            crate::quality::MAX
        ))
        .weak(),
    );
    egui::Grid::new("quality-by-department")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.strong("Department");
            ui.strong("Datasets");
            ui.strong("Average score");
            ui.strong("Band");
            ui.end_row();
            for (name, count, mean, band) in quality {
                ui.label(name);
                ui.label(count.to_string());
                ui.label(mean.to_string());
                ui.label(band.label());
                ui.end_row();
            }
        });
}

fn completeness_buckets(rows: &[Row]) -> Vec<(String, usize)> {
    let buckets = [
        ("Complete", 100..=100),
        ("75–99%", 75..=99),
        ("50–74%", 50..=74),
        ("25–49%", 25..=49),
        ("0–24%", 0..=24),
    ];
    buckets
        .iter()
        .map(|(label, range)| {
            (
                label.to_string(),
                rows.iter().filter(|r| range.contains(&r.complete)).count(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_past_its_due_date_and_not_done_is_overdue() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let step = Step {
            title: "1",
            due: Some(day("2026-02-01")),
            done: false,
            progress: String::new(),
        };
        assert_eq!(step.state(day("2026-03-01")), "Overdue");
        assert_eq!(step.state(day("2026-01-01")), "To do");
        assert_eq!(Step { done: true, ..step }.state(day("2026-03-01")), "Done");
    }
}
