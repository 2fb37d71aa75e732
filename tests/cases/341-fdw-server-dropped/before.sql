CREATE EXTENSION postgres_fdw;
CREATE FOREIGN DATA WRAPPER mywrap HANDLER postgres_fdw_handler;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.example');
CREATE SERVER mine FOREIGN DATA WRAPPER mywrap;
COMMENT ON SERVER mine IS 'going';
COMMENT ON FOREIGN DATA WRAPPER mywrap IS 'going too';
