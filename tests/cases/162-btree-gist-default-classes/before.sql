CREATE EXTENSION btree_gist;
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE TABLE b (id int, m mood, r int4range, v varchar(9), c cidr);
