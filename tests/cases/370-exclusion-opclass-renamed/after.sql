CREATE SCHEMA geo;
-- plumb:renamed from=box_ops_old
CREATE OPERATOR CLASS my_box_ops FOR TYPE box USING gist AS
    OPERATOR 3 &&, FUNCTION 1 gist_box_consistent(internal, box, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal), FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal), FUNCTION 7 gist_box_same(box, box, internal);
-- plumb:renamed from=box_ops_old
CREATE OPERATOR CLASS geo.box_ops_new FOR TYPE box USING gist AS
    OPERATOR 3 &&, FUNCTION 1 gist_box_consistent(internal, box, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal), FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal), FUNCTION 7 gist_box_same(box, box, internal);

-- kept: the server renames the classes under them
CREATE TABLE t (id integer, b box, EXCLUDE USING gist (b my_box_ops WITH &&));
CREATE TABLE u (
    a box, b box,
    CONSTRAINT u_pair EXCLUDE USING gist (a my_box_ops WITH &&, b geo.box_ops_new WITH &&)
);
CREATE TABLE v (
    b box,
    CONSTRAINT v_new EXCLUDE USING gist (b my_box_ops WITH &&) -- plumb:renamed from=v_old
);
CREATE TABLE w (b box, CONSTRAINT w_b EXCLUDE USING gist (b my_box_ops WITH &&) WHERE (b IS NOT NULL));
CREATE INDEX t_b ON t USING gist (b my_box_ops);
