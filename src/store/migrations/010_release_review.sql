-- The CDO's release review of a dataset (security, quality and privacy
-- checklists, and the sign-offs of the CISO, the policy and the communications
-- teams), kept whole as one JSON value per dataset: it is read and written
-- whole, and goes with its dataset on delete (and back with an undo).
CREATE TABLE release_reviews (
    inventory_id TEXT PRIMARY KEY REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    review TEXT NOT NULL
) WITHOUT ROWID;
