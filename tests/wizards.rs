//! The two wizards walked as a coordinator would, by the labels on the screen:
//! the Step 1 prompts and the data submission checklist. The app is closed
//! halfway (the harness dropped) and opened again on the same file.

mod common;

use common::person::{click, nav, type_into};

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use inventory_desk::checklist::completeness;
use inventory_desk::model::{CheckAnswer, Dataset, Field, Status};
use inventory_desk::questions::Bank;
use inventory_desk::step1::{self, Page};
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

/// Opens the app on a file; with no screen, on the one it was left on.
fn open_on(db: &Path, screen: Option<Screen>) -> Harness<'static, App> {
    let store = Store::open(db).unwrap();
    let app = App::new(store, Box::new(FixedDialogs::default()), screen);
    common::harness_sized(app, 1400.0)
}

fn open(db: &Path, screen: Screen) -> Harness<'static, App> {
    open_on(db, Some(screen))
}

/// A new inventory file with the Parks department and nothing else.
fn parks_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("inventory.sqlite3");
    common::parks_at(&db, &[]);
    db
}

/// Whether some text is on the screen (a title may be both a tab and a heading).
fn shows(h: &Harness<'static, App>, text: &str) {
    assert!(
        h.query_all_by_label(text).count() > 0,
        "{text} is not shown"
    );
}

fn rows(h: &Harness<'static, App>) -> Vec<(String, String, [bool; 8])> {
    h.state()
        .store()
        .prompt_rows(&common::parks())
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.system, r.prompts))
        .collect()
}

#[test]
fn step1_is_walked_from_the_contact_to_the_summary_and_resumes_after_closing() {
    let dir = tempfile::tempdir().unwrap();
    let db = parks_file(&dir);
    let mut h = open(&db, Screen::Step1);
    h.get_by_label("Page 1 of 11");

    // (a) the point of contact and the approver
    type_into(
        &mut h,
        "Who is the department's point of contact for the inventory?",
        "Ana Ruiz",
    );
    type_into(
        &mut h,
        "What is the point of contact's email address?",
        "ana@parks.gov",
    );
    type_into(
        &mut h,
        "Who in department leadership approves datasets for publication?",
        "Director Lee",
    );
    let parks = h.state().store().home_department().unwrap().unwrap();
    assert_eq!(parks.coordinators[0].name, "Ana Ruiz");
    assert_eq!(parks.coordinators[0].email, "ana@parks.gov");
    assert_eq!(parks.approver, "Director Lee");
    click(&mut h, "Next ➡");
    assert_eq!(h.state().step1_page(), Some(Page::Systems));

    // (b) the systems of record, with the helper questions; Next adds the lines
    h.get_by_label("Page 2 of 11");
    h.get_by_label_contains("Are there Microsoft Access databases?");
    type_into(
        &mut h,
        "New systems, one per line",
        "Parks GIS\nPermits database",
    );
    click(&mut h, "Next ➡");
    let systems: Vec<String> = h
        .state()
        .store()
        .sources()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(systems, ["Parks GIS", "Permits database"]);

    // (c) prompt 1: new datasets a line each, kept in a system
    h.get_by_label("Page 3 of 11");
    h.get_by_label("Directly related to citywide goals or priorities?");
    type_into(
        &mut h,
        "New datasets, one per line",
        "Tree inventory\nPark permits",
    );
    h.get_by_role_and_label(Role::ComboBox, "Kept in (optional):")
        .click();
    h.run();
    click(&mut h, "Parks GIS");
    click(&mut h, "Add 2 datasets to this prompt");
    h.get_by_label("Added 2 datasets.");
    // (d) a sample dataset, labelled as the app's suggestion (the guide lists
    // none), added by a click
    h.get_by_label(
        "Datasets many city departments keep (the app's suggestions, by category): click one you keep to add it to this prompt.",
    );
    h.get_by_label("Six ways to brainstorm (the app's tips)");
    click(&mut h, "Business");
    click(&mut h, "+ Business Licenses");
    let mut on = [false; 8];
    on[0] = true;
    assert_eq!(
        rows(&h),
        [
            ("Business Licenses".to_string(), "Parks GIS".to_string(), on),
            ("Park permits".to_string(), "Parks GIS".to_string(), on),
            ("Tree inventory".to_string(), "Parks GIS".to_string(), on),
        ]
    );
    h.get_by_label("By other cities' portals");
    click(&mut h, "Next ➡");

    // prompt 2: a dataset already listed is ticked; a line is half typed
    h.get_by_label("Page 4 of 11");
    h.get_by_role_and_label(Role::CheckBox, "Tree inventory")
        .click();
    h.run();
    assert!(rows(&h)[2].2[1], "ticking answers the second prompt");
    type_into(&mut h, "New datasets, one per line", "Pool vis");
    drop(h);

    // Reopened: the same page, the same half line.
    let mut h = open(&db, Screen::Inventory);
    nav(&mut h, "Step 1 Prompts");
    h.get_by_label("Page 4 of 11");
    let typed = h
        .get_by_role_and_label(Role::MultilineTextInput, "New datasets, one per line")
        .value();
    assert_eq!(typed.as_deref(), Some("Pool vis"));
    type_into(&mut h, "New datasets, one per line", "its");

    // (e) the summary: the pending line was added on the way
    click(&mut h, "Go to the summary");
    h.get_by_label("Page 11 of 11");
    h.get_by_label("4 datasets listed");
    h.get_by_label("Still empty: prompt 3, 4, 5, 6, 7, 8.");
    h.get_by_label("Systems with no dataset yet: Permits database");
    assert!(rows(&h).iter().any(|r| r.0 == "Pool visits" && r.2[1]));
    assert_eq!(
        step1::draft(h.state().store(), Page::Prompt(1), "lines"),
        ""
    );
}

