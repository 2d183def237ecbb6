-- The publication plan of the playbook's Step 3 (strategic publication), the
-- date a dataset went live, and the last time its data was refreshed.
CREATE TABLE publication_plans (
    inventory_id TEXT PRIMARY KEY REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    tactics TEXT NOT NULL DEFAULT '',
    announce_on TEXT NOT NULL DEFAULT '',
    announced_by TEXT NOT NULL DEFAULT '',
    maintained_by TEXT NOT NULL DEFAULT '',
    published_on TEXT NOT NULL DEFAULT '',
    last_refreshed TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
