BEGIN;
CREATE EXTENSION IF NOT EXISTS "file_fdw";
CREATE FOREIGN DATA WRAPPER bare OPTIONS (debug 'true');
CREATE FOREIGN DATA WRAPPER mywrap HANDLER public.postgres_fdw_handler VALIDATOR public.postgres_fdw_validator;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER other FOREIGN DATA WRAPPER mywrap OPTIONS (host 'o''brien');
CREATE SERVER remote TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'app', host 'db.example', port '5432');
COMMIT;
