//! What a sample's profile suggests for the dataset's own fields (issue 18,
//! item 4): the temporal coverage from its date columns, the geographic
//! coverage from its latitude and longitude (a bounding box), the update
//! frequency from how far apart its dates are, and the format and media type
//! from the sample file. Only offered, each with why: nothing is filled in
//! unless the person takes it, and nothing is offered over a value already
//! there (as `crate::suggestions`).

use chrono::NaiveDate;

use super::{ColumnProfile, ColumnType, Distinct, Profile, Span};
use crate::model::{Dataset, Distribution, Field};

/// One thing the profile suggests.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// What it fills, in the words a person reads ("Start Date").
    pub what: String,
    /// The value offered, as it would be saved.
    pub value: String,
    /// Where it comes from, in plain words.
    pub why: String,
    pub take: Take,
}

/// What taking a suggestion writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Take {
    /// A field of the dataset that is empty.
    Field(Field, String),
    /// The distribution at this place of the dataset's list, with the media
    /// type (and the format, if it had none) filled in.
    Distribution {
        index: usize,
        distribution: Distribution,
    },
    /// A distribution for the file, when the dataset has none.
    NewDistribution(Distribution),
}

/// Everything the profile suggests for the dataset as it is now, in the
/// order of the editor's fields.
pub fn from_profile(
    profile: &Profile,
    dataset: &Dataset,
    distributions: &[Distribution],
) -> Vec<Suggestion> {
    let mut out = Vec::new();
    temporal(profile, &mut out);
    geographic(profile, &mut out);
    frequency(profile, &mut out);
    format(profile, dataset, distributions, &mut out);
    out.retain(|s| match &s.take {
        // Never over a value already there.
        Take::Field(field, _) => dataset.get(*field).trim().is_empty(),
        _ => true,
    });
    out
}

/// The columns whose values may be offered: no personal data (a date of
/// birth is not the data's time span).
fn open_columns(profile: &Profile) -> impl Iterator<Item = &ColumnProfile> {
    profile.columns.iter().filter(|c| !c.is_personal())
}

fn field(field: Field, value: String, why: String) -> Suggestion {
    Suggestion {
        what: crate::workbook::columns::column(field).header.to_string(),
        value: value.clone(),
        why,
        take: Take::Field(field, value),
    }
}

/// The earliest and the latest date of the date columns.
fn temporal(profile: &Profile, out: &mut Vec<Suggestion>) {
    let dates: Vec<_> = open_columns(profile)
        .filter_map(|c| match c.span {
            Some(Span::Dates { first, last }) if c.kind.is_date() => Some((c, first, last)),
            _ => None,
        })
        .collect();
    let first = dates.iter().min_by_key(|(_, first, _)| *first).copied();
    let last = dates.iter().max_by_key(|(_, _, last)| *last).copied();
    if let Some((c, first, _)) = first {
        let day = first.date().to_string();
        let why = format!(
            "the earliest date in the column \"{}\" of {}",
            c.name, profile.file_name
        );
        out.push(field(Field::StartDate, day, why));
    }
    if let Some((c, _, last)) = last {
        let day = last.date().to_string();
        let why = format!(
            "the latest date in the column \"{}\" of {}",
            c.name, profile.file_name
        );
        out.push(field(Field::EndDate, day, why));
    }
}

/// A bounding box of the latitude and longitude columns, written as
/// data.json's `spatial` takes one: west, south, east, north.
fn geographic(profile: &Profile, out: &mut Vec<Suggestion>) {
    let range = |kind: ColumnType| {
        open_columns(profile).find_map(|c| match c.span {
            Some(Span::Numbers { min, max }) if c.kind == kind => Some((c, min, max)),
            _ => None,
        })
    };
    let (Some((lat, south, north)), Some((lon, west, east))) =
        (range(ColumnType::Latitude), range(ColumnType::Longitude))
    else {
        return;
    };
    let n = |x: f64| format!("{x:.4}");
    let value = format!("{},{},{},{}", n(west), n(south), n(east), n(north));
    let why = format!(
        "the box around the sample's points (\"{}\" from {} to {}, \"{}\" from {} to {}): west, south, east, north, as the catalog's spatial coverage takes it",
        lat.name,
        n(south),
        n(north),
        lon.name,
        n(west),
        n(east)
    );
    out.push(field(Field::GeographicCoverage, value, why));
}

