//! The three-way merge of a workbook that went to the CDO and came back: a cell
//! only the CDO changed is taken, one only the coordinator changed is kept, one
//! both changed is a conflict; files from elsewhere get a two-way diff.

mod common;

use common::sheets::Sent;

use inventory_desk::model::*;
use inventory_desk::store::Store;
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{Choice, Decisions, ItemKind, Plan, apply, plan};

/// An inventory of two datasets, exported to the CDO.
fn exported() -> Sent {
    Sent::submitted(["Street Trees", "Playgrounds"].map(|name| {
        let mut d = Dataset::named(name);
        d.steward = "Kim Lee".into();
        d
    }))
}

impl Sent {
    /// The CDO edits the datasets of the workbook (same export_id) and sends it back.
    fn send_back(&self, edit: impl FnOnce(&mut Vec<Dataset>)) -> Plan {
        self.returned(|back| {
            back.sources.clear();
            edit(&mut back.datasets);
        })
    }

    fn id(&self, i: usize) -> InventoryId {
        self.content.datasets[i].id.clone().unwrap()
    }
}

#[test]
fn a_cell_only_the_cdo_changed_is_taken_and_the_decision_moves_the_status() {
    let mut s = exported();
    let plan = s.send_back(|ds| {
        ds[0].cdo_decision = Some(CdoDecision::ChangesRequested);
        ds[0].cdo_notes = "Remove the addresses.".into();
        ds[0].reviewed_by = "Chief Data Officer".into();
    });
    assert!(plan.three_way);
    assert_eq!(plan.count(ItemKind::Changed), 1);
    assert_eq!(plan.count(ItemKind::Unchanged), 1);
    assert_eq!(plan.reviewed(), 1);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let d = s.store.dataset(&s.id(0)).unwrap().unwrap();
    assert_eq!(d.cdo_notes, "Remove the addresses.");
    assert_eq!(d.status, Status::Returned);
    let history = s.store.history(&s.id(0)).unwrap();
    assert!(history.iter().any(
        |h| h.kind == HistoryKind::Decision(CdoDecision::ChangesRequested)
            && h.note == "Remove the addresses."
    ));
    assert!(history.iter().any(|h| h.kind
        == HistoryKind::StatusChanged {
            from: Status::Submitted,
            to: Status::Returned
        }));
}

#[test]
fn a_cell_only_the_coordinator_changed_since_the_export_is_kept() {
    let mut s = exported();
    s.store
        .set_field(&s.id(1), Field::Steward, "Ana Ruiz")
        .unwrap();
    let plan = s.send_back(|_| {});
    assert_eq!(plan.count(ItemKind::Unchanged), 2, "{:?}", plan.items);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(
        s.store.dataset(&s.id(1)).unwrap().unwrap().steward,
        "Ana Ruiz"
    );
}

#[test]
fn a_cell_both_changed_is_a_conflict_settled_by_the_coordinator() {
    let mut s = exported();
    s.store
        .set_field(&s.id(0), Field::Steward, "Ana Ruiz")
        .unwrap();
    s.store
        .set_field(&s.id(1), Field::Steward, "Ana Ruiz")
        .unwrap();
    let plan = s.send_back(|ds| {
        ds[0].steward = "Bo Chen".into();
        ds[1].steward = "Bo Chen".into();
    });
    assert_eq!(plan.conflicts(), 2);
    let conflict = &plan.items[0].conflicts[0];
    assert_eq!(
        (conflict.yours.as_str(), conflict.theirs.as_str()),
        ("Ana Ruiz", "Bo Chen")
    );
    let mut decisions = Decisions::default();
    decisions
        .conflicts
        .insert((plan.items[1].row, Field::Steward), Choice::Theirs);
    apply(&mut s.store, &plan, &decisions).unwrap();
    assert_eq!(
        s.store.dataset(&s.id(0)).unwrap().unwrap().steward,
        "Ana Ruiz"
    );
    assert_eq!(
        s.store.dataset(&s.id(1)).unwrap().unwrap().steward,
        "Bo Chen"
    );
}

