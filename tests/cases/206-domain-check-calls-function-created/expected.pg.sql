BEGIN;
SET check_function_bodies = false;
CREATE FUNCTION is_email(email text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN email LIKE '%@%'; END $$;
CREATE DOMAIN public.email AS text CONSTRAINT email_check CHECK (is_email(value));
CREATE FUNCTION initial(e email) RETURNS text LANGUAGE sql AS $$ SELECT left(e, 1) $$;
CREATE TABLE "public"."users" (
    "id" integer,
    "mail" email
);
COMMIT;
