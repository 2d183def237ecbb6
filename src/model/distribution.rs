//! One way to get a dataset: a file to download, a page or an API to reach it
//! (DCAT-US's `distribution`). A dataset has a list of them; a portal catalog
//! gives several per dataset (the CSV, the data dictionary, a map…), and each is
//! kept as the catalog wrote it so that the data.json the app writes lists the
//! same ones again.

/// One distribution of a dataset, as text: a catalog's links are kept as
/// written (an `ftp://` link of an old catalog too), never dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Distribution {
    pub title: String,
    /// Where the file itself is downloaded (`downloadURL`).
    pub download_url: String,
    /// Where the data is reached: a page, an API, a map (`accessURL`).
    pub access_url: String,
    /// The file's media type, like `text/csv` (`mediaType`).
    pub media_type: String,
    /// The format in words, like `CSV` (`format`).
    pub format: String,
    pub description: String,
}

impl Distribution {
    /// Whether every part is empty: such a distribution is not kept.
    pub fn is_empty(&self) -> bool {
        self.parts().iter().all(|p| p.trim().is_empty())
    }

    /// The parts in the order of the workbook's Distributions columns (after
    /// the Inventory ID): Title, Download URL, Access URL, Media Type, Format,
    /// Description.
    pub fn parts(&self) -> [&str; 6] {
        [
            &self.title,
            &self.download_url,
            &self.access_url,
            &self.media_type,
            &self.format,
            &self.description,
        ]
    }

    /// A distribution from its parts in the order of `parts`, each trimmed.
    pub fn from_parts(parts: [String; 6]) -> Self {
        let [
            title,
            download_url,
            access_url,
            media_type,
            format,
            description,
        ] = parts.map(|p| super::dataset::clean_text(&p));
        Distribution {
            title,
            download_url,
            access_url,
            media_type,
            format,
            description,
        }
    }

    /// What a person reads for it in a list: its title, else its link, else
    /// its format.
    pub fn label(&self) -> &str {
        [
            &self.title,
            &self.download_url,
            &self.access_url,
            &self.format,
            &self.media_type,
        ]
        .into_iter()
        .find(|t| !t.is_empty())
        .map_or("(no title)", |t| t.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_distribution_reads_back_from_its_parts_and_an_empty_one_is_empty() {
        let d = Distribution {
            title: "Trees".into(),
            download_url: "https://data.city.gov/trees.csv".into(),
            media_type: "text/csv".into(),
            ..Distribution::default()
        };
        let parts = d.parts().map(str::to_string);
        assert_eq!(Distribution::from_parts(parts), d);
        assert!(!d.is_empty());
        assert!(Distribution::default().is_empty());
        assert_eq!(d.label(), "Trees");
        let untitled = Distribution {
            access_url: "https://x.org/api".into(),
            ..Distribution::default()
        };
        assert_eq!(untitled.label(), "https://x.org/api");
    }
}
