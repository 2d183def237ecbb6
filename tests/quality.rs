//! The metadata quality score (src/quality.rs): each indicator is earned by
//! the value it asks for and lost without it, each band starts where MQA's
//! proportions put it, and the top improvement names the field to open; in the
//! window, the table's Metadata column sorts by it and the editor shows it
//! apart from the checklist, its top improvement a button to the field.

mod common;

use inventory_desk::catalog::FactsOf;
use inventory_desk::model::Field;
use inventory_desk::model::{
    Classification, Coordinator, Dataset, Department, Distribution, Lists, PublicationPlan, Status,
};
use inventory_desk::quality::{Band, Concerns, Indicator, MAX, Score, score};

/// A dataset, its distributions and plan: everything the score reads.
#[derive(Clone)]
struct Case {
    d: Dataset,
    distributions: Vec<Distribution>,
    plan: Option<PublicationPlan>,
}

fn lists() -> Lists {
    Lists::seeded()
}

fn parks() -> Vec<Department> {
    let mut parks = Department::new("PRK".parse().unwrap(), "Parks");
    parks.coordinators.push(Coordinator {
        name: "Ana".into(),
        email: "ana@parks.gov".into(),
    });
    vec![parks]
}

/// A dataset that earns every indicator.
fn full() -> Case {
    let mut d = Dataset::named("Street Trees");
    d.id = Some("PRK-0001".parse().unwrap());
    d.status = Status::Published;
    d.department = "Parks".into();
    d.steward = "Pat Lee".into();
    d.contact_email = "pat@city.gov".into();
    d.contents = "Every tree the city looks after.".into();
    d.keywords = vec!["trees".into()];
    d.category = "Environment".into();
    d.geographic_coverage = "City of Springfield".into();
    d.start_date = "2020-01-01".parse().ok();
    d.publication_link = "https://data.city.gov/d/trees".into();
    d.classification = Some(Classification::Public);
    d.license = "CC0 1.0".into();
    d.format = "CSV".into();
    d.described_by = "https://data.city.gov/trees-dictionary".into();
    d.related_documents = "https://data.city.gov/trees-guide".into();
    let csv = Distribution {
        title: "CSV".into(),
        download_url: "https://data.city.gov/trees.csv".into(),
        media_type: "text/csv".into(),
        format: "CSV".into(),
        ..Distribution::default()
    };
    let plan = PublicationPlan {
        published_on: "2024-03-01".parse().ok(),
        last_refreshed: "2025-06-30".parse().ok(),
        ..PublicationPlan::default()
    };
    Case {
        d,
        distributions: vec![csv],
        plan: Some(plan),
    }
}

fn scored(c: &Case) -> Score {
    let (lists, departments) = (lists(), parks());
    score(
        &c.d,
        FactsOf {
            departments: &departments,
            distributions: &c.distributions,
            plan: c.plan.as_ref(),
            lists: &lists,
            dictionary: None,
        },
    )
}

/// The indicators a change loses, from a dataset that earns them all.
fn lost(change: impl Fn(&mut Case)) -> Vec<Indicator> {
    let mut c = full();
    change(&mut c);
    scored(&c)
        .breakdown
        .iter()
        .filter(|e| !e.is_earned())
        .map(|e| e.indicator)
        .collect()
}

#[test]
fn a_dataset_with_every_value_earns_every_point() {
    let s = scored(&full());
    assert_eq!(s.points(), MAX, "{:?}", lost(|_| {}));
    assert_eq!(s.top_improvement(), None);
}

#[test]
fn keywords_are_findability() {
    assert_eq!(lost(|c| c.d.keywords.clear()), [Indicator::Keywords]);
    assert_eq!(Indicator::Keywords.points(), 30);
}

#[test]
fn a_category_is_findability() {
    assert_eq!(lost(|c| c.d.category.clear()), [Indicator::Category]);
}

#[test]
fn the_area_covered_is_findability() {
    assert_eq!(
        lost(|c| c.d.geographic_coverage.clear()),
        [Indicator::GeographicCoverage]
    );
}

