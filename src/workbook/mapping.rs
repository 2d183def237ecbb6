//! Which field each column of a file that is not our own workbook goes to: the
//! header row found among the first rows, and for each column a guess with how
//! sure it is and why, which the person may change (`choices`).
//!
//! A header is matched first as a whole (the field's header, then its aliases in
//! the field table), then by its words (`words` splits them, `synonyms` brings
//! them to the field headers' words), and the column's values then confirm or
//! refuse the guess: `status` holding R, P and S is not the Publication Status.
//! The inventory's own review columns (the CDO's decision and notes, who reviewed
//! and when, the publication status) are taken from a foreign file only under
//! their exact header: a column named `Notes` is the file's notes, not the CDO's.
//! A column nothing matches goes to Other Details, so no value is lost.
//!
//! Why one file of this length: the guess, its confidence and its reason for
//! each column are one decision, and its tests (real headers from cities'
//! inventories) sit under it; the words and synonyms are modules of their own.

mod synonyms;
mod words;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use super::choices::{ColumnChoice, ImportChoices};
use super::column_letters;
use super::read::{Cell, Sheet};
use crate::model::fields::FieldSpec;
use crate::model::vocab::normalize;
use crate::model::{Dataset, Field, FieldKind};

/// How sure a column's target is, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Nothing matched: the column is kept in Other Details.
    None,
    /// Its values look like one field's (email addresses, web links…).
    Values,
    /// Its header's words match a field's.
    Words,
    /// Its header is another name of a field (the field table's aliases).
    Alias,
    /// Its header is the field's own header.
    Exact,
    /// The person chose it (now, or for an earlier file with the same headers).
    Chosen,
}

impl Confidence {
    /// One word for the command line and the preview.
    pub fn label(self) -> &'static str {
        match self {
            Confidence::None => "none",
            Confidence::Values => "values",
            Confidence::Words => "words",
            Confidence::Alias => "alias",
            Confidence::Exact => "exact",
            Confidence::Chosen => "chosen",
        }
    }
}

/// One column of the file and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedColumn {
    /// 0-based column of the sheet.
    pub index: usize,
    /// The header as the file writes it (trimmed), or `Column F` for a column
    /// with values and no header: the key of `ImportChoices::columns`.
    pub header: String,
    /// Up to three of its values, for the person to recognise it.
    pub samples: Vec<String>,
    pub choice: ColumnChoice,
    pub confidence: Confidence,
    /// Why, in plain words.
    pub reason: String,
}

impl MappedColumn {
    /// The column's letters (`F`).
    pub fn letters(&self) -> String {
        column_letters(self.index)
    }
}

/// The columns of one sheet and their targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub sheet: String,
    /// 0-based row of the headers.
    pub header_row: usize,
    /// The file's headers, normalized: files with the same signature share the
    /// choices the person made (`store::mappings`).
    pub signature: String,
    pub columns: Vec<MappedColumn>,
}

impl Mapping {
    /// Whether no column is the datasets' names: the person must choose one.
    pub fn needs_names(&self) -> bool {
        !self
            .columns
            .iter()
            .any(|c| c.choice == ColumnChoice::Field(Field::Name))
    }

    /// The field of each column of the sheet, by index.
    pub fn fields(&self) -> Vec<Option<Field>> {
        let mut fields = vec![None; self.width()];
        for c in &self.columns {
            if let ColumnChoice::Field(f) = c.choice {
                fields[c.index] = Some(f);
            }
        }
        fields
    }

    /// The header of each column kept in Other Details, by index.
    pub fn kept(&self) -> Vec<Option<String>> {
        let mut kept = vec![None; self.width()];
        for c in &self.columns {
            if c.choice == ColumnChoice::OtherDetails {
                kept[c.index] = Some(c.header.clone());
            }
        }
        kept
    }

    fn width(&self) -> usize {
        self.columns.iter().map(|c| c.index + 1).max().unwrap_or(0)
    }
}

/// What a header alone says about its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderGuess {
    pub field: Field,
    pub confidence: Confidence,
    /// Among guesses of one confidence, the higher the closer.
    pub score: u32,
    pub reason: String,
}

/// How many of the first rows may hold the header row.
const HEADER_SEARCH: usize = 10;
/// How many values of a column are looked at to confirm a guess.
const VALUES_LOOKED_AT: usize = 500;