#[test]
fn a_rejected_row_is_left_as_it_was() {
    let mut s = exported();
    let plan = s.send_back(|ds| {
        ds[0].priority = Some(Rating::High);
        ds[1].priority = Some(Rating::Low);
    });
    let mut decisions = Decisions::default();
    decisions.rejected.insert(plan.items[0].row);
    apply(&mut s.store, &plan, &decisions).unwrap();
    assert_eq!(s.store.dataset(&s.id(0)).unwrap().unwrap().priority, None);
    assert_eq!(
        s.store.dataset(&s.id(1)).unwrap().unwrap().priority,
        Some(Rating::Low)
    );
}

#[test]
fn a_file_from_elsewhere_gets_a_two_way_diff() {
    let mut s = exported();
    s.store
        .set_field(&s.id(0), Field::Steward, "Ana Ruiz")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.csv");
    std::fs::write(
        &path,
        format!(
            "Inventory ID,Dataset Name,Data Steward\n{},Street Trees,Kim Lee\n",
            s.id(0)
        ),
    )
    .unwrap();
    let plan = plan(&s.store, path.clone(), read_file(&path).unwrap()).unwrap();
    assert!(!plan.three_way);
    assert_eq!(plan.items[0].changes.len(), 1);
    assert_eq!(plan.items[0].changes[0].old, "Ana Ruiz");
    assert_eq!(plan.items[0].changes[0].new, "Kim Lee");
    assert_eq!(plan.not_in_file.len(), 1, "Playgrounds is not in the file");
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(
        s.store.dataset(&s.id(0)).unwrap().unwrap().steward,
        "Kim Lee"
    );
    assert_eq!(
        s.store.dataset(&s.id(1)).unwrap().unwrap().name,
        "Playgrounds"
    );
}

#[test]
fn rows_are_matched_by_name_without_an_id_and_new_ones_are_added() {
    let mut s = exported();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.csv");
    std::fs::write(&path, "Dataset Name,Department,Priority\nstreet trees,Parks,High\nPool Attendance,Parks,Low\nBike Lanes,Transportation,Medium\n").unwrap();
    let plan = plan(&s.store, path.clone(), read_file(&path).unwrap()).unwrap();
    assert_eq!(plan.count(ItemKind::Changed), 1);
    assert_eq!(plan.count(ItemKind::Added), 2);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(
        s.store.dataset(&s.id(0)).unwrap().unwrap().priority,
        Some(Rating::High)
    );
    let all = s.store.datasets().unwrap();
    let bike = all.iter().find(|d| d.name == "Bike Lanes").unwrap();
    assert_eq!(bike.department, "Transportation");
    assert_eq!(bike.id_text(), "TRA-0001");
    assert!(
        all.iter()
            .any(|d| d.id_text() == "PRK-0003" && d.name == "Pool Attendance")
    );
}

#[test]
fn an_id_from_another_inventory_is_kept_when_the_dataset_moves_in() {
    let mut store = Store::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moving.csv");
    std::fs::write(
        &path,
        "Inventory ID,Dataset Name,Department\nHLT-0042,Lead Testing Results,Health\n",
    )
    .unwrap();
    let plan = plan(&store, path.clone(), read_file(&path).unwrap()).unwrap();
    apply(&mut store, &plan, &Decisions::default()).unwrap();
    let d = store
        .dataset(&"HLT-0042".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(d.department, "Health");
    let next = store
        .create_dataset(&"HLT".parse().unwrap(), Dataset::named("Clinics"))
        .unwrap();
    assert_eq!(
        next.id_text(),
        "HLT-0043",
        "numbers continue past the ID that moved in"
    );
}

#[test]
fn an_import_keeps_a_backup_copy_of_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inv.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store
        .save_department(&Department::new(common::parks(), "Parks"))
        .unwrap();
    let path = dir.path().join("new.csv");
    std::fs::write(&path, "Dataset Name\nTrees\n").unwrap();
    let plan = plan(&store, path.clone(), read_file(&path).unwrap()).unwrap();
    let applied = apply(&mut store, &plan, &Decisions::default()).unwrap();
    let backup = applied.backup.expect("a backup was made");
    let copy = Store::open(&backup).unwrap();
    assert_eq!(
        copy.dataset_count().unwrap(),
        0,
        "the copy is from before the import"
    );
    assert_eq!(store.dataset_count().unwrap(), 1);
}

