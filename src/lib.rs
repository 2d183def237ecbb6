//! Inventory Desk: a city department's open data inventory, kept offline in one
//! SQLite file, handed to the Chief Data Officer as a workbook and read back.
//!
//! The library is the whole core (model, store, workbook, command line); the
//! `ui` module is a thin egui layer that only calls it. The `ui` module and egui
//! come with the `gui` feature (on by default): `cargo build --no-default-features`
//! builds the core and the command line without them, so no core module may use egui.
//!
//! The rules a newcomer must know:
//!
//! - **A module per concept**, named for what it is. `model` holds plain types and
//!   every vocabulary as an enum; `model::fields` is the one table of dataset
//!   fields that the store, the workbook, the editor, the checklist and
//!   `docs/workbook.md` read (a test holds the doc to it).
//! - **SQL only in `store`**, and every write is one transaction there. Flows
//!   that span several writes (`step1`, `review`) live in modules of their own
//!   that take the store and return what changed.
//! - **Errors are types** with plain `Display` sentences naming the file, sheet,
//!   cell, dataset or field and what to do; nothing decides by looking at text.
//! - **Long work** (reading a file, writing an export) reports its progress and
//!   stops only at safe points through `progress::Watch`, and changes nothing
//!   visible until its last step.
//! - **The command line and the window share every step** (`files`, `workbook`,
//!   `store`); `cli` only parses, calls and maps errors to exit codes.

#[macro_use]
pub mod model;
pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod demo;
pub mod desk;
pub mod engagement;
pub mod files;
pub mod help;
pub mod portal;
pub mod profile;
pub mod progress;
pub mod quality;
pub mod questions;
pub mod release_review;
pub mod review;
pub mod samples;
pub mod step1;
pub mod steps;
pub mod store;
pub mod suggestions;
#[cfg(feature = "gui")]
pub mod ui;
pub mod word_diff;
pub mod workbook;
