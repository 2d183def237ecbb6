//! `demo`: fills the inventory with a believable department, the same for the
//! same seed, fast enough for 100,000 datasets. Used by people trying the app, by
//! screenshots and by benchmarks.

use chrono::{Duration, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::checklist::CheckState;
use crate::model::vocab::Vocabulary;
use crate::model::*;
use crate::questions::Bank;
use crate::samples::SAMPLE_DATASETS;
use crate::store::{CheckRow, Result, Store, Write};

const STEWARDS: &[&str] = &[
    "Maria Lopez",
    "James Carter",
    "Aisha Khan",
    "Tom Nguyen",
    "Grace Okafor",
    "Daniel Kim",
    "Sofia Rossi",
    "Marcus Johnson",
    "Priya Patel",
    "Elena Petrova",
    "Samuel Osei",
    "Hannah Weiss",
];
const DIVISIONS: &[&str] = &[
    "Administration",
    "Field Operations",
    "Planning",
    "Inspections",
    "Customer Service",
    "Engineering",
];
const MECHANISMS: &[&str] = &[
    "Inspections",
    "Calls to 311",
    "Online applications",
    "Field crews",
    "Sensors",
    "Paper forms",
    "Vendor feed",
];
const NOTES: &[&str] = &[
    "Remove the inspector's name column before publishing.",
    "Aggregate to the block level; addresses identify residents.",
    "Please add a data dictionary and explain the status codes.",
    "Dates before 2015 are incomplete: say so in the description.",
];
const CHECK_NOTES: &[&str] = &[
    "Checked with the data steward.",
    "The steward will confirm by the end of the month.",
    "Only for records since 2015.",
    "The addresses are removed before publishing.",
    "Agreed with the records office.",
];
/// The most datasets one demo moves past Not ready. Each has the whole
/// checklist answered and the department's approval, as the app requires
/// before a submission: enough to fill the review queues, the Checklist sheet
/// and the screens, few enough to keep a demo of 100,000 datasets quick (the
/// rest are still Not ready, as in a large inventory that has just begun).
const REVIEWED_DATASETS: usize = 2_000;
const ANNOUNCERS: &[&str] = &[
    "Communications Office",
    "Press Office",
    "Department Director",
    "Open Data Team",
];
/// The share of approved datasets whose publication is already planned.
const PLANNED_APPROVED: f64 = 0.6;
/// The share of published datasets (with a schedule) whose refresh is late,
/// so that the refresh watch has something to show.
const LATE_REFRESH: f64 = 0.15;
const QUALIFIERS: &[&str] = &[
    "North District",
    "South District",
    "East District",
    "West District",
    "Historical",
    "Annual Summary",
    "Monthly Detail",
];

/// The systems of record every demo department has.
fn demo_sources(code: &DepartmentCode) -> Vec<DataSource> {
    let rows = [
        (
            "Cityworks",
            "Work orders and asset management",
            "Operations Manager",
            "IT Applications Team",
            "Trimble",
            "Cityworks AMS",
            "SQL database",
            "Upgrade to the cloud version next year",
        ),
        (
            "Accela",
            "Permits, licenses and inspections",
            "Permit Center Lead",
            "IT Applications Team",
            "Accela",
            "Civic Platform",
            "SQL database",
            "",
        ),
        (
            "ArcGIS Enterprise",
            "Maps and location data",
            "GIS Coordinator",
            "GIS Team",
            "Esri",
            "ArcGIS",
            "GIS layer",
            "",
        ),
        (
            "SAP Finance",
            "Budget, payments and purchasing",
            "Budget Director",
            "ERP Team",
            "SAP",
            "S/4HANA",
            "SQL database",
            "Migration planned",
        ),
        (
            "Shared Drive Spreadsheets",
            "Logs kept by hand in Excel",
            "Division Heads",
            "",
            "",
            "Microsoft Excel",
            "Excel",
            "Move into a database",
        ),
        (
            "311 CRM",
            "Service requests from residents",
            "311 Director",
            "IT Applications Team",
            "Salesforce",
            "Service Cloud",
            "Web application",
            "",
        ),
    ];
    rows.iter()
        .map(|r| DataSource {
            id: None,
            department: Some(code.clone()),
            name: r.0.into(),
            description: r.1.into(),
            business_owner: r.2.into(),
            technical_owner: r.3.into(),
            vendor: r.4.into(),
            product: r.5.into(),
            format: r.6.into(),
            planned_changes: r.7.into(),
        })
        .collect()
}

fn demo_department() -> Department {
    let mut d = Department::new("DPW".parse().expect("valid"), "Department of Public Works");
    d.divisions = DIVISIONS.iter().map(|s| s.to_string()).collect();
    d.coordinators = vec![
        Coordinator {
            name: "Renee Alvarez".into(),
            email: "renee.alvarez@springfield.gov".into(),
        },
        Coordinator {
            name: "Kofi Mensah".into(),
            email: "kofi.mensah@springfield.gov".into(),
        },
    ];
    d.approver = "Director Patricia Hughes".into();
    d.start_date = NaiveDate::from_ymd_opt(2026, 9, 1);
    d
}

/// The most sample datasets one `demo` run adds: 500,000, five times the
/// inventories the app is designed for (each takes memory and time to make).
pub const MAX_DATASETS: usize = 500_000;

/// Adds `count` sample datasets (and, the first time, a department and its
/// systems). Returns how many datasets were added.
pub fn fill(store: &mut Store, count: usize, seed: u64) -> Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let department = match store.home_department()? {
        Some(d) => d,
        None => {
            let d = demo_department();
            store.save_department(&d)?;
            d
        }
    };
    let sources = demo_sources(&department.code);
    let existing: Vec<String> = store.sources()?.into_iter().map(|s| s.name).collect();
    let new_sources: Vec<DataSource> = sources
        .iter()
        .filter(|s| !existing.contains(&s.name))
        .cloned()
        .collect();
    let today = crate::store::now().date();
    let mut reviewed = 0;
    let mut timelines: Vec<Option<Timeline>> = Vec::with_capacity(count);
    let mut plain = std::collections::HashSet::new();
    let writes: Vec<Write> = (0..count)
        .map(|i| {
            let mut d = sample(&mut rng, i, &sources, &mut plain);
            d.department = department.name.clone();
            let timeline = (reviewed < REVIEWED_DATASETS)
                .then(|| review(&mut rng, &mut d, &department, i, today))
                .flatten();
            reviewed += usize::from(timeline.is_some());
            timelines.push(timeline);
            Write::Insert(d)
        })
        .collect();
    let ids = store.apply_without_backup(&writes, &department.code, "Demo", &new_sources)?;
    let added: Vec<(&Dataset, InventoryId, Timeline)> = writes
        .iter()
        .zip(ids)
        .zip(timelines)
        .filter_map(|((w, id), t)| match (w, t) {
            (Write::Insert(d), Some(t)) => Some((d, id, t)),
            _ => None,
        })
        .collect();
    // The datasets on their way to the CDO have been through the checklist,
    // answered before the department approved them.
    let checks: Vec<CheckRow> = added
        .iter()
        .flat_map(|(_, id, t)| sample_checks(&mut rng, id.clone(), t.answered_on))
        .collect();
    store.record_checks(&checks)?;
    let plans: Vec<(InventoryId, PublicationPlan)> = added
        .iter()
        .filter_map(|(d, id, t)| Some((id.clone(), sample_plan(&mut rng, d, t)?)))
        .collect();
    store.record_plans(&plans)?;
    Ok(count)
}

