-- a table dropped takes along, on the server, its triggers, policies, rules,
-- indexes, comments, grants and the sequences it owns, and the foreign keys
-- of other tables that reference it: the plan drops the table only, and its
-- offline replay must drop the rest as the server does
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
CREATE TABLE gone (id integer PRIMARY KEY, n text, k integer);
CREATE SEQUENCE gone_k_seq OWNED BY gone.k;
CREATE INDEX gone_n ON gone (n);
CREATE TRIGGER gone_touch BEFORE UPDATE ON gone FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE gone ENABLE ROW LEVEL SECURITY;
CREATE POLICY gone_read ON gone USING (k > 0);
CREATE RULE gone_keep AS ON DELETE TO gone DO INSTEAD NOTHING;
COMMENT ON TABLE gone IS 'going';
COMMENT ON COLUMN gone.n IS 'its name';
GRANT SELECT ON gone TO PUBLIC;
CREATE TABLE kept (id integer PRIMARY KEY, gone_id integer REFERENCES gone);
