//! A portal's own catalog, read as datasets: a `data.json` (Project Open Data
//! v1.1, an object with `"dataset": [...]` as CKAN writes it, or v1.0, the bare
//! array Socrata wrote) and a Project Open Data CSV (one dataset per row, one
//! distribution per row from `downloadURL`/`mediaType`/`format`).
//!
//! Both yield the `FileContent` the spreadsheet path yields, with
//! `from_portal` set: the datasets are already published. Every key of an
//! entry lands somewhere: in its field, in the dataset's distributions, or in
//! Other Details as `key: value`, so nothing the catalog says is lost. A value
//! a field cannot take is kept in Other Details too, and the preview says so
//! once per key (not once per dataset).
//!
//! Why one file of this length: a catalog's every key must land somewhere, and
//! the table of keys, the limits that guard against hostile catalogs and the two
//! formats (JSON, CSV) that share them are read together to see that none is lost.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::{Map, Value};

use super::content::{FileContent, FileRow, Problem};
use super::limits::Limits;
use super::read::{Cell, Sheet};
use super::{FileRefusal, WorkbookError};
use crate::model::{Dataset, Distribution, Field, Status};

/// Whether a file is to be read as a catalog: named `.json`, or a text file
/// whose first character opens a JSON object or array.
pub(super) fn is_catalog_json(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if ext == "json" {
        return true;
    }
    if ext == "csv" || ext == "txt" {
        return false;
    }
    let mut head = [0u8; 64];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read(&mut head)
    }) else {
        return false;
    };
    let text = String::from_utf8_lossy(&head[..n]);
    matches!(
        text.trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next(),
        Some('{' | '[')
    )
}

/// Reads a data.json. A file past the size limit, damaged, or holding no list
/// of datasets is refused whole; everything else is read dataset by dataset.
pub(super) fn read_json(path: &Path, limits: &Limits) -> Result<FileContent, WorkbookError> {
    let refuse = |reason: FileRefusal| WorkbookError::read(path, reason);
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            refuse(FileRefusal::NoSuchFile)
        } else {
            refuse(e.into())
        }
    })?;
    if meta.len() > limits.json_bytes {
        return Err(refuse(FileRefusal::CatalogTooBig {
            size: meta.len(),
            limit: limits.json_bytes,
        }));
    }
    if meta.len() == 0 {
        return Err(refuse(FileRefusal::Empty));
    }
    let file = std::fs::File::open(path).map_err(|e| refuse(e.into()))?;
    // At most the limit is read, even from a file that grows while it is read.
    use std::io::Read;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limits.json_bytes)
        .read_to_end(&mut bytes)
        .map_err(|e| refuse(e.into()))?;
    // A catalog saved by Notepad starts with a byte order mark, which JSON
    // does not allow but which says nothing: it is skipped.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if let Err(e) = std::str::from_utf8(text) {
        let line = 1 + text[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        return Err(refuse(FileRefusal::CatalogNotUtf8 { line }));
    }
    let cost = parse_cost(text);
    if cost.bytes > limits.json_parse_bytes {
        return Err(refuse(FileRefusal::CatalogTooManyValues {
            values: cost.values,
        }));
    }
    // serde_json keeps the last of a key given twice in one dataset; the
    // values it would drop are found in a pass of their own, before the whole
    // catalog is parsed, so the two never take memory at once.
    let mut repeated = repeated_keys(text);
    let value: Value = serde_json::from_slice(text).map_err(|e| {
        if e.is_io() {
            refuse(FileRefusal::Io(std::io::Error::other(e.to_string())))
        } else if e.to_string().starts_with("recursion limit exceeded") {
            refuse(FileRefusal::CatalogTooDeep {
                line: e.line(),
                column: e.column(),
            })
        } else {
            refuse(FileRefusal::CatalogDamaged {
                line: e.line(),
                column: e.column(),
                cut_short: e.is_eof(),
            })
        }
    })?;
    drop(bytes);
    let entries = match value {
        Value::Array(list) => list,
        Value::Object(mut catalog) => match catalog.remove("dataset") {
            Some(Value::Array(list)) => list,
            _ => return Err(refuse(FileRefusal::NotACatalog)),
        },
        _ => return Err(refuse(FileRefusal::NotACatalog)),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("data.json")
        .to_string();
    let mut reader = CatalogReader::new(&name);
    if entries.len() > limits.rows {
        reader.content.errors.push(Problem {
            sheet: name.clone(),
            cell: String::new(),
            column: String::new(),
            message: format!(
                "The catalog lists {} datasets; this app imports at most {} at a time. Ask the portal for the catalog of one publisher at a time, and import those one after the other.",
                super::limits::count_text(entries.len()),
                super::limits::count_text(limits.rows)
            ),
        });
        return Ok(reader.finish());
    }
    for (i, entry) in entries.into_iter().enumerate() {
        match entry {
            Value::Object(mut map) => {
                for (key, earlier) in repeated.remove(&i).unwrap_or_default() {
                    reader.place = format!("dataset {}", i + 1);
                    reader.kept_aside(
                        &key,
                        &earlier.to_string(),
                        "the dataset gives the key more than once; the last is read",
                    );
                    map.insert(format!("{key} (given twice, the first)"), earlier);
                }
                let title = map.get("title").map(text_of).unwrap_or_default();
                let place = Place::Json {
                    number: i + 1,
                    title,
                };
                reader.read_entry(i, map, &place);
            }
            other => {
                let text = other.to_string();
                reader.hold(
                    i,
                    String::new(),
                    format!("dataset {}", i + 1),
                    String::new(),
                    format!(
                        "This entry of the catalog is not a dataset (it holds {}), so it was not read; the other datasets are. Check the catalog with the portal's team.",
                        what_it_holds(&other)
                    ),
                    vec![(String::new(), text)],
                );
            }
        }
    }
    Ok(reader.finish())
}

