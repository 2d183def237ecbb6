-- The profile of a sample of each dataset's data (src/profile): what each
-- column holds, its personal data flags and who may see it. Never the rows.
-- Kept whole as one JSON value per dataset: it is read and written whole, and
-- goes with its dataset on delete (and back with an undo).
CREATE TABLE profiles (
    inventory_id TEXT PRIMARY KEY REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    profile TEXT NOT NULL
) WITHOUT ROWID;
