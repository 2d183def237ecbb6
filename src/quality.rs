//! The metadata quality score of a dataset: how findable and reusable its
//! published description is. It is modelled on data.europa.eu's Metadata
//! Quality Assessment (MQA): the same five dimensions (findability,
//! accessibility, interoperability, reusability, contextuality), its
//! indicators and points adapted to the fields a city's DCAT-US catalog has,
//! and its four bands at the same proportions of the highest score.
//!
//! It is apart from the checklist's progress on purpose: the checklist says
//! how complete the review is (the questions answered before a dataset may be
//! submitted); the score says how well the catalog entry will serve the people
//! who look for the data and reuse it. A dataset can have a complete checklist
//! and a poor score, and the other way round.
//!
//! Computed offline, from the dataset alone: no link is opened (MQA opens
//! them; here a link counts when it is a whole web address). Cheap enough to
//! compute for every row of a 100,000-dataset table (`store::TableRow`).
//! The indicators, their points and what each adapts are in docs/quality.md.

use crate::catalog::FactsOf;
use crate::catalog::links;
use crate::model::{Dataset, Distribution, Field};

/// MQA's five dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Findability,
    Accessibility,
    Interoperability,
    Reusability,
    Contextuality,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Findability,
        Dimension::Accessibility,
        Dimension::Interoperability,
        Dimension::Reusability,
        Dimension::Contextuality,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Dimension::Findability => "Findability",
            Dimension::Accessibility => "Accessibility",
            Dimension::Interoperability => "Interoperability",
            Dimension::Reusability => "Reusability",
            Dimension::Contextuality => "Contextuality",
        }
    }
}

/// Where a person improves an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concerns {
    /// A field of the dataset.
    Field(Field),
    /// The dataset's distributions (its files and links).
    Distributions,
    /// Its publication plan (published on, last refreshed).
    PublicationPlan,
}

impl Concerns {
    /// The words a person reads: the field's header, or the part of the editor.
    pub fn label(self) -> &'static str {
        match self {
            Concerns::Field(f) => f.header(),
            Concerns::Distributions => "Distributions",
            Concerns::PublicationPlan => "Publication plan",
        }
    }
}

/// One indicator of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indicator {
    Keywords,
    Category,
    GeographicCoverage,
    TimePeriod,
    LinkToData,
    DownloadLink,
    Format,
    MediaType,
    MediaTypeKnown,
    OpenFormat,
    MachineReadable,
    CatalogRules,
    License,
    LicenseAddress,
    Classification,
    ContactEmail,
    Publisher,
    DataDictionary,
    RelatedDocuments,
    PublishedOn,
    LastRefresh,
}

impl Indicator {
    pub const ALL: [Indicator; 21] = [
        Indicator::Keywords,
        Indicator::Category,
        Indicator::GeographicCoverage,
        Indicator::TimePeriod,
        Indicator::LinkToData,
        Indicator::DownloadLink,
        Indicator::Format,
        Indicator::MediaType,
        Indicator::MediaTypeKnown,
        Indicator::OpenFormat,
        Indicator::MachineReadable,
        Indicator::CatalogRules,
        Indicator::License,
        Indicator::LicenseAddress,
        Indicator::Classification,
        Indicator::ContactEmail,
        Indicator::Publisher,
        Indicator::DataDictionary,
        Indicator::RelatedDocuments,
        Indicator::PublishedOn,
        Indicator::LastRefresh,
    ];

    /// The points the indicator is worth (MQA's, see docs/quality.md).
    pub const fn points(self) -> u16 {
        use Indicator::*;
        match self {
            Keywords | Category | CatalogRules => 30,
            GeographicCoverage | TimePeriod => 20,
            LinkToData => 50,
            DownloadLink | Format | OpenFormat | MachineReadable | License | ContactEmail => 20,
            MediaType | MediaTypeKnown | LicenseAddress | Publisher => 10,
            Classification => 15,
            DataDictionary | RelatedDocuments | PublishedOn | LastRefresh => 5,
        }
    }

