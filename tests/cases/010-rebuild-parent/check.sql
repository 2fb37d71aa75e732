PRAGMA foreign_keys = ON;
-- the child rows survive and no foreign key is broken
SELECT count(*) FROM c;
SELECT count(*) FROM pragma_foreign_key_check;
-- the views work, the index and triggers are back
SELECT n FROM pv2;
SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name);
-- the triggers fire again and did not fire during the copy; the foreign key still cascades
INSERT INTO p VALUES (3, 'three');
INSERT INTO c VALUES (30, 3);
DELETE FROM p WHERE id = 1;
SELECT group_concat(msg) FROM log;
SELECT group_concat(id) FROM (SELECT id FROM c ORDER BY id);
