BEGIN;
-- hazard access-exclusive-lock: locks view "matching" against reads and writes while it runs
DROP VIEW "public"."matching";
-- hazard access-exclusive-lock: locks table "tags" against reads and writes while it runs
DROP INDEX "public"."tags_self";
-- hazard access-exclusive-lock: locks table "tags" against reads and writes while it runs
ALTER TABLE "public"."tags" DROP CONSTRAINT "tags_pattern";
DROP OPERATOR "public".~<< (text, text);
DROP FUNCTION "public"."reverse_textregexeq"(text, text);
COMMIT;
