CREATE FUNCTION my_cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
CREATE FUNCTION my_eq(integer, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE OPERATOR === (FUNCTION = my_eq, LEFTARG = integer, RIGHTARG = bigint);

-- renamed, with the family it made: both renamed in place, the index kept
-- plumb:renamed from=int_ops_old
CREATE OPERATOR CLASS int_ops FOR TYPE integer USING btree AS
    OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 my_cmp(integer, integer);

-- plumb:renamed from=fam_old
CREATE OPERATOR FAMILY fam USING hash;
-- and gains a member: added after the rename
ALTER OPERATOR FAMILY fam USING hash ADD OPERATOR 1 === (integer, bigint);
-- plumb:renamed from=hash_ops_old
CREATE OPERATOR CLASS hash_ops FOR TYPE integer USING hash FAMILY fam AS
    OPERATOR 1 =, FUNCTION 1 hashint4(integer);

CREATE TABLE t (id integer, k integer);
CREATE INDEX t_id ON t (id int_ops);
CREATE INDEX t_k ON t USING hash (k hash_ops);
