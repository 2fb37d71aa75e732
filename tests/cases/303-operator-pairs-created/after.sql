CREATE SCHEMA ops;
CREATE TYPE ops.size AS ENUM ('s', 'm', 'l');
CREATE FUNCTION ops.size_lt(ops.size, ops.size) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 < $2 $$;
CREATE FUNCTION ops.size_gt(ops.size, ops.size) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 > $2 $$;
CREATE FUNCTION ops.size_ge(ops.size, ops.size) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 >= $2 $$;
CREATE FUNCTION ops.neg(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT -$1 $$;
CREATE OPERATOR ops.<<< (FUNCTION = ops.size_lt, LEFTARG = ops.size, RIGHTARG = ops.size,
    COMMUTATOR = OPERATOR(ops.>>>), NEGATOR = OPERATOR(ops.>>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR ops.>>> (FUNCTION = ops.size_gt, LEFTARG = ops.size, RIGHTARG = ops.size,
    COMMUTATOR = OPERATOR(ops.<<<));
CREATE OPERATOR ops.>>= (FUNCTION = ops.size_ge, LEFTARG = ops.size, RIGHTARG = ops.size,
    NEGATOR = OPERATOR(ops.<<<));
CREATE OPERATOR ops.!- (FUNCTION = ops.neg, RIGHTARG = integer);
CREATE TABLE ops.items (id integer, size ops.size, CHECK (OPERATOR(ops.!-) id < 0));
