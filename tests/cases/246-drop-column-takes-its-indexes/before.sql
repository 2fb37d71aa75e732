-- a column dropped takes along, on the server, the indexes and constraints
-- that use it, those over several columns too, and its comment: the plan
-- drops the column only, and its offline replay must drop the rest
CREATE TABLE t (id integer PRIMARY KEY, a integer, b integer, c text,
  CONSTRAINT t_ab UNIQUE (a, b), CONSTRAINT t_b_pos CHECK (b > 0),
  CONSTRAINT t_ab_order CHECK (a < b));
CREATE INDEX t_b ON t (b);
CREATE INDEX t_bc ON t (c, b);
CREATE INDEX t_c_where_b ON t (c) WHERE b IS NOT NULL;
CREATE INDEX t_a ON t (a);
COMMENT ON COLUMN t.b IS 'going';
