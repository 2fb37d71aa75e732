SELECT string_agg(name, ',' ORDER BY id) FROM users;
