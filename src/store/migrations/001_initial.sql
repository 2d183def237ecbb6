-- The first schema: departments, their systems of record, datasets with every
-- workbook field as canonical text, review history, and export snapshots.

CREATE TABLE departments (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    divisions TEXT NOT NULL DEFAULT '[]',
    coordinators TEXT NOT NULL DEFAULT '[]',
    approver TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL DEFAULT '',
    -- The next dataset number; only ever grows, so an ID is never given twice.
    next_number INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE data_sources (
    id INTEGER PRIMARY KEY,
    department_code TEXT REFERENCES departments(code) ON DELETE SET NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    business_owner TEXT NOT NULL DEFAULT '',
    technical_owner TEXT NOT NULL DEFAULT '',
    vendor TEXT NOT NULL DEFAULT '',
    product TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    planned_changes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE datasets (
    inventory_id TEXT PRIMARY KEY,
    department_code TEXT NOT NULL REFERENCES departments(code),
    name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contents TEXT NOT NULL DEFAULT '',
    system_of_record TEXT NOT NULL DEFAULT '',
    sensitive_data TEXT NOT NULL DEFAULT '',
    sensitive_comments TEXT NOT NULL DEFAULT '',
    division TEXT NOT NULL DEFAULT '',
    steward TEXT NOT NULL DEFAULT '',
    collection_mechanism TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL DEFAULT '',
    end_date TEXT NOT NULL DEFAULT '',
    geographic_coverage TEXT NOT NULL DEFAULT '',
    granularity TEXT NOT NULL DEFAULT '',
    update_frequency TEXT NOT NULL DEFAULT '',
    collection_frequency TEXT NOT NULL DEFAULT '',
    existing_publication TEXT NOT NULL DEFAULT '',
    publication_link TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT '',
    security_level TEXT NOT NULL DEFAULT '',
    quality TEXT NOT NULL DEFAULT '',
    quality_details TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT '',
    priority_comments TEXT NOT NULL DEFAULT '',
    technical_challenges TEXT NOT NULL DEFAULT '',
    records_requests TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    license TEXT NOT NULL DEFAULT '',
    citywide_goal TEXT NOT NULL DEFAULT '',
    department_mission TEXT NOT NULL DEFAULT '',
    frequently_requested TEXT NOT NULL DEFAULT '',
    performance_or_budget TEXT NOT NULL DEFAULT '',
    legislative_reports TEXT NOT NULL DEFAULT '',
    grant_reports TEXT NOT NULL DEFAULT '',
    measurement_or_transaction TEXT NOT NULL DEFAULT '',
    drives_visualizations TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    target_publication_date TEXT NOT NULL DEFAULT '',
    approved_by TEXT NOT NULL DEFAULT '',
    approval_date TEXT NOT NULL DEFAULT '',
    cdo_decision TEXT NOT NULL DEFAULT '',
    cdo_notes TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NOT NULL DEFAULT '',
    reviewed_on TEXT NOT NULL DEFAULT '',
    last_updated TEXT NOT NULL DEFAULT ''
);
CREATE INDEX datasets_department ON datasets(department_code);
CREATE INDEX datasets_name ON datasets(department_code, name COLLATE NOCASE);

CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    inventory_id TEXT NOT NULL REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    entry TEXT NOT NULL
);
CREATE INDEX history_dataset ON history(inventory_id, at);

CREATE TABLE exports (
    export_id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    department_code TEXT,
    datasets INTEGER NOT NULL
);

-- What each exported row held, as one hash per field, so that an import of the
-- returned file can tell who changed a cell: the CDO, the coordinator, or both.
CREATE TABLE export_rows (
    export_id TEXT NOT NULL REFERENCES exports(export_id) ON DELETE CASCADE,
    inventory_id TEXT NOT NULL,
    hashes BLOB NOT NULL,
    PRIMARY KEY (export_id, inventory_id)
) WITHOUT ROWID;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
