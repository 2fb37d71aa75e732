CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
