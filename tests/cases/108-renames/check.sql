SELECT string_agg(full_name, ',' ORDER BY id) FROM people;
