//! What the inventory table shows of a dataset, computed once, here: every
//! column it displays, sorts and filters on (checklist completeness, the
//! suggested priority, a late refresh, the metadata quality score) and the
//! text a search looks in. Read straight from the columns in one query, so
//! that 100,000 rows load in a moment: fields the table does not show are only
//! checked for being answered. The one `Dataset` built per row is for the
//! quality score (`crate::quality`), which asks the catalog's own rules of it;
//! it is computed here once, so sorting by it costs nothing. The screens take
//! the rows as they are.

use std::sync::OnceLock;

use rusqlite::{OptionalExtension, Row};

use super::datasets::{select_sql, stored_fields};
use super::{Result, Store};
use crate::checklist::{assess, suggest};
use crate::model::vocab::Vocabulary;
use crate::model::{
    CheckAnswer, Classification, Field, Frequency, InventoryId, Rating, RecordsRequests, Status,
};

/// The inventory table's view of one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub id: InventoryId,
    pub name: String,
    pub department: String,
    pub steward: String,
    pub classification: Option<Classification>,
    pub priority: Option<Rating>,
    pub status: Status,
    /// The category as the dataset holds it (a name from the inventory's
    /// list, or a value kept as written); empty when not answered.
    pub category: String,
    /// Checklist completeness, 0 to 100.
    pub complete: u8,
    /// The priority the value, quality and readiness checks suggest.
    pub suggested: Option<Rating>,
    /// Published, and its refresh is overdue for its update frequency.
    pub late: bool,
    /// The target publication date, when it has passed and the dataset is
    /// still unpublished (`model::target_missed`).
    pub target_missed: Option<chrono::NaiveDate>,
    /// Asked for in records requests monthly or more often.
    pub requested_often: bool,
    /// The Step 1 prompts the dataset answers, one bit each in guide order
    /// (`Field::PROMPTS`).
    pub prompts: u8,
    /// When it last changed, to the minute (`2026-03-02 14:05`).
    pub last_updated: String,
    /// The metadata quality score, 0 to `quality::MAX` (not the checklist's
    /// completeness: how findable and reusable its catalog entry is).
    pub quality: u16,
    /// Name, contents, steward and keywords in lower case, one a line, for search.
    search: String,
}

/// A search as typed: its words, each to be found somewhere in a row's search
/// text, in any order ("sewer east" finds "East District Sewer Overflows").
/// Each word is a substring, so typing one more letter only narrows.
pub struct Search {
    words: Vec<memchr::memmem::Finder<'static>>,
}

impl Search {
    pub fn new(typed: &str) -> Search {
        let lower = typed.to_lowercase();
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        // A word inside another ("sewer sew") adds nothing; the longest first
        // rules most rows out soonest.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut kept: Vec<&str> = Vec::new();
        for w in words {
            if !kept.iter().any(|k| k.contains(w)) {
                kept.push(w);
            }
        }
        Search {
            words: kept
                .into_iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
        }
    }

    /// No words: every row matches.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word is in `text` (a row's `search_text`, or several end
    /// to end).
    pub fn matches(&self, text: &[u8]) -> bool {
        self.words.iter().all(|w| w.find(text).is_some())
    }
}

impl TableRow {
    /// The text a search looks in: name, contents, steward and keywords, in
    /// lower case, one a line.
    pub fn search_text(&self) -> &str {
        &self.search
    }

    /// The name in lower case, for sorting without allocating.
    pub fn name_key(&self) -> &str {
        self.search
            .split_once('\n')
            .map_or(self.search.as_str(), |(name, _)| name)
    }

    /// Whether the dataset answers the Step 1 prompt `i` (of `Field::PROMPTS`).
    pub fn answers_prompt(&self, i: usize) -> bool {
        self.prompts & (1 << i) != 0
    }
}

