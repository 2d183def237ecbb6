//! Inventory Desk: a city department's open data inventory, kept offline in one
//! SQLite file, handed to the Chief Data Officer as a workbook and read back.
//!
//! The library is the whole core (model, store, workbook, command line); the
//! `ui` module is a thin egui layer that only calls it.

#[macro_use]
pub mod model;
pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod demo;
pub mod engagement;
pub mod files;
pub mod help;
pub mod progress;
pub mod questions;
pub mod review;
pub mod samples;
pub mod step1;
pub mod store;
pub mod ui;
pub mod workbook;
