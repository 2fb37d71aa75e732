CREATE EXTENSION postgres_fdw;
CREATE FOREIGN DATA WRAPPER mywrap HANDLER postgres_fdw_handler OPTIONS (a '1', b '2');
CREATE SERVER remote VERSION '14' FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host 'db.example', dbname 'app', port '5432');
CREATE SERVER moved FOREIGN DATA WRAPPER postgres_fdw;
CREATE SERVER plain FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'h');
COMMENT ON SERVER remote IS 'the shop';
COMMENT ON SERVER moved IS 'moves';
