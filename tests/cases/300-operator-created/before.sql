CREATE FUNCTION reverse_textregexeq(text, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$ SELECT textregexeq($2, $1); $_$;
CREATE TABLE tags (id integer PRIMARY KEY, name text NOT NULL, pattern text);
