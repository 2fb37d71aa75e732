-- btree_gist's classes, the default ones written out (left out by the
-- server), and a built-in one that is not the default for gist (inet_ops)
CREATE EXTENSION btree_gist;
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE TABLE b (id int, m mood, r int4range, v varchar(9), c cidr,
  EXCLUDE USING gist (id WITH =, r WITH &&),
  EXCLUDE USING gist (m gist_enum_ops WITH =, r range_ops WITH &&));
CREATE INDEX b_id_v ON b USING gist (id gist_int4_ops, v gist_text_ops);
CREATE INDEX b_c ON b USING gist (c inet_ops);
