CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER s FOREIGN DATA WRAPPER w;
ALTER SERVER s OWNER TO pg_monitor;
-- a server's owner goes with it through a rename (a migrations folder's
-- replay), which is planned as a rename
CREATE SERVER t FOREIGN DATA WRAPPER w;
ALTER SERVER t OWNER TO pg_read_all_data;
ALTER SERVER t RENAME TO t2;