/// The days a reviewed dataset's steps happened, in the app's order: the
/// checklist answered, the department's approval, the CDO's decision, and
/// for a published one its publication and last refresh (all up to today).
#[derive(Debug, Clone, Copy)]
struct Timeline {
    answered_on: NaiveDate,
    published_on: Option<NaiveDate>,
    last_refreshed: Option<NaiveDate>,
}

/// A publication plan for a published dataset (its dates from its timeline),
/// and for some approved ones (announced after their target date).
fn sample_plan(rng: &mut ChaCha8Rng, d: &Dataset, t: &Timeline) -> Option<PublicationPlan> {
    match d.status {
        Status::Published => {}
        Status::Approved if rng.random_bool(PLANNED_APPROVED) => {}
        _ => return None,
    }
    let mut plan = PublicationPlan {
        tactics: sample_tactics(rng),
        announced_by: pick(rng, ANNOUNCERS).into(),
        maintained_by: d.steward.clone(),
        ..PublicationPlan::default()
    };
    if d.status == Status::Approved {
        plan.announce_on = d
            .target_publication_date
            .map(|t| t + Duration::days(rng.random_range(0..14)));
        return Some(plan);
    }
    plan.published_on = t.published_on;
    plan.last_refreshed = t.last_refreshed;
    plan.announce_on = t
        .published_on
        .map(|p| p + Duration::days(rng.random_range(0..14)));
    Some(plan)
}

