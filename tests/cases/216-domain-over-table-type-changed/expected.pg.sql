BEGIN;
CREATE TABLE "public"."point3" (
    "x" integer,
    "y" integer,
    "z" integer
);
DROP DOMAIN "public"."pos";
CREATE DOMAIN public.pos AS point3 CONSTRAINT pos_check CHECK ((value).x >= 0);
COMMIT;
