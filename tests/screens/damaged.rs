//! A damaged inventory: the window opens on a screen of its own that says what
//! happened and offers the backup copies, each with Restore.

use egui_kittest::kittest::Queryable;
use inventory_desk::ui::App;
use inventory_desk::ui::jobs::FixedDialogs;

use crate::common::person::click;

/// Flips every bit of the 4 KB page in the middle of the file, as a disk
/// that lost a block would.
fn flip_middle(db: &std::path::Path) {
    let mut bytes = std::fs::read(db).unwrap();
    let middle = bytes.len() / 2 / 4096 * 4096;
    for b in &mut bytes[middle..middle + 4096] {
        *b ^= 0xFF;
    }
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_damaged_inventory_opens_on_its_own_screen_is_not_written_and_a_copy_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::common::demo_store(&dir, 300);
    let db = store.path().unwrap().to_path_buf();
    let copy = store.backup().unwrap().unwrap();
    drop(store);
    flip_middle(&db);
    let damaged = std::fs::read(&db).unwrap();

    let app = App::on_file(&db, Box::new(FixedDialogs::default()), None).unwrap();
    let mut h = crate::common::harness_with(app);
    assert!(h.state().is_damaged());
    h.get_by_label("This inventory file is damaged");
    h.get_by_label_contains("is damaged: the app's check of the file found damaged parts");
    assert!(
        h.query_by_label("No datasets yet").is_none(),
        "not an empty inventory"
    );
    assert!(
        h.query_by_label("Inventory").is_none(),
        "no navigation to other screens"
    );
    assert!(
        std::fs::read(&db).unwrap() == damaged,
        "nothing was written to it"
    );

    assert!(copy.exists());
    h.get_by_label_contains("Restore the copy of ").click();
    h.run();
    click(&mut h, "Restore");
    assert!(!h.state().is_damaged());
    assert_eq!(h.state().store().dataset_count().unwrap(), 300);
    h.get_by_label_contains("Restored the copy");
    h.get_by_label_contains("The damaged file was kept at");
}
