CREATE TRUSTED LANGUAGE ply HANDLER plpgsql_call_handler;
CREATE FUNCTION f() RETURNS int LANGUAGE ply AS 'begin return 2; end';
CREATE PROCEDURE p() LANGUAGE ply AS 'begin null; end';
CREATE FUNCTION s() RETURNS int LANGUAGE sql AS 'select 1';