/// The keys each dataset (by its place in the list, from 0) gives more than
/// once, with every value but the last, which is the one serde_json keeps.
/// Found by a second pass over the text that holds one dataset at a time.
fn repeated_keys(text: &[u8]) -> HashMap<usize, Vec<(String, Value)>> {
    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    type Found = HashMap<usize, Vec<(String, Value)>>;

    /// The catalog: a bare list of datasets, or an object with `dataset`.
    struct Catalog<'a>(&'a mut Found);
    /// A value where a list or an entry should be (a number, a string, null):
    /// not one to look into; the whole parse that follows says what it is.
    macro_rules! ignore_scalars {
        () => {
            fn visit_bool<E>(self, _: bool) -> Result<(), E> {
                Ok(())
            }
            fn visit_i64<E>(self, _: i64) -> Result<(), E> {
                Ok(())
            }
            fn visit_u64<E>(self, _: u64) -> Result<(), E> {
                Ok(())
            }
            fn visit_f64<E>(self, _: f64) -> Result<(), E> {
                Ok(())
            }
            fn visit_str<E>(self, _: &str) -> Result<(), E> {
                Ok(())
            }
            fn visit_unit<E>(self) -> Result<(), E> {
                Ok(())
            }
        };
    }

    /// The list of datasets.
    struct Datasets<'a>(&'a mut Found);
    /// One entry of the list, at `1`.
    struct Entry<'a>(&'a mut Found, usize);

    impl<'de> Visitor<'de> for Catalog<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a catalog")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
            Datasets(self.0).visit_seq(seq)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "dataset" {
                    map.next_value_seed(Datasets(&mut *self.0))?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for Datasets<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Datasets<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of datasets")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq.next_element_seed(Entry(&mut *self.0, i))?.is_some() {
                i += 1;
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(())
        }
        ignore_scalars!();
    }
    impl<'de> DeserializeSeed<'de> for Entry<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Entry<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a dataset")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen: HashMap<String, Value> = HashMap::new();
            let mut earlier = Vec::new();
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                if let Some(before) = seen.insert(key.clone(), value) {
                    earlier.push((key, before));
                }
            }
            if !earlier.is_empty() {
                self.0.insert(self.1, earlier);
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(())
        }
        ignore_scalars!();
    }

    let mut found = Found::new();
    let mut d = serde_json::Deserializer::from_slice(text);
    // A text that does not parse is refused by the whole parse that follows.
    let _ = d.deserialize_any(Catalog(&mut found));
    found
}

/// What a catalog's text would take once parsed, estimated without parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ParseCost {
    /// How many values (objects, lists and what they hold), at most.
    values: usize,
    /// The memory they would take, in bytes.
    bytes: u64,
}

/// The memory a parsed object takes, about: its map's first node holds room
/// for eleven keys and values.
const OBJECT_COST: u64 = 640;
/// The memory any other parsed value takes, about, with its place in a list.
const VALUE_COST: u64 = 64;

/// Estimates what `text` parses to by counting, outside strings, the objects
/// (`{`) and the values of lists and objects (each `[` and `,` starts one):
/// one pass over the bytes, before any memory is taken for the values. A
/// string's text is counted by the file's size, which is limited on its own.
fn parse_cost(text: &[u8]) -> ParseCost {
    let (mut objects, mut values) = (0u64, 1u64);
    let (mut in_string, mut escaped) = (false, false);
    for &b in text {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => objects += 1,
            b'[' | b',' => values += 1,
            _ => {}
        }
    }
    ParseCost {
        values: (objects + values) as usize,
        bytes: objects * OBJECT_COST + values * VALUE_COST,
    }
}

