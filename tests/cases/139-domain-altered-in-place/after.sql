CREATE FUNCTION is_email(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t LIKE '%@%' $$;
CREATE DOMAIN email AS text CHECK (is_email(VALUE)) CHECK (length(VALUE) < 200);
CREATE DOMAIN score AS integer DEFAULT 1
  CONSTRAINT score_positive CHECK (VALUE >= 0)
  CONSTRAINT score_cap CHECK (VALUE <= 1000);
CREATE DOMAIN label AS varchar(20) DEFAULT 'none' NOT NULL;
CREATE FUNCTION domain_of(e email) RETURNS text LANGUAGE sql AS $$ SELECT split_part(e, '@', 2) $$;
CREATE TABLE users (id int, mail email, points score, tag label);
CREATE VIEW domains AS SELECT domain_of(mail) AS d, points FROM users;