/// The header row of a sheet that is not our own workbook: among the first ten
/// rows, the one whose cells look most like headers this app knows; when none
/// does, the fullest row of text (a data row has numbers and dates), the first
/// of equals. `None` for a sheet whose first rows are empty.
pub fn header_row(sheet: &Sheet) -> Option<usize> {
    let rows = sheet.rows.iter().take(HEADER_SEARCH).enumerate();
    let scored: Vec<(usize, i64, usize)> = rows
        .filter(|(_, row)| row.iter().any(|c| !c.is_empty()))
        .map(|(r, row)| {
            let known: i64 = row
                .iter()
                .filter_map(|c| guess_header(&c.text()))
                .filter(|g| takes_from_header(g))
                .map(|g| weight(g.confidence))
                .sum();
            let not_text = row
                .iter()
                .filter(|c| matches!(c, Cell::Number(_) | Cell::DateTime(_) | Cell::Bool(_)))
                .count() as i64;
            let text = row
                .iter()
                .filter(|c| matches!(c, Cell::Text(t) if !t.trim().is_empty()))
                .count();
            (r, known - 4 * not_text, text)
        })
        .collect();
    let best = scored.iter().map(|s| s.1).max()?;
    let pick = if best > 0 {
        scored.iter().find(|s| s.1 == best)
    } else {
        let most = scored.iter().map(|s| s.2).max()?;
        scored.iter().find(|s| s.2 == most)
    };
    pick.map(|s| s.0)
}

fn weight(confidence: Confidence) -> i64 {
    match confidence {
        Confidence::Exact => 4,
        Confidence::Alias => 3,
        Confidence::Words => 2,
        _ => 0,
    }
}

/// Whether a header guess may stand on a foreign file without looking at the
/// values (the review columns and the app's own records need their exact header).
fn takes_from_header(guess: &HeaderGuess) -> bool {
    match guess.field {
        Field::LastUpdated => false,
        f if guarded(f) => guess.confidence == Confidence::Exact,
        _ => true,
    }
}

/// The inventory's own columns: the CDO's, the status the review path moves,
/// and where unmatched values are kept.
fn guarded(field: Field) -> bool {
    Field::REVIEW.contains(&field)
        || matches!(
            field,
            Field::Status | Field::OtherDetails | Field::InventoryId
        )
}

/// The field a header names, with how sure and why; `None` when nothing matches.
pub fn guess_header(header: &str) -> Option<HeaderGuess> {
    let header = header.trim();
    // Project Open Data's `dataQuality` is a true/false flag, not the High/Medium/Low
    // of Data Quality.
    if header == "dataQuality" {
        return None;
    }
    let before_colon = header.split(':').next().unwrap_or(header);
    if before_colon.len() > MAX_GUESSED_HEADER_BYTES {
        return None;
    }
    let key = normalize(before_colon);
    if key.is_empty() {
        return None;
    }
    if let Some(spec) = OWN_HEADERS.get(&key) {
        return Some(HeaderGuess {
            field: spec.field,
            confidence: Confidence::Exact,
            score: 100,
            reason: format!("the header is the field's own, {}", spec.header),
        });
    }
    if let Some(&(spec, at)) = ALIASES.get(&key) {
        let alias = spec.aliases[at];
        // The field table lists a field's likeliest other names first
        // (`landingPage` before `downloadURL`): of two columns, it wins.
        return Some(HeaderGuess {
            field: spec.field,
            confidence: Confidence::Alias,
            score: 90u32.saturating_sub(at as u32),
            reason: format!("\"{alias}\" is another name for {}", spec.header),
        });
    }
    guess_by_words(before_colon)
}

/// The longest header matched with a field: 256 bytes, six times the longest
/// header or alias of the field table (41). A longer one is a sentence, or a
/// file made to cause harm: cutting a megabyte of words and comparing each with
/// the fields' names took 20 s a column, and `guess_header` is asked several
/// times a column. Its column is kept in Other Details.
const MAX_GUESSED_HEADER_BYTES: usize = 256;

/// The longest column name written whole before each value kept in Other
/// Details (`Column: value`). A longer one (a paragraph pasted in the header
/// row, or a file made to cause harm: 200 names of 900 KB each, copied into
/// every row, took over a gigabyte) is written as its first 40 characters and
/// its column letter; the warning about the column says so.
pub const MAX_HEADER_CHARS: usize = 1_000;

