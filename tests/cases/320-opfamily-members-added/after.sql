CREATE TYPE pair AS (a integer, b integer);
CREATE FUNCTION pair_cmp(pair, pair) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$SELECT CASE WHEN $1.a < $2.a THEN -1 WHEN $1.a > $2.a THEN 1 ELSE 0 END$$;
CREATE FUNCTION pair_lt(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT $1.a < $2.a$$;
CREATE FUNCTION pair_eq(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT $1.a = $2.a$$;
CREATE OPERATOR <<< (FUNCTION = pair_lt, LEFTARG = pair, RIGHTARG = pair);
CREATE OPERATOR === (FUNCTION = pair_eq, LEFTARG = pair, RIGHTARG = pair);
-- a class that makes its family
CREATE OPERATOR CLASS pair_a_ops FOR TYPE pair USING btree AS
    OPERATOR 1 <<<, OPERATOR 3 ===, FUNCTION 1 pair_cmp(pair, pair);
-- a family first, a class in it, and loose members
CREATE OPERATOR FAMILY int_fam USING btree;
CREATE OPERATOR CLASS int_rev_ops FOR TYPE integer USING btree FAMILY int_fam AS
    OPERATOR 1 >, OPERATOR 3 =, FUNCTION 1 btint4cmp(integer, integer);
ALTER OPERATOR FAMILY int_fam USING btree ADD
    OPERATOR 1 > (integer, bigint), OPERATOR 3 = (integer, bigint), OPERATOR 5 < (integer, bigint), FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint);
CREATE TABLE t (id integer, p pair, b box);
CREATE INDEX t_p ON t (p pair_a_ops);
CREATE INDEX t_id ON t (id int_rev_ops);
