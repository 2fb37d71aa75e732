CREATE DOMAIN quantity AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS varchar(100);
CREATE TABLE items (id integer, qty quantity, contact email);
