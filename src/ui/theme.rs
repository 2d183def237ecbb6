//! The app's colours: egui's light and dark looks, with the colours that were too
//! faint to read easily made stronger, so that text meets the WCAG AA contrast of
//! 4.5 to 1 and the outline of the focused control 3 to 1, and is 2 points wide.
//! The tests below measure every pair the screens draw.

use egui::{Color32, Context, Theme, ThemePreference, Visuals};

use crate::model::Status;
use crate::model::vocab::Vocabulary;

/// The colours the coordinator chose in the View menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Light or dark, as the computer is set.
    #[default]
    FollowComputer,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [
        ThemeChoice::FollowComputer,
        ThemeChoice::Light,
        ThemeChoice::Dark,
    ];

    /// The words in the View menu.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::FollowComputer => "Colours as the computer is set",
            ThemeChoice::Light => "Light colours",
            ThemeChoice::Dark => "Dark colours",
        }
    }

    /// The name kept in the settings and given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::FollowComputer => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeChoice> {
        ThemeChoice::ALL.into_iter().find(|c| c.name() == name)
    }

    fn preference(self) -> ThemePreference {
        match self {
            ThemeChoice::FollowComputer => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        }
    }
}

/// Sets both looks on the context and follows the choice.
pub fn apply(ctx: &Context, choice: ThemeChoice) {
    for theme in [Theme::Light, Theme::Dark] {
        ctx.set_visuals_of(theme, visuals(theme));
    }
    ctx.set_theme(choice.preference());
}

/// egui's look for `theme`, with stronger colours where egui's were too faint.
pub fn visuals(theme: Theme) -> Visuals {
    let mut v = theme.default_visuals();
    match theme {
        Theme::Light => {
            v.hyperlink_color = Color32::from_rgb(0x0b, 0x57, 0xd0);
            v.warn_fg_color = Color32::from_rgb(0x8a, 0x4b, 0x00);
            v.error_fg_color = Color32::from_rgb(0xb0, 0x1c, 0x14);
            v.weak_text_color = Some(Color32::from_rgb(0x5f, 0x5f, 0x5f));
            v.widgets.noninteractive.fg_stroke.color = Color32::from_rgb(0x30, 0x30, 0x30);
        }
        Theme::Dark => {
            v.error_fg_color = Color32::from_rgb(0xff, 0x7b, 0x72);
            v.warn_fg_color = Color32::from_rgb(0xff, 0xb3, 0x47);
            v.weak_text_color = Some(Color32::from_rgb(0xa0, 0xa0, 0xa0));
            v.widgets.noninteractive.fg_stroke.color = Color32::from_rgb(0xd0, 0xd0, 0xd0);
        }
    }
    // The focused control is drawn with the active look (a button) or the
    // selection's stroke (a text box): 2 points wide, so the focus is easy to see.
    v.widgets.active.bg_stroke.width = 2.0;
    v.selection.stroke.width = 2.0;
    // A header that opens ("What is this?") is drawn like a button, so that it
    // shows the focus outline too.
    v.collapsing_header_frame = true;
    v
}

/// The colour a status is written in, so that the path reads at a glance and
/// Returned work stands out. Each is measured against the screen, a striped
/// row and a row under the mouse in both looks (tests below); on a selected
/// row the row's own text colour is used instead (see `status_text`).
pub fn status_colour(status: Status, dark: bool) -> Color32 {
    let rgb = |r, g, b| Color32::from_rgb(r, g, b);
    match (status, dark) {
        (Status::NotReady, false) => rgb(0x5f, 0x5f, 0x5f),
        (Status::NotReady, true) => rgb(0xb4, 0xb4, 0xb4),
        (Status::Submitted, false) => rgb(0x0b, 0x57, 0xd0),
        (Status::Submitted, true) => rgb(0xa0, 0xc4, 0xfa),
        (Status::Approved, false) => rgb(0x1b, 0x6b, 0x2c),
        (Status::Approved, true) => rgb(0x81, 0xc9, 0x95),
        (Status::Published, false) => rgb(0x00, 0x5f, 0x6b),
        (Status::Published, true) => rgb(0x6f, 0xd6, 0xe6),
        (Status::Returned, false) => rgb(0xb0, 0x1c, 0x14),
        (Status::Returned, true) => rgb(0xff, 0xa8, 0xa0),
        (Status::NotPublishable, false) => rgb(0x7b, 0x1f, 0xa2),
        (Status::NotPublishable, true) => rgb(0xd7, 0xae, 0xfb),
        (Status::Withdrawn, false) => rgb(0x7a, 0x4a, 0x00),
        (Status::Withdrawn, true) => rgb(0xf0, 0xc0, 0x80),
    }
}

