//! The publish flow: who may publish (the CDO's office, Approved and
//! Published datasets), which organization, then one call per dataset, each
//! call's result written to the dataset's history at once (a run stopped
//! halfway keeps what was done). A dry run says what would be sent and
//! touches neither the network nor the inventory.

use serde_json::{Value, json};

use super::PortalRecord;
use super::ckan::{CallError, Ckan, Organization};
use super::plan::{self, Action, Plan, Planned};
use super::transport::Transport;
use crate::catalog::Facts;
use crate::desk::Desk;
use crate::model::{DepartmentCode, InventoryId};
use crate::progress::Watch;
use crate::store::{PortalCall, Store, StoreError};

/// What to publish, where.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The portal's address, like `https://data.city.gov`.
    pub portal: String,
    /// The organization's name or title on the portal; needed when the key's
    /// user may publish in more than one.
    pub organization: Option<String>,
    pub department: Option<DepartmentCode>,
    /// Only these datasets (the button publishes one).
    pub only: Option<Vec<InventoryId>>,
    pub dry_run: bool,
    /// Who publishes, for the history.
    pub by: String,
}

/// Why nothing was published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(
        "Publishing to the portal is done at the CDO's office: this inventory is {}. Send your workbook to the CDO's office; they publish the datasets they approve.",
        .0.as_named()
    )]
    NotThisDesk(Desk),
    #[error("\"{0}\" is not a portal's address: give it whole, like https://data.yourcity.gov")]
    BadAddress(String),
    #[error(
        "No dataset{} is Approved or Published, so there is nothing to publish. Datasets go to the portal once the CDO approves them.",
        .0.as_ref().map(|d| format!(" of {d}")).unwrap_or_default()
    )]
    NothingCleared(Option<String>),
    #[error(
        "There is no key to the portal. Copy your API token from your user page on the portal (API Tokens), type it in \"Your key to the portal\" beside the button and choose Keep the key (or keep it with `inventory-desk portal-key --ckan ADDRESS`); or set it in the environment variable {var} before starting the app or the command. It is never kept in the inventory.",
        var = super::TOKEN_VARIABLE
    )]
    NoToken,
    #[error("The portal's organizations could not be read. {0}")]
    Organizations(CallError),
    #[error(
        "The key's user may publish in no organization of the portal. Ask the portal's administrator to make that user an editor of the city's organization."
    )]
    NoOrganization,
    #[error(
        "The portal has no organization \"{given}\" that the key's user may publish in. Those it may: {}. Give one of them.",
        .known.join(", ")
    )]
    UnknownOrganization { given: String, known: Vec<String> },
    #[error(
        "The key's user may publish in more than one organization: {}. Say which (the command's --organization NAME, or \"Organization on the portal\" beside the button).",
        .0.join(", ")
    )]
    ChooseOrganization(Vec<String>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What became of one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub id: InventoryId,
    pub title: String,
    pub name: String,
    /// What was asked: "create, as private…".
    pub doing: &'static str,
    /// The dataset's id on the portal, or why it was not done.
    pub result: Result<String, CallError>,
}

/// What a publish did (or, for a dry run, would do).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub portal: String,
    pub dry_run: bool,
    pub organization: Option<Organization>,
    pub plan: Plan,
    /// One per planned dataset that was tried, in order.
    pub done: Vec<Done>,
    /// Planned datasets not tried: the portal stopped answering, or the
    /// person stopped the run.
    pub not_tried: Vec<InventoryId>,
}

impl Outcome {
    pub fn refused(&self) -> usize {
        self.done.iter().filter(|d| d.result.is_err()).count()
    }

    pub fn conflicts(&self) -> usize {
        self.done
            .iter()
            .filter(|d| matches!(d.result, Err(CallError::Conflict(_))))
            .count()
    }

    /// Whether everything planned went (and nothing was held back).
    pub fn all_sent(&self) -> bool {
        self.refused() == 0 && self.not_tried.is_empty() && self.plan.not_sent.is_empty()
    }

