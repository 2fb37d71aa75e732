BEGIN;
REVOKE ALL ON FUNCTION public.f() FROM pg_monitor;
REVOKE ALL ON TYPE public.mood FROM pg_monitor;
GRANT EXECUTE ON FUNCTION public.f() TO pg_monitor;
GRANT USAGE ON TYPE public.mood TO pg_monitor;
COMMIT;