/// The name a column is known by: its header, or for one too long to be a
/// name, its start and its column letter.
fn kept_label(header: &str, index: usize) -> String {
    if header.len() <= MAX_HEADER_CHARS || header.chars().count() <= MAX_HEADER_CHARS {
        return header.to_string();
    }
    // Short enough that the column letter survives where names are shortened (60).
    let start: String = header.chars().take(40).collect();
    format!(
        "{}… (column {})",
        start.trim_end(),
        super::column_letters(index)
    )
}

/// Each field's own header, normalized once: `guess_header` is asked of every
/// cell of the rows where a header may be, and a file may have 1,024 columns.
/// The first field in table order keeps a key, as a search would find it.
static OWN_HEADERS: LazyLock<HashMap<String, &'static FieldSpec>> = LazyLock::new(|| {
    let mut keys = HashMap::new();
    for spec in crate::model::fields::FIELDS.iter() {
        keys.entry(normalize(spec.header)).or_insert(spec);
    }
    keys
});

/// Each field's aliases, normalized once, with the alias's place in its list.
static ALIASES: LazyLock<HashMap<String, (&'static FieldSpec, usize)>> = LazyLock::new(|| {
    let mut keys = HashMap::new();
    for spec in crate::model::fields::FIELDS.iter() {
        for (at, alias) in spec.aliases.iter().enumerate() {
            keys.entry(normalize(alias)).or_insert((spec, at));
        }
    }
    keys
});

/// A field's header or alias as the words compared.
struct Name {
    field: Field,
    text: &'static str,
    words: BTreeSet<String>,
}

/// Every word of every header and alias, and the synonyms' words: the
/// vocabulary that cuts run-together headers.
static VOCABULARY: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut known: HashSet<String> = synonyms::known_words().map(str::to_string).collect();
    for spec in crate::model::fields::FIELDS.iter() {
        for name in std::iter::once(&spec.header).chain(spec.aliases) {
            known.extend(words::split(name, |_| false));
        }
    }
    known
});

fn is_known(word: &str) -> bool {
    VOCABULARY.contains(word)
}

/// The words of a header that say which field it is.
fn content_words(text: &str) -> Vec<String> {
    words::split(text, is_known)
        .iter()
        .map(|w| synonyms::canonical(w))
        .filter(|w| !synonyms::is_noise(w) && !synonyms::is_thing(w))
        .collect()
}

/// The fields' headers and aliases as words, without the guarded fields: those
/// are never guessed by words.
static NAMES: LazyLock<Vec<Name>> = LazyLock::new(|| {
    let mut names = Vec::new();
    for spec in crate::model::fields::FIELDS.iter() {
        if guarded(spec.field) || spec.field == Field::LastUpdated {
            continue;
        }
        for text in std::iter::once(&spec.header).chain(spec.aliases) {
            let words: BTreeSet<String> = content_words(text).into_iter().collect();
            if !words.is_empty() {
                names.push(Name {
                    field: spec.field,
                    text,
                    words,
                });
            }
        }
    }
    names
});

fn guess_by_words(header: &str) -> Option<HeaderGuess> {
    let all: Vec<String> = words::split(header, is_known)
        .iter()
        .map(|w| synonyms::canonical(w))
        .collect();
    // `application_name`, `DataSetVariableName`: a name, and only things beside it.
    let names_row = all.iter().any(|w| synonyms::NAMING.contains(&w.as_str()))
        && all.iter().all(|w| {
            synonyms::NAMING.contains(&w.as_str()) || synonyms::is_noise(w) || synonyms::is_thing(w)
        });
    if names_row {
        return Some(HeaderGuess {
            field: Field::Name,
            confidence: Confidence::Words,
            score: 30,
            reason: format!("\"{}\" names the rows", all.join(" ")),
        });
    }
    let content = content_words(header);
    let head = content.last()?.clone();
    let words: BTreeSet<String> = content.into_iter().collect();
    let mut best: Option<(u32, &Name)> = None;
    for name in NAMES.iter() {
        let score = if name.words == words {
            20 + name.words.len() as u32
        } else if name.words.is_subset(&words) && words.len() - name.words.len() == 1 {
            10 + name.words.len() as u32
        } else {
            continue;
        };
        // The last word of a header is what it is ("database contents" are contents).
        let score = score * 2 + u32::from(name.words.contains(&head));
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, name));
        }
    }
    let (score, name) = best?;
    let spec = name.field.spec();
    let reason = if name.text == spec.header {
        format!("its words match {}", spec.header)
    } else {
        format!(
            "its words match \"{}\", another name for {}",
            name.text, spec.header
        )
    };
    Some(HeaderGuess {
        field: name.field,
        confidence: Confidence::Words,
        score,
        reason,
    })
}

