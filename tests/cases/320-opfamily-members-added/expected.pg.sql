BEGIN;
ALTER OPERATOR FAMILY "public"."int_fam" USING btree ADD OPERATOR 3 = (integer, bigint);
ALTER OPERATOR FAMILY "public"."int_fam" USING btree ADD OPERATOR 5 < (integer, bigint);
COMMIT;
