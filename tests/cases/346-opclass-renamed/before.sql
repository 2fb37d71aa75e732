CREATE FUNCTION my_cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
CREATE FUNCTION my_eq(integer, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE OPERATOR === (FUNCTION = my_eq, LEFTARG = integer, RIGHTARG = bigint);

-- a class that makes its family of its name
CREATE OPERATOR CLASS int_ops_old FOR TYPE integer USING btree AS
    OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 my_cmp(integer, integer);

-- a family of its own, with a class in it
CREATE OPERATOR FAMILY fam_old USING hash;
CREATE OPERATOR CLASS hash_ops_old FOR TYPE integer USING hash FAMILY fam_old AS
    OPERATOR 1 =, FUNCTION 1 hashint4(integer);

CREATE TABLE t (id integer, k integer);
CREATE INDEX t_id ON t (id int_ops_old);
CREATE INDEX t_k ON t USING hash (k hash_ops_old);
