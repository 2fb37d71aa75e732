BEGIN;
DROP FUNCTION "auth"."uid"();
DROP FUNCTION "public"."g"(integer, character varying);
DROP SCHEMA "auth";
COMMENT ON FUNCTION public.h() IS NULL;
COMMIT;
