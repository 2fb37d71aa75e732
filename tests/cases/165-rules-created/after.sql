CREATE SCHEMA audit;
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10, 2));
CREATE TABLE audit.log (id int, what text, at timestamptz DEFAULT now());
CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;
CREATE RULE items_no_negative AS ON INSERT TO items WHERE new.price < 0 DO INSTEAD NOTHING;
CREATE RULE items_log AS ON INSERT TO items DO ALSO INSERT INTO audit.log (id, what) VALUES (new.id, 'insert ' || new.name);
CREATE RULE items_upd AS ON UPDATE TO items WHERE old.price IS DISTINCT FROM new.price DO (
  INSERT INTO audit.log VALUES (old.id, 'old price');
  INSERT INTO audit.log (what, id) VALUES ('new price', new.id)
);
CREATE RULE "Items Delete" AS ON DELETE TO items DO INSTEAD UPDATE items SET price = NULL WHERE id = old.id;
CREATE RULE cheap_ins AS ON INSERT TO cheap DO INSTEAD INSERT INTO items VALUES (new.id, new.name, 1) RETURNING id, name;
COMMENT ON RULE "Items Delete" ON items IS 'soft delete';
