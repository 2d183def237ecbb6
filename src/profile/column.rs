//! One column's tally while the rows go by: counts by type, the distinct
//! values (as hashes, up to `DISTINCT_COUNTED`), the smallest and largest of
//! each kind, the shapes of personal data, and the first few examples. What
//! is kept does not grow with the rows.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::NaiveDateTime;

use super::personal::{self, ShapeCounts};
use super::values::{ColumnType, read_value};
use super::{Access, ColumnProfile, DISTINCT_COUNTED, Distinct, EXAMPLE_CHARS, EXAMPLES, Span};
use crate::workbook::read::Cell;

#[derive(Debug, Default)]
pub struct Tally {
    pub name: String,
    empty: u64,
    values: u64,
    kinds: HashMap<ColumnType, u64>,
    /// Hashes of the values seen; a hash collision of two values in 10,000
    /// is about one in 10^11, below anything a count shows.
    distinct: HashSet<u64>,
    over: bool,
    min: Option<f64>,
    max: Option<f64>,
    first: Option<NaiveDateTime>,
    last: Option<NaiveDateTime>,
    shortest: Option<u64>,
    longest: u64,
    /// How many values have each shape of personal data.
    shapes: ShapeCounts,
    examples: Vec<String>,
}

impl Tally {
    pub fn named(name: String) -> Self {
        Tally {
            name,
            ..Tally::default()
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn add_empty(&mut self) {
        self.empty += 1;
    }

    /// A cell that came late (a workbook whose cells are not in row order):
    /// its row was counted with this cell empty.
    pub fn add_late(&mut self, cell: &Cell) {
        if !cell.is_empty() {
            self.empty = self.empty.saturating_sub(1);
            self.add(cell);
        }
    }

    pub fn add(&mut self, cell: &Cell) {
        if cell.is_empty() {
            self.empty += 1;
            return;
        }
        let text = cell.as_text();
        let trimmed = text.trim();
        self.values += 1;
        let value = read_value(cell, trimmed);
        *self.kinds.entry(value.kind()).or_default() += 1;
        if let Some(n) = value.number() {
            self.min = Some(self.min.map_or(n, |m| m.min(n)));
            self.max = Some(self.max.map_or(n, |m| m.max(n)));
        }
        if let Some(t) = value.moment() {
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
        }
        let length = trimmed.chars().count() as u64;
        self.shortest = Some(self.shortest.map_or(length, |s| s.min(length)));
        self.longest = self.longest.max(length);
        self.shapes.add(trimmed);
        self.count_distinct(trimmed);
    }

    fn count_distinct(&mut self, text: &str) {
        if self.over {
            return;
        }
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        let new = self.distinct.insert(hasher.finish());
        if self.distinct.len() as u64 > DISTINCT_COUNTED {
            self.over = true;
            self.distinct = HashSet::new();
            return;
        }
        if new && self.examples.len() < EXAMPLES {
            self.examples.push(shorten(text));
        }
    }

    /// The column's profile. Its type is the one most of its values have (19
    /// in 20); a column of mixed values is text.
    pub fn finish(self) -> ColumnProfile {
        let kind = self.column_type();
        let other_values = self.values - self.fitting(kind);
        let personal = personal::flags(&self.name, kind, self.values, &self.shapes);
        // The smallest and largest of personal data are values of it (a
        // card number, a date of birth): such a column shows only lengths.
        let (span, examples) = if personal.is_empty() {
            (self.span(kind), self.examples)
        } else {
            (self.lengths(), Vec::new())
        };
        ColumnProfile {
            access: Access::default_for(!personal.is_empty()),
            access_note: String::new(),
            description: String::new(),
            unit: String::new(),
            empty_means: String::new(),
            name: self.name,
            kind,
            empty: self.empty,
            other_values,
            distinct: if self.over {
                Distinct::Over(DISTINCT_COUNTED)
            } else {
                Distinct::Exactly(self.distinct.len() as u64)
            },
            span,
            examples,
            personal,
        }
    }

    fn count(&self, kind: ColumnType) -> u64 {
        self.kinds.get(&kind).copied().unwrap_or(0)
    }

    /// The values a type takes: a whole number is a decimal too, a date is a
    /// date and time at midnight.
    fn fitting(&self, kind: ColumnType) -> u64 {
        match kind {
            ColumnType::Decimal | ColumnType::Latitude | ColumnType::Longitude => {
                self.count(ColumnType::Decimal) + self.count(ColumnType::WholeNumber)
            }
            ColumnType::DateTime => self.count(ColumnType::DateTime) + self.count(ColumnType::Date),
            ColumnType::Text => self.values,
            other => self.count(other),
        }
    }

    fn column_type(&self) -> ColumnType {
        if self.values == 0 {
            return ColumnType::Text;
        }
        let most = |kind| self.fitting(kind) * 20 >= self.values * 19;
        let candidates = [
            ColumnType::WholeNumber,
            ColumnType::Decimal,
            ColumnType::Date,
            ColumnType::DateTime,
            ColumnType::YesNo,
            ColumnType::Email,
            ColumnType::WebAddress,
            ColumnType::Coordinates,
        ];
        let Some(kind) = candidates.into_iter().find(|k| most(*k)) else {
            return ColumnType::Text;
        };
        if kind == ColumnType::Decimal {
            return self.degrees().unwrap_or(kind);
        }
        kind
    }

    /// A column of decimal degrees, told by its header and its range.
    fn degrees(&self) -> Option<ColumnType> {
        let header = self.name.to_lowercase();
        let word = |w: &str| header.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
        let (min, max) = (self.min?, self.max?);
        if (word("lat") || word("latitude") || word("y")) && min >= -90.0 && max <= 90.0 {
            return Some(ColumnType::Latitude);
        }
        if (word("lon") || word("long") || word("lng") || word("longitude") || word("x"))
            && min >= -180.0
            && max <= 180.0
        {
            return Some(ColumnType::Longitude);
        }
        None
    }

    fn span(&self, kind: ColumnType) -> Option<Span> {
        if kind.is_number() {
            return Some(Span::Numbers {
                min: self.min?,
                max: self.max?,
            });
        }
        if kind.is_date() {
            return Some(Span::Dates {
                first: self.first?,
                last: self.last?,
            });
        }
        self.lengths()
    }

    fn lengths(&self) -> Option<Span> {
        Some(Span::Lengths {
            shortest: self.shortest?,
            longest: self.longest,
        })
    }
}

/// An example as shown: at most `EXAMPLE_CHARS` characters, a longer one
/// ending with "…".
fn shorten(text: &str) -> String {
    match text.char_indices().nth(EXAMPLE_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
