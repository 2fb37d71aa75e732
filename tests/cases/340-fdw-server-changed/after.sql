CREATE EXTENSION postgres_fdw;
-- the handler gone, an option dropped and one added
CREATE FOREIGN DATA WRAPPER mywrap
  OPTIONS (a '1', c '3');
-- an option set, one added, one dropped, the version changed
CREATE SERVER remote VERSION '15' FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host 'db2.example', dbname 'app', fetch_size '500');
-- another wrapper: dropped and created again
CREATE SERVER moved FOREIGN DATA WRAPPER mywrap;
CREATE SERVER plain FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'h');
COMMENT ON SERVER remote IS 'the new shop';
COMMENT ON SERVER moved IS 'moves';
