//! The data dictionary: for each column of a dataset's profile, a plain
//! description, the unit of its values and what an empty cell means. The app
//! drafts a description and a unit from what the profile read (the header,
//! the type, the examples and the range); the coordinator and the steward
//! finish them. It travels in the workbook's Attributes sheet and as a
//! Frictionless Table Schema (`table_schema`), which data.json's
//! `describedBy` can point at.
//!
//! The three parts are kept on `ColumnProfile` itself: a column's words go
//! with its figures, and a sample read again keeps them for the columns of
//! the same name (`store::profiles`).

use serde_json::{Map, Value, json};

use super::{Access, ColumnProfile, ColumnType, Profile, Span};

/// One of the three things the dictionary says of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Description,
    Unit,
    EmptyMeans,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Description, Part::Unit, Part::EmptyMeans];

    /// The words a person reads: the editor's column heading and the
    /// Attributes sheet's header.
    pub fn label(self) -> &'static str {
        match self {
            Part::Description => "Description",
            Part::Unit => "Unit",
            Part::EmptyMeans => "Empty means",
        }
    }

    pub fn of(self, column: &ColumnProfile) -> &str {
        match self {
            Part::Description => &column.description,
            Part::Unit => &column.unit,
            Part::EmptyMeans => &column.empty_means,
        }
    }

    pub fn set(self, column: &mut ColumnProfile, text: &str) {
        let text = text.trim().to_string();
        match self {
            Part::Description => column.description = text,
            Part::Unit => column.unit = text,
            Part::EmptyMeans => column.empty_means = text,
        }
    }
}

/// Whether a dataset's profile has a dictionary to publish: at least one
/// column is described.
pub fn has_dictionary(profile: &Profile) -> bool {
    profile
        .columns
        .iter()
        .any(|c| !c.description.trim().is_empty())
}

/// The columns with no description yet, by name: what the completeness meter
/// counts as missing.
pub fn undescribed(profile: &Profile) -> Vec<String> {
    profile
        .columns
        .iter()
        .filter(|c| c.description.trim().is_empty())
        .map(|c| c.name.clone())
        .collect()
}

/// A first description, from the header, the type, and two examples or the
/// range (never a value of a column flagged as personal data): "Park: text,
/// for example “Balboa Park” or “Presidio Park”." The person rewrites it in
/// plain words; it only saves starting from nothing.
pub fn draft_description(column: &ColumnProfile) -> String {
    let name = readable(&column.name);
    let kind = kind_phrase(column.kind);
    let detail = if column.is_personal() {
        String::new()
    } else {
        match (&column.span, column.kind) {
            (Some(span @ (Span::Numbers { .. } | Span::Dates { .. })), kind) => {
                let text = span.text(kind);
                match text.split_once(" – ") {
                    Some((from, to)) if from != to => format!(", from {from} to {to}"),
                    _ => format!(", {text}"),
                }
            }
            _ => examples_phrase(&column.examples),
        }
    };
    format!("{name}: {kind}{detail}.")
}

/// A unit read from the header's words ("Height (ft)", "fine_amount_usd") or
/// the type (degrees); empty when nothing says one.
pub fn draft_unit(column: &ColumnProfile) -> String {
    if matches!(column.kind, ColumnType::Latitude | ColumnType::Longitude) {
        return "decimal degrees".into();
    }
    if !column.kind.is_number() {
        return String::new();
    }
    let header = column.name.to_lowercase();
    let words: Vec<&str> = header
        .split(|c: char| !c.is_alphanumeric() && c != '%')
        .filter(|w| !w.is_empty())
        .collect();
    const UNITS: [(&[&str], &str); 13] = [
        (&["sqft", "sq"], "square feet"),
        (&["ft", "feet", "foot"], "feet"),
        (&["acres", "acre"], "acres"),
        (&["miles", "mi", "mile"], "miles"),
        (
            &[
                "usd", "dollars", "amount", "cost", "price", "fee", "fine", "budget",
            ],
            "US dollars",
        ),
        (&["pct", "percent", "percentage", "%"], "percent"),
        (&["minutes", "mins", "min"], "minutes"),
        (&["hours", "hrs", "hr"], "hours"),
        (&["days"], "days"),
        (&["kg", "kilograms"], "kilograms"),
        (&["lbs", "lb", "pounds"], "pounds"),
        (&["gallons", "gal"], "gallons"),
        (&["inches", "in"], "inches"),
    ];
    UNITS
        .iter()
        .find(|(names, _)| words.iter().any(|w| names.contains(w)))
        .map(|(_, unit)| unit.to_string())
        .unwrap_or_default()
}

