-- Tactical Data Engagement projects. The project's own answers are kept as
-- one JSON document (they change together, a field at a time); the datasets
-- it uses are a table of their own so that a dataset can list its projects.
CREATE TABLE engagement_projects (
    id INTEGER PRIMARY KEY,
    focus_area TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE engagement_datasets (
    project_id INTEGER NOT NULL REFERENCES engagement_projects(id) ON DELETE CASCADE,
    inventory_id TEXT NOT NULL REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, inventory_id)
) WITHOUT ROWID;
CREATE INDEX engagement_datasets_dataset ON engagement_datasets(inventory_id);
