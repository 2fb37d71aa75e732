CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'nowhere.invalid');
CREATE SERVER other FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'elsewhere.invalid');
-- options set, added and dropped, on the table and its columns; a column
-- added with options, one dropped, a default and a check added
CREATE FOREIGN TABLE items (
  id integer OPTIONS (column_name 'Id') NOT NULL DEFAULT 0,
  name text,
  price numeric OPTIONS (column_name 'PRICE'),
  CONSTRAINT price_positive CHECK (price > 0)
) SERVER remote OPTIONS (table_name 'items2', schema_name 'shop');
-- another server: dropped and created again
CREATE FOREIGN TABLE moved (id integer) SERVER other;
COMMENT ON FOREIGN TABLE items IS 'new';