/// "fine_amount_usd" → "Fine amount usd"; "Permit ID" stays as it is.
fn readable(name: &str) -> String {
    let spaced: String = name
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

fn kind_phrase(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Text => "text",
        ColumnType::WholeNumber => "a whole number",
        ColumnType::Decimal => "a decimal number",
        ColumnType::Date => "a date",
        ColumnType::DateTime => "a date and time",
        ColumnType::YesNo => "yes or no",
        ColumnType::Email => "an email address",
        ColumnType::WebAddress => "a web address",
        ColumnType::Latitude => "the latitude, north or south",
        ColumnType::Longitude => "the longitude, east or west",
        ColumnType::Coordinates => "a latitude and longitude",
    }
}

fn examples_phrase(examples: &[String]) -> String {
    let quoted: Vec<String> = examples.iter().take(2).map(|e| format!("“{e}”")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => format!(", for example {one}"),
        [a, b] => format!(", for example {a} or {b}"),
        _ => unreachable!("at most two"),
    }
}

/// The columns a published file has: a column not released is taken out
/// before the data goes out, so the dictionary of the published data does not
/// list it.
pub fn published_columns(profile: &Profile) -> impl Iterator<Item = &ColumnProfile> {
    profile
        .columns
        .iter()
        .filter(|c| c.access != Access::NotReleased)
}

/// The Frictionless Table Schema (v1) of the published data: a field per
/// column that is released, with its type, its description (and the unit and
/// what an empty cell means, in words, as the specification has no key for
/// them), the constraints the profile knows (the range of degrees), and an
/// empty cell as the missing value. `None` when no column is released.
pub fn table_schema(profile: &Profile) -> Option<Value> {
    let fields: Vec<Value> = published_columns(profile).map(field).collect();
    if fields.is_empty() {
        return None;
    }
    Some(json!({
        "fields": fields,
        "missingValues": [""],
    }))
}

fn field(column: &ColumnProfile) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), json!(column.name));
    let (kind, format) = schema_type(column);
    f.insert("type".into(), json!(kind));
    if let Some(format) = format {
        f.insert("format".into(), json!(format));
    }
    let description = field_description(column);
    if !description.is_empty() {
        f.insert("description".into(), json!(description));
    }
    if column.kind == ColumnType::YesNo && !column.is_personal() {
        let (yes, no): (Vec<&String>, Vec<&String>) =
            column.examples.iter().partition(|e| is_yes(e));
        if !yes.is_empty() {
            f.insert("trueValues".into(), json!(yes));
        }
        if !no.is_empty() {
            f.insert("falseValues".into(), json!(no));
        }
    }
    let degrees = match column.kind {
        ColumnType::Latitude => Some(90),
        ColumnType::Longitude => Some(180),
        _ => None,
    };
    if let Some(limit) = degrees {
        f.insert(
            "constraints".into(),
            json!({ "minimum": -limit, "maximum": limit }),
        );
    }
    Value::Object(f)
}

/// The field's type and format in the specification's words. Dates the
/// sample writes other than as YYYY-MM-DD are "any" (a reader tries the usual
/// forms); both coordinates in one cell are text, as cities write them in
/// either order.
fn schema_type(column: &ColumnProfile) -> (&'static str, Option<&'static str>) {
    match column.kind {
        ColumnType::Text | ColumnType::Coordinates => ("string", None),
        ColumnType::Email => ("string", Some("email")),
        ColumnType::WebAddress => ("string", Some("uri")),
        ColumnType::WholeNumber => ("integer", None),
        ColumnType::Decimal | ColumnType::Latitude | ColumnType::Longitude => ("number", None),
        ColumnType::YesNo => ("boolean", None),
        ColumnType::Date => {
            let iso = !column.examples.is_empty() && column.examples.iter().all(|e| is_iso_date(e));
            ("date", (!iso).then_some("any"))
        }
        ColumnType::DateTime => ("datetime", Some("any")),
    }
}

fn is_iso_date(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() && text.len() == 10
}

fn is_yes(text: &str) -> bool {
    ["yes", "y", "true", "t", "1"]
        .iter()
        .any(|w| text.trim().eq_ignore_ascii_case(w))
}

/// The description, then "Unit: …." and "An empty cell means: …." when given.
pub fn field_description(column: &ColumnProfile) -> String {
    let mut parts = Vec::new();
    let description = column.description.trim();
    if !description.is_empty() {
        parts.push(description.to_string());
    }
    if !column.unit.trim().is_empty() {
        parts.push(format!("Unit: {}.", column.unit.trim()));
    }
    if !column.empty_means.trim().is_empty() {
        parts.push(format!(
            "An empty cell means: {}.",
            column.empty_means.trim().trim_end_matches('.')
        ));
    }
    parts.join(" ")
}

