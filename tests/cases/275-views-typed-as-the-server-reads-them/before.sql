CREATE TABLE orders (id integer, qty bigint, price numeric(10,2), weight double precision,
    placed_at timestamptz, due date, note text, code varchar(20), paid boolean,
    meta jsonb, tags integer[]);
