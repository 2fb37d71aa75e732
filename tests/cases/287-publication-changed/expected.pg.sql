BEGIN;
DROP PUBLICATION "p_all";
CREATE PUBLICATION p_all FOR ALL TABLES;
ALTER PUBLICATION p_emptied DROP TABLE public.b, public.c;
ALTER PUBLICATION p_members SET TABLE public.a (id) WHERE (id > 0), public.c;
ALTER PUBLICATION p_options SET (publish = 'insert, update, delete, truncate', publish_via_partition_root = false);
COMMIT;
