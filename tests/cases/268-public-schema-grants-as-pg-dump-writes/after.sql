CREATE TABLE t (id int);
-- as pg_dump of a PostgreSQL 14 database writes it (pagila): PUBLIC gets
-- CREATE on public too, which on 15 is more than initdb gave
REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO PUBLIC;
