CREATE FUNCTION plx_handler() RETURNS language_handler
    AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE C;
CREATE FUNCTION plx_inline(internal) RETURNS void
    AS '$libdir/plpgsql', 'plpgsql_inline_handler' LANGUAGE C;
CREATE TRUSTED LANGUAGE plx HANDLER plx_handler INLINE plx_inline;
CREATE FUNCTION f() RETURNS int LANGUAGE plx AS 'begin return 1; end';
CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'select 2';
