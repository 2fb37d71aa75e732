CREATE DOMAIN quantity AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS varchar(100);
-- an operator sees a domain's value as its base type's, and the server keeps
-- the cast it adds ((qty)::integer > 5), in a check, an index and a view
-- alike: read so, each compares equal to what it keeps, and the plan applied
-- leaves nothing to do
CREATE TABLE items (id integer, qty quantity, contact email,
    CONSTRAINT small CHECK (qty < 1000 AND qty IN ('1', '10', '100', '500')),
    CONSTRAINT mailed CHECK (lower(contact) = contact AND contact <> ''));
CREATE INDEX items_big ON items (id) WHERE qty > '10';
CREATE VIEW big_items AS SELECT id, qty + 1 AS next FROM items WHERE qty BETWEEN '10' AND 100;
