CREATE TABLE orders (id integer, qty bigint, price numeric(10,2), weight double precision,
    placed_at timestamptz, due date, note text, code varchar(20), paid boolean,
    meta jsonb, tags integer[]);
-- the server types what these views write loosely, and prints the casts it
-- adds and not those it leaves out: read so, each view compares equal to
-- what it keeps, and the plan applied leaves nothing to do
CREATE VIEW order_facts AS
SELECT id,
    (note || code)::text,
    (note || code)::text AS label,
    2 ^ id AS power,
    (ARRAY[id, 2])::text[] AS ids,
    ARRAY[[qty]]::numeric[] AS nested,
    (placed_at::date - due)::int AS late_days,
    id::integer AS same_id,
    code::varchar AS same_code,
    greatest(qty, id) AS top,
    least(price, 1) AS floor_price,
    coalesce(qty, id, 0) AS some_qty,
    CASE WHEN paid THEN weight ELSE id END AS w,
    qty::numeric / nullif(id, 0) AS ratio
FROM orders
WHERE meta @> '{"kind":"web"}' AND paid = 'yes' AND ROW(id, qty) <> ROW(0, 0)
    AND (id, qty) = (id, qty) AND (id, qty) < (100, 100);
