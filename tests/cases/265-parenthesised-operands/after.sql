-- operands that need their parentheses: a cast or COLLATE of a call written
-- in SQL syntax (AT TIME ZONE, IS NORMALIZED; bare, the cast would bind to
-- the zone), an operand of AT TIME ZONE made of operators, and what a
-- subscript applies to (ARRAY[1, 2][1] is a syntax error)
CREATE TABLE ev (
    id bigint NOT NULL,
    ts timestamptz NOT NULL DEFAULT now(),
    a text DEFAULT ((now() AT TIME ZONE 'utc')::text COLLATE "C"),
    b boolean DEFAULT (('x' IS NFC NORMALIZED)::text = 'true'),
    c date GENERATED ALWAYS AS ((ts AT TIME ZONE 'UTC')::date) STORED,
    CONSTRAINT ck CHECK (((ts AT TIME ZONE 'UTC')::date) > '2000-01-01')
);
CREATE INDEX ev_day ON ev (((ts AT TIME ZONE 'UTC')::date));
CREATE VIEW v AS
    SELECT id, (ts AT TIME ZONE 'UTC')::date AS day,
           ((ts AT TIME ZONE 'UTC')::time)::text AS t,
           (ts + interval '1 day') AT TIME ZONE 'UTC' AS next_day,
           (ARRAY[id, 2])[1] AS first, (string_to_array(a, ','))[1] AS part
    FROM ev;
