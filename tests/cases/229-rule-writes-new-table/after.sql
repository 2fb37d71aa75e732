CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE SCHEMA hist;
CREATE FUNCTION hist.label(t text) RETURNS text LANGUAGE sql IMMUTABLE RETURN 'item ' || t;
CREATE TABLE hist.items (id int, label text);
CREATE VIEW hist.recent AS SELECT id, label FROM hist.items;
CREATE RULE items_hist AS ON INSERT TO items DO ALSO
  INSERT INTO hist.items VALUES (new.id, hist.label(new.name));
CREATE RULE recent_ro AS ON DELETE TO hist.recent DO INSTEAD NOTHING;
