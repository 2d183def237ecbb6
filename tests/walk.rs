//! A first-time coordinator's walk, from an empty inventory to the first
//! workbook for the CDO, by the labels on the screen and the app's own
//! guidance ("Start here" and its next-step button): the department, two
//! systems of record, ten datasets through the Step 1 prompts, one complete
//! checklist (every required question, the leadership approval) and the
//! export. Every click and every text typed is counted; the walk must take
//! fewer than 60 clicks (issue 16's "How we will know").
//!
//! With `WALK_SNAPSHOTS=<folder>` the walk also leaves a copy of the
//! inventory at each main moment, named after the screen it was on, for
//! `--screenshot` to draw.

mod common;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use inventory_desk::checklist::completeness;
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

/// The most clicks the walk may take.
const CLICKS_AT_MOST: usize = 59;

/// The app with what the person did in it, counted.
struct Walk {
    h: Harness<'static, App>,
    db: PathBuf,
    clicks: usize,
    /// Texts typed into a box (a name, the lines of a list): one each.
    entries: usize,
    /// Characters typed over all.
    keystrokes: usize,
    moments: usize,
}

impl Walk {
    /// Clicks the one thing that `label` names (a button, a radio button, a link).
    fn click(&mut self, label: &str) {
        // Scrolled into view first, as a person scrolls down the page
        // (scrolling is not counted).
        self.h.get_by_label(label).scroll_to_me();
        // The page scrolls smoothly: let it arrive.
        self.settle();
        self.h.get_by_label(label).click();
        self.settle();
        self.clicks += 1;
    }

    /// Lets the window settle: work started by a click (a backup copy, an
    /// export) is waited for, so its spinner does not keep the frames coming.
    fn settle(&mut self) {
        self.h.step();
        self.h.state_mut().finish_job();
        self.h.run();
    }

    /// Clicks the button `label` names, where other text has the same words.
    fn button(&mut self, label: &str) {
        self.h.get_by_role_and_label(Role::Button, label).click();
        self.h.run();
        self.clicks += 1;
    }

    /// Opens a dropdown and chooses in it: two clicks.
    fn choose(&mut self, dropdown: &str, choice: &str) {
        self.h
            .get_by_role_and_label(Role::ComboBox, dropdown)
            .scroll_to_me();
        // The page scrolls smoothly: let it arrive.
        self.h.run();
        self.h
            .get_by_role_and_label(Role::ComboBox, dropdown)
            .click();
        self.h.run();
        let option = self
            .h
            .query_all_by_label(choice)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap_or_else(|| {
                let offered: Vec<String> = self
                    .h
                    .query_all_by_role(Role::Button)
                    .filter_map(|n| n.accesskit_node().label())
                    .collect();
                panic!("{choice} is not offered in {dropdown}: {offered:?}")
            });
        option.click();
        self.h.run();
        self.clicks += 2;
    }

    /// Answers a question whose answers are side by side (Yes / No / Not
    /// applicable, or a short list): one click.
    fn answer(&mut self, question: &str, answer: &str) {
        self.click(&format!("{question}: {answer}"));
    }

    /// Types into the box a label names.
    fn type_into(&mut self, label: &str, text: &str) {
        common::person::type_into(&mut self.h, label, text);
        self.entries += 1;
        self.keystrokes += text.chars().count();
    }

    /// Keeps a copy of the inventory as it is now, for a screenshot.
    fn moment(&mut self, what: &str) {
        let Some(folder) = std::env::var_os("WALK_SNAPSHOTS") else {
            return;
        };
        self.moments += 1;
        let screen = self.h.state().screen().name();
        let path = Path::new(&folder).join(format!("{:02}-{screen}-{what}.sqlite3", self.moments));
        let _ = std::fs::remove_file(&path);
        let conn = rusqlite::Connection::open(&self.db).unwrap();
        conn.execute("VACUUM INTO ?1", [path.to_str().unwrap()])
            .unwrap();
    }
}

