//! What the person decided about a file that is not our own workbook, before it
//! is read into datasets: which field each column goes to, what each unknown value
//! means, which department the rows belong to, and the cells they fixed in the
//! preview. The import reads a file *with* these choices; the preview changes them
//! and reads again; the inventory remembers them for the next file with the same
//! headers; `--map FILE` gives them on the command line.
//!
//! Nothing here decides anything: `mapping` guesses the columns, `values` reads the
//! cells, and both take what is here over their guesses.

use std::collections::BTreeMap;

use crate::model::Field;

/// Where one column of a file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnChoice {
    /// Into this field.
    Field(Field),
    /// Kept as written in the dataset's Other Details (`Column: value`).
    OtherDetails,
    /// Not imported at all: the person chose to leave this column behind.
    Skip,
}

/// What one value of a choice field means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueChoice {
    /// One of the field's choices, by its label.
    Label(String),
    /// Not read into the field: kept as written in Other Details.
    KeepAsWritten,
}

/// A cell the person corrected in the preview: the 0-based row of the sheet, the
/// field, and the text to read instead of the file's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellFix {
    pub row: usize,
    pub field: Field,
    pub text: String,
}

/// Every choice made about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportChoices {
    /// By the column's header as the file writes it (trimmed).
    pub columns: BTreeMap<String, ColumnChoice>,
    /// By field, then by the value as the file writes it (trimmed).
    pub values: BTreeMap<Field, BTreeMap<String, ValueChoice>>,
    /// The department of rows that name none, when the file names none.
    pub department: Option<String>,
    /// Corrections typed in the preview; never remembered for another file.
    pub fixes: Vec<CellFix>,
}

impl ImportChoices {
    /// Whether nothing was chosen: the file is read on guesses alone.
    pub fn is_empty(&self) -> bool {
        self == &ImportChoices::default()
    }

    /// The choice for a column's header, if the person made one: by the header
    /// as written, else ignoring case, spaces and punctuation (a file with the
    /// same headers as one remembered may write them in capitals).
    pub fn column(&self, header: &str) -> Option<&ColumnChoice> {
        self.columns.get(header.trim()).or_else(|| {
            let key = crate::model::vocab::normalize(header);
            self.columns
                .iter()
                .find(|(h, _)| crate::model::vocab::normalize(h) == key)
                .map(|(_, c)| c)
        })
    }

    /// The choice for a value of a field, if the person made one.
    pub fn value(&self, field: Field, value: &str) -> Option<&ValueChoice> {
        self.values.get(&field)?.get(value.trim())
    }

    /// The fix typed for a cell, if any.
    pub fn fix(&self, row: usize, field: Field) -> Option<&str> {
        self.fixes
            .iter()
            .rev()
            .find(|f| f.row == row && f.field == field)
            .map(|f| f.text.as_str())
    }
}

impl ColumnChoice {
    /// What a `--map` file and the preview call it: the field's header, `Other
    /// Details` or `Not imported`.
    pub fn label(&self) -> &'static str {
        match self {
            ColumnChoice::Field(f) => f.header(),
            ColumnChoice::OtherDetails => OTHER_DETAILS,
            ColumnChoice::Skip => NOT_IMPORTED,
        }
    }

    /// Reads a label (ignoring case, spaces and punctuation); a field may also be
    /// named by one of its other names.
    pub fn from_label(text: &str) -> Option<ColumnChoice> {
        let key = crate::model::vocab::normalize(text);
        if key == crate::model::vocab::normalize(OTHER_DETAILS) {
            return Some(ColumnChoice::OtherDetails);
        }
        if key == crate::model::vocab::normalize(NOT_IMPORTED)
            || key == crate::model::vocab::normalize("skip")
        {
            return Some(ColumnChoice::Skip);
        }
        Field::from_header(text)
            .filter(|f| !f.is_read_only() || *f == Field::InventoryId)
            .map(ColumnChoice::Field)
    }
}

