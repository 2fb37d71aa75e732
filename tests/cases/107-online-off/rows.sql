INSERT INTO users (name) VALUES ('ann'); INSERT INTO posts VALUES (1, 1);