/// What the first values of a column are.
struct Values {
    /// Distinct values, not empty-meaning words, at most 50.
    distinct: Vec<String>,
    /// The first three distinct values, shortened, empty-meaning words too.
    samples: Vec<String>,
}

fn column_values(sheet: &Sheet, header_row: usize, col: usize) -> Values {
    let mut distinct: Vec<String> = Vec::new();
    let mut samples: Vec<String> = Vec::new();
    let cells = sheet
        .rows
        .iter()
        .skip(header_row + 1)
        .filter_map(|row| row.get(col))
        .filter(|c| !c.is_empty())
        .take(VALUES_LOOKED_AT);
    for cell in cells {
        let text = cell.text().trim().to_string();
        if samples.len() < 3 && !samples.iter().any(|s| *s == shorten(&text)) {
            samples.push(shorten(&text));
        }
        if distinct.len() < 50 && !means_empty(&text) && !distinct.contains(&text) {
            distinct.push(text);
        }
    }
    Values { distinct, samples }
}

fn shorten(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    match line.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None if line.len() < text.len() => format!("{line}…"),
        None => line.to_string(),
    }
}

/// Words that mean "nothing here": they neither confirm nor refuse a guess.
fn means_empty(text: &str) -> bool {
    matches!(
        normalize(text).as_str(),
        "" | "na" | "null" | "none" | "unknown" | "tbd" | "nil" | "notapplicable"
    )
}

/// Whether a value could be read into a field (a year alone counts as a date).
fn fits(field: Field, value: &str) -> bool {
    let year = value.len() == 4 && value.chars().all(|c| c.is_ascii_digit());
    match field.kind() {
        FieldKind::Date | FieldKind::EndDate if year => true,
        FieldKind::EndDate
            if matches!(normalize(value).as_str(), "present" | "now" | "ongoing") =>
        {
            true
        }
        _ => Dataset::default().set(field, value).is_ok(),
    }
}

/// Why the values refuse a guess, if they do.
fn refused_by_values(guess: &HeaderGuess, values: &Values) -> Option<String> {
    let field = guess.field;
    let seen = values.distinct.len();
    if seen == 0 || guess.confidence == Confidence::Chosen {
        return None;
    }
    let fit = values.distinct.iter().filter(|v| fits(field, v)).count();
    // Categories and licenses are the city's own lists: a value not on them yet
    // is a value to add, not a sign of another field.
    let checked = !matches!(field.kind(), FieldKind::Text | FieldKind::LongText)
        && !matches!(field, Field::Category | Field::License);
    let refused = match field {
        Field::InventoryId => fit * 5 < seen * 4,
        Field::Status | Field::CdoDecision if guess.confidence < Confidence::Exact => fit < seen,
        _ if checked => fit == 0 && guess.confidence < Confidence::Exact,
        // A name, a department or a steward has letters: `018:10` is a code.
        _ => {
            guess.confidence == Confidence::Words
                && !values
                    .distinct
                    .iter()
                    .any(|v| v.chars().any(char::is_alphabetic))
        }
    };
    refused.then(|| {
        let shown: Vec<&str> = values.distinct.iter().take(3).map(|s| s.as_str()).collect();
        format!(
            "the header looks like {}, but its values ({}) do not fit that field",
            field.header(),
            shown.join(", ")
        )
    })
}

