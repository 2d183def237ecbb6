//! The review path on screen: datasets grouped by where they stand (returned
//! work first), and for the one selected, the moves it may make: submit again,
//! the CDO's decisions with a note, the publication plan and publishing, and
//! refreshes. Each move is checked by the core (`crate::review`).
//!
//! Why one file of this length: the queues, the selected dataset's moves, its
//! publication plan and its history are one screen's state; the CDO's desk's
//! parts (`cdo_review_view`) and the recorded decision (`decision_sent`) are
//! files of their own.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::cdo_review_view::CdoReviewView;
use super::decision_sent::DecisionSentForm;
use super::inventory_table::Row;
use super::notice::{Notice, notice_ui};
use super::requests::{Request, Write};
use super::widgets::labelled;
use crate::desk::Desk;
use crate::model::vocab::Vocabulary;
use crate::model::{Dataset, HistoryEntry, InventoryId, PublicationPlan, Status, Tactic};
use crate::questions::Bank;
use crate::review::{Move, allowed};
use crate::store::{Result, Store};
use crate::workbook::columns::COLUMNS;

/// The lists of the screen, in the order a coordinator works them.
const QUEUES: [(Status, &str); 6] = [
    (Status::Returned, "Returned work"),
    (Status::Submitted, "Waiting for the CDO"),
    (Status::Approved, "Approved: plan and publish"),
    (Status::Published, "Published"),
    (Status::NotPublishable, "Not publishable"),
    (Status::Withdrawn, "Withdrawn from the portal"),
];

struct Selected {
    id: InventoryId,
    dataset: Dataset,
    plan: PublicationPlan,
    history: Vec<HistoryEntry>,
}

pub struct ReviewScreen {
    queue: Status,
    selected: Option<Selected>,
    /// The note for a move, the portal link and the publication day as typed.
    note: String,
    link: String,
    published_on: String,
    announce_on: String,
    notice: Option<Notice>,
    /// The rows of the current queue (indices into the table's rows).
    shown: Option<(Status, usize, Vec<usize>)>,
    /// One department's work, or the whole city's.
    department: Option<crate::model::DepartmentCode>,
    departments: Vec<crate::model::Department>,
    /// Whose desk this is: the CDO's decisions are made only on the CDO's.
    desk: Desk,
    /// A CDO decision clicked and waiting for "Yes" (it goes to the history
    /// under the CDO's name and back to the department).
    confirm: Option<Move>,
    /// On a department's desk: a decision the CDO sent, to record.
    sent: DecisionSentForm,
    /// On the CDO's desk: the checklist and the release review beside the
    /// decision, for the dataset selected.
    cdo: Option<CdoReviewView>,
    /// "Withdraw from the portal…" for the published dataset selected.
    withdraw: super::withdraw::WithdrawDialog,
}

impl Default for ReviewScreen {
    fn default() -> Self {
        ReviewScreen {
            queue: Status::Returned,
            selected: None,
            note: String::new(),
            link: String::new(),
            published_on: today().format("%Y-%m-%d").to_string(),
            announce_on: String::new(),
            notice: None,
            shown: None,
            department: None,
            departments: Vec::new(),
            desk: Desk::default(),
            confirm: None,
            sent: DecisionSentForm::default(),
            cdo: None,
            withdraw: Default::default(),
        }
    }
}

fn today() -> NaiveDate {
    crate::store::now().date()
}

