-- run with `sqlite3 -bail` (or `.bail on`): a failed statement must stop the script
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TRIGGER "c_ins";
DROP TRIGGER "p_ins";
DROP VIEW "pv2";
DROP VIEW "pv";
-- rebuild table "p": SQLite cannot ALTER this change
-- hazard rewrites-table: copies every row of table "p"
CREATE TABLE "_plumb_new_p" (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
INSERT INTO "_plumb_new_p" ("id", "name") SELECT "id", coalesce("name", '') FROM "p";
DROP TABLE "p";
ALTER TABLE "_plumb_new_p" RENAME TO "p";
-- hazard builds-index: builds index "p_name" on "p"
CREATE INDEX p_name ON p (name);
CREATE VIEW pv AS SELECT id, name FROM p;
CREATE VIEW pv2 AS SELECT count(*) AS n FROM pv;
CREATE TRIGGER c_ins AFTER INSERT ON c BEGIN INSERT INTO log SELECT name FROM p WHERE id = NEW.p_id; END;
CREATE TRIGGER p_ins AFTER INSERT ON p BEGIN INSERT INTO log VALUES (NEW.name); END;
CREATE TEMP TABLE _plumb_fk_check (violations INTEGER);
CREATE TEMP TRIGGER _plumb_fk_check_raise BEFORE INSERT ON _plumb_fk_check WHEN NEW.violations > 0 BEGIN SELECT RAISE(ROLLBACK, 'foreign key check failed: the changes were rolled back'); END;
INSERT INTO _plumb_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _plumb_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
