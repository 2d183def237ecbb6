//! One small file of tests per screen, the way egui_demo_lib tests each demo: every
//! test opens the app on its screen over an inventory of its own and uses it by the
//! labels a person reads, and its name says what a person sees. The longer walks
//! across screens are in ui.rs, wizards.rs, review.rs and engagement.rs.
//!
//! The screens share one test binary (one link instead of eight).

#[path = "../common/mod.rs"]
mod common;

mod checklist;
mod damaged;
mod department;
mod engagement;
mod import;
mod inventory;
mod lists;
mod progress;
mod review;
mod sources;
mod start_here;
mod step1;

use egui_kittest::Harness;
use inventory_desk::model::{Dataset, InventoryId, Status};
use inventory_desk::store::Store;
use inventory_desk::ui::{App, Screen};

/// The app on `screen`, over a new inventory file with Parks (PRK) and a dataset
/// for each name. Keep the folder for as long as the app is open.
fn parks_on(screen: Screen, names: &[&str]) -> (tempfile::TempDir, Harness<'static, App>) {
    let (dir, store) = common::parks_file(names);
    (dir, common::harness(store, screen))
}

/// A new inventory file with Parks (PRK) and a dataset for each name, at the status
/// given; with their IDs.
fn parks_with(datasets: &[(&str, Status)]) -> (tempfile::TempDir, Store, Vec<InventoryId>) {
    let (dir, mut store) = common::parks_file(&[]);
    let ids = datasets
        .iter()
        .map(|(name, status)| {
            let mut d = Dataset::named(name);
            d.status = *status;
            store
                .create_dataset(&common::parks(), d)
                .unwrap()
                .id
                .unwrap()
        })
        .collect();
    (dir, store, ids)
}

/// Two datasets whose target publication date (2020-01-01) has passed: one
/// still Approved, one Published.
fn past_their_target() -> (tempfile::TempDir, Store) {
    let (dir, mut store, ids) = parks_with(&[
        ("Street Trees", Status::Approved),
        ("Pool Visits", Status::Published),
    ]);
    for id in &ids {
        store
            .set_field(
                id,
                inventory_desk::model::Field::TargetPublicationDate,
                "2020-01-01",
            )
            .unwrap();
    }
    (dir, store)
}
