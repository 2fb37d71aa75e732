BEGIN;
ALTER FUNCTION public.f(integer, text) OWNER TO pg_read_all_data;
-- hazard access-exclusive-lock: locks table "t" against reads and writes while it runs
ALTER TABLE public.t OWNER TO pg_read_all_data;
COMMIT;
