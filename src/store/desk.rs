//! Which desk the inventory is on (`crate::desk`), kept in its settings and
//! chosen once: while the inventory holds no dataset (at setup).

use super::{Refusal, Result, Store};
use crate::desk::{Desk, NotThisDesk};

/// The settings key of the desk; `set_setting` refuses it, so the desk
/// changes only through `choose_desk`.
pub(super) const DESK_KEY: &str = "desk";

impl Store {
    /// The inventory's desk. An inventory that never chose one is a
    /// department's (every inventory made before desks existed was).
    pub fn desk(&self) -> Result<Desk> {
        Ok(self
            .setting(DESK_KEY)?
            .as_deref()
            .and_then(Desk::from_key)
            .unwrap_or_default())
    }

    /// Sets the desk up. Refused once the inventory holds a dataset and the
    /// desk would change: a coordinator cannot turn into the CDO's office.
    pub fn choose_desk(&mut self, desk: Desk) -> Result<()> {
        let now = self.desk()?;
        if now == desk && self.setting(DESK_KEY)?.is_some() {
            return Ok(());
        }
        if now != desk && self.dataset_count()? > 0 {
            return Err(Refusal::NotThisDesk(NotThisDesk::Chosen(now)).into());
        }
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [DESK_KEY, desk.key()],
        )?;
        Ok(())
    }
}
