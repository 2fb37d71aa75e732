-- the rows, the function and the view stayed; the new defaults and checks hold
SELECT * FROM domains;
INSERT INTO users (id) VALUES (2);
SELECT id, points, tag FROM users ORDER BY id;
SELECT conname FROM pg_constraint WHERE contypid = 'score'::regtype ORDER BY conname;
