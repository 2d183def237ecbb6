//! The inventory's own lists: the categories and the licenses its city uses.
//!
//! Every portal has its own categories ("Civic Vitality & Governance",
//! "Housing & Properties") and licenses, so these are not a vocabulary compiled
//! into the app: they are kept in the inventory (seeded with the `Category` and
//! `License` vocabularies of `vocab.rs`) and edited on the Department screen.
//! A dataset keeps its category and license as text; a value not on the list is
//! kept as written and shown, never dropped. Matching a text to an entry (case,
//! spaces and punctuation ignored; a license also by its web address or another
//! address that means it, like CKAN's opendefinition.org ones) is done here.

use super::dataset::Dataset;
use super::fields::Field;
use super::vocab::{Category, License, Vocabulary, normalize};

/// One of the inventory's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum List {
    Categories,
    Licenses,
}

impl List {
    pub const ALL: [List; 2] = [List::Categories, List::Licenses];

    /// The list's stable name in the inventory file. Never renamed.
    pub fn key(self) -> &'static str {
        match self {
            List::Categories => "categories",
            List::Licenses => "licenses",
        }
    }

    /// "Categories": the list's title on screens and on the Lists sheet.
    pub fn title(self) -> &'static str {
        match self {
            List::Categories => "Categories",
            List::Licenses => "Licenses",
        }
    }

    /// "category", for sentences.
    pub fn singular(self) -> &'static str {
        match self {
            List::Categories => "category",
            List::Licenses => "license",
        }
    }

    /// "categories", for sentences.
    pub fn plural(self) -> &'static str {
        match self {
            List::Categories => "categories",
            List::Licenses => "licenses",
        }
    }

    /// The dataset field whose values the list holds.
    pub fn field(self) -> Field {
        match self {
            List::Categories => Field::Category,
            List::Licenses => Field::License,
        }
    }

    /// The dataset's value of this list's field, as `Dataset::get` gives it,
    /// without a copy: an import looks at both on every row.
    pub fn text_in(self, dataset: &Dataset) -> &str {
        match self {
            List::Categories => &dataset.category,
            List::Licenses => &dataset.license,
        }
    }

    /// The list a field takes its values from, if any.
    pub fn of(field: Field) -> Option<List> {
        List::ALL.into_iter().find(|l| l.field() == field)
    }

    /// What a new inventory starts with (`009_lists.sql` writes the same): the
    /// app's vocabulary; a license with its address and the other words and
    /// addresses it has always been read from. A category has no other words:
    /// a portal's "Energy" is its own category, not the app's Environment.
    pub fn seed(self) -> Vec<ListEntry> {
        match self {
            List::Categories => Category::ALL
                .iter()
                .map(|c| ListEntry::named(c.label()))
                .collect(),
            List::Licenses => License::ALL
                .iter()
                .map(|l| ListEntry {
                    name: l.label().to_string(),
                    url: l.url().unwrap_or_default().to_string(),
                    also: l.synonyms().iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
        }
    }

    /// The names a new inventory starts with, in order.
    pub fn seed_names(self) -> Vec<String> {
        self.seed().into_iter().map(|e| e.name).collect()
    }
}

/// One entry of a list: a category, or a license with its web address.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ListEntry {
    /// What datasets hold and people read ("CC BY 4.0", "Public Safety").
    pub name: String,
    /// A license's web address, as a catalog writes it; empty for a category.
    pub url: String,
    /// Other words and web addresses that mean this entry, read by imports.
    pub also: Vec<String>,
}

impl ListEntry {
    pub fn named(name: &str) -> Self {
        ListEntry {
            name: name.trim().to_string(),
            ..ListEntry::default()
        }
    }

