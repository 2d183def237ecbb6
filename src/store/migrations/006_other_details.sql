-- What imported files said that fits no other field, kept as written.
ALTER TABLE datasets ADD COLUMN other_details TEXT NOT NULL DEFAULT '';
