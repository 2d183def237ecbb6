//! What the installers tell the desktop: that a workbook double-clicked opens
//! in the app's import preview.

use std::path::Path;

fn desktop_entry() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("packaging/linux/org.inventorydesk.InventoryDesk.desktop");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_workbook_double_clicked_on_the_desktop_is_handed_to_the_app() {
    let entry = desktop_entry();
    let line = |key: &str| {
        entry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_default()
            .to_string()
    };
    // The file's path is passed on, and the app opens it in the preview.
    assert_eq!(line("Exec"), "inventory-desk %f");
    let types = line("MimeType");
    for mime in [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/csv",
        "application/vnd.oasis.opendocument.spreadsheet",
    ] {
        assert!(types.split(';').any(|t| t == mime), "{mime} in {types}");
    }
}
