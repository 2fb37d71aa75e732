/* leading block comment; with a semicolon */
-- line comment; too
SELECT 1; /* between /* nested */ still comment; */ SELECT 'x' -- trailing
;;
   ;
SELECT E'\';' AS q, "we;ird" FROM (SELECT 1 AS "we;ird") s;
-- only a comment at the end
