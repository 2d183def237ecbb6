//! Long lists of cards a page at a time. A city's first import brings 100,000
//! datasets, and a file with one bad column holds as many rows; laying out a
//! card for each of them every frame froze the window.

use std::ops::Range;

use egui::Ui;

use crate::workbook::limits::count_text;

/// How many cards a page shows.
pub const PAGE: usize = 200;

/// Which page of a list is on screen.
#[derive(Default)]
pub struct Pager {
    page: usize,
}

impl Pager {
    /// Back to the first page (the list changed).
    pub fn reset(&mut self) {
        self.page = 0;
    }

    /// The part of a list of `total` on the page, kept within the list.
    pub fn range(&mut self, total: usize) -> Range<usize> {
        self.page = self.page.min(pages(total) - 1);
        self.page * PAGE..((self.page + 1) * PAGE).min(total)
    }

    /// "Datasets 201 to 400 of 450" between the ways to the pages before and
    /// after; nothing when the list fits on one page. `what` names the cards
    /// ("Datasets", "Rows"); `place` tells this bar from the page's other one.
    pub fn ui(&mut self, ui: &mut Ui, total: usize, what: &str, place: &str) {
        let pages = pages(total);
        if pages < 2 {
            return;
        }
        let shown = self.range(total);
        ui.push_id((what, place), |ui| {
            ui.horizontal(|ui| {
                let back = egui::Button::new(format!("⏴ Previous {}", what.to_lowercase()));
                if ui.add_enabled(self.page > 0, back).clicked() {
                    self.page -= 1;
                }
                ui.label(format!(
                    "{what} {} to {} of {}",
                    count_text(shown.start + 1),
                    count_text(shown.end),
                    count_text(total)
                ));
                let next = egui::Button::new(format!("Next {} ⏵", what.to_lowercase()));
                if ui.add_enabled(self.page + 1 < pages, next).clicked() {
                    self.page += 1;
                }
            });
        });
    }

    /// The bar again below the cards, when the page is long enough that the
    /// one above has scrolled away.
    pub fn ui_below(&mut self, ui: &mut Ui, total: usize, what: &str) {
        if self.range(total).len() > 20 {
            self.ui(ui, total, what, "below");
        }
    }
}

fn pages(total: usize) -> usize {
    total.div_ceil(PAGE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts_are_written_with_their_thousands_separated() {
        assert_eq!(count_text(7), "7");
        assert_eq!(count_text(450), "450");
        assert_eq!(count_text(1000), "1,000");
        assert_eq!(count_text(100_000), "100,000");
        assert_eq!(count_text(1_234_567), "1,234,567");
    }

    #[test]
    fn the_page_stays_within_a_list_that_got_shorter() {
        let mut pager = Pager { page: 4 };
        assert_eq!(pager.range(450), 400..450);
        assert_eq!(pager.range(0), 0..0);
        assert_eq!(pager.range(PAGE), 0..PAGE);
    }
}
