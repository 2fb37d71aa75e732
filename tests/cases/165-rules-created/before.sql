CREATE SCHEMA audit;
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10, 2));
CREATE TABLE audit.log (id int, what text, at timestamptz DEFAULT now());
CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;
