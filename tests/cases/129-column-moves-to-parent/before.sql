CREATE TABLE base (at timestamp DEFAULT now());
CREATE TABLE a (a1 integer, a2 integer) INHERITS (base);
ALTER TABLE a DROP COLUMN a2;
ALTER TABLE a ADD COLUMN e integer;
