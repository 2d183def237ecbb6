//! The inventory screen at city scale: time from opening a 100,000-dataset file to
//! a usable table, one frame of the table, and one keystroke in the search box
//! (filter and redraw). Run with `cargo bench --bench table`; BENCH_DATASETS sets
//! the size.

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let n: usize = std::env::var("BENCH_DATASETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inventory.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        inventory_desk::demo::fill(&mut store, n, 11).unwrap();
    }

    {
        // The Step 1 wizard opens on a prompt page, listing every dataset.
        let mut store = Store::open(&db).unwrap();
        inventory_desk::step1::set_page(&mut store, inventory_desk::step1::Page::Prompt(0))
            .unwrap();
    }

    let start = Instant::now();
    let store = Store::open(&db).unwrap();
    let app = App::new(
        store,
        Box::new(FixedDialogs::default()),
        Some(Screen::Inventory),
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |_cc| app);
    h.step();
    let to_window = start.elapsed();
    // A large inventory loads in the background; the table is usable once it has.
    h.state_mut().finish_job();
    h.step();
    let to_table = start.elapsed();
    assert_eq!(
        h.state().table().total(),
        n,
        "notice: {:?}",
        h.state().notice()
    );

    let frames: Vec<Duration> = (0..50)
        .map(|_| {
            let t = Instant::now();
            h.step();
            t.elapsed()
        })
        .collect();

    h.get_by_role_and_label(Role::TextInput, "Search").focus();
    h.step();
    let mut keystrokes = Vec::new();
    for letter in ["p", "a", "r", "k"] {
        h.get_by_role_and_label(Role::TextInput, "Search")
            .type_text(letter);
        let t = Instant::now();
        h.step();
        keystrokes.push(t.elapsed());
    }
    let shown = h.state().table().visible.len();

    println!(
        "first frame (window shown, rows loading): {:.0} ms",
        to_window.as_secs_f64() * 1000.0
    );
    println!(
        "| datasets | start to usable table | one frame (median of 50) | one keystroke: filter + frame (median of 4) | rows after \"park\" |"
    );
    println!("|---|---|---|---|---|");
    println!(
        "| {n} | {:.0} ms | {:.2} ms | {:.2} ms | {shown} |",
        to_table.as_secs_f64() * 1000.0,
        median(frames).as_secs_f64() * 1000.0,
        median(keystrokes).as_secs_f64() * 1000.0,
    );

    // The other screens at the same scale: opening each (it reads what it
    // shows from the database) and then one frame of it.
    println!();
    println!("| screen | open + first frame | one frame (median of 20) |");
    println!("|---|---|---|");
    for screen in [
        Screen::Step1,
        Screen::Checklist,
        Screen::Review,
        Screen::Progress,
    ] {
        let t = Instant::now();
        h.state_mut().go_to(screen);
        h.step();
        let open = t.elapsed();
        let frames: Vec<Duration> = (0..20)
            .map(|_| {
                let t = Instant::now();
                h.step();
                t.elapsed()
            })
            .collect();
        println!(
            "| {} | {:.0} ms | {:.2} ms |",
            screen.title(),
            open.as_secs_f64() * 1000.0,
            median(frames).as_secs_f64() * 1000.0
        );
    }
}