#[test]
fn the_preview_says_when_a_decision_moves_the_status_and_when_the_path_refuses_it() {
    let mut s = exported();
    // The second dataset is taken back by the coordinator after the export.
    let back = s.id(1);
    s.store
        .move_dataset(&back, inventory_desk::review::Move::Withdraw, "Ana", "")
        .unwrap();
    let plan = s.send_back(|ds| {
        ds[0].cdo_decision = Some(CdoDecision::Approved);
        ds[1].cdo_decision = Some(CdoDecision::Approved);
    });
    let notes: Vec<&str> = plan
        .items
        .iter()
        .flat_map(|i| i.notes.iter().map(String::as_str))
        .collect();
    assert!(notes.contains(
        &"The CDO's decision \"Approved\" moves it from Submitted for review to Approved."
    ));
    assert!(
        notes.iter().any(|n| n.starts_with(
            "The CDO's decision \"Approved\" is recorded, but the status stays Not ready"
        )),
        "{notes:?}"
    );
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(
        s.store.dataset(&s.id(0)).unwrap().unwrap().status,
        Status::Approved
    );
    assert_eq!(
        s.store.dataset(&back).unwrap().unwrap().status,
        Status::NotReady
    );
}

#[test]
fn a_status_the_review_path_does_not_allow_is_not_taken_from_a_file() {
    let mut s = exported();
    let plan = s.send_back(|ds| ds[0].status = Status::Published);
    let item = plan.items.iter().find(|i| i.id == Some(s.id(0))).unwrap();
    assert_eq!(item.kind, ItemKind::Unchanged);
    assert!(item.notes[0].contains("does not allow"), "{:?}", item.notes);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(
        s.store.dataset(&s.id(0)).unwrap().unwrap().status,
        Status::Submitted
    );
}

#[test]
fn an_edit_made_while_the_preview_is_open_survives_apply() {
    let mut s = exported();
    let plan = s.send_back(|ds| {
        ds[0].cdo_notes = "Remove the addresses.".into();
    });
    assert_eq!(plan.count(ItemKind::Changed), 1);
    // The coordinator edits the same dataset, another field, with the preview open.
    s.store
        .set_field(&s.id(0), Field::Steward, "Ana Ruiz")
        .unwrap();
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    let d = s.store.dataset(&s.id(0)).unwrap().unwrap();
    assert_eq!(d.steward, "Ana Ruiz", "the edit made during the preview");
    assert_eq!(d.cdo_notes, "Remove the addresses.", "the file's change");
}

#[test]
fn an_edit_to_a_field_the_import_changes_is_never_overwritten_by_apply() {
    use inventory_desk::store::{Refusal, StoreError};
    let mut s = exported();
    let plan = s.send_back(|ds| {
        ds[0].steward = "Bo Chen".into();
    });
    s.store
        .set_field(&s.id(0), Field::Steward, "Ana Ruiz")
        .unwrap();
    let err = apply(&mut s.store, &plan, &Decisions::default()).unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::Refused(Refusal::ChangedSincePreview {
                field: Field::Steward,
                ..
            })
        ),
        "{err:?}"
    );
    common::assert_plain(&err.to_string());
    assert_eq!(
        s.store.dataset(&s.id(0)).unwrap().unwrap().steward,
        "Ana Ruiz"
    );
}