/// The headers that tell a Project Open Data CSV from an inventory: the
/// catalog's own key names.
const POD_MARKERS: [&str; 3] = ["identifier", "accesslevel", "title"];

/// Whether a CSV sheet is a Project Open Data catalog: its first row names
/// `identifier`, `accessLevel` and `title` as the catalog's keys.
pub(super) fn is_pod_csv(sheet: &Sheet) -> bool {
    let Some(header) = sheet.rows.first() else {
        return false;
    };
    let names: Vec<String> = header.iter().map(|c| header_key(&c.text())).collect();
    POD_MARKERS.iter().all(|m| names.iter().any(|n| n == m))
}

/// A header as a key to compare: lower case, no spaces.
fn header_key(text: &str) -> String {
    text.trim().to_lowercase().replace(' ', "")
}

/// The keys of a POD CSV that hold a list, written with commas.
const LIST_KEYS: [&str; 6] = [
    "keyword",
    "theme",
    "references",
    "bureaucode",
    "programcode",
    "language",
];

/// Reads a Project Open Data CSV: each row an entry, its distribution from
/// `downloadURL`, `accessURL`, `mediaType` and `format`.
pub(super) fn read_pod_csv(sheet: &Sheet) -> FileContent {
    let mut reader = CatalogReader::new(&sheet.name);
    let header: Vec<String> = sheet.rows[0].iter().map(|c| c.text()).collect();
    let columns: HashMap<String, (usize, String)> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.trim().is_empty())
        .map(|(c, h)| (header_key(h), (c, h.trim().to_string())))
        .collect();
    for (r, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let mut map = Map::new();
        let mut contact = Map::new();
        let mut distribution = Map::new();
        for (c, cell) in row.iter().enumerate() {
            let text = cell.text();
            let text = text.trim();
            let Some(name) = header.get(c).map(|h| h.trim()) else {
                continue;
            };
            if text.is_empty() || name.is_empty() {
                continue;
            }
            let key = header_key(name);
            // A key a column before already gave (two `identifier` columns)
            // is kept in Other Details under its column, not written over.
            if map.contains_key(name)
                || contact.contains_key(name)
                || distribution.contains_key(name)
            {
                let column = super::column_letters(c);
                map.insert(format!("{name} (column {column})"), text.into());
                continue;
            }
            match key.as_str() {
                "fn" => {
                    contact.insert("fn".into(), text.into());
                }
                "hasemail" => {
                    contact.insert("hasEmail".into(), text.into());
                }
                "downloadurl" | "accessurl" | "mediatype" | "format" => {
                    distribution.insert(name.to_string(), text.into());
                }
                k if LIST_KEYS.contains(&k) => {
                    let list: Vec<Value> = text
                        .split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(|t| t.into())
                        .collect();
                    map.insert(name.to_string(), Value::Array(list));
                }
                _ => {
                    map.insert(name.to_string(), text.into());
                }
            }
        }
        // A `contactPoint` or `distribution` column of its own is kept beside
        // what the `fn`, `hasEmail` and link columns make of them.
        for (key, made) in [("contactPoint", contact), ("distribution", distribution)] {
            if made.is_empty() {
                continue;
            }
            let made = match key {
                "distribution" => Value::Array(vec![Value::Object(made)]),
                _ => Value::Object(made),
            };
            if let Some(own) = map.insert(key.into(), made) {
                map.insert(format!("{key} (as written)"), own);
            }
        }
        let place = Place::Csv {
            row: r,
            columns: &columns,
        };
        reader.read_entry(r, map, &place);
    }
    reader.finish()
}

/// Where an entry is in the file, to locate its problems.
enum Place<'a> {
    /// The `number`th dataset (from 1) of a data.json, with its title.
    Json { number: usize, title: String },
    /// Row `row` (from 0) of a POD CSV; `columns` gives each key's column.
    Csv {
        row: usize,
        columns: &'a HashMap<String, (usize, String)>,
    },
}

impl Place<'_> {
    /// How the entry at `row` (as `read_entry` numbers it) is named: "dataset
    /// 3" of a data.json, "row 4" of a CSV.
    fn row_name(&self, row: usize) -> String {
        match self {
            Place::Json { .. } => format!("dataset {}", row + 1),
            Place::Csv { .. } => format!("row {}", row + 1),
        }
    }

    /// The cell and column of a problem with `key`: "dataset 12 (“Bridges”)",
    /// "key modified" for a data.json; the cell and header for a CSV.
    fn locate(&self, key: &str) -> (String, String) {
        match self {
            Place::Json { number, title } if title.is_empty() => {
                (format!("dataset {number}"), format!("key {key}"))
            }
            Place::Json { number, title } => (
                format!(
                    "dataset {number} (“{}”)",
                    crate::model::dataset::shorten(title)
                ),
                format!("key {key}"),
            ),
            Place::Csv { row, columns } => {
                let wanted = header_key(key.split('.').next().unwrap_or(key));
                match columns.get(&wanted) {
                    Some((c, header)) => (super::cell_ref(*row, *c), header.clone()),
                    None => (format!("row {}", row + 1), key.to_string()),
                }
            }
        }
    }
}

