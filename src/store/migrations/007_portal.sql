-- What a portal's catalog says of a dataset, kept so the app's data.json says it
-- again: its identifier on the portal, its dates there, its pages and documents.
ALTER TABLE datasets ADD COLUMN portal_identifier TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN issued TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN modified TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN landing_page TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN described_by TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN related_documents TEXT NOT NULL DEFAULT '';

-- Each dataset's distributions (files, pages, APIs), in their order.
CREATE TABLE distributions (
    inventory_id TEXT NOT NULL REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    download_url TEXT NOT NULL DEFAULT '',
    access_url TEXT NOT NULL DEFAULT '',
    media_type TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (inventory_id, position)
) WITHOUT ROWID;
