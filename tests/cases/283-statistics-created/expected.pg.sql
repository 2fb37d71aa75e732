BEGIN;
CREATE SCHEMA "stats";
CREATE STATISTICS public.orders_all ON region, city FROM public.orders;
ALTER STATISTICS "public"."orders_all" SET STATISTICS 400;
CREATE STATISTICS public.orders_geo (ndistinct, dependencies) ON region, city, zip FROM public.orders;
CREATE STATISTICS public.orders_one ON (total * 2) FROM public.orders;
CREATE STATISTICS stats.orders_expr ON (lower(city)), (total > 100) FROM public.orders;
COMMIT;