    pub fn dimension(self) -> Dimension {
        use Indicator::*;
        match self {
            Keywords | Category | GeographicCoverage | TimePeriod => Dimension::Findability,
            LinkToData | DownloadLink => Dimension::Accessibility,
            Format | MediaType | MediaTypeKnown | OpenFormat | MachineReadable | CatalogRules => {
                Dimension::Interoperability
            }
            License | LicenseAddress | Classification | ContactEmail | Publisher => {
                Dimension::Reusability
            }
            DataDictionary | RelatedDocuments | PublishedOn | LastRefresh => {
                Dimension::Contextuality
            }
        }
    }

    /// What the indicator asks, in a person's words.
    pub fn label(self) -> &'static str {
        use Indicator::*;
        match self {
            Keywords => "Has keywords",
            Category => "Has a category",
            GeographicCoverage => "Says the area it covers",
            TimePeriod => "Says the period it covers",
            LinkToData => "Has a web address where the data is reached",
            DownloadLink => "Has a file to download",
            Format => "Says its format",
            MediaType => "Its files say their media type",
            MediaTypeKnown => "Its media types are ones a portal reads (like text/csv)",
            OpenFormat => "Is in an open format (CSV, JSON, XML…)",
            MachineReadable => "Is in a format a program can read",
            CatalogRules => "Goes into the portal's catalog without being held back",
            License => "Has a license",
            LicenseAddress => "Its license has a web address",
            Classification => "Has a classification",
            ContactEmail => "Has a contact email",
            Publisher => "Names its department",
            DataDictionary => "Has a data dictionary",
            RelatedDocuments => "Lists related documents",
            PublishedOn => "Says when it was published",
            LastRefresh => "Says when its data was last refreshed",
        }
    }

    /// Where the person improves it (the held-back reason's field for the
    /// catalog's rules is found when the score is computed).
    fn concerns(self) -> Concerns {
        use Indicator::*;
        Concerns::Field(match self {
            Keywords => Field::Keywords,
            Category => Field::Category,
            GeographicCoverage => Field::GeographicCoverage,
            TimePeriod => Field::StartDate,
            LinkToData => Field::PublicationLink,
            DownloadLink | MediaType | MediaTypeKnown => return Concerns::Distributions,
            Format | OpenFormat | MachineReadable => Field::Format,
            CatalogRules => Field::Name,
            License | LicenseAddress => Field::License,
            Classification => Field::Classification,
            ContactEmail => Field::ContactEmail,
            Publisher => Field::Department,
            DataDictionary => Field::DescribedBy,
            RelatedDocuments => Field::RelatedDocuments,
            PublishedOn | LastRefresh => return Concerns::PublicationPlan,
        })
    }
}

/// The highest score: every indicator earned.
pub const MAX: u16 = {
    let mut sum = 0;
    let mut i = 0;
    while i < Indicator::ALL.len() {
        sum += Indicator::ALL[i].points();
        i += 1;
    }
    sum
};

/// MQA's bands. Its thresholds (out of 405 points: Excellent from 351, Good
/// from 221, Sufficient from 121) are kept as proportions of `MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Bad,
    Sufficient,
    Good,
    Excellent,
}

impl Band {
    /// The band of a score.
    pub fn of(points: u16) -> Band {
        // points / MAX >= threshold / 405, in whole numbers.
        let at_least = |threshold: u32| u32::from(points) * 405 >= threshold * u32::from(MAX);
        if at_least(351) {
            Band::Excellent
        } else if at_least(221) {
            Band::Good
        } else if at_least(121) {
            Band::Sufficient
        } else {
            Band::Bad
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Excellent => "Excellent",
            Band::Good => "Good",
            Band::Sufficient => "Sufficient",
            Band::Bad => "Bad",
        }
    }
}

