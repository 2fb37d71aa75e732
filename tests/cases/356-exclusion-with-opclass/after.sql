CREATE OPERATOR CLASS box_ops2 FOR TYPE box USING gist AS
    OPERATOR 3 &&, FUNCTION 1 gist_box_consistent(internal, box, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal), FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal), FUNCTION 7 gist_box_same(box, box, internal);
CREATE TABLE t (id integer, b box, EXCLUDE USING gist (b box_ops2 WITH &&));
CREATE TABLE u (b box, CONSTRAINT u_b_excl EXCLUDE USING gist (b box_ops2 WITH &&));
