CREATE TABLE t (a integer, b text, c text, d numeric, e varchar(20), f text, g text);
-- n_distinct changed, n_distinct_inherited reset
ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100);
-- storage back to the type's own; compression back to the default
ALTER TABLE t ALTER COLUMN b SET STORAGE EXTENDED;
-- a type change resets storage: set again after it
ALTER TABLE t ALTER COLUMN e SET STORAGE EXTERNAL;
ALTER TABLE t ALTER COLUMN f SET STORAGE MAIN, ALTER COLUMN f SET COMPRESSION pglz,
  ALTER COLUMN f SET (n_distinct_inherited = 3);
-- a new column with its settings
ALTER TABLE t ALTER COLUMN g SET STORAGE EXTERNAL, ALTER COLUMN g SET (n_distinct = -0.5);
