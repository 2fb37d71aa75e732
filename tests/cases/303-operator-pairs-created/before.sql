CREATE SCHEMA ops;
CREATE TYPE ops.size AS ENUM ('s', 'm', 'l');
CREATE FUNCTION ops.size_lt(ops.size, ops.size) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 < $2 $$;
CREATE FUNCTION ops.size_gt(ops.size, ops.size) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 > $2 $$;
CREATE FUNCTION ops.size_ge(ops.size, ops.size) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 >= $2 $$;
CREATE FUNCTION ops.neg(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT -$1 $$;