/// What is kept in Other Details for one key, over the whole catalog: told
/// once in the preview, with how many datasets and a few of the values.
#[derive(Default)]
struct KeptAside {
    datasets: usize,
    examples: Vec<String>,
    why: &'static str,
    /// Kept in the field itself (a date as written), not in Other Details.
    in_field: bool,
}

/// Reads entries into one `FileContent`.
struct CatalogReader {
    content: FileContent,
    /// Per key, what was kept in Other Details, in key order.
    kept: BTreeMap<String, KeptAside>,
    /// Where the key being read is, for the examples of `kept`.
    place: String,
    /// Each portal identifier read, with the place (row) of its dataset.
    identifiers: HashMap<String, usize>,
}

impl CatalogReader {
    fn new(name: &str) -> Self {
        CatalogReader {
            content: FileContent {
                sheet: name.to_string(),
                from_portal: true,
                ..FileContent::default()
            },
            kept: BTreeMap::new(),
            place: String::new(),
            identifiers: HashMap::new(),
        }
    }

    fn finish(mut self) -> FileContent {
        for (key, kept) in std::mem::take(&mut self.kept) {
            let examples = kept.examples.join(", ");
            self.content.warnings.push(Problem {
                sheet: self.content.sheet.clone(),
                cell: String::new(),
                column: format!("key {key}"),
                message: format!(
                    "{} {} (key {key}): {}. {} For example, {examples}.",
                    super::limits::count_text(kept.datasets),
                    if kept.datasets == 1 { "dataset" } else { "datasets" },
                    kept.why,
                    if kept.in_field {
                        "It is kept as written, and the data.json the app writes says it again.".to_string()
                    } else {
                        format!("What the catalog says is kept in each dataset's Other Details, as \"{key}: …\".")
                    }
                ),
            });
        }
        let mut fields: Vec<Field> = self.content.fields.clone();
        fields.sort();
        fields.dedup();
        self.content.fields = fields;
        self.content
    }

    /// Notes that a key's value went to Other Details, and why.
    fn kept_aside(&mut self, key: &str, value: &str, why: &'static str) {
        let kept = self.kept.entry(key.to_string()).or_default();
        kept.datasets += 1;
        kept.why = why;
        let example = format!(
            "{}: \"{}\"",
            self.place,
            crate::model::dataset::shorten(value)
        );
        if kept.examples.len() < 3 {
            kept.examples.push(example);
        }
    }

    /// Holds the entry at `row` back for a problem in it; the other entries
    /// are read. `values` are its keys and values as the catalog writes them.
    fn hold(
        &mut self,
        row: usize,
        name: String,
        cell: String,
        column: String,
        message: String,
        values: Vec<(String, String)>,
    ) {
        self.content.held.push(super::held::HeldRow {
            sheet: self.content.sheet.clone(),
            row,
            name,
            id: None,
            problems: vec![super::held::RowProblem {
                cell,
                column,
                field: None,
                message,
            }],
            values,
        });
    }

