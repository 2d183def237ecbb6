//! Shared bits of the screens: a labelled input for any dataset field, and the
//! small helpers that keep every input named for screen readers and tests.

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{Color32, RichText, Ui};

use crate::model::{Dataset, Field, FieldKind, List, Lists};
use crate::workbook::columns::column;

/// What the dropdowns of dataset fields offer: the inventory's departments
/// and its own lists (categories, licenses), read when a screen opens.
#[derive(Debug, Clone, Default)]
pub struct Offered {
    pub departments: Vec<String>,
    pub lists: Lists,
    /// Values the app already knows, offered under a text field (see
    /// `crate::suggestions`); none unless a screen reads them.
    pub suggested: crate::suggestions::Suggestions,
    /// Whose desk: on a department's, the CDO's columns are only shown.
    pub desk: crate::desk::Desk,
}

impl Offered {
    pub fn read(store: &crate::store::Store) -> crate::store::Result<Self> {
        Ok(Offered {
            departments: store.departments()?.into_iter().map(|d| d.name).collect(),
            lists: store.lists()?,
            // The systems already listed, for the system of record.
            suggested: [(
                Field::SystemOfRecord,
                store.sources()?.into_iter().map(|s| s.name).collect(),
            )]
            .into(),
            desk: store.desk()?,
        })
    }
}

/// A field shown, not edited: the CDO's note and review on a department's
/// desk, which arrive in the workbook the CDO returns.
pub fn shown_field(ui: &mut Ui, dataset: &Dataset, field: Field) {
    let col = column(field);
    ui.label(crate::checklist::words(field))
        .on_hover_text(format!("{}\n\nIn the workbook: {}", col.help, col.header));
    let value = dataset.get(field);
    let shown = if value.trim().is_empty() {
        "Not given".to_string()
    } else {
        value
    };
    ui.add(egui::Label::new(shown).wrap())
        .on_hover_text("The CDO's office writes this: it comes in the workbook the CDO returns, or with \"Record a decision the CDO sent\" on the Review screen.");
    ui.end_row();
}

/// What a person typed into each field, and why it was refused if it was.
#[derive(Default)]
pub struct Drafts {
    text: HashMap<Field, String>,
    pub errors: HashMap<Field, String>,
}

/// A label and the input it names: a screen reader reads the input by the label's
/// words, and tests find it by them.
pub fn labelled(
    ui: &mut Ui,
    label: impl Into<egui::WidgetText>,
    input: impl egui::Widget,
) -> egui::Response {
    let label = ui.label(label);
    ui.add(input).labelled_by(label.id)
}

/// A single-line text input with its label, accessible by the label's text.
pub fn labelled_text(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> egui::Response {
    let edit = egui::TextEdit::singleline(value)
        .hint_text(hint)
        .desired_width(320.0);
    labelled(ui, label, edit)
}

/// The one button a screen wants pressed next ("Submit for review", "Apply"):
/// filled with a strong colour so it is seen first. One a screen; every other
/// button stays plain. Disabled, it looks like any disabled button.
pub fn primary_button(ui: &mut Ui, text: impl Into<String>) -> egui::Response {
    primary_button_enabled(ui, true, text)
}

/// `primary_button`, greyed out when `enabled` is false.
pub fn primary_button_enabled(
    ui: &mut Ui,
    enabled: bool,
    text: impl Into<String>,
) -> egui::Response {
    let (fill, fg) = super::theme::primary_colours(ui.visuals());
    let button = if enabled {
        egui::Button::new(RichText::new(text).strong().color(fg)).fill(fill)
    } else {
        egui::Button::new(RichText::new(text).strong())
    };
    ui.add_enabled(enabled, button)
}

/// An error message under an input, in the theme's error colour.
pub fn error_text(ui: &mut Ui, message: &str) {
    ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
}

/// Draws the input for one dataset field (label in the first grid column) and
/// returns the new text when the person changed it.
/// When `focus`, the field is brought into view and its words stand out (as
/// the checklist shows a question to answer), for a button elsewhere that
/// says "fill this in" (the metadata score's top improvement).
pub fn field_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    field: Field,
    drafts: &mut Drafts,
    offered: &Offered,
    focus: bool,
) -> Option<String> {
    // The question's words; the workbook's column header is in the tooltip,
    // for a person who has the workbook open beside the app.
    let col = column(field);
    let mut words = RichText::new(crate::checklist::words(field));
    if focus {
        words = words.strong().color(ui.visuals().warn_fg_color);
    }
    let label = ui
        .label(words)
        .on_hover_text(format!("{}\n\nIn the workbook: {}", col.help, col.header));
    if focus {
        label.scroll_to_me(Some(egui::Align::Center));
    }
    let mut changed = None;
    ui.vertical(|ui| {
        changed = field_input(ui, dataset, field, drafts, offered, label.id);
        if let Some(error) = drafts.errors.get(&field) {
            error_text(ui, error);
        }
    });
    ui.end_row();
    changed
}

