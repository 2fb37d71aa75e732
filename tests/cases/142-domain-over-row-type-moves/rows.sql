INSERT INTO shapes VALUES (1, '(1,2)', '(3,4)', '(5,6)', 'one');
