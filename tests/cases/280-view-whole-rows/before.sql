CREATE TYPE pair AS (a integer, b text);
CREATE TABLE items (id integer, p pair);
CREATE SCHEMA o;
CREATE TABLE o.w (a integer);
