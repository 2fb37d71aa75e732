-- run with `sqlite3 -bail` (or `.bail on`): a failed statement must stop the script
PRAGMA foreign_keys = OFF;
BEGIN;
-- rebuild table "people": SQLite cannot ALTER this change
-- hazard rewrites-table: copies every row of table "persons"
-- hazard deletes-data: drops column "people"."gone" and its values
CREATE TABLE "_plumb_new_people" (
  id INTEGER PRIMARY KEY,
  full_name VARCHAR(20) -- plumb:renamed from=name
);
INSERT INTO "_plumb_new_people" ("id", "full_name") SELECT "id", "name" FROM "persons";
DROP TABLE "persons";
ALTER TABLE "_plumb_new_people" RENAME TO "people";
CREATE TEMP TABLE _plumb_fk_check (violations INTEGER);
CREATE TEMP TRIGGER _plumb_fk_check_raise BEFORE INSERT ON _plumb_fk_check WHEN NEW.violations > 0 BEGIN SELECT RAISE(ROLLBACK, 'foreign key check failed: the changes were rolled back'); END;
INSERT INTO _plumb_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _plumb_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
