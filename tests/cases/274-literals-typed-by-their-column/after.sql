-- a string literal compared with a column takes the column's type, and the
-- server keeps it as that type prints it ('2020-01-01 00:00:00+00', 5, 1.50,
-- '{"a": 1}', true, '1e+20'); a default of a float, uuid, boolean or timetz
-- column too: read so, each compares equal to what the server keeps, and the
-- plan applied leaves nothing to do
CREATE TABLE events (
    id integer,
    seq bigint,
    price numeric(10,2),
    ratio double precision DEFAULT '1e3',
    weight real DEFAULT '1e6',
    starts_at timestamp(3) with time zone,
    opens timetz DEFAULT '09:00+02',
    payload jsonb,
    active boolean DEFAULT 'yes',
    token uuid DEFAULT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    CONSTRAINT recent CHECK (starts_at >= '2020-01-01 12:30:00.5+02'),
    CONSTRAINT positive CHECK (id > '0' AND seq >= '1' AND '0.50' <= price),
    CONSTRAINT bounded CHECK (ratio < '1e20' AND weight BETWEEN '0' AND '1e6'),
    CONSTRAINT shaped CHECK (payload @> '{"kind":"event",  "v":1}' OR active <> 'on'),
    CONSTRAINT listed CHECK (id IN ('1', '2', '3') OR token <> '{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}')
);
CREATE INDEX events_future ON events (id) WHERE starts_at > '2024-06-01' AND active = 't';
CREATE INDEX events_kind ON events USING gin (payload) WHERE payload @> '{"kind": "event"}';
-- a domain's checks alike: VALUE is of the domain's type
CREATE DOMAIN quantity AS integer CHECK (VALUE > '0') CHECK (VALUE IN ('1', '10', '100'));
CREATE DOMAIN stamp AS timestamp(0) with time zone CONSTRAINT modern CHECK (VALUE >= '2000-01-01');
ALTER DOMAIN stamp ADD CONSTRAINT bounded CHECK (VALUE < '3000-01-01 00:00+01');
