BEGIN;
ALTER TYPE "public"."mood" ADD VALUE 'ok' AFTER 'sad';
ALTER TYPE "public"."mood" ADD VALUE 'great' AFTER 'happy';
COMMIT;
