SELECT * FROM names;
