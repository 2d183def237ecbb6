-- What the person chose about a file that is not our own workbook (its columns,
-- its values, its department), remembered for the next file with the same headers.
CREATE TABLE import_mappings (
    signature TEXT PRIMARY KEY,
    choices TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
