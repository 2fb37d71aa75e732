SELECT name, age, token IS NOT NULL, n2 FROM users;