    /// Reads one entry of the catalog into a row of `content`.
    fn read_entry(&mut self, row: usize, map: Map<String, Value>, place: &Place) {
        let mut entry = Entry {
            dataset: Dataset {
                status: Status::Published,
                ..Dataset::default()
            },
            distributions: Vec::new(),
            other: Vec::new(),
            fields: vec![Field::Status],
        };
        let title_chars = map.get("title").map_or(0, |t| text_of(t).chars().count());
        let mut keys: Vec<(String, Value)> = map.into_iter().collect();
        // v1.0's dataset-level link and format come after its distributions,
        // so that a link they already list is not listed twice.
        keys.sort_by_key(|(k, _)| matches!(k.as_str(), "accessURL" | "format" | "webService"));
        for (key, value) in keys {
            if is_blank(&value) {
                continue;
            }
            self.read_key(&mut entry, &key, value, place);
        }
        if entry.dataset.name.is_empty() {
            let (cell, column) = place.locate("title");
            let message = if title_chars > 0 {
                format!(
                    "This dataset's title is {} characters long, more than the {} a spreadsheet cell holds, so it cannot be listed in the inventory; the other datasets are. Give it a shorter title on the portal (or in the file) and import again.",
                    super::limits::count_text(title_chars),
                    super::limits::count_text(crate::model::dataset::MAX_TEXT)
                )
            } else {
                "This dataset of the catalog has no title, so it cannot be listed in the inventory; the other datasets are. Give it a title on the portal (or in the file) and import again.".into()
            };
            let values = entry.other.iter().map(|l| key_value(l)).collect();
            self.hold(row, String::new(), cell, column, message, values);
            return;
        }
        if !entry.other.is_empty() {
            // One `key: value` line each: a value's own line breaks become spaces.
            let lines: Vec<String> = entry
                .other
                .iter()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            let details = lines.join("\n");
            if entry.dataset.set(Field::OtherDetails, &details).is_err() {
                // What fits no field is kept in Other Details; when even that
                // cell cannot hold it, the dataset waits rather than lose it.
                let (cell, column) = place.locate("title");
                let longest = lines.iter().max_by_key(|l| l.chars().count());
                let key = longest.map(|l| key_value(l).0).unwrap_or_default();
                let message = format!(
                    "What this dataset's catalog entry says beyond the inventory's fields is {} characters long (the longest is key {}), more than the {} a spreadsheet cell holds, so the dataset was not read; the other datasets are. Shorten that value on the portal (or in the file) and import again.",
                    super::limits::count_text(details.chars().count()),
                    crate::model::dataset::shorten(&key),
                    super::limits::count_text(crate::model::dataset::MAX_TEXT)
                );
                let name = entry.dataset.name.clone();
                let values = entry.other.iter().map(|l| key_value(l)).collect();
                self.hold(row, name, cell, column, message, values);
                return;
            }
            entry.fields.push(Field::OtherDetails);
        }
        let identifier = entry.dataset.get(Field::PortalIdentifier);
        if !identifier.is_empty() {
            // A portal identifier names one dataset for good: two datasets
            // under one would be matched to one another on the next import.
            if let Some(first) = self.identifiers.get(&identifier) {
                let (cell, column) = place.locate("identifier");
                let message = format!(
                    "This dataset has the same identifier (\"{}\") as {} of the catalog. A portal identifier names one dataset, so this one was not read; the other datasets are. Ask the portal's team which dataset the identifier belongs to, give the other its own, and import again.",
                    crate::model::dataset::shorten(&identifier),
                    place.row_name(*first)
                );
                let name = entry.dataset.name.clone();
                let values = vec![
                    ("title".to_string(), name.clone()),
                    ("identifier".to_string(), identifier),
                ];
                self.hold(row, name, cell, column, message, values);
                return;
            }
            self.identifiers.insert(identifier, row);
        }
        self.content.fields.extend(entry.fields);
        self.content.rows.push(FileRow {
            content_hash: None,
            row,
            dataset: entry.dataset,
            distributions: Some(entry.distributions),
        });
    }

    fn read_key(&mut self, entry: &mut Entry, key: &str, value: Value, place: &Place) {
        self.place = place.locate(key).0;
        match key {
            "@type" => {}
            "title" => entry.text(Field::Name, &value),
            "description" => entry.text(Field::Contents, &value),
            "identifier" => entry.text(Field::PortalIdentifier, &value),
            "keyword" | "keywords" => entry.keywords(&value),
            "modified" => self.date(entry, Field::Modified, key, &value),
            "issued" | "releaseDate" => self.date(entry, Field::Issued, key, &value),
            "publisher" => self.publisher(entry, &value),
            "contactPoint" => self.contact(entry, &value),
            "mbox" => self.set_or_keep(entry, Field::ContactEmail, key, &text_of(&value)),
            "accessLevel" => self.set_or_keep(entry, Field::Classification, key, &text_of(&value)),
            "license" => self.license(entry, &value),
            "theme" => self.theme(entry, &value),
            "spatial" => entry.text(Field::GeographicCoverage, &value),
            "temporal" => self.temporal(entry, &value),
            "accrualPeriodicity" | "frequency" => {
                self.set_or_keep(entry, Field::UpdateFrequency, key, &text_of(&value))
            }
            "landingPage" => self.set_or_keep(entry, Field::LandingPage, key, &text_of(&value)),
            "describedBy" => self.set_or_keep(entry, Field::DescribedBy, key, &text_of(&value)),
            "references" => {
                let links = list_of(&value).join("\n");
                entry.set(Field::RelatedDocuments, &links);
            }
            "distribution" => self.distributions(entry, &value),
            // v1.0: the dataset's own link and format, its first distribution.
            "accessURL" | "webService" => {
                let link = text_of(&value);
                if !entry.lists_link(&link) {
                    entry.distributions.push(Distribution {
                        access_url: link,
                        ..Distribution::default()
                    });
                }
            }
            "format" => {
                let format = text_of(&value);
                let listed = entry
                    .distributions
                    .iter()
                    .any(|d| d.media_type == format || d.format == format);
                if !listed {
                    entry.other.push(format!("format: {format}"));
                }
            }
            _ => entry.other.push(format!("{key}: {}", text_of(&value))),
        }
    }

