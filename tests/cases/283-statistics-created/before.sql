CREATE TABLE orders (id int PRIMARY KEY, region text, city text, zip text, total numeric);
