CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
REVOKE USAGE ON LANGUAGE plx FROM PUBLIC;
GRANT USAGE ON LANGUAGE plx TO pg_monitor;
-- plpgsql is an extension's: its privileges are not managed
GRANT USAGE ON LANGUAGE plpgsql TO pg_monitor;
