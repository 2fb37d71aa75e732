CREATE TABLE u (id integer PRIMARY KEY);
CREATE TABLE v (x integer, y integer);
-- already NOT VALID: --online leaves them as they are (no VALIDATE)
ALTER TABLE v ADD CONSTRAINT f FOREIGN KEY (x) REFERENCES u NOT VALID;
ALTER TABLE v ADD CONSTRAINT c CHECK (x > 0) NOT VALID;
-- valid: --online adds it NOT VALID, then validates it
ALTER TABLE v ADD CONSTRAINT d CHECK (y > 0);
