CREATE TYPE pair AS (a integer, b text);
CREATE TABLE items (id integer, p pair, tags text[]);
