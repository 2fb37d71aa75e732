BEGIN;
REVOKE ALL ON LANGUAGE ply FROM pg_read_all_data;
GRANT USAGE ON LANGUAGE ply TO pg_signal_backend;
COMMIT;