/// A status as a coloured label: Returned bold with a mark, so that it is not
/// told by colour alone. `selected`: on the selection's colour, the row's own
/// text colour keeps the contrast.
pub fn status_text(status: Status, visuals: &Visuals, selected: bool) -> egui::RichText {
    let text = match status {
        Status::Returned => egui::RichText::new(format!("↩ {}", status.label())).strong(),
        _ => egui::RichText::new(status.label()),
    };
    if selected {
        text
    } else {
        text.color(status_colour(status, visuals.dark_mode))
    }
}

/// The fill and text colour of the one button a screen wants pressed next
/// (`widgets::primary_button`): strong enough to be seen first, with text
/// that passes AA on it.
pub fn primary_colours(visuals: &Visuals) -> (Color32, Color32) {
    if visuals.dark_mode {
        (
            Color32::from_rgb(0x8a, 0xb4, 0xf8),
            Color32::from_rgb(0x10, 0x10, 0x10),
        )
    } else {
        (Color32::from_rgb(0x0b, 0x57, 0xd0), Color32::WHITE)
    }
}

/// WCAG's contrast ratio of `fg` drawn over `bg` (from 1 to 21). Both may be
/// translucent: they are laid over each other, and `bg` over opaque `base`.
pub fn contrast_over(fg: Color32, bg: Color32, base: Color32) -> f64 {
    let bg = over(bg, base);
    let fg = over(fg, bg);
    let (a, b) = (luminance(fg), luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// `top` laid over opaque `below` (egui's colours carry premultiplied alpha).
fn over(top: Color32, below: Color32) -> Color32 {
    let keep = 1.0 - f32::from(top.a()) / 255.0;
    let mix = |t: u8, b: u8| (f32::from(t) + f32::from(b) * keep).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(top.r(), below.r()),
        mix(top.g(), below.g()),
        mix(top.b(), below.b()),
    )
}

/// WCAG's relative luminance of an opaque sRGB colour.
fn luminance(c: Color32) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: f64 = 4.5;
    const OUTLINE: f64 = 3.0;

    /// Every pair of colours the screens draw text or an outline with, named.
    fn pairs(v: &Visuals) -> Vec<(&'static str, Color32, Color32, f64)> {
        let text = v.text_color();
        let stripe = over(v.faint_bg_color, v.panel_fill);
        let w = &v.widgets;
        vec![
            ("text on a screen", text, v.panel_fill, TEXT),
            ("text in a window", text, v.window_fill(), TEXT),
            ("text on a striped row", text, stripe, TEXT),
            (
                "typed text in a box",
                w.inactive.fg_stroke.color,
                v.text_edit_bg_color(),
                TEXT,
            ),
            ("weak text", v.weak_text_color(), v.panel_fill, TEXT),
            (
                "weak text on a striped row",
                v.weak_text_color(),
                stripe,
                TEXT,
            ),
            ("a link", v.hyperlink_color, v.panel_fill, TEXT),
            ("a warning", v.warn_fg_color, v.panel_fill, TEXT),
            ("a warning on a striped row", v.warn_fg_color, stripe, TEXT),
            (
                "a bar's number on its empty part",
                v.selection.stroke.color,
                v.extreme_bg_color,
                TEXT,
            ),
            (
                "a warning on a row under the mouse",
                v.warn_fg_color,
                w.hovered.bg_fill,
                TEXT,
            ),
            (
                "text on a row under the mouse",
                text,
                w.hovered.bg_fill,
                TEXT,
            ),
            ("an error", v.error_fg_color, v.panel_fill, TEXT),
            (
                "a button",
                w.inactive.fg_stroke.color,
                w.inactive.weak_bg_fill,
                TEXT,
            ),
            (
                "a button under the mouse",
                w.hovered.fg_stroke.color,
                w.hovered.weak_bg_fill,
                TEXT,
            ),
            (
                "a pressed or focused button",
                w.active.fg_stroke.color,
                w.active.weak_bg_fill,
                TEXT,
            ),
            (
                "an open menu",
                w.open.fg_stroke.color,
                w.open.weak_bg_fill,
                TEXT,
            ),
            (
                "a selected row or tab",
                v.selection.stroke.color,
                v.selection.bg_fill,
                TEXT,
            ),
            (
                "the focused button's outline",
                w.active.bg_stroke.color,
                v.panel_fill,
                OUTLINE,
            ),
            (
                "the focused text box's outline",
                v.selection.stroke.color,
                v.panel_fill,
                OUTLINE,
            ),
            (
                "the focused text box's outline, inside",
                v.selection.stroke.color,
                v.text_edit_bg_color(),
                OUTLINE,
            ),
        ]
    }

    fn failures(theme: Theme) -> Vec<String> {
        let v = visuals(theme);
        pairs(&v)
            .into_iter()
            .filter_map(|(what, fg, bg, least)| {
                let ratio = contrast_over(fg, bg, v.panel_fill);
                (ratio < least).then(|| format!("{what}: {ratio:.2} to 1, needs {least}"))
            })
            .collect()
    }

    #[test]
    fn every_text_and_outline_is_readable_in_the_light_colours() {
        let failures = failures(Theme::Light);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_text_and_outline_is_readable_in_the_dark_colours() {
        let failures = failures(Theme::Dark);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_status_colour_is_readable_in_both_looks_on_screens_stripes_and_rows_under_the_mouse() {
        let mut failures = Vec::new();
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            let stripe = over(v.faint_bg_color, v.panel_fill);
            for status in <Status as Vocabulary>::ALL {
                let fg = status_colour(*status, v.dark_mode);
                for (on, bg) in [
                    ("the screen", v.panel_fill),
                    ("a striped row", stripe),
                    ("a row under the mouse", v.widgets.hovered.bg_fill),
                    ("a window", v.window_fill()),
                ] {
                    let ratio = contrast_over(fg, bg, v.panel_fill);
                    if ratio < TEXT {
                        failures.push(format!(
                            "{theme:?}: {} on {on}: {ratio:.2} to 1",
                            status.label()
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_primary_button_s_text_is_readable_on_its_fill_in_both_looks() {
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            let (fill, text) = primary_colours(&v);
            let ratio = contrast_over(text, fill, v.panel_fill);
            assert!(ratio >= TEXT, "{theme:?}: {ratio:.2} to 1");
            // The fill stands apart from the screen, like a control's edge.
            let edge = contrast_over(fill, v.panel_fill, v.panel_fill);
            assert!(edge >= OUTLINE, "{theme:?}: the fill {edge:.2} to 1");
        }
    }

    #[test]
    fn the_focus_outline_is_two_points_wide() {
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            assert!(v.widgets.active.bg_stroke.width >= 2.0);
            assert!(v.selection.stroke.width >= 2.0);
        }
    }

    #[test]
    fn contrast_is_measured_as_wcag_says() {
        assert!(
            (contrast_over(Color32::BLACK, Color32::WHITE, Color32::WHITE) - 21.0).abs() < 1e-9
        );
        assert!((contrast_over(Color32::WHITE, Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the palest grey that passes AA: 4.54 to 1.
        let grey = Color32::from_rgb(0x76, 0x76, 0x76);
        assert!((contrast_over(grey, Color32::WHITE, Color32::WHITE) - 4.54).abs() < 0.01);
        // Half-transparent black over white is a mid grey, not black.
        let half = Color32::from_black_alpha(128);
        assert!(contrast_over(half, Color32::WHITE, Color32::WHITE) < 5.0);
    }

    #[test]
    fn egui_s_own_colours_were_too_faint_which_is_why_this_module_exists() {
        // If egui's defaults ever pass, this module can shrink: this test says so.
        let v = Theme::Light.default_visuals();
        let link = contrast_over(v.hyperlink_color, v.panel_fill, v.panel_fill);
        assert!(
            link < TEXT,
            "egui's light link colour now passes: {link:.2}"
        );
    }

    #[test]
    fn the_choice_is_kept_by_name() {
        for c in ThemeChoice::ALL {
            assert_eq!(ThemeChoice::from_name(c.name()), Some(c));
        }
        assert_eq!(ThemeChoice::from_name("purple"), None);
    }
}