/// The table's query: every column; the checks answered, as `id=Answer`
/// pairs; the publication and refresh dates (`published|refreshed`); the
/// sample's columns and how many have no description (`columns|undescribed`);
/// and the distributions the quality score reads.
fn table_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let (select, from) = select_sql()
            .split_once(" FROM ")
            .expect("the select has a FROM");
        format!(
            "{select}, (SELECT group_concat(a.question_id || '=' || a.answer, ',') FROM checklist_answers a
               WHERE a.inventory_id = d.inventory_id AND a.answer <> ''),
             (SELECT p.published_on || '|' || p.last_refreshed FROM publication_plans p
               WHERE p.inventory_id = d.inventory_id),
             (SELECT json_array_length(pr.profile, '$.columns') || '|' ||
                (SELECT count(*) FROM json_each(pr.profile, '$.columns') j
                  WHERE trim(coalesce(json_extract(j.value, '$.description'), '')) = '')
               FROM profiles pr
               WHERE pr.inventory_id = d.inventory_id AND json_valid(pr.profile)),
             (SELECT group_concat(x.download_url || char(31) || x.access_url || char(31)
                 || x.media_type || char(31) || x.format, char(30)) FROM distributions x
               WHERE x.inventory_id = d.inventory_id) FROM {from}"
        )
    })
}

/// What every row of one query reads beside its own columns: read once per
/// query, not per row.
struct Context {
    today: chrono::NaiveDate,
    lists: crate::model::Lists,
    departments: Vec<crate::model::Department>,
    /// Where each dataset's data dictionary is published (the score counts it).
    dictionaries: std::collections::HashMap<InventoryId, String>,
}

impl Context {
    fn read(store: &Store) -> Result<Context> {
        Ok(Context {
            today: super::now().date(),
            lists: store.lists()?,
            departments: store.departments()?,
            dictionaries: crate::profile::schema_files::dictionary_links(store)?,
        })
    }
}

/// The quality score of the row's dataset: its fields as the store reads a
/// dataset, its distributions (`download|access|media type|format` joined
/// with unit separators) and its plan's dates (`published|refreshed`).
fn quality_of(row: &Row, distributions: &str, dates: &str, cx: &Context) -> rusqlite::Result<u16> {
    let d = super::datasets::from_row(row)?;
    let distributions: Vec<crate::model::Distribution> = distributions
        .split('\u{1e}')
        .filter(|x| !x.is_empty())
        .map(|x| {
            let mut parts = x.split('\u{1f}').map(str::to_string);
            let mut next = || parts.next().unwrap_or_default();
            crate::model::Distribution {
                download_url: next(),
                access_url: next(),
                media_type: next(),
                format: next(),
                ..Default::default()
            }
        })
        .collect();
    let (published, refreshed) = dates.split_once('|').unwrap_or(("", ""));
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let plan = crate::model::PublicationPlan {
        published_on: day(published),
        last_refreshed: day(refreshed),
        ..Default::default()
    };
    let facts = crate::catalog::FactsOf {
        departments: &cx.departments,
        distributions: &distributions,
        plan: (!dates.is_empty()).then_some(&plan),
        lists: &cx.lists,
        dictionary: d
            .id
            .as_ref()
            .and_then(|id| cx.dictionaries.get(id))
            .map(String::as_str),
    };
    Ok(crate::quality::score(&d, facts).points())
}