/// How often the data changes, from how far apart the dates of its date
/// column with the most different dates are on average.
fn frequency(profile: &Profile, out: &mut Vec<Suggestion>) {
    let best = open_columns(profile)
        .filter(|c| c.kind == ColumnType::Date)
        .filter_map(|c| match (c.distinct, c.span.as_ref()) {
            (Distinct::Exactly(n), Some(Span::Dates { first, last })) if n >= 3 => {
                Some((c, n, first.date(), last.date()))
            }
            _ => None,
        })
        .max_by_key(|(_, n, _, _)| *n);
    let Some((c, n, first, last)) = best else {
        return;
    };
    let gap = days_between(first, last) as f64 / (n - 1) as f64;
    let Some(label) = frequency_for(gap) else {
        return;
    };
    let why = format!(
        "the {n} different dates of the column \"{}\" ({first} to {last}) are about {} apart",
        c.name,
        days_text(gap)
    );
    out.push(field(Field::UpdateFrequency, label.to_string(), why));
}

fn days_between(first: NaiveDate, last: NaiveDate) -> i64 {
    (last - first).num_days().max(0)
}

/// The frequency whose period is nearest an average gap of `days`; none
/// past two years (the dates are not a series).
pub fn frequency_for(days: f64) -> Option<&'static str> {
    let bands: [(f64, &str); 7] = [
        (1.5, "Daily"),
        (10.0, "Weekly"),
        (21.0, "Biweekly"),
        (45.0, "Monthly"),
        (120.0, "Quarterly"),
        (240.0, "Semiannual"),
        (500.0, "Annual"),
    ];
    bands
        .iter()
        .find(|(up_to, _)| days <= *up_to)
        .map(|(_, label)| *label)
}

fn days_text(days: f64) -> String {
    let rounded = days.round() as i64;
    if rounded <= 1 {
        "a day".into()
    } else {
        format!("{rounded} days")
    }
}

/// The sample file's format in words and its media type, by its name.
pub fn file_kind(file_name: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let lower = file_name.to_lowercase();
    let kinds = [
        (".csv", "CSV", "text/csv"),
        (
            ".xlsx",
            "Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (".xls", "Excel", "application/vnd.ms-excel"),
        (
            ".ods",
            "OpenDocument spreadsheet",
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
    ];
    kinds.into_iter().find(|(end, _, _)| lower.ends_with(end))
}

/// The format of the sample for the dataset's Format, and its media type for
/// each distribution of the same kind of file that has none (or for a new
/// distribution, when the dataset has none yet).
fn format(
    profile: &Profile,
    dataset: &Dataset,
    distributions: &[Distribution],
    out: &mut Vec<Suggestion>,
) {
    let Some((end, word, media)) = file_kind(&profile.file_name) else {
        return;
    };
    let why = format!("the sample file {} is {word}", profile.file_name);
    out.push(field(Field::Format, word.to_string(), why));
    for (index, d) in distributions.iter().enumerate() {
        let same_kind = d.download_url.trim().to_lowercase().ends_with(end)
            || d.format.trim().eq_ignore_ascii_case(word);
        if !d.media_type.trim().is_empty() || !same_kind {
            continue;
        }
        let mut filled = d.clone();
        filled.media_type = media.to_string();
        if filled.format.trim().is_empty() {
            filled.format = word.to_string();
        }
        out.push(Suggestion {
            what: format!("Media Type of \"{}\"", d.label()),
            value: media.to_string(),
            why: format!("it is a {word} file, like the sample {}", profile.file_name),
            take: Take::Distribution {
                index,
                distribution: filled,
            },
        });
    }
    if distributions.is_empty() {
        let new = Distribution {
            title: format!("{} ({word})", dataset.name),
            media_type: media.to_string(),
            format: word.to_string(),
            ..Distribution::default()
        };
        out.push(Suggestion {
            what: "A distribution".into(),
            value: format!("{} ({media})", new.title),
            why: format!(
                "the data is a {word} file, like the sample {}; add its link once it is published",
                profile.file_name
            ),
            take: Take::NewDistribution(new),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_average_gap_between_dates_names_the_nearest_frequency() {
        assert_eq!(frequency_for(1.0), Some("Daily"));
        assert_eq!(frequency_for(7.0), Some("Weekly"));
        assert_eq!(frequency_for(14.0), Some("Biweekly"));
        assert_eq!(frequency_for(30.4), Some("Monthly"));
        assert_eq!(frequency_for(91.0), Some("Quarterly"));
        assert_eq!(frequency_for(182.0), Some("Semiannual"));
        assert_eq!(frequency_for(365.0), Some("Annual"));
        assert_eq!(frequency_for(900.0), None);
    }

    #[test]
    fn the_format_and_media_type_come_from_the_file_s_name() {
        assert_eq!(file_kind("Permits.CSV"), Some((".csv", "CSV", "text/csv")));
        assert_eq!(file_kind("a.xls").unwrap().2, "application/vnd.ms-excel");
        assert_eq!(file_kind("notes.txt"), None);
    }
}
