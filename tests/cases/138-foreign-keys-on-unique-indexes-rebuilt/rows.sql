INSERT INTO p VALUES (1, 'one', 10, 20, 'n');
INSERT INTO c VALUES (1, 'one', 10, 20);
