BEGIN;
-- hazard access-exclusive-lock: locks view "v" against reads and writes while it runs
DROP VIEW "public"."v";
-- hazard deletes-data: drops table "gone" and its rows
-- hazard access-exclusive-lock: locks the dropped tables against reads and writes while it runs
DROP TABLE "public"."gone";
-- the partitioning changes: drop and create the table
-- hazard deletes-data: drops table "parted" and its rows
-- hazard access-exclusive-lock: locks table "parted" against reads and writes while it runs
DROP TABLE "public"."parted";
CREATE TABLE "public"."parted" (
    "id" integer,
    "at" date
) PARTITION BY LIST (at);
CREATE VIEW public.v AS SELECT id FROM users;
REVOKE ALL ON SEQUENCE public.users_id_seq FROM PUBLIC;
REVOKE ALL ON SEQUENCE public.s FROM PUBLIC;
REVOKE ALL ("Odd Column") ON TABLE public."Odd Table" FROM PUBLIC;
REVOKE ALL ON TABLE public.users FROM PUBLIC;
GRANT SELECT, USAGE ON SEQUENCE public.s TO PUBLIC;
GRANT SELECT ("Odd Column"), INSERT ("Odd Column") ON TABLE public."Odd Table" TO PUBLIC;
GRANT SELECT, UPDATE ON TABLE public.users TO PUBLIC;
GRANT UPDATE ON TABLE public.v TO pg_monitor;
GRANT SELECT, INSERT ON TABLE public.v TO pg_monitor WITH GRANT OPTION;
GRANT SELECT ON TABLE public.parted TO PUBLIC;
GRANT SELECT (email), UPDATE (email) ON TABLE public.users TO PUBLIC;
COMMIT;
