CREATE TABLE p (id int NOT NULL, code text NOT NULL, PRIMARY KEY (code), UNIQUE (id));
CREATE TABLE c_id (p_id int REFERENCES p (id));
CREATE TABLE c_code (p_code text REFERENCES p (code) ON DELETE CASCADE);
CREATE TABLE other (id int PRIMARY KEY);
CREATE TABLE c_other (o_id int REFERENCES other);
