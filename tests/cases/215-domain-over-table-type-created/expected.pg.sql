BEGIN;
CREATE TABLE "public"."point2" (
    "x" integer,
    "y" integer
);
CREATE DOMAIN public.pos AS point2 CONSTRAINT pos_check CHECK ((value).x >= 0);
CREATE TABLE "public"."a_shape" (
    "id" integer,
    "p" pos
);
COMMIT;
