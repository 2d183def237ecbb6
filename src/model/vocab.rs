//! Controlled vocabularies: every choice column of the workbook is one of these enums.
//!
//! Each value has the label a coordinator reads (and the workbook writes) and the
//! synonyms that import accepts from spreadsheets people already keep ("Annually",
//! "Y", a DCAT code, a license URL…). Matching ignores case, spaces and punctuation,
//! so "bi-weekly" and "Biweekly" are the same answer.

/// A closed list of answers with a label for each.
pub trait Vocabulary: Copy + Eq + Sized + 'static {
    /// Every value, in the order the dropdown lists them.
    const ALL: &'static [Self];
    /// What the vocabulary is called, for messages ("a data classification").
    const NAME: &'static str;
    /// The words shown to people and written to the workbook.
    fn label(self) -> &'static str;
    /// Other words and codes that mean the same value.
    fn synonyms(self) -> &'static [&'static str];

    /// Reads a label or synonym, ignoring case, spaces and punctuation.
    fn parse(text: &str) -> Option<Self> {
        // Most values arrive exactly as the workbook wrote them: skip the work.
        if let Some(v) = Self::ALL.iter().find(|v| v.label() == text) {
            return Some(*v);
        }
        let wanted = normalize(text);
        if wanted.is_empty() {
            return None;
        }
        Self::ALL.iter().copied().find(|value| {
            normalize(value.label()) == wanted
                || value.synonyms().iter().any(|s| normalize(s) == wanted)
        })
    }

    /// The labels of every value, for dropdowns and the Lists sheet.
    fn labels() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.label()).collect()
    }
}

/// Lower-case letters and digits only: the key used to compare headers and answers.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Declares a vocabulary enum: `Variant => "Label" [synonyms…]`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $label:literal [$($syn:literal),* $(,)?]),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $crate::model::vocab::Vocabulary for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const NAME: &'static str = $what;
            fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
            fn synonyms(self) -> &'static [&'static str] {
                match self { $(Self::$variant => &[$($syn),*]),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::model::vocab::Vocabulary::label(*self))
            }
        }
    };
}

vocabulary!(
    /// Column 5: does the dataset hold personal or confidential information?
    SensitiveData, "an answer (Yes, No or Unsure)" {
        Yes => "Yes" ["y", "true", "x", "1", "yes sensitive"],
        No => "No" ["n", "false", "0", "none"],
        Unsure => "Unsure" ["unknown", "not sure", "maybe", "tbd"],
    }
);

vocabulary!(
    /// A plain yes or no answer.
    YesNo, "Yes or No" {
        Yes => "Yes" ["y", "true", "x", "1"],
        No => "No" ["n", "false", "0"],
    }
);

vocabulary!(
    /// The smallest area one record describes.
    Granularity, "a geographic granularity" {
        Address => "Address" ["point", "street address", "location"],
        Parcel => "Parcel" ["lot", "apn"],
        Block => "Block" ["census block", "block group"],
        CensusTract => "Census tract" ["tract"],
        Neighborhood => "Neighborhood" ["neighbourhood", "community"],
        CouncilDistrict => "Council district" ["district", "ward"],
        ZipCode => "ZIP code" ["zip", "postal code", "zipcode"],
        Citywide => "Citywide" ["city", "city wide", "city-wide", "whole city"],
        None => "None" ["not applicable", "n/a", "na", "no geography"],
    }
);

vocabulary!(
    /// How often data changes or is collected; each has its DCAT-US code.
    Frequency, "a frequency" {
        Continuously => "Continuously updated" ["R/PT1S", "continuous", "continuously", "real time", "realtime", "live", "streaming"],
        Hourly => "Hourly" ["R/PT1H", "every hour"],
        Daily => "Daily" ["R/P1D", "every day", "nightly", "day"],
        ThreeTimesAWeek => "Three times a week" ["R/P0.33W", "3 times a week", "3x a week"],
        Semiweekly => "Semiweekly" ["R/P3.5D", "twice a week", "semi-weekly", "2 times a week"],
        Weekly => "Weekly" ["R/P1W", "every week", "week"],
        Biweekly => "Biweekly" ["R/P2W", "bi-weekly", "every two weeks", "every 2 weeks", "fortnightly"],
        ThreeTimesAMonth => "Three times a month" ["R/P0.33M", "3 times a month"],
        Semimonthly => "Semimonthly" ["R/P0.5M", "semi-monthly", "twice a month", "2 times a month"],
        Monthly => "Monthly" ["R/P1M", "every month", "month"],
        Bimonthly => "Bimonthly" ["R/P2M", "bi-monthly", "every two months", "every 2 months"],
        Quarterly => "Quarterly" ["R/P3M", "every quarter", "every three months", "every 3 months", "quarter"],
        ThreeTimesAYear => "Three times a year" ["R/P4M", "3 times a year", "every four months"],
        Semiannual => "Semiannual" ["R/P6M", "semiannually", "semi-annual", "semi-annually", "twice a year", "biannual", "biannually", "every six months", "every 6 months"],
        Annual => "Annual" ["R/P1Y", "annually", "yearly", "every year", "once a year", "year"],
        Biennial => "Biennial" ["R/P2Y", "biennially", "every two years", "every 2 years"],
        Triennial => "Triennial" ["R/P3Y", "triennially", "every three years", "every 3 years"],
        Quadrennial => "Quadrennial" ["R/P4Y", "every four years", "every 4 years"],
        Decennial => "Decennial" ["R/P10Y", "every ten years", "every 10 years"],
        Irregular => "Irregular" ["irregular", "as needed", "ad hoc", "adhoc", "varies", "on demand", "as required"],
        NotUpdated => "Not updated (historical)" ["not updated", "historical", "never", "static", "one time", "once", "archived", "no longer updated"],
    }
);

