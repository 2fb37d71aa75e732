CREATE EXTENSION citext;
CREATE TABLE u (email citext);
CREATE TABLE w (c citext);
