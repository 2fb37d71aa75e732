BEGIN;
REVOKE ALL ON TYPE public.span FROM pg_monitor;
GRANT USAGE ON TYPE public.span TO PUBLIC;
GRANT USAGE ON DOMAIN public.posint TO pg_monitor;
REVOKE USAGE ON DOMAIN public.posint FROM PUBLIC;
GRANT USAGE ON TYPE public.mood TO pg_monitor;
REVOKE USAGE ON TYPE public.mood FROM PUBLIC;
GRANT USAGE ON TYPE public.pair TO pg_read_all_data WITH GRANT OPTION;
COMMIT;
