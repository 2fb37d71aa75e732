CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl %', tg_tag; END $$;
CREATE EVENT TRIGGER e_state ON ddl_command_start EXECUTE FUNCTION log_ddl();
CREATE EVENT TRIGGER e_tags ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION log_ddl();
CREATE EVENT TRIGGER e_back ON table_rewrite EXECUTE FUNCTION log_ddl();
ALTER EVENT TRIGGER e_back ENABLE REPLICA;
CREATE EVENT TRIGGER e_gone ON sql_drop EXECUTE FUNCTION log_ddl();