impl ReviewScreen {
    /// Shows one dataset, in the list it belongs to.
    pub fn select(&mut self, store: &Store, id: &InventoryId) {
        // A message about one dataset does not stay above another.
        if self.selected.as_ref().is_none_or(|s| s.id != *id) {
            self.notice = None;
        }
        self.note.clear();
        self.confirm = None;
        self.sent = DecisionSentForm::default();
        self.selected = match load(store, id) {
            Ok(selected) => selected,
            Err(e) => {
                self.notice = Some(Notice::error(e.to_string()));
                None
            }
        };
        self.cdo = None;
        if let Some(s) = &self.selected {
            if self.desk == Desk::CdoOffice {
                match CdoReviewView::load(store, id) {
                    Ok(view) => self.cdo = Some(view),
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            self.queue = s.dataset.status;
            self.link = s.dataset.publication_link.clone();
            self.announce_on = s
                .plan
                .announce_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
        }
        self.shown = None;
    }

    /// Forgets cached lists (after an import or a change elsewhere).
    pub fn refresh(&mut self, store: &Store) -> Result<()> {
        self.shown = None;
        self.departments = store.departments()?;
        self.desk = store.desk()?;
        if let Some(id) = self.selected.as_ref().map(|s| s.id.clone()) {
            self.selected = load(store, &id)?;
            self.cdo = match (self.desk, self.cdo.take()) {
                (Desk::CdoOffice, Some(mut view)) => {
                    view.reload(store, &id)?;
                    Some(view)
                }
                (Desk::CdoOffice, None) => Some(CdoReviewView::load(store, &id)?),
                (Desk::Department, _) => None,
            };
        }
        Ok(())
    }

    /// A move was made, or refused with a reason.
    pub fn moved(&mut self, result: Result<Dataset>) {
        self.confirm = None;
        self.sent.recorded(result.is_ok());
        if let Ok(saved) = &result {
            self.note.clear();
            // Follow the dataset to the list it moved to.
            self.queue = saved.status;
            self.shown = None;
        }
        self.notice = Some(Notice::from_result(&result, |saved| {
            format!("Done: {} is now {}.", saved.name, saved.status.label())
        }));
    }

    /// A sign-off was recorded: its form empties.
    pub fn signed(&mut self) {
        if let Some(cdo) = &mut self.cdo {
            cdo.signed();
        }
    }

    /// A release review answer or sign-off was saved (the screen reads the
    /// dataset again, history included), or refused with a reason.
    pub fn release_reviewed(&mut self, store: &Store, result: Result<()>) {
        match result {
            Ok(()) => {
                if let Err(e) = self.refresh(store) {
                    self.notice = Some(Notice::error(e.to_string()));
                }
            }
            Err(e) => match &mut self.cdo {
                Some(cdo) => cdo.refused(e.to_string()),
                None => self.notice = Some(Notice::error(e.to_string())),
            },
        }
    }

    /// The publication plan was saved, or refused with a reason.
    pub fn plan_saved(&mut self, plan: PublicationPlan, result: Result<()>) {
        match result {
            Ok(()) => {
                if let Some(sel) = &mut self.selected {
                    sel.plan = plan;
                }
            }
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// The dataset was published, or refused with a reason.
    pub fn published(&mut self, result: Result<Dataset>) {
        if result.is_ok() {
            self.queue = Status::Published;
            self.shown = None;
        }
        self.notice = Some(Notice::from_result(&result, |saved| {
            format!("{} is published.", saved.name)
        }));
    }

    /// A refresh of the published data was recorded, or refused with a reason.
    pub fn refreshed(&mut self, result: Result<()>) {
        self.notice = Some(Notice::from_result(&result, |_| "Refresh recorded.".into()));
    }

    pub fn ui(&mut self, ui: &mut Ui, store: &Store, rows: &[Row], requests: &mut Vec<Request>) {
        ui.heading("Review");
        ui.label("Not ready ➡ Submitted for review (Stage 1) ➡ Approved (Stage 2) ➡ Published. The CDO may return a dataset with notes, or find it not publishable. A published dataset is never deleted: it may be withdrawn from the portal, with the reason.");
        if self.departments.len() > 1
            && super::progress_screen::department_choice(
                ui,
                &mut self.department,
                &self.departments,
            )
        {
            self.shown = None;
        }
        self.queues_ui(ui, rows);
        ui.separator();
        egui::Panel::left("review-list")
            .default_size(320.0)
            .resizable(true)
            .show(ui, |ui| self.list_ui(ui, store, rows));
        egui::ScrollArea::vertical()
            .id_salt("review-detail")
            .auto_shrink(false)
            .show(ui, |ui| self.detail_ui(ui, requests));
    }

    /// Whether a row belongs to the department chosen (any, when none is).
    fn includes(&self, row: &Row) -> bool {
        self.department
            .as_ref()
            .is_none_or(|c| &row.id.department == c)
    }

    fn queues_ui(&mut self, ui: &mut Ui, rows: &[Row]) {
        ui.horizontal_wrapped(|ui| {
            for (status, title) in QUEUES {
                // At the CDO's desk the submitted datasets wait for this desk.
                let title = match (self.desk, status) {
                    (Desk::CdoOffice, Status::Submitted) => "Waiting for your decision",
                    _ => title,
                };
                let n = rows
                    .iter()
                    .filter(|r| r.status == status && self.includes(r))
                    .count();
                let text = format!("{title} ({n})");
                if ui.selectable_label(self.queue == status, text).clicked() {
                    self.queue = status;
                    self.shown = None;
                }
            }
        });
    }

    fn list_ui(&mut self, ui: &mut Ui, store: &Store, rows: &[Row]) {
        let stale = self
            .shown
            .as_ref()
            .is_none_or(|(q, n, _)| *q != self.queue || *n != rows.len());
        if stale {
            let mut ids: Vec<usize> = (0..rows.len())
                .filter(|k| rows[*k].status == self.queue && self.includes(&rows[*k]))
                .collect();
            ids.sort_by(|a, b| {
                rows[*a]
                    .name
                    .to_lowercase()
                    .cmp(&rows[*b].name.to_lowercase())
            });
            self.shown = Some((self.queue, rows.len(), ids));
        }
        let Some((_, _, shown)) = &self.shown else {
            return;
        };
        if shown.is_empty() {
            ui.label(match self.queue {
                Status::Returned => "Nothing sent back: no returned work.",
                Status::Submitted if self.desk == Desk::CdoOffice => {
                    "Nothing is waiting for your decision."
                }
                Status::Submitted => "Nothing is waiting for the CDO.",
                _ => "No datasets here.",
            });
            return;
        }
        let mut picked = None;
        let height = ui.spacing().interact_size.y + 2.0;
        egui::ScrollArea::vertical()
            .id_salt("review-rows")
            .auto_shrink(false)
            .show_rows(ui, height, shown.len(), |ui, range| {
                for at in range {
                    let row = &rows[shown[at]];
                    // Sorted by name, so a twin is next to its twin.
                    let same_name = |other: Option<&usize>| {
                        other.is_some_and(|o| rows[*o].name.eq_ignore_ascii_case(&row.name))
                    };
                    let twin = same_name(at.checked_sub(1).and_then(|p| shown.get(p)))
                        || same_name(shown.get(at + 1));
                    let on = self.selected.as_ref().is_some_and(|s| s.id == row.id);
                    let late = if row.late { " ⚠ late" } else { "" };
                    // One line each: the list scrolls by fixed-height rows.
                    // Across departments, and for twins, the ID tells them apart:
                    // first, so a long name is cut rather than the ID.
                    let text = if self.departments.len() > 1 || twin {
                        format!("{} · {}{late}", row.id, row.name)
                    } else {
                        format!("{}{late}", row.name)
                    };
                    let r = ui.add(
                        egui::Button::selectable(on, text).wrap_mode(egui::TextWrapMode::Truncate),
                    );
                    if r.on_hover_text(row.id.to_string()).clicked() {
                        picked = Some(row.id.clone());
                    }
                }
            });
        let first = shown.first().map(|k| rows[*k].id.clone());
        let none_here = self
            .selected
            .as_ref()
            .is_none_or(|s| s.dataset.status != self.queue);
        match (picked, first) {
            (Some(id), _) => {
                self.notice = None;
                self.select(store, &id);
            }
            // Opening a list shows its first dataset rather than an empty pane.
            (None, Some(id)) if none_here => self.select(store, &id),
            _ => {}
        }
    }

    fn detail_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(sel) = &self.selected else {
            ui.label("Choose a dataset in the list.");
            return;
        };
        let d = &sel.dataset;
        ui.heading(&d.name);
        ui.label(RichText::new(format!("{}  ·  {}", sel.id, d.status.label())).strong());
        notice_ui(ui, &self.notice);
        if !d.cdo_notes.is_empty() || d.cdo_decision.is_some() {
            self.cdo_notes_ui(ui, requests);
        }
        let id = sel.id.clone();
        let status = d.status;
        match status {
            // A withdrawn dataset may be published again, as an approved one is.
            Status::Approved | Status::Withdrawn => self.plan_ui(ui, requests),
            Status::Published => self.published_ui(ui, requests),
            _ => {}
        }
        ui.add_space(8.0);
        self.moves_ui(ui, &id, requests);
        if self.desk == Desk::Department {
            self.sent.ui(ui, &id, status, requests);
        }
        if let Some(cdo) = &mut self.cdo
            && matches!(
                status,
                Status::Submitted | Status::Approved | Status::Returned
            )
        {
            ui.add_space(8.0);
            cdo.ui(ui, &id, requests);
        }
        ui.add_space(8.0);
        self.history_ui(ui);
    }

    /// The CDO's decision and notes on top, with a link to each field they name.
    fn cdo_notes_ui(&self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(sel) = &self.selected else { return };
        let d = &sel.dataset;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let decision = d
                .cdo_decision
                .map(|x| x.label())
                .unwrap_or("No decision yet");
            let by = match (&d.reviewed_by, d.reviewed_on) {
                (b, Some(on)) if !b.is_empty() => format!(" — {b}, {}", on.format("%Y-%m-%d")),
                (b, None) if !b.is_empty() => format!(" — {b}"),
                _ => String::new(),
            };
            ui.label(RichText::new(format!("The CDO: {decision}{by}")).strong());
            if !d.cdo_notes.is_empty() {
                ui.add(egui::Label::new(&d.cdo_notes).wrap());
            }
            ui.horizontal_wrapped(|ui| {
                for (header, question) in fields_named(&d.cdo_notes) {
                    if ui.button(format!("Fix: {header}")).clicked() {
                        requests.push(Request::OpenChecklistAt(sel.id.clone(), question));
                    }
                }
                if ui.button("Open the checklist").clicked() {
                    requests.push(Request::OpenChecklist(sel.id.clone()));
                }
                if ui.button("Open in the editor").clicked() {
                    requests.push(Request::Open(sel.id.clone()));
                }
            });
        });
    }

    /// The moves this desk makes for the dataset now, with a note; a CDO
    /// decision asks "Yes" first.
    fn moves_ui(&mut self, ui: &mut Ui, id: &InventoryId, requests: &mut Vec<Request>) {
        let Some(sel) = &self.selected else { return };
        let name = sel.dataset.name.clone();
        let moves: Vec<Move> = self
            .desk
            .own_moves(allowed(sel.dataset.status))
            .into_iter()
            // Publishing has its own form; a withdrawal its own dialog, with the reason.
            .filter(|m| !matches!(m, Move::Publish | Move::Unpublish))
            .collect();
        if moves.is_empty() {
            return;
        }
        let note_label = match self.desk {
            Desk::Department => "Note for the history (yours)",
            Desk::CdoOffice => {
                "The CDO's note to the department (needed to return it or mark it not publishable)"
            }
        };
        labelled(
            ui,
            RichText::new(note_label).strong(),
            egui::TextEdit::multiline(&mut self.note)
                .desired_rows(2)
                .desired_width(520.0),
        );
        let mut chosen = None;
        if let Some(mv) = self.confirm {
            ui.label(
                RichText::new(format!(
                    "{} \"{}\"? The decision goes to the department under the CDO's name.",
                    mv.label(),
                    crate::model::dataset::shorten(&name)
                ))
                .strong(),
            );
            let open = self
                .cdo
                .as_ref()
                .map(|c| c.open_points())
                .unwrap_or_default();
            if mv == Move::Decide(crate::model::CdoDecision::Approved) && !open.is_empty() {
                let warn = ui.visuals().warn_fg_color;
                ui.label(RichText::new("The release review is not finished:").color(warn));
                for point in open {
                    ui.label(RichText::new(point).color(warn));
                }
            }
            ui.horizontal(|ui| {
                if ui.button(format!("Yes: {}", mv.label())).clicked() {
                    chosen = Some(mv);
                }
                if ui.button("Not now").clicked() {
                    self.confirm = None;
                }
            });
        } else {
            ui.horizontal_wrapped(|ui| {
                for mv in moves {
                    if ui.button(mv.label()).clicked() {
                        if matches!(mv, Move::Decide(_)) {
                            self.confirm = Some(mv);
                        } else {
                            chosen = Some(mv);
                        }
                    }
                }
            });
        }
        if let Some(mv) = chosen {
            requests.push(
                Write::Move {
                    id: id.clone(),
                    mv,
                    note: self.note.clone(),
                }
                .into(),
            );
        }
    }

    /// The playbook's Step 3 for an approved dataset, and publishing it.
    fn plan_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(sel) = &mut self.selected else {
            return;
        };
        ui.add_space(6.0);
        ui.label(RichText::new("Publication plan").strong());
        ui.label(RichText::new("How the release is announced, and who keeps the data up to date afterwards. It travels to the CDO in the workbook.").weak());
        let mut plan = sel.plan.clone();
        ui.horizontal_wrapped(|ui| {
            for tactic in Tactic::ALL {
                let mut on = plan.tactics.contains(tactic);
                if ui.checkbox(&mut on, tactic.label()).changed() {
                    if on {
                        plan.tactics.push(*tactic);
                    } else {
                        plan.tactics.retain(|t| t != tactic);
                    }
                }
            }
        });
        egui::Grid::new("plan").num_columns(2).show(ui, |ui| {
            let r = labelled(
                ui,
                "Announce on",
                egui::TextEdit::singleline(&mut self.announce_on).hint_text("YYYY-MM-DD"),
            );
            if r.changed() {
                plan.announce_on = crate::model::dates::parse_date(self.announce_on.trim());
            }
            ui.end_row();
            labelled(
                ui,
                "Announced by",
                egui::TextEdit::singleline(&mut plan.announced_by)
                    .hint_text("e.g. the Mayor's press office"),
            );
            ui.end_row();
            labelled(
                ui,
                "Kept up to date by",
                egui::TextEdit::singleline(&mut plan.maintained_by)
                    .hint_text("e.g. the data steward"),
            );
            ui.end_row();
        });
        if plan != sel.plan {
            requests.push(
                Write::SavePlan {
                    id: sel.id.clone(),
                    plan,
                }
                .into(),
            );
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Publish").strong());
        let mut publish = false;
        egui::Grid::new("publish").num_columns(2).show(ui, |ui| {
            labelled(
                ui,
                "Portal link",
                egui::TextEdit::singleline(&mut self.link)
                    .hint_text("https://data.city.gov/…")
                    .desired_width(360.0),
            );
            ui.end_row();
            labelled(
                ui,
                "Published on",
                egui::TextEdit::singleline(&mut self.published_on).hint_text("YYYY-MM-DD"),
            );
            ui.end_row();
        });
        if ui.button(Move::Publish.label()).clicked() {
            publish = true;
        }
        if publish {
            self.publish(requests);
        }
    }

    fn publish(&mut self, requests: &mut Vec<Request>) {
        let Some(sel) = &self.selected else { return };
        let typed = self.published_on.trim();
        let Some(on) = crate::model::dates::parse_date(typed) else {
            self.notice = Some(Notice::error(
                if crate::model::dates::is_out_of_range(typed) {
                    "That publication date is too far in the past or the future: write a date from 1900-01-01 to 9999-12-31."
                } else {
                    "Write the publication date as YYYY-MM-DD."
                },
            ));
            return;
        };
        requests.push(
            Write::Publish {
                id: sel.id.clone(),
                link: self.link.clone(),
                on,
            }
            .into(),
        );
    }

    /// A published dataset: when it went live, when it was refreshed, when the
    /// next refresh is due.
    fn published_ui(&mut self, ui: &mut Ui, requests: &mut Vec<Request>) {
        let Some(sel) = &self.selected else { return };
        let d = &sel.dataset;
        let p = &sel.plan;
        let day = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "—".into())
        };
        let due = crate::model::refresh_due(d.update_frequency, p.last_refreshed, p.published_on);
        egui::Grid::new("published").num_columns(2).show(ui, |ui| {
            ui.label("Portal link");
            if d.publication_link.trim().is_empty() {
                // An empty link would be a control with no name and nowhere to go.
                ui.label("None recorded: add it in the editor");
            } else {
                ui.hyperlink(&d.publication_link);
            }
            ui.end_row();
            ui.label("Published on");
            ui.label(day(p.published_on));
            ui.end_row();
            ui.label("Update frequency");
            ui.label(d.update_frequency.map(|f| f.label()).unwrap_or("—"));
            ui.end_row();
            ui.label("Last refreshed");
            ui.label(day(p.last_refreshed));
            ui.end_row();
            ui.label("Next refresh due");
            if due.is_some_and(|due| due < today()) {
                ui.label(
                    RichText::new(format!("{} ⚠ late", day(due))).color(ui.visuals().warn_fg_color),
                );
            } else {
                ui.label(day(due));
            }
            ui.end_row();
            ui.label("Kept up to date by");
            ui.label(if p.maintained_by.is_empty() {
                "—"
            } else {
                &p.maintained_by
            });
            ui.end_row();
        });
        if ui
            .button("Refreshed today")
            .on_hover_text("Record that the published data was updated today")
            .clicked()
        {
            requests.push(Write::RecordRefresh(sel.id.clone()).into());
        }
        let (id, name) = (sel.id.clone(), d.name.clone());
        self.withdraw.button(ui);
        self.withdraw.ui(ui, &id, &name, requests);
    }

    fn history_ui(&self, ui: &mut Ui) {
        let Some(sel) = &self.selected else { return };
        egui::CollapsingHeader::new(format!("History ({})", sel.history.len()))
            .default_open(true)
            .show(ui, |ui| {
                for e in sel.history.iter().rev() {
                    let who = if e.by.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", e.by)
                    };
                    let note = if e.note.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", e.note)
                    };
                    ui.label(format!(
                        "{} {}{who}{note}",
                        e.at.format("%Y-%m-%d %H:%M"),
                        e.summary()
                    ));
                }
            });
    }
}