/// When a published dataset went live and was last refreshed: counted back
/// from today, a few late for a refresh, so that the refresh watch shows some
/// whatever the day the demo is made.
fn publication_days(rng: &mut ChaCha8Rng, d: &Dataset, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let period = d
        .update_frequency
        .and_then(Frequency::period_days)
        .map(i64::from);
    let days_ago = match period {
        Some(p) if rng.random_bool(LATE_REFRESH) => p + rng.random_range(1..=45),
        Some(p) => rng.random_range(0..p.min(365)),
        None => rng.random_range(0..365),
    };
    let last_refreshed = today - Duration::days(days_ago);
    let published_on = last_refreshed - Duration::days(rng.random_range(0..365));
    (published_on, last_refreshed)
}

/// One or two ways to announce a release.
fn sample_tactics(rng: &mut ChaCha8Rng) -> Vec<Tactic> {
    let mut tactics = vec![pick(rng, Tactic::ALL)];
    let second = pick(rng, Tactic::ALL);
    if rng.random_bool(0.4) && !tactics.contains(&second) {
        tactics.push(second);
    }
    tactics
}

/// Answers to every check of one dataset, on one day: mostly Yes, a few notes.
fn sample_checks(rng: &mut ChaCha8Rng, id: InventoryId, on: NaiveDate) -> Vec<CheckRow> {
    Bank::checklist()
        .questions
        .iter()
        .filter(|q| q.is_check())
        .map(|q| {
            let answer = match rng.random_range(0..20) {
                0..=13 => CheckAnswer::Yes,
                14..=16 => CheckAnswer::No,
                _ => CheckAnswer::NotApplicable,
            };
            let note = if rng.random_bool(0.1) {
                pick(rng, CHECK_NOTES).to_string()
            } else {
                String::new()
            };
            CheckRow {
                id: id.clone(),
                question_id: q.id.clone(),
                state: CheckState {
                    answer: Some(answer),
                    note,
                    on,
                },
            }
        })
        .collect()
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
    *items.choose(rng).expect("lists are not empty")
}

fn maybe<V: Vocabulary>(rng: &mut ChaCha8Rng, filled: f64) -> Option<V> {
    rng.random_bool(filled).then(|| pick(rng, V::ALL))
}

