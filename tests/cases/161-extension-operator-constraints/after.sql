-- citext's operators: the server prints OPERATOR(public.<>) and
-- OPERATOR(public.=), and leaves out citext_ops (the default class)
CREATE EXTENSION citext;
CREATE TABLE u (email citext, CHECK (email <> ''::citext), CHECK (email = 'x'),
  EXCLUDE (email WITH =));
CREATE TABLE w (c citext, EXCLUDE USING btree (c citext_ops WITH =));
CREATE INDEX w_pattern ON w (c citext_pattern_ops);
