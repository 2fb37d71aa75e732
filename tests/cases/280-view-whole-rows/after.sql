CREATE TYPE pair AS (a integer, b text);
CREATE TABLE items (id integer, p pair);
CREATE SCHEMA o;
CREATE TABLE o.w (a integer);
-- (p).* is one field selection per field of the composite type, named by it
CREATE VIEW item_pairs AS SELECT id, (p).* FROM items;
-- a whole row: i.*::items in the select list, i.* elsewhere
CREATE VIEW item_rows AS SELECT i AS r, row_to_json(i) AS j FROM items i WHERE i IS NOT NULL;
CREATE VIEW w_rows AS SELECT w FROM o.w;
-- fields of a sub-select's row, of a table's row type and of a composite
CREATE VIEW row_fields AS SELECT (s.r).*, (s.r).p.b FROM (SELECT i AS r FROM items i) s;
