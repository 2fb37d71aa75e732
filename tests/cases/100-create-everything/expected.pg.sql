BEGIN;
CREATE SCHEMA "audit";
CREATE EXTENSION IF NOT EXISTS "pgcrypto";
CREATE TYPE "public"."mood" AS ENUM ('sad', 'ok', 'happy');
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE "audit"."log" (
    "at" timestamp with time zone NOT NULL DEFAULT now()
);
CREATE TABLE "public"."posts" (
    "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    "user_id" integer NOT NULL,
    "title" character varying(200),
    CONSTRAINT "posts_title_check" CHECK (length(title) > 0),
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "public"."posts" ENABLE ROW LEVEL SECURITY;
CREATE TABLE "public"."users" (
    "id" serial NOT NULL,
    "name" text NOT NULL,
    "age" integer,
    "mood" mood DEFAULT 'ok',
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE INDEX posts_title_idx ON public.posts USING btree (title);
ALTER TABLE "public"."posts" ADD CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id");
CREATE VIEW public.adults AS SELECT id, name FROM users WHERE age >= 18;
CREATE VIEW public.adult_names AS SELECT name FROM adults;
CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION touch();
-- hazard access-exclusive-lock: locks table "posts" against reads and writes while it runs
CREATE POLICY own_posts ON public.posts TO public USING (user_id > 0) ;
COMMENT ON TABLE public.users IS 'people''s table';
COMMIT;
