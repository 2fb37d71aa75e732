BEGIN;
-- hazard validates-by-scan: scans every column of domain "email" to check the constraint
ALTER DOMAIN "public"."email" ADD CONSTRAINT "email_check1" CHECK (length(value) < 200);
ALTER DOMAIN "public"."label" SET DEFAULT 'none';
-- hazard validates-by-scan: scans every column of domain "label" to check the constraint
ALTER DOMAIN "public"."label" SET NOT NULL;
ALTER DOMAIN "public"."score" RENAME CONSTRAINT "score_min" TO "score_positive";
ALTER DOMAIN "public"."score" DROP CONSTRAINT "score_cap";
ALTER DOMAIN "public"."score" DROP CONSTRAINT "score_odd";
ALTER DOMAIN "public"."score" DROP NOT NULL;
ALTER DOMAIN "public"."score" SET DEFAULT 1;
-- hazard validates-by-scan: scans every column of domain "score" to check the constraint
ALTER DOMAIN "public"."score" ADD CONSTRAINT "score_cap" CHECK (value <= 1000);
COMMIT;