    /// Whether `text` names this entry: its name, its address, or one of its
    /// other words or addresses.
    pub fn means(&self, text: &str) -> bool {
        let word = normalize(text);
        if word.is_empty() {
            return false;
        }
        let address = url_key(text);
        std::iter::once(self.name.as_str())
            .chain(std::iter::once(self.url.as_str()).filter(|u| !u.is_empty()))
            .chain(self.also.iter().map(String::as_str))
            .any(|known| match (&address, url_key(known)) {
                (Some(a), Some(b)) => *a == b,
                (None, None) => normalize(known) == word,
                _ => false,
            })
    }
}

/// A web address without what does not change its meaning: the scheme, `www.`,
/// a trailing slash, case. `None` for text that is not a web address.
pub fn url_key(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("www.").map(|_| lower.as_str()))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Both lists of an inventory, as read from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Lists {
    pub categories: Vec<ListEntry>,
    pub licenses: Vec<ListEntry>,
}

impl Lists {
    /// The lists a new inventory starts with.
    pub fn seeded() -> Lists {
        Lists {
            categories: List::Categories.seed(),
            licenses: List::Licenses.seed(),
        }
    }

    pub fn entries(&self, list: List) -> &[ListEntry] {
        match list {
            List::Categories => &self.categories,
            List::Licenses => &self.licenses,
        }
    }

    pub fn entries_mut(&mut self, list: List) -> &mut Vec<ListEntry> {
        match list {
            List::Categories => &mut self.categories,
            List::Licenses => &mut self.licenses,
        }
    }

    /// The names of a list, in its order: what a dropdown offers.
    pub fn names(&self, list: List) -> Vec<String> {
        self.entries(list).iter().map(|e| e.name.clone()).collect()
    }

    /// The entry `text` names: by name first (ignoring case, spaces and
    /// punctuation), then by address or another word that means it.
    pub fn find(&self, list: List, text: &str) -> Option<&ListEntry> {
        let entries = self.entries(list);
        let word = normalize(text);
        if word.is_empty() {
            return None;
        }
        entries
            .iter()
            .find(|e| normalize(&e.name) == word)
            .or_else(|| entries.iter().find(|e| e.means(text)))
    }

    /// The text a dataset keeps for `text`: the entry's name when it names
    /// one, else the text as written.
    pub fn canonical(&self, list: List, text: &str) -> String {
        match self.find(list, text) {
            Some(entry) => entry.name.clone(),
            None => text.to_string(),
        }
    }

    /// Matches a dataset's category and license to the entries: a value an
    /// entry means (its name in another case, a license's web address) becomes
    /// the entry's name; any other value is kept as written.
    pub fn match_dataset(&self, dataset: &mut Dataset) {
        self.finder().match_dataset(dataset);
    }

    /// A `find` that remembers each text's entry, for many rows at once.
    pub fn finder(&self) -> Finder<'_> {
        Finder {
            lists: self,
            found: Default::default(),
        }
    }

    /// The web address a catalog writes for a dataset's license: the list
    /// entry's, or the text itself when it is an address not on the list.
    pub fn license_url(&self, license: &str) -> Option<String> {
        match self.find(List::Licenses, license) {
            Some(entry) if !entry.url.is_empty() => Some(entry.url.clone()),
            Some(_) => None,
            None => url_key(license).map(|_| license.trim().to_string()),
        }
    }
}

/// `Lists::find`, remembering what each text found: a big file repeats a few
/// categories and licenses on every row, and each look-up normalizes every
/// entry's name (100,000 rows made that a tenth of an import's time).
pub struct Finder<'a> {
    lists: &'a Lists,
    /// Per list (in `List::ALL`'s order), the index of the entry each text
    /// names, by the text as written.
    found: [foldhash::HashMap<String, Option<usize>>; 2],
}

