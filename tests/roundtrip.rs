//! The round trip: any inventory, exported and imported back untouched, is
//! reported as zero changes and reads back identical, as .xlsx and as .csv,
//! the checklist's answers and the publication plans included.

mod common;

use chrono::NaiveDate;
use inventory_desk::model::vocab::Vocabulary;
use inventory_desk::model::*;
use inventory_desk::questions::{Bank, Question};
use inventory_desk::store::{Store, Write};
use inventory_desk::workbook::csv::export_csv;
use inventory_desk::workbook::export::export_xlsx;
use inventory_desk::workbook::import::read_file;
use inventory_desk::workbook::merge::{ItemKind, plan};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,30}",
        1 => Just(String::new()),
        1 => "=[A-Z]{1,3}\\([A-Z0-9:]{0,6}\\)",
        1 => "[+@-][a-z ]{0,10}",
        1 => "\\PC{1,10}\n\\PC{1,10}",
        1 => Just("x".repeat(32_000)),
        1 => "[ \\t]{0,2}\\PC{0,10}[ \\t]{0,2}",
    ]
}

fn choice<V: Vocabulary + std::fmt::Debug>() -> impl Strategy<Value = Option<V>> {
    prop::option::of(prop::sample::select(V::ALL))
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of(
        (1950i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
    )
}

prop_compose! {
    fn dataset()(
        texts in prop::collection::vec(text(), 16),
        email in prop::option::of("[a-z]{1,8}\\.[a-z]{1,8}@[a-z]{2,8}\\.gov"),
        link in prop::option::of("https://[a-z]{2,10}\\.org/[a-z0-9]{0,8}"),
        sensitive in choice::<SensitiveData>(),
        granularity in choice::<Granularity>(),
        update in choice::<Frequency>(),
        collection in choice::<Frequency>(),
        existing in choice::<YesNo>(),
        classification in choice::<Classification>(),
        security in choice::<SecurityLevel>(),
        quality in choice::<Rating>(),
        priority in choice::<Rating>(),
        requests in choice::<RecordsRequests>(),
        category in choice::<Category>(),
        license in choice::<License>(),
        status in prop::sample::select(Status::ALL),
        decision in choice::<CdoDecision>(),
        dates in prop::collection::vec(date(), 5),
        current in any::<bool>(),
        prompts in any::<[bool; 8]>(),
        keywords in prop::collection::vec("[\\p{L}][\\p{L} ]{0,10}[\\p{L}]", 0..4),
    ) -> Dataset {
        let mut d = Dataset::default();
        let text_fields = [
            Field::Name, Field::Contents, Field::SystemOfRecord, Field::SensitiveComments,
            Field::Division, Field::Steward, Field::CollectionMechanism, Field::Format,
            Field::GeographicCoverage, Field::QualityDetails, Field::PriorityComments,
            Field::TechnicalChallenges, Field::ApprovedBy, Field::CdoNotes, Field::ReviewedBy,
        ];
        for (field, value) in text_fields.iter().zip(&texts) {
            d.set(*field, value).unwrap();
        }
        if d.name.is_empty() {
            d.name = "Unnamed dataset".into();
        }
        d.contact_email = email.unwrap_or_default();
        d.publication_link = link.unwrap_or_default();
        d.sensitive_data = sensitive;
        d.granularity = granularity;
        d.update_frequency = update;
        d.collection_frequency = collection;
        d.existing_publication = existing;
        d.classification = classification;
        d.security_level = security;
        d.quality = quality;
        d.priority = priority;
        d.records_requests = requests;
        d.category = category.map(|c| c.label().to_string()).unwrap_or_default();
        d.license = license.map(|l| l.label().to_string()).unwrap_or_default();
        d.status = status;
        d.cdo_decision = decision;
        d.start_date = dates[0];
        d.end_date = if current { Some(EndDate::Current) } else { dates[1].map(EndDate::On) };
        d.target_publication_date = dates[2];
        d.approval_date = dates[3];
        d.reviewed_on = dates[4];
        d.prompts = prompts;
        d.keywords = keywords.iter().map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect();
        d
    }
}

/// Every field but the ones the store keeps itself.
fn same_content(a: &Dataset, b: &Dataset) -> Result<(), TestCaseError> {
    for field in Field::ALL {
        if field != Field::LastUpdated {
            prop_assert_eq!(a.get(field), b.get(field), "{:?}", field);
        }
    }
    Ok(())
}

/// Some answered checks of one dataset: (which check, answer, note).
type Answers = Vec<(usize, Option<CheckAnswer>, String)>;

fn answers() -> impl Strategy<Value = Answers> {
    prop::collection::vec((0usize..100, choice::<CheckAnswer>(), text()), 0..4)
}

prop_compose! {
    fn publication_plan()(
        tactics in prop::collection::vec(prop::sample::select(Tactic::ALL), 0..4),
        dates in prop::collection::vec(date(), 3),
        announced_by in text(),
        maintained_by in text(),
    ) -> PublicationPlan {
        PublicationPlan {
            tactics,
            announce_on: dates[0],
            announced_by,
            maintained_by,
            published_on: dates[1],
            last_refreshed: dates[2],
        }
    }
}

fn inventory(datasets: Vec<Dataset>) -> Store {
    inventory_with_checks(datasets, Vec::new())
}

/// The datasets with their answers, and a plan for each dataset given one.
fn inventory_with_plans(
    datasets: Vec<Dataset>,
    answers: Vec<Answers>,
    plans: Vec<Option<PublicationPlan>>,
) -> Store {
    let mut store = inventory_with_checks(datasets, answers);
    let ids: Vec<InventoryId> = store
        .datasets()
        .unwrap()
        .into_iter()
        .filter_map(|d| d.id)
        .collect();
    for (id, plan) in ids.iter().zip(plans) {
        if let Some(plan) = plan {
            store.save_plan(id, &plan).unwrap();
        }
    }
    store
}

fn inventory_with_checks(datasets: Vec<Dataset>, answers: Vec<Answers>) -> Store {
    let mut store = common::store_with_parks();
    let writes: Vec<Write> = datasets.into_iter().map(Write::Insert).collect();
    store.apply(&writes, &common::parks(), "test", &[]).unwrap();
    let checks: Vec<&Question> = Bank::checklist()
        .questions
        .iter()
        .filter(|q| q.is_check())
        .collect();
    let ids: Vec<InventoryId> = store
        .datasets()
        .unwrap()
        .into_iter()
        .filter_map(|d| d.id)
        .collect();
    for (id, given) in ids.iter().zip(answers) {
        for (which, answer, note) in given {
            let question = checks[which % checks.len()];
            store.answer_check(id, question, answer, &note).unwrap();
        }
    }
    store
}

fn assert_round_trip(store: &Store, path: &std::path::Path) -> Result<(), TestCaseError> {
    let before = store.datasets().unwrap();
    let content = read_file(path).unwrap();
    prop_assert!(content.problems().is_empty(), "{:?}", content.problems());
    prop_assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    prop_assert_eq!(content.rows.len(), before.len());
    for (row, original) in content.rows.iter().zip(&before) {
        same_content(&row.dataset, original)?;
    }
    if path.extension().is_some_and(|e| e == "xlsx") {
        // Each plan is read back as it was saved, not merely left alone.
        let saved: Vec<(InventoryId, PublicationPlan)> = store
            .plans(None)
            .unwrap()
            .into_iter()
            .filter(|(_, p)| !p.is_empty())
            .collect();
        let read: Vec<(InventoryId, PublicationPlan)> = content
            .plans
            .iter()
            .map(|p| (p.id.clone(), p.plan.clone()))
            .collect();
        prop_assert_eq!(read, saved);
    }
    let plan = plan(store, path.to_path_buf(), content).unwrap();
    prop_assert_eq!(plan.count(ItemKind::Unchanged), before.len());
    prop_assert_eq!(plan.checklist(), 0, "{:?}", plan.checks);
    prop_assert_eq!(plan.plans(), 0, "{:?}", plan.plan_changes);
    prop_assert!(!plan.has_changes());
    prop_assert!(plan.not_in_file.is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn an_untouched_export_imports_as_zero_changes(
        datasets in prop::collection::vec(dataset(), 1..6),
        answers in prop::collection::vec(answers(), 0..6),
        plans in prop::collection::vec(prop::option::of(publication_plan()), 0..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = inventory_with_plans(datasets, answers, plans);
        let xlsx = dir.path().join("inventory.xlsx");
        export_xlsx(&mut store, &xlsx, None).unwrap();
        assert_round_trip(&store, &xlsx)?;
        let csv = dir.path().join("inventory.csv");
        export_csv(&store, &csv, None).unwrap();
        assert_round_trip(&store, &csv)?;
    }
}

#[test]
fn answered_checks_read_back_as_they_were_saved() {
    let dir = tempfile::tempdir().unwrap();
    let answers = vec![vec![
        (
            0,
            Some(CheckAnswer::Yes),
            "  =SUM(A1) \n second line ".to_string(),
        ),
        (1, None, "Only a note".to_string()),
        (2, Some(CheckAnswer::NotApplicable), String::new()),
    ]];
    let mut store = inventory_with_checks(vec![Dataset::named("Trees")], answers);
    let xlsx = dir.path().join("checks.xlsx");
    export_xlsx(&mut store, &xlsx, None).unwrap();
    let content = read_file(&xlsx).unwrap();
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let saved = store.checks(&id).unwrap();
    assert_eq!(content.checks.len(), 3);
    for check in &content.checks {
        let stored = &saved[&check.question_id];
        assert_eq!(check.answer, stored.answer);
        assert_eq!(check.note, stored.note);
        assert_eq!(check.on, Some(stored.on));
    }
    let plan = plan(&store, xlsx, content).unwrap();
    assert_eq!(plan.checklist(), 0);
}

#[test]
fn a_name_that_looks_like_a_formula_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = inventory(vec![Dataset::named("=HYPERLINK(\"http://x\")")]);
    let xlsx = dir.path().join("f.xlsx");
    export_xlsx(&mut store, &xlsx, None).unwrap();
    let content = read_file(&xlsx).unwrap();
    assert_eq!(content.rows[0].dataset.name, "=HYPERLINK(\"http://x\")");
}

#[test]
fn text_longer_than_a_cell_holds_is_refused_with_its_length() {
    let mut d = Dataset::named("Long");
    let err = d.set(Field::Contents, &"y".repeat(40_000)).unwrap_err();
    assert!(err.to_string().contains("40000 characters"), "{err}");
    assert!(d.contents.is_empty());
}
