BEGIN;
ALTER OPERATOR FAMILY "public"."fam_old" USING hash RENAME TO fam;
ALTER OPERATOR FAMILY "public"."fam" USING hash ADD OPERATOR 1 === (integer, bigint);
ALTER OPERATOR FAMILY "public"."int_ops_old" USING btree RENAME TO int_ops;
ALTER OPERATOR CLASS "public"."hash_ops_old" USING hash RENAME TO hash_ops;
ALTER OPERATOR CLASS "public"."int_ops_old" USING btree RENAME TO int_ops;
COMMIT;