/// One indicator as a dataset scores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earned {
    pub indicator: Indicator,
    pub earned: u16,
    pub possible: u16,
    pub concerns: Concerns,
}

impl Earned {
    pub fn is_earned(&self) -> bool {
        self.earned == self.possible
    }
}

/// A dataset's score, with its breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub breakdown: Vec<Earned>,
}

impl Score {
    pub fn points(&self) -> u16 {
        self.breakdown.iter().map(|e| e.earned).sum()
    }

    pub fn band(&self) -> Band {
        Band::of(self.points())
    }

    /// Points earned and possible in one dimension.
    pub fn dimension(&self, d: Dimension) -> (u16, u16) {
        self.breakdown
            .iter()
            .filter(|e| e.indicator.dimension() == d)
            .fold((0, 0), |(a, b), e| (a + e.earned, b + e.possible))
    }

    /// The missing indicator worth the most points (the first of equals, in
    /// the order of the dimensions): what to do next.
    pub fn top_improvement(&self) -> Option<Earned> {
        self.breakdown
            .iter()
            .filter(|e| !e.is_earned())
            .fold(None, |best: Option<&Earned>, e| match best {
                Some(b) if b.possible >= e.possible => Some(b),
                _ => Some(e),
            })
            .copied()
    }

    /// `245 of 375 (Good)`.
    pub fn summary(&self) -> String {
        format!("{} of {MAX} ({})", self.points(), self.band().label())
    }
}

/// Formats that are not one company's (MQA's "non-proprietary").
const OPEN: [&str; 15] = [
    "csv",
    "tsv",
    "json",
    "geojson",
    "jsonld",
    "xml",
    "rdf",
    "ttl",
    "ods",
    "txt",
    "kml",
    "gpx",
    "gpkg",
    "geopackage",
    "parquet",
];
/// Formats a program reads without a person (MQA's "machine-readable").
const MACHINE_READABLE: [&str; 20] = [
    "csv",
    "tsv",
    "json",
    "geojson",
    "jsonld",
    "xml",
    "rdf",
    "ttl",
    "ods",
    "xlsx",
    "xls",
    "excel",
    "kml",
    "gpx",
    "gpkg",
    "geopackage",
    "parquet",
    "shapefile",
    "shp",
    "api",
];

