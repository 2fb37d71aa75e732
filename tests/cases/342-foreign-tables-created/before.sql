CREATE EXTENSION postgres_fdw;
