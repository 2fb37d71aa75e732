BEGIN;
CREATE TABLE "app"."after_reset_all" (
    "a" integer
);
CREATE TABLE "app"."by_runner" (
    "a" integer
);
CREATE TABLE "app"."renamed" (
    "a" integer
);
CREATE TABLE "app"."while_granted" (
    "id" serial NOT NULL
);
CREATE TABLE "moved"."moved_later" (
    "a" integer
);
CREATE VIEW app.after_change AS SELECT 1 AS x;
GRANT SELECT ON SEQUENCE app.while_granted_id_seq TO pg_read_all_data;
GRANT DELETE ON TABLE app.after_change TO pg_write_all_data;
GRANT DELETE ON TABLE app.after_reset_all TO pg_write_all_data;
GRANT SELECT ON TABLE app.renamed TO pg_read_all_data;
GRANT SELECT ON TABLE app.while_granted TO pg_read_all_data;
GRANT SELECT ON TABLE moved.moved_later TO pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE ALL ON TABLES FROM pg_monitor;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT DELETE ON TABLES TO pg_write_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT SELECT ON SEQUENCES TO pg_read_all_data;
COMMIT;
