CREATE TABLE base (at timestamp DEFAULT now(), e integer);
CREATE TABLE a (a1 integer, a2 integer) INHERITS (base);
