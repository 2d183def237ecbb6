//! The city's lists of categories and licenses: edited on the Department
//! screen, offered by the editor's dropdowns and the workbook's Lists sheet,
//! and offered to be added when an import brings new ones.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use inventory_desk::model::{Field, List};
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};
use inventory_desk::workbook::export::{ExportContent, write_workbook};

use crate::common;
use crate::common::person::{click, nav, open_first_dataset, type_into};

/// The app over `store` on `screen`, tall enough to draw the whole Department
/// screen, importing `import` when asked.
fn open(store: Store, screen: Screen, import: Option<std::path::PathBuf>) -> Harness<'static, App> {
    let dialogs = FixedDialogs {
        import,
        export: None,
    };
    common::harness_sized(App::new(store, Box::new(dialogs), Some(screen)), 2600.0)
}

/// The values of one column of the exported workbook's Lists sheet.
fn lists_sheet_column(store: &Store, header: &str) -> Vec<String> {
    use calamine::{Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.xlsx");
    write_workbook(&ExportContent::load(store, None).unwrap(), &path).unwrap();
    let mut book = open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("Lists").unwrap();
    let mut rows = range.rows();
    let headers: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = headers.iter().position(|h| h == header).unwrap();
    rows.map(|r| r[col].to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

#[test]
fn a_category_added_on_the_department_screen_is_offered_in_the_editor_and_on_the_lists_sheet() {
    let (_dir, store) = common::parks_file(&["Street Trees"]);
    let mut h = open(store, Screen::Department, None);
    type_into(&mut h, "New category", "Urban Forest");
    click(&mut h, "Add the category");
    h.get_by_label("Added Urban Forest to the categories.");
    let names = h.state().store().lists().unwrap().names(List::Categories);
    assert_eq!(names.last().map(String::as_str), Some("Urban Forest"));

    nav(&mut h, "Inventory");
    open_first_dataset(&mut h);
    h.get_by_role_and_label(Role::ComboBox, "Which portal category fits it best?")
        .click();
    h.run();
    assert!(h.state().editing().is_some(), "the editor is open");
    click(&mut h, "Urban Forest");
    let d = &h.state().store().datasets().unwrap()[0];
    assert_eq!(d.get(Field::Category), "Urban Forest");

    let sheet = lists_sheet_column(h.state().store(), "Category");
    assert_eq!(sheet.last().map(String::as_str), Some("Urban Forest"));
}

#[test]
fn a_category_datasets_have_is_not_removed_and_the_screen_says_why() {
    let (_dir, mut store) = common::parks_file(&["Street Trees"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    store.set_field(&id, Field::Category, "Recreation").unwrap();
    let mut h = open(store, Screen::Department, None);
    h.get_by_label("used by 1 dataset");
    click(&mut h, "Remove the category Recreation");
    h.get_by_label(
        "1 dataset has the category Recreation: give it another category first, or rename Recreation instead of removing it.",
    );
    assert!(
        h.state()
            .store()
            .lists()
            .unwrap()
            .find(List::Categories, "Recreation")
            .is_some()
    );
    click(&mut h, "Remove the category Other");
    h.get_by_label("Removed Other from the categories.");
}

#[test]
fn a_renamed_category_is_renamed_on_its_datasets() {
    let (_dir, mut store) = common::parks_file(&["Street Trees"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    store.set_field(&id, Field::Category, "Recreation").unwrap();
    let mut h = open(store, Screen::Department, None);
    click(&mut h, "Rename the category Recreation");
    type_into(&mut h, "New name for Recreation", " and Parks");
    click(&mut h, "Save the new name");
    h.get_by_label("Renamed Recreation to Recreation and Parks, on 1 dataset too.");
    let d = h.state().store().dataset(&id).unwrap().unwrap();
    assert_eq!(d.category, "Recreation and Parks");
}

#[test]
fn a_license_s_web_address_is_edited_on_the_department_screen() {
    let (_dir, store) = common::parks_file(&[]);
    let mut h = open(store, Screen::Department, None);
    type_into(&mut h, "New license", "City Open License");
    type_into(&mut h, "its web address", "https://data.city.gov/license");
    click(&mut h, "Add the license");
    h.get_by_label("Added City Open License to the licenses.");
    let lists = h.state().store().lists().unwrap();
    let added = lists.find(List::Licenses, "City Open License").unwrap();
    assert_eq!(added.url, "https://data.city.gov/license");
    h.get_by_role_and_label(Role::TextInput, "Web address of City Open License");
}

#[test]
fn an_import_with_new_categories_offers_to_add_them_and_adds_them_when_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal.csv");
    std::fs::write(
        &file,
        "Dataset Name,Category,License\n\
         Tree Canopy,Geography,http://www.opendefinition.org/licenses/odc-odbl\n\
         Parcels,Geography,\n\
         Wind Farms,Energy,CC0 1.0\n",
    )
    .unwrap();
    let store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    let mut h = open(store, Screen::Inventory, Some(file));
    h.get_by_label("📥 Import…").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label(
        "The file brings 2 categories that are not on your list: Geography (2 rows), Energy (1 row)",
    );
    h.get_by_label_contains("The file brings 1 license that is not on your list");
    h.get_by_role_and_label(Role::CheckBox, "Add them to the lists");
    h.get_by_label_contains("Apply").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    let lists = h.state().store().lists().unwrap();
    assert!(lists.find(List::Categories, "Geography").is_some());
    assert!(lists.find(List::Categories, "Energy").is_some());
    assert_eq!(
        lists.licenses.last().map(|l| l.name.as_str()),
        Some("ODC ODbL 1.0")
    );
    h.get_by_label_contains("Added to your categories: Geography, Energy.");
}

#[test]
fn a_category_not_on_the_list_is_shown_in_the_editor_as_written() {
    let (_dir, mut store) = common::parks_file(&["Street Trees"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    store.set_field(&id, Field::Category, "Geography").unwrap();
    let mut h = open(store, Screen::Inventory, None);
    open_first_dataset(&mut h);
    h.get_by_label(
        "\"Geography\" is not on your list of categories: add it on the Department screen, or choose one from the list.",
    );
    assert_eq!(
        h.state().store().dataset(&id).unwrap().unwrap().category,
        "Geography"
    );
}

#[test]
fn a_long_list_of_new_categories_is_folded_and_every_one_is_there_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("network.csv");
    let mut text = String::from("Dataset Name,Category\n");
    for i in 0..20 {
        text.push_str(&format!("Dataset {i},Topic {i}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let store = common::parks_at(&dir.path().join("inventory.sqlite3"), &[]);
    let mut h = open(store, Screen::Inventory, Some(file));
    h.get_by_label("📥 Import…").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    h.get_by_label("The file brings 20 categories that are not on your list.");
    assert!(
        h.query_by_label_contains("Topic 19 (1 row)").is_none(),
        "folded"
    );
    h.get_by_label("See the 20 categories").click();
    h.run();
    h.get_by_label_contains("Topic 0 (1 row), Topic 1 (1 row)");
    h.get_by_label_contains("Topic 19 (1 row)");
}
