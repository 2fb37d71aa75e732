CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'nowhere.invalid');
CREATE TABLE kept (id integer);
CREATE FOREIGN TABLE items (id integer) SERVER remote OPTIONS (table_name 'items');
CREATE FOREIGN TABLE more_items (id integer) SERVER remote;
COMMENT ON FOREIGN TABLE items IS 'remote';
GRANT SELECT ON items TO PUBLIC;