/// The input for one dataset field, named for screen readers and tests by the
/// widget `label`; returns the new text when the person changed it.
pub fn field_input(
    ui: &mut Ui,
    dataset: &Dataset,
    field: Field,
    drafts: &mut Drafts,
    offered: &Offered,
    label: egui::Id,
) -> Option<String> {
    let departments = &offered.departments;
    let current = dataset.get(field);
    match field.kind() {
        FieldKind::Id | FieldKind::DateTime => {
            ui.label(
                RichText::new(if current.is_empty() {
                    "—".into()
                } else {
                    current
                })
                .color(Color32::GRAY),
            )
            .labelled_by(label);
            None
        }
        FieldKind::Flag => {
            let mut on = !current.is_empty();
            let r = ui.checkbox(&mut on, "Yes").labelled_by(label);
            r.changed()
                .then(|| if on { "Yes".into() } else { String::new() })
        }
        FieldKind::Choice(labels) => {
            let values = if field == Field::Department {
                departments.to_vec()
            } else {
                labels().iter().map(|s| s.to_string()).collect()
            };
            choice_box(ui, field, &current, &values, label)
        }
        FieldKind::Listed(list) => listed_box(ui, field, &current, list, &offered.lists, label),
        FieldKind::Date => {
            let text = drafts
                .text
                .entry(field)
                .or_insert_with(|| current.to_string());
            date_control(ui, column(field).header, text, label).then(|| text.clone())
        }
        FieldKind::EndDate => text_input(
            ui,
            field,
            &current,
            drafts,
            label,
            false,
            "a date, or Current",
        ),
        FieldKind::LongText => text_input(ui, field, &current, drafts, label, true, ""),
        FieldKind::Text if field == Field::Department => {
            choice_box(ui, field, &current, departments, label)
        }
        FieldKind::Text | FieldKind::Email | FieldKind::Url => {
            let hint = match field.kind() {
                FieldKind::Email => "name@city.gov",
                FieldKind::Url => "https://…",
                _ => "",
            };
            let typed = text_input(ui, field, &current, drafts, label, false, hint);
            suggestions_ui(ui, field, drafts, offered).or(typed)
        }
    }
}

/// The values the app knows for a text field, as buttons under it: those
/// that hold what is typed so far, a few at most; returns the one picked.
fn suggestions_ui(
    ui: &mut Ui,
    field: Field,
    drafts: &mut Drafts,
    offered: &Offered,
) -> Option<String> {
    let all = offered.suggested.get(&field)?;
    let typed = drafts.text.get(&field).map(|t| t.trim().to_lowercase());
    let typed = typed.unwrap_or_default();
    let fitting: Vec<&String> = all
        .iter()
        .filter(|v| {
            let v = v.to_lowercase();
            v != typed && v.contains(&typed)
        })
        .take(6)
        .collect();
    if fitting.is_empty() {
        return None;
    }
    let mut picked = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Suggested:").weak());
        for v in fitting {
            let r = ui.small_button(v.as_str());
            // Named with its field: "Data Steward: Kim Park".
            let words = format!("{}: {v}", column(field).header);
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
            if r.on_hover_text("Use this").clicked() {
                picked = Some(v.clone());
            }
        }
    });
    if let Some(v) = &picked {
        drafts.text.insert(field, v.clone());
    }
    picked
}

fn text_input(
    ui: &mut Ui,
    field: Field,
    current: &str,
    drafts: &mut Drafts,
    label: egui::Id,
    multiline: bool,
    hint: &str,
) -> Option<String> {
    let text = drafts
        .text
        .entry(field)
        .or_insert_with(|| current.to_string());
    let edit = if multiline {
        egui::TextEdit::multiline(text).desired_rows(3)
    } else {
        egui::TextEdit::singleline(text)
    };
    let response = ui
        .add(edit.desired_width(460.0).hint_text(hint))
        .labelled_by(label);
    response.changed().then(|| text.clone())
}

/// The most answers shown side by side as radio buttons: every one in view
/// and one click to answer, like the Yes / No questions. Longer lists (the
/// frequencies, the categories) stay in a dropdown.
const RADIOS_AT_MOST: usize = 10;

