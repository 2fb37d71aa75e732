-- run with `sqlite3 -bail` (or `.bail on`): a failed statement must stop the script
PRAGMA foreign_keys = OFF;
BEGIN;
-- hazard deletes-data: drops table "bigdata" and its rows
DROP TABLE "bigdata";
CREATE TEMP TABLE _plumb_fk_check (violations INTEGER);
CREATE TEMP TRIGGER _plumb_fk_check_raise BEFORE INSERT ON _plumb_fk_check WHEN NEW.violations > 0 BEGIN SELECT RAISE(ROLLBACK, 'foreign key check failed: the changes were rolled back'); END;
INSERT INTO _plumb_fk_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE _plumb_fk_check;
COMMIT;
PRAGMA foreign_keys = ON;
