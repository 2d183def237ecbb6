//! Import preview: a row that needs a fix is shown with its dataset's name and
//! a box for each cell that is wrong; the fix is read again and applies.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use inventory_desk::ui::Screen;
use inventory_desk::ui::jobs::FixedDialogs;

use crate::common::person::type_into;
use crate::parks_on;

/// Clicks what `label` names, and runs the work it starts (reading or
/// applying) to its end.
fn click_and_finish(h: &mut egui_kittest::Harness<'static, inventory_desk::ui::App>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.step();
    h.state_mut().finish_job();
    h.run();
}

#[test]
fn a_fixed_cell_in_the_preview_lets_the_held_row_apply() {
    let (dir, mut h) = parks_on(Screen::Inventory, &[]);
    let file = dir.path().join("new.csv");
    std::fs::write(
        &file,
        "Dataset Name,Department,Contact Email Address\n\
         Street Trees,Parks,lee@city.gov\n\
         Pool Attendance,Parks,not an address\n",
    )
    .unwrap();
    h.state_mut().set_dialogs(Box::new(FixedDialogs {
        import: Some(file),
        export: None,
    }));
    click_and_finish(&mut h, "📥 Import…");
    h.get_by_label("Import preview: new.csv");
    h.get_by_label_contains("1 row needs a fix, so it is not imported; the other rows are.");
    h.get_by_label_contains("Needs a fix: \"Pool Attendance\" (new row 3)");
    h.get_by_label("Apply 1 dataset");

    type_into(&mut h, "Contact Email Address", "pools@city.gov");
    click_and_finish(&mut h, "Read again with my fixes");
    assert!(h.query_by_label_contains("Needs a fix").is_none());
    click_and_finish(&mut h, "Apply 2 datasets");
    let all = h.state().store().datasets().unwrap();
    let pools = all.iter().find(|d| d.name == "Pool Attendance").unwrap();
    assert_eq!(pools.contact_email, "pools@city.gov");
    assert_eq!(all.len(), 2);
}

#[test]
fn many_rows_that_need_a_fix_are_shown_a_page_at_a_time_and_the_others_still_apply() {
    let (dir, mut h) = parks_on(Screen::Inventory, &[]);
    let file = dir.path().join("typed.csv");
    // A colleague's list whose every other email is not an address.
    let mut text = String::from("Dataset Name,Department,Contact Email Address\n");
    for i in 1..=500 {
        let email = if i % 2 == 0 {
            "ask the clerk".to_string()
        } else {
            format!("p{i}@city.gov")
        };
        text.push_str(&format!("Site {i},Parks,{email}\n"));
    }
    std::fs::write(&file, text).unwrap();
    h.state_mut().set_dialogs(Box::new(FixedDialogs {
        import: Some(file),
        export: None,
    }));
    click_and_finish(&mut h, "📥 Import…");
    h.get_by_label_contains("250 rows need a fix, so they are not imported; the other rows are.");
    h.get_all_by_label("Rows 1 to 200 of 250").next().unwrap();
    h.get_by_label_contains("Needs a fix: \"Site 2\" (typed row 3)");
    assert!(
        h.query_by_label_contains("Needs a fix: \"Site 402\"")
            .is_none()
    );
    h.get_all_by_label("Next rows ⏵").next().unwrap().click();
    h.run();
    h.get_all_by_label("Rows 201 to 250 of 250").next().unwrap();
    h.get_by_label_contains("Needs a fix: \"Site 402\" (typed row 403)");
    click_and_finish(&mut h, "Apply 250 datasets");
    assert_eq!(h.state().store().datasets().unwrap().len(), 250);
}

/// The app on the Inventory of Parks with "Street Trees" (PRK-0001) whose
/// contents are `contents`, with the file `csv` ready to import.
fn importing(
    contents: &str,
    csv: &str,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, inventory_desk::ui::App>,
) {
    use inventory_desk::model::Field;
    let (dir, mut store) = crate::common::parks_file(&["Street Trees"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    store.set_field(&id, Field::Contents, contents).unwrap();
    let file = dir.path().join("trees.csv");
    std::fs::write(&file, csv).unwrap();
    let mut h = crate::common::harness(store, Screen::Inventory);
    h.state_mut().set_dialogs(Box::new(FixedDialogs {
        import: Some(file),
        export: None,
    }));
    click_and_finish(&mut h, "📥 Import…");
    h.get_by_label("Import preview: trees.csv");
    (dir, h)
}

#[test]
fn a_long_text_a_file_changes_is_shown_whole_with_the_words_removed_and_added_marked() {
    let old = "Every street tree the city plants, with its species, size and the day it was planted each spring";
    let new = "Every street tree the city plants, with its species, size and the day it was planted each autumn";
    let (_dir, h) = importing(
        old,
        &format!(
            "Inventory ID,Dataset Name,Department,Contents\nPRK-0001,Street Trees,Parks,\"{new}\"\n"
        ),
    );
    h.get_by_label("Contents, word by word ([− removed] [+ added]):");
    h.get_by_label(
        "Every street tree the city plants, with its species, size and the day it was planted each [− spring][+ autumn]",
    );
    h.get_by_role_and_label(Role::CheckBox, "Street Trees");
}

#[test]
fn a_card_whose_status_move_is_refused_is_marked_not_applied_and_has_no_tick() {
    let (_dir, h) = importing(
        "Trees",
        "Inventory ID,Dataset Name,Department,Contents,Publication Status\nPRK-0001,Street Trees,Parks,Trees,Published\n",
    );
    h.get_by_label("✋ Will not be applied");
    h.get_by_label("Not applied: the status stays Not ready.");
    assert!(
        h.query_by_role_and_label(Role::CheckBox, "Street Trees")
            .is_none(),
        "a card that changes nothing is not ticked"
    );
}