/// A guess from the values alone, for a column whose header says nothing.
fn guess_by_values(values: &Values) -> Option<HeaderGuess> {
    let seen = values.distinct.len();
    if seen < 2 {
        return None;
    }
    let most = |test: &dyn Fn(&str) -> bool| {
        values.distinct.iter().filter(|v| test(v)).count() * 10 >= seen * 9
    };
    let guess = |field: Field, what: &str| HeaderGuess {
        field,
        confidence: Confidence::Values,
        score: 1,
        reason: format!("its values are {what}"),
    };
    if most(&|v| fits(Field::ContactEmail, v) && v.contains('@')) {
        return Some(guess(Field::ContactEmail, "email addresses"));
    }
    let link = |v: &str| {
        let v = v.to_ascii_lowercase();
        v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.")
    };
    if most(&link) {
        return Some(guess(Field::PublicationLink, "web addresses"));
    }
    if values
        .distinct
        .iter()
        .all(|v| fits(Field::UpdateFrequency, v))
    {
        return Some(guess(Field::UpdateFrequency, "frequencies"));
    }
    None
}

/// The group heading above each column, when the row above the headers is a
/// row of groups (two or more headings, each over the columns to its right,
/// as merged cells show them): `Coverage` over `Start` and `End`.
fn group_row(sheet: &Sheet, header_row: usize, width: usize) -> Option<Vec<String>> {
    let above = sheet.rows.get(header_row.checked_sub(1)?)?;
    let headings = above.iter().filter(|c| !c.is_empty()).count();
    let headers = sheet.rows[header_row]
        .iter()
        .filter(|c| !c.is_empty())
        .count();
    if headings < 2 || headings >= headers {
        return None;
    }
    let mut current = String::new();
    let groups = (0..width)
        .map(|c| {
            let cell = above.get(c).map(Cell::text).unwrap_or_default();
            if !cell.trim().is_empty() {
                current = cell.trim().to_string();
            }
            current.clone()
        })
        .collect();
    Some(groups)
}

/// The best guess for one column, from its header (with its group heading),
/// then checked, or found, by its values.
fn guess_column(header: &str, group: Option<&str>, values: &Values) -> Guessed {
    let mut guess = guess_header(header).filter(takes_from_header);
    if let Some(group) = group.filter(|g| !g.is_empty()) {
        let with_group = guess_header(&format!("{group} {header}"))
            .filter(takes_from_header)
            .map(|mut g| {
                g.reason = format!("read with the heading above it, {group}: {}", g.reason);
                g
            });
        let better = |a: &HeaderGuess, b: &Option<HeaderGuess>| {
            b.as_ref()
                .is_none_or(|b| (a.confidence, a.score) > (b.confidence, b.score))
        };
        if let Some(g) = with_group.filter(|g| better(g, &guess)) {
            guess = Some(g);
        }
    }
    // A status or a decision under another name, whose values all fit, is one.
    if guess.is_none() {
        guess = guess_header(header).filter(|g| {
            matches!(g.field, Field::Status | Field::CdoDecision)
                && g.confidence == Confidence::Alias
                && !values.distinct.is_empty()
                && refused_by_values(g, values).is_none()
        });
    }
    let kept = |reason: String| (ColumnChoice::OtherDetails, Confidence::None, reason, 0);
    match guess {
        Some(g) => match refused_by_values(&g, values) {
            Some(why) => kept(format!("{why}: kept in Other Details")),
            None => (
                ColumnChoice::Field(g.field),
                g.confidence,
                g.reason,
                g.score,
            ),
        },
        None => match (guess_by_values(values), guess_header(header)) {
            (Some(g), _) => (
                ColumnChoice::Field(g.field),
                g.confidence,
                g.reason,
                g.score,
            ),
            (None, Some(g)) if guarded(g.field) => kept(guarded_reason(header, &g, values)),
            _ if header.is_empty() => {
                kept("the column has no header: kept in Other Details".into())
            }
            _ => kept("no field of the inventory matches it: kept in Other Details".into()),
        },
    }
}

/// A column's target, how sure, why, and how close among equals.
type Guessed = (ColumnChoice, Confidence, String, u32);

/// Why a header that names one of the inventory's own columns by another name
/// (`status`, `Notes`) is not read as it.
fn guarded_reason(header: &str, guess: &HeaderGuess, values: &Values) -> String {
    let field = guess.field.header();
    let shown: Vec<&str> = values.distinct.iter().take(3).map(|s| s.as_str()).collect();
    match guess.field {
        Field::Status | Field::CdoDecision if !shown.is_empty() => format!(
            "\"{header}\" could be the {field}, but its values ({}) are not the inventory's: kept in Other Details",
            shown.join(", ")
        ),
        _ => format!(
            "\"{header}\" could be the {field}, but the inventory's own {field} is read only from a column of that exact header: kept in Other Details"
        ),
    }
}

