CREATE TABLE kept (id int PRIMARY KEY, v text);
CREATE TABLE rebuilt (id int PRIMARY KEY, n int);
CREATE PUBLICATION p_keeps FOR TABLE kept;
CREATE PUBLICATION p_rebuilt FOR TABLE rebuilt, kept;
