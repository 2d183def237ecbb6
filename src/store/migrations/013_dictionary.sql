-- The data dictionary's part of an export's snapshot (src/profile/dictionary.rs):
-- for each column of a dataset's sample that the Attributes sheet carried, the
-- hash of its name and of its description, unit and empty meaning, so that a
-- returned workbook's dictionary is merged three ways. The dictionary itself
-- is kept in the profile (012): no table of its own.
ALTER TABLE export_rows ADD COLUMN attributes BLOB;
