CREATE TABLE p (id int NOT NULL, code text NOT NULL, a int NOT NULL, b int NOT NULL, note text);
CREATE UNIQUE INDEX p_id_key ON p (id) INCLUDE (note);
CREATE UNIQUE INDEX p_code_key ON p (code);
CREATE UNIQUE INDEX p_ab_key ON p (a, b);
CREATE INDEX p_note_idx ON p (lower(note));
CREATE TABLE c (
  p_id int CONSTRAINT c_p_id_fkey REFERENCES p (id), -- plumb:renamed from=c_p_id_ref
  p_code text REFERENCES p (code),
  x int,
  y int,
  FOREIGN KEY (x, y) REFERENCES p (a, b)
);