/// The words of a format or media type, in lower case (`text/csv` → text, csv).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// The dataset's score. `facts` are its distributions, its publication plan,
/// the inventory's lists (for license addresses) and its departments (for the
/// catalog's contact email fallback).
pub fn score(d: &Dataset, facts: FactsOf<'_>) -> Score {
    // The format in words and the media types, where the open and
    // machine-readable formats are looked for.
    let formats: Vec<&str> = std::iter::once(d.format.as_str())
        .chain(facts.distributions.iter().map(|x| x.format.as_str()))
        .chain(facts.distributions.iter().map(|x| x.media_type.as_str()))
        .filter(|t| !t.trim().is_empty())
        .collect();
    let has_word = |list: &[&str]| {
        formats
            .iter()
            .any(|f| words(f).any(|w| list.contains(&w.as_str())))
    };
    let media: Vec<&str> = facts
        .distributions
        .iter()
        .map(|x| x.media_type.trim())
        .filter(|m| !m.is_empty())
        .collect();
    let held = crate::catalog::entry_of(d, facts).err();
    let breakdown = Indicator::ALL
        .iter()
        .map(|&indicator| {
            use Indicator::*;
            let earned = match indicator {
                Keywords => d.keywords.iter().any(|k| !k.trim().is_empty()),
                Category => !d.category.trim().is_empty(),
                GeographicCoverage => !d.geographic_coverage.trim().is_empty(),
                TimePeriod => d.start_date.is_some(),
                LinkToData => links_to_data(d, facts.distributions),
                DownloadLink => facts
                    .distributions
                    .iter()
                    .any(|x| !x.download_url.trim().is_empty()),
                Format => {
                    !d.format.trim().is_empty()
                        || facts
                            .distributions
                            .iter()
                            .any(|x| !x.format.trim().is_empty())
                }
                MediaType => !media.is_empty(),
                MediaTypeKnown => {
                    !media.is_empty() && media.iter().all(|m| crate::catalog::is_media_type(m))
                }
                OpenFormat => has_word(&OPEN),
                MachineReadable => has_word(&MACHINE_READABLE),
                CatalogRules => held.is_none(),
                License => !d.license.trim().is_empty(),
                LicenseAddress => facts.lists.license_url(&d.license).is_some(),
                Classification => d.classification.is_some(),
                ContactEmail => crate::model::dataset::parse_email(&d.contact_email)
                    .is_ok_and(|a| !a.is_empty()),
                Publisher => !d.department.trim().is_empty(),
                DataDictionary => !d.described_by.trim().is_empty() || facts.dictionary.is_some(),
                RelatedDocuments => !d.related_documents.trim().is_empty(),
                PublishedOn => {
                    !d.issued.trim().is_empty()
                        || facts.plan.is_some_and(|p| p.published_on.is_some())
                }
                LastRefresh => {
                    !d.modified.trim().is_empty()
                        || facts.plan.is_some_and(|p| p.last_refreshed.is_some())
                }
            };
            // The catalog's rules are corrected where the first reason says.
            let concerns = match (indicator, &held) {
                (CatalogRules, Some(reasons)) => {
                    reasons.first().map_or(indicator.concerns(), |r| {
                        r.field().map_or(Concerns::Distributions, Concerns::Field)
                    })
                }
                _ => indicator.concerns(),
            };
            let possible = indicator.points();
            Earned {
                indicator,
                earned: if earned { possible } else { 0 },
                possible,
                concerns,
            }
        })
        .collect();
    Score { breakdown }
}

/// The average of several datasets' scores (a department's), rounded, with
/// its band; `None` for none.
pub fn average(points: impl IntoIterator<Item = u16>) -> Option<(u16, Band)> {
    let (sum, n) = points
        .into_iter()
        .fold((0u64, 0u64), |(s, n), p| (s + u64::from(p), n + 1));
    if n == 0 {
        return None;
    }
    let mean = u16::try_from((sum + n / 2) / n).unwrap_or(MAX);
    Some((mean, Band::of(mean)))
}

/// A saved dataset's score, reading what it needs of the inventory: its
/// distributions and publication plan, the lists and the departments.
pub fn score_in(store: &crate::store::Store, d: &Dataset) -> crate::store::Result<Score> {
    let (distributions, plan, dictionary) = match &d.id {
        Some(id) => (
            store.distributions(id)?,
            Some(store.plan(id)?),
            crate::profile::schema_files::dictionary_link(store, id)?,
        ),
        None => (Vec::new(), None, None),
    };
    let (lists, departments) = (store.lists()?, store.departments()?);
    Ok(score(
        d,
        FactsOf {
            departments: &departments,
            distributions: &distributions,
            plan: plan.as_ref(),
            lists: &lists,
            dictionary: dictionary.as_deref(),
        },
    ))
}

/// A whole web address where the data is reached: a distribution's link, the
/// Publication Link or the Landing Page. Not opened: the app checks no link.
fn links_to_data(d: &Dataset, distributions: &[Distribution]) -> bool {
    distributions
        .iter()
        .flat_map(|x| [&x.download_url, &x.access_url])
        .chain([&d.publication_link, &d.landing_page])
        .any(|l| links::is_web_address(&links::for_portal(l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_score_is_the_sum_of_the_indicators_points() {
        let sum: u16 = Indicator::ALL.iter().map(|i| i.points()).sum();
        assert_eq!(MAX, sum);
        assert_eq!(MAX, 375);
    }
}