impl<'a> Finder<'a> {
    /// The entry `text` names, as `Lists::find` finds it.
    pub fn find(&mut self, list: List, text: &str) -> Option<&'a ListEntry> {
        let entries = self.lists.entries(list);
        let found = &mut self.found[list as usize];
        if let Some(index) = found.get(text) {
            return index.map(|i| &entries[i]);
        }
        let entry = self.lists.find(list, text);
        let index = entry.and_then(|e| entries.iter().position(|x| std::ptr::eq(x, e)));
        found.insert(text.to_string(), index);
        entry
    }

    /// `Lists::match_dataset`, with the look-ups remembered; says whether it
    /// changed the dataset.
    pub fn match_dataset(&mut self, dataset: &mut Dataset) -> bool {
        let mut changed = false;
        for list in List::ALL {
            let field = list.field();
            if dataset.is_blank(field) {
                continue;
            }
            let text = list.text_in(dataset);
            let Some(entry) = self.find(list, text) else {
                continue; // kept as written
            };
            if entry.name != text {
                // An entry's name is text the field takes: `set` cannot refuse it.
                changed |= dataset.set(field, &entry.name).is_ok();
            }
        }
        changed
    }
}

/// Licenses catalogs name by a web address that the seeded list does not hold:
/// an import that brings one adds it under this name, with the address as
/// written (CKAN writes opendefinition.org addresses).
const WELL_KNOWN_LICENSES: &[(&str, &[&str])] = &[
    (
        "ODC ODbL 1.0",
        &[
            "opendefinition.org/licenses/odc-odbl",
            "opendatacommons.org/licenses/odbl",
            "opendatacommons.org/licenses/odbl/1-0",
        ],
    ),
    (
        "CC BY-SA 4.0",
        &[
            "opendefinition.org/licenses/cc-by-sa",
            "creativecommons.org/licenses/by-sa/4.0",
        ],
    ),
    (
        "Other open license",
        &["opendefinition.org/licenses/other-open"],
    ),
    ("CC BY-NC 2.0", &["creativecommons.org/licenses/by-nc/2.0"]),
];

/// The entry an import adds for a value not on the list: a license written as
/// a known web address gets that license's name and keeps the address; any
/// other value is the entry's name as written (and its address, if it is one).
pub fn new_entry(list: List, text: &str) -> ListEntry {
    let text = text.trim();
    let Some(key) = url_key(text).filter(|_| list == List::Licenses) else {
        return ListEntry::named(text);
    };
    let name = WELL_KNOWN_LICENSES
        .iter()
        .find(|(_, urls)| urls.iter().any(|u| *u == key))
        .map_or(text, |(name, _)| name);
    ListEntry {
        name: name.to_string(),
        url: text.to_string(),
        also: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_license_is_found_by_name_address_or_ckan_address() {
        let lists = Lists::seeded();
        let name = |t: &str| lists.find(List::Licenses, t).map(|e| e.name.as_str());
        assert_eq!(name("cc by 4.0"), Some("CC BY 4.0"));
        assert_eq!(
            name("http://creativecommons.org/publicdomain/zero/1.0"),
            Some("CC0 1.0")
        );
        assert_eq!(
            name("http://www.opendefinition.org/licenses/cc-zero"),
            Some("CC0 1.0")
        );
        assert_eq!(
            name("http://opendefinition.org/licenses/odc-by/"),
            Some("ODC-By 1.0")
        );
        assert_eq!(
            name("http://www.opendefinition.org/licenses/odc-odbl"),
            None
        );
        assert_eq!(name(""), None);
    }

    #[test]
    fn a_value_not_on_the_list_is_kept_as_written() {
        let lists = Lists::seeded();
        assert_eq!(
            lists.canonical(List::Categories, "public safety"),
            "Public Safety"
        );
        assert_eq!(
            lists.canonical(List::Categories, "Civic Vitality & Governance"),
            "Civic Vitality & Governance"
        );
    }

    #[test]
    fn a_new_license_from_a_known_address_gets_its_name_and_keeps_the_address() {
        let e = new_entry(
            List::Licenses,
            "http://www.opendefinition.org/licenses/odc-odbl",
        );
        assert_eq!(e.name, "ODC ODbL 1.0");
        assert_eq!(e.url, "http://www.opendefinition.org/licenses/odc-odbl");
        let e = new_entry(List::Categories, "Geography");
        assert_eq!((e.name.as_str(), e.url.as_str()), ("Geography", ""));
    }
}
