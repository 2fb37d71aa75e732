CREATE TABLE t (id int PRIMARY KEY, v int CONSTRAINT v_pos CHECK (v > 0));
CREATE INDEX t_v ON t (v);
