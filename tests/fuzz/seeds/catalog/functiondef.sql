CREATE OR REPLACE FUNCTION public.f(a integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT a + 1 $function$
