CREATE TABLE point2 (x int, y int);
CREATE TABLE point3 (x int, y int, z int);
CREATE DOMAIN pos AS point2 CHECK ((VALUE).x >= 0);
CREATE FUNCTION origin() RETURNS pos LANGUAGE sql AS $$ SELECT ROW(0, 0)::pos $$;
CREATE TYPE pair AS (a int, b int);
CREATE TYPE triple AS (a int, b int, c int);
CREATE DOMAIN tup AS pair;
CREATE TABLE shapes (id int, p pos, q pos DEFAULT '(0,0)', t tup, label text);
