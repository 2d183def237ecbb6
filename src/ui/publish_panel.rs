//! "Publish to the portal", on the CDO's desk, in the editor of an Approved
//! or Published dataset: the portal's address (kept as a setting), the button,
//! what the portal holds of the dataset, and the last result in plain words at
//! the dataset. The publish runs as a job (it uses the network), through
//! `crate::portal::publish`, which writes each call's result to the history.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::App;
use super::jobs::Work;
use super::long_work::Outcome;
use super::requests::Request;
use crate::desk::Desk;
use crate::model::{Dataset, InventoryId, Status};
use crate::portal::{self, PortalRecord, Transport};
use crate::store::Store;

/// How the window reaches the portal: the network and the key from the
/// environment, or (tests) recorded replies and a key given.
#[derive(Clone)]
pub struct PortalAccess {
    pub transport: Arc<dyn Transport>,
    /// `None`: INVENTORY_DESK_CKAN_TOKEN or the system keyring, read when
    /// publishing.
    pub token: Option<String>,
}

impl Default for PortalAccess {
    fn default() -> Self {
        PortalAccess {
            transport: Arc::new(portal::Http::default()),
            token: None,
        }
    }
}

/// The panel's state in one dataset's editor.
#[derive(Debug, Clone, Default)]
pub struct PublishPanel {
    /// The address typed, first the one kept in the settings.
    pub address: String,
    /// The organization on the portal typed, first the one kept (may be empty).
    pub organization: String,
    /// A key typed to be kept in the system's keyring; emptied once sent.
    key: String,
    /// What the portal holds of the dataset, by the last publish.
    record: Option<PortalRecord>,
    /// The last publish's result for this dataset: what was done, or why not.
    pub result: Option<Result<String, String>>,
    shown: bool,
}

impl PublishPanel {
    /// Reads the address kept and what was sent to it, for a dataset shown
    /// on `desk` (the panel shows only on the CDO's desk, for a dataset
    /// cleared for publication).
    pub fn read(store: &Store, id: &InventoryId, dataset: &Dataset, desk: Desk) -> Self {
        let address = store
            .setting(portal::ADDRESS_SETTING)
            .ok()
            .flatten()
            .unwrap_or_default();
        let organization = store
            .setting(portal::ORGANIZATION_SETTING)
            .ok()
            .flatten()
            .unwrap_or_default();
        let record = portal::publish::address(&address)
            .ok()
            .and_then(|a| store.portal_record(&a, id).ok().flatten());
        PublishPanel {
            address,
            organization,
            key: String::new(),
            record,
            result: None,
            shown: desk == Desk::CdoOffice
                && matches!(dataset.status, Status::Approved | Status::Published),
        }
    }

