//! The words of headers, each brought to the one word a field's header uses for
//! that idea: `agency` is `department`, `summary` is `description`, `interval`
//! is `frequency`. Learnt from the inventories cities, states and federal
//! agencies publish (snake_case and CamelCase exports of their systems) and from
//! the field names of the portals' catalogs (Project Open Data, Socrata, CKAN).
//! Whole headers that are simply another name of a field are aliases in the
//! field table instead (`model::fields`).

/// Word → the field-header word it means.
const WORDS: &[(&str, &str)] = &[
    // Who owns it.
    ("agency", "department"),
    ("dept", "department"),
    ("organization", "department"),
    ("organisation", "department"),
    ("org", "department"),
    ("publisher", "department"),
    ("owner", "steward"),
    ("custodian", "steward"),
    ("responsible", "steward"),
    ("maintainer", "steward"),
    ("contact", "steward"),
    ("bureau", "division"),
    // What it is.
    ("summary", "description"),
    ("desc", "description"),
    ("descr", "description"),
    ("abstract", "description"),
    ("tag", "keyword"),
    ("theme", "category"),
    ("topic", "category"),
    ("subject", "category"),
    ("licence", "license"),
    // Where it lives and is found.
    ("database", "system"),
    ("repository", "system"),
    ("repo", "system"),
    ("platform", "system"),
    ("url", "link"),
    ("uri", "link"),
    ("website", "link"),
    ("webpage", "link"),
    ("href", "link"),
    ("mail", "email"),
    ("mbox", "email"),
    // When.
    ("interval", "frequency"),
    ("periodicity", "frequency"),
    ("freq", "frequency"),
    ("cadence", "frequency"),
    ("updated", "update"),
    ("refresh", "update"),
    ("refreshed", "update"),
    ("earliest", "start"),
    ("begin", "start"),
    ("beginning", "start"),
    ("latest", "end"),
    ("spatial", "geographic"),
    ("geography", "geographic"),
    ("geo", "geographic"),
    ("comment", "note"),
    // Units of measure, not an organisational unit.
    ("units", "measure"),
    ("remark", "note"),
];

/// Words that say little about which field a column is: dropped from both the
/// header and the field's names before they are compared, so `DATASET_SUMMARY`
/// is `summary` and `Data Steward` is `steward`.
const NOISE: &[&str] = &[
    "name", "code", "data", "dataset", "set", "record", "the", "of", "a", "an", "for", "from",
    "is", "in", "on", "to", "and", "or", "by", "has", "its", "person", "party", "info", "what",
    "how", "does", "do",
];

/// The things an inventory lists: `application name`, `table name` and
/// `DataSetVariableName` name the row itself.
const THINGS: &[&str] = &[
    "application",
    "app",
    "variable",
    "table",
    "file",
    "layer",
    "resource",
    "asset",
    "item",
    "dataset",
    "data",
    "set",
    "record",
    "entry",
];

/// The words that name a row: with only things and noise beside them, the
/// column is the datasets' names.
pub const NAMING: &[&str] = &["name", "title"];

/// Other words the splitter should know, to cut run-together headers.
pub const EXTRA_WORDS: &[&str] = &["id", "open", "portal", "object", "acronym", "type"];

/// The word a field's header uses for `word` (lower case): its synonym, else
/// the word without a plural `s`.
pub fn canonical(word: &str) -> String {
    let single = singular(word);
    for w in [word, single.as_str()] {
        if let Some((_, to)) = WORDS.iter().find(|(from, _)| *from == w) {
            return (*to).to_string();
        }
    }
    single
}

fn singular(word: &str) -> String {
    let keep = word.len() <= 3 || ["ss", "us", "is"].iter().any(|e| word.ends_with(e));
    match word.strip_suffix('s') {
        Some(stem) if !keep => stem.to_string(),
        _ => word.to_string(),
    }
}

pub fn is_noise(word: &str) -> bool {
    NOISE.contains(&word)
}

pub fn is_thing(word: &str) -> bool {
    THINGS.contains(&word)
}

/// Every word this module knows, for the splitter's vocabulary.
pub fn known_words() -> impl Iterator<Item = &'static str> {
    WORDS
        .iter()
        .flat_map(|(a, b)| [*a, *b])
        .chain(NOISE.iter().copied())
        .chain(THINGS.iter().copied())
        .chain(NAMING.iter().copied())
        .chain(EXTRA_WORDS.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_one_idea_are_one_word() {
        assert_eq!(canonical("agency"), "department");
        assert_eq!(canonical("keywords"), "keyword");
        assert_eq!(canonical("tags"), "keyword");
        assert_eq!(canonical("status"), "status");
        assert_eq!(canonical("address"), "address");
        assert_eq!(canonical("comments"), "note");
        assert_eq!(canonical("interval"), "frequency");
    }
}
