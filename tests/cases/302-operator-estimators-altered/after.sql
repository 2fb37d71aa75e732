CREATE FUNCTION reverse_textregexeq(text, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$ SELECT textregexeq($2, $1); $_$;
CREATE TABLE tags (id integer PRIMARY KEY, name text NOT NULL, pattern text);

CREATE OPERATOR ~<< (FUNCTION = reverse_textregexeq, LEFTARG = text, RIGHTARG = text, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE INDEX tags_self ON tags ((name ~<< pattern));
