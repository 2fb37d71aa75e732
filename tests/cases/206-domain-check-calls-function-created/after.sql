CREATE FUNCTION is_email(email text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
  AS $$ BEGIN RETURN email LIKE '%@%'; END $$;
CREATE DOMAIN email AS text CHECK (is_email(VALUE));
CREATE FUNCTION initial(e email) RETURNS text LANGUAGE sql AS $$ SELECT left(e, 1) $$;
CREATE TABLE users (id int, mail email);
