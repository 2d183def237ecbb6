//! The profile of a sample of a dataset's data: what each column holds, read
//! from a file the coordinator picks (CSV, .xlsx, .xls or .ods) through the
//! import's reader and its limits. Only the profile is kept, never the rows:
//! counts, the type read from the values, the smallest and largest, and up to
//! five examples of a column that holds no personal data.
//!
//! The profile is what the data dictionary is drafted from (each column's name,
//! type and examples), so it is plain data that serializes to JSON and comes
//! back whole. The modules: `values` (what one cell looks like), `column` (one
//! column's tally while the rows go by), `personal` (personal data flags),
//! `access` (who may see each column, and the Public rule), `read` (the file),
//! `dictionary` (each column's description, unit and empty meaning, drafted
//! from the profile and finished by people; its Table Schema).

pub mod access;
mod column;
pub mod dictionary;
pub mod personal;
mod read;
pub mod schema_files;
pub mod suggest;
pub mod values;

use serde::{Deserialize, Serialize};

pub use access::{Access, PublicRefused, check_public};
pub use dictionary::Part;
pub use personal::{PersonalFlag, PersonalKind};
pub use read::profile_file;
pub use values::ColumnType;

/// The most distinct values counted exactly in a column: past it the profile
/// says "over 10,000", so a column of a million IDs costs no more memory.
pub const DISTINCT_COUNTED: u64 = 10_000;

/// The examples kept of a column with no personal data.
pub const EXAMPLES: usize = 5;

/// The longest example kept, in characters: an example shows the shape of a
/// value, and a 32,767-character cell would fill the screen. Longer ones are
/// kept shortened, ending with "…".
pub const EXAMPLE_CHARS: usize = 80;

/// The profile of one sample file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The file's name (without its folder), as the coordinator picked it.
    pub file_name: String,
    /// The sheet the columns were read from (the file's name for a CSV).
    pub sheet: String,
    pub file_bytes: u64,
    /// The rows of data under the header row; rows with no value at all are
    /// not counted.
    pub rows: u64,
    /// The day the sample was read.
    pub read_on: chrono::NaiveDate,
    pub columns: Vec<ColumnProfile>,
}

/// What one column of the sample holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// The header, as written (a column with no header: "Column C").
    pub name: String,
    pub kind: ColumnType,
    /// The cells under the header with no value.
    pub empty: u64,
    /// The values that are not of `kind` (a "N/A" in a column of numbers).
    pub other_values: u64,
    pub distinct: Distinct,
    /// The smallest and largest, when the column has values.
    pub span: Option<Span>,
    /// Up to five different values, none for a column flagged as personal data.
    pub examples: Vec<String>,
    /// Why the column looks like personal data; empty when it does not.
    pub personal: Vec<PersonalFlag>,
    pub access: Access,
    /// How a column that is not released is removed or aggregated before the
    /// data is published.
    #[serde(default)]
    pub access_note: String,
    /// The data dictionary (`dictionary`): what the column means, in plain
    /// words. Empty until the coordinator or the steward writes it; a profile
    /// stored before the dictionary existed reads with all three empty.
    #[serde(default)]
    pub description: String,
    /// The unit of its values ("feet", "US dollars"), when it has one.
    #[serde(default)]
    pub unit: String,
    /// What an empty cell means ("not inspected yet", "no fine was due").
    #[serde(default)]
    pub empty_means: String,
}

impl ColumnProfile {
    pub fn is_personal(&self) -> bool {
        !self.personal.is_empty()
    }

    /// The share of empty cells, in percent, of `rows`.
    pub fn empty_percent(&self, rows: u64) -> f64 {
        if rows == 0 {
            return 0.0;
        }
        self.empty as f64 * 100.0 / rows as f64
    }

    /// Each flag's reason, as one sentence list.
    pub fn personal_reasons(&self) -> String {
        let reasons: Vec<&str> = self.personal.iter().map(|f| f.reason.as_str()).collect();
        reasons.join("; ")
    }
}

impl Profile {
    /// The columns flagged as personal data.
    pub fn personal_columns(&self) -> impl Iterator<Item = &ColumnProfile> {
        self.columns.iter().filter(|c| c.is_personal())
    }

    pub fn column(&self, name: &str) -> Option<&ColumnProfile> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// How many different values a column has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Distinct {
    Exactly(u64),
    /// More than this many (`DISTINCT_COUNTED`): counting stopped there.
    Over(u64),
}

impl std::fmt::Display for Distinct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::workbook::limits::count_text;
        match self {
            Distinct::Exactly(n) => write!(f, "{}", count_text(*n as usize)),
            Distinct::Over(n) => write!(f, "over {}", count_text(*n as usize)),
        }
    }
}

/// The smallest and largest values of a column, by its type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Span {
    Numbers {
        min: f64,
        max: f64,
    },
    /// Dates and dates with a time, earliest and latest.
    Dates {
        first: chrono::NaiveDateTime,
        last: chrono::NaiveDateTime,
    },
    /// Text: the shortest and longest value, in characters.
    Lengths {
        shortest: u64,
        longest: u64,
    },
}

impl Span {
    /// As the column list shows it ("1 – 250", "2019-01-01 – 2024-12-31",
    /// "3 – 40 characters").
    pub fn text(&self, kind: ColumnType) -> String {
        match self {
            Span::Numbers { min, max } => format!("{} – {}", number_text(*min), number_text(*max)),
            Span::Dates { first, last } if kind == ColumnType::Date => {
                format!("{} – {}", first.date(), last.date())
            }
            Span::Dates { first, last } => format!(
                "{} – {}",
                first.format("%Y-%m-%d %H:%M:%S"),
                last.format("%Y-%m-%d %H:%M:%S")
            ),
            Span::Lengths { shortest, longest } => {
                format!("{shortest} – {longest} characters")
            }
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
