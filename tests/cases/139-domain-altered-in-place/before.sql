CREATE FUNCTION is_email(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t LIKE '%@%' $$;
CREATE DOMAIN email AS text CHECK (is_email(VALUE));
CREATE DOMAIN score AS integer DEFAULT 0 NOT NULL
  CONSTRAINT score_min CHECK (VALUE >= 0)
  CONSTRAINT score_cap CHECK (VALUE <= 100)
  CONSTRAINT score_odd CHECK (VALUE <> 13);
CREATE DOMAIN label AS varchar(20);
CREATE FUNCTION domain_of(e email) RETURNS text LANGUAGE sql AS $$ SELECT split_part(e, '@', 2) $$;
CREATE TABLE users (id int, mail email, points score, tag label);
CREATE VIEW domains AS SELECT domain_of(mail) AS d, points FROM users;