#[test]
fn the_period_covered_is_findability() {
    assert_eq!(lost(|c| c.d.start_date = None), [Indicator::TimePeriod]);
}

#[test]
fn a_web_address_where_the_data_is_reached_is_accessibility_and_is_not_opened() {
    // An FTP download: a whole link the catalog takes, but no web address.
    let change = |c: &mut Case| {
        c.d.publication_link.clear();
        c.distributions[0].download_url = "ftp://data.city.gov/trees.csv".into();
    };
    assert_eq!(lost(change), [Indicator::LinkToData]);
    // An address that answers nothing still counts: no link is checked.
    assert!(lost(|c| c.d.publication_link = "https://nowhere.invalid/x".into()).is_empty());
}

#[test]
fn a_file_to_download_is_accessibility() {
    let change = |c: &mut Case| {
        c.distributions[0].download_url.clear();
        c.distributions[0].access_url = "https://data.city.gov/api/trees".into();
    };
    assert_eq!(lost(change), [Indicator::DownloadLink]);
}

#[test]
fn the_format_in_words_is_interoperability() {
    let change = |c: &mut Case| {
        c.d.format.clear();
        c.distributions[0].format.clear();
    };
    assert_eq!(lost(change), [Indicator::Format]);
}

#[test]
fn a_media_type_is_interoperability_and_a_download_needs_one_for_the_catalog() {
    let change = |c: &mut Case| c.distributions[0].media_type.clear();
    assert_eq!(
        lost(change),
        [
            Indicator::MediaType,
            Indicator::MediaTypeKnown,
            Indicator::CatalogRules
        ]
    );
    // A link without a file needs none for the catalog, and still loses it.
    let change = |c: &mut Case| {
        c.distributions[0].media_type.clear();
        c.distributions[0].download_url.clear();
        c.distributions[0].access_url = "https://data.city.gov/api/trees".into();
    };
    assert_eq!(
        lost(change),
        [
            Indicator::DownloadLink,
            Indicator::MediaType,
            Indicator::MediaTypeKnown
        ]
    );
}

#[test]
fn a_media_type_a_portal_reads_is_interoperability() {
    let change = |c: &mut Case| c.distributions[0].media_type = "CSV file".into();
    assert_eq!(
        lost(change),
        [Indicator::MediaTypeKnown, Indicator::CatalogRules]
    );
}

#[test]
fn an_open_format_is_interoperability() {
    let change = |c: &mut Case| {
        c.d.format = "Excel".into();
        c.distributions[0].format = "XLSX".into();
        c.distributions[0].media_type =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into();
    };
    assert_eq!(lost(change), [Indicator::OpenFormat]);
}

#[test]
fn a_format_a_program_reads_is_interoperability() {
    let change = |c: &mut Case| {
        c.d.format = "PDF".into();
        c.distributions[0].format = "PDF".into();
        c.distributions[0].media_type = "application/pdf".into();
    };
    assert_eq!(
        lost(change),
        [Indicator::OpenFormat, Indicator::MachineReadable]
    );
}

#[test]
fn going_into_the_catalog_without_being_held_back_is_interoperability() {
    let change = |c: &mut Case| c.d.contents = "word ".repeat(2_001);
    assert_eq!(lost(change), [Indicator::CatalogRules]);
    // Its improvement opens the field the held-back reason names.
    let mut c = full();
    change(&mut c);
    let top = scored(&c).top_improvement().unwrap();
    assert_eq!(top.indicator, Indicator::CatalogRules);
    assert_eq!(top.concerns, Concerns::Field(Field::Contents));
}

#[test]
fn a_license_is_reusability() {
    assert_eq!(
        lost(|c| c.d.license.clear()),
        [Indicator::License, Indicator::LicenseAddress]
    );
}

#[test]
fn a_license_with_a_web_address_is_reusability() {
    assert_eq!(
        lost(|c| c.d.license = "A license of our own".into()),
        [Indicator::LicenseAddress]
    );
}

#[test]
fn a_classification_is_reusability() {
    assert_eq!(
        lost(|c| c.d.classification = None),
        [Indicator::Classification]
    );
}

