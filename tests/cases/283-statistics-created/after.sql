CREATE SCHEMA stats;
CREATE TABLE orders (id int PRIMARY KEY, region text, city text, zip text, total numeric);
CREATE STATISTICS orders_geo (dependencies, ndistinct) ON zip, city, region FROM orders;
CREATE STATISTICS orders_all ON region, city FROM orders;
ALTER STATISTICS orders_all SET STATISTICS 400;
CREATE STATISTICS stats.orders_expr ON lower(city), (total > 100) FROM orders;
CREATE STATISTICS orders_one ON (total * 2) FROM orders;
