BEGIN;
DROP EVENT TRIGGER "e1";
CREATE FUNCTION newer() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
DROP FUNCTION "public"."log_ddl"();
CREATE EVENT TRIGGER e3 ON ddl_command_start EXECUTE FUNCTION public.newer();
COMMIT;
