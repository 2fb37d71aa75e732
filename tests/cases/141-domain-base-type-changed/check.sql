-- the values survive the move to bigint; the view reads through the function
SELECT twice FROM order_totals;
UPDATE orders SET total = total + 1000000000;
SELECT total, fee, parts FROM orders;
INSERT INTO orders (id) VALUES (2);
SELECT total, fee FROM orders WHERE id = 2;
SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attnum > 0 ORDER BY attnum;