/// One row.
fn from_row(row: &Row, cx: &Context) -> rusqlite::Result<Option<TableRow>> {
    let today = cx.today;
    let Ok(id) = row
        .get_ref(0)?
        .as_str()
        .unwrap_or("")
        .parse::<InventoryId>()
    else {
        return Ok(None);
    };
    let department: String = row.get(1)?;
    let mut texts: [&str; Field::COUNT] = [""; Field::COUNT];
    for (i, field) in stored_fields().iter().enumerate() {
        texts[field.index()] = row.get_ref(i + 2)?.as_str().unwrap_or("");
    }
    texts[Field::Department.index()] = department.as_str();
    let text = |f: Field| texts[f.index()];
    let extra = stored_fields().len() + 2;
    let checks = row.get_ref(extra)?.as_str().unwrap_or("");
    let answer = |id: &str| {
        checks
            .split(',')
            .find_map(|pair| pair.strip_prefix(id)?.strip_prefix('='))
            .and_then(CheckAnswer::parse)
    };
    let mut done = assess(text, |id| answer(id).is_some());
    // The data dictionary's part of the meter, as `Completeness::with_dictionary`.
    let dictionary = row.get_ref(extra + 2)?.as_str().unwrap_or("");
    if let Some((columns, undescribed)) = dictionary.split_once('|')
        && columns.parse::<u64>().is_ok_and(|n| n > 0)
    {
        done.required += 1;
        done.answered += usize::from(undescribed == "0");
    }
    let complete = done.percent();
    let suggested = suggest(answer).map(|s| s.rating);
    let status = Status::parse(text(Field::Status)).unwrap_or_default();
    let dates = row.get_ref(extra + 1)?.as_str().unwrap_or("");
    let distributions = row.get_ref(extra + 3)?.as_str().unwrap_or("");
    let quality = quality_of(row, distributions, dates, cx)?;
    let late =
        status == Status::Published && refresh_is_late(text(Field::UpdateFrequency), dates, today);
    let target =
        chrono::NaiveDate::parse_from_str(text(Field::TargetPublicationDate), "%Y-%m-%d").ok();
    let target_missed = crate::model::target_missed(status, target, today);
    let prompts = Field::PROMPTS.iter().enumerate().fold(0, |bits, (i, f)| {
        bits | (u8::from(!text(*f).is_empty()) << i)
    });
    let search = format!(
        "{}\n{}\n{}\n{}",
        text(Field::Name),
        text(Field::Contents),
        text(Field::Steward),
        text(Field::Keywords)
    )
    .to_lowercase();
    Ok(Some(TableRow {
        id,
        name: text(Field::Name).to_string(),
        steward: text(Field::Steward).to_string(),
        classification: Classification::parse(text(Field::Classification)),
        priority: Rating::parse(text(Field::Priority)),
        status,
        category: text(Field::Category).to_string(),
        complete,
        suggested,
        late,
        target_missed,
        requested_often: matches!(
            RecordsRequests::parse(text(Field::RecordsRequests)),
            Some(RecordsRequests::Monthly | RecordsRequests::Weekly | RecordsRequests::Daily)
        ),
        prompts,
        last_updated: text(Field::LastUpdated)
            .get(..16)
            .unwrap_or(text(Field::LastUpdated))
            .to_string(),
        quality,
        search,
        department,
    }))
}

/// Whether a refresh is overdue today, from the update frequency's label and
/// `published|refreshed` dates.
fn refresh_is_late(frequency: &str, dates: &str, today: chrono::NaiveDate) -> bool {
    let (published, refreshed) = dates.split_once('|').unwrap_or(("", ""));
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    crate::model::refresh_due(Frequency::parse(frequency), day(refreshed), day(published))
        .is_some_and(|due| due < today)
}

