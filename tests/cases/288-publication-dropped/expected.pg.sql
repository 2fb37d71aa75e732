BEGIN;
DROP PUBLICATION "p_gone";
-- hazard deletes-data: drops table "gone" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."gone";
-- the partitioning changes: drop and create the table
-- hazard deletes-data: drops table "rebuilt" and its rows
-- hazard access-exclusive-lock: locks table "rebuilt" against reads and writes while it runs
DROP TABLE "public"."rebuilt";
CREATE TABLE "public"."rebuilt" (
    "id" integer NOT NULL,
    "n" integer,
    CONSTRAINT "rebuilt_pkey" PRIMARY KEY ("id")
);
ALTER PUBLICATION p_rebuilt SET TABLE public.kept, public.rebuilt;
COMMIT;
