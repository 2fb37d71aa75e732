-- the server keeps IS NOT DISTINCT FROM as NOT (... IS DISTINCT FROM ...),
-- expands BETWEEN SYMMETRIC, keeps SIMILAR TO as ~ similar_to_escape(...)
-- and IN of one value as =: read so, they compare equal to what it keeps,
-- and the plan applied leaves nothing to do
CREATE TABLE t (
    a text,
    b text,
    n int,
    CONSTRAINT same CHECK (a IS NOT DISTINCT FROM b),
    CONSTRAINT range_either_way CHECK (n BETWEEN SYMMETRIC 5 AND 1),
    CONSTRAINT outside CHECK (n NOT BETWEEN SYMMETRIC 50 AND 10 OR a IS NOT DISTINCT FROM 'x'),
    CONSTRAINT lower_only CHECK (a SIMILAR TO '[a-z]+' AND b NOT SIMILAR TO 'x#%' ESCAPE '#'),
    CONSTRAINT one_value CHECK (a IN ('x') OR b NOT IN ('y'))
);
CREATE INDEX t_same ON t (n) WHERE a IS NOT DISTINCT FROM b;
