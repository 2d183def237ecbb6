//! The app in a test window: the one way the UI tests build their harness.

use egui_kittest::Harness;
use inventory_desk::store::Store;
use inventory_desk::ui::jobs::FixedDialogs;
use inventory_desk::ui::{App, Screen};

/// How wide the test window is, and how high unless a test asks for more.
const WIDTH: f32 = 1280.0;
const HEIGHT: f32 = 800.0;

/// The app on `store`, opened on `screen`, with file dialogs that choose nothing.
pub fn app(store: Store, screen: Screen) -> App {
    App::new(store, Box::new(FixedDialogs::default()), Some(screen))
}

/// The app on `store`, opened on `screen`, in the test window, its first frames drawn.
pub fn harness(store: Store, screen: Screen) -> Harness<'static, App> {
    harness_with(app(store, screen))
}

/// `app` in the test window, its first frames drawn.
pub fn harness_with(app: App) -> Harness<'static, App> {
    harness_sized(app, HEIGHT)
}

/// `app` in a window `height` points high (a tall one draws what a person would
/// scroll to), its first frames drawn and the work it starts on opening (the
/// day's backup copy) finished: a copy finishing between two clicks would
/// repaint the window at a moment no test can predict.
pub fn harness_sized(app: App, height: f32) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(WIDTH, height))
        .build_eframe(move |_cc| app);
    h.run();
    h.state_mut().finish_job();
    h.run();
    h
}