/// The mapping of a sheet whose headers are in `header_row`: each column's
/// guess, the person's choices over them, and one column per field (the surer
/// guess keeps it; the other goes to Other Details and says why).
pub fn map_sheet(sheet: &Sheet, header_row: usize, choices: &ImportChoices) -> Mapping {
    let width = sheet
        .rows
        .iter()
        .skip(header_row)
        .map(|r| r.iter().rposition(|c| !c.is_empty()).map_or(0, |c| c + 1))
        .max()
        .unwrap_or(0);
    let groups = group_row(sheet, header_row, width);
    let mut columns = Vec::new();
    let mut scores = Vec::new();
    for c in 0..width {
        // A name too long to be one is carried as its start and its column
        // letter: the mapping, its signature and every kept value copy it.
        let header = kept_label(sheet.cell(header_row, c).text().trim(), c);
        let values = column_values(sheet, header_row, c);
        if header.is_empty() && values.samples.is_empty() {
            continue;
        }
        let key = if header.is_empty() {
            format!("Column {}", column_letters(c))
        } else {
            header.clone()
        };
        let group = groups.as_ref().map(|g| g[c].as_str());
        let (choice, confidence, reason, score) = match choices.column(&key) {
            Some(chosen) => (chosen.clone(), Confidence::Chosen, "your choice".into(), 0),
            None => guess_column(&header, group, &values),
        };
        scores.push(score);
        columns.push(MappedColumn {
            index: c,
            header: key,
            samples: values.samples,
            choice,
            confidence,
            reason,
        });
    }
    one_column_per_field(&mut columns, &scores);
    let signature = signature(columns.iter().map(|c| c.header.as_str()));
    Mapping {
        sheet: sheet.name.clone(),
        header_row,
        signature,
        columns,
    }
}

/// Two columns guessed as one field: the surer keeps it (the first of equals);
/// the other is kept in Other Details. The person's own choices are left as
/// they are (two columns chosen as one field is a problem the import names).
fn one_column_per_field(columns: &mut [MappedColumn], scores: &[u32]) {
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| {
        use std::cmp::Reverse;
        (Reverse(columns[i].confidence), Reverse(scores[i]), i)
    });
    let mut taken: Vec<(Field, usize)> = Vec::new();
    for i in order {
        let ColumnChoice::Field(field) = columns[i].choice else {
            continue;
        };
        match taken.iter().find(|(f, _)| *f == field) {
            Some(&(_, first)) if columns[i].confidence != Confidence::Chosen => {
                let winner = &columns[first];
                let reason = format!(
                    "it looks like {} too, but column {} (\"{}\") is read as {}: kept in Other Details",
                    field.header(),
                    winner.letters(),
                    winner.header,
                    field.header()
                );
                columns[i].choice = ColumnChoice::OtherDetails;
                columns[i].confidence = Confidence::None;
                columns[i].reason = reason;
            }
            _ => taken.push((field, i)),
        }
    }
}