#[test]
fn every_prompt_page_shows_its_prompt_from_the_question_bank() {
    let dir = tempfile::tempdir().unwrap();
    let db = parks_file(&dir);
    let mut h = open(&db, Screen::Step1);
    click(&mut h, "Next ➡");
    for (i, q) in step1::prompts().iter().enumerate() {
        click(&mut h, "Next ➡");
        h.get_by_label(&format!("Page {} of 11", i + 3));
        h.get_by_label(&q.text);
        h.get_by_label_contains(&q.guidance);
        h.get_by_label(&Bank::step1().intro);
    }
    assert_eq!(step1::prompts().len(), 8);
}

/// An inventory with one dataset, "Street trees".
fn trees_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = parks_file(dir);
    let mut store = Store::open(&db).unwrap();
    store
        .create_dataset(&common::parks(), Dataset::named("Street trees"))
        .unwrap();
    db
}

fn trees(h: &Harness<'static, App>) -> Dataset {
    h.state().store().datasets().unwrap().remove(0)
}

#[test]
fn the_checklist_is_answered_section_by_section_resumed_and_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let db = trees_file(&dir);
    let mut h = open(&db, Screen::Checklist);
    click(&mut h, "Street trees");
    shows(&h, "1. Description and steward");

    type_into(&mut h, "Who is the data steward?", "Kim Lee");
    type_into(
        &mut h,
        "What is the steward's email address?",
        "kim@parks.gov",
    );
    h.get_by_label("Are unclear terms, codes and column names explained in plain English?: No")
        .click();
    h.run();
    type_into(
        &mut h,
        "Are unclear terms, codes and column names explained in plain English?",
        "Species codes need a legend",
    );
    let d = trees(&h);
    assert_eq!(
        (d.steward.as_str(), d.contact_email.as_str()),
        ("Kim Lee", "kim@parks.gov")
    );
    let id = d.id.clone().unwrap();
    let checks = h.state().store().checks(&id).unwrap();
    assert_eq!(checks["documented"].answer, Some(CheckAnswer::No));
    assert_eq!(checks["documented"].note, "Species codes need a legend");

    // The answer changes later: the earlier one stays in the trail.
    h.get_by_label("Are unclear terms, codes and column names explained in plain English?: Yes")
        .click();
    h.run();
    h.get_by_label("Earlier answers (1)");
    click(&mut h, "Next section ➡");
    shows(&h, "2. Source and collection");
    drop(h);

    // Reopened: the same dataset, the same section.
    let mut h = open_on(&db, None);
    assert_eq!(h.state().screen(), Screen::Checklist);
    shows(&h, "2. Source and collection");
    assert_eq!(h.state().checklist_at(), (Some(&id), 1));

    // Not complete: submitting is not possible, and what is missing is named.
    assert!(
        h.get_by_role_and_label(Role::Button, "Submit for review")
            .accesskit_node()
            .is_disabled()
    );
    let left = completeness(&trees(&h), &h.state().store().checks(&id).unwrap())
        .missing
        .len();
    click(&mut h, &format!("{left} left to answer"));
    let missing =
        "Department approval: Who in department leadership approved publication? (not answered)";
    h.get_by_label(missing).scroll_to_me();
    h.run();
    click(&mut h, missing);
    shows(&h, "10. Department approval");
    assert_eq!(h.state().checklist_at().1, 9);
    drop(h);

    // The steward answers the rest; the approval is given.
    {
        let mut store = Store::open(&db).unwrap();
        inventory_desk::demo::complete_checklist(&mut store, &id).unwrap();
    }
    let mut h = open(&db, Screen::Checklist);
    h.get_by_label("Complete ✔");
    click(&mut h, "Submit for review");
    h.get_by_label_contains("Submitted for review. It goes to the Chief Data Officer");
    assert_eq!(trees(&h).status, Status::Submitted);
    let history = h.state().store().history(&id).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.summary().contains("Submitted for review"))
    );
}

