CREATE TABLE p (id int NOT NULL, code text);
CREATE UNIQUE INDEX p_id_key ON p (id);
CREATE TABLE c (p_id int REFERENCES p (id));
