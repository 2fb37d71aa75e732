CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
REVOKE USAGE ON LANGUAGE plx FROM PUBLIC;
GRANT USAGE ON LANGUAGE plx TO pg_monitor;
-- the grants go with the language, as on the server
ALTER LANGUAGE plx RENAME TO ply;
GRANT USAGE ON LANGUAGE ply TO pg_read_all_data;
ALTER LANGUAGE ply OWNER TO pg_read_all_stats;
