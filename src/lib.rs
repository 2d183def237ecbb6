//! Inventory Desk: a city department's open data inventory, kept offline in one
//! SQLite file, handed to the Chief Data Officer as a workbook and read back.
//!
//! The library is the whole core (model, store, workbook, command line); the
//! `ui` module is a thin egui layer that only calls it. The `ui` module and egui
//! come with the `gui` feature (on by default): `cargo build --no-default-features`
//! builds the core and the command line without them, so no core module may use egui.

#[macro_use]
pub mod model;
pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod demo;
pub mod engagement;
pub mod help;
pub mod questions;
pub mod review;
pub mod samples;
pub mod step1;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;
pub mod workbook;
