BEGIN;
CREATE SEQUENCE "app"."by_runner";
CREATE SEQUENCE "app"."s";
CREATE TABLE "app"."gone" (
    "id" serial NOT NULL
);
CREATE TABLE "app"."runners" (
    "id" serial NOT NULL
);
CREATE TABLE "app"."t" (
    "id" serial NOT NULL,
    "big" bigserial NOT NULL,
    "ident" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
    "added" smallserial NOT NULL
);
GRANT USAGE ON SEQUENCE app.s TO pg_read_all_data;
GRANT UPDATE ON SEQUENCE app.s TO pg_write_all_data WITH GRANT OPTION;
GRANT SELECT ON SEQUENCE app.s TO PUBLIC;
GRANT USAGE ON SEQUENCE app.t_added_seq TO pg_read_all_data;
GRANT UPDATE ON SEQUENCE app.t_added_seq TO pg_write_all_data WITH GRANT OPTION;
GRANT SELECT ON SEQUENCE app.t_added_seq TO PUBLIC;
GRANT USAGE ON SEQUENCE app.t_big_seq TO pg_read_all_data;
GRANT UPDATE ON SEQUENCE app.t_big_seq TO pg_write_all_data WITH GRANT OPTION;
GRANT SELECT ON SEQUENCE app.t_big_seq TO PUBLIC;
GRANT USAGE ON SEQUENCE app.t_id_seq TO pg_read_all_data;
GRANT UPDATE ON SEQUENCE app.t_id_seq TO pg_write_all_data WITH GRANT OPTION;
GRANT SELECT ON SEQUENCE app.t_id_seq TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON SEQUENCES TO pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT SELECT ON SEQUENCES TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT UPDATE ON SEQUENCES TO pg_write_all_data WITH GRANT OPTION;
COMMIT;
