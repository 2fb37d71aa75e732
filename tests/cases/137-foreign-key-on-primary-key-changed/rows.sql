INSERT INTO p VALUES (1, 'one'), (2, 'two');
INSERT INTO c_id VALUES (1), (2);
INSERT INTO c_code VALUES ('one'), ('two');
