//! An audit of every screen as a screen reader sees it: every control has a role
//! and a name a person can read, and can take the keyboard's focus.

mod common;

use common::person::click;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

/// The roles of things a person operates (as egui names its widgets).
const CONTROLS: [Role; 9] = [
    Role::Button,
    Role::CheckBox,
    Role::RadioButton,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::ComboBox,
    Role::Slider,
    Role::SpinButton,
    Role::Link,
];

/// What is wrong with the controls on screen now: a control without a name, a
/// clickable thing with no role, a control the keyboard cannot reach.
fn problems(h: &Harness<'static, App>) -> Vec<String> {
    let mut problems = Vec::new();
    for node in h.root().children_recursive() {
        let node = node.accesskit_node();
        let role = node.role();
        // A label's name is its text, kept as its value.
        let name = node.label().or_else(|| node.value()).unwrap_or_default();
        let focusable = node.data().supports_action(egui::accesskit::Action::Focus);
        let clickable = node.data().supports_action(egui::accesskit::Action::Click);
        if CONTROLS.contains(&role) {
            if name.trim().is_empty() {
                problems.push(format!(
                    "a {role:?} with no name (value {:?})",
                    node.value()
                ));
            }
            if !focusable && !node.is_disabled() {
                problems.push(format!("the {role:?} \"{name}\" cannot take the focus"));
            }
        } else if (focusable || clickable) && matches!(role, Role::Unknown | Role::GenericContainer)
        {
            problems.push(format!(
                "\"{name}\" can be clicked or focused but has no role"
            ));
        } else if (focusable || clickable)
            && !matches!(role, Role::Label | Role::ScrollBar)
            && name.trim().is_empty()
        {
            // (A label takes clicks to select its text, and an empty one is no
            // control; a scroll bar is egui's own and read by its role.)
            problems.push(format!(
                "a {role:?} can be clicked or focused but has no name"
            ));
        }
    }
    problems
}

fn audit(h: &Harness<'static, App>, place: &str) {
    let problems = problems(h);
    assert!(problems.is_empty(), "{place}:\n{}", problems.join("\n"));
}

fn harness(store: Store, screen: Screen, dialogs: FixedDialogs) -> Harness<'static, App> {
    // Tall, so that what a person would scroll to is drawn and audited too.
    common::harness_sized(App::new(store, Box::new(dialogs), Some(screen)), 2400.0)
}

fn demo(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    inventory_desk::demo::fill(&mut store, 40, 5).unwrap();
    store
}

/// Clicks the first button whose name starts with `start`.
fn click_button_starting(h: &mut Harness<'static, App>, start: &str) {
    h.query_all(by().role(Role::Button))
        .find(|n| {
            n.accesskit_node()
                .label()
                .unwrap_or_default()
                .starts_with(start)
        })
        .unwrap_or_else(|| panic!("no button starts with {start:?}"))
        .click();
    h.run();
}

fn nav(h: &mut Harness<'static, App>, screen: Screen) {
    common::person::nav(h, screen.title());
    assert_eq!(h.state().screen(), screen);
}

#[test]
fn every_control_of_every_screen_has_a_role_and_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir);
    let workbook = dir.path().join("inventory.xlsx");
    let mut copy = Store::open(&dir.path().join("inventory.sqlite3")).unwrap();
    inventory_desk::workbook::export::export_xlsx(&mut copy, &workbook, None).unwrap();
    drop(copy);
    let datasets = store.datasets().unwrap();
    let dialogs = FixedDialogs {
        import: Some(workbook),
        export: None,
    };
    let mut h = harness(store, Screen::Inventory, dialogs);

    // The inventory, its menus, its help, the editor and the import preview.
    audit(&h, "Inventory");
    for menu in ["File", "View"] {
        click(&mut h, menu);
        audit(&h, &format!("the {menu} menu"));
        h.key_press(egui::Key::Escape);
        h.run();
    }
    click(&mut h, "What is this?");
    audit(&h, "Inventory's help");
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        h.state().editing().is_some(),
        "Enter opens the selected row"
    );
    audit(&h, "the dataset editor");
    click_button_starting(&mut h, "Review history");
    audit(&h, "the dataset's history");
    click(&mut h, "⬅ Back to the inventory");
    h.get_by_label("📥 Import…").click();
    h.step();
    h.state_mut().finish_job();
    h.run();
    audit(&h, "the import preview");
    click_button_starting(&mut h, "Cancel");

    nav(&mut h, Screen::Sources);
    audit(&h, Screen::Sources.title());

    nav(&mut h, Screen::Step1);
    for page in 1..=11 {
        h.get_by_label(&format!("Page {page} of 11"));
        audit(&h, &format!("Step 1, page {page}"));
        if page < 11 {
            click(&mut h, "Next ➡");
        }
    }

    nav(&mut h, Screen::Checklist);
    audit(&h, "the checklist's list of datasets");
    let first = h
        .query_all(by().role(Role::Button))
        .find(|n| {
            let name = n.accesskit_node().label().unwrap_or_default();
            datasets.iter().any(|d| d.name == name)
        })
        .expect("the checklist lists the datasets");
    first.click();
    h.run();
    for section in 1..=10 {
        audit(&h, &format!("the checklist, section {section}"));
        if section < 10 {
            click(&mut h, "Next section ➡");
        }
    }

    nav(&mut h, Screen::Review);
    for queue in [
        "Returned work",
        "Waiting for the CDO",
        "Approved: plan and publish",
        "Published",
        "Not publishable",
    ] {
        click_button_starting(&mut h, &format!("{queue} ("));
        audit(&h, &format!("Review, {queue}"));
        let listed = h.query_all(by().role(Role::Button)).find(|n| {
            let name = n.accesskit_node().label().unwrap_or_default();
            datasets.iter().any(|d| d.name == name)
        });
        if let Some(dataset) = listed {
            dataset.click();
            h.run();
            audit(&h, &format!("Review, a dataset in {queue}"));
        }
    }

    nav(&mut h, Screen::Progress);
    audit(&h, Screen::Progress.title());

    nav(&mut h, Screen::Engagement);
    audit(&h, "Engagement, the projects");
    h.get_by_role_and_label(Role::TextInput, "Focus area")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Focus area")
        .type_text("Vacant lots");
    h.run();
    click(&mut h, "Start a project");
    for step in ["1. Find", "2. Refine", "3. Design", "4. Implement"] {
        click(&mut h, step);
        audit(&h, &format!("Engagement, {step}"));
    }

    nav(&mut h, Screen::Department);
    audit(&h, Screen::Department.title());
}