    /// Sets a field, or keeps the value in Other Details when the field
    /// cannot take it (told once per key in the preview).
    fn set_or_keep(&mut self, entry: &mut Entry, field: Field, key: &str, text: &str) {
        if entry.try_set(field, text) {
            return;
        }
        entry.other.push(format!("{key}: {text}"));
        self.kept_aside(key, text, kept_why(field));
    }

    /// `modified`, `issued`: kept as the catalog wrote them; one that is not
    /// a date is still kept, and the preview says so.
    fn date(&mut self, entry: &mut Entry, field: Field, key: &str, value: &Value) {
        let text = text_of(value);
        entry.set(field, &text);
        if !is_portal_date(&text) {
            self.kept_aside(
                key,
                &text,
                "the date is not one a portal reads (like 2024-03-31 or 2024-03-31T10:00:00)",
            );
            if let Some(kept) = self.kept.get_mut(key) {
                kept.in_field = true;
            }
        }
    }

    /// `publisher`: a name, or `{ name, subOrganizationOf }`.
    fn publisher(&mut self, entry: &mut Entry, value: &Value) {
        match value {
            Value::Object(o) => {
                entry.text(Field::Department, o.get("name").unwrap_or(&Value::Null));
                let mut parents = Vec::new();
                let mut next = o.get("subOrganizationOf");
                while let Some(Value::Object(parent)) = next {
                    parents.push(parent.get("name").map(text_of).unwrap_or_default());
                    next = parent.get("subOrganizationOf");
                }
                if !parents.is_empty() {
                    entry
                        .other
                        .push(format!("publisher part of: {}", parents.join(", ")));
                }
            }
            other => entry.text(Field::Department, other),
        }
    }

    /// `contactPoint`: `{ fn, hasEmail }` (v1.1), or a name (v1.0).
    fn contact(&mut self, entry: &mut Entry, value: &Value) {
        match value {
            Value::Object(o) => {
                for (key, value) in o {
                    match key.as_str() {
                        "@type" => {}
                        "fn" => entry.text(Field::Steward, value),
                        "hasEmail" => self.set_or_keep(
                            entry,
                            Field::ContactEmail,
                            "contactPoint.hasEmail",
                            &text_of(value),
                        ),
                        other => entry
                            .other
                            .push(format!("contactPoint.{other}: {}", text_of(value))),
                    }
                }
            }
            other => entry.text(Field::Steward, other),
        }
    }

    /// `license`: a known license's address sets License. The address itself
    /// is kept in Other Details when it is not the license's own address (or
    /// fits no license), so the app's data.json gives the portal's again.
    fn license(&mut self, entry: &mut Entry, value: &Value) {
        let text = text_of(value);
        let choice = known_license(&text);
        // A license none of the seeded ones is the inventory's to add to its
        // list (the import offers it), under its address.
        entry.set(Field::License, choice.unwrap_or(&text));
        let own = choice.and_then(|label| {
            crate::model::Lists::seeded()
                .find(crate::model::List::Licenses, label)
                .map(|e| e.url.clone())
        });
        if own.as_deref() != Some(text.as_str()) {
            entry.other.push(format!("license: {text}"));
            if choice.is_none() {
                self.kept_aside(
                    "license",
                    &text,
                    "the license is none of the inventory's licenses",
                );
            }
        }
    }

    /// `theme`: the first theme that is one of the inventory's categories sets
    /// Category; the themes are kept in Other Details unless they are exactly
    /// that category, so the app's data.json gives the portal's again.
    fn theme(&mut self, entry: &mut Entry, value: &Value) {
        let themes = list_of(value);
        let category = themes
            .iter()
            .find_map(|t| Dataset::default().set(Field::Category, t).ok().map(|_| t));
        if let Some(theme) = category {
            entry.set(Field::Category, theme);
        }
        let exact = themes.len() == 1 && themes[0] == entry.dataset.get(Field::Category);
        if !exact && !themes.is_empty() {
            let joined = themes.join("; ");
            entry.other.push(format!("theme: {joined}"));
            if category.is_none() {
                self.kept_aside(
                    "theme",
                    &joined,
                    "the theme is none of the inventory's categories",
                );
            }
        }
    }

    /// `temporal`: `start/end` sets Start Date and End Date; the text is kept
    /// in Other Details when it says more than the two days (a time) or is not
    /// two dates.
    fn temporal(&mut self, entry: &mut Entry, value: &Value) {
        let text = text_of(value);
        let (start, end) = text.split_once('/').unwrap_or((text.as_str(), ""));
        let start_day = crate::model::dates::parse_date(start.trim());
        let end_day = crate::model::dates::parse_date(end.trim());
        match (start_day, end_day) {
            (Some(s), Some(e)) => {
                entry.set(Field::StartDate, &s.to_string());
                entry.set(Field::EndDate, &e.to_string());
                if text != format!("{s}/{e}") {
                    entry.other.push(format!("temporal: {text}"));
                }
            }
            _ => {
                entry.other.push(format!("temporal: {text}"));
                self.kept_aside(
                    "temporal",
                    &text,
                    "the time period is not two dates (start/end)",
                );
            }
        }
    }