/// The label of `ColumnChoice::OtherDetails`.
pub const OTHER_DETAILS: &str = "Other Details";
/// The label of `ColumnChoice::Skip`.
pub const NOT_IMPORTED: &str = "Not imported";
/// The label of `ValueChoice::KeepAsWritten`.
pub const KEEP_AS_WRITTEN: &str = "Keep as written";

impl ValueChoice {
    pub fn label(&self) -> &str {
        match self {
            ValueChoice::Label(l) => l,
            ValueChoice::KeepAsWritten => KEEP_AS_WRITTEN,
        }
    }

    pub fn from_label(text: &str) -> ValueChoice {
        let key = crate::model::vocab::normalize(text);
        if key == crate::model::vocab::normalize(KEEP_AS_WRITTEN) {
            ValueChoice::KeepAsWritten
        } else {
            ValueChoice::Label(text.trim().to_string())
        }
    }
}

/// `ImportChoices` as a `--map` file and the inventory write them (see
/// docs/import-mapping.md): columns by header, values by field header, the
/// department. The cells fixed in a preview are never written.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoicesFile {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    columns: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    values: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    department: Option<String>,
}

impl From<&ImportChoices> for ChoicesFile {
    fn from(choices: &ImportChoices) -> Self {
        ChoicesFile {
            columns: choices
                .columns
                .iter()
                .map(|(h, c)| (h.clone(), c.label().to_string()))
                .collect(),
            values: choices
                .values
                .iter()
                .map(|(f, values)| {
                    let values = values
                        .iter()
                        .map(|(v, c)| (v.clone(), c.label().to_string()))
                        .collect();
                    (f.header().to_string(), values)
                })
                .collect(),
            department: choices.department.clone(),
        }
    }
}

impl TryFrom<ChoicesFile> for ImportChoices {
    type Error = String;

    fn try_from(file: ChoicesFile) -> Result<Self, String> {
        let mut choices = ImportChoices {
            department: file.department.filter(|d| !d.trim().is_empty()),
            ..ImportChoices::default()
        };
        for (header, target) in file.columns {
            let choice = ColumnChoice::from_label(&target).ok_or_else(|| {
                format!(
                    "the column \"{header}\" is given \"{target}\", which is not a column of the inventory: give a column's header (such as Dataset Name or Contents), \"{OTHER_DETAILS}\" or \"{NOT_IMPORTED}\""
                )
            })?;
            choices.columns.insert(header.trim().to_string(), choice);
        }
        for (field, values) in file.values {
            let Some(ColumnChoice::Field(f)) = ColumnChoice::from_label(&field) else {
                return Err(format!(
                    "the values are given for \"{field}\", which is not a column of the inventory: use a column's header, such as Data Classification"
                ));
            };
            let map = choices.values.entry(f).or_default();
            for (value, choice) in values {
                map.insert(value.trim().to_string(), ValueChoice::from_label(&choice));
            }
        }
        Ok(choices)
    }
}

impl serde::Serialize for ImportChoices {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ChoicesFile::from(self).serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for ImportChoices {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let file = ChoicesFile::deserialize(deserializer)?;
        ImportChoices::try_from(file).map_err(serde::de::Error::custom)
    }
}

