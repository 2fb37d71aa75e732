CREATE TABLE p (id int NOT NULL, code text);
CREATE UNIQUE INDEX p_id_uniq ON p (id) INCLUDE (code);
CREATE TABLE c (p_id int REFERENCES p (id));