/// One sample dataset. The first few take a plain name each, once (`plain`
/// holds those taken): a department does not list two datasets by one name.
fn sample(
    rng: &mut ChaCha8Rng,
    i: usize,
    sources: &[DataSource],
    plain: &mut std::collections::HashSet<&'static str>,
) -> Dataset {
    let (category, names) = pick(rng, SAMPLE_DATASETS);
    let base = pick(rng, names);
    let name = if i < 40 && plain.insert(base) {
        base.to_string()
    } else {
        format!("{base} — {} {}", pick(rng, QUALIFIERS), 2000 + (i % 26))
    };
    let steward = pick(rng, STEWARDS);
    let source = &sources[rng.random_range(0..sources.len())];
    let start = NaiveDate::from_ymd_opt(2005, 1, 1).expect("valid")
        + Duration::days(rng.random_range(0..6000));
    let mut d = Dataset::named(&name);
    d.division = pick(rng, DIVISIONS).into();
    d.steward = steward.into();
    d.contact_email = format!(
        "{}@springfield.gov",
        steward.to_lowercase().replace(' ', ".")
    );
    d.contents = format!(
        "{name}: one record per {} kept by the {} division, collected through {}. Used to plan work and answer questions from residents and council.",
        if category == Category::Fiscal {
            "transaction"
        } else {
            "event or location"
        },
        d.division.to_lowercase(),
        pick(rng, MECHANISMS).to_lowercase()
    );
    d.system_of_record = source.name.clone();
    d.collection_mechanism = pick(rng, MECHANISMS).into();
    d.format = source.format.clone();
    d.start_date = Some(start);
    d.end_date = Some(if rng.random_bool(0.8) {
        EndDate::Current
    } else {
        EndDate::On(start + Duration::days(rng.random_range(365..3000)))
    });
    d.geographic_coverage = "City of Springfield".into();
    d.granularity = maybe(rng, 0.9);
    d.update_frequency = maybe(rng, 0.9);
    d.collection_frequency = maybe(rng, 0.7);
    d.existing_publication = maybe(rng, 0.8);
    if d.existing_publication == Some(YesNo::Yes) {
        d.publication_link = format!("https://data.springfield.gov/d/{}", 1000 + i);
    }
    d.sensitive_data = maybe(rng, 0.9);
    if d.sensitive_data == Some(SensitiveData::Yes) {
        d.sensitive_comments = "Holds names and addresses; publish aggregated by block.".into();
    }
    d.classification = maybe(rng, 0.85);
    d.security_level = maybe(rng, 0.6);
    d.quality = maybe(rng, 0.8);
    d.priority = maybe(rng, 0.85);
    d.records_requests = maybe(rng, 0.7);
    d.category = category.label().to_string();
    d.keywords = vec![
        category.label().to_lowercase(),
        base.split(' ').next().unwrap_or(base).to_lowercase(),
    ];
    d.license = maybe::<License>(rng, 0.6)
        .map(|l| l.label().to_string())
        .unwrap_or_default();
    for p in d.prompts.iter_mut() {
        *p = rng.random_bool(0.35);
    }
    d
}

/// Moves some datasets along the review path as the app would: the
/// checklist complete and the department's approval first, then the CDO's
/// decision (with who and when), then publication (with the portal link).
/// `None` for a dataset left Not ready.
fn review(
    rng: &mut ChaCha8Rng,
    d: &mut Dataset,
    department: &Department,
    i: usize,
    today: NaiveDate,
) -> Option<Timeline> {
    let roll: f64 = rng.random();
    d.status = match roll {
        r if r < 0.50 => Status::NotReady,
        r if r < 0.65 => Status::Submitted,
        r if r < 0.75 => Status::Approved,
        r if r < 0.85 => Status::Published,
        r if r < 0.95 => Status::Returned,
        _ => Status::NotPublishable,
    };
    if d.status == Status::NotReady {
        return None;
    }
    // Published: its dates count back from today; the steps before it come
    // before it. Otherwise: the checklist a few months ago, then the rest.
    let (published, approved_on) = if d.status == Status::Published {
        let (on, refreshed) = publication_days(rng, d, today);
        let approved = on - Duration::days(rng.random_range(14..60));
        (Some((on, refreshed)), approved)
    } else {
        (None, today - Duration::days(rng.random_range(16..120)))
    };
    let answered_on = approved_on - Duration::days(rng.random_range(0..14));
    d.approved_by = department.approver.clone();
    d.approval_date = Some(approved_on);
    complete_fields(d, approved_on);
    d.target_publication_date = Some(match published {
        Some((on, _)) => on,
        None => approved_on + Duration::days(rng.random_range(30..365)),
    });
    let decision = match d.status {
        Status::Approved | Status::Published => Some(CdoDecision::Approved),
        Status::Returned => Some(CdoDecision::ChangesRequested),
        Status::NotPublishable => Some(CdoDecision::NotPublishable),
        _ => None,
    };
    if let Some(decision) = decision {
        let latest = published.map_or(today, |(on, _)| on);
        let days = (latest - approved_on).num_days().max(1);
        d.cdo_decision = Some(decision);
        d.reviewed_by = "Chief Data Officer".into();
        d.reviewed_on = Some(approved_on + Duration::days(rng.random_range(0..days)));
        if decision != CdoDecision::Approved {
            d.cdo_notes = pick(rng, NOTES).into();
        }
    }
    if published.is_some() {
        d.existing_publication = Some(YesNo::Yes);
        d.publication_link = format!("https://data.springfield.gov/d/{}", 1000 + i);
    }
    Some(Timeline {
        answered_on,
        published_on: published.map(|p| p.0),
        last_refreshed: published.map(|p| p.1),
    })
}

