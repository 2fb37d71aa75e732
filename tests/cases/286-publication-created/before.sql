CREATE TABLE orders (id int PRIMARY KEY, region text, total numeric);
