BEGIN;
CREATE TABLE "public"."c" (
    "p_id" integer
);
CREATE TABLE "public"."p" (
    "id" integer NOT NULL,
    "code" text
);
CREATE UNIQUE INDEX p_id_key ON public.p USING btree (id);
ALTER TABLE "public"."c" ADD CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "public"."p" ("id");
COMMIT;
