CREATE EXTENSION postgres_fdw;
CREATE EXTENSION file_fdw;
-- a wrapper of the schema's own over the extension's functions
CREATE FOREIGN DATA WRAPPER mywrap HANDLER postgres_fdw_handler VALIDATOR postgres_fdw_validator;
CREATE FOREIGN DATA WRAPPER bare OPTIONS (debug 'true');
-- options in any order compare as the server stores them
CREATE SERVER remote TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (port '5432', host 'db.example', dbname 'app');
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER other FOREIGN DATA WRAPPER mywrap OPTIONS (host 'o''brien');
COMMENT ON FOREIGN DATA WRAPPER mywrap IS 'over postgres_fdw';
COMMENT ON SERVER remote IS 'the shop';
