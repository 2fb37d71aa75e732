BEGIN;
SET check_function_bodies = false;
CREATE FUNCTION looks_like_email(email text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT email LIKE '%_@_%' $$;
ALTER DOMAIN "public"."email" DROP CONSTRAINT "email_check";
-- hazard validates-by-scan: scans every column of domain "email" to check the constraint
ALTER DOMAIN "public"."email" ADD CONSTRAINT "email_check" CHECK (looks_like_email(value));
DROP FUNCTION "public"."is_email"(text);
COMMIT;
