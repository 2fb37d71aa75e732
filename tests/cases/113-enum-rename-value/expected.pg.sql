BEGIN;
ALTER TYPE "public"."mood" RENAME VALUE 'happy' TO 'joyful';
COMMIT;
