-- a column dropped takes along, on the server, the indexes and constraints
-- that use it, those over several columns too, and its comment: the plan
-- drops the column only, and its offline replay must drop the rest
CREATE TABLE t (id integer PRIMARY KEY, a integer, c text);
CREATE INDEX t_a ON t (a);
