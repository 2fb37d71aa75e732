CREATE TABLE point2 (x int, y int);
CREATE DOMAIN pos AS point2 CHECK ((VALUE).x >= 0);
CREATE TABLE a_shape (id int, p pos);