#[test]
fn every_checklist_question_appears_with_its_text_from_the_bank() {
    let dir = tempfile::tempdir().unwrap();
    let db = trees_file(&dir);
    let mut h = open(&db, Screen::Checklist);
    click(&mut h, "Street trees");
    let bank = Bank::checklist();
    for (i, section) in bank.sections.iter().enumerate() {
        h.get_by_role_and_label(Role::Button, &format!("{}. {}", i + 1, section.title))
            .click();
        h.run();
        for q in bank.in_section(&section.id) {
            if q.only_when.is_some() {
                continue;
            }
            h.get_by_label(&q.text);
            if q.is_check() {
                for answer in ["Yes", "No", "Not applicable"] {
                    h.get_by_label(&format!("{}: {answer}", q.text));
                }
            }
        }
    }
}

#[test]
fn the_value_questions_suggest_a_priority_that_the_coordinator_may_take() {
    let dir = tempfile::tempdir().unwrap();
    let db = trees_file(&dir);
    let mut h = open(&db, Screen::Checklist);
    click(&mut h, "Street trees");
    h.get_by_role_and_label(Role::Button, "8. Value").click();
    h.run();
    for q in [
        "Would residents, businesses or researchers use it?",
        "Does it support a citywide goal or the department's mission?",
    ] {
        h.get_by_label(&format!("{q}: Yes")).click();
        h.run();
    }
    h.get_by_label("Suggested priority: High");
    click(&mut h, "Use High");
    assert_eq!(trees(&h).get(Field::Priority), "High");
}

#[test]
fn the_checklist_s_earlier_answers_say_who_gave_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = trees_file(&dir);
    {
        let mut store = Store::open(&db).unwrap();
        let mut parks = store.home_department().unwrap().unwrap();
        parks.coordinators = vec![inventory_desk::model::Coordinator {
            name: "Renee Alvarez".into(),
            email: "renee@parks.gov".into(),
        }];
        store.save_department(&parks).unwrap();
    }
    let mut h = open(&db, Screen::Checklist);
    click(&mut h, "Street trees");
    let question = "Are unclear terms, codes and column names explained in plain English?";
    h.get_by_label(&format!("{question}: No")).click();
    h.run();
    h.get_by_label(&format!("{question}: Yes")).click();
    h.run();
    click(&mut h, "Earlier answers (1)");
    h.get_by_label_contains(", Renee Alvarez: No");
}