fn load(store: &Store, id: &InventoryId) -> Result<Option<Selected>> {
    let Some(dataset) = store.dataset(id)? else {
        return Ok(None);
    };
    Ok(Some(Selected {
        id: id.clone(),
        dataset,
        plan: store.plan(id)?,
        history: store.history(id)?,
    }))
}

/// The columns a CDO note names ("add Keywords", "the license is wrong"),
/// each with the checklist question that answers it.
pub fn fields_named(note: &str) -> Vec<(&'static str, String)> {
    let words = note.to_lowercase();
    let bank = Bank::checklist();
    let mut found: Vec<(usize, &'static str, String)> = COLUMNS
        .iter()
        .filter_map(|c| {
            let at = words.find(&c.header.to_lowercase())?;
            let q = bank.for_field(c.field)?;
            Some((at, c.header, q.id.clone()))
        })
        .collect();
    // "Data Quality Details" also contains "Data Quality": keep the longest.
    found.sort_by_key(|(at, header, _)| (*at, std::cmp::Reverse(header.len())));
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut covered = 0;
    for (at, header, q) in found {
        if at >= covered || out.is_empty() {
            covered = at + header.len();
            out.push((header, q));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_s_column_names_become_links_to_their_questions() {
        let found = fields_named(
            "Please add Keywords, and check the License and the Data Quality Details.",
        );
        let headers: Vec<&str> = found.iter().map(|(h, _)| *h).collect();
        assert_eq!(headers, ["Keywords", "License", "Data Quality Details"]);
        assert_eq!(found[0].1, "keywords");
        assert!(fields_named("Looks fine.").is_empty());
    }
}
