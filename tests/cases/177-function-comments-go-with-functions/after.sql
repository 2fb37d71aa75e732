-- the comments of dropped functions go with them: no COMMENT ... IS NULL
-- after DROP SCHEMA; a comment removed from a function that stays is unset
CREATE FUNCTION public.h() RETURNS int LANGUAGE sql AS 'select 3';