/// The app in a window as wide as a laptop's screen and tall enough to draw
/// what a person scrolls to; the page scrolls smoothly over a few frames,
/// so a frame may take a few more steps to settle than the other tests allow.
fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 1400.0))
        .with_max_steps(40)
        .build_eframe(move |_cc| app);
    h.run();
    h.state_mut().finish_job();
    h.run();
    h
}

const DATASETS_IN_GIS: &str = "Street Trees\nPark Boundaries\nTrails\nPlaygrounds\nSports Fields";
const DATASETS_IN_PERMITS: &str = "Picnic Shelter Permits\nSpecial Event Permits\nPool Visits\nCamp Registrations\nFacility Rentals";

#[test]
fn a_first_inventory_reaches_its_first_export_in_fewer_than_60_clicks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    let workbook = dir.path().join("Parks inventory for the CDO.xlsx");
    let store = Store::open(&db).unwrap();
    let dialogs = FixedDialogs {
        import: None,
        export: Some(workbook.clone()),
    };
    let app = App::new(store, Box::new(dialogs), None);
    let mut w = Walk {
        h: harness(app),
        db,
        clicks: 0,
        entries: 0,
        keystrokes: 0,
        moments: 0,
    };

    // The department, on the setup form the empty inventory opens on.
    w.h.get_by_label("Welcome to Inventory Desk");
    w.moment("setup");
    w.type_into("Department name", "Parks and Recreation");
    w.type_into("Leadership approver", "Director Lee");
    w.click("Inventory start date: today");
    w.type_into("Coordinator 1 name", "Ana Ruiz");
    w.type_into("email", "ana.ruiz@city.gov");
    w.click("Save and start");
    assert_eq!(w.h.state().screen(), Screen::StartHere);
    w.h.get_by_label("Coordinator, approver and start date given");
    w.moment("department-done");

    // Two systems of record, where Start here leads: the prompts' own page.
    w.click("Next: list your systems of record");
    w.h.get_by_label("New systems, one per line");
    w.type_into("New systems, one per line", "Parks GIS\nRecreation permits");
    w.moment("systems");
    w.click("Next ➡");

    // Ten datasets through the first prompt, five in each system.
    w.h.get_by_label("Page 3 of 11");
    for (lines, system) in [
        (DATASETS_IN_GIS, "Parks GIS"),
        (DATASETS_IN_PERMITS, "Recreation permits"),
    ] {
        w.type_into("New datasets, one per line", lines);
        w.choose("Kept in (optional):", system);
        w.click("Add 5 datasets to this prompt");
    }
    w.h.get_by_label("Added 5 datasets.");
    w.moment("prompts");
    w.click("Go to the summary");
    w.h.get_by_label("10 datasets listed");
    w.moment("summary");
    w.button("Next: the checklist ➡");

    // One complete checklist, answered down the page with the steward.
    w.h.get_by_label("Data submission checklist");
    w.button("Street Trees");
    answer_the_checklist(&mut w);
    let trees = w.h.state().store().datasets().unwrap();
    let trees = trees.iter().find(|d| d.name == "Street Trees").unwrap();
    let checks =
        w.h.state()
            .store()
            .checks(trees.id.as_ref().unwrap())
            .unwrap();
    let done = completeness(trees, &checks);
    assert!(
        done.is_complete(),
        "still missing: {:?}",
        done.missing
            .iter()
            .map(|m| m.describe())
            .collect::<Vec<_>>()
    );
    w.h.get_by_label("Complete ✔");
    w.moment("checklist-complete");

    // The export, the last step Start here offers.
    w.button("Start here");
    w.h.get_by_label("1 checklist complete");
    w.h.get_by_label("10 of 10 datasets through the prompts");
    w.moment("ready-to-export");
    w.click("Next: export the workbook for the CDO");
    w.h.state_mut().finish_job();
    w.h.run();
    assert!(workbook.exists(), "the workbook was not written");
    w.h.state_mut().go_to(Screen::StartHere);
    w.h.run();
    w.h.get_by_label_contains("Every step is done");
    w.moment("exported");

    println!(
        "The walk: {} clicks, {} texts typed ({} characters).",
        w.clicks, w.entries, w.keystrokes
    );
    assert!(
        w.clicks <= CLICKS_AT_MOST,
        "the first export took {} clicks",
        w.clicks
    );
}