    /// `distribution`: each object a distribution; its keys no column holds
    /// are kept in Other Details as `distribution N key: value`.
    fn distributions(&mut self, entry: &mut Entry, value: &Value) {
        let list: Vec<&Value> = match value {
            Value::Array(list) => list.iter().collect(),
            one => vec![one],
        };
        for item in list {
            let Value::Object(o) = item else {
                entry.other.push(format!("distribution: {}", text_of(item)));
                continue;
            };
            let n = entry.distributions.len() + 1;
            let mut d = Distribution::default();
            for (key, value) in o {
                let text = text_of(value);
                match key.as_str() {
                    "@type" => {}
                    "title" => d.title = text,
                    "downloadURL" => d.download_url = text,
                    "accessURL" => d.access_url = text,
                    "mediaType" => d.media_type = text,
                    "format" => d.format = text,
                    "description" => d.description = text,
                    // v1.0 (Socrata): [{ label: "csv", value: "text/csv" }].
                    "formats" => {
                        let first = match value {
                            Value::Array(f) => f.first(),
                            other => Some(other),
                        };
                        if let Some(Value::Object(f)) = first {
                            d.format = f.get("label").map(text_of).unwrap_or_default();
                            d.media_type = f.get("value").map(text_of).unwrap_or_default();
                        }
                        if matches!(value, Value::Array(f) if f.len() > 1) {
                            entry
                                .other
                                .push(format!("distribution {n} formats: {text}"));
                        }
                    }
                    other => entry
                        .other
                        .push(format!("distribution {n} {other}: {text}")),
                }
            }
            let d = Distribution::from_parts(d.parts().map(str::to_string));
            if !d.is_empty() {
                entry.distributions.push(d);
            }
        }
    }
}

/// One entry being read.
struct Entry {
    dataset: Dataset,
    distributions: Vec<Distribution>,
    /// `key: value` lines for Other Details.
    other: Vec<String>,
    /// The fields the entry gave.
    fields: Vec<Field>,
}

impl Entry {
    /// Sets a text field, which takes any text.
    fn text(&mut self, field: Field, value: &Value) {
        let text = text_of(value);
        self.set(field, &text);
    }

    /// Sets a field the value is known to fit; a value too long for a cell
    /// (more than 32,767 characters) is kept in Other Details instead.
    fn set(&mut self, field: Field, text: &str) {
        if !self.try_set(field, text) {
            self.other.push(format!("{}: {text}", field.header()));
        }
    }

    fn try_set(&mut self, field: Field, text: &str) -> bool {
        if text.trim().is_empty() {
            return true;
        }
        let ok = self.dataset.set(field, text).is_ok();
        if ok {
            self.fields.push(field);
        }
        ok
    }

    /// `keyword` as a list, or as one text with commas (v1.0): added to what
    /// `keywords` gave.
    fn keywords(&mut self, value: &Value) {
        let mut words = self.dataset.keywords.clone();
        for word in list_of(value) {
            for w in crate::model::dataset::parse_keywords(&word) {
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
        if !words.is_empty() {
            self.dataset.keywords = words;
            self.fields.push(Field::Keywords);
        }
    }

    /// Whether a distribution already lists this link.
    fn lists_link(&self, link: &str) -> bool {
        self.distributions
            .iter()
            .any(|d| d.access_url == link || d.download_url == link)
    }
}

/// What an entry that is not a dataset holds, in plain words.
fn what_it_holds(value: &Value) -> String {
    let short = |t: &str| crate::model::dataset::shorten(t);
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("only the word {b}"),
        Value::Number(n) => format!("only the number {n}"),
        Value::String(t) => format!("only the text \"{}\"", short(t)),
        Value::Array(a) => format!(
            "a list of {} {}",
            super::limits::count_text(a.len()),
            if a.len() == 1 { "item" } else { "items" }
        ),
        Value::Object(_) => "a dataset".into(),
    }
}

/// A `key: value` line of Other Details as its key and value.
fn key_value(line: &str) -> (String, String) {
    match line.split_once(": ") {
        Some((k, v)) => (k.to_string(), v.to_string()),
        None => (String::new(), line.to_string()),
    }
}

/// Why a field did not take a value, for the preview.
fn kept_why(field: Field) -> &'static str {
    match field {
        Field::ContactEmail => "the contact's email address is not one",
        Field::Classification => "the access level is not public, restricted public or non-public",
        Field::UpdateFrequency => "the update frequency is none the inventory knows",
        Field::LandingPage | Field::DescribedBy => {
            "the link is not a web address (http:// or https://)"
        }
        _ => "the value does not fit its field",
    }
}

