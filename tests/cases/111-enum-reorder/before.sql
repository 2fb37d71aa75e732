CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE t (m mood);
CREATE VIEW tv AS SELECT m FROM t;
