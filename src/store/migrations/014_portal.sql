-- What was last sent to a CKAN portal for each dataset (src/portal): its id
-- and name there and the package as sent (JSON), so the next publish updates
-- it only where nobody changed it on the portal since. Never the key used to
-- send it: that stays outside the inventory.
CREATE TABLE portal_records (
    inventory_id TEXT NOT NULL REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    portal TEXT NOT NULL,
    ckan_id TEXT NOT NULL,
    ckan_name TEXT NOT NULL,
    sent TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (inventory_id, portal)
) WITHOUT ROWID;
