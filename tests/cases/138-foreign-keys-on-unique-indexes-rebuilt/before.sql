CREATE TABLE p (id int NOT NULL, code text NOT NULL, a int NOT NULL, b int NOT NULL, note text);
CREATE UNIQUE INDEX p_id_key ON p (id);
CREATE UNIQUE INDEX p_code_key ON p (code);
CREATE UNIQUE INDEX p_ba_key ON p (b DESC, a);
CREATE INDEX p_note_idx ON p (note);
CREATE TABLE c (
  p_id int CONSTRAINT c_p_id_ref REFERENCES p (id),
  p_code text REFERENCES p (code),
  x int,
  y int,
  FOREIGN KEY (x, y) REFERENCES p (a, b)
);
