CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
CREATE FUNCTION f() RETURNS int LANGUAGE plx AS 'begin return 1; end';
CREATE PROCEDURE p() LANGUAGE plx AS 'begin null; end';
CREATE FUNCTION s() RETURNS int LANGUAGE sql AS 'select 1';
-- its functions are then written in it under its new name
ALTER LANGUAGE plx RENAME TO ply;