impl Frequency {
    /// The DCAT-US `accrualPeriodicity` code; none for data no longer updated.
    pub fn dcat_code(self) -> Option<&'static str> {
        match self {
            Frequency::NotUpdated => None,
            Frequency::Irregular => Some("irregular"),
            other => other.synonyms().first().copied(),
        }
    }

    /// About how many days pass between two updates, for "refresh is late" checks.
    pub fn period_days(self) -> Option<u32> {
        use Frequency::*;
        Some(match self {
            Continuously | Hourly | Daily => 1,
            ThreeTimesAWeek | Semiweekly => 3,
            Weekly => 7,
            Biweekly => 14,
            ThreeTimesAMonth => 10,
            Semimonthly => 15,
            Monthly => 31,
            Bimonthly => 62,
            Quarterly => 92,
            ThreeTimesAYear => 122,
            Semiannual => 183,
            Annual => 366,
            Biennial => 731,
            Triennial => 1096,
            Quadrennial => 1461,
            Decennial => 3653,
            Irregular | NotUpdated => return None,
        })
    }
}

vocabulary!(
    /// Who may see the data.
    Classification, "a data classification (Public, Protected or Sensitive)" {
        Public => "Public" ["open", "level 1 public", "unrestricted"],
        Protected => "Protected" ["restricted public", "internal", "limited", "restricted"],
        Sensitive => "Sensitive" ["non-public", "nonpublic", "confidential", "private", "restricted non-public"],
    }
);

vocabulary!(
    /// The security level the city's security office assigns.
    SecurityLevel, "a security level (Level 1, Level 2 or Level 3)" {
        Level1 => "Level 1" ["1", "l1", "low"],
        Level2 => "Level 2" ["2", "l2", "moderate", "medium"],
        Level3 => "Level 3" ["3", "l3", "high"],
    }
);

vocabulary!(
    /// High, Medium or Low: used for data quality and for priority.
    Rating, "High, Medium or Low" {
        High => "High" ["h", "3", "hi", "very high"],
        Medium => "Medium" ["m", "2", "med", "moderate", "mid"],
        Low => "Low" ["l", "1", "lo", "very low"],
    }
);

vocabulary!(
    /// How often the public asks for this data through records requests.
    RecordsRequests, "how often it is requested (None, A few a year, Monthly, Weekly or Daily)" {
        None => "None" ["never", "0", "no", "rarely"],
        FewPerYear => "A few a year" ["a few times a year", "yearly", "annually", "occasionally", "few", "sometimes", "quarterly"],
        Monthly => "Monthly" ["every month", "often"],
        Weekly => "Weekly" ["every week", "frequently"],
        Daily => "Daily" ["every day", "very often", "constantly"],
    }
);

vocabulary!(
    /// The categories a new inventory starts with (its own list is kept in the
    /// inventory: `model::lists`), with the words imports have always read.
    Category, "a category" {
        Business => "Business" ["economy", "economic development", "commerce"],
        Education => "Education" ["schools", "libraries"],
        Elections => "Elections" ["voting", "election"],
        Environment => "Environment" ["sustainability", "energy"],
        Fiscal => "Fiscal" ["finance", "budget", "spending", "city finance"],
        Health => "Health" ["public health", "healthcare"],
        Operations => "Operations" ["city government", "administration", "government", "city management"],
        Properties => "Properties" ["housing", "real estate", "property", "housing and development"],
        PublicSafety => "Public Safety" ["safety", "police", "fire", "crime"],
        Recreation => "Recreation" ["parks", "parks and recreation", "culture", "arts"],
        Services => "Services" ["city services", "311", "service requests"],
        SocialServices => "Social Services" ["human services", "community services"],
        Transportation => "Transportation" ["transit", "traffic", "streets", "mobility"],
        Utilities => "Utilities" ["water", "sanitation", "infrastructure"],
        Other => "Other" ["misc", "miscellaneous", "general"],
    }
);

