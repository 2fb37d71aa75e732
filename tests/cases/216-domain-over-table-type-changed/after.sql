CREATE TABLE point2 (x int, y int);
CREATE TABLE point3 (x int, y int, z int);
CREATE DOMAIN pos AS point3 CHECK ((VALUE).x >= 0);
CREATE TABLE a_shape (id int, p pos);
