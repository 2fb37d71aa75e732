CREATE DOMAIN base_text AS text;
CREATE DOMAIN derived AS base_text CHECK (length(VALUE) > 0);
CREATE TABLE t (d derived);