vocabulary!(
    /// The licenses a new inventory starts with (its own list is kept in the
    /// inventory: `model::lists`), with the words and web addresses that mean
    /// each, CKAN's opendefinition.org ones too.
    License, "a license" {
        Cc0 => "CC0 1.0" ["cc0", "https://creativecommons.org/publicdomain/zero/1.0/", "http://creativecommons.org/publicdomain/zero/1.0/", "public domain", "cc zero", "http://opendefinition.org/licenses/cc-zero/"],
        Pddl => "ODC PDDL 1.0" ["pddl", "http://opendatacommons.org/licenses/pddl/", "https://opendatacommons.org/licenses/pddl/", "https://opendatacommons.org/licenses/pddl/1-0/", "odc-pddl", "http://opendefinition.org/licenses/odc-pddl/"],
        CcBy => "CC BY 4.0" ["cc by", "cc-by", "https://creativecommons.org/licenses/by/4.0/", "http://creativecommons.org/licenses/by/4.0/", "creative commons attribution", "http://opendefinition.org/licenses/cc-by/"],
        OdcBy => "ODC-By 1.0" ["odc by", "http://opendatacommons.org/licenses/by/", "https://opendatacommons.org/licenses/by/", "https://opendatacommons.org/licenses/by/1-0/", "http://opendefinition.org/licenses/odc-by/"],
        Other => "Other" ["custom", "other license"],
        NotDecided => "Not decided" ["undecided", "tbd", "unknown", "not sure"],
    }
);

impl License {
    /// The license's web address, as DCAT-US wants it.
    pub fn url(self) -> Option<&'static str> {
        match self {
            License::Cc0 => Some("https://creativecommons.org/publicdomain/zero/1.0/"),
            License::Pddl => Some("https://opendatacommons.org/licenses/pddl/1-0/"),
            License::CcBy => Some("https://creativecommons.org/licenses/by/4.0/"),
            License::OdcBy => Some("https://opendatacommons.org/licenses/by/1-0/"),
            License::Other | License::NotDecided => None,
        }
    }
}

vocabulary!(
    /// Where the dataset is on the review path.
    Status, "a publication status" {
        NotReady => "Not ready" ["not started", "in progress", "draft", "new"],
        Submitted => "Submitted for review" ["submitted", "stage 1", "in review", "under review"],
        Approved => "Approved" ["stage 2", "cleared", "ready to publish"],
        Published => "Published" ["live", "public", "open"],
        Returned => "Returned" ["changes requested", "sent back"],
        NotPublishable => "Not publishable" ["rejected", "cannot publish", "not public", "denied"],
        // Open data is permanent: a published dataset taken off the portal is
        // kept, with the reason in its history, never deleted.
        Withdrawn => "Withdrawn from the portal" ["withdrawn", "unpublished", "taken down", "removed from the portal"],
    }
);

vocabulary!(
    /// The answer to a check of the data submission checklist.
    CheckAnswer, "Yes, No or Not applicable" {
        Yes => "Yes" ["y", "true", "x"],
        No => "No" ["n", "false"],
        NotApplicable => "Not applicable" ["n/a", "na", "does not apply", "not relevant"],
    }
);

vocabulary!(
    /// What the Chief Data Officer decided about a dataset.
    CdoDecision, "a decision (Approved, Changes requested or Not publishable)" {
        Approved => "Approved" ["approve", "yes", "ok", "accepted"],
        ChangesRequested => "Changes requested" ["changes", "returned", "return", "revise", "needs changes", "request changes"],
        NotPublishable => "Not publishable" ["rejected", "reject", "no", "denied", "cannot publish"],
    }
);

impl CdoDecision {
    /// The status a dataset moves to when the CDO decides this.
    pub fn resulting_status(self) -> Status {
        match self {
            CdoDecision::Approved => Status::Approved,
            CdoDecision::ChangesRequested => Status::Returned,
            CdoDecision::NotPublishable => Status::NotPublishable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_and_synonym_reads_back_as_its_own_value() {
        fn check<V: Vocabulary + std::fmt::Debug>() {
            for v in V::ALL {
                assert_eq!(V::parse(v.label()), Some(*v), "{}", v.label());
                for s in v.synonyms() {
                    assert_eq!(V::parse(s), Some(*v), "synonym {s} of {}", v.label());
                }
            }
        }
        check::<SensitiveData>();
        check::<YesNo>();
        check::<Granularity>();
        check::<Frequency>();
        check::<Classification>();
        check::<SecurityLevel>();
        check::<Rating>();
        check::<RecordsRequests>();
        check::<Category>();
        check::<License>();
        check::<Status>();
        check::<CdoDecision>();
        check::<CheckAnswer>();
    }

    #[test]
    fn everyday_words_for_frequencies_are_understood() {
        assert_eq!(Frequency::parse("Annually"), Some(Frequency::Annual));
        assert_eq!(Frequency::parse("yearly"), Some(Frequency::Annual));
        assert_eq!(Frequency::parse("Bi-weekly"), Some(Frequency::Biweekly));
        assert_eq!(Frequency::parse("every month"), Some(Frequency::Monthly));
        assert_eq!(Frequency::parse("r/p1d"), Some(Frequency::Daily));
        assert_eq!(Frequency::Daily.dcat_code(), Some("R/P1D"));
        assert_eq!(Frequency::NotUpdated.dcat_code(), None);
        assert_eq!(Frequency::parse("sometimes"), None);
    }
}
