BEGIN;
CREATE EXTENSION IF NOT EXISTS "file_fdw";
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'app', host 'nowhere.invalid');
CREATE FOREIGN TABLE "public"."Log" (
    "line" text
) SERVER "files" OPTIONS (filename '/dev/null', format 'text');
CREATE TABLE "public"."parent" (
    "a" integer
);
CREATE FOREIGN TABLE "public"."ft" (
    "id" integer OPTIONS (column_name 'ID') NOT NULL DEFAULT 1,
    "b" text,
    "c" character varying(10) COLLATE "C",
    CONSTRAINT "ft_b_check" CHECK (b <> '')
) INHERITS ("public"."parent") SERVER "remote" OPTIONS (schema_name 'public', table_name 'items');
CREATE TABLE "public"."pt" (
    "a" integer
) PARTITION BY LIST (a);
CREATE FOREIGN TABLE "public"."p1" PARTITION OF "public"."pt" FOR VALUES IN (1) SERVER "remote";
COMMENT ON COLUMN public.ft.b IS 'b col';
COMMENT ON FOREIGN TABLE public.ft IS 'remote items';
GRANT SELECT ON TABLE public.ft TO PUBLIC;
COMMIT;
