BEGIN;
CREATE FUNCTION looks_like_email(email text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT email LIKE '%_@_%' $$;
DROP DOMAIN "public"."email";
CREATE DOMAIN public.email AS text CONSTRAINT email_check CHECK (looks_like_email(value));
DROP FUNCTION "public"."is_email"(text);
COMMIT;
