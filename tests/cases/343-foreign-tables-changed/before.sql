CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'nowhere.invalid');
CREATE SERVER other FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'elsewhere.invalid');
CREATE FOREIGN TABLE items (
  id integer OPTIONS (column_name 'ID') NOT NULL,
  name text OPTIONS (column_name 'NAME'),
  gone text
) SERVER remote OPTIONS (table_name 'items', fetch_size '100');
CREATE FOREIGN TABLE moved (id integer) SERVER remote;
COMMENT ON FOREIGN TABLE items IS 'old';
