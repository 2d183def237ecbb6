//! Step 1 of the inventory guide, "Identify datasets", as a wizard of eleven
//! pages: who answers for the department, its systems of record, the eight
//! prompts one page each, and a summary.
//!
//! Everything the wizard changes goes through here. Where it is, and every line
//! typed but not yet added, is kept in the inventory's settings at each
//! keystroke, so closing the app (or a crash) loses nothing: it reopens on the
//! same page with the same lines.

use std::collections::{HashMap, HashSet};

use crate::model::dataset::parse_email;
use crate::model::{Coordinator, DataSource, Dataset, DepartmentCode, Field, InventoryId};
use crate::questions::{Bank, DepartmentField, Kind, Question};
use crate::store::{Missing, PromptRow, Result, Store, StoreError, Write};

/// A page of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Contact,
    Systems,
    /// One of the eight prompts, from 0.
    Prompt(usize),
    Summary,
}

impl Page {
    /// How many pages there are: contact, systems, eight prompts, summary.
    pub const COUNT: usize = 11;

    pub fn index(self) -> usize {
        match self {
            Page::Contact => 0,
            Page::Systems => 1,
            Page::Prompt(i) => 2 + i.min(7),
            Page::Summary => 10,
        }
    }

    /// The page at a position; positions past the end are the summary.
    pub fn at(index: usize) -> Page {
        match index {
            0 => Page::Contact,
            1 => Page::Systems,
            2..=9 => Page::Prompt(index - 2),
            _ => Page::Summary,
        }
    }

    pub fn next(self) -> Page {
        Page::at(self.index() + 1)
    }

    pub fn previous(self) -> Page {
        Page::at(self.index().saturating_sub(1))
    }

    /// The name under which the page's drafts are kept.
    fn key(self) -> String {
        match self {
            Page::Contact => "contact".into(),
            Page::Systems => "systems".into(),
            Page::Prompt(i) => format!("prompt{}", i + 1),
            Page::Summary => "summary".into(),
        }
    }

    /// "Page 4 of 11".
    pub fn position(self) -> String {
        format!("Page {} of {}", self.index() + 1, Page::COUNT)
    }

    /// The page's title, from the question bank.
    pub fn title(self) -> String {
        let bank = Bank::step1();
        match self {
            Page::Contact => section_title(bank, "contact"),
            Page::Systems => section_title(bank, "systems"),
            Page::Prompt(i) => format!("Prompt {} of 8", i + 1),
            Page::Summary => "Summary".into(),
        }
    }
}

fn section_title(bank: &Bank, id: &str) -> String {
    bank.section(id)
        .map(|s| s.title.clone())
        .unwrap_or_default()
}

/// The eight prompt questions, in the guide's order.
pub fn prompts() -> Vec<&'static Question> {
    Bank::step1()
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Datasets)
        .collect()
}

/// The questions of the contact page.
pub fn contact_questions() -> Vec<&'static Question> {
    Bank::step1().in_section("contact").collect()
}

/// The page the coordinator was on.
pub fn page(store: &Store) -> Page {
    store
        .setting("step1.page")
        .ok()
        .flatten()
        .and_then(|s| s.parse().ok())
        .map(Page::at)
        .unwrap_or(Page::Contact)
}

pub fn set_page(store: &mut Store, page: Page) -> Result<()> {
    store.set_setting("step1.page", &page.index().to_string())
}

