CREATE SCHEMA s;
CREATE TABLE s.t (id serial PRIMARY KEY, v int UNIQUE);
CREATE INDEX t_v_idx ON s.t (v);
CREATE TABLE r (t_id int REFERENCES s.t);
