CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
-- twice sorts after calc, which calls it; a BEGIN ATOMIC body is bound when created
CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
CREATE FUNCTION calc() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT sum(twice(a)) FROM v;
END;
