BEGIN;
ALTER DOMAIN "public"."email" DROP CONSTRAINT "email_at";
-- online: add the check NOT VALID (new values are checked, no scan), validate next
ALTER DOMAIN "public"."email" ADD CONSTRAINT "email_at" CHECK (value ~~ '%_@_%') NOT VALID;
-- online: validate the columns of domain "email"; newer servers let writers run meanwhile, older ones make them wait
-- hazard validates-by-scan: scans every column of domain "email" to validate constraint "email_at"
ALTER DOMAIN "public"."email" VALIDATE CONSTRAINT "email_at";
-- online: add the check NOT VALID (new values are checked, no scan), validate next
ALTER DOMAIN "public"."email" ADD CONSTRAINT "email_short" CHECK (length(value) < 200) NOT VALID;
-- online: validate the columns of domain "email"; newer servers let writers run meanwhile, older ones make them wait
-- hazard validates-by-scan: scans every column of domain "email" to validate constraint "email_short"
ALTER DOMAIN "public"."email" VALIDATE CONSTRAINT "email_short";
COMMIT;