#[test]
fn a_screen_reader_reads_each_row_of_the_inventory_and_which_is_selected() {
    let (_dir, store) = common::parks_file(&["Pools", "Street trees"]);
    let mut h = harness(store, Screen::Inventory, FixedDialogs::default());
    let selected = |h: &Harness<'static, App>, label: &str| {
        h.get_by_role_and_label(Role::Row, label)
            .accesskit_node()
            .is_selected()
    };
    assert_eq!(selected(&h, "Pools, Not ready"), Some(false));
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h, "Pools, Not ready"), Some(true));
    assert_eq!(selected(&h, "Street trees, Not ready"), Some(false));
    // The cells take clicks but not the focus, so Tab does not stop on each cell:
    // the table has one focus stop, on the current row.
    let focusable = |n: &egui_kittest::Node<'_>| {
        n.accesskit_node()
            .data()
            .supports_action(egui::accesskit::Action::Focus)
    };
    let stops: Vec<String> = h
        .root()
        .children_recursive()
        .filter(|n| focusable(n) && n.accesskit_node().role() == Role::Row)
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(stops, ["Row 1 of 2: Pools, Not ready"]);
    for row in h.query_all(by().role(Role::Row)) {
        let inside: Vec<String> = row
            .children_recursive()
            .filter(|c| focusable(c))
            .map(|c| c.accesskit_node().label().unwrap_or_default())
            .collect();
        assert!(
            inside.iter().all(|l| l.starts_with("Row 1 of 2")),
            "{inside:?}"
        );
    }
    audit(&h, "the inventory with a row selected");
}

/// The outlines (rectangle strokes) drawn around `node`'s place on screen.
fn outlines_around(h: &Harness<'static, App>, label: &str) -> Vec<egui::Stroke> {
    let node = h
        .query_all_by_label(label)
        .find(|n| n.accesskit_node().is_focused())
        .unwrap_or_else(|| panic!("\"{label}\" does not have the focus"));
    let b = node.accesskit_node().bounding_box().unwrap();
    let place = egui::Rect::from_min_max(
        egui::pos2(b.x0 as f32, b.y0 as f32),
        egui::pos2(b.x1 as f32, b.y1 as f32),
    );
    let mut strokes = Vec::new();
    let mut stack: Vec<&egui::Shape> = h.output().shapes.iter().map(|c| &c.shape).collect();
    while let Some(shape) = stack.pop() {
        match shape {
            egui::Shape::Vec(shapes) => stack.extend(shapes.iter()),
            egui::Shape::Rect(r)
                if r.rect.expand(4.0).contains_rect(place)
                    // Around it, not around the whole screen; a row's outline
                    // spans its cells, so it may be as wide as the window.
                    && r.rect.height() < place.height() * 2.0 + 8.0 =>
            {
                if r.stroke.width > 0.0 {
                    strokes.push(r.stroke);
                }
            }
            _ => {}
        }
    }
    strokes
}

#[test]
fn the_focused_control_is_outlined_two_points_wide_in_both_colours() {
    use inventory_desk::ui::theme::{ThemeChoice, visuals};
    for (choice, theme) in [
        (ThemeChoice::Light, egui::Theme::Light),
        (ThemeChoice::Dark, egui::Theme::Dark),
    ] {
        let (_dir, store) = common::parks_file(&["Pools"]);
        let mut h = harness(store, Screen::Inventory, FixedDialogs::default());
        h.state_mut().set_theme(choice);
        h.run();
        let v = visuals(theme);
        for (label, outline) in [
            ("Search", v.selection.stroke),
            ("➕ New dataset", v.widgets.active.bg_stroke),
            ("What is this?", v.widgets.active.bg_stroke),
            ("Row 1 of 1: Pools, Not ready", v.widgets.active.bg_stroke),
        ] {
            let mut reached = false;
            for _ in 0..60 {
                h.key_press(egui::Key::Tab);
                h.run();
                if h.query_all_by_label(label)
                    .any(|n| n.accesskit_node().is_focused())
                {
                    reached = true;
                    break;
                }
            }
            assert!(reached, "Tab reaches {label}");
            let strokes = outlines_around(&h, label);
            assert!(
                strokes
                    .iter()
                    .any(|s| s.width >= 2.0 && s.color == outline.color),
                "{theme:?}: {label} is drawn with {strokes:?}, not the focus outline {outline:?}"
            );
        }
    }
}
