CREATE TYPE pair AS (a integer, b text);
CREATE TABLE items (id integer, p pair, tags text[]);
-- (items).id is the column items.id; (p).a a field of a composite column,
-- named after the field; tags[1] named after the column
CREATE VIEW item_fields AS SELECT (items).id, (p).a, (items.p).b, tags[1], tags[1:2] AS head
    FROM items;
