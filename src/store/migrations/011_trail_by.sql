-- Who gave each answer of the checklist's trail: the person at the desk (the
-- home department's first coordinator). Answers given before this column
-- existed, and answers read from a file, have no name: left empty, not guessed.
ALTER TABLE checklist_trail ADD COLUMN given_by TEXT NOT NULL DEFAULT '';
