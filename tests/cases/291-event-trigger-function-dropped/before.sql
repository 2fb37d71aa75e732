CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl %', tg_tag; END $$;
CREATE FUNCTION other() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
CREATE EVENT TRIGGER e1 ON ddl_command_end EXECUTE FUNCTION log_ddl();
CREATE EVENT TRIGGER e2 ON sql_drop EXECUTE FUNCTION other();
