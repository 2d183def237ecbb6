//! Publishing to the city's CKAN portal: the only part of the app that uses
//! the network, and only when the person asks (`publish`, or the "Publish to
//! the portal" button on the CDO's desk).
//!
//! `plan` says what would be sent for each dataset (its catalog entry as a
//! CKAN package); `publish` picks the organization, creates each dataset
//! (private when Approved, public when Published) or revises the one sent
//! before, matching what was last sent so a change made on the portal is a
//! conflict, never overwritten; `ckan` is the Action API client and its
//! errors in plain words; `transport` is how a call travels (recorded replies
//! in tests); `key` is the person's key to the portal, from the environment
//! or the system keyring, never from or into the inventory.

pub mod ckan;
pub mod key;
pub mod plan;
pub mod publish;
pub mod transport;

pub use ckan::{CallError, Ckan, Organization};
pub use plan::{Action, NotSent, Plan, Planned};
pub use publish::{Done, Options, Outcome, PublishError, publish};
pub use transport::{Http, Recorded, Reply, Sent, Transport, Unreachable};

/// The environment variable that holds the person's API token for the portal.
pub const TOKEN_VARIABLE: &str = "INVENTORY_DESK_CKAN_TOKEN";

/// The setting that keeps the portal's address (not the key).
pub const ADDRESS_SETTING: &str = "portal_address";

/// The setting that keeps the organization on the portal the window publishes
/// in (needed when the key's user may publish in more than one).
pub const ORGANIZATION_SETTING: &str = "portal_organization";

/// The API token from the environment, when one is set.
pub fn token_from_environment() -> Option<String> {
    std::env::var(TOKEN_VARIABLE)
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// What was last sent to a portal for one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalRecord {
    /// The portal's address.
    pub portal: String,
    /// The dataset's id on the portal.
    pub ckan_id: String,
    /// Its name there (the last part of its address).
    pub ckan_name: String,
    /// The package as sent: the next update matches it.
    pub sent: serde_json::Value,
    pub sent_at: String,
}
