CREATE FUNCTION looks_like_email(email text) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS $$ SELECT email LIKE '%_@_%' $$;
CREATE DOMAIN email AS text CHECK (looks_like_email(VALUE));
CREATE FUNCTION initial(e email) RETURNS text LANGUAGE sql AS $$ SELECT left(e, 1) $$;
CREATE TABLE users (id int, mail email);