/// What was typed on a page (or in one of its boxes) and not yet added.
pub fn draft(store: &Store, page: Page, part: &str) -> String {
    store
        .setting(&format!("step1.draft.{}.{part}", page.key()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

pub fn set_draft(store: &mut Store, page: Page, part: &str, text: &str) -> Result<()> {
    store.set_setting(&format!("step1.draft.{}.{part}", page.key()), text)
}

/// The lines of a box, trimmed, without blanks or repeats (ignoring case).
pub fn lines(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.lines()
        .map(|l| crate::model::dataset::clean_text(l.trim()))
        .filter(|l| !l.is_empty() && seen.insert(l.to_lowercase()))
        .collect()
}

/// What adding lines did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Added {
    /// New datasets.
    pub created: usize,
    /// Datasets already listed (same name) now ticked for the prompt.
    pub ticked: usize,
}

impl Added {
    pub fn describe(&self) -> String {
        match (self.created, self.ticked) {
            (0, 0) => "Nothing to add: type one dataset name per line.".into(),
            (c, 0) => format!("Added {c} dataset{}.", plural(c)),
            (0, t) => format!("Ticked {t} dataset{} already listed.", plural(t)),
            (c, t) => format!(
                "Added {c} dataset{} and ticked {t} dataset{} already listed.",
                plural(c),
                plural(t)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Adds each line as a dataset that answers `prompt` (0 to 7), kept in
/// `system` if one is given; a line naming a dataset already listed ticks it
/// instead. All in one transaction; running it twice adds nothing twice.
pub fn add_datasets(
    store: &mut Store,
    code: &DepartmentCode,
    prompt: usize,
    text: &str,
    system: &str,
) -> Result<Added> {
    let field = *Field::PROMPTS.get(prompt).ok_or(Missing::Prompt(prompt))?;
    let department = store
        .department(code)?
        .ok_or_else(|| Missing::Department(code.clone()))?;
    let by_name: HashMap<String, PromptRow> = store
        .prompt_rows(code)?
        .into_iter()
        .map(|r| (r.name.to_lowercase(), r))
        .collect();
    let system = system.trim();
    let mut added = Added::default();
    let mut writes = Vec::new();
    for line in lines(text) {
        match by_name.get(&line.to_lowercase()) {
            Some(row) if row.prompts[prompt] => {}
            Some(row) => {
                let Some(mut d) = store.dataset(&row.id)? else {
                    continue;
                };
                d.set(field, "Yes").map_err(StoreError::from)?;
                if d.system_of_record.is_empty() {
                    d.system_of_record = system.to_string();
                }
                writes.push(Write::Update(d));
                added.ticked += 1;
            }
            None => {
                let mut d = Dataset::named(&line);
                d.department = department.name.clone();
                d.system_of_record = system.to_string();
                d.set(field, "Yes").map_err(StoreError::from)?;
                writes.push(Write::Insert(d));
                added.created += 1;
            }
        }
    }
    store.apply_without_backup(&writes, code, "", &[])?;
    Ok(added)
}

/// Ticks or unticks a listed dataset for a prompt.
pub fn set_prompt(store: &mut Store, id: &InventoryId, prompt: usize, on: bool) -> Result<Dataset> {
    let field = *Field::PROMPTS.get(prompt).ok_or(Missing::Prompt(prompt))?;
    store.set_field(id, field, if on { "Yes" } else { "" })
}

/// Adds each line as a system of record of the department, unless a system
/// of that name is listed already. Returns how many were added.
pub fn add_systems(store: &mut Store, code: &DepartmentCode, text: &str) -> Result<usize> {
    let known: HashSet<String> = store
        .sources()?
        .into_iter()
        .map(|s| s.name.to_lowercase())
        .collect();
    let mut added = 0;
    for name in lines(text) {
        if known.contains(&name.to_lowercase()) {
            continue;
        }
        store.save_source(&DataSource {
            department: Some(code.clone()),
            name,
            ..DataSource::default()
        })?;
        added += 1;
    }
    Ok(added)
}

/// The department's current answer to a contact question.
pub fn contact_value(store: &Store, code: &DepartmentCode, field: DepartmentField) -> String {
    let Ok(Some(d)) = store.department(code) else {
        return String::new();
    };
    let first = d.coordinators.first();
    match field {
        DepartmentField::ContactName => first.map(|c| c.name.clone()).unwrap_or_default(),
        DepartmentField::ContactEmail => first.map(|c| c.email.clone()).unwrap_or_default(),
        DepartmentField::Approver => d.approver,
    }
}

/// Saves a contact answer to the department: the point of contact is its
/// first coordinator. An email that is not one is refused, and nothing saved.
pub fn save_contact(
    store: &mut Store,
    code: &DepartmentCode,
    field: DepartmentField,
    value: &str,
) -> Result<()> {
    let mut d = store
        .department(code)?
        .ok_or_else(|| Missing::Department(code.clone()))?;
    let value = value.trim();
    if d.coordinators.is_empty() && field != DepartmentField::Approver {
        d.coordinators.push(Coordinator::default());
    }
    match field {
        DepartmentField::ContactName => d.coordinators[0].name = value.to_string(),
        DepartmentField::ContactEmail => {
            d.coordinators[0].email = parse_email(value).map_err(StoreError::from)?;
        }
        DepartmentField::Approver => d.approver = value.to_string(),
    }
    store.save_department(&d)
}

/// A change the wizard asks for. `carry_out` makes it and says what changed,
/// so the screen keeps no storage rules of its own.
#[derive(Debug, Clone)]
pub enum Action {
    /// Keep what is typed in a box, so nothing typed is lost.
    Draft {
        page: Page,
        part: &'static str,
        text: String,
    },
    /// A contact answer, saved to the department (and kept as typed).
    Contact {
        code: DepartmentCode,
        question: String,
        field: DepartmentField,
        text: String,
    },
    /// Add the systems typed a line each.
    AddSystems { code: DepartmentCode, text: String },
    /// Add datasets a line each to a prompt. `sample`: a sample dataset was
    /// clicked, and what is typed in the box stays there.
    AddDatasets {
        code: DepartmentCode,
        prompt: usize,
        text: String,
        system: String,
        sample: bool,
    },
    /// Tick or untick a listed dataset for a prompt.
    Tick {
        id: InventoryId,
        prompt: usize,
        on: bool,
    },
    /// Leave a page for another; what is typed on it is added first.
    GoTo {
        from: Page,
        to: Page,
        code: DepartmentCode,
        systems: String,
        lines: String,
        system: String,
    },
}

/// What an `Action` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Done {
    /// What to tell the person ("Added 3 systems.").
    pub said: Option<String>,
    /// Why the action was refused; nothing of it was saved.
    pub refused: Option<String>,
    /// Why what was typed could not be kept (a full disk): it stays in its box.
    pub draft_not_kept: Option<String>,
    pub datasets_changed: bool,
    pub systems_changed: bool,
    /// The page to show now, after `GoTo`.
    pub page: Option<Page>,
}

impl Done {
    fn refused(e: StoreError) -> Self {
        Done {
            refused: Some(e.to_string()),
            ..Done::default()
        }
    }
}

/// Carries out what the wizard asked for.
pub fn carry_out(store: &mut Store, action: &Action) -> Done {
    let kept = |r: Result<()>| r.err().map(|e| e.to_string());
    match action {
        Action::Draft { page, part, text } => Done {
            draft_not_kept: kept(set_draft(store, *page, part, text)),
            ..Done::default()
        },
        Action::Contact {
            code,
            question,
            field,
            text,
        } => {
            let draft = set_draft(store, Page::Contact, question, text);
            Done {
                refused: save_contact(store, code, *field, text)
                    .err()
                    .map(|e| e.to_string()),
                draft_not_kept: kept(draft),
                ..Done::default()
            }
        }
        Action::AddSystems { code, text } => {
            if lines(text).is_empty() {
                return Done::default();
            }
            match add_systems(store, code, text) {
                Ok(n) => Done {
                    said: Some(format!("Added {n} system{}.", plural(n))),
                    draft_not_kept: kept(set_draft(store, Page::Systems, "lines", "")),
                    systems_changed: true,
                    ..Done::default()
                },
                Err(e) => Done::refused(e),
            }
        }
        Action::AddDatasets {
            code,
            prompt,
            text,
            system,
            sample,
        } => {
            if lines(text).is_empty() {
                return Done::default();
            }
            match add_datasets(store, code, *prompt, text, system) {
                Ok(added) => Done {
                    said: Some(added.describe()),
                    draft_not_kept: if *sample {
                        None
                    } else {
                        kept(set_draft(store, Page::Prompt(*prompt), "lines", ""))
                    },
                    datasets_changed: true,
                    ..Done::default()
                },
                Err(e) => Done::refused(e),
            }
        }
        Action::Tick { id, prompt, on } => match set_prompt(store, id, *prompt, *on) {
            Ok(_) => Done {
                datasets_changed: true,
                ..Done::default()
            },
            Err(e) => Done::refused(e),
        },
        Action::GoTo {
            from,
            to,
            code,
            systems,
            lines,
            system,
        } => {
            let pending = match from {
                Page::Systems => Some(Action::AddSystems {
                    code: code.clone(),
                    text: systems.clone(),
                }),
                Page::Prompt(i) => Some(Action::AddDatasets {
                    code: code.clone(),
                    prompt: *i,
                    text: lines.clone(),
                    system: system.clone(),
                    sample: false,
                }),
                _ => None,
            };
            let mut done = pending.map(|a| carry_out(store, &a)).unwrap_or_default();
            if done.refused.is_some() {
                return done;
            }
            // A read-only window (another one has the file) still turns pages.
            if let Err(e) = set_page(store, *to)
                && !store.is_read_only()
            {
                done.refused = Some(e.to_string());
            }
            done.page = Some(*to);
            done
        }
    }
}

/// Where Step 1 stands: the summary page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub datasets: usize,
    /// Datasets per system, most first; datasets with no system are not here.
    pub by_system: Vec<(String, usize)>,
    pub without_system: usize,
    /// How many datasets answer each prompt.
    pub per_prompt: [usize; 8],
    /// Systems listed that no dataset names yet.
    pub systems_without_datasets: Vec<String>,
    /// Datasets that answer no prompt.
    pub answering_none: usize,
}

impl Summary {
    /// The prompts (0 to 7) no dataset answers yet.
    pub fn empty_prompts(&self) -> Vec<usize> {
        (0..8).filter(|i| self.per_prompt[*i] == 0).collect()
    }
}

pub fn summary(store: &Store, code: &DepartmentCode) -> Result<Summary> {
    let rows = store.prompt_rows(code)?;
    let mut s = Summary {
        datasets: rows.len(),
        ..Summary::default()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        if row.system.is_empty() {
            s.without_system += 1;
        } else {
            *counts.entry(row.system.clone()).or_default() += 1;
        }
        for (n, on) in s.per_prompt.iter_mut().zip(row.prompts) {
            *n += usize::from(on);
        }
        s.answering_none += usize::from(!row.prompts.contains(&true));
    }
    for source in store.sources()? {
        if source.department.as_ref().is_none_or(|d| d == code)
            && !counts.contains_key(&source.name)
        {
            s.systems_without_datasets.push(source.name);
        }
    }
    s.by_system = counts.into_iter().collect();
    s.by_system.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
    });
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Department;

    fn store() -> (Store, DepartmentCode) {
        let mut s = Store::open_in_memory().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        s.save_department(&Department::new(code.clone(), "Parks"))
            .unwrap();
        (s, code)
    }

    #[test]
    fn pages_are_numbered_one_to_eleven() {
        assert_eq!(Page::Prompt(2).position(), "Page 5 of 11");
        assert_eq!(Page::at(0), Page::Contact);
        assert_eq!(Page::Summary.next(), Page::Summary);
        assert_eq!(Page::Contact.previous(), Page::Contact);
        for i in 0..Page::COUNT {
            assert_eq!(Page::at(i).index(), i);
        }
    }

    #[test]
    fn lines_become_datasets_and_known_names_are_ticked_not_repeated() {
        let (mut s, code) = store();
        let added = add_datasets(
            &mut s,
            &code,
            0,
            "Tree inventory\n\n  Park permits \ntree INVENTORY",
            "Parks GIS",
        )
        .unwrap();
        assert_eq!(
            added,
            Added {
                created: 2,
                ticked: 0
            }
        );
        let added = add_datasets(&mut s, &code, 2, "Park permits\nPool visits", "").unwrap();
        assert_eq!(
            added,
            Added {
                created: 1,
                ticked: 1
            }
        );
        // The same lines again change nothing.
        let again = add_datasets(&mut s, &code, 2, "Park permits\nPool visits", "").unwrap();
        assert_eq!(again, Added::default());
        let rows = s.prompt_rows(&code).unwrap();
        let names: Vec<(&str, &str, [bool; 8])> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.system.as_str(), r.prompts))
            .collect();
        let p = |i: &[usize]| {
            let mut a = [false; 8];
            for x in i {
                a[*x] = true;
            }
            a
        };
        assert_eq!(
            names,
            [
                ("Park permits", "Parks GIS", p(&[0, 2])),
                ("Pool visits", "", p(&[2])),
                ("Tree inventory", "Parks GIS", p(&[0])),
            ]
        );
    }

    #[test]
    fn the_summary_says_which_prompts_are_empty_and_which_systems_hold_what() {
        let (mut s, code) = store();
        add_systems(&mut s, &code, "Parks GIS\nPermits database\nparks gis").unwrap();
        add_datasets(
            &mut s,
            &code,
            1,
            "Tree inventory\nPark permits",
            "Parks GIS",
        )
        .unwrap();
        add_datasets(&mut s, &code, 3, "Budget lines", "").unwrap();
        let sum = summary(&s, &code).unwrap();
        assert_eq!(sum.datasets, 3);
        assert_eq!(sum.by_system, [("Parks GIS".to_string(), 2)]);
        assert_eq!(sum.without_system, 1);
        assert_eq!(sum.empty_prompts(), [0, 2, 4, 5, 6, 7]);
        assert_eq!(sum.systems_without_datasets, ["Permits database"]);
    }

    #[test]
    fn drafts_and_the_page_are_kept_in_the_inventory() {
        let (mut s, _) = store();
        set_page(&mut s, Page::Prompt(3)).unwrap();
        set_draft(&mut s, Page::Prompt(3), "lines", "Half a li").unwrap();
        assert_eq!(page(&s), Page::Prompt(3));
        assert_eq!(draft(&s, Page::Prompt(3), "lines"), "Half a li");
        assert_eq!(draft(&s, Page::Prompt(4), "lines"), "");
    }

    #[test]
    fn the_contact_is_the_first_coordinator_and_a_bad_email_is_refused() {
        let (mut s, code) = store();
        save_contact(&mut s, &code, DepartmentField::ContactName, "Ana Ruiz").unwrap();
        save_contact(
            &mut s,
            &code,
            DepartmentField::ContactEmail,
            "ana@parks.gov",
        )
        .unwrap();
        save_contact(&mut s, &code, DepartmentField::Approver, "Director Lee").unwrap();
        assert!(
            save_contact(&mut s, &code, DepartmentField::ContactEmail, "ana at parks").is_err()
        );
        let d = s.department(&code).unwrap().unwrap();
        assert_eq!(d.coordinators[0].email, "ana@parks.gov");
        assert_eq!(d.approver, "Director Lee");
        assert_eq!(
            contact_value(&s, &code, DepartmentField::ContactName),
            "Ana Ruiz"
        );
    }
}