    /// The report in sentences, a line per dataset.
    pub fn message(&self) -> String {
        let count = crate::workbook::limits::count_of;
        let mut lines = Vec::new();
        let org = self
            .organization
            .as_ref()
            .map(|o| format!(" in the organization \"{}\"", o.title_or_name()))
            .unwrap_or_default();
        if self.dry_run {
            lines.push(format!(
                "Dry run: nothing was sent. {} would be sent to {}{org}:",
                count(self.plan.items.len(), "dataset", "datasets"),
                self.portal
            ));
            for p in &self.plan.items {
                lines.push(format!(
                    "  {} \"{}\" as {}: {}",
                    p.id,
                    p.title,
                    p.name,
                    p.doing()
                ));
            }
        } else {
            let ok = self.done.len() - self.refused();
            lines.push(format!(
                "Sent {} to {}{org}; {} refused.",
                count(ok, "dataset", "datasets"),
                self.portal,
                self.refused()
            ));
            for d in &self.done {
                match &d.result {
                    Ok(_) => lines.push(format!(
                        "  {} \"{}\" as {}: {}",
                        d.id, d.title, d.name, d.doing
                    )),
                    Err(e) => lines.push(format!("  {} \"{}\": not done. {e}", d.id, d.title)),
                }
            }
            if !self.not_tried.is_empty() {
                let ids: Vec<String> = self.not_tried.iter().map(|i| i.to_string()).collect();
                lines.push(format!(
                    "Not tried (publish again to send them): {}",
                    ids.join(", ")
                ));
            }
        }
        if !self.plan.not_sent.is_empty() {
            lines.push(format!(
                "Not sent ({}), with what to do:",
                self.plan.not_sent.len()
            ));
            for n in &self.plan.not_sent {
                lines.push(format!("  {} \"{}\": {}", n.id, n.name, n.why));
            }
        }
        lines.join("\n")
    }

    /// The report as one JSON object (`publish --json`).
    pub fn to_json(&self) -> Value {
        let items: Vec<Value> = self
            .plan
            .items
            .iter()
            .map(|p| {
                let done = self.done.iter().find(|d| d.id == p.id);
                let mut package = p.package.clone();
                if let (Some(o), Some(m)) = (&self.organization, package.as_object_mut()) {
                    m.insert("owner_org".into(), json!(o.id));
                }
                json!({
                    "id": p.id.to_string(),
                    "title": p.title,
                    "name": p.name,
                    "action": match p.action { Action::Create => "create", Action::Revise { .. } => "revise" },
                    "private": p.private,
                    "package": package,
                    "sent": done.is_some(),
                    "ckan_id": done.and_then(|d| d.result.as_ref().ok()),
                    "error": done.and_then(|d| d.result.as_ref().err()).map(|e| e.to_string()),
                    "conflict": done.and_then(|d| match &d.result { Err(CallError::Conflict(f)) => Some(f.clone()), _ => None }),
                })
            })
            .collect();
        json!({
            "portal": self.portal,
            "dry_run": self.dry_run,
            "organization": self.organization,
            "datasets": items,
            "not_sent": self.plan.not_sent,
            "not_tried": self.not_tried.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
        })
    }
}

impl Organization {
    fn title_or_name(&self) -> &str {
        if self.title.is_empty() {
            &self.name
        } else {
            &self.title
        }
    }
}

/// Publishes (or plans, for a dry run) the cleared datasets.
pub fn publish(
    store: &mut Store,
    transport: &dyn Transport,
    token: Option<&str>,
    options: &Options,
    watch: &dyn Watch,
) -> Result<Outcome, PublishError> {
    let desk = store.desk()?;
    if desk != Desk::CdoOffice {
        return Err(PublishError::NotThisDesk(desk));
    }
    let portal = address(&options.portal)?;
    let plan = plan_for(store, &portal, options)?;
    let mut outcome = Outcome {
        portal: portal.clone(),
        dry_run: options.dry_run,
        organization: None,
        plan,
        done: Vec::new(),
        not_tried: Vec::new(),
    };
    if options.dry_run {
        return Ok(outcome);
    }
    if outcome.plan.items.is_empty() {
        // All held back: said without asking the portal anything.
        return Ok(outcome);
    }
    let token = token
        .filter(|t| !t.trim().is_empty())
        .ok_or(PublishError::NoToken)?;
    let ckan = Ckan::new(&portal, Some(token), transport);
    let org = organization(&ckan, options.organization.as_deref())?;
    outcome.organization = Some(org.clone());
    let total = outcome.plan.items.len() as u64;
    let items = outcome.plan.items.clone();
    for (i, item) in items.iter().enumerate() {
        watch.progress(i as u64, total);
        if watch.stop_asked() {
            outcome
                .not_tried
                .extend(items[i..].iter().map(|p| p.id.clone()));
            break;
        }
        let result = send(&ckan, item, &org);
        let unreachable = matches!(result, Err(CallError::Unreachable { .. }));
        let call = history_call(&portal, item, &result);
        store.record_portal_call(&item.id, &options.by, &call)?;
        outcome.done.push(Done {
            id: item.id.clone(),
            title: item.title.clone(),
            name: item.name.clone(),
            doing: item.doing(),
            result: result.map(|r| r.ckan_id),
        });
        if unreachable {
            // The portal stopped answering: the rest would fail the same way.
            outcome
                .not_tried
                .extend(items[i + 1..].iter().map(|p| p.id.clone()));
            break;
        }
    }
    watch.progress(total, total);
    Ok(outcome)
}