/// A file's headers as the key its choices are remembered by: normalized, in
/// order, so a file saved again with the same columns finds them.
pub fn signature<'a>(headers: impl Iterator<Item = &'a str>) -> String {
    headers.map(normalize).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(header: &str) -> Option<Field> {
        guess_header(header)
            .filter(takes_from_header)
            .map(|g| g.field)
    }

    #[test]
    fn no_vocabulary_word_is_longer_than_a_run_together_piece_is_looked_up() {
        for word in VOCABULARY.iter() {
            assert!(word.len() <= words::MAX_WORD, "{word}");
        }
    }

    #[test]
    fn snake_camel_and_run_together_headers_find_their_fields() {
        assert_eq!(field("AGENCY_NAME"), Some(Field::Department));
        assert_eq!(field("AGENCYNAME"), Some(Field::Department));
        assert_eq!(field("AgencyName"), Some(Field::Department));
        assert_eq!(field("DATASET_NAME"), Some(Field::Name));
        assert_eq!(field("DATASET_SUMMARY"), Some(Field::Contents));
        assert_eq!(field("UPDATE_INTERVAL"), Some(Field::UpdateFrequency));
        assert_eq!(
            field("DATASET_CLASSIFICATION_NAME"),
            Some(Field::Classification)
        );
        assert_eq!(field("DATASET_CATEGORY"), Some(Field::Category));
        assert_eq!(field("DATASET_URL"), Some(Field::PublicationLink));
        assert_eq!(field("EARLIEST_DATE_OF_RECORDS"), Some(Field::StartDate));
        assert_eq!(field("user_bureau"), Some(Field::Division));
        assert_eq!(field("application_name"), Some(Field::Name));
        assert_eq!(field("application_description"), Some(Field::Contents));
        assert_eq!(field("DataSetVariableName"), Some(Field::Name));
        assert_eq!(field("ResponsiblePersons"), Some(Field::Steward));
        assert_eq!(field("StorageFormat"), Some(Field::Format));
        assert_eq!(field("URLdataAccess"), Some(Field::PublicationLink));
        assert_eq!(field("NALT.Keywords"), Some(Field::Keywords));
        assert_eq!(field("hasEmail"), Some(Field::ContactEmail));
    }

    #[test]
    fn a_category_not_on_the_list_yet_is_still_the_category() {
        let (choice, confidence, ..) =
            guess_column("theme", None, &values(&["geospatial", "Public Services"]));
        assert_eq!(
            (choice, confidence),
            (ColumnChoice::Field(Field::Category), Confidence::Alias)
        );
    }

    #[test]
    fn of_two_other_names_of_one_field_the_likelier_wins() {
        let sheet = Sheet {
            name: "catalog".into(),
            rows: vec![
                vec![
                    Cell::Text("title".into()),
                    Cell::Text("downloadURL".into()),
                    Cell::Text("landingPage".into()),
                ],
                vec![
                    Cell::Text("Trees".into()),
                    Cell::Text("https://x.org/trees.csv".into()),
                    Cell::Text("https://x.org/trees".into()),
                ],
            ],
        };
        let mapping = map_sheet(&sheet, 0, &ImportChoices::default());
        let choices: Vec<&str> = mapping.columns.iter().map(|c| c.choice.label()).collect();
        assert_eq!(
            choices,
            [
                "Dataset Name",
                "Link to Existing Publication",
                "Landing Page"
            ]
        );
    }

    #[test]
    fn headers_that_name_no_field_find_none() {
        for header in [
            "RECORD_ID",
            "OBJECTID",
            "year_activated",
            "pdf_page",
            "dataQuality",
            "LTARSite.Code",
            "Units",
        ] {
            assert_eq!(field(header), None, "{header}");
        }
    }

    #[test]
    fn the_review_columns_are_taken_only_under_their_own_header() {
        assert_eq!(field("Notes"), None);
        assert_eq!(field("status"), None);
        assert_eq!(field("Decision"), None);
        assert_eq!(field("Reviewer"), None);
        assert_eq!(field("CDO Notes"), Some(Field::CdoNotes));
        assert_eq!(field("Publication Status"), Some(Field::Status));
    }

    fn values(list: &[&str]) -> Values {
        Values {
            distinct: list.iter().map(|s| s.to_string()).collect(),
            samples: list.iter().take(3).map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn values_that_do_not_fit_refuse_a_guess_and_values_alone_can_make_one() {
        let (choice, _, why, _) = guess_column("status", None, &values(&["R", "P", "S"]));
        assert_eq!(choice, ColumnChoice::OtherDetails);
        assert!(why.contains("Other Details"), "{why}");
        let (choice, confidence, ..) = guess_column(
            "Status",
            None,
            &values(&["Published", "Not ready", "Approved"]),
        );
        assert_eq!(
            (choice, confidence),
            (ColumnChoice::Field(Field::Status), Confidence::Alias)
        );
        let (choice, ..) = guess_column("bureauCode", None, &values(&["018:10", "019:20"]));
        assert_eq!(choice, ColumnChoice::OtherDetails);
        let (choice, confidence, ..) =
            guess_column("Point person", None, &values(&["a@city.gov", "b@city.gov"]));
        assert_eq!(
            (choice, confidence),
            (ColumnChoice::Field(Field::ContactEmail), Confidence::Values)
        );
        let (choice, ..) = guess_column("Start", Some("Coverage"), &values(&["2016", "2019"]));
        assert_eq!(choice, ColumnChoice::Field(Field::StartDate));
    }
}
