-- a table dropped takes along, on the server, its triggers, policies, rules,
-- indexes, comments, grants and the sequences it owns, and the foreign keys
-- of other tables that reference it: the plan drops the table only, and its
-- offline replay must drop the rest as the server does
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
CREATE TABLE kept (id integer PRIMARY KEY, gone_id integer);