/// The plan alone, as a dry run shows it.
pub fn plan_for(store: &Store, portal: &str, options: &Options) -> Result<Plan, PublishError> {
    let datasets: Vec<_> = store
        .datasets_in(options.department.as_ref())?
        .into_iter()
        .filter(|d| crate::catalog::is_cleared(d))
        .filter(|d| match (&options.only, &d.id) {
            (Some(only), Some(id)) => only.contains(id),
            (Some(_), None) => false,
            (None, _) => true,
        })
        .collect();
    if datasets.is_empty() {
        return Err(PublishError::NothingCleared(
            options.department.as_ref().map(|d| d.to_string()),
        ));
    }
    let facts = Facts::read(store, options.department.as_ref())?;
    let records = store.portal_records(portal)?;
    Ok(plan::plan(&datasets, &facts, &records))
}

/// The portal's address without a trailing slash; refused unless http(s).
pub fn address(text: &str) -> Result<String, PublishError> {
    let a = text.trim().trim_end_matches('/');
    let rest = a
        .strip_prefix("https://")
        .or_else(|| a.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(a.to_string()),
        _ => Err(PublishError::BadAddress(text.trim().to_string())),
    }
}

/// The organization to publish into: the one named, else the only one.
fn organization(ckan: &Ckan, wanted: Option<&str>) -> Result<Organization, PublishError> {
    let orgs = ckan.organizations().map_err(PublishError::Organizations)?;
    let known = || orgs.iter().map(|o| o.name.clone()).collect::<Vec<_>>();
    match wanted.map(str::trim).filter(|w| !w.is_empty()) {
        Some(w) => orgs
            .iter()
            .find(|o| o.name == w || o.id == w || o.title.eq_ignore_ascii_case(w))
            .cloned()
            .ok_or_else(|| PublishError::UnknownOrganization {
                given: w.to_string(),
                known: known(),
            }),
        None => match orgs.as_slice() {
            [] => Err(PublishError::NoOrganization),
            [one] => Ok(one.clone()),
            _ => Err(PublishError::ChooseOrganization(known())),
        },
    }
}

/// What the portal took: the record to keep.
struct Taken {
    ckan_id: String,
    record: PortalRecord,
}

/// One dataset's call.
fn send(ckan: &Ckan, item: &Planned, org: &Organization) -> Result<Taken, CallError> {
    let mut package = item.package.clone();
    if let Some(m) = package.as_object_mut() {
        m.insert("owner_org".into(), json!(org.id));
    }
    let kept = match &item.action {
        Action::Create => ckan.create(&package)?,
        Action::Revise { ckan_id, matching } => {
            let mut matching = matching.clone();
            let extras = matching
                .as_object_mut()
                .and_then(|m| m.remove("extras"))
                .unwrap_or(Value::Null);
            // CKAN keeps a dataset's extras in no set order, so a match
            // cannot compare them one by one: they are compared here, by key,
            // with what the portal holds just before the update.
            let shown = ckan.call("package_show", &json!({"id": ckan_id}))?;
            let changed = extras_changed(&extras, &shown["extras"]);
            if !changed.is_empty() {
                return Err(CallError::Conflict(changed));
            }
            ckan.revise(ckan_id, &matching, &package)?
        }
    };
    let ckan_id = kept["id"].as_str().unwrap_or_default().to_string();
    let ckan_name = kept["name"].as_str().unwrap_or(&item.name).to_string();
    Ok(Taken {
        ckan_id: ckan_id.clone(),
        record: PortalRecord {
            portal: ckan.address().to_string(),
            ckan_id,
            ckan_name,
            sent: plan::as_kept(&kept, &package),
            sent_at: crate::store::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        },
    })
}

/// The extras we last sent that the portal no longer holds as sent, as
/// `extras__KEY`.
fn extras_changed(sent: &Value, portal: &Value) -> Vec<String> {
    let pairs = |v: &Value| -> Vec<(String, Value)> {
        v.as_array()
            .map(|list| {
                list.iter()
                    .map(|e| {
                        (
                            e["key"].as_str().unwrap_or_default().to_string(),
                            e["value"].clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let there = pairs(portal);
    pairs(sent)
        .into_iter()
        .filter(|(k, v)| !there.iter().any(|(tk, tv)| tk == k && tv == v))
        .map(|(k, _)| format!("extras__{k}"))
        .collect()
}

fn history_call(portal: &str, item: &Planned, result: &Result<Taken, CallError>) -> PortalCall {
    let visibility = if item.private { "private" } else { "public" };
    let (verb, failed) = match item.action {
        Action::Create => ("created", "not created"),
        Action::Revise { .. } => ("updated", "not updated"),
    };
    match result {
        Ok(taken) => PortalCall {
            portal: portal.to_string(),
            done: format!("{verb} as {}, {visibility}", taken.record.ckan_name),
            ok: true,
            note: String::new(),
            record: Some(taken.record.clone()),
        },
        Err(e) => PortalCall {
            portal: portal.to_string(),
            done: match e {
                CallError::Conflict(_) => {
                    format!("{failed}: changed on the portal since last sent")
                }
                _ => failed.to_string(),
            },
            ok: false,
            note: e.to_string(),
            record: None,
        },
    }
}
