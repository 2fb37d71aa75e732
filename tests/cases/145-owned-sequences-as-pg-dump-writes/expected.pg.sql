BEGIN;
CREATE SEQUENCE "public"."my_seq" AS integer;
CREATE TABLE "public"."t" (
    "id" serial NOT NULL
);
CREATE TABLE "public"."u" (
    "id" integer NOT NULL DEFAULT nextval('my_seq'::regclass)
);
ALTER SEQUENCE "public"."my_seq" OWNED BY public.u.id;
COMMIT;
