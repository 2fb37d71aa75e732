CREATE TABLE items (id int PRIMARY KEY, name text, qty int);
CREATE TABLE log (id int, name text);
CREATE RULE items_log AS ON INSERT TO items DO ALSO INSERT INTO log VALUES (new.id, new.name);
CREATE RULE items_qty AS ON UPDATE TO items WHERE new.qty < 0 DO INSTEAD NOTHING;
