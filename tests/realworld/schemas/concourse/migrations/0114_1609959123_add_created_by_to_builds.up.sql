
ALTER TABLE builds
  ADD COLUMN created_by text;
