BEGIN;
ALTER OPERATOR "public".~<< (text, text) SET (RESTRICT = "eqsel", JOIN = "eqjoinsel");
COMMIT;