#[test]
fn a_contact_email_of_its_own_is_reusability() {
    // The catalog falls back to the coordinator's; the score asks for its own.
    assert_eq!(
        lost(|c| c.d.contact_email.clear()),
        [Indicator::ContactEmail]
    );
}

#[test]
fn naming_its_department_is_reusability() {
    assert!(lost(|c| c.d.department.clear()).contains(&Indicator::Publisher));
}

#[test]
fn a_data_dictionary_is_contextuality() {
    assert_eq!(
        lost(|c| c.d.described_by.clear()),
        [Indicator::DataDictionary]
    );
}

#[test]
fn related_documents_are_contextuality() {
    assert_eq!(
        lost(|c| c.d.related_documents.clear()),
        [Indicator::RelatedDocuments]
    );
}

#[test]
fn the_publication_date_is_contextuality_from_the_plan_or_the_portal() {
    let none = |c: &mut Case| c.plan.as_mut().unwrap().published_on = None;
    assert_eq!(lost(none), [Indicator::PublishedOn]);
    assert!(
        lost(|c| {
            none(c);
            c.d.issued = "2019-01-01".into();
        })
        .is_empty()
    );
}

#[test]
fn the_last_refresh_is_contextuality_from_the_plan_or_the_portal() {
    let none = |c: &mut Case| c.plan.as_mut().unwrap().last_refreshed = None;
    assert_eq!(lost(none), [Indicator::LastRefresh]);
    assert!(
        lost(|c| {
            none(c);
            c.d.modified = "2025-01-01".into();
        })
        .is_empty()
    );
}

#[test]
fn excellent_starts_at_mqa_s_share_of_the_highest_score() {
    // MQA: 351 of 405. Here: 325 of 375, the same share.
    assert_eq!(Band::of(MAX), Band::Excellent);
    assert_eq!(Band::of(325), Band::Excellent);
    assert_eq!(Band::of(324), Band::Good);
    assert_eq!(scored(&full()).band(), Band::Excellent);
}

#[test]
fn good_starts_at_mqa_s_share_of_the_highest_score() {
    // MQA: 221 of 405.
    assert_eq!(Band::of(205), Band::Good);
    assert_eq!(Band::of(204), Band::Sufficient);
    let mut c = full();
    c.d.keywords.clear();
    c.d.category.clear();
    assert_eq!(scored(&c).points(), MAX - 60);
    assert_eq!(scored(&c).band(), Band::Good);
}

#[test]
fn sufficient_starts_at_mqa_s_share_of_the_highest_score() {
    // MQA: 121 of 405.
    assert_eq!(Band::of(113), Band::Sufficient);
    assert_eq!(Band::of(112), Band::Bad);
    let mut c = full();
    c.distributions.clear();
    c.d.publication_link.clear();
    c.d.keywords.clear();
    c.d.category.clear();
    c.d.format.clear();
    let s = scored(&c);
    assert_eq!(s.band(), Band::Sufficient, "{}", s.summary());
}

#[test]
fn a_bare_dataset_is_bad_and_its_top_improvement_is_the_link_to_its_data() {
    let c = Case {
        d: Dataset::named("Benches"),
        distributions: Vec::new(),
        plan: None,
    };
    let s = scored(&c);
    assert_eq!(s.band(), Band::Bad, "{}", s.summary());
    let top = s.top_improvement().unwrap();
    assert_eq!(top.indicator, Indicator::LinkToData);
    assert_eq!(top.possible, 50);
    assert_eq!(top.concerns, Concerns::Field(Field::PublicationLink));
}

// ------------------------------------------------------------- in the window

mod window {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use inventory_desk::model::{Classification, Dataset, Field};
    use inventory_desk::quality::score_in;
    use inventory_desk::store::Store;
    use inventory_desk::ui::{App, Screen};

    use crate::common;
    use crate::common::person::{click, open_first_dataset};

