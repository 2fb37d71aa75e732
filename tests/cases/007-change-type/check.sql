SELECT id, age, typeof(age) FROM t ORDER BY id;
