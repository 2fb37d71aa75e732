BEGIN;
CREATE TABLE "public"."t" (
    "id" integer NOT NULL,
    "name" text,
    CONSTRAINT "t_pkey" PRIMARY KEY ("id")
);
CREATE INDEX t_name ON public.t USING btree (name);
COMMIT;
