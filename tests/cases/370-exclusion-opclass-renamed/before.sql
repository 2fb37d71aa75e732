CREATE SCHEMA geo;
CREATE OPERATOR CLASS box_ops_old FOR TYPE box USING gist AS
    OPERATOR 3 &&, FUNCTION 1 gist_box_consistent(internal, box, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal), FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal), FUNCTION 7 gist_box_same(box, box, internal);
CREATE OPERATOR CLASS geo.box_ops_old FOR TYPE box USING gist AS
    OPERATOR 3 &&, FUNCTION 1 gist_box_consistent(internal, box, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal), FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal), FUNCTION 7 gist_box_same(box, box, internal);

-- an implicit name, and one of its own naming the class twice
CREATE TABLE t (id integer, b box, EXCLUDE USING gist (b box_ops_old WITH &&));
CREATE TABLE u (
    a box, b box,
    CONSTRAINT u_pair EXCLUDE USING gist (a box_ops_old WITH &&, b geo.box_ops_old WITH &&)
);
-- renamed as well
CREATE TABLE v (b box, CONSTRAINT v_old EXCLUDE USING gist (b box_ops_old WITH &&));
-- naming the class and changed otherwise: dropped and added
CREATE TABLE w (b box, CONSTRAINT w_b EXCLUDE USING gist (b box_ops_old WITH &&));
CREATE INDEX t_b ON t USING gist (b box_ops_old);
