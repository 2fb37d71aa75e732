CREATE TABLE t (id integer);
ALTER TABLE t OWNER TO postgres;
GRANT SELECT ON t TO postgres WITH GRANT OPTION;
CREATE TABLE u (id integer);
ALTER TABLE u OWNER TO postgres;
GRANT SELECT ON u TO postgres;