/// Answers every checklist question that fills a column and is still open
/// (asked again while an answer opens another), so that the checklist is
/// complete once its checks are answered.
fn complete_fields(d: &mut Dataset, on: NaiveDate) {
    for _ in 0..4 {
        let texts: Vec<String> = Field::ALL.iter().map(|f| d.get(*f)).collect();
        let missing = crate::checklist::assess(|f| texts[f.index()].as_str(), |_| true).missing;
        let fields: Vec<Field> = missing.iter().filter_map(|m| m.question.field()).collect();
        if fields.is_empty() {
            return;
        }
        for field in fields {
            // A sample answer always fits its field; none is left unanswered.
            let _ = d.set(field, &sample_answer(field, on));
        }
    }
}

/// Answers every question of a dataset's checklist that is still open, with
/// plausible values and Yes to every check (tests, and the demo's reviewed
/// datasets).
pub fn complete_checklist(store: &mut Store, id: &InventoryId) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    for q in &Bank::checklist().questions {
        match q.field() {
            None => store.answer_check(id, q, Some(CheckAnswer::Yes), "")?,
            Some(field) => {
                let Some(d) = store.dataset(id)? else {
                    return Ok(());
                };
                if d.get(field).is_empty() {
                    store.answer_field(id, q, &sample_answer(field, today))?;
                }
            }
        }
    }
    Ok(())
}

