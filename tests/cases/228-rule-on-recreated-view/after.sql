CREATE TABLE items (id int PRIMARY KEY, name text, price numeric);
CREATE VIEW priced AS SELECT id, price FROM items;
CREATE RULE priced_ins AS ON INSERT TO priced DO INSTEAD
  INSERT INTO items VALUES (new.id, NULL, new.price);
CREATE RULE items_guard AS ON DELETE TO items WHERE EXISTS (SELECT 1 FROM priced p WHERE p.id = old.id AND p.price > 100)
  DO INSTEAD NOTHING;
COMMENT ON RULE priced_ins ON priced IS 'insert through the view';
