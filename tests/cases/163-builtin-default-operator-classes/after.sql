-- built-in default classes written out: the server leaves them out (the
-- type's own, or the one of the type it is binary-coercible to); the
-- others it keeps
CREATE TABLE z (v varchar(10), c cidr, a int[], id serial, n numeric(10,2), ts timestamp(3));
CREATE INDEX z1 ON z (v text_ops, c inet_ops, n numeric_ops);
CREATE INDEX z2 ON z USING gin (a array_ops);
CREATE INDEX z3 ON z (id int4_ops, ts pg_catalog.timestamp_ops, v varchar_ops);
CREATE INDEX z4 ON z (v text_pattern_ops);
