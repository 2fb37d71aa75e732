BEGIN;
-- hazard deletes-data: drops table "t" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."t";
CREATE TABLE "public"."base" (
    "id" bigserial NOT NULL,
    "kind" text NOT NULL
);
CREATE TABLE "public"."base_a" (
    CONSTRAINT "only_a" CHECK (kind = 'A'),
    CONSTRAINT "base_a_id_kind_key" UNIQUE ("id", "kind")
) INHERITS ("public"."base");
CREATE TABLE "public"."base_b" (
    "kind" text NOT NULL DEFAULT 'B',
    "note" text
) INHERITS ("public"."base");
COMMIT;