fn choice_box(
    ui: &mut Ui,
    field: Field,
    current: &str,
    values: &[String],
    label: egui::Id,
) -> Option<String> {
    // Only the steward's answers: the CDO's and the department's choices keep
    // their dropdown.
    if values.len() <= RADIOS_AT_MOST
        && crate::questions::Bank::checklist()
            .for_field(field)
            .is_some()
    {
        return choice_radios(ui, field, current, values);
    }
    let mut selected = current.to_string();
    let shown = if current.is_empty() {
        "(not answered)".to_string()
    } else {
        current.to_string()
    };
    // Tall enough to show a city's whole list of categories without scrolling.
    let response = egui::ComboBox::from_id_salt(("field", field))
        .selected_text(shown)
        .width(240.0)
        .height(420.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut selected, String::new(), "(not answered)");
            for v in values {
                ui.selectable_value(&mut selected, v.clone(), v);
            }
        });
    response.response.labelled_by(label);
    (selected != current).then_some(selected)
}

/// A short list of answers as radio buttons, each named with its question
/// ("How is it classified?: Public") so a screen reader and a test tell one
/// question's answers from another's; "Clear" empties an answer given.
fn choice_radios(ui: &mut Ui, field: Field, current: &str, values: &[String]) -> Option<String> {
    let mut picked = None;
    let question = crate::checklist::words(field);
    ui.horizontal_wrapped(|ui| {
        for v in values {
            let on = current == v;
            let r = ui.radio(on, v.as_str());
            let words = format!("{question}: {v}");
            r.widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, on, &words));
            if r.clicked() && !on {
                picked = Some(v.clone());
            }
        }
        if !current.is_empty() {
            let r = ui.small_button("Clear");
            let words = format!("{question}: clear");
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
            if r.on_hover_text("Leave it unanswered").clicked() {
                picked = Some(String::new());
            }
        }
    });
    picked
}

/// The dropdown of one of the inventory's lists. A value not on the list (an
/// import kept it as written) is shown, offered as it is, and said so.
fn listed_box(
    ui: &mut Ui,
    field: Field,
    current: &str,
    list: List,
    lists: &Lists,
    label: egui::Id,
) -> Option<String> {
    let mut values = lists.names(list);
    let on_list = current.is_empty() || values.iter().any(|v| v == current);
    if !on_list {
        values.push(current.to_string());
    }
    let changed = choice_box(ui, field, current, &values, label);
    if !on_list {
        ui.label(
            RichText::new(format!(
                "\"{current}\" is not on your list of {}: add it on the Department screen, or choose one from the list.",
                list.plural()
            ))
            .weak(),
        );
    }
    changed
}

/// The one date control of the app: a box that says "Not set" while empty
/// (no date that looks like an answer), "Today" and a calendar to set it, and
/// "Clear" to empty it. `text` is the date as written, or what the person is
/// typing; `name` says whose date it is to a screen reader ("Approval Date:
/// today"), so one page's buttons are told apart. True when it changed.
pub fn date_control(ui: &mut Ui, name: &str, text: &mut String, label: egui::Id) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        let edit = egui::TextEdit::singleline(text)
            .hint_text("Not set")
            .desired_width(110.0);
        changed |= ui
            .add(edit)
            .labelled_by(label)
            .on_hover_text("Type a date like 2026-09-01, or use Today or the calendar.")
            .changed();
        let named = |r: egui::Response, what: &str| {
            let words = format!("{name}: {what}");
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
            r
        };
        let today = chrono::Local::now().date_naive();
        if named(ui.button("Today"), "today").clicked() {
            *text = today.format("%Y-%m-%d").to_string();
            changed = true;
        }
        // The calendar opens on the date set, or today; its button shows no date.
        let shown = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").unwrap_or(today);
        if let Some(mut date) = to_jiff(shown) {
            let before = date;
            named(
                ui.add(
                    egui_extras::DatePickerButton::new(&mut date)
                        .id_salt(name)
                        .format("Calendar")
                        .calendar_week(false),
                ),
                "calendar",
            );
            if date != before {
                *text = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
                changed = true;
            }
        }
        if !text.trim().is_empty() && named(ui.button("Clear"), "clear").clicked() {
            text.clear();
            changed = true;
        }
    });
    changed
}

fn to_jiff(d: NaiveDate) -> Option<jiff::civil::Date> {
    use chrono::Datelike;
    jiff::civil::Date::new(d.year() as i16, d.month() as i8, d.day() as i8).ok()
}

/// Remembers the text a person typed when it was refused, so they can fix it.
pub fn remember_error(drafts: &mut Drafts, field: Field, result: Result<(), String>) {
    match result {
        Ok(()) => {
            drafts.errors.remove(&field);
        }
        Err(message) => {
            drafts.errors.insert(field, message);
        }
    }
}
