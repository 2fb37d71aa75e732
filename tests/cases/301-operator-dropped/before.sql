CREATE FUNCTION reverse_textregexeq(text, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$ SELECT textregexeq($2, $1); $_$;

CREATE OPERATOR public.~<< (
    FUNCTION = public.reverse_textregexeq,
    LEFTARG = text,
    RIGHTARG = text
);

CREATE TABLE tags (id integer PRIMARY KEY, name text NOT NULL, pattern text,
    CONSTRAINT tags_pattern CHECK (pattern IS NULL OR '' ~<< pattern OR true));
CREATE VIEW matching AS SELECT t.id, p.id AS pattern_id FROM tags t JOIN tags p ON t.name ~<< p.pattern;
CREATE INDEX tags_self ON tags ((name ~<< pattern));
