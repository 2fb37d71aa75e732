CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE t (m mood);
CREATE VIEW tv AS SELECT m FROM t;