impl ImportChoices {
    /// These choices over `remembered` (those made for an earlier file with the
    /// same headers): a choice made now wins; fixes are only ever today's.
    pub fn over(&self, remembered: &ImportChoices) -> ImportChoices {
        let mut merged = remembered.clone();
        merged.fixes = self.fixes.clone();
        merged
            .columns
            .extend(self.columns.iter().map(|(k, v)| (k.clone(), v.clone())));
        for (field, values) in &self.values {
            merged
                .values
                .entry(*field)
                .or_default()
                .extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if self.department.is_some() {
            merged.department = self.department.clone();
        }
        merged
    }

    /// What is remembered for the next file with the same headers: all but the
    /// fixed cells.
    pub fn to_remember(&self) -> ImportChoices {
        ImportChoices {
            fixes: Vec::new(),
            ..self.clone()
        }
    }

    /// Reads a `--map` file: TOML, or JSON when its name ends in `.json`.
    pub fn from_map_file(path: &std::path::Path) -> Result<ImportChoices, String> {
        let text = read_map_text(path)?;
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let parsed = if json {
            serde_json::from_str(&text).map_err(|e| e.to_string())
        } else {
            toml::from_str(&text).map_err(|e| e.to_string())
        };
        parsed.map_err(|e| {
            format!(
                "The mapping file {} could not be read: {e}. See docs/import-mapping.md for its form.",
                path.display()
            )
        })
    }
}

/// The most a mapping file may hold: 1 MiB, room for some 20,000 columns
/// and values. A larger one is not a mapping file (and `/dev/zero` never ends).
pub const MAX_MAP_BYTES: u64 = 1 << 20;

/// A mapping file's text: a file (not a folder or a device), at most
/// `MAX_MAP_BYTES`, in UTF-8.
fn read_map_text(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|_| {
        format!("There is no mapping file at {shown}. Check the name and the folder.")
    })?;
    if meta.is_dir() {
        return Err(format!(
            "{shown} is a folder, not a mapping file. Give the mapping file itself (a .toml or .json file)."
        ));
    }
    if !meta.is_file() || meta.len() > MAX_MAP_BYTES {
        return Err(format!(
            "{shown} is not a mapping file: a mapping file is a small .toml or .json file (at most 1 MB). See docs/import-mapping.md for its form."
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_MAP_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("Could not read the mapping file {shown} ({e}). Check that it is not open in another program, and try again."))?;
    if bytes.len() as u64 > MAX_MAP_BYTES {
        return Err(format!(
            "{shown} is not a mapping file: it holds more than 1 MB. See docs/import-mapping.md for its form."
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        format!("The mapping file {shown} is not plain text in UTF-8. Save it as UTF-8 text in a text editor, and try again.")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_file_that_is_a_folder_a_device_huge_or_not_text_is_refused_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let err = ImportChoices::from_map_file(dir.path()).unwrap_err();
        assert!(err.contains("is a folder, not a mapping file"), "{err}");
        let err = ImportChoices::from_map_file(std::path::Path::new("/dev/zero")).unwrap_err();
        assert!(err.contains("is not a mapping file"), "{err}");
        let huge = dir.path().join("huge.toml");
        std::fs::write(&huge, "#".repeat(2 << 20)).unwrap();
        let err = ImportChoices::from_map_file(&huge).unwrap_err();
        assert!(err.contains("at most 1 MB"), "{err}");
        let latin = dir.path().join("latin.toml");
        std::fs::write(&latin, b"department = \"Caf\xe9\"\n").unwrap();
        let err = ImportChoices::from_map_file(&latin).unwrap_err();
        assert!(err.contains("UTF-8"), "{err}");
        let missing = dir.path().join("missing.toml");
        let err = ImportChoices::from_map_file(&missing).unwrap_err();
        assert!(err.contains("There is no mapping file"), "{err}");
    }

    #[test]
    fn choices_read_and_write_in_the_documented_shape() {
        let toml_text = r#"
department = "Parks"

[columns]
AGENCY_NAME = "Department"
status = "Other Details"
pdf_page = "Not imported"

[values."Data Classification"]
"For District Government Use" = "Protected"
"Public Not Proactively Released" = "Keep as written"
"#;
        let choices: ImportChoices = toml::from_str(toml_text).unwrap();
        assert_eq!(
            choices.column("AGENCY_NAME"),
            Some(&ColumnChoice::Field(Field::Department))
        );
        assert_eq!(choices.column("status"), Some(&ColumnChoice::OtherDetails));
        assert_eq!(choices.column("pdf_page"), Some(&ColumnChoice::Skip));
        assert_eq!(
            choices.value(Field::Classification, "Public Not Proactively Released"),
            Some(&ValueChoice::KeepAsWritten)
        );
        assert_eq!(choices.department.as_deref(), Some("Parks"));
        let json = serde_json::to_string(&choices).unwrap();
        let back: ImportChoices = serde_json::from_str(&json).unwrap();
        assert_eq!(back, choices);
        let bad: Result<ImportChoices, _> = toml::from_str("[columns]\nA = \"Colour\"\n");
        assert!(bad.unwrap_err().to_string().contains("Colour"));
    }
}
