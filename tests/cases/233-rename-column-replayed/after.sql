CREATE TABLE t (id int PRIMARY KEY, b int NOT NULL, CONSTRAINT t_a_check CHECK (b > 0), CONSTRAINT t_a_key UNIQUE (b));
CREATE INDEX t_a ON t (b);
CREATE TABLE r (id int PRIMARY KEY, t_a int, CONSTRAINT r_t_a_fkey FOREIGN KEY (t_a) REFERENCES t (b));
