-- an enum losing a value and a domain changing its base type are rebuilt;
-- the domains and functions they take along come back with their comments
CREATE TYPE mood AS ENUM ('a', 'b', 'c');
CREATE DOMAIN dm AS mood;
COMMENT ON DOMAIN dm IS 'a domain over the enum';
CREATE FUNCTION f(x mood) RETURNS int LANGUAGE sql AS 'select 1';
COMMENT ON FUNCTION f(mood) IS 'over the enum';
CREATE DOMAIN code AS text;
CREATE FUNCTION g(x code) RETURNS int LANGUAGE sql AS 'select 2';
COMMENT ON FUNCTION g(code) IS 'over the domain';
CREATE TABLE t (m mood, d dm, c code);
