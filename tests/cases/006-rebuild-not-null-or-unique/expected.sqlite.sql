-- run with `sqlite3 -bail` (or `.bail on`): a failed statement must stop the script
PRAGMA foreign_keys = OFF;
BEGIN;
-- rebuild table "t": SQLite cannot ALTER this change
-- hazard rewrites-table: copies every row of table "t"
-- hazard needs-backfill: adds column "t"."must" NOT NULL without a default: fails if "t" has rows; give it a DEFAULT, or add it nullable and fill it first
CREATE TABLE "_plumb_new_t" (id INTEGER PRIMARY KEY, name TEXT, must TEXT NOT NULL);
INSERT INTO "_plumb_new_t" ("id", "name") SELECT "id", "name" FROM "t";
DROP TABLE "t";
ALTER TABLE "_plumb_new_t" RENAME TO "t";
-- rebuild table "u": SQLite cannot ALTER this change
-- hazard rewrites-table: copies every row of table "u"
CREATE TABLE "_plumb_new_u" (a, b UNIQUE);
INSERT INTO "_plumb_new_u" ("a") SELECT "a" FROM "u";
DROP TABLE "u";
ALTER TABLE "_plumb_new_u" RENAME TO "u";
CREATE TEMP TABLE _plumb_fk_check (violations INTEGER);
CREATE TEMP TRIGGER _plumb_fk_check_raise BEFORE INSERT ON _plumb_fk_check WHEN NEW.violations > 0 BEGIN SELECT RAISE(ROLLBACK, 'foreign key check failed: the changes were rolled back'); END;
INSERT INTO _plumb_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _plumb_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