/// A license's address (or name) as the inventory's license choice, for the
/// addresses portals write: CKAN's opendefinition.org names and the Creative
/// Commons and Open Data Commons pages. `None` for any other.
///
/// Until the inventory's own list of licenses (name and address) lands, this
/// maps to today's choices; the address is kept beside them (see `license`).
fn known_license(text: &str) -> Option<&'static str> {
    let t = text
        .trim()
        .trim_end_matches('/')
        .to_lowercase()
        .replace("https://", "")
        .replace("http://", "")
        .replace("www.", "");
    let known: [(&str, &str); 9] = [
        ("opendefinition.org/licenses/cc-zero", "CC0 1.0"),
        ("creativecommons.org/publicdomain/zero/1.0", "CC0 1.0"),
        ("opendefinition.org/licenses/cc-by", "CC BY 4.0"),
        ("creativecommons.org/licenses/by/4.0", "CC BY 4.0"),
        ("opendefinition.org/licenses/odc-by", "ODC-By 1.0"),
        ("opendatacommons.org/licenses/by/1-0", "ODC-By 1.0"),
        ("opendatacommons.org/licenses/by", "ODC-By 1.0"),
        ("opendefinition.org/licenses/odc-pddl", "ODC PDDL 1.0"),
        ("opendatacommons.org/licenses/pddl/1-0", "ODC PDDL 1.0"),
    ];
    if let Some((_, label)) = known.iter().find(|(url, _)| t == *url) {
        return Some(label);
    }
    // A license's name or one of the inventory's own synonyms ("cc0").
    use crate::model::vocab::Vocabulary;
    crate::model::License::parse(text)
        .filter(|l| l.url().is_some())
        .map(|l| l.label())
}

/// Whether a catalog's date is one a portal reads: a year, a year and month,
/// a date, or a date and time (ISO 8601), or a repeating period (`R/P1D`).
pub fn is_portal_date(text: &str) -> bool {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let day = t.get(..10).unwrap_or(t);
    match t.len() {
        4 => digits(t),
        7 => is_year_month(t),
        _ if t.starts_with('R') || t.starts_with('P') => t.contains('P'),
        _ => {
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()
                && t.get(10..)
                    .is_none_or(|rest| rest.is_empty() || rest.starts_with(['T', ' ']))
        }
    }
}

/// A year and month (`2023-05`). Told on ASCII text only: seven bytes may
/// hold fewer characters (`23–24`, with the dash a spreadsheet puts in), and
/// cutting one in the middle would stop the app.
pub fn is_year_month(t: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    t.len() == 7 && t.is_ascii() && digits(&t[..4]) && t.as_bytes()[4] == b'-' && digits(&t[5..])
}

/// A value as one text: a string as it is, a number or a boolean as written,
/// a list of strings joined with "; ", anything else as compact JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_string(),
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            list_of(value).join("; ")
        }
        other => other.to_string(),
    }
}

/// A value as a list of texts: a list's items, or one text split at commas.
fn list_of(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(text_of)
            .filter(|t| !t.is_empty())
            .collect(),
        Value::String(s) => s
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        Value::Null => Vec::new(),
        other => vec![text_of(other)],
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seven_byte_text_with_a_dash_outside_ascii_is_no_date() {
        assert!(!is_portal_date("23\u{2013}24"));
        assert!(!is_portal_date("2023\u{2013}5"));
        assert!(is_portal_date("2023-05"));
    }

    #[test]
    fn a_portal_date_is_a_year_a_month_a_day_or_a_day_and_time() {
        for ok in [
            "2019",
            "2019-06",
            "2019-06-26",
            "2019-06-26T13:10:03.558442",
            "2011-11-19T12:00:00Z",
            "R/P1D",
        ] {
            assert!(is_portal_date(ok), "{ok}");
        }
        for not in ["last week", "26/06/2019", "2019-13-01", ""] {
            assert!(!is_portal_date(not), "{not}");
        }
    }

    #[test]
    fn ckan_license_addresses_are_the_inventory_s_licenses() {
        assert_eq!(
            known_license("http://www.opendefinition.org/licenses/cc-zero"),
            Some("CC0 1.0")
        );
        assert_eq!(
            known_license("http://www.opendefinition.org/licenses/odc-by"),
            Some("ODC-By 1.0")
        );
        assert_eq!(
            known_license("https://creativecommons.org/publicdomain/zero/1.0/"),
            Some("CC0 1.0")
        );
        assert_eq!(
            known_license("http://www.opendefinition.org/licenses/odc-odbl"),
            None
        );
        assert_eq!(known_license("Public Domain\nCity of Austin"), None);
    }
}
