CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE TABLE old_log (id int, what text);
CREATE TABLE counts (n int);
CREATE RULE items_log AS ON INSERT TO items DO ALSO (
  INSERT INTO old_log VALUES (new.id, 'insert');
  UPDATE counts SET n = n + 1
);
CREATE RULE items_clean AS ON DELETE TO items DO ALSO DELETE FROM old_log WHERE id = old.id;