/// Every required question of Street Trees' checklist, section by section,
/// as the steward answers them; the approval from the department's approver.
fn answer_the_checklist(w: &mut Walk) {
    // 1. Description and steward (the name came from the prompt).
    w.type_into(
        "What does it contain?",
        "Every street tree the city maintains: species, size, condition and location.",
    );
    w.type_into("Who is the data steward?", "Kim Park");
    w.type_into("What is the steward's email address?", "kim.park@city.gov");
    w.answer(
        "Are unclear terms, codes and column names explained in plain English?",
        "Yes",
    );
    w.moment("checklist-started");
    // 2. Source and collection (the system came from the prompt).
    w.type_into("How is the data collected?", "Field survey on tablets");
    w.type_into("In what format can it be extracted?", "CSV");
    w.answer(
        "Can the data steward get a full copy of the data from the system?",
        "Yes",
    );
    // 3. Coverage.
    w.type_into("From what date does the data start?", "2015-04-01");
    w.type_into("Until what date does it run?", "Current");
    w.type_into("What area does it cover?", "Citywide");
    w.answer("How detailed is each record?", "Address");
    // 4. Refresh.
    w.choose("How often would the published data be updated?", "Monthly");
    w.choose("How often is new data collected?", "Daily");
    w.answer(
        "Is someone named to keep the published data up to date?",
        "Yes",
    );
    // 5. Publication and license.
    w.answer("Is this data published anywhere already?", "No");
    w.answer("Under what license would it be published?", "CC0 1.0");
    w.choose("Which portal category fits it best?", "Environment");
    w.type_into(
        "Which words would a resident search for?",
        "trees, urban forest, canopy",
    );
    w.answer(
        "Is the city free to publish it (no vendor contract or copyright stops it)?",
        "Yes",
    );
    // 6. Classification and privacy.
    w.answer("Does it hold sensitive or personal information?", "No");
    w.answer("How is it classified?", "Public");
    w.answer("What security level does it need?", "Level 1");
    for q in [
        "Has it been checked against city, state and federal privacy rules?",
        "Is it safe to release: nothing in it could threaten public safety?",
    ] {
        w.answer(q, "Yes");
    }
    // 7. Quality.
    w.answer("How good is the data overall?", "High");
    for q in [
        "Is the data as complete as possible?",
        "Has it been checked for reasonableness and accuracy?",
        "Does it include historical data, to put current data in context?",
    ] {
        w.answer(q, "Yes");
    }
    // 8. Value: the answers suggest a priority, which the coordinator takes.
    for q in [
        "Would residents, businesses or researchers use it?",
        "Does it support a citywide goal or the department's mission?",
        "Would publishing it save staff time answering requests?",
        "Is the data accurate enough for the public to rely on?",
        "Is it collected the same way over time?",
        "Is it already in a digital, machine-readable form?",
        "Can it be extracted without much manual work?",
        "Is it free of personal information, or easy to make so?",
    ] {
        w.answer(q, "Yes");
    }
    w.click("Use High");
    // 9. Permanence.
    for q in [
        "Will the department keep collecting this data for the foreseeable future?",
        "Can it stay published for good, once released?",
        "Would a planned change to the system of record keep the data flowing?",
    ] {
        w.answer(q, "Yes");
    }
    // 10. Department approval: the approver the department named is offered.
    w.click("Approved by Department: Director Lee");
    w.click("Department Approval Date: today");
}
