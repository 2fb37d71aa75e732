BEGIN;
DROP VIEW "names";
ALTER TABLE "persons" RENAME TO "people";
ALTER TABLE "people" RENAME COLUMN "name" TO "full_name";
CREATE VIEW names AS SELECT full_name FROM people;
COMMIT;
