//! What a sample's profile suggests for its dataset (issue 18, item 4): the
//! time span from its dates, a bounding box from its coordinates, the update
//! frequency from how far apart its dates are, the format and media type from
//! the file. Offered with why, never over a value already there, and never
//! taken from a column of personal data.

mod common;

use std::path::Path;

use inventory_desk::model::{Dataset, Distribution, Field};
use inventory_desk::profile::suggest::{Suggestion, Take, from_profile};
use inventory_desk::profile::{Profile, profile_file};
use inventory_desk::progress::Unwatched;

/// Weekly inspections of trees, with where each tree stands and, as personal
/// data, the inspector's date of birth.
const INSPECTIONS: &str = "Tree ID,Inspected on,Latitude,Longitude,Inspector date of birth\n\
1,2024-01-01,32.7157,-117.1611,1980-05-02\n\
2,2024-01-08,32.7500,-117.2000,1975-11-30\n\
3,2024-01-15,32.8000,-117.1000,1990-01-15\n\
4,2024-01-22,32.7000,-117.1500,1985-07-04\n\
5,2024-01-29,32.7600,-117.1300,1982-03-09\n";

fn sampled(dir: &Path, name: &str, text: &str) -> Profile {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    profile_file(&path, &Unwatched).unwrap()
}

fn offered<'a>(all: &'a [Suggestion], what: &str) -> Option<&'a Suggestion> {
    all.iter().find(|s| s.what == what)
}

#[test]
fn the_time_span_comes_from_the_dates_and_never_from_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let p = sampled(dir.path(), "inspections.csv", INSPECTIONS);
    assert!(p.column("Inspector date of birth").unwrap().is_personal());
    let all = from_profile(&p, &Dataset::named("Tree inspections"), &[]);
    let start = offered(&all, "Start Date").unwrap();
    assert_eq!(
        start.take,
        Take::Field(Field::StartDate, "2024-01-01".into())
    );
    assert_eq!(
        start.why,
        "the earliest date in the column \"Inspected on\" of inspections.csv"
    );
    assert_eq!(
        offered(&all, "End Date").unwrap().take,
        Take::Field(Field::EndDate, "2024-01-29".into())
    );
}

#[test]
fn the_area_is_the_box_around_the_sample_s_points() {
    let dir = tempfile::tempdir().unwrap();
    let p = sampled(dir.path(), "inspections.csv", INSPECTIONS);
    let all = from_profile(&p, &Dataset::named("Tree inspections"), &[]);
    let area = offered(&all, "Geographic Coverage").unwrap();
    assert_eq!(area.value, "-117.2000,32.7000,-117.1000,32.8000");
    assert!(
        area.why.contains("west, south, east, north"),
        "{}",
        area.why
    );
}

#[test]
fn dates_a_week_apart_suggest_weekly() {
    let dir = tempfile::tempdir().unwrap();
    let p = sampled(dir.path(), "inspections.csv", INSPECTIONS);
    let all = from_profile(&p, &Dataset::named("Tree inspections"), &[]);
    let frequency = offered(&all, "Update Frequency").unwrap();
    assert_eq!(frequency.value, "Weekly");
    assert_eq!(
        frequency.why,
        "the 5 different dates of the column \"Inspected on\" (2024-01-01 to 2024-01-29) are about 7 days apart"
    );
}

#[test]
fn the_format_and_media_type_come_from_the_sample_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = sampled(dir.path(), "inspections.csv", INSPECTIONS);
    let trees = Dataset::named("Tree inspections");
    let all = from_profile(&p, &trees, &[]);
    assert_eq!(
        offered(&all, "Format").unwrap().take,
        Take::Field(Field::Format, "CSV".into())
    );
    // No distribution yet: one for the file is offered, without a link.
    let Take::NewDistribution(new) = &offered(&all, "A distribution").unwrap().take else {
        panic!("a new distribution")
    };
    assert_eq!(
        (
            new.title.as_str(),
            new.format.as_str(),
            new.media_type.as_str()
        ),
        ("Tree inspections (CSV)", "CSV", "text/csv")
    );
    // A distribution of the same kind without a media type gets it; a page does not.
    let csv = Distribution {
        title: "Download".into(),
        download_url: "https://data.city.gov/trees.csv".into(),
        ..Distribution::default()
    };
    let page = Distribution {
        title: "Map".into(),
        access_url: "https://data.city.gov/trees".into(),
        ..Distribution::default()
    };
    let all = from_profile(&p, &trees, &[page, csv]);
    assert!(offered(&all, "A distribution").is_none());
    assert!(offered(&all, "Media Type of \"Map\"").is_none());
    let Take::Distribution {
        index,
        distribution,
    } = &offered(&all, "Media Type of \"Download\"").unwrap().take
    else {
        panic!("the distribution's media type")
    };
    assert_eq!(*index, 1);
    assert_eq!(distribution.media_type, "text/csv");
    assert_eq!(distribution.format, "CSV");
}

#[test]
fn nothing_is_offered_over_a_value_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let p = sampled(dir.path(), "inspections.csv", INSPECTIONS);
    let mut trees = Dataset::named("Tree inspections");
    trees.set(Field::StartDate, "2020-01-01").unwrap();
    trees.set(Field::UpdateFrequency, "Monthly").unwrap();
    trees.set(Field::Format, "SQL database").unwrap();
    trees
        .set(Field::GeographicCoverage, "City of San Diego")
        .unwrap();
    let all = from_profile(&p, &trees, &[]);
    let whats: Vec<&str> = all.iter().map(|s| s.what.as_str()).collect();
    assert_eq!(whats, ["End Date", "A distribution"]);
}

#[test]
fn a_sample_without_dates_or_coordinates_suggests_only_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = sampled(
        dir.path(),
        "parks.csv",
        "Park,Acres\nBalboa,1200\nPresidio,40\n",
    );
    let all = from_profile(&p, &Dataset::named("Parks"), &[]);
    let whats: Vec<&str> = all.iter().map(|s| s.what.as_str()).collect();
    assert_eq!(whats, ["Format", "A distribution"]);
}
