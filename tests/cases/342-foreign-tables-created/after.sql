CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'nowhere.invalid', dbname 'app');
CREATE TABLE parent (a int);
CREATE FOREIGN TABLE ft (
  id integer OPTIONS (column_name 'ID') NOT NULL DEFAULT 1,
  b text CHECK (b <> ''),
  c varchar(10) COLLATE "C"
) INHERITS (parent) SERVER remote OPTIONS (schema_name 'public', table_name 'items');
CREATE TABLE pt (a int) PARTITION BY LIST (a);
CREATE FOREIGN TABLE p1 PARTITION OF pt FOR VALUES IN (1) SERVER remote;
COMMENT ON FOREIGN TABLE ft IS 'remote items';
COMMENT ON COLUMN ft.b IS 'b col';
GRANT SELECT ON ft TO PUBLIC;
-- file_fdw: a server needs no connection to create it or a table on it
CREATE EXTENSION file_fdw;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE "Log" (line text) SERVER files OPTIONS (filename '/dev/null', format 'text');
