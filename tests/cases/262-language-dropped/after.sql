CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;
CREATE FUNCTION h() RETURNS int LANGUAGE plx AS 'begin return 3; end';
CREATE FUNCTION f() RETURNS int LANGUAGE plx AS 'begin return 1; end';
