//! The person's key (API token) to the portal: from the environment variable
//! INVENTORY_DESK_CKAN_TOKEN, else from the system keyring, where
//! `inventory-desk portal-key --ckan URL` keeps it for that portal. Never in
//! the inventory: the file travels (backups, copies to colleagues) and a key
//! publishes as its owner.
//!
//! The keyring is the platform's own: the Keychain on macOS, the Credential
//! Manager on Windows, and on Linux the kernel's keyring of the person's
//! login (it needs no desktop service running, so it also works on a server;
//! it forgets at logout, so the key is given again after a restart).

use super::TOKEN_VARIABLE;

/// The keyring's name for our entries; each portal's address is one entry.
const SERVICE: &str = "inventory-desk-ckan";

/// Why the keyring could not keep or read a key.
#[derive(Debug, thiserror::Error)]
#[error(
    "The system keyring could not {what} the key for {portal} ({why}). Set the key in the environment variable {TOKEN_VARIABLE} instead."
)]
pub struct KeyringFailed {
    what: &'static str,
    portal: String,
    why: String,
}

/// The key for `portal`: the environment's, else the keyring's.
pub fn token_for(portal: &str) -> Option<String> {
    super::token_from_environment().or_else(|| from_keyring(portal).ok().flatten())
}

/// The key the keyring keeps for `portal`, if any.
pub fn from_keyring(portal: &str) -> Result<Option<String>, KeyringFailed> {
    let failed = |why: keyring::Error| KeyringFailed {
        what: "read",
        portal: portal.to_string(),
        why: why.to_string(),
    };
    let entry = keyring::Entry::new(SERVICE, portal).map_err(failed)?;
    match entry.get_password() {
        Ok(token) => Ok(Some(token).filter(|t| !t.trim().is_empty())),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(failed(e)),
    }
}

/// Keeps the key for `portal` in the keyring.
pub fn keep(portal: &str, token: &str) -> Result<(), KeyringFailed> {
    let failed = |why: keyring::Error| KeyringFailed {
        what: "keep",
        portal: portal.to_string(),
        why: why.to_string(),
    };
    match keyring::Entry::new(SERVICE, portal).and_then(|e| e.set_password(token.trim())) {
        Ok(()) => Ok(()),
        // On Linux: the login has no keyring of its own (a service, a container).
        Err(keyring::Error::NoEntry) => Err(KeyringFailed {
            what: "keep",
            portal: portal.to_string(),
            why: "this login has no keyring".into(),
        }),
        Err(e) => Err(failed(e)),
    }
}

/// Forgets the key for `portal`; nothing when there is none.
pub fn forget(portal: &str) -> Result<(), KeyringFailed> {
    let failed = |why: keyring::Error| KeyringFailed {
        what: "forget",
        portal: portal.to_string(),
        why: why.to_string(),
    };
    match keyring::Entry::new(SERVICE, portal).and_then(|e| e.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_kept_in_the_keyring_is_read_back_and_forgotten() {
        let portal = format!("http://keyring-test-{}.example", std::process::id());
        if let Err(e) = keep(&portal, "key-123") {
            // A machine whose keyring refuses (a locked-down container) says
            // so; the environment variable still works there.
            eprintln!("no keyring here: {e}");
            return;
        }
        assert_eq!(from_keyring(&portal).unwrap().as_deref(), Some("key-123"));
        forget(&portal).unwrap();
        assert_eq!(from_keyring(&portal).unwrap(), None);
    }
}
