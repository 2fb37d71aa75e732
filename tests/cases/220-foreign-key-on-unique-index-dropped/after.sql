CREATE TABLE p (id int NOT NULL, code text);
CREATE TABLE c (p_id int);
