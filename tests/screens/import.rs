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
