CREATE DOMAIN amount AS integer CHECK (VALUE >= 0);
CREATE DOMAIN small_amount AS amount DEFAULT 5;
CREATE FUNCTION doubled(a amount) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT a * 2 $$;
CREATE TABLE orders (id int, total amount DEFAULT 0, fee small_amount, parts amount[]);
CREATE VIEW order_totals AS SELECT id, doubled(total) AS twice FROM orders;
CREATE TABLE other (id int);
CREATE VIEW others AS SELECT id FROM other;
