-- classes of public named as pg_catalog's: written bare, a name is
-- pg_catalog's (first in the search path), so public's stay qualified
CREATE OPERATOR CLASS public.box_ops FOR TYPE box USING gist AS
  OPERATOR 3 &&,
  FUNCTION 1 gist_box_consistent(internal, box, smallint, oid, internal),
  FUNCTION 2 gist_box_union(internal, internal),
  FUNCTION 5 gist_box_penalty(internal, internal, internal),
  FUNCTION 6 gist_box_picksplit(internal, internal),
  FUNCTION 7 gist_box_same(box, box, internal);
CREATE OPERATOR CLASS public.text_pattern_ops FOR TYPE text USING btree AS
  OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 bttextcmp(text, text);
CREATE TABLE b (a box, t text, EXCLUDE USING gist (a public.box_ops WITH &&));
CREATE INDEX b_a ON b USING gist (a public.box_ops);
CREATE INDEX b_c ON b USING gist (a box_ops);
CREATE INDEX b_t ON b (t public.text_pattern_ops);
CREATE INDEX b_u ON b (t text_pattern_ops);
-- a family of public named as pg_catalog's, as an ordering operator's sort family
CREATE OPERATOR FAMILY public.float_ops USING btree;
CREATE OPERATOR FAMILY public.pt_ops USING gist;
ALTER OPERATOR FAMILY public.pt_ops USING gist
  ADD OPERATOR 15 <-> (point, point) FOR ORDER BY public.float_ops;
CREATE OPERATOR FAMILY public.pt2_ops USING gist;
ALTER OPERATOR FAMILY public.pt2_ops USING gist
  ADD OPERATOR 15 <-> (point, point) FOR ORDER BY float_ops;
