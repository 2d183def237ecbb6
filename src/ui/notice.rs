//! One kind of message for every screen: what happened, in plain words, and
//! whether it went wrong. The status bar shows the app's; a screen may keep one
//! of its own beside the thing it is about.

use egui::{RichText, Ui};

/// Whether a message reports success or a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// A message for the person at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Notice {
            text: text.into(),
            tone: Tone::Info,
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Notice {
            text: text.into(),
            tone: Tone::Error,
        }
    }

    /// The error's sentence, or `ok` when there is none.
    pub fn from_result<T, E: std::fmt::Display>(
        result: &Result<T, E>,
        ok: impl FnOnce(&T) -> String,
    ) -> Self {
        match result {
            Ok(value) => Notice::info(ok(value)),
            Err(e) => Notice::error(e.to_string()),
        }
    }

    pub fn is_error(&self) -> bool {
        self.tone == Tone::Error
    }

    /// Draws the message, in the theme's error colour when it is one.
    pub fn ui(&self, ui: &mut Ui) -> egui::Response {
        let text = RichText::new(&self.text);
        match self.tone {
            Tone::Info => ui.label(text),
            Tone::Error => ui.label(text.color(ui.visuals().error_fg_color)),
        }
    }
}

/// Draws a screen's message, if it has one.
pub fn notice_ui(ui: &mut Ui, notice: &Option<Notice>) {
    if let Some(notice) = notice {
        notice.ui(ui);
    }
}