    /// Parks with a bare dataset and a well-described one.
    fn two_datasets() -> (tempfile::TempDir, Store) {
        let (dir, mut store) = common::parks_file(&["Benches"]);
        let mut d = Dataset::named("Street Trees");
        d.keywords = vec!["trees".into()];
        d.category = "Environment".into();
        d.geographic_coverage = "City of Springfield".into();
        d.start_date = "2020-01-01".parse().ok();
        d.publication_link = "https://data.city.gov/d/trees".into();
        d.classification = Some(Classification::Public);
        d.contact_email = "pat@city.gov".into();
        d.license = "CC0 1.0".into();
        d.format = "CSV".into();
        store.create_dataset(&common::parks(), d).unwrap();
        (dir, store)
    }

    /// The cell the table shows for a dataset: its band and points.
    fn cell(store: &Store, name: &str) -> String {
        let d = store
            .datasets()
            .unwrap()
            .into_iter()
            .find(|d| d.name == name)
            .unwrap();
        let s = score_in(store, &d).unwrap();
        format!("{} {}", s.band().label(), s.points())
    }

    fn y(h: &Harness<'static, App>, label: &str) -> f32 {
        h.get_by_label(label).rect().center().y
    }

    #[test]
    fn the_table_shows_each_dataset_s_metadata_score_and_sorts_by_it() {
        let (_dir, store) = two_datasets();
        let (bare, rich) = (cell(&store, "Benches"), cell(&store, "Street Trees"));
        assert!(bare.starts_with("Bad "), "{bare}");
        let mut h = common::harness(store, Screen::Inventory);
        h.get_by_label(&bare);
        h.get_by_label(&rich);
        // Apart from the checklist: a column of its own (the navigation has
        // a Checklist button too).
        let checklist = h.query_all_by_role_and_label(egui::accesskit::Role::Button, "Checklist");
        assert_eq!(checklist.count(), 2);
        click(&mut h, "Metadata");
        assert!(y(&h, &bare) < y(&h, &rich), "lowest first");
        click(&mut h, "Metadata ⏶");
        assert!(y(&h, &rich) < y(&h, &bare), "highest first");
        h.get_by_label("Metadata ⏷");
    }

    #[test]
    fn progress_shows_each_department_s_average_score_and_band_apart_from_the_checklist() {
        let (_dir, store) = two_datasets();
        let points: Vec<u16> = store
            .datasets()
            .unwrap()
            .iter()
            .map(|d| score_in(&store, d).unwrap().points())
            .collect();
        let (mean, band) = inventory_desk::quality::average(points).unwrap();
        let h = common::harness_sized(common::app(store, Screen::Progress), 2000.0);
        h.get_by_label("Metadata score by department");
        h.get_by_label_contains("Checklist completeness, above, says how complete the review is");
        h.get_by_label("Average score");
        h.get_by_label(&mean.to_string());
        h.get_by_label(band.label());
    }

    #[test]
    fn the_editor_shows_the_score_apart_from_the_checklist_and_its_top_improvement_opens_the_field()
    {
        let (_dir, store) = common::parks_file(&["Benches"]);
        let d = store.datasets().unwrap().remove(0);
        let score = score_in(&store, &d).unwrap();
        let top = score.top_improvement().unwrap();
        // A short window: the field is below the fold until the button is used.
        let mut h = common::harness_sized(common::app(store, Screen::Inventory), 420.0);
        open_first_dataset(&mut h);
        h.get_by_label("Metadata score:");
        h.get_by_label(&score.summary());
        h.get_by_label_contains("The checklist above says how complete its review is");
        let words = inventory_desk::checklist::words(Field::PublicationLink);
        let button = "Top improvement: Has a web address where the data is reached (Link to Existing Publication, +50 points)";
        assert_eq!(top.possible, 50);
        assert!(y(&h, words) > 420.0, "not in view before");
        click(&mut h, button);
        h.run();
        let after = y(&h, words);
        assert!((0.0..420.0).contains(&after), "in view after: {after}");
        // The breakdown, indicator by indicator.
        click(&mut h, "Score breakdown");
        h.get_by_label("Has keywords");
        assert!(h.query_all_by_label("Not yet").count() >= 10);
        assert!(h.query_all_by_label("0 of 30").count() >= 2);
    }
}
