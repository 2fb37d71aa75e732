CREATE TABLE a (id int) WITH (fillfactor=90);
CREATE TABLE b (id int);
CREATE TABLE c (id int) WITH (autovacuum_enabled=false, fillfactor=70);
