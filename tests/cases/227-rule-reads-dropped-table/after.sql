CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE TABLE counts (n int);
CREATE RULE items_log AS ON INSERT TO items DO ALSO UPDATE counts SET n = n + 1;
