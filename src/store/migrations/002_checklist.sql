-- The data submission checklist's checks (Yes / No / Not applicable with a
-- note): the current answer of each, and every answer ever given, with its
-- date, as an audit trail.

CREATE TABLE checklist_answers (
    inventory_id TEXT NOT NULL REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    answered_on TEXT NOT NULL,
    PRIMARY KEY (inventory_id, question_id)
) WITHOUT ROWID;

-- Append-only, except that a note typed the same day as its answer updates
-- that day's entry instead of adding one per keystroke.
CREATE TABLE checklist_trail (
    id INTEGER PRIMARY KEY,
    inventory_id TEXT NOT NULL REFERENCES datasets(inventory_id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    note TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX checklist_trail_question ON checklist_trail(inventory_id, question_id, id);