impl Store {
    /// The table's rows of one of `parts` interleaved shares of the datasets,
    /// so that each share can be read on a core of its own.
    pub fn table_rows_share(&self, part: u32, parts: u32) -> Result<Vec<TableRow>> {
        let sql = format!("{} WHERE d.rowid % ?2 = ?1", table_sql());
        let mut stmt = self.conn.prepare(&sql)?;
        let cx = Context::read(self)?;
        let rows = stmt.query_map([part, parts.max(1)], |r| from_row(r, &cx))?;
        Ok(rows
            .filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The table's row of one dataset, after it changed.
    pub fn table_row(&self, id: &InventoryId) -> Result<Option<TableRow>> {
        let sql = format!("{} WHERE d.inventory_id = ?1", table_sql());
        let cx = Context::read(self)?;
        let row = self
            .conn
            .query_row(&sql, [id.to_string()], |r| from_row(r, &cx))
            .optional()?;
        Ok(row.flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, Department, DepartmentCode};

    fn store_with_parks() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.save_department(&Department::new(prk(), "Parks")).unwrap();
        s
    }

    fn prk() -> DepartmentCode {
        "PRK".parse().unwrap()
    }

    #[test]
    fn a_row_says_what_the_dataset_says() {
        let mut s = store_with_parks();
        let mut d = Dataset::named("Street Trees");
        d.steward = "Kim".into();
        d.contents = "Every tree the city plants".into();
        d.set(Field::Classification, "Public").unwrap();
        d.set(Field::ExistingPublication, "Yes").unwrap();
        d.set(Field::CitywideGoal, "Yes").unwrap();
        d.set(Field::Keywords, "trees; shade").unwrap();
        let d = s.create_dataset(&prk(), d).unwrap();
        let row = s.table_rows_share(0, 1).unwrap().remove(0);
        assert_eq!(row.id, d.id.clone().unwrap());
        assert_eq!(
            (
                row.name.as_str(),
                row.department.as_str(),
                row.steward.as_str()
            ),
            ("Street Trees", "Parks", "Kim")
        );
        assert_eq!(row.classification, d.classification);
        assert_eq!(
            row.search_text(),
            "street trees\nevery tree the city plants\nkim\ntrees; shade"
        );
        assert_eq!(row.name_key(), "street trees");
        assert!(!row.requested_often);
        assert!(row.answers_prompt(0) && !row.answers_prompt(1));
        assert_eq!(
            row.complete,
            crate::checklist::completeness(&d, &Default::default()).percent()
        );
        assert_eq!(
            row.last_updated,
            d.last_updated.unwrap().format("%Y-%m-%d %H:%M").to_string()
        );
        assert_eq!(s.table_row(d.id.as_ref().unwrap()).unwrap(), Some(row));
    }

    #[test]
    fn a_row_flags_a_target_date_passed_while_unpublished() {
        let mut s = store_with_parks();
        let mut d = Dataset::named("Street Trees");
        d.set(Field::TargetPublicationDate, "2020-01-01").unwrap();
        let d = s.create_dataset(&prk(), d).unwrap();
        let mut later = Dataset::named("Park Permits");
        later
            .set(Field::TargetPublicationDate, "2999-01-01")
            .unwrap();
        s.create_dataset(&prk(), later).unwrap();
        let rows = s.table_rows_share(0, 1).unwrap();
        let missed = |name: &str| rows.iter().find(|r| r.name == name).unwrap().target_missed;
        assert_eq!(missed("Street Trees"), d.target_publication_date);
        assert_eq!(missed("Park Permits"), None);
    }

    #[test]
    fn a_search_finds_the_words_typed_in_any_order_and_case() {
        let text = b"east district sewer overflows\nspills by manhole\nkim\nsewer";
        assert!(Search::new("sewer east").matches(text));
        assert!(Search::new("  EAST   Sewer ").matches(text));
        assert!(Search::new("manhole kim").matches(text));
        assert!(!Search::new("sewer west").matches(text));
        assert!(Search::new("").is_empty() && Search::new("").matches(b"anything"));
        // One more letter only narrows: what "sewer eas" rules out, "sewer east" does too.
        assert!(
            !Search::new("sewer west").matches(text) && !Search::new("sewer wes").matches(text)
        );
    }

    #[test]
    fn shares_together_hold_every_dataset_once() {
        let mut s = store_with_parks();
        for i in 0..7 {
            s.create_dataset(&prk(), Dataset::named(&format!("D{i}")))
                .unwrap();
        }
        let mut names: Vec<String> = (0..2)
            .flat_map(|p| s.table_rows_share(p, 2).unwrap())
            .map(|d| d.name)
            .collect();
        names.sort();
        assert_eq!(names, ["D0", "D1", "D2", "D3", "D4", "D5", "D6"]);
    }
}
