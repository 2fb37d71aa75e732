CREATE COLLATION split (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE TABLE t (a text, b text COLLATE split, c text COLLATE split);
