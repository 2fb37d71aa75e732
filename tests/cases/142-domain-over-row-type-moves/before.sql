CREATE TABLE point2 (x int, y int);
CREATE TABLE point3 (x int, y int, z int);
CREATE DOMAIN pos AS point2 CHECK ((VALUE).x >= 0);
CREATE FUNCTION origin() RETURNS pos LANGUAGE sql AS $$ SELECT ROW(0, 0)::pos $$;
CREATE TABLE shapes (id int, p pos, q pos DEFAULT '(0,0)', label text);