fn sample_answer(field: Field, today: NaiveDate) -> String {
    match field.kind() {
        FieldKind::Choice(labels) => labels().first().copied().unwrap_or("").to_string(),
        FieldKind::Listed(list) => list.seed_names().swap_remove(0),
        FieldKind::Date | FieldKind::EndDate if field == Field::ApprovalDate => {
            today.format("%Y-%m-%d").to_string()
        }
        FieldKind::Date | FieldKind::EndDate => "2020-01-01".into(),
        FieldKind::Email => "steward@city.gov".into(),
        FieldKind::Url => "https://data.city.gov/d/1".into(),
        _ => "Answered with the data steward".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_answers_the_checks_of_reviewed_datasets_the_same_each_time() {
        let filled = || {
            let mut store = Store::open_in_memory().unwrap();
            fill(&mut store, 80, 7).unwrap();
            let checks = store.all_checks(None).unwrap();
            (store, checks)
        };
        let (store, checks) = filled();
        assert_eq!(checks, filled().1, "the same seed gives the same answers");
        assert!(!checks.is_empty());
        assert!(checks.iter().any(|c| !c.state.note.is_empty()));
        for c in &checks {
            let d = store.dataset(&c.id).unwrap().unwrap();
            assert_ne!(d.status, Status::NotReady, "{}", c.id);
            assert!(c.state.answer.is_some());
        }
        let trail = store.trail(&checks[0].id).unwrap();
        assert!(!trail.is_empty(), "the answers are in the audit trail");
    }

    #[test]
    fn the_demo_plans_the_publication_of_approved_and_published_datasets() {
        let filled = || {
            let mut store = Store::open_in_memory().unwrap();
            fill(&mut store, 400, 7).unwrap();
            let plans = store.plans(None).unwrap();
            (store, plans)
        };
        let (store, plans) = filled();
        assert_eq!(plans, filled().1, "the same seed gives the same plans");
        let published: Vec<Dataset> = store
            .datasets()
            .unwrap()
            .into_iter()
            .filter(|d| d.status == Status::Published)
            .collect();
        assert!(!published.is_empty());
        for d in &published {
            let plan = store.plan(d.id.as_ref().unwrap()).unwrap();
            assert!(plan.published_on.is_some() && plan.last_refreshed.is_some());
            assert!(!plan.tactics.is_empty());
        }
        for (id, _) in &plans {
            let status = store.dataset(id).unwrap().unwrap().status;
            assert!(
                matches!(status, Status::Approved | Status::Published),
                "{id}"
            );
        }
        assert!(plans.len() > published.len(), "some approved ones too");
        let today = crate::store::now().date();
        let watch = store.refresh_watch().unwrap();
        let late = watch.iter().filter(|w| w.is_late(today)).count();
        assert!(
            late > 0 && late < watch.len() / 2,
            "a few late: {late} of {}",
            watch.len()
        );
    }

    /// Every dataset of a demo, checked with the app's own rules: the
    /// checklist's (`submission_problems`) and the review path's moves
    /// (`crate::review`), and dates in the order the steps happen.
    #[test]
    fn the_demo_follows_the_app_s_own_rules() {
        use crate::checklist::submission_problems;
        use crate::review::Move;
        let mut store = Store::open_in_memory().unwrap();
        fill(&mut store, 600, 5).unwrap();
        let today = crate::store::now().date();
        let mut statuses = std::collections::HashSet::new();
        for d in store.datasets().unwrap() {
            let id = d.id.clone().unwrap();
            let name = format!("{} ({id}, {})", d.name, d.status.label());
            statuses.insert(d.status);
            let mut path = Status::NotReady;
            if d.status != Status::NotReady {
                // Submitted as the app submits: checklist complete, approved.
                let checks = store.checks(&id).unwrap();
                let mut before = d.clone();
                before.status = Status::NotReady;
                let problems = submission_problems(&before, &checks);
                assert!(problems.is_empty(), "{name}: {problems:?}");
                path = Move::Submit.check(path).unwrap();
                let approved = d.approval_date.unwrap();
                assert!(approved <= today, "{name}: approved in the future");
                for c in checks.values() {
                    assert!(c.on <= approved, "{name}: answered after the approval");
                }
                let target = d.target_publication_date.unwrap();
                assert!(target >= approved, "{name}: target before the approval");
            }
            match d.cdo_decision {
                Some(decision) => {
                    assert!(!d.reviewed_by.is_empty(), "{name}: a decision by no one");
                    let on = d.reviewed_on.expect("a decision has its day");
                    assert!(d.approval_date.unwrap() <= on && on <= today, "{name}");
                    path = Move::Decide(decision).check(path).unwrap();
                }
                None => assert!(
                    d.reviewed_on.is_none() && d.reviewed_by.is_empty(),
                    "{name}"
                ),
            }
            let plan = store.plan(&id).unwrap();
            if d.status == Status::Published {
                assert!(!d.publication_link.is_empty(), "{name}: no portal link");
                path = Move::Publish.check(path).unwrap();
                let (on, refreshed) = (plan.published_on.unwrap(), plan.last_refreshed.unwrap());
                assert!(
                    d.reviewed_on.unwrap() <= on,
                    "{name}: published before review"
                );
                assert!(on <= refreshed && refreshed <= today, "{name}");
                assert!(plan.announce_on.unwrap() >= on, "{name}: announced before");
            } else if let Some(announce) = plan.announce_on {
                assert!(announce >= d.approval_date.unwrap(), "{name}");
            }
            assert_eq!(
                path, d.status,
                "{name}: a status the review path does not reach"
            );
        }
        assert_eq!(
            statuses.len(),
            6,
            "every status but Withdrawn: {statuses:?}"
        );
    }
}
