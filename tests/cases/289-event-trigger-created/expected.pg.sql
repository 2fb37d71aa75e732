BEGIN;
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl %', tg_tag; END $$;
CREATE EVENT TRIGGER ddl_log ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION public.log_ddl();
CREATE EVENT TRIGGER drop_log ON sql_drop EXECUTE FUNCTION public.log_ddl();
ALTER EVENT TRIGGER "drop_log" DISABLE;
COMMIT;