/// A department and its datasets, in an inventory of its own.
fn department_with(code: &DepartmentCode, name: &str, datasets: &[&str]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_department(&Department::new(code.clone(), name))
        .unwrap();
    for d in datasets {
        let mut d = Dataset::named(d);
        d.steward = format!("Steward of {name}");
        store.create_dataset(code, d).unwrap();
    }
    store
}

#[test]
fn a_department_with_the_code_of_another_never_merges_into_it() {
    let dpw = department::code_for_name("Department of Parks and Wildlife", &[]);
    assert_eq!(
        dpw.as_str(),
        "DPW",
        "the default code of the new department"
    );
    let mut city = department_with(
        &dpw,
        "Department of Public Works",
        &["Potholes", "Street Lights", "Sidewalks"],
    );
    let before = city.datasets().unwrap();
    let mut wildlife = department_with(
        &dpw,
        "Department of Parks and Wildlife",
        &["Trails", "Wildlife Counts", "Trees", "Campgrounds"],
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wildlife.xlsx");
    inventory_desk::workbook::export::export_xlsx(&mut wildlife, &file, None).unwrap();

    // Each of its rows is held, with the Department cell that says so; the
    // file itself is not refused, and applying it changes nothing.
    let refused = plan(&city, file.clone(), read_file(&file).unwrap()).unwrap();
    assert!(!refused.has_errors(), "{:?}", refused.errors);
    assert_eq!(refused.held.len(), 4, "{:?}", refused.held);
    let problems = refused.problems();
    assert_eq!(problems.len(), 4);
    for e in &problems {
        assert_eq!(e.column, "Department");
        assert!(
            e.cell.starts_with('G'),
            "the workbook's Department column: {e}"
        );
        assert!(
            e.message.contains("Department of Parks and Wildlife"),
            "{e}"
        );
        common::assert_plain(&e.message);
    }
    assert!(problems[0].message.contains("Department of Public Works"));
    assert!(refused.items.is_empty());
    apply(&mut city, &refused, &Decisions::default()).unwrap();
    assert_eq!(
        city.datasets().unwrap(),
        before,
        "Public Works is untouched"
    );

    // Without its IDs, the file's datasets come in as new ones, under a code of their own.
    let csv = dir.path().join("wildlife.csv");
    std::fs::write(
        &csv,
        "Dataset Name,Department\nTrails,Department of Parks and Wildlife\n",
    )
    .unwrap();
    let plan = plan(&city, csv.clone(), read_file(&csv).unwrap()).unwrap();
    assert!(!plan.has_errors(), "{:?}", plan.errors);
    apply(&mut city, &plan, &Decisions::default()).unwrap();
    let trails = city
        .datasets()
        .unwrap()
        .into_iter()
        .find(|d| d.name == "Trails")
        .unwrap();
    assert_eq!(trails.department, "Department of Parks and Wildlife");
    assert_ne!(
        trails.id.unwrap().department,
        dpw,
        "a new code avoids codes in use"
    );
    assert_eq!(city.datasets_in(Some(&dpw)).unwrap(), before);
}

#[test]
fn a_dataset_moves_to_another_department_only_when_the_person_says_so() {
    let mut s = exported();
    s.store
        .save_department(&Department::new("TRA".parse().unwrap(), "Transportation"))
        .unwrap();
    let plan = s.send_back(|ds| {
        ds[0].department = "Transportation".into();
    });
    assert_eq!(plan.held.len(), 1, "{:?}", plan.held);
    assert!(
        plan.held[0].problems[0]
            .message
            .contains("change its Department in the app")
    );
    let id = s.id(0);
    apply(&mut s.store, &plan, &Decisions::default()).unwrap();
    assert_eq!(s.store.dataset(&id).unwrap().unwrap().department, "Parks");
}
