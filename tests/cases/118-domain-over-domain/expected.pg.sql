BEGIN;
CREATE DOMAIN public.base_text AS text;
CREATE DOMAIN public.derived AS base_text CONSTRAINT derived_check CHECK (length(value) > 0);
CREATE TABLE "public"."t" (
    "d" derived
);
COMMIT;