    /// Keeps the result and the typed address over a re-read.
    pub fn reread(&mut self, fresh: PublishPanel) {
        let result = self.result.take();
        let typed = std::mem::take(&mut self.address);
        let organization = std::mem::take(&mut self.organization);
        let key = std::mem::take(&mut self.key);
        *self = fresh;
        self.key = key;
        self.result = result;
        if !typed.is_empty() {
            self.address = typed;
        }
        if !organization.is_empty() {
            self.organization = organization;
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, id: &InventoryId, busy: bool, requests: &mut Vec<Request>) {
        if !self.shown {
            return;
        }
        ui.horizontal(|ui| {
            let label = ui.label("Portal address:");
            ui.add(
                egui::TextEdit::singleline(&mut self.address)
                    .hint_text("https://data.yourcity.gov")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            let button = ui.add_enabled(!busy, egui::Button::new("Publish to the portal"));
            if button
                .on_hover_text("Send this dataset to the city's CKAN portal: private while Approved, public once Published. Uses your key from INVENTORY_DESK_CKAN_TOKEN or the system keyring.")
                .clicked()
            {
                requests.push(Request::Publish {
                    id: id.clone(),
                    address: self.address.trim().to_string(),
                    organization: self.organization.trim().to_string(),
                });
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Your key to the portal:");
            ui.add(
                egui::TextEdit::singleline(&mut self.key)
                    .password(true)
                    .hint_text("the API token from your user page on the portal")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            let keep = ui.add_enabled(!self.key.trim().is_empty(), egui::Button::new("Keep the key"));
            if keep
                .on_hover_text("Kept in this computer's keyring for this portal's address, never in the inventory.")
                .clicked()
            {
                requests.push(Request::KeepPortalKey {
                    address: self.address.trim().to_string(),
                    key: std::mem::take(&mut self.key),
                });
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Organization on the portal:");
            ui.add(
                egui::TextEdit::singleline(&mut self.organization)
                    .hint_text("needed only when your key may publish in more than one")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        });
        if let Some(r) = &self.record {
            ui.label(
                RichText::new(format!(
                    "On the portal as {} (last sent {}).",
                    r.ckan_name, r.sent_at
                ))
                .weak(),
            );
        }
        match &self.result {
            Some(Ok(done)) => {
                ui.label(format!("✔ {done}"));
            }
            Some(Err(why)) => {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("⚠ {why}")).color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
                );
            }
            None => {}
        }
    }
}

impl App {
    /// Keeps the key in the system's keyring for the portal's address, and
    /// says what became of it.
    pub(super) fn keep_portal_key(&mut self, address: &str, key: &str) {
        let kept = portal::publish::address(address)
            .map_err(|e| e.to_string())
            .and_then(|a| {
                portal::key::keep(&a, key)
                    .map(|()| a)
                    .map_err(|e| e.to_string())
            });
        match kept {
            Ok(a) => self.info(format!(
                "Your key to {a} is kept in this computer's keyring (not in the inventory)."
            )),
            Err(e) => self.error(e),
        }
    }

    /// Lets a test answer for the portal (recorded replies) with a key.
    pub fn with_portal(mut self, transport: Arc<dyn Transport>, token: Option<String>) -> Self {
        self.portal = PortalAccess { transport, token };
        self
    }

    /// Publishes one dataset: keeps the address as a setting, then sends it
    /// as a job (it waits on the network).
    pub(super) fn start_publish(&mut self, id: InventoryId, address: String, organization: String) {
        let kept = self
            .store
            .set_setting(portal::ADDRESS_SETTING, &address)
            .and_then(|()| {
                self.store
                    .set_setting(portal::ORGANIZATION_SETTING, &organization)
            });
        if let Err(e) = kept {
            self.error(e.to_string());
            return;
        }
        let options = portal::Options {
            portal: address,
            organization: (!organization.is_empty()).then_some(organization),
            only: Some(vec![id.clone()]),
            by: "CDO's office".into(),
            ..portal::Options::default()
        };
        let access = self.portal.clone();
        let token = access.token.clone().or_else(|| {
            portal::publish::address(&options.portal)
                .ok()
                .and_then(|a| portal::key::token_for(&a))
        });
        let run = move |store: &mut Store, watch: &crate::progress::Shared| {
            portal::publish(
                store,
                access.transport.as_ref(),
                token.as_deref(),
                &options,
                watch,
            )
            .map_err(|e| e.to_string())
        };
        let Some(db) = self.store.path().map(|p| p.to_path_buf()) else {
            // An inventory kept in memory (tests) has no file to open twice.
            let result = run(&mut self.store, &Default::default());
            self.published(id, result);
            return;
        };
        let label = "Publishing to the portal".to_string();
        let job_id = id.clone();
        let started = self.jobs.start(Work::Publish, label, move |watch| {
            let result = Store::open(&db)
                .map_err(|e| e.to_string())
                .and_then(|mut store| run(&mut store, watch));
            Outcome::Published(job_id, result)
        });
        if let Err(busy) = started {
            self.error(busy.to_string());
        }
    }

    /// Shows the result at the dataset and in the status bar.
    pub(super) fn published(&mut self, id: InventoryId, result: Result<portal::Outcome, String>) {
        let said: Result<String, String> = match result {
            Err(e) => Err(e),
            Ok(outcome) => match (outcome.done.first(), outcome.plan.not_sent.first()) {
                (Some(done), _) => match &done.result {
                    Ok(_) => Ok(format!(
                        "Sent to {} as {}: {}.",
                        outcome.portal, done.name, done.doing
                    )),
                    Err(e) => Err(e.to_string()),
                },
                (None, Some(n)) => Err(format!("Not sent: {}", n.why)),
                (None, None) => Err("Nothing was sent.".into()),
            },
        };
        match &said {
            Ok(text) => self.info(text.clone()),
            Err(text) => self.error(text.clone()),
        }
        self.reload();
        if let Some(editor) = &mut self.screens.editor {
            if let Err(e) = editor.reread(&self.store, &id) {
                self.error(e.to_string());
            }
        }
        if let Some(editor) = &mut self.screens.editor
            && editor.id == id
        {
            editor.publish.result = Some(said);
        }
    }
}