/// The name of a dataset's Table Schema file, in the folder the export
/// writes and at the address the dictionaries are published: its Inventory
/// ID, which never changes, so the link in data.json stays good.
pub fn schema_file_name(id: &crate::model::InventoryId) -> String {
    format!("{id}.json")
}

/// The address of a dataset's Table Schema, under the address where the
/// data dictionaries are published (`base`, a setting): `base/PRK-0001.json`.
pub fn schema_link(base: &str, id: &crate::model::InventoryId) -> String {
    format!(
        "{}/{}",
        base.trim().trim_end_matches('/'),
        schema_file_name(id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Distinct, PersonalFlag, PersonalKind};

    fn column(name: &str, kind: ColumnType, examples: &[&str]) -> ColumnProfile {
        ColumnProfile {
            name: name.into(),
            kind,
            empty: 0,
            other_values: 0,
            distinct: Distinct::Exactly(examples.len() as u64),
            span: None,
            examples: examples.iter().map(|e| e.to_string()).collect(),
            personal: Vec::new(),
            access: Access::Public,
            access_note: String::new(),
            description: String::new(),
            unit: String::new(),
            empty_means: String::new(),
        }
    }

    #[test]
    fn a_draft_names_the_column_its_type_and_two_examples() {
        let park = column(
            "park_name",
            ColumnType::Text,
            &["Balboa Park", "Presidio Park", "X"],
        );
        assert_eq!(
            draft_description(&park),
            "Park name: text, for example “Balboa Park” or “Presidio Park”."
        );
        let mut height = column("Height (ft)", ColumnType::Decimal, &[]);
        height.span = Some(Span::Numbers {
            min: 2.0,
            max: 80.5,
        });
        assert_eq!(
            draft_description(&height),
            "Height (ft): a decimal number, from 2 to 80.5."
        );
        assert_eq!(draft_unit(&height), "feet");
    }

    #[test]
    fn a_draft_never_shows_a_value_of_personal_data() {
        let mut email = column("Contact email", ColumnType::Email, &[]);
        email.personal = vec![PersonalFlag {
            kind: PersonalKind::Email,
            reason: "looks like email addresses".into(),
        }];
        email.span = Some(Span::Lengths {
            shortest: 5,
            longest: 30,
        });
        assert_eq!(
            draft_description(&email),
            "Contact email: an email address."
        );
    }

    #[test]
    fn a_unit_is_drafted_only_for_numbers_whose_header_names_one() {
        let fine = column("fine_amount", ColumnType::WholeNumber, &[]);
        assert_eq!(draft_unit(&fine), "US dollars");
        assert_eq!(draft_unit(&column("Fine", ColumnType::Text, &[])), "");
        assert_eq!(
            draft_unit(&column("Count", ColumnType::WholeNumber, &[])),
            ""
        );
        assert_eq!(
            draft_unit(&column("lat", ColumnType::Latitude, &[])),
            "decimal degrees"
        );
    }

    #[test]
    fn a_column_not_released_is_not_in_the_published_schema() {
        let mut hidden = column("SSN", ColumnType::Text, &[]);
        hidden.access = Access::NotReleased;
        let mut shown = column("Inspected", ColumnType::YesNo, &["Y", "N"]);
        shown.description = "Whether the tree was inspected".into();
        shown.empty_means = "not inspected yet.".into();
        let profile = Profile {
            file_name: "t.csv".into(),
            sheet: "t.csv".into(),
            file_bytes: 1,
            rows: 2,
            read_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            columns: vec![hidden, shown],
        };
        let schema = table_schema(&profile).unwrap();
        assert_eq!(
            schema,
            json!({
                "fields": [{
                    "name": "Inspected",
                    "type": "boolean",
                    "description": "Whether the tree was inspected An empty cell means: not inspected yet.",
                    "trueValues": ["Y"],
                    "falseValues": ["N"],
                }],
                "missingValues": [""],
            })
        );
        assert_eq!(undescribed(&profile), ["SSN"]);
        assert!(has_dictionary(&profile));
    }

    #[test]
    fn the_link_is_the_published_folder_and_the_inventory_id() {
        let id = "PRK-0001".parse().unwrap();
        assert_eq!(
            schema_link("https://data.city.gov/dictionaries/", &id),
            "https://data.city.gov/dictionaries/PRK-0001.json"
        );
    }
}
