-- What each exported dataset's checklist held: for every answered check, the
-- hash of its question id and the hash of its answer and note, so that an
-- import of the returned file can tell who changed an answer. NULL for exports
-- made before the workbook carried the checklist: those get a two-way diff.
ALTER TABLE export_rows ADD COLUMN checks BLOB;
