INSERT INTO items VALUES (1, 'a', 5);
INSERT INTO items VALUES (2, 'b', -1);
INSERT INTO cheap VALUES (3, 'c');
SELECT id, what FROM audit.log ORDER BY id;
SELECT id, name, price FROM items ORDER BY id;
