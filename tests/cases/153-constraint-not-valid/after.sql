CREATE TABLE u (id integer PRIMARY KEY);
CREATE TABLE v (x integer, y integer,
  CONSTRAINT f FOREIGN KEY (y) REFERENCES u,
  CONSTRAINT ck CHECK (y > 0));
-- a valid constraint made NOT VALID: dropped and added NOT VALID (no scan)
ALTER TABLE v ADD CONSTRAINT ck2 CHECK (x > 0) NOT VALID;
-- a new NOT VALID foreign key: no scan either
ALTER TABLE v ADD CONSTRAINT g FOREIGN KEY (x) REFERENCES u NOT VALID;
